"""Which key results this week's check-ins still need, and where "save and next" goes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from okrtui.core.models import CheckIn, KeyResult, Metric
from okrtui.core.okr import (
    KeyResultView,
    checked_in_since,
    due_after,
    due_key_results,
    key_result_view,
)
from okrtui.core.periods import Quarter

QUARTER = Quarter(2026, 4)
WEEK = date(2026, 11, 23)  # this week's Monday
SUNDAY = WEEK + timedelta(days=6)
SIGNUPS = Metric(id=1, name="Weekly sign-ups")


def view(kr_id: int, *checked_on: date, today: date = SUNDAY) -> KeyResultView:
    """Key result `kr_id` as of `today`, with a check-in on each of `checked_on`."""
    kr = KeyResult(id=kr_id, objective_id=1, metric_id=1, statement=f"Sign-ups reach {kr_id}00",
                   baseline=0, target=100, start=QUARTER.start, due=QUARTER.end,
                   position=kr_id)
    checks = [CheckIn(key_result_id=kr_id, at=day, value=10, confidence=7) for day in checked_on]
    return key_result_view(kr, SIGNUPS, checks, 10 if checks else None, today)


def ids(views: Sequence[KeyResultView]) -> list[int | None]:
    return [v.key_result.id for v in views]


@pytest.mark.parametrize("day", [WEEK, WEEK + timedelta(days=2), SUNDAY])
def test_a_check_in_from_monday_on_counts_for_this_week(day: date) -> None:
    assert checked_in_since(view(1, day), WEEK)


def test_a_check_in_last_sunday_does_not_count_for_this_week() -> None:
    assert not checked_in_since(view(1, WEEK - timedelta(days=1)), WEEK)


def test_a_key_result_never_checked_in_is_not_checked_in_this_week() -> None:
    assert not checked_in_since(view(1), WEEK)


def test_any_one_check_in_this_week_is_enough_whatever_came_before() -> None:
    assert checked_in_since(view(1, WEEK - timedelta(weeks=2), WEEK + timedelta(days=1)), WEEK)


def test_a_check_in_after_the_day_of_the_view_is_not_known_yet() -> None:
    # A view as of Tuesday (say for that day's note) ignores Thursday's check-in.
    tuesday = WEEK + timedelta(days=1)
    assert not checked_in_since(view(1, WEEK + timedelta(days=3), today=tuesday), WEEK)


def test_due_key_results_are_those_without_a_check_in_this_week_in_plan_order() -> None:
    plan = [view(3), view(1, WEEK), view(4, WEEK - timedelta(days=3)), view(2, SUNDAY), view(5)]
    assert ids(due_key_results(plan, WEEK)) == [3, 4, 5]


def test_nothing_is_due_once_every_key_result_is_checked_in() -> None:
    assert due_key_results([view(1, WEEK), view(2, SUNDAY)], WEEK) == []


def test_save_and_next_goes_to_the_next_key_result_still_due() -> None:
    plan = [view(1), view(2), view(3, WEEK), view(4), view(5)]
    assert ids(due_after(plan, 2, WEEK)) == [4, 5]


def test_save_and_next_never_goes_back_to_earlier_key_results() -> None:
    plan = [view(1), view(2), view(3)]
    assert ids(due_after(plan, 3, WEEK)) == []
    assert ids(due_after(plan, 2, WEEK)) == [3]


def test_save_and_next_skips_the_key_result_just_saved_even_if_still_due() -> None:
    plan = [view(1), view(2)]
    assert ids(due_after(plan, 1, WEEK)) == [2]


def test_save_and_next_from_a_key_result_not_in_the_plan_goes_nowhere() -> None:
    assert due_after([view(1), view(2)], 99, WEEK) == []


def test_an_empty_plan_has_nothing_due() -> None:
    assert due_key_results([], WEEK) == []
    assert due_after([], 1, WEEK) == []


# A plan: distinct key result ids in some order, each checked in on a few days around this week.
CHECK_DAYS = st.lists(st.dates(WEEK - timedelta(weeks=3), SUNDAY), max_size=3)


@st.composite
def plans(draw: st.DrawFn) -> list[KeyResultView]:
    order = draw(st.permutations(range(1, draw(st.integers(0, 8)) + 1)))
    return [view(kr_id, *draw(CHECK_DAYS)) for kr_id in order]


@given(plans())
def test_each_key_result_is_either_due_or_checked_in_this_week(
        plan: list[KeyResultView]) -> None:
    due = due_key_results(plan, WEEK)
    assert due == [v for v in plan if v in due]
    for v in plan:
        assert (v in due) != checked_in_since(v, WEEK)


@given(plans(), st.integers(0, 10))
def test_save_and_next_never_offers_the_key_result_itself_or_one_checked_in_this_week(
        plan: list[KeyResultView], kr_id: int) -> None:
    following = due_after(plan, kr_id, WEEK)
    assert kr_id not in ids(following)
    assert not any(checked_in_since(v, WEEK) for v in following)


@given(plans(), st.data())
def test_save_and_next_offers_exactly_the_due_key_results_after_it_in_plan_order(
        plan: list[KeyResultView], data: st.DataObject) -> None:
    if not plan:
        return
    at = data.draw(st.integers(0, len(plan) - 1))
    chosen = plan[at].key_result.id
    assert chosen is not None
    assert due_after(plan, chosen, WEEK) == due_key_results(plan[at + 1:], WEEK)
