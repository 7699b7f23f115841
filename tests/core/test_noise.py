"""A target inside the noise: flagged in the plan check, noted for a success at close."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from okrtui.core.hygiene import check_plan
from okrtui.core.noise import success_without_signal, target_inside_limits
from okrtui.core.signals import xmr_of
from tests.core.test_hygiene import kr, plan

finite = st.floats(-1e6, 1e6, allow_nan=False)


def test_a_target_within_the_limits_is_flagged_with_the_limit_to_beat() -> None:
    issues = [i for i in check_plan(plan(limits={1: (0.5, 2.5)})) if i.kind == "key-result"]
    assert [i.check for i in issues] == ["target-inside-noise"]
    assert issues[0].rule == 7
    assert "above the upper limit 2.5" in issues[0].fix


def test_a_lower_is_better_target_is_told_to_go_below_the_lower_limit() -> None:
    down = kr(1, baseline=10, target=8, statement="Cut M1 from 10 to 8")
    issues = check_plan(plan(key_results=[down, kr(2, metric_id=2)], limits={1: (7.5, 12.0)}))
    fix = next(i.fix for i in issues if i.check == "target-inside-noise")
    assert "below the lower limit 7.5" in fix


def test_a_target_beyond_the_limits_or_without_limits_is_not_flagged() -> None:
    assert "target-inside-noise" not in [i.check for i in check_plan(plan(limits={1: (0, 1.5)}))]
    assert "target-inside-noise" not in [i.check for i in check_plan(plan())]


@given(finite, finite, finite, finite)
def test_flagged_exactly_when_the_target_lies_within_the_limits(
        baseline: float, target: float, a: float, b: float) -> None:
    lower, upper = min(a, b), max(a, b)
    if baseline == target:
        return
    p = plan(key_results=[kr(1, baseline=baseline, target=target)], limits={1: (lower, upper)})
    flagged = "target-inside-noise" in [i.check for i in check_plan(p)]
    assert flagged == (lower <= target <= upper) == target_inside_limits(
        baseline, target, lower, upper)


def _chart(values: list[float]) -> tuple[list[date], list[float]]:
    start = date(2026, 1, 5)
    return [start + timedelta(weeks=n) for n in range(len(values))], values


def test_a_success_on_a_steady_metric_is_noted_and_one_with_a_shift_is_not() -> None:
    steady = xmr_of(*_chart([10, 11, 10, 12, 11, 10, 11, 12, 10, 11, 10, 11]))
    days = _chart([0] * 12)[0]
    assert success_without_signal(0.8, steady, days[0], days[-1])
    assert not success_without_signal(0.5, steady, days[0], days[-1])
    assert not success_without_signal(None, steady, days[0], days[-1])
    shifted = xmr_of(*_chart([10, 11, 10, 12, 11, 10, 11, 12, 10, 11, 30, 31, 32]))
    assert not success_without_signal(0.8, shifted, days[0], days[-1] + timedelta(weeks=2))


@given(st.lists(st.floats(0, 100, allow_nan=False), min_size=6, max_size=30),
       st.floats(0, 1))
def test_never_noted_below_success_and_never_when_a_signal_falls_in_the_cycle(
        values: list[float], score: float) -> None:
    days, _ = _chart(values)
    chart = xmr_of(days, values)
    noted = success_without_signal(score, chart, days[0], days[-1])
    if score < 0.7 - 1e-9 or any(f.dates for f in chart.findings):
        assert not noted
