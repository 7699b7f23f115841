"""XmR limits and run rules against textbook series."""

from __future__ import annotations

import random
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from okrtui.core.models import Point
from okrtui.core.signals import Baseline, Verdict, xmr, xmr_of

START = date(2026, 1, 5)


def series(values: list[float]) -> list[Point]:
    return [Point.model_construct(at=START + timedelta(weeks=i), value=v)
            for i, v in enumerate(values)]


def test_limits_follow_the_textbook_formulas() -> None:
    chart = xmr(series([10, 12, 11, 13, 12, 11, 10, 12]))
    mr = (2 + 1 + 2 + 1 + 1 + 1 + 2) / 7
    assert abs(chart.centre - 11.375) < 1e-9
    assert abs(chart.upper - (11.375 + 2.66 * mr)) < 1e-9
    assert abs(chart.lower - (11.375 - 2.66 * mr)) < 1e-9
    assert abs(chart.range_limit - 3.268 * mr) < 1e-9


def test_fewer_than_six_readings_claim_no_limits() -> None:
    assert xmr(series([1, 2, 3, 4, 5])).verdict is Verdict.TOO_FEW


def test_pure_noise_is_noise() -> None:
    rng = random.Random(3)
    values = [50 + (0.5 if i % 2 else -0.5) * rng.random() for i in range(40)]
    assert xmr(series(values)).verdict is Verdict.NOISE


def test_a_spike_fires_rule_one_at_its_date() -> None:
    values = [10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 30, 10, 11]
    chart = xmr(series(values))
    assert chart.verdict is Verdict.SIGNAL
    spike = [f for f in chart.findings if f.rule == 1]
    assert [(f.dates, f.direction) for f in spike] == [((START + timedelta(weeks=10),), 1)]


def test_a_step_shift_fires_eight_in_a_row_since_the_shift() -> None:
    values = [10, 11, 10, 11, 10, 11, 10, 11, 10, 11] + [9.8] * 3 + [9.6, 9.7, 9.8, 9.6, 9.7]
    chart = xmr(series(values), baseline=10)
    runs = [f for f in chart.findings if f.rule == 3]
    assert runs and runs[0].direction == -1
    assert runs[0].since == START + timedelta(weeks=10)


def test_a_drift_fires_three_of_four_near_the_upper_limit() -> None:
    values = [10, 10.4, 9.8, 10.2, 9.9, 10.3, 10.0, 10.1, 10.9, 11.0, 10.2, 11.1]
    chart = xmr(series(values), baseline=8)
    rule_two = [f for f in chart.findings if f.rule == 2]
    assert rule_two and rule_two[0].direction == 1


def test_a_flat_run_with_zero_moving_ranges_flags_any_change() -> None:
    chart = xmr(series([5, 5, 5, 5, 5, 5, 5, 6]), baseline=7)
    assert chart.lower == chart.centre == chart.upper == 5.0
    assert chart.verdict is Verdict.SIGNAL and chart.findings[0].rule == 1


def test_negative_values_work_like_any_others() -> None:
    values = [-10, -11, -10, -11, -10, -11, -10, -11, -10, -11, -30]
    chart = xmr(series(values))
    assert chart.centre < 0 and chart.lower < chart.centre < chart.upper
    assert any(f.rule == 1 and f.direction == -1 for f in chart.findings)


@given(st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=6, max_size=60))
def test_limits_are_ordered_and_findings_point_at_real_dates(values: list[float]) -> None:
    points = series(values)
    chart = xmr(points)
    assert chart.lower <= chart.centre <= chart.upper
    known = {p.at for p in points}
    for finding in chart.findings:
        assert set(finding.dates) <= known and finding.direction in (-1, 1)
    current = [f for f in chart.findings if f.dates[-1] >= points[-min(4, len(points))].at]
    assert (chart.verdict is Verdict.SIGNAL) == bool(current)


def test_a_baseline_period_recomputes_the_limits_from_its_start() -> None:
    from okrtui.core.signals import Baseline

    before = [10, 11] * 6
    after = [20, 21] * 6
    values = before + after
    whole = xmr(series(values))
    assert whole.verdict is Verdict.SIGNAL
    assert whole.latest_finding is not None and whole.latest_finding.since == START + timedelta(
        weeks=12)
    new = Baseline(start=START + timedelta(weeks=12))
    chart = xmr(series(values), period=new)
    assert chart.verdict is Verdict.NOISE and abs(chart.centre - 20.5) < 1e-9
    assert chart.baseline_from == START + timedelta(weeks=12)
    ended = Baseline(start=START, end=START + timedelta(weeks=7))
    assert xmr(series(values), period=ended).baseline == 8
    too_short = Baseline(start=START + timedelta(weeks=20))
    assert xmr(series(values), period=too_short).verdict is Verdict.TOO_FEW


def test_points_beyond_the_same_limit_in_a_row_make_one_finding() -> None:
    values = [10, 11] * 6 + [40, 41, 42] + [10, 11]
    ones = [f for f in xmr(series(values)).findings if f.rule == 1]
    assert len(ones) == 1 and len(ones[0].dates) == 3


