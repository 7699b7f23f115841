"""The weekly review's KPI rules: which KPIs it asks for, and which way a shift hurts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from okrtui.core.kpi import KpiHealth, due_kpis, harmful_shift, kpi_due, kpi_health
from okrtui.core.models import Cadence, Direction, Metric, Point

WEEK = date(2026, 11, 23)  # the review's Monday
SUNDAY = WEEK + timedelta(days=6)


def health(last_read: date | None, cadence: Cadence = "weekly", watched: bool = True,
           key_result_id: int | None = None, name: str = "Uptime") -> KpiHealth:
    """A KPI's health on the review's Sunday, last read on `last_read` (None: never)."""
    metric = Metric(id=1, name=name, cadence=cadence, watched=watched, range_min=90)
    readings = [] if last_read is None else [Point(at=last_read, value=99)]
    return replace(kpi_health(metric, readings, SUNDAY), key_result_id=key_result_id)


@pytest.mark.parametrize("cadence", ["weekly", "monthly"])
def test_a_kpi_never_read_is_due(cadence: Cadence) -> None:
    assert kpi_due(health(None, cadence), WEEK)


@pytest.mark.parametrize("day", [WEEK, WEEK + timedelta(days=3), SUNDAY])
def test_a_weekly_kpi_read_this_week_is_not_due(day: date) -> None:
    assert not kpi_due(health(day), WEEK)


@pytest.mark.parametrize("day", [WEEK - timedelta(days=1), WEEK - timedelta(days=30)])
def test_a_weekly_kpi_last_read_before_this_monday_is_due(day: date) -> None:
    assert kpi_due(health(day), WEEK)


@pytest.mark.parametrize("day", [WEEK, WEEK - timedelta(weeks=3), SUNDAY - timedelta(days=28)])
def test_a_monthly_kpi_read_in_the_four_weeks_up_to_sunday_is_not_due(day: date) -> None:
    assert not kpi_due(health(day, "monthly"), WEEK)


@pytest.mark.parametrize("day", [SUNDAY - timedelta(days=29), WEEK - timedelta(days=60)])
def test_a_monthly_kpi_last_read_more_than_four_weeks_before_sunday_is_due(day: date) -> None:
    assert kpi_due(health(day, "monthly"), WEEK)


def test_the_review_asks_only_for_watched_kpis_no_key_result_measures() -> None:
    due = health(None, name="Due")
    read = health(WEEK, name="Read this week")
    unwatched = health(None, watched=False, name="Not watched")
    measured = health(None, key_result_id=7, name="A key result's metric")
    monthly = health(WEEK - timedelta(weeks=2), "monthly", name="Read two weeks ago")
    late = health(WEEK - timedelta(weeks=6), "monthly", name="Monthly, late")
    overview = [due, read, unwatched, measured, monthly, late]
    assert [h.metric.name for h in due_kpis(overview, WEEK)] == ["Due", "Monthly, late"]


def test_no_kpis_means_nothing_due() -> None:
    assert due_kpis([], WEEK) == []


def test_a_rise_hurts_a_lower_is_better_metric_and_a_fall_a_higher_is_better_one() -> None:
    assert harmful_shift(+1, "lower")
    assert not harmful_shift(-1, "lower")
    assert harmful_shift(-1, "higher")
    assert not harmful_shift(+1, "higher")


DAYS = st.dates(min_value=WEEK - timedelta(days=400), max_value=SUNDAY)
CADENCES = st.sampled_from(["weekly", "monthly"])
DIRECTIONS: st.SearchStrategy[Direction] = st.sampled_from(["higher", "lower"])
SHIFTS = st.integers(-5, 5).filter(bool)  # findings go up (+) or down (-), never 0


@given(DAYS, CADENCES)
def test_a_later_reading_never_makes_a_kpi_due(day: date, cadence: Cadence) -> None:
    later = min(day + timedelta(days=1), SUNDAY)
    if not kpi_due(health(day, cadence), WEEK):
        assert not kpi_due(health(later, cadence), WEEK)


@given(DAYS)
def test_a_weekly_kpi_is_due_exactly_when_unread_since_monday(day: date) -> None:
    assert kpi_due(health(day), WEEK) == (day < WEEK)


@given(DAYS)
def test_a_kpi_due_by_the_monthly_rule_is_due_by_the_weekly_one(day: date) -> None:
    # The monthly rule looks back four weeks, the weekly one only to Monday.
    if kpi_due(health(day, "monthly"), WEEK):
        assert kpi_due(health(day, "weekly"), WEEK)


@given(st.lists(st.tuples(st.none() | DAYS, CADENCES, st.booleans(), st.none() | st.just(3))))
def test_due_kpis_keeps_the_overviews_order_and_only_due_watched_kpis(
        rows: list[tuple[date | None, Cadence, bool, int | None]]) -> None:
    overview = [health(day, cadence, watched, kr, name=f"K{i}")
                for i, (day, cadence, watched, kr) in enumerate(rows)]
    due = due_kpis(overview, WEEK)
    assert due == [h for h in overview if h in due]
    for h in overview:
        wanted = h.metric.watched and h.key_result_id is None and kpi_due(h, WEEK)
        assert (h in due) == wanted


def _other(better: Direction) -> Direction:
    return "lower" if better == "higher" else "higher"


@given(SHIFTS, DIRECTIONS)
def test_harm_is_symmetric_under_flipping_the_shift_and_the_better_direction(
        shift: int, better: Direction) -> None:
    assert harmful_shift(shift, better) == harmful_shift(-shift, _other(better))


@given(SHIFTS, DIRECTIONS)
def test_of_a_rise_and_a_fall_exactly_one_is_harmful(shift: int, better: Direction) -> None:
    assert harmful_shift(shift, better) != harmful_shift(-shift, better)


@given(SHIFTS, DIRECTIONS)
def test_a_shifts_harm_depends_on_its_sign_not_its_size(
        shift: int, better: Direction) -> None:
    assert harmful_shift(shift, better) == harmful_shift(1 if shift > 0 else -1, better)
