"""What people type becomes a number or a date, or a message they can act on."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from okrtui.core.errors import InvalidInput
from okrtui.core.parse import (
    check_not_future,
    confidence_scale,
    parse_confidence,
    parse_date,
    parse_number,
    parse_optional_number,
    read_confidence,
)

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,234.5", 1234.5),
        ("1,234,567", 1234567.0),
        ("4.2%", 4.2),
        ("4.2 %", 4.2),
        (" 7 ", 7.0),
        ("-3", -3.0),
        ("+3.5", 3.5),
        ("-1,000", -1000.0),
        ("1_000", 1000.0),
        ("0.001", 0.001),
        ("1e3", 1000.0),
    ],
)
def test_numbers_people_write_are_understood(text: str, expected: float) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["abc", "", "  ", "1,23", "1,2345", "12,34.5", "4.2.1", "%"])
def test_non_numbers_are_refused_naming_what_was_typed(text: str) -> None:
    with pytest.raises(InvalidInput, match="is not a number") as caught:
        parse_number(text)
    assert repr(text.strip()) in str(caught.value)
    assert caught.value.field == "value"


@pytest.mark.parametrize("text", ["nan", "NaN", "inf", "-inf", "Infinity"])
def test_non_finite_numbers_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput, match="not a finite number"):
        parse_number(text)


def test_a_very_long_bad_number_is_shortened_in_the_message() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_number("x" * 200)
    assert len(str(caught.value)) < 60
    assert "…" in str(caught.value)


def test_the_field_name_travels_with_the_error() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_number("abc", "--min")
    assert caught.value.field == "--min"


@pytest.mark.parametrize("text", [None, "", "   "])
def test_an_empty_optional_number_means_not_set(text: str | None) -> None:
    assert parse_optional_number(text, "min") is None


def test_an_optional_number_is_parsed_when_given() -> None:
    assert parse_optional_number(" 95% ", "min") == 95.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-01", date(2026, 11, 1)),
        (" 2024-02-29 ", date(2024, 2, 29)),
        ("today", TODAY),
        ("Today", TODAY),
        ("yesterday", date(2026, 11, 22)),
        ("YESTERDAY ", date(2026, 11, 22)),
    ],
)
def test_dates_as_iso_or_words(text: str, expected: date) -> None:
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize("text", ["2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10"])
def test_impossible_calendar_dates_are_refused_as_not_real(text: str) -> None:
    with pytest.raises(InvalidInput, match="not a real date"):
        parse_date(text, TODAY)


@pytest.mark.parametrize(
    "text", ["26-1-1", "2026-1-1", "01/02/2026", "tomorrow", "", "2026-11-01x"]
)
def test_dates_in_other_shapes_are_refused_with_the_expected_format(text: str) -> None:
    with pytest.raises(InvalidInput, match="expected YYYY-MM-DD"):
        parse_date(text, TODAY)


def test_a_future_date_is_refused() -> None:
    with pytest.raises(InvalidInput, match="in the future"):
        check_not_future(date(2026, 11, 24), TODAY)


@pytest.mark.parametrize("day", [TODAY, date(2026, 11, 22), date(2000, 1, 1)])
def test_today_and_past_dates_are_accepted(day: date) -> None:
    assert check_not_future(day, TODAY) == day


@pytest.mark.parametrize("text", ["1e999", "1e308", "1e16", "-2e15"])
def test_values_beyond_a_quadrillion_are_typos_and_refused(text: str) -> None:
    with pytest.raises(InvalidInput, match="too large"):
        parse_number(text)


@pytest.mark.parametrize("text", ["٣", "１２", "1 000"])
def test_only_ascii_digits_make_a_number(text: str) -> None:
    with pytest.raises(InvalidInput, match="is not a number"):
        parse_number(text)


@pytest.mark.parametrize("text", [None, "", "   ", "\t\n"])
def test_a_blank_confidence_means_not_given(text: str | None) -> None:
    assert parse_confidence(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("0", 0), ("10", 10), ("7", 7), (" 7 ", 7), ("07", 7), ("010", 10), ("00", 0)],
)
def test_confidences_from_zero_to_ten_are_understood(text: str, expected: int) -> None:
    assert parse_confidence(text) == expected


@pytest.mark.parametrize(
    "text", ["11", "100", "-1", "+5", "7.5", "7,0", "1e1", "seven", "5/10", "7 8"]
)
def test_confidences_outside_zero_to_ten_or_not_whole_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput, match="is not a confidence from 0 to 10") as refused:
        parse_confidence(text)
    assert repr(text.strip()) in str(refused.value)
    assert refused.value.field == "confidence"


@pytest.mark.parametrize("text", ["²", "٣", "７", "1" * 5000])
def test_a_confidence_in_other_digits_is_refused_not_a_crash(text: str) -> None:
    # str.isdigit takes all of these; int() then refuses "²" and 5000 digits with a ValueError.
    with pytest.raises(InvalidInput, match="is not a confidence"):
        parse_confidence(text)


def test_a_very_long_bad_confidence_is_shortened_in_the_message() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_confidence("x" * 200)
    assert "x" * 29 + "…" in str(refused.value)
    assert "x" * 31 not in str(refused.value)


def test_the_confidence_field_name_travels_with_the_error() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_confidence("high", field="check-in confidence")
    assert refused.value.field == "check-in confidence"


@given(st.integers(0, 10), st.text(" \t", max_size=3), st.text(" \t", max_size=3))
def test_every_whole_confidence_from_zero_to_ten_round_trips(
        value: int, before: str, after: str) -> None:
    assert parse_confidence(f"{before}{value}{after}") == value


@given(st.text())
@example("²")
@example("9" * 5000)
def test_any_text_is_a_confidence_from_zero_to_ten_blank_or_a_refusal(text: str) -> None:
    try:
        confidence = parse_confidence(text)
    except InvalidInput:
        return
    assert confidence is None or 0 <= confidence <= 10


# -- fractions and percentages: one rule for the dialog, the CLI and imports ----------


@pytest.mark.parametrize(
    ("text", "value", "note"),
    [("0.4", 4, "read confidence 0.4 as 4/10"), (".7", 7, "read confidence .7 as 7/10"),
     ("0.45", 5, "read confidence 0.45 as 5/10 (rounded)"),
     ("40%", 4, "read confidence 40% as 4/10"), ("100 %", 10, "read confidence 100 % as 10/10"),
     ("0%", 0, "read confidence 0% as 0/10"), ("7", 7, ""), ("7.0", 7, ""), ("1", 1, "")],
)
def test_a_fraction_or_a_percentage_is_read_as_tenths_and_says_so(text: str, value: int,
                                                                   note: str) -> None:
    read = read_confidence(text)
    assert read is not None and (read.value, read.note) == (value, note)
    assert parse_confidence(text) == value


@pytest.mark.parametrize("text", ["101%", "-4%", "%", "1.5", "40", "0.4.1", "4/10"])
def test_what_is_neither_tenths_a_fraction_nor_a_percentage_is_refused(text: str) -> None:
    with pytest.raises(InvalidInput, match="is not a") as refused:
        read_confidence(text, "--confidence")
    assert refused.value.field == "--confidence"


def test_a_scale_decided_for_a_file_reads_every_value_on_it() -> None:
    assert parse_confidence("1", scale="fraction") == 10  # 1 of 1, not 1 of 10
    assert parse_confidence("1.0", scale="fraction") == 10
    assert parse_confidence("70", scale="percent") == 7
    assert parse_confidence("40%", scale="fraction") == 4  # a % says it itself
    with pytest.raises(InvalidInput, match="is not a confidence from 0 to 1"):
        parse_confidence("4", scale="fraction")
    with pytest.raises(InvalidInput, match="this file's confidences read as 0–10"):
        parse_confidence("0.5", scale="0-10")


@given(st.integers(1, 999))
def test_every_fraction_reads_as_its_tenths_rounded_half_up(thousandths: int) -> None:
    text = f"0.{thousandths:03d}"
    read = read_confidence(text)
    assert read is not None and read.scale == "fraction"
    assert read.value == (thousandths + 50) // 100
    assert read.note.startswith(f"read confidence {text} as {read.value}/10")
    assert read.exact == (thousandths % 100 == 0)


@given(st.integers(0, 100))
def test_every_percentage_reads_as_its_tenths_rounded_half_up(percent: int) -> None:
    assert parse_confidence(f"{percent}%") == (percent + 5) // 10


@given(st.integers(0, 1000), st.integers(0, 1000))
def test_a_higher_fraction_never_reads_lower(a: int, b: int) -> None:
    low, high = sorted((a, b))
    assert parse_confidence(f"{low / 1000}", scale="fraction") <= parse_confidence(  # type: ignore[operator]
        f"{high / 1000}", scale="fraction")


@given(st.text(), st.sampled_from([None, "0-10", "fraction", "percent"]))
@example("0.4", None)
@example("1e-3", "fraction")
def test_any_text_on_any_scale_is_zero_to_ten_blank_or_a_refusal(text: str, scale) -> None:  # noqa: ANN001
    try:
        confidence = parse_confidence(text, scale=scale)
    except InvalidInput:
        return
    assert confidence is None or 0 <= confidence <= 10


@pytest.mark.parametrize(
    ("values", "scale"),
    [([1, 0.05, 0.4, None], "fraction"), (["0.4", "1", ""], "fraction"),
     ([0, 1, 1, 0], "0-10"), ([7, 5, 10], "0-10"), ([6, 7, 11], "0-10"),
     ([70, 50, 30, 5], "percent"), (["40%", "70%"], "percent"), ([], "0-10"),
     ([0.4, 7], "0-10"), ([True, "x", 0.5], "fraction")],
)
def test_a_column_of_confidences_is_read_on_one_scale(values: list, scale: str) -> None:
    assert confidence_scale(values) == scale


@given(st.lists(st.integers(0, 1000), min_size=1))
def test_a_column_of_fractions_with_one_between_zero_and_one_reads_as_fractions(
        thousandths: list[int]) -> None:
    values = [t / 1000 for t in thousandths]
    expected = "fraction" if any(0 < t < 1000 for t in thousandths) else "0-10"
    assert confidence_scale(values) == expected
    if expected == "fraction":
        read = [parse_confidence(repr(v), scale="fraction") for v in values]
        assert all(r is not None and 0 <= r <= 10 for r in read)


@given(st.lists(st.integers(0, 10), min_size=1))
def test_a_column_of_whole_tenths_stays_on_zero_to_ten(values: list[int]) -> None:
    assert confidence_scale(values) == "0-10"
    assert [parse_confidence(str(v), scale="0-10") for v in values] == values
