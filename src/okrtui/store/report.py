"""Gather a quarter for `core.report`: its views, guardrails, carry-overs, closed state."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from okrtui.core.models import KeyResult
from okrtui.core.okr import key_result_view
from okrtui.core.report import KeyResultReport, ObjectiveReport, QuarterReport

if TYPE_CHECKING:
    from okrtui.store.repository import Repository


def quarter_report(repo: Repository, quarter: str, today: date) -> QuarterReport:
    """The quarter as the report shows it: values as of its last day, or today if sooner."""
    period = repo.cycles.get(quarter)
    as_of = min(today, period.end)
    results = repo.okrs.key_results(str(period))
    objectives = []
    for objective in repo.okrs.objectives(str(period)):
        entries = tuple(_entry(repo, kr, as_of, today)
                        for kr in results if kr.objective_id == objective.id)
        objectives.append(ObjectiveReport(objective=objective, key_results=entries))
    state = repo.closing.state(str(period))
    return QuarterReport(
        quarter=str(period), end=period.end, as_of=as_of, objectives=tuple(objectives),
        closed_on=state.closed_at.date() if state else None,
        closed_by=state.closed_by if state else "",
    )


def _entry(repo: Repository, kr: KeyResult, as_of: date, today: date) -> KeyResultReport:
    """One key result: its metric's value as of `as_of`, its pace once the quarter is over."""
    kr_id = kr.id or 0
    latest = repo.current_points(kr.metric_id, as_of, limit=1)
    # After the quarter the whole period has gone: pace is measured on the day after.
    pace_day = as_of + timedelta(days=1) if as_of < today else today
    view = key_result_view(kr, repo.get_metric_by_id(kr.metric_id), repo.okrs.check_ins(kr_id),
                           latest[-1].value if latest else None, pace_day)
    guardrails = tuple(repo.get_metric_by_id(m).name for m in repo.okrs.guardrail_ids(kr_id))
    carried = repo.closing.carried_to(kr_id)
    where = "" if carried is None else (
        f"to {repo.okrs.quarter_of(carried.id or 0)} as key result id {carried.id}")
    return KeyResultReport(view=view, guardrails=guardrails, carried_to=where)
