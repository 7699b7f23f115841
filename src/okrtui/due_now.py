"""What is due now, gathered from the database for `okrtui due` and the dashboard's `d`.

The rules are the core's (`core.due.due_items`); this only reads what they need:
the KPIs' health, today's cycle's key results, the open next tests, the failing
sources and those that delivered this week.
"""

from __future__ import annotations

from datetime import date

from okrtui.core.due import DueItem, FailingSource, due_items, for_owner
from okrtui.core.okr import KeyResultView
from okrtui.core.periods import week_start
from okrtui.core.sources import failing_text
from okrtui.store.okr_repository import quarter_views
from okrtui.store.repository import Repository


def due_now(repo: Repository, today: date, week_first: int,
            owner: str | None = None) -> tuple[date, str, list[DueItem]]:
    """(the week, today's cycle, what is due in it), one owner's only when given."""
    week = week_start(today, week_first)
    cycle = str(repo.cycles.calendar().current(today))
    views = open_key_results(repo, cycle, today)
    items = due_items(repo.kpi_overview(today), views, repo.journal.tests_to_review(week), week,
                      failing_sources(repo), repo.sources.delivered_since(week))
    return week, cycle, for_owner(items, owner) if owner else items


def open_key_results(repo: Repository, cycle: str, today: date) -> list[KeyResultView]:
    """The cycle's key results in plan order, or none once it is closed (a record takes
    no check-ins): what the review's second step and `okrtui due` walk."""
    if repo.closing.is_closed(cycle):
        return []
    return [v for _, views in quarter_views(repo, cycle, today) for v in views]


def failing_sources(repo: Repository) -> list[FailingSource]:
    """The KPIs whose source is failing (archived metrics left out)."""
    failing = repo.sources.failing()
    if not failing:
        return []
    accounts = {s.metric_id: s.account for s in repo.sources.listing()}
    found = []
    for metric_id, run in failing.items():
        metric = repo.get_metric_by_id(metric_id)
        if not metric.archived:
            found.append(FailingSource(metric, accounts.get(metric_id, ""), failing_text(*run)))
    return found
