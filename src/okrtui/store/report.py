"""Gather a quarter for `core.report`: its views, guardrails, lineage, closed state.

A closed quarter's key results show the numbers frozen at close, as `okrtui
okrs` and the dashboard do; an open one's are read as of its last day.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from okrtui.core.models import KeyResult
from okrtui.core.okr import frozen_view, key_result_view
from okrtui.core.report import KeyResultReport, ObjectiveReport, QuarterReport
from okrtui.store.okr_record import Record, records_in

if TYPE_CHECKING:
    from okrtui.store.repository import Repository


def quarter_report(repo: Repository, quarter: str, today: date) -> QuarterReport:
    """The quarter as the report shows it: values as of its last day, or today if sooner."""
    period = repo.cycles.get(quarter)
    as_of = min(today, period.end)
    results = repo.okrs.key_results(str(period))
    records = records_in(repo.db, str(period))
    objectives = []
    for objective in repo.okrs.objectives(str(period)):
        entries = tuple(_entry(repo, kr, as_of, today, records.get(kr.id or 0, Record()))
                        for kr in results if kr.objective_id == objective.id)
        objectives.append(ObjectiveReport(objective=objective, key_results=entries))
    state = repo.closing.state(str(period))
    return QuarterReport(
        quarter=str(period), end=period.end, as_of=as_of, objectives=tuple(objectives),
        closed_on=state.closed_at.date() if state else None,
        closed_by=state.closed_by if state else "",
    )


def _entry(repo: Repository, kr: KeyResult, as_of: date, today: date,
           record: Record) -> KeyResultReport:
    """One key result: the numbers frozen at close; else its metric's value as of
    `as_of`, its pace once the quarter is over."""
    kr_id = kr.id or 0
    metric = repo.get_metric_by_id(kr.metric_id)
    check_ins = repo.okrs.check_ins(kr_id)
    if record.frozen is not None:
        view = frozen_view(kr, metric, check_ins, record.frozen, record.lineage)
    else:
        latest = repo.current_points(kr.metric_id, as_of, limit=1)
        # After the quarter the whole period has gone: pace is measured on the day after.
        pace_day = as_of + timedelta(days=1) if as_of < today else today
        view = replace(key_result_view(kr, metric, check_ins,
                                       latest[-1].value if latest else None, pace_day),
                       lineage=record.lineage)
    guardrails = tuple(repo.get_metric_by_id(m).name for m in repo.okrs.guardrail_ids(kr_id))
    return KeyResultReport(view=view, guardrails=guardrails)
