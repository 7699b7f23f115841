"""Gather a quarter for `core.report`: its views, guardrails, carry-overs, closed state."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from okrtui.core.periods import Quarter
from okrtui.core.report import KeyResultReport, ObjectiveReport, QuarterReport
from okrtui.store.okr_repository import quarter_views

if TYPE_CHECKING:
    from okrtui.store.repository import Repository


def quarter_report(repo: Repository, quarter: str, today: date) -> QuarterReport:
    """The quarter as the report shows it, values read as of its last day (or today)."""
    name = str(Quarter.parse(quarter))
    as_of = min(today, Quarter.parse(name).end)
    objectives = []
    for objective, views in quarter_views(repo, name, as_of):
        entries = []
        for view in views:
            kr_id = view.key_result.id or 0
            guardrails = tuple(repo.get_metric_by_id(m).name
                               for m in repo.okrs.guardrail_ids(kr_id))
            carried = repo.closing.carried_to(kr_id)
            where = "" if carried is None else (
                f"KR {carried.id} in {repo.okrs.quarter_of(carried.id or 0)}")
            entries.append(KeyResultReport(view=view, guardrails=guardrails, carried_to=where))
        objectives.append(ObjectiveReport(objective=objective, key_results=tuple(entries)))
    state = repo.closing.state(name)
    return QuarterReport(
        quarter=name, as_of=as_of, objectives=tuple(objectives),
        closed_on=state.closed_at.date() if state else None,
        closed_by=state.closed_by if state else "",
    )
