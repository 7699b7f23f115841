"""A next test's KPI and direction, read from its words, and its verdict from the chart."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from okrtui.core.errors import InvalidInput
from okrtui.core.next_test_target import Target, judge, parse_target, read_target
from okrtui.core.signals import xmr_of

START = date(2026, 1, 5)
NAMES = ["Churn", "Weekly active users", "NPS"]


def weekly(values: list[float]) -> tuple[list[date], list[float]]:
    return [START + timedelta(weeks=i) for i in range(len(values))], values


def test_the_arrow_and_the_brackets_name_a_known_kpi() -> None:
    assert parse_target("Call two customers → Churn down", NAMES) == Target("Churn", "down")
    assert parse_target("Call two customers -> churn ↓", NAMES) == Target("Churn", "down")
    assert parse_target("Try the new page (Weekly active users up)", NAMES) == Target(
        "Weekly active users", "up")
    assert parse_target("Ask kim (NPS ↑).", NAMES) == Target("NPS", "up")


def test_an_unknown_name_or_no_direction_is_only_words() -> None:
    assert parse_target("Call two customers → Revenue down", NAMES) is None
    assert parse_target("Call two customers about Churn", NAMES) is None
    assert parse_target("Check churn (it went down)", NAMES) is None


@given(st.text(max_size=40), st.sampled_from(NAMES), st.sampled_from(["up", "down"]))
def test_a_target_at_the_end_is_always_found(words: str, name: str, way: str) -> None:
    words = words.replace("(", "").replace(")", "")
    assert parse_target(f"{words} → {name.upper()} {way}", NAMES) == Target(name, way)
    assert parse_target(f"{words} ({name} {way})", NAMES) == Target(name, way)


@given(st.text(max_size=60))
def test_text_without_a_known_name_never_has_a_target(words: str) -> None:
    assert parse_target(words, ["zz-no-such-kpi-zz"]) is None or "zz-no-such-kpi-zz" in \
        words.casefold()


def test_a_shift_down_after_the_test_began_is_a_signal_that_way() -> None:
    dates, values = weekly([5.0, 5.2, 4.8, 5.1, 4.9, 5.0, 5.1, 4.9] + [4.5] * 8)
    chart = xmr_of(dates, values)
    began = dates[8]
    verdict = judge("Churn", "down", began, chart, dates)
    assert verdict.kind == "moved"
    assert verdict.words.startswith(f"Churn has shown a signal down since {began}")
    assert judge("Churn", "up", began, chart, dates).kind == "other-way"


def test_readings_within_the_limits_are_no_signal_yet() -> None:
    dates, values = weekly([5.0, 5.2, 4.8, 5.1, 4.9, 5.0, 5.1, 4.9, 5.0, 5.1, 4.9])
    verdict = judge("Churn", "down", dates[8], xmr_of(dates, values), dates)
    assert verdict.kind == "no-signal"
    assert verdict.words == f"no signal yet: 3 reading(s) of Churn since {dates[8]}, " \
        "within the limits"


def test_a_signal_before_the_test_began_is_not_credited_to_it() -> None:
    dates, values = weekly([5.0, 5.2, 4.8, 5.1, 4.9, 5.0, 5.1, 4.9, 1.0] + [5.0] * 3)
    verdict = judge("Churn", "down", dates[10], xmr_of(dates, values), dates)
    assert verdict.kind == "no-signal"


def test_too_few_readings_say_so() -> None:
    dates, values = weekly([5.0, 4.0, 3.0])
    verdict = judge("Churn", "down", dates[1], xmr_of(dates, values), dates)
    assert verdict.kind == "too-few"
    assert "2 reading(s)" in verdict.words


series = st.lists(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), min_size=0,
                  max_size=40)


@given(series, st.integers(min_value=0, max_value=45), st.sampled_from(["up", "down"]))
def test_a_verdict_agrees_with_the_findings_since_the_start(
        values: list[float], start: int, way: str) -> None:
    dates, _ = weekly(values)
    chart = xmr_of(dates, values)
    began = START + timedelta(weeks=start)
    verdict = judge("K", way, began, chart, dates)  # type: ignore[arg-type]
    sign = 1 if way == "up" else -1
    since = [f for f in chart.findings if f.dates[-1] >= began]
    assert (verdict.kind == "moved") == any(f.direction == sign for f in since)
    if verdict.kind == "other-way":
        assert all(f.direction == -sign for f in since) and since
    if verdict.finding is not None:
        assert verdict.finding.dates[-1] >= began
    else:
        assert verdict.words.startswith("no signal yet")


def test_the_dialog_s_words_name_a_kpi_and_a_way_or_nothing() -> None:
    assert read_target(" churn down ", NAMES) == Target("Churn", "down")
    assert read_target("NPS ↑", NAMES) == Target("NPS", "up")
    assert read_target("  ", NAMES) is None
    for words in ("Revenue down", "Churn", "down"):
        with pytest.raises(InvalidInput) as refused:
            read_target(words, NAMES)
        assert refused.value.field == "target"
