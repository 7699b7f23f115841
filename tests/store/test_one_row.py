"""Refreshing one row: a KPI's or a key result's, the same as the whole pane gives it."""

from __future__ import annotations

from datetime import date

import pytest

from okrtui.core.models import Metric
from okrtui.core.periods import Quarter
from okrtui.demo import build_demo
from okrtui.store.okr_repository import quarter_views
from okrtui.store.repository import Repository


@pytest.fixture
def demo(repo: Repository, today: date) -> Repository:
    build_demo(repo, today)
    return repo


def test_each_kpi_row_is_the_overviews_row(demo: Repository, today: date) -> None:
    overview = demo.kpi_overview(today)
    assert any(h.key_result_id is not None for h in overview)  # both roles are compared
    assert any(h.key_result_id is None for h in overview)
    for health in overview:
        assert demo.kpi_row(health.metric.id or 0, today) == health


def test_a_metric_off_the_pane_has_no_kpi_row(demo: Repository, today: date) -> None:
    shown = {h.metric.id for h in demo.kpi_overview(today)}
    hidden = [m for m in demo.list_metrics(include_archived=True) if m.id not in shown]
    quiet = demo.add_metric(Metric(name="Quiet", watched=False))
    gone = demo.set_archived(demo.kpi_overview(today)[0].metric.name, True)
    for metric in (*hidden, quiet, gone):
        assert demo.kpi_row(metric.id or 0, today) is None, metric.name
    assert demo.kpi_row(9999, today) is None


def test_a_kpi_row_follows_the_quarter_of_the_day_asked(demo: Repository, today: date) -> None:
    measured = next(h for h in demo.kpi_overview(today) if h.key_result_id is not None)
    next_quarter = Quarter.of(today).next().start
    row = demo.kpi_row(measured.metric.id or 0, next_quarter)
    assert row is not None and row.key_result_id is None  # a KPI again next quarter
    unwatched = next(h for h in demo.kpi_overview(today) if not h.metric.watched)
    assert demo.kpi_row(unwatched.metric.id or 0, next_quarter) is None


def test_each_key_result_view_is_the_quarter_views_entry(demo: Repository, today: date) -> None:
    # A guardrail out of its range, so the views carry a breach to compare.
    guarded = quarter_views(demo, str(Quarter.of(today)), today)[0][1][0]
    guard = demo.get_metric_by_id(demo.okrs.guardrail_ids(guarded.key_result.id or 0)[0])
    outside = guard.range_min - 1 if guard.range_min is not None else (guard.range_max or 0) + 1
    demo.record_reading(guard, today, outside, today=today)
    views = [v for _, vs in quarter_views(demo, str(Quarter.of(today)), today) for v in vs]
    assert len(views) == 3 and any(v.breaches for v in views)
    assert any(v.check_ins for v in views)
    for view in views:
        assert demo.okrs.key_result_view(view.key_result.id or 0, today) == view
