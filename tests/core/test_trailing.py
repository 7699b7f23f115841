"""The trailing view: 6 weeks and 12 months of latest readings, gaps left as gaps, and
week-over-week and year-over-year changes that are missing exactly when a side is."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from okrtui.core.models import Point
from okrtui.core.periods import week_start
from okrtui.core.trailing import (
    MONTHS,
    NO_LAST_WEEK,
    NO_THIS_WEEK,
    NO_YEAR_AGO,
    WEEKS,
    months_back,
    since,
    trailing,
)
from okrtui.core.trailing_text import as_json, markdown, plain

TODAY = date(2026, 11, 25)  # a Wednesday

days = st.dates(min_value=date(2024, 6, 1), max_value=date(2027, 1, 31))
values = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


@st.composite
def histories(draw: st.DrawFn) -> list[Point]:
    """Current readings: at most one a day, oldest first."""
    chosen = draw(st.dictionaries(days, values, max_size=60))
    return [Point(at=d, value=v) for d, v in sorted(chosen.items())]


@given(histories(), days, st.integers(min_value=0, max_value=6))
def test_slots_are_in_order_and_each_holds_its_period_s_latest_real_reading(
        points: list[Point], today: date, first: int) -> None:
    view = trailing(points, today, first)
    assert len(view.weeks) <= WEEKS and len(view.months) <= MONTHS
    for slots, end_of in ((view.weeks, lambda s: s + timedelta(days=6)),
                          (view.months, lambda s: months_back(s, -1) - timedelta(days=1))):
        starts = [s.start for s in slots]
        assert starts == sorted(set(starts))
        for slot in slots:
            inside = [p for p in points if slot.start <= p.at <= min(end_of(slot.start), today)]
            assert slot.reading == (inside[-1] if inside else None)  # a gap stays a gap
    assert view.weeks[-1].start == week_start(today, first) <= today
    assert view.months[-1].start == today.replace(day=1)
    assert all(s.start.weekday() == first for s in view.weeks)


@given(histories(), days, st.integers(min_value=0, max_value=6))
def test_changes_are_none_exactly_when_a_side_is_missing(
        points: list[Point], today: date, first: int) -> None:
    view = trailing(points, today, first)
    for change in (view.week_over_week, view.year_over_year):
        one_missing = change.current is None or change.previous is None
        assert (change.absolute is None) == one_missing
        assert bool(change.missing) == one_missing
        if change.percent is not None:
            assert change.previous is not None and change.previous.value != 0
        if not one_missing:
            assert change.current is not None and change.previous is not None
            assert change.absolute == change.current.value - change.previous.value
            assert change.current in points and change.previous in points
    assert view.week_over_week.current == view.weeks[-1].reading
    assert view.week_over_week.previous == view.weeks[-2].reading
    year_ago = view.year_over_year.previous
    if year_ago is not None and view.year_over_year.current is not None:
        gap = (view.year_over_year.current.at - year_ago.at).days
        assert 364 - 6 <= gap <= 364 + 6  # about 52 weeks, never a neighbouring month


@given(histories(), days, st.integers(min_value=0, max_value=6))
def test_reading_only_from_since_gives_the_same_view(
        points: list[Point], today: date, first: int) -> None:
    recent = [p for p in points if p.at >= since(today, first)]
    assert trailing(recent, today, first) == trailing(points, today, first)


@given(histories(), days)
def test_the_plain_table_fits_80_columns_and_the_json_has_both_changes(
        points: list[Point], today: date) -> None:
    view = trailing(points, today, 0, range_min=0, range_max=10, lower=1, centre=2, upper=3)
    text = plain(view, "%")
    assert max(len(line) for line in text.splitlines()) <= 80
    assert text.count("\n") < 22
    data = as_json(view)
    for key in ("week_over_week", "year_over_year"):
        assert {"absolute", "percent", "current", "previous"} <= set(data[key])
    assert markdown("A | B", view).count("\n| ") == MONTHS + 1


def test_a_week_and_a_year_ago_by_example() -> None:
    points = [Point(at=date(2025, 11, 26), value=80), Point(at=date(2026, 11, 16), value=90),
              Point(at=date(2026, 11, 18), value=95), Point(at=date(2026, 11, 24), value=100)]
    view = trailing(points, TODAY)
    assert [s.reading.value if s.reading else None for s in view.weeks] == [
        None, None, None, None, 95, 100]
    assert view.week_over_week.absolute == 5
    assert round(view.week_over_week.percent or 0, 2) == 5.26
    assert view.year_over_year.previous == points[0]
    assert view.year_over_year.percent == 25
    assert [s.start for s in view.months][:2] == [date(2025, 12, 1), date(2026, 1, 1)]
    text = plain(view)
    assert "no reading" in text
    assert "Week over week: +5 (+5.3%): 100 on 2026-11-24 vs 95 on 2026-11-18" in text
    assert "Year over year: +20 (+25.0%): 100 on 2026-11-24 vs 80 on 2025-11-26" in text


def test_missing_sides_say_so() -> None:
    only_now = [Point(at=date(2026, 11, 24), value=1)]
    view = trailing(only_now, TODAY)
    assert view.week_over_week.missing == NO_LAST_WEEK
    assert view.year_over_year.missing == NO_YEAR_AGO
    assert "Year over year: no reading a year ago" in plain(view)
    assert trailing([], TODAY).week_over_week.missing == NO_THIS_WEEK


def test_a_year_ago_falls_back_to_the_nearest_reading_within_a_few_days() -> None:
    # Weeks start on Monday; 52 weeks before Tue 2026-11-24 is Tue 2025-11-25, whose
    # week is 2025-11-24..30. A reading on Sat 2025-11-22 is 3 days off: close enough.
    points = [Point(at=date(2025, 11, 22), value=7), Point(at=date(2026, 11, 24), value=8)]
    assert trailing(points, TODAY).year_over_year.previous == points[0]
    far = [Point(at=date(2025, 11, 20), value=7), Point(at=date(2026, 11, 24), value=8)]
    assert trailing(far, TODAY).year_over_year.previous is None
