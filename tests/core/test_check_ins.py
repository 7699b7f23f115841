"""Check-ins as events: every one counts but a corrected one, and the person saving is told
who else checked in that day; one rule for the days a key result takes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from okrtui.core.check_ins import (
    counted,
    history,
    last_day_summary,
    latest_confidence,
    own_latest,
    same_day_notice,
    value_trail,
)
from okrtui.core.models import CheckIn, KeyResult, Metric
from okrtui.core.okr import check_in_refusal, key_result_view

TODAY = date(2026, 11, 23)
START, DUE = date(2026, 10, 1), date(2026, 12, 31)
KR = KeyResult(id=3, objective_id=1, metric_id=1, statement="Lift activation", baseline=0.3,
               target=0.5, start=START, due=DUE)
ACTIVATION = Metric(id=1, name="Activation")


def check(id: int, author: str, value: float | None, *, at: date = TODAY,  # noqa: A002
          time: str = "09:00", confidence: int | None = None,
          corrects: int | None = None) -> CheckIn:
    hour, minute = (int(p) for p in time.split(":"))
    return CheckIn(id=id, key_result_id=3, at=at, value=value, confidence=confidence,
                   author=author, corrects=corrects,
                   recorded_at=datetime.combine(at, datetime.min.time(), UTC).replace(
                       hour=hour, minute=minute))


def test_a_teammates_check_in_the_same_day_counts_beside_yours() -> None:
    trail = [check(1, "li", 0.42, time="10:02"), check(2, "maria", 0.45, time="11:00")]
    assert counted(trail) == trail
    assert [e.note for e in history(trail)] == ["", ""]


def test_a_correction_replaces_the_one_it_corrects_which_stays_listed_as_corrected() -> None:
    trail = [check(1, "maria", 0.40, confidence=6), check(2, "li", 0.42, time="10:02"),
             check(3, "maria", 0.41, time="11:00", confidence=7, corrects=1)]
    assert [c.id for c in counted(trail)] == [2, 3]
    entries = history(trail)
    assert [(e.check.id, e.corrected_by, e.note) for e in entries] == [
        (1, 3, "corrected"), (2, None, ""), (3, None, "corrects #1")]
    assert own_latest(trail, "maria", TODAY) == trail[2]
    assert own_latest(trail, "maria", TODAY - timedelta(days=1)) is None
    assert own_latest(trail, "ana", TODAY) is None


def test_the_forecast_follows_values_only_and_the_confidence_any_check_in() -> None:
    week = timedelta(weeks=1)
    trail = [check(1, "li", 0.30, at=TODAY - 2 * week, confidence=6),
             check(2, "li", 0.35, at=TODAY - week, confidence=6),
             check(3, "li", 0.36, at=TODAY - week, time="10:00"),  # the day's latest value
             check(4, "li", None, at=TODAY, confidence=4)]  # confidence only
    assert value_trail(trail) == [(TODAY - 2 * week, 0.30), (TODAY - week, 0.36)]
    assert latest_confidence(trail) == 4
    view = key_result_view(KR, ACTIVATION, trail, 0.36, TODAY)
    assert view.confidence == 4 and view.current == 0.36
    assert view.forecast is not None and view.forecast > 0.36
    assert len(view.check_ins) == len(view.history) == 4


def test_a_corrected_confidence_no_longer_counts() -> None:
    trail = [check(1, "li", 0.3, confidence=2), check(2, "li", 0.3, confidence=7, corrects=1)]
    view = key_result_view(KR, ACTIVATION, trail, 0.3, TODAY)
    assert view.confidence == 7 and [c.id for c in view.check_ins] == [2]
    assert [c.id for c in view.history] == [1, 2]


def test_the_person_saving_is_told_who_checked_in_that_day_before() -> None:
    first = check(1, "li", 0.42, time="10:02")
    mine = check(2, "maria", 0.45, time="11:00")
    assert same_day_notice(mine, [first], today=TODAY, tz=UTC) == (
        "li checked in 0.42 at 10:02 today; yours becomes today's value, both are kept")
    assert same_day_notice(first, [], today=TODAY, tz=UTC) == ""


def test_the_notice_names_everyone_and_your_own_earlier_one() -> None:
    earlier = [check(1, "li", 0.42, time="10:02"), check(2, "ana", None, time="10:30",
                                                          confidence=4),
               check(3, "maria", 0.40, time="10:45")]
    mine = check(4, "maria", 0.45, time="11:00")
    assert same_day_notice(mine, earlier, today=TODAY, unit="%", tz=UTC,
                           correct_hint=" (--correct replaces yours)") == (
        "li checked in 0.42% at 10:02 and ana confidence 4/10 at 10:30 today; you checked "
        "in 0.4% at 10:45 today too (--correct replaces yours); yours becomes today's value, "
        "all are kept")
    assert same_day_notice(mine, earlier, today=TODAY, unit="%", tz=UTC, short=True) == (
        "li checked in 0.42% at 10:02 and ana confidence 4/10 at 10:30 today; yours becomes "
        "today's value, all are kept")
    assert same_day_notice(mine, earlier[2:], today=TODAY, tz=UTC,
                           correct_hint=" (--correct replaces yours)") == (
        "you checked in 0.4 at 10:45 today too; both are kept (--correct replaces yours)")


def test_a_correction_is_not_told_about_what_it_corrects_nor_a_backdated_one_as_today() -> None:
    mine = check(1, "maria", 0.40, at=TODAY - timedelta(days=3))
    fixed = check(3, "maria", 0.41, at=TODAY - timedelta(days=3), time="11:00", corrects=1)
    li = check(2, "li", None, at=TODAY - timedelta(days=3), time="10:00", confidence=5)
    assert same_day_notice(fixed, [mine], today=TODAY, tz=UTC) == ""
    assert same_day_notice(fixed, [li, mine], today=TODAY, tz=UTC) == (
        "li checked in confidence 5/10 at 10:00 on 2026-11-20; yours becomes that day's "
        "value, both are kept")
    only_confidence = check(4, "maria", None, at=TODAY - timedelta(days=1), confidence=3)
    li_yesterday = check(5, "li", 0.4, at=TODAY - timedelta(days=1))
    assert same_day_notice(only_confidence, [li_yesterday], today=TODAY, tz=UTC) == (
        "li checked in 0.4 at 09:00 yesterday; yours adds a confidence, both are kept")


def test_the_latest_day_is_summed_up_with_every_check_in_of_it() -> None:
    trail = [check(1, "li", 0.3, at=TODAY - timedelta(weeks=1)),
             check(2, "li", 0.42, time="10:02"), check(3, "maria", 0.45, time="11:00")]
    assert last_day_summary(trail, tz=UTC) == (
        "2 check-ins on 2026-11-23: li 0.42 at 10:02, maria 0.45 at 11:00")
    assert last_day_summary(trail[:1], tz=UTC) == "checked in on 2026-11-16: li 0.3 at 09:00"
    assert last_day_summary([]) == ""


# -- the one rule for check-in dates --------------------------------------------------


def test_a_key_result_takes_check_ins_after_its_due_date_in_the_grading_week() -> None:
    assert check_in_refusal(KR, DUE + timedelta(days=6), DUE + timedelta(days=7)) is None
    assert check_in_refusal(KR, START, TODAY) is None


def test_before_the_start_or_in_the_future_is_refused_in_words() -> None:
    assert check_in_refusal(KR, START - timedelta(days=1), TODAY) == (
        "key result 3 starts on 2026-10-01: a check-in for 2026-09-30 is before it")
    assert check_in_refusal(KR, TODAY + timedelta(days=1), TODAY) == (
        "2026-11-24 is in the future (today is 2026-11-23)")


@given(st.dates(date(2026, 1, 1), date(2027, 12, 31)), st.dates(date(2026, 1, 1),
                                                               date(2027, 12, 31)))
def test_a_day_is_taken_exactly_from_the_start_to_today(at: date, today: date) -> None:
    assert (check_in_refusal(KR, at, today) is None) == (START <= at <= today)
