"""Metrics and readings through the repository, on a real SQLite file."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from okrtui.core.errors import AlreadyExists, EditConflict, InvalidInput, NotFound
from okrtui.core.kpi import Status
from okrtui.core.models import Metric, Point
from okrtui.store.database import open_database
from okrtui.store.repository import Repository


def add(repo: Repository, name: str = "Uptime", **fields) -> Metric:
    return repo.add_metric(Metric(name=name, **fields))


# -- metrics ---------------------------------------------------------------


def test_added_metric_comes_back_with_an_id_and_its_settings(repo: Repository) -> None:
    saved = add(repo, unit="%", range_min=99.5, owner="lee", cadence="monthly")
    assert saved.id is not None
    assert saved.version == 1
    again = repo.get_metric("Uptime")
    assert again == saved
    assert (again.unit, again.range_min, again.range_max) == ("%", 99.5, None)
    assert again.owner == "lee" and again.cadence == "monthly"


def test_metric_lookup_ignores_case_and_surrounding_spaces(repo: Repository) -> None:
    saved = add(repo, "Weekly Active Users")
    assert repo.get_metric("  weekly active users ") == saved


def test_unknown_metric_is_not_found_with_a_hint(repo: Repository) -> None:
    with pytest.raises(NotFound, match="okrtui metric list"):
        repo.get_metric("nope")


def test_a_duplicate_name_is_refused_whatever_its_case(repo: Repository) -> None:
    add(repo, "Revenue")
    with pytest.raises(AlreadyExists, match="already exists"):
        add(repo, "REVENUE")
    assert [m.name for m in repo.list_metrics(include_archived=True)] == ["Revenue"]


def test_an_archived_name_is_still_taken_and_the_message_says_how_to_restore(
    repo: Repository,
) -> None:
    add(repo, "Revenue")
    repo.set_archived("Revenue", True)
    with pytest.raises(AlreadyExists, match="unarchive"):
        add(repo, "revenue")


def test_metrics_are_listed_by_name(repo: Repository) -> None:
    for name in ("b", "C", "a"):
        add(repo, name)
    assert [m.name for m in repo.list_metrics()] == ["a", "b", "C"]


def test_edit_saves_changes_and_bumps_the_version(repo: Repository) -> None:
    saved = add(repo, range_min=90)
    edited = repo.update_metric(saved.model_copy(update={"range_max": 110, "unit": "%"}))
    assert edited.version == saved.version + 1
    assert repo.get_metric("Uptime").range_max == 110
    assert repo.get_metric("Uptime").unit == "%"


def test_renaming_to_another_metrics_name_is_refused(repo: Repository) -> None:
    add(repo, "a")
    b = add(repo, "b")
    with pytest.raises(AlreadyExists):
        repo.update_metric(b.model_copy(update={"name": "A"}))
    assert repo.get_metric("b") == b


def test_renaming_a_metric_to_a_different_case_of_its_own_name_works(repo: Repository) -> None:
    saved = add(repo, "uptime")
    assert repo.update_metric(saved.model_copy(update={"name": "Uptime"})).name == "Uptime"


def test_saving_a_stale_copy_after_someone_else_edited_is_refused_and_changes_nothing(
    repo: Repository, db_path: Path
) -> None:
    mine = add(repo, range_min=90)
    other_db = open_database(db_path)
    theirs = Repository(other_db, "colleague")
    their_copy = theirs.get_metric("Uptime")
    after_theirs = theirs.update_metric(their_copy.model_copy(update={"range_min": 95}))
    other_db.close()

    with pytest.raises(EditConflict, match="changed by colleague"):
        repo.update_metric(mine.model_copy(update={"range_min": 10, "owner": "me"}))
    assert repo.get_metric("Uptime") == after_theirs


def test_archiving_hides_a_metric_and_unarchiving_brings_it_back(repo: Repository) -> None:
    add(repo, "a")
    add(repo, "b")
    archived = repo.set_archived("a", True)
    assert archived.archived
    assert [m.name for m in repo.list_metrics()] == ["b"]
    assert [m.name for m in repo.list_metrics(include_archived=True)] == ["a", "b"]
    assert repo.get_metric("a").archived

    restored = repo.set_archived("a", False)
    assert not restored.archived
    assert [m.name for m in repo.list_metrics()] == ["a", "b"]


def test_archiving_keeps_the_history(repo: Repository, today: date) -> None:
    metric = add(repo)
    repo.record_reading(metric, today, 99.9, today=today)
    repo.set_archived("Uptime", True)
    assert [r.value for r in repo.history(metric.id or 0)] == [99.9]


# -- readings --------------------------------------------------------------


def test_recorded_reading_keeps_value_note_author_and_source(
    repo: Repository, today: date
) -> None:
    metric = add(repo)
    reading = repo.record_reading(
        metric, today - timedelta(days=1), 99.7, today=today, note="after the fix", source="tui"
    )
    assert reading.id is not None
    assert (reading.at, reading.value, reading.note) == (today - timedelta(days=1), 99.7,
                                                         "after the fix")
    assert reading.author == "tester" and reading.source == "tui"
    assert reading.recorded_at is not None
    assert reading.supersedes is None and not reading.superseded
    assert repo.get_reading(reading.id) == reading


def test_hostile_note_is_stored_neutralised(repo: Repository, today: date) -> None:
    metric = add(repo)
    reading = repo.record_reading(metric, today, 1, today=today, note="\x1b]0;pwned\x07[b]x[/]")
    stored = repo.get_reading(reading.id or 0)
    assert "\x1b" not in stored.note and "\x07" not in stored.note
    assert "[b]x[/]" in stored.note


def test_a_correction_on_the_same_date_supersedes_the_old_reading(
    repo: Repository, today: date
) -> None:
    metric = add(repo, range_min=90)
    first = repo.record_reading(metric, today, 9.99, today=today, note="typo")
    second = repo.record_reading(metric, today, 99.9, today=today, note="fixed")

    history = repo.history(metric.id or 0)
    assert [r.id for r in history] == [second.id, first.id]
    old = repo.get_reading(first.id or 0)
    assert old.superseded and old.value == 9.99
    assert second.supersedes == first.id and not second.superseded
    assert repo.current_points(metric.id or 0) == [Point(at=today, value=99.9)]
    assert repo.reading_count() == 2


def test_a_second_correction_supersedes_the_first_correction(
    repo: Repository, today: date
) -> None:
    metric = add(repo)
    a = repo.record_reading(metric, today, 1, today=today)
    b = repo.record_reading(metric, today, 2, today=today)
    c = repo.record_reading(metric, today, 3, today=today)
    assert (b.supersedes, c.supersedes) == (a.id, b.id)
    assert [r.superseded for r in repo.history(metric.id or 0)] == [False, True, True]
    assert [p.value for p in repo.current_points(metric.id or 0)] == [3]


def test_a_future_date_is_refused_and_nothing_is_saved(repo: Repository, today: date) -> None:
    metric = add(repo)
    with pytest.raises(InvalidInput, match="in the future"):
        repo.record_reading(metric, today + timedelta(days=1), 1, today=today)
    assert repo.reading_count() == 0


def test_history_is_newest_date_first_and_can_be_limited(repo: Repository, today: date) -> None:
    metric = add(repo)
    for days_ago in (14, 0, 7):
        repo.record_reading(metric, today - timedelta(days=days_ago), days_ago, today=today)
    assert [r.value for r in repo.history(metric.id or 0)] == [0, 7, 14]
    assert [r.value for r in repo.history(metric.id or 0, limit=2)] == [0, 7]


def test_current_points_are_oldest_first_up_to_a_day_and_limited_to_the_latest(
    repo: Repository, today: date
) -> None:
    metric = add(repo)
    for days_ago in range(5):
        repo.record_reading(metric, today - timedelta(days=days_ago), days_ago, today=today)
    points = repo.current_points(metric.id or 0, up_to=today - timedelta(days=1), limit=2)
    assert points == [
        Point(at=today - timedelta(days=2), value=2),
        Point(at=today - timedelta(days=1), value=1),
    ]


def test_kpi_overview_gives_each_watched_unarchived_metric_its_status(
    repo: Repository, today: date
) -> None:
    healthy = add(repo, "healthy", range_min=90, range_max=110)
    low = add(repo, "low", range_min=90)
    no_range = add(repo, "no range")
    stale = add(repo, "stale", range_min=0)
    add(repo, "empty", range_min=0)
    unwatched = add(repo, "unwatched", range_min=0, watched=False)
    gone = add(repo, "gone", range_min=0)
    for metric, value in ((healthy, 100), (low, 50), (no_range, 7), (unwatched, 1), (gone, 1)):
        repo.record_reading(metric, today - timedelta(days=7), value - 1, today=today)
        repo.record_reading(metric, today, value, today=today)
    repo.record_reading(stale, today - timedelta(days=30), 5, today=today)
    repo.set_archived("gone", True)

    overview = {h.metric.name: h for h in repo.kpi_overview(today)}

    assert list(overview) == ["empty", "healthy", "low", "no range", "stale"]
    assert {name: h.status for name, h in overview.items()} == {
        "empty": Status.NO_DATA,
        "healthy": Status.HEALTHY,
        "low": Status.BELOW,
        "no range": Status.NO_RANGE,
        "stale": Status.STALE,
    }
    assert overview["healthy"].change == 1
    assert overview["healthy"].previous is not None


def test_kpi_overview_on_an_earlier_day_ignores_later_readings(
    repo: Repository, today: date
) -> None:
    metric = add(repo, range_min=90)
    repo.record_reading(metric, today - timedelta(days=7), 95, today=today)
    repo.record_reading(metric, today, 10, today=today)
    (health,) = repo.kpi_overview(today - timedelta(days=1))
    assert health.status is Status.HEALTHY
    assert health.latest == Point(at=today - timedelta(days=7), value=95)


def test_an_edit_conflict_shows_both_versions(repo: Repository, db_path) -> None:
    from okrtui.store.database import open_database

    metric = repo.add_metric(Metric(name="Churn", unit="%", range_max=3))
    other = Repository(open_database(db_path), "kim")
    other.update_metric(metric.model_copy(update={"range_max": 2.5}))
    with pytest.raises(EditConflict) as caught:
        repo.update_metric(metric.model_copy(update={"range_max": 4.0}))
    assert "healthy max: theirs '2.5' · yours '4.0'" in str(caught.value)
    assert repo.get_metric("Churn").range_max == 2.5


def test_every_change_records_who_made_it(repo: Repository, db_path) -> None:
    from okrtui.core.models import Objective
    from okrtui.store.database import open_database

    metric = repo.add_metric(Metric(name="Churn"))
    assert repo.changed_by("metric", metric.id or 0).startswith("tester (at ")
    kim = Repository(open_database(db_path), "kim")
    kim.update_metric(kim.get_metric("Churn").model_copy(update={"unit": "%"}))
    assert repo.changed_by("metric", metric.id or 0).startswith("kim (at ")
    with pytest.raises(EditConflict, match="changed by kim"):
        repo.update_metric(metric.model_copy(update={"unit": "pct"}))
    objective = kim.okrs.add_objective(Objective(quarter="2026-Q4", title="Stay"))
    assert repo.changed_by("objective", objective.id or 0).startswith("kim")
