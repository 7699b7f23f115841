"""Gather a quarter's plan from the store and check its hygiene (core.hygiene)."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from okrtui.core.hygiene import Issue, Plan, check_plan
from okrtui.store import sql

if TYPE_CHECKING:
    from okrtui.store.repository import Repository


def quarter_plan(repo: Repository, quarter: str) -> Plan:
    """Everything the checks need about `quarter`, read in a few queries."""
    everyone = repo.list_metrics(include_archived=True)  # archived ones still have names
    metrics = [m for m in everyone if not m.archived]
    key_results = repo.okrs.key_results(quarter)
    measured = {kr.metric_id for kr in key_results}
    guardrails: dict[int, frozenset[int]] = {}
    for kr_id, metric_id in sql.tuples(
            repo.db, "SELECT g.key_result_id, g.metric_id FROM key_result_guardrail g "
            "JOIN key_result k ON k.id = g.key_result_id "
            "JOIN objective o ON o.id = k.objective_id WHERE o.quarter = ?", [quarter]):
        guardrails[kr_id] = guardrails.get(kr_id, frozenset()) | {metric_id}
    return Plan(
        quarter=quarter,
        kpis=[m for m in metrics if m.watched and m.id not in measured],
        objectives=repo.okrs.objectives(quarter),
        key_results=key_results,
        metric_names={m.id or 0: m.name for m in everyone},
        guardrails=guardrails,
        companions=repo.signals.companion_map(),
        quarters_running=_quarters_running(repo, quarter, key_results),
        limits=_limits_before(repo, key_results),
    )


def _limits_before(repo: Repository, key_results: list) -> dict[int, tuple[float, float]]:
    """Key result → its metric's natural process limits from the readings before it
    started: the process the target is set against (none with too few readings)."""
    out = {}
    for kr in key_results:
        chart = repo.signals.chart(kr.metric_id, kr.start - timedelta(days=1))
        if chart.lower is not None and chart.upper is not None:
            out[kr.id or 0] = (chart.lower, chart.upper)
    return out


def _quarters_running(repo: Repository, quarter: str, key_results: list) -> dict[int, int]:
    """Key result → how many quarters in a row just before this one measured its metric."""
    seen = {(q, m) for q, m in sql.tuples(
        repo.db, "SELECT DISTINCT o.quarter, k.metric_id FROM key_result k "
        "JOIN objective o ON o.id = k.objective_id")}
    out = {}
    known = repo.cycles.calendar()
    for kr in key_results:
        running, q = 0, known.before(known.parse(quarter))
        while (str(q), kr.metric_id) in seen:
            running, q = running + 1, known.before(q)
        out[kr.id or 0] = running
    return out


def plan_issues(repo: Repository, quarter: str) -> list[Issue]:
    """The quarter's hygiene problems, in plan order."""
    return check_plan(quarter_plan(repo, quarter))
