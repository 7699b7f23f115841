"""Gather a week's review from the store (core.review makes the note from it)."""

from __future__ import annotations

from bisect import bisect_right
from datetime import date, timedelta
from typing import TYPE_CHECKING

from okrtui.core.kpi import kpi_health
from okrtui.core.models import Point
from okrtui.core.periods import week_start, weeks_left
from okrtui.core.review import KeyResultState, KpiState, ReviewInputs, ReviewNote, build_note
from okrtui.core.scoring import progress
from okrtui.core.signals import BASELINE_POINTS, VERDICT_POINTS, Baseline, xmr_of
from okrtui.store import sql
from okrtui.store.okr_repository import quarter_views

if TYPE_CHECKING:
    from okrtui.store.repository import Repository


def review_week(today: date, week: date | None = None) -> date:
    """The Monday of `week` (any day in it), or of this week."""
    return week_start(week or today)


def review_inputs(repo: Repository, week: date, today: date) -> ReviewInputs:
    """The data of the review of `week` (a Monday): its state against the last review's."""
    until = min(today, week + timedelta(days=6))
    last = repo.journal.last_review_before(week)
    since = (last.week + timedelta(days=6)) if last and last.week else week - timedelta(days=1)
    since = min(since, until)
    quarter = repo.cycles.calendar().current(until)
    plan = quarter_views(repo, str(quarter), until)
    guards: dict[int, list[int]] = {}
    for _, views in plan:
        for view in views:
            for metric_id in repo.okrs.guardrail_ids(view.key_result.id or 0):
                guards.setdefault(metric_id, []).append(view.key_result.id or 0)
    # The KPI pane's metrics (watched, or measured by a key result this quarter),
    # without its sparklines: the note reads each series itself.
    by_metric = repo.okrs.key_result_by_metric(str(quarter))
    kpis = [_kpi_state(repo, m, since, until, by_metric[m.id or 0].id if m.id in by_metric
                       else None, tuple(guards.get(m.id or 0, ())))
            for m in repo.list_metrics() if m.watched or m.id in by_metric]
    key_results = []
    for objective, views in plan:
        for view in views:
            kr = view.key_result
            value = repo.current_points(kr.metric_id, since, limit=1)
            before = [c for c in view.check_ins if c.at <= since]
            before_progress = (progress(kr.baseline, kr.target, value[-1].value)
                               if value and kr.start <= since else None)
            if view.frozen is not None and view.frozen.as_of <= since:
                before_progress = view.progress  # closed before: frozen then as now
            key_results.append(KeyResultState(
                now=view, objective=objective, progress_before=before_progress,
                confidence_before=next((c.confidence for c in reversed(before)
                                        if c.confidence is not None), None)))
    return ReviewInputs(
        week=week, since=since, until=until, quarter=str(quarter),
        weeks_left=weeks_left(quarter.end, until), kpis=kpis, key_results=key_results,
        # Open ones, and those answered "not done": both are still to test.
        tests_open=repo.journal.tests_to_review(week),
        tests_answered=repo.journal.tests_resolved_in(week))


# Readings the note judges per KPI: a year of weekly ones. A signal running longer
# than that is reported as "since at least" the window's first reading.
NOTE_WINDOW = 52


def _series(repo: Repository, metric_id: int, since: date, until: date,
            baseline: Baseline | None) -> tuple[list[str], list[float], int]:
    """The baseline's readings and the recent ones (the latest `NOTE_WINDOW`, and
    enough before `since` to judge it), with where the recent ones start: the
    note's cost follows the window, not ten years of history."""
    where = "metric_id = ? AND superseded = 0 AND at <= ?"
    params: list[object] = [metric_id, until.isoformat()]
    start = baseline.start.isoformat() if baseline and baseline.start else ""
    head = sql.tuples(
        repo.db, f"SELECT at, value FROM reading WHERE {where} AND at >= ? ORDER BY at LIMIT ?",
        [*params, start, BASELINE_POINTS if not (baseline and baseline.end) else 10_000])
    window_start = sql.value(
        repo.db, f"SELECT at FROM reading WHERE {where} ORDER BY at DESC LIMIT 1 OFFSET ?",
        [*params, NOTE_WINDOW - 1])
    lower = min(window_start or "", (since - timedelta(weeks=VERDICT_POINTS * 5)).isoformat())
    tail = sql.tuples(
        repo.db, f"SELECT at, value FROM reading WHERE {where} AND at >= ? AND at >= ? "
        "ORDER BY at", [*params, start, lower])
    rows = head + [r for r in tail if not head or r[0] > head[-1][0]]
    tail_from = len(rows) - len(tail) if tail else len(rows)
    return [r[0] for r in rows], [r[1] for r in rows], max(tail_from, 0)


def _kpi_state(repo: Repository, metric, since: date, until: date,  # noqa: ANN001
               key_result_id: int | None, guards: tuple[int, ...]) -> KpiState:
    baseline = repo.signals.baseline(metric.id or 0)
    dates, values, tail_from = _series(repo, metric.id or 0, since, until, baseline)
    cut = bisect_right(dates, since.isoformat())

    def health(n: int, day: date):  # noqa: ANN202
        # The note needs the latest two readings, not a sparkline's worth.
        points = [Point.model_construct(at=date.fromisoformat(d), value=v)
                  for d, v in zip(dates[max(0, n - 2):n], values[max(0, n - 2):n], strict=True)]
        return kpi_health(metric, points, day)

    return KpiState(
        before=health(cut, since), now=health(len(dates), until),
        # Only the verdict at the last review matters: judge just its last readings.
        chart_before=xmr_of(dates[:cut], values[:cut], period=baseline, verdict_only=True),
        chart_now=xmr_of(dates, values, period=baseline, judge_from=tail_from),
        judged_from=date.fromisoformat(dates[tail_from]) if 0 < tail_from < len(dates) else None,
        key_result_id=key_result_id, guards=guards)


def weekly_note(repo: Repository, today: date, week: date | None = None) -> ReviewNote:
    """The note for a week (default this one); the same data gives the same note."""
    return build_note(review_inputs(repo, review_week(today, week), today))
