"""Numbers, ranges and small charts as plain text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from okrtui.core.format import (
    SPARK_BARS,
    bar_chart,
    cell_width,
    fit,
    format_change,
    format_number,
    format_range,
    format_value,
    number_text,
    sparkline,
    table,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "0"),
        (4.2, "4.2"),
        (12.0, "12"),
        (99.86, "99.86"),
        (1250.5, "1,250.5"),
        (1250.0, "1,250"),
        (123_456.7, "123,457"),
        (0.0123, "0.0123"),
        (-3, "-3"),
        (-1250.5, "-1,250.5"),
    ],
)
def test_numbers_are_compact_and_human(value: float, expected: str) -> None:
    assert format_number(value) == expected


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (4.2, "%", "4.2%"),
        (1250.0, "$", "$1,250"),
        (9.5, "€", "€9.5"),
        (1250.0, "users", "1,250 users"),
        (310.0, "ms", "310 ms"),
        (7.0, "", "7"),
        (None, "%", "-"),
        (None, "", "-"),
    ],
)
def test_values_carry_their_unit(value: float | None, unit: str, expected: str) -> None:
    assert format_value(value, unit) == expected


@pytest.mark.parametrize(
    ("change", "expected"), [(None, ""), (0.0, "±0"), (1.5, "+1.5"), (-0.2, "-0.2")]
)
def test_changes_are_signed(change: float | None, expected: str) -> None:
    assert format_change(change) == expected


@pytest.mark.parametrize(
    ("low", "high", "unit", "expected"),
    [
        (90, 110, "", "90–110"),
        (30, 45, "%", "30–45%"),
        (95, None, "%", "≥ 95%"),
        (None, 3, "%", "≤ 3%"),
        (400_000, None, "$", "≥ 400,000"),
        (None, None, "", "none"),
        (None, None, "%", "none"),
    ],
)
def test_ranges_read_as_people_say_them(
    low: float | None, high: float | None, unit: str, expected: str
) -> None:
    assert format_range(low, high, unit) == expected


@pytest.mark.parametrize("value", [0.0, 12.0, 4.25, 0.1, -3.0, 1234567.0, 1e-7])
def test_number_text_reads_back_exactly(value: float) -> None:
    assert float(number_text(value)) == value


def test_sparkline_spans_lowest_to_highest_bar() -> None:
    assert sparkline([1, 2, 3, 4, 5, 6, 7, 8]) == SPARK_BARS


def test_sparkline_keeps_only_the_last_width_values() -> None:
    line = sparkline(list(range(30)), width=12)
    assert len(line) == 12
    assert line[0] == SPARK_BARS[0] and line[-1] == SPARK_BARS[-1]


def test_flat_sparkline_sits_mid_height() -> None:
    assert sparkline([5, 5, 5]) == SPARK_BARS[3] * 3


def test_sparkline_of_nothing_is_empty() -> None:
    assert sparkline([]) == ""


@given(st.lists(st.floats(-1e9, 1e9, allow_nan=False), max_size=40), st.integers(1, 30))
def test_sparkline_length_and_characters(values: list[float], width: int) -> None:
    line = sparkline(values, width)
    assert len(line) == min(len(values), width)
    assert set(line) <= set(SPARK_BARS)


def test_bar_chart_tallest_column_fills_every_row_and_lowest_shows_a_sliver() -> None:
    rows = bar_chart([1, 2, 3], width=3, height=2)
    assert rows == [" ▁█", "▁██"]


def test_bar_chart_of_nothing_or_no_height_is_empty() -> None:
    assert bar_chart([], 10, 4) == []
    assert bar_chart([1, 2], 10, 0) == []


@given(
    st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=1, max_size=60),
    st.integers(1, 40),
    st.integers(1, 12),
)
def test_bar_chart_has_height_rows_each_as_wide_as_the_values_shown(
    values: list[float], width: int, height: int
) -> None:
    rows = bar_chart(values, width, height)
    assert len(rows) == height
    shown = min(len(values), width)
    assert all(len(row) == shown for row in rows)
    assert set("".join(rows)) <= set(SPARK_BARS) | {" "}
    # every column is visible in the bottom row
    assert " " not in rows[-1]


@pytest.mark.parametrize(
    ("text", "width"),
    [("abc", 3), ("日本語", 6), ("café", 4), ("e\u0301", 1), ("📈", 2), ("", 0), ("Ａ", 2)],
)
def test_cell_width_counts_terminal_columns(text: str, width: int) -> None:
    assert cell_width(text) == width


def test_fit_pads_short_text() -> None:
    assert fit("ab", 5) == "ab   "


def test_fit_cuts_long_text_with_an_ellipsis() -> None:
    assert fit("abcdefgh", 5) == "abcd…"


def test_fit_never_splits_a_wide_character() -> None:
    assert fit("日本語テキスト", 6) == "日本… "
    assert fit("日本", 3) == "日…"


@given(st.text(alphabet="ab日本語éx📈", max_size=20), st.integers(1, 30))
def test_fit_always_gives_exactly_the_width(text: str, width: int) -> None:
    assert cell_width(fit(text, width)) == width


def test_table_aligns_wide_characters_and_right_columns() -> None:
    out = table(["A", "B"], [["x", "1"], ["日本", "22"]], {1})
    assert out.splitlines() == ["A      B", "x      1", "日本  22"]
