"""Quarters named `2026-Q4`, the share of a period gone, and weeks left."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from okrtui.core.errors import InvalidInput
from okrtui.core.periods import (
    Quarter,
    elapsed_fraction,
    week_label,
    week_of,
    week_start,
    weeks_left,
)

TODAY = date(2026, 11, 23)  # a Monday
DAYS = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))
QUARTERS = st.builds(Quarter, st.integers(1900, 2200), st.integers(1, 4))


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2026-Q4", Quarter(2026, 4)), ("2026-q1", Quarter(2026, 1)), (" 1999-Q2 ", Quarter(1999, 2))],
)
def test_quarters_written_year_dash_q_are_understood(text: str, expected: Quarter) -> None:
    assert Quarter.parse(text) == expected


NOT_QUARTERS = ["2026-Q5", "2026-Q0", "2026Q4", "Q4 2026", "26-Q4", "2026-Q4x", "", "0000-Q1"]


@pytest.mark.parametrize("text", [*NOT_QUARTERS, "٢٠٢٦-Q4"])  # other scripts' digits too
def test_text_that_is_not_a_quarter_is_refused_with_the_expected_form(text: str) -> None:
    expected_form = r"is not a quarter \(expected YYYY-QN, e\.g\. 2026-Q4\)"
    with pytest.raises(InvalidInput, match=expected_form) as caught:
        Quarter.parse(text)
    assert repr(text.strip()) in str(caught.value)
    assert caught.value.field == "quarter"


def test_refusal_message_of_a_very_long_text_is_shortened() -> None:
    with pytest.raises(InvalidInput) as caught:
        Quarter.parse("x" * 500)
    assert len(str(caught.value)) < 100


def test_a_quarter_reads_as_year_dash_q() -> None:
    assert str(Quarter(2026, 4)) == "2026-Q4"
    assert str(Quarter.parse("2026-q4")) == "2026-Q4"


@pytest.mark.parametrize(
    ("quarter", "start", "end"),
    [
        (Quarter(2026, 1), date(2026, 1, 1), date(2026, 3, 31)),
        (Quarter(2026, 2), date(2026, 4, 1), date(2026, 6, 30)),
        (Quarter(2026, 3), date(2026, 7, 1), date(2026, 9, 30)),
        (Quarter(2026, 4), date(2026, 10, 1), date(2026, 12, 31)),
    ],
)
def test_a_quarter_runs_from_its_first_to_its_last_day(
    quarter: Quarter, start: date, end: date
) -> None:
    assert (quarter.start, quarter.end) == (start, end)


def test_the_day_a_quarter_contains_is_found() -> None:
    assert Quarter.of(TODAY) == Quarter(2026, 4)
    assert Quarter.of(date(2026, 3, 31)) == Quarter(2026, 1)
    assert Quarter.of(date(2026, 4, 1)) == Quarter(2026, 2)
    assert TODAY in Quarter(2026, 4)
    assert TODAY not in Quarter(2026, 3)


def test_quarters_step_across_the_year_boundary() -> None:
    assert Quarter(2026, 4).next() == Quarter(2027, 1)
    assert Quarter(2027, 1).previous() == Quarter(2026, 4)
    assert Quarter(2026, 2).next() == Quarter(2026, 3)


def test_quarters_sort_in_calendar_order() -> None:
    shuffled = [Quarter(2027, 1), Quarter(2026, 4), Quarter(2025, 4), Quarter(2026, 1)]
    assert [str(q) for q in sorted(shuffled)] == ["2025-Q4", "2026-Q1", "2026-Q4", "2027-Q1"]


@pytest.mark.parametrize(("year", "q"), [(2026, 0), (2026, 5), (0, 1), (10000, 1)])
def test_a_quarter_cannot_be_built_out_of_range(year: int, q: int) -> None:
    with pytest.raises(ValueError):
        Quarter(year, q)


@given(DAYS)
def test_every_day_lies_inside_its_quarter(day: date) -> None:
    quarter = Quarter.of(day)
    assert quarter.start <= day <= quarter.end
    assert day in quarter


@given(QUARTERS)
def test_next_then_previous_returns_the_same_quarter(quarter: Quarter) -> None:
    assert quarter.next().previous() == quarter
    assert quarter.previous().next() == quarter


@given(QUARTERS)
def test_quarters_tile_the_calendar_without_gaps(quarter: Quarter) -> None:
    assert quarter.next().start == quarter.end + timedelta(days=1)
    assert quarter < quarter.next()


@given(QUARTERS)
def test_parsing_a_quarter_as_written_gives_it_back(quarter: Quarter) -> None:
    assert Quarter.parse(str(quarter)) == quarter


Q4 = Quarter(2026, 4)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 9, 1), 0.0),
        (Q4.start, 0.0),
        (Q4.start + timedelta(days=46), 0.5),  # Q4 has 92 days
        (Q4.end, 91 / 92),
        (Q4.end + timedelta(days=1), 1.0),
        (date(2027, 6, 1), 1.0),
    ],
)
def test_elapsed_fraction_counts_the_days_gone_before_today(today: date, expected: float) -> None:
    assert elapsed_fraction(Q4.start, Q4.end, today) == pytest.approx(expected)


def test_a_period_that_ends_before_it_starts_is_one_day_on_its_end() -> None:
    end, start = date(2026, 11, 1), date(2026, 11, 10)
    assert elapsed_fraction(start, end, end) == 0.0
    assert elapsed_fraction(start, end, end + timedelta(days=1)) == 1.0


@given(DAYS, DAYS, DAYS, DAYS)
def test_elapsed_fraction_stays_in_range_and_never_goes_down(
    start: date, end: date, day: date, other: date
) -> None:
    earlier, later = sorted((day, other))
    first = elapsed_fraction(start, end, earlier)
    second = elapsed_fraction(start, end, later)
    assert 0.0 <= first <= second <= 1.0
    if later < min(start, end):
        assert second == 0.0
    if earlier > end:
        assert first == 1.0


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 10, 1), 13),  # 92 days: 13 whole weeks
        (date(2026, 12, 25), 1),  # 7 days left, today and the 31st included
        (date(2026, 12, 26), 0),
        (date(2026, 12, 31), 0),
        (date(2027, 1, 15), 0),
    ],
)
def test_weeks_left_counts_whole_weeks_to_the_end(today: date, expected: int) -> None:
    assert weeks_left(date(2026, 12, 31), today) == expected


@given(DAYS, DAYS)
def test_weeks_left_is_never_negative(end: date, today: date) -> None:
    assert weeks_left(end, today) >= 0


def test_a_week_starts_on_monday() -> None:
    assert week_start(TODAY) == TODAY
    assert week_start(date(2026, 11, 29)) == TODAY  # Sunday
    assert week_start(date(2027, 1, 1)) == date(2026, 12, 28)  # across the year


def test_a_week_is_labelled_by_its_iso_year_and_number() -> None:
    assert week_label(TODAY) == "2026-W48"
    assert week_label(date(2027, 1, 1)) == "2026-W53"


@given(DAYS)
def test_week_start_is_the_monday_at_most_six_days_before(day: date) -> None:
    monday = week_start(day)
    assert monday.weekday() == 0
    assert 0 <= (day - monday).days <= 6
    assert week_label(monday) == week_label(day)


def test_the_first_day_of_a_quarter_is_week_one_of_thirteen() -> None:
    q = Quarter(2026, 4)
    assert week_of(q.start, q.end, q.start) == (1, 13)


@pytest.mark.parametrize(
    ("today", "week"),
    [(date(2026, 10, 7), 1), (date(2026, 10, 8), 2), (date(2026, 11, 23), 8),
     (date(2026, 12, 23), 12), (date(2026, 12, 24), 13)],
)
def test_weeks_count_in_sevens_from_the_quarters_first_day(today: date, week: int) -> None:
    q = Quarter(2026, 4)
    assert week_of(q.start, q.end, today) == (week, 13)


@pytest.mark.parametrize("quarter", [Quarter(2026, 1), Quarter(2028, 1), Quarter(2026, 2),
                                     Quarter(2026, 3), Quarter(2026, 4)])
def test_the_last_day_of_any_quarter_is_in_its_thirteenth_week(quarter: Quarter) -> None:
    # 90 to 92 days: the one or two days past 13 weeks belong to the 13th, not a 14th.
    assert week_of(quarter.start, quarter.end, quarter.end) == (13, 13)


def test_a_period_shorter_than_a_week_has_one_week() -> None:
    start = date(2026, 3, 2)
    assert week_of(start, start + timedelta(days=2), start + timedelta(days=2)) == (1, 1)


def test_a_six_week_release_cycle_has_six_weeks() -> None:
    start = date(2026, 3, 2)
    end = start + timedelta(weeks=6, days=-1)
    assert week_of(start, end, end) == (6, 6)
    assert week_of(start, end, start + timedelta(weeks=3)) == (4, 6)


@given(QUARTERS, st.integers(0, 91))
def test_every_day_of_a_quarter_is_in_one_of_its_weeks(quarter: Quarter, offset: int) -> None:
    today = min(quarter.start + timedelta(days=offset), quarter.end)
    week, weeks = week_of(quarter.start, quarter.end, today)
    assert weeks == 13
    assert 1 <= week <= weeks


@given(DAYS, st.integers(0, 400), st.integers(0, 400))
def test_any_day_inside_a_period_is_in_week_one_to_its_last(
        start: date, length: int, offset: int) -> None:
    end = start + timedelta(days=length)
    today = start + timedelta(days=min(offset, length))
    week, weeks = week_of(start, end, today)
    assert weeks >= 1
    assert 1 <= week <= weeks


@given(DAYS, st.integers(0, 400), st.integers(0, 399))
def test_the_week_never_goes_back_as_the_days_pass(start: date, length: int, offset: int) -> None:
    end = start + timedelta(days=length)
    day = start + timedelta(days=min(offset, length))
    later = min(day + timedelta(days=1), end)
    assert week_of(start, end, day)[0] <= week_of(start, end, later)[0]


@given(DAYS, st.integers(0, 400), st.integers(0, 60))
def test_each_new_week_of_the_period_starts_seven_days_after_the_last(
        start: date, length: int, k: int) -> None:
    end = start + timedelta(days=length)
    k = min(k, length // 7)
    week, weeks = week_of(start, end, start + timedelta(weeks=k))
    # Unless the rounding folded the period's last few days into the week before.
    assert week == min(k + 1, weeks)


@given(st.dates(min_value=date(1900, 1, 8), max_value=date(2100, 12, 31)),
       st.integers(min_value=0, max_value=6))
def test_a_week_starts_on_the_day_chosen_within_the_seven_days_before(day: date,
                                                                      first: int) -> None:
    start = week_start(day, first)
    assert start.weekday() == first and day - timedelta(days=6) <= start <= day
    assert week_start(start, first) == start
