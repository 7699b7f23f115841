"""The weekly note from a real database: "What changed" compares with what the previous
review saw, by when each reading was recorded, whatever day it is dated."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from okrtui.core.models import KeyResult, Metric, Objective
from okrtui.core.review_text import note_json, render_markdown
from okrtui.store.repository import Repository
from okrtui.store.review_data import review_inputs, weekly_note

LAST = date(2026, 11, 16)  # last week's review, on its Monday
TODAY = date(2026, 11, 23)  # this week's Monday
WEDNESDAY = LAST + timedelta(days=2)


def at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


def history(repo: Repository, metric: Metric, values: list[float], last: date = LAST) -> None:
    """A reading every Monday up to `last`, each recorded that morning at 09:00."""
    for i, value in enumerate(values):
        day = last - timedelta(weeks=len(values) - 1 - i)
        repo.record_reading(metric, day, value, today=TODAY, recorded_at=at(day))


SAVED = at(LAST, 9, 40)


def last_review(repo: Repository, saved_at: datetime = SAVED) -> None:
    """Last week's review, written on its Monday."""
    repo.journal.save_review("# Weekly review\n\n## What to test next\n\n- Call two "
                             "customers\n", LAST, LAST, saved_at=saved_at)


def churn(repo: Repository) -> Metric:
    metric = repo.add_metric(Metric(name="Churn", unit="%", direction="lower", range_max=3))
    history(repo, metric, [2.0, 2.2] * 6)
    return metric


def test_the_wednesday_reading_after_mondays_review_is_in_the_next_note(repo) -> None:
    metric = churn(repo)
    last_review(repo)
    repo.record_reading(metric, WEDNESDAY, 3.9, today=TODAY, recorded_at=at(WEDNESDAY, 14))
    repo.record_reading(metric, TODAY, 2.1, today=TODAY, recorded_at=at(TODAY, 8))
    note = weekly_note(repo, TODAY)
    assert ("Churn was outside its healthy range (≤ 3%) since the last review: 3.9% on "
            "2026-11-18; back in it: 2.1% on 2026-11-23.") in note.changed
    assert render_markdown(note).splitlines()[2].startswith(
        "Compared with the review of 2026-11-16 (saved 2026-11-16 09:40 UTC): ")


def test_a_reading_dated_before_the_review_but_recorded_after_it_is_news(repo) -> None:
    metric = churn(repo)
    last_review(repo)
    friday = LAST - timedelta(days=3)
    repo.record_reading(metric, friday, 3.4, today=TODAY, recorded_at=at(LAST, 16))
    changed = "\n".join(weekly_note(repo, TODAY).changed)
    assert "Churn was outside its healthy range (≤ 3%) since the last review: 3.4% on " \
        "2026-11-13" in changed
    # Recorded before the review was saved, the same reading is not news.
    other = repo.add_metric(Metric(name="Tickets", range_max=3))
    history(repo, other, [2.0, 2.2] * 6)
    repo.record_reading(other, friday, 3.4, today=TODAY, recorded_at=at(LAST, 9, 39))
    assert "Tickets" not in "\n".join(weekly_note(repo, TODAY).changed)


def test_a_correction_after_the_review_is_compared_with_the_value_it_saw(repo) -> None:
    metric = churn(repo)
    last_review(repo)
    repo.record_reading(metric, LAST, 3.5, today=TODAY, note="typo: 2.2 was 3.5",
                        recorded_at=at(LAST + timedelta(days=1)))
    (first, *_) = weekly_note(repo, TODAY).changed
    assert first == ("Churn left its healthy range (≤ 3%): 3.5% on 2026-11-16, was 2.2% on "
                     "2026-11-16.")


