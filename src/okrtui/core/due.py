"""Who is due: by owner, the KPIs with no reading within their cadence, the key results
not checked in this week, the next tests still open, and the failing KPI sources.

The same rules as the weekly review's steps (`kpi.due_kpis`, `okr.due_key_results`),
gathered per person so that `okrtui due --owner maria || mail …` is a reminder
without a server.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from okrtui.core.kpi import KpiHealth, due_kpis
from okrtui.core.models import Metric, NextTest
from okrtui.core.okr import KeyResultView, due_key_results

DueKind = Literal["kpi", "key-result", "next-test", "source"]
NOBODY = "(no owner)"


@dataclass(frozen=True)
class DueItem:
    """One thing someone owes the review."""

    owner: str
    kind: DueKind
    item_id: int
    name: str
    why: str


@dataclass(frozen=True)
class FailingSource:
    """A KPI whose source's latest pull failed: the metric, who defined the source, why."""

    metric: Metric
    account: str
    text: str  # "source failing since 11-20: HTTP 503"


def due_items(kpis: Sequence[KpiHealth], key_results: Sequence[KeyResultView],
              tests: Sequence[NextTest], week: date,
              failing: Sequence[FailingSource] = (),
              delivered: Collection[int] = ()) -> list[DueItem]:
    """What is due in the week starting `week`: KPIs (but those whose source delivered
    this week, `delivered`), key results, tests, failing sources. A failing source is
    the KPI owner's to see, else its definer's."""
    items = []
    for health in due_kpis(kpis, week, delivered):
        metric = health.metric
        last = ("no reading yet" if health.latest is None
                else f"last reading {health.latest.at.isoformat()}")
        items.append(DueItem(metric.owner.strip() or NOBODY, "kpi", metric.id or 0,
                             metric.name, f"{last} ({metric.cadence})"))
    for view in due_key_results(key_results, week):
        kr = view.key_result
        last = ("no check-in yet" if not view.check_ins
                else f"last check-in {view.check_ins[-1].at.isoformat()}")
        items.append(DueItem(kr.owner.strip() or NOBODY, "key-result", kr.id or 0,
                             f"KR{kr.id} {kr.statement}", f"not checked in this week; {last}"))
    for test in tests:
        items.append(DueItem(test.author.strip() or NOBODY, "next-test", test.id or 0,
                             test.text, f"open since the review of {test.week.isoformat()}"))
    for broken in failing:
        metric = broken.metric
        items.append(DueItem(metric.owner.strip() or broken.account or NOBODY, "source",
                             metric.id or 0, metric.name,
                             f"{broken.text} (defined by {broken.account})"))
    return items


def for_owner(items: Sequence[DueItem], owner: str) -> list[DueItem]:
    """The items of one owner (case does not matter)."""
    wanted = owner.strip().casefold()
    return [i for i in items if i.owner.casefold() == wanted]


def by_owner(items: Sequence[DueItem]) -> dict[str, list[DueItem]]:
    """Items grouped by owner, owners in name order (nobody's last)."""
    groups: dict[str, list[DueItem]] = {}
    for item in items:
        groups.setdefault(item.owner, []).append(item)
    return dict(sorted(groups.items(), key=lambda kv: (kv[0] == NOBODY, kv[0].casefold())))
