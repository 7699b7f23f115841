"""A KPI's XmR chart from its stored readings, the baselines people set, and
the companions that guard a metric (DOMAIN rules 7 and 8).

Charts are computed on demand, one KPI at a time, so the dashboard pays only
for the rows on screen (`store.database` has a covering index for a series).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from okrtui.core.errors import InvalidInput
from okrtui.core.parse import check_not_future
from okrtui.core.signals import Baseline, XmR, xmr_of
from okrtui.core.text import clean_line, clean_text
from okrtui.store import sql
from okrtui.store.database import write_transaction
from okrtui.store.metrics import Metrics
from okrtui.store.sql import StoreContext


@dataclass(frozen=True)
class BaselineChange:
    """One time someone set (or reset) where a KPI's limits come from."""

    id: int
    metric_id: int
    baseline: Baseline
    note: str
    set_by: str
    set_at: datetime

    def describe(self) -> str:
        """`limits from 2026-09-14 to 2026-11-01`, or the default's words."""
        start, end = self.baseline.start, self.baseline.end
        if start is None:
            return "limits from the first 20 readings (the default)"
        if end is None:
            return f"limits from {start} on (its first 20 readings)"
        return f"limits from {start} to {end}"


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


class KpiSignals:
    """Charts, baselines and companions."""

    def __init__(self, ctx: StoreContext, metrics: Metrics) -> None:
        self.ctx = ctx
        self.db = ctx.db
        self.metrics = metrics

    # -- charts --------------------------------------------------------------

    def chart(self, metric_id: int, today: date) -> XmR:
        """The metric's XmR chart from its current readings up to today."""
        rows = sql.tuples(
            self.db, "SELECT at, value FROM reading WHERE metric_id = ? AND superseded = 0 "
            "AND at <= ? ORDER BY at", [metric_id, today.isoformat()])
        # ISO strings as stored: only the dates a finding names get parsed.
        return xmr_of([at for at, _ in rows], [v for _, v in rows],
                      period=self.baseline(metric_id))

    def charts(self, metric_ids: Iterable[int], today: date) -> dict[int, XmR]:
        """Charts for several metrics (for the CLI, which shows them all)."""
        return {m: self.chart(m, today) for m in metric_ids}

    # -- baselines -----------------------------------------------------------

    def baseline(self, metric_id: int) -> Baseline | None:
        """The baseline in force: the newest one set, or None for the default."""
        row = sql.first(self.db, 'SELECT start, "end" FROM metric_baseline WHERE metric_id = ? '
                        "ORDER BY id DESC LIMIT 1", [metric_id])
        if row is None or row["start"] is None:
            return None
        return Baseline(_day(row["start"]), _day(row["end"]))

    def baseline_history(self, metric_id: int) -> list[BaselineChange]:
        """Every baseline set for the metric, newest first."""
        rows = sql.tuples(self.db, 'SELECT id, start, "end", note, set_by, set_at '
                          "FROM metric_baseline WHERE metric_id = ? ORDER BY id DESC",
                          [metric_id])
        return [BaselineChange(i, metric_id, Baseline(_day(s), _day(e)), clean_text(n),
                               clean_line(by), datetime.fromisoformat(at))
                for i, s, e, n, by, at in rows]

    def set_baseline(self, metric_id: int, start: date | None, end: date | None, *,
                     today: date, note: str = "") -> BaselineChange:
        """Recompute the limits from `start` (to `end`, or its first 20 readings).

        No start means back to the default (the first 20 readings). The old
        setting stays in the history, so the chart can say when limits changed.
        """
        if start is None and end is not None:
            raise InvalidInput("a baseline that ends needs a start too", "start")
        for day, field in ((start, "start"), (end, "end")):
            if day is not None:
                check_not_future(day, today, field)
        if start is not None and end is not None and end < start:
            raise InvalidInput(f"the baseline ends ({end}) before it starts ({start})", "end")
        self.metrics.get_metric_by_id(metric_id)  # a clear error for an unknown metric
        if start is None and self.baseline(metric_id) is None:
            raise InvalidInput("the limits already come from the first 20 readings: give a "
                               "start date to recompute them", "start")
        with write_transaction(self.db):
            new_id = self.insert_baseline(metric_id, start, end, note, self.ctx.user,
                                          sql.now_utc())
        return next(c for c in self.baseline_history(metric_id) if c.id == new_id)

    def insert_baseline(self, metric_id: int, start: date | None, end: date | None,
                        note: str, set_by: str, set_at: str) -> int:
        """Insert inside an open transaction (an import keeps who set it and when)."""
        return sql.insert(self.db, "metric_baseline", {
            "metric_id": metric_id, "start": start and start.isoformat(),
            '"end"': end and end.isoformat(), "note": clean_text(note), "set_by": set_by,
            "set_at": set_at})

    # -- companions ----------------------------------------------------------

    def companion_ids(self, metric_id: int) -> list[int]:
        """The metrics named as this one's companions (both ways)."""
        return sql.column(self.db, "SELECT companion_id FROM metric_companion "
                          "WHERE metric_id = ? ORDER BY companion_id", [metric_id])

    def set_companions(self, metric_id: int, companion_ids: Sequence[int]) -> None:
        """Replace the metric's companions; the pairs go both ways."""
        if metric_id in companion_ids:
            raise InvalidInput("a metric can't be its own companion", "companions")
        with write_transaction(self.db):
            self.write_companions(metric_id, companion_ids)

    def write_companions(self, metric_id: int, companion_ids: Sequence[int]) -> None:
        """`set_companions` inside a transaction the caller opened."""
        sql.execute(self.db, "DELETE FROM metric_companion WHERE metric_id = ? "
                    "OR companion_id = ?", [metric_id, metric_id])
        others = [o for o in dict.fromkeys(companion_ids) if o != metric_id]
        sql.execute_many(self.db, "INSERT INTO metric_companion (metric_id, companion_id) "
                         "VALUES (?, ?)", [pair for o in others
                                           for pair in ((metric_id, o), (o, metric_id))])

    def companion_map(self) -> dict[int, frozenset[int]]:
        """Metric → its companions: those named, and those that guarded its key results
        in any quarter (a pairing a team already made once)."""
        pairs = sql.tuples(
            self.db, "SELECT c.metric_id, c.companion_id FROM metric_companion c "
            "JOIN metric m ON m.id = c.companion_id WHERE m.archived = 0 "
            "UNION SELECT k.metric_id, g.metric_id FROM key_result_guardrail g "
            "JOIN key_result k ON k.id = g.key_result_id "
            "JOIN metric m ON m.id = g.metric_id WHERE m.archived = 0")
        found: dict[int, set[int]] = {}
        for metric_id, other in pairs:
            if metric_id != other:
                found.setdefault(metric_id, set()).add(other)
        return {m: frozenset(c) for m, c in found.items()}