def test_a_kpi_fresh_at_the_last_review_and_stale_now_went_stale_since_it(repo) -> None:
    uptime = repo.add_metric(Metric(name="Uptime", unit="%", range_min=99.5))
    history(repo, uptime, [99.8, 99.9] * 5, last=LAST - timedelta(weeks=1))  # last: 11-09
    last_review(repo)
    note = weekly_note(repo, TODAY)
    assert ("Uptime went stale since the last review: last reading 2026-11-09 (14 days ago; "
            "reviewed weekly).") in note.changed
    # The week's window alone (Sunday 11-22) would have called it stale already then.
    data = review_inputs(repo, TODAY, TODAY)
    (state,) = data.kpis
    assert data.since == LAST and str(state.before.status) == "healthy"


def test_a_check_in_after_the_review_shows_as_a_change_of_confidence(repo) -> None:
    metric = repo.add_metric(Metric(name="Signups", watched=False))
    history(repo, metric, [10.0, 11.0])
    objective = repo.okrs.add_objective(Objective(quarter="2026-Q4", title="Grow",
                                                  owner="maria"))
    kr = repo.okrs.add_key_result(KeyResult(
        objective_id=objective.id or 0, metric_id=metric.id or 0, statement="Signups to 20",
        baseline=10, target=20, start=date(2026, 10, 1), due=date(2026, 12, 31)))
    repo.okrs.check_in(kr, 12, today=TODAY, at=LAST, confidence=7, recorded_at=at(LAST))
    last_review(repo)
    repo.okrs.check_in(kr, 13, today=TODAY, at=WEDNESDAY, confidence=4,
                       recorded_at=at(WEDNESDAY, 11))
    changed = "\n".join(weekly_note(repo, TODAY).changed)
    assert "KR1 Signups to 20: 30% done (was 20%), confidence 4/10 (was 7/10)" in changed


def test_an_edit_of_the_last_review_does_not_move_what_it_saw(repo) -> None:
    metric = churn(repo)
    last_review(repo)
    repo.record_reading(metric, WEDNESDAY, 3.9, today=TODAY, recorded_at=at(WEDNESDAY, 14))
    review = repo.journal.review_for(LAST)
    assert review is not None
    repo.journal.save_review(review.body + "\nA typo fixed on Friday.\n", LAST, TODAY)
    note = weekly_note(repo, TODAY)
    assert any("3.9% on 2026-11-18" in item for item in note.changed)
    assert "(first saved 2026-11-16 09:40 UTC)" in render_markdown(note)


def test_a_late_review_saw_only_up_to_its_sunday(repo) -> None:
    """Last week's review written on Wednesday covered up to its Sunday: Monday's and
    Tuesday's readings, though recorded before it was saved, are news for this week."""
    metric = churn(repo)
    previous = LAST - timedelta(weeks=1)
    repo.journal.save_review("# Late review\n", previous, WEDNESDAY,
                             saved_at=at(WEDNESDAY, 10))
    repo.record_reading(metric, LAST + timedelta(days=1), 3.2, today=TODAY,
                        recorded_at=at(LAST + timedelta(days=1)))
    data = note_json(weekly_note(repo, TODAY, LAST))
    assert data["since"] == "2026-11-15"
    assert data["previous_review"] == {"week": "2026-11-09", "day": "2026-11-15",
                                       "saved_at": "2026-11-18T10:00:00+00:00"}
    assert any("3.2% on 2026-11-17" in item for item in data["what_changed"])  # type: ignore[union-attr]


def test_without_an_earlier_review_the_note_compares_with_the_week_before(repo) -> None:
    metric = churn(repo)
    repo.record_reading(metric, WEDNESDAY, 3.9, today=TODAY, recorded_at=at(WEDNESDAY, 14))
    repo.record_reading(metric, TODAY, 2.1, today=TODAY, recorded_at=at(TODAY, 8))
    note = weekly_note(repo, TODAY)
    assert render_markdown(note).splitlines()[2] == (
        "Compared with 2026-11-22: no earlier review in the journal; data up to 2026-11-23.")
    # Wednesday was last week: the week's window compares with it, as before.
    assert "Churn is back in its healthy range: 2.1% on 2026-11-23." in note.changed
    assert note_json(note)["previous_review"] is None
