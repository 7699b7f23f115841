"""Gather a week's review from the store (core.review makes the note from it).

"What changed" compares with what the previous review saw: this module reads
that review's week and the moment it was saved, and each KPI's readings with
when they were recorded; `core.review_since` decides what the review saw.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

from okrtui.core.kpi import kpi_health
from okrtui.core.models import Metric, Point
from okrtui.core.periods import week_start, weeks_left
from okrtui.core.review import KeyResultState, KpiState, ReviewInputs, ReviewNote, build_note
from okrtui.core.review_since import (
    PreviousReview,
    Split,
    StoredReading,
    compared_day,
    latest_seen,
    seen,
    split_seen,
)
from okrtui.core.scoring import progress
from okrtui.core.signals import BASELINE_POINTS, VERDICT_POINTS, Baseline, xmr_of
from okrtui.store import sql
from okrtui.store.okr_repository import quarter_views
from okrtui.store.test_verdicts import verdicts

if TYPE_CHECKING:
    from okrtui.store.repository import Repository


def review_week(today: date, week: date | None = None, first: int = 0) -> date:
    """The Monday of `week` (any day in it), or of this week."""
    return week_start(week or today, first)


def previous_review(repo: Repository, week: date) -> PreviousReview | None:
    """The review a week's note compares with: the latest one of an earlier week."""
    last = repo.journal.last_review_before(week)
    if last is None or last.week is None or last.created_at is None:
        return None
    edited = last.updated_at is not None and last.updated_at > last.created_at
    return PreviousReview(week=last.week, day=min(last.at, last.week + timedelta(days=6)),
                          saved_at=last.created_at, edited=edited)


def review_inputs(repo: Repository, week: date, today: date) -> ReviewInputs:
    """The data of the review of `week` (a Monday): its state against what the previous
    review saw."""
    until = min(today, week + timedelta(days=6))
    previous = previous_review(repo, week)
    since = compared_day(week, until, previous)
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
    kpis = [_kpi_state(repo, m, _Span(since, until, previous),
                       by_metric[m.id or 0].id if m.id in by_metric else None,
                       tuple(guards.get(m.id or 0, ())))
            for m in repo.list_metrics() if m.watched or m.id in by_metric]
    key_results = []
    for objective, views in plan:
        for view in views:
            kr = view.key_result
            value = _value_seen(repo, kr.metric_id, since, previous)
            before = [c for c in view.check_ins if seen(c.at, c.recorded_at, since, previous)]
            before_progress = (progress(kr.baseline, kr.target, value.value)
                               if value is not None and kr.start <= since else None)
            if view.frozen is not None and view.frozen.as_of <= since:
                before_progress = view.progress  # closed before: frozen then as now
            key_results.append(KeyResultState(
                now=view, objective=objective, progress_before=before_progress,
                confidence_before=next((c.confidence for c in reversed(before)
                                        if c.confidence is not None), None)))
    # Open ones, and those answered "not done": both are still to test.
    tests_open = repo.journal.tests_to_review(week)
    tests_answered = repo.journal.tests_resolved_in(week)
    judged = verdicts(repo, [*tests_open, *tests_answered], until)
    return ReviewInputs(
        week=week, since=since, until=until, quarter=str(quarter),
        weeks_left=weeks_left(quarter.end, until), kpis=kpis, key_results=key_results,
        tests_open=tests_open, tests_answered=tests_answered, previous=previous,
        test_verdicts={i: v.words for i, v in judged.items()})


# Readings the note judges per KPI: a year of weekly ones. A signal running longer
# than that is reported as "since at least" the window's first reading, and a
# reading dated back before the window is not news to the note.
NOTE_WINDOW = 52


class _Span(NamedTuple):
    """What a note compares: the state the previous review saw, and the state up to `until`."""

    since: date
    until: date
    previous: PreviousReview | None


class _Series(NamedTuple):
    """A KPI's readings now and as the previous review saw them, oldest first."""

    dates: list[date]
    values: list[float]
    tail_from: int  # where the recent readings start (before them: the baseline's)
    before: Split  # what the previous review saw, and what it did not


def _stored(row: tuple[str, float, str | None, int]) -> StoredReading:
    at, value, recorded_at, superseded = row
    return (date.fromisoformat(at), value,
            datetime.fromisoformat(recorded_at) if recorded_at else None, not superseded)


