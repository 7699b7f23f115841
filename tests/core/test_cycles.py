"""Cycles: calendar and fiscal quarters, named cycles, and stepping through them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from okrtui.core.cycles import Calendar, Cycle, check_cycle_name, fiscal_quarter, is_quarter_name
from okrtui.core.errors import InvalidInput

RELEASE = Cycle(date(2019, 2, 4), date(2019, 4, 23), "release-1.4")
days = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))
months = st.integers(min_value=1, max_value=12)


def test_a_fiscal_year_from_february_names_quarters_for_the_year_it_ends() -> None:
    fiscal = Calendar(first_month=2)
    q2 = fiscal.parse("FY23-Q2")
    assert (q2.name, q2.start, q2.end) == ("FY23-Q2", date(2022, 5, 1), date(2022, 7, 31))
    assert fiscal.quarter_of(date(2023, 1, 31)).name == "FY23-Q4"
    assert fiscal.quarter_of(date(2023, 2, 1)).name == "FY24-Q1"
    assert fiscal.parse("fy2023-q2") == q2


def test_calendar_quarters_stay_the_default_and_keep_their_names() -> None:
    assert Calendar().parse("2026-q4") == Cycle(date(2026, 10, 1), date(2026, 12, 31), "2026-Q4")
    assert Calendar(first_month=2).parse("2026-Q4").start == date(2026, 10, 1)
    with pytest.raises(InvalidInput, match="not a quarter or a cycle"):
        Calendar().parse("FY23-Q2")  # fiscal names mean nothing until the year is fiscal


def test_a_named_cycle_is_found_by_name_in_any_case_and_is_current_inside_its_days() -> None:
    known = Calendar(stored=(RELEASE,))
    assert known.parse("RELEASE-1.4") == RELEASE
    assert known.current(date(2019, 3, 1)) == RELEASE
    assert known.current(date(2019, 5, 1)).name == "2019-Q2"


def test_stepping_visits_a_named_cycle_between_the_quarters() -> None:
    known = Calendar(stored=(RELEASE,))
    q1 = known.parse("2019-Q1")
    assert known.after(q1) == RELEASE
    assert known.after(RELEASE).name == "2019-Q2"
    assert known.before(known.parse("2019-Q2")) == RELEASE
    assert known.before(RELEASE) == q1
    assert known.successor(RELEASE).name == "2019-Q2"  # no later release: the next quarter


def test_a_carry_over_from_a_release_goes_to_the_next_release() -> None:
    later = Cycle(date(2019, 4, 24), date(2019, 7, 10), "release-1.5")
    assert Calendar(stored=(later, RELEASE)).successor(RELEASE) == later


@given(days, months)
def test_every_day_falls_in_its_quarter_and_quarters_tile_the_year(day: date, first: int) -> None:
    known = Calendar(first_month=first)
    quarter = known.quarter_of(day)
    assert day in quarter and 89 <= quarter.days <= 92
    following = known.after(quarter)
    assert following.start == quarter.end + timedelta(days=1)
    assert known.before(following) == quarter
    assert known.parse(quarter.name) == quarter


@given(days, st.integers(min_value=0, max_value=400), days)
def test_named_cycles_come_in_order_of_their_days(start: date, length: int, day: date) -> None:
    named = Cycle(start, start + timedelta(days=length), "sprint")
    known = Calendar(stored=(named,))
    here = known.quarter_of(day)
    after, before = known.after(here), known.before(here)
    assert before < here < after
    assert known.after(before) == here and known.before(after) == here


@pytest.mark.parametrize(("name", "message"), [
    ("", "needs a name"), ("2026-Q4", "a quarter's name"), ("FY23-Q1", "a quarter's name"),
    ("x" * 41, "at most 40"), ("rel[ease]", "letters, digits"), (" -lead", ""),
])
def test_a_named_cycle_needs_a_plain_name_that_is_not_a_quarter(name: str, message: str) -> None:
    if name == " -lead":
        assert check_cycle_name(name) == "-lead"
        return
    with pytest.raises(InvalidInput, match=message):
        check_cycle_name(name)


def test_fiscal_years_outside_this_century_are_written_whole() -> None:
    assert fiscal_quarter(1999, 1, 7).name == "FY1999-Q1"
    assert fiscal_quarter(1999, 1, 7).start == date(1998, 7, 1)


def test_a_named_cycle_that_begins_with_fy_is_not_taken_for_a_quarter() -> None:
    assert check_cycle_name("FYI planning") == "FYI planning"
    assert not is_quarter_name("FYI planning") and is_quarter_name("fy23-q2")
    assert is_quarter_name("2026-Q4") and not is_quarter_name("release-3.2")
