"""A KPI's health today: in range, out of range, no range, stale, or no data."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from okrtui.core.kpi import STALE_AFTER_DAYS, STATUS_LABEL, Status, kpi_health, range_status
from okrtui.core.models import Metric, Point

TODAY = date(2026, 11, 23)


def kpi(**fields) -> Metric:
    return Metric(id=1, name="Uptime", **fields)


def points(*values: float, step_days: int = 7, last: date = TODAY) -> list[Point]:
    """Readings `step_days` apart, oldest first, the last one on `last`."""
    count = len(values)
    return [
        Point(at=last - timedelta(days=step_days * (count - 1 - i)), value=v)
        for i, v in enumerate(values)
    ]


def test_value_inside_the_range_is_healthy() -> None:
    health = kpi_health(kpi(range_min=90, range_max=110), points(100), TODAY)
    assert health.status is Status.HEALTHY
    assert health.range_status is Status.HEALTHY


@pytest.mark.parametrize("value", [90, 110])
def test_range_bounds_are_inclusive(value: float) -> None:
    assert kpi_health(kpi(range_min=90, range_max=110), points(value), TODAY).status == "healthy"


def test_value_under_the_minimum_is_below() -> None:
    assert kpi_health(kpi(range_min=90), points(89.9), TODAY).status is Status.BELOW


def test_value_over_the_maximum_is_above() -> None:
    assert kpi_health(kpi(range_max=3), points(3.01), TODAY).status is Status.ABOVE


def test_kpi_without_a_range_is_flagged_no_range_whatever_its_value() -> None:
    health = kpi_health(kpi(), points(1, 2, 1_000_000), TODAY)
    assert health.status is Status.NO_RANGE
    assert health.range_status is Status.NO_RANGE


def test_kpi_without_readings_has_no_data() -> None:
    health = kpi_health(kpi(range_min=1), [], TODAY)
    assert health.status is Status.NO_DATA
    assert health.latest is None and health.previous is None
    assert health.change is None and health.days_since is None
    assert health.recent == ()


def test_weekly_kpi_is_stale_only_after_ten_days() -> None:
    metric = kpi(range_min=90, cadence="weekly")
    on_time = kpi_health(metric, points(95, last=TODAY - timedelta(days=10)), TODAY)
    late = kpi_health(metric, points(95, last=TODAY - timedelta(days=11)), TODAY)
    assert STALE_AFTER_DAYS["weekly"] == 10
    assert on_time.status is Status.HEALTHY
    assert late.status is Status.STALE
    assert late.days_since == 11


def test_monthly_kpi_is_stale_only_after_thirty_eight_days() -> None:
    metric = kpi(range_min=90, cadence="monthly")
    on_time = kpi_health(metric, points(95, last=TODAY - timedelta(days=38)), TODAY)
    late = kpi_health(metric, points(95, last=TODAY - timedelta(days=39)), TODAY)
    assert on_time.status is Status.HEALTHY
    assert late.status is Status.STALE


def test_stale_wins_over_out_of_range_but_range_status_still_tells_it() -> None:
    health = kpi_health(kpi(range_min=90), points(10, last=TODAY - timedelta(days=30)), TODAY)
    assert health.status is Status.STALE
    assert health.range_status is Status.BELOW


def test_stale_wins_over_no_range() -> None:
    health = kpi_health(kpi(), points(10, last=TODAY - timedelta(days=30)), TODAY)
    assert health.status is Status.STALE
    assert health.range_status is Status.NO_RANGE


def test_change_is_latest_minus_previous_without_float_noise() -> None:
    health = kpi_health(kpi(range_min=0), points(2.5, 3.1), TODAY)
    assert health.previous is not None and health.previous.value == 2.5
    assert health.latest is not None and health.latest.value == 3.1
    assert health.change == 0.6


def test_a_single_reading_has_no_previous_and_no_change() -> None:
    health = kpi_health(kpi(range_min=0), points(5), TODAY)
    assert health.previous is None
    assert health.change is None
    assert health.days_since == 0


def test_recent_holds_the_values_oldest_first() -> None:
    health = kpi_health(kpi(range_min=0), points(1, 2, 3, 4), TODAY)
    assert health.recent == (1, 2, 3, 4)


def test_readings_after_today_are_ignored() -> None:
    readings = [
        Point(at=TODAY - timedelta(days=7), value=50),
        Point(at=TODAY - timedelta(days=1), value=100),
        Point(at=TODAY + timedelta(days=1), value=500),
    ]
    health = kpi_health(kpi(range_min=90, range_max=110), readings, TODAY)
    assert health.latest == Point(at=TODAY - timedelta(days=1), value=100)
    assert health.previous is not None and health.previous.value == 50
    assert health.status is Status.HEALTHY
    assert health.recent == (50, 100)


def test_only_future_readings_means_no_data() -> None:
    health = kpi_health(kpi(range_min=1), points(5, last=TODAY + timedelta(days=3)), TODAY)
    assert health.status is Status.NO_DATA


def test_every_status_has_a_label_with_a_symbol_and_words() -> None:
    assert set(STATUS_LABEL) == set(Status)
    for status, label in STATUS_LABEL.items():
        symbol, _, words = label.partition(" ")
        assert symbol and not symbol.isalpha()
        assert words.replace("-", " ").split()[0] in str(status).replace("-", " ")


bounds = st.one_of(st.none(), st.floats(-1e6, 1e6, allow_nan=False))
values = st.floats(-1e7, 1e7, allow_nan=False)


@st.composite
def metrics(draw: st.DrawFn) -> Metric:
    low, high = draw(bounds), draw(bounds)
    if low is not None and high is not None and low > high:
        low, high = high, low
    cadence = draw(st.sampled_from(["weekly", "monthly"]))
    return Metric(id=1, name="m", range_min=low, range_max=high, cadence=cadence)


@given(metrics(), values)
def test_range_status_matches_the_bounds(metric: Metric, value: float) -> None:
    status = range_status(metric, value)
    if metric.range_min is None and metric.range_max is None:
        assert status is Status.NO_RANGE
    elif metric.range_min is not None and value < metric.range_min:
        assert status is Status.BELOW
    elif metric.range_max is not None and value > metric.range_max:
        assert status is Status.ABOVE
    else:
        assert status is Status.HEALTHY


@given(
    metrics(),
    st.lists(
        st.tuples(st.integers(-60, 400), values), max_size=8, unique_by=lambda t: t[0]
    ),
)
def test_status_is_always_one_of_the_known_statuses(
    metric: Metric, raw: list[tuple[int, float]]
) -> None:
    readings = sorted(
        (Point(at=TODAY - timedelta(days=ago), value=v) for ago, v in raw), key=lambda p: p.at
    )
    health = kpi_health(metric, readings, TODAY)
    assert health.status in set(Status)
    past = [p for p in readings if p.at <= TODAY]
    if not past:
        assert health.status is Status.NO_DATA
        return
    assert health.latest == past[-1]
    assert health.range_status is range_status(metric, past[-1].value)
    if health.status is not Status.STALE:
        assert health.status is health.range_status
    else:
        assert health.days_since is not None
        assert health.days_since > STALE_AFTER_DAYS[metric.cadence]