def test_the_summary_names_the_rule_and_since_when() -> None:
    values = [10, 11, 10, 11, 10, 11, 10, 11, 10, 11] + [10.4] * 8
    chart = xmr(series(values), baseline=10)
    assert chart.summary() == f"signal ▼ shift since {START + timedelta(weeks=10)}"
    assert xmr(series([1, 2, 1, 2, 1, 2])).summary() == "noise"
    assert xmr(series([1, 2])).summary() == "too few readings"


@given(st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=6, max_size=60))
def test_rules_do_not_care_about_scale_and_mirror_when_negated(values: list[float]) -> None:
    def shape(chart):  # type: ignore[no-untyped-def]
        return sorted((f.rule, f.dates, f.direction) for f in chart.findings)

    chart = xmr(series(values))
    # Doubling and negating are exact in floating point, so the findings must match.
    assert shape(xmr(series([2 * v for v in values]))) == shape(chart)
    mirrored = [(r, d, -s) for r, d, s in shape(chart)]
    assert shape(xmr(series([-v for v in values]))) == sorted(mirrored)


def test_a_signal_long_gone_is_history_not_the_verdict() -> None:
    values = [10, 11] * 10 + [30] + [10, 11] * 5
    chart = xmr(series(values))
    assert [f.rule for f in chart.findings] == [1]
    assert chart.verdict is Verdict.NOISE and chart.summary() == "noise"
    assert not chart.is_current(chart.findings[0])


def test_the_plot_draws_limits_centre_and_flagged_points_without_colour() -> None:
    from okrtui.core.xmr_plot import FLAGGED, LIMIT, POINT, plot_xmr

    values = [10, 11] * 10 + [30]
    points = series(values)
    chart = xmr(points)
    lines = plot_xmr([p.at for p in points], values, chart, 60, 8, lambda v: f"{v:.1f}")
    assert len(lines) == 9 and all(len(line) <= 60 for line in lines)
    assert lines[0].rstrip().endswith(FLAGGED)  # the spike, top right
    assert any(line.lstrip().startswith("upper") and LIMIT in line for line in lines)
    assert any(line.lstrip().startswith("centre 10.5") for line in lines)
    assert sum(line.count(POINT) for line in lines) == 20
    assert lines[-1].strip().startswith(START.isoformat())


def test_the_plot_marks_earlier_readings_and_the_baseline_start() -> None:
    from okrtui.core.signals import Baseline
    from okrtui.core.xmr_plot import EARLIER, plot_xmr

    values = [10, 11] * 10 + [20, 21] * 10
    points = series(values)
    chart = xmr(points, period=Baseline(start=START + timedelta(weeks=20)))
    lines = plot_xmr([p.at for p in points], values, chart, 80, 8, str)
    assert sum(line.count(EARLIER) for line in lines) == 20
    assert lines[-1].index("^") == 15 + 20


def test_the_plot_marks_readings_a_source_delivered() -> None:
    from okrtui.core.xmr_plot import FLAGGED, POINT, PULLED, plot_xmr

    values = [10, 11] * 10 + [30]
    points = series(values)
    pulled = {p.at for p in points[-6:]}  # the last five ordinary ones, and the spike
    lines = plot_xmr([p.at for p in points], values, xmr(points), 60, 8, str, pulled)
    assert sum(line.count(PULLED) for line in lines) == 5
    assert sum(line.count(POINT) for line in lines) == 15
    assert lines[0].rstrip().endswith(FLAGGED)  # a flag says more than where it came from


def test_the_plot_of_too_few_readings_has_no_lines() -> None:
    from okrtui.core.xmr_plot import CENTRE, plot_xmr

    points = series([1, 2, 3])
    lines = plot_xmr([p.at for p in points], [1, 2, 3], xmr(points), 40, 5, str)
    assert not any(CENTRE in line for line in lines)
    assert lines[0].strip().startswith("3")


@given(st.lists(st.floats(-1e3, 1e3, allow_nan=False), min_size=6, max_size=80))
def test_judging_only_the_last_readings_gives_the_same_verdict(values: list[float]) -> None:
    from okrtui.core.signals import xmr_of

    dates = [START + timedelta(weeks=i) for i in range(len(values))]
    full, quick = xmr_of(dates, values), xmr_of(dates, values, verdict_only=True)
    assert quick.verdict is full.verdict
    assert (quick.centre, quick.lower, quick.upper) == (full.centre, full.lower, full.upper)


@given(st.lists(st.floats(-1e3, 1e3, allow_nan=False), min_size=0, max_size=60),
       st.none() | st.integers(-2, 62), st.none() | st.integers(-2, 62))
def test_iso_dates_as_sqlite_returns_them_chart_the_same_as_dates(
        values: list[float], start: int | None, end: int | None) -> None:
    days = [START + timedelta(weeks=i) for i in range(len(values))]
    period = Baseline(start=None if start is None else START + timedelta(weeks=start),
                      end=None if end is None else START + timedelta(weeks=end))
    as_text = xmr_of([d.isoformat() for d in days], values, period=period)
    assert as_text == xmr_of(days, values, period=period)