def _series(repo: Repository, metric_id: int, span: _Span,
            baseline: Baseline | None) -> _Series:
    """The baseline's readings and the recent ones (the latest `NOTE_WINDOW`, and
    enough before `since` to judge it), every version of the recent ones with when
    it was recorded: the note's cost follows the window, not ten years of history."""
    where = "metric_id = ? AND at <= ?"
    params: list[object] = [metric_id, span.until.isoformat()]
    start = baseline.start.isoformat() if baseline and baseline.start else ""
    head = sql.tuples(
        repo.db, f"SELECT at, value FROM reading WHERE {where} AND superseded = 0 AND at >= ? "
        "ORDER BY at LIMIT ?",
        [*params, start, BASELINE_POINTS if not (baseline and baseline.end) else 10_000])
    # Newest first, every version, until the window is full: the latest `NOTE_WINDOW`
    # current readings, and all those dated in the weeks the verdict before needs.
    enough = (span.since - timedelta(weeks=VERDICT_POINTS * 5)).isoformat()
    day, moment = date.fromisoformat, datetime.fromisoformat
    tail: list[StoredReading] = []
    bound: str | None = None  # the oldest day to read, once the window is full
    current = 0
    for at, value, recorded, old in sql.stream(
            repo.db, f"SELECT at, value, recorded_at, superseded FROM reading WHERE {where} "
            "AND at >= ? ORDER BY at DESC, id DESC", [*params, start]):
        if bound is not None and at < bound:
            break
        tail.append((day(at), value, moment(recorded) if recorded else None, not old))
        if not old:
            current += 1
            if current == NOTE_WINDOW:
                bound = min(at, enough)
    tail.reverse()  # oldest first, each date's versions in the order recorded
    first = tail[0][0].isoformat() if tail else None
    older = [(date.fromisoformat(at), value) for at, value in head if first is None or at < first]
    split = split_seen(tail, span.since, span.previous)
    seen_older = [(at, value) for at, value in older if at <= span.since]
    before = Split([at for at, _ in seen_older] + split.dates,
                   [value for _, value in seen_older] + split.values, split.unseen)
    now = [(at, value) for at, value, _, is_current in tail if is_current]
    return _Series([at for at, _ in older] + [at for at, _ in now],
                   [value for _, value in older] + [value for _, value in now], len(older),
                   before)


def _value_seen(repo: Repository, metric_id: int, since: date,
                previous: PreviousReview | None) -> Point | None:
    """The metric's value as the previous review saw it (its latest reading then)."""
    rows = sql.stream(repo.db, "SELECT at, value, recorded_at, superseded FROM reading "
                      "WHERE metric_id = ? AND at <= ? ORDER BY at DESC, id DESC",
                      [metric_id, since.isoformat()])
    return latest_seen(map(_stored, rows), since, previous)


def _kpi_state(repo: Repository, metric: Metric, span: _Span, key_result_id: int | None,
               guards: tuple[int, ...]) -> KpiState:
    baseline = repo.signals.baseline(metric.id or 0)
    dates, values, tail_from, before = _series(repo, metric.id or 0, span, baseline)

    def last_two(dates: list[date], values: list[float]) -> list[Point]:
        # The note needs the latest two readings, not a sparkline's worth.
        return [Point.model_construct(at=d, value=v)
                for d, v in zip(dates[-2:], values[-2:], strict=True)]

    return KpiState(
        before=kpi_health(metric, last_two(before.dates, before.values), span.since),
        now=kpi_health(metric, last_two(dates, values), span.until),
        # Only the verdict at the last review matters: judge just its last readings.
        chart_before=xmr_of(before.dates, before.values, period=baseline, verdict_only=True),
        chart_now=xmr_of(dates, values, period=baseline, judge_from=tail_from),
        judged_from=dates[tail_from] if 0 < tail_from < len(dates) else None,
        key_result_id=key_result_id, guards=guards, unseen=tuple(before.unseen))


def weekly_note(repo: Repository, today: date, week: date | None = None,
                first: int = 0) -> ReviewNote:
    """The note for a week (default this one; weeks start on `first`, 0 = Monday); the
    same data gives the same note."""
    return build_note(review_inputs(repo, review_week(today, week, first), today))
