"""Write the OKRs of a JSON import, inside the import's one transaction.

Matching (see `exchange_okrs`) makes a second import of the same file add
nothing. A quarter closed in this database before the import stays closed:
anything new for it is refused, naming the quarter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from okrtui.core.errors import InvalidInput
from okrtui.core.models import CheckIn, Reading
from okrtui.core.okr import check_in_refusal
from okrtui.store import sql
from okrtui.store.exchange_okrs import IncomingKeyResult, IncomingObjective, OkrPlan
from okrtui.store.metrics import Metrics
from okrtui.store.okr_rows import (
    insert_key_result,
    insert_objective,
    key_result_from_row,
    refuse_if_closed,
)
from okrtui.store.readings import Readings
from okrtui.store.sql import StoreContext


@dataclass
class OkrCounts:
    """How many new things an import wrote."""

    objectives: int = 0
    key_results: int = 0
    check_ins: int = 0


def _seconds(moment: datetime | None) -> str | None:
    return None if moment is None else sql.utc_text(moment)


class OkrImport:
    """One import's OKR writes; call `write` inside an open write transaction."""

    def __init__(self, ctx: StoreContext, metrics: Metrics, readings: Readings,
                 today: date | None = None) -> None:
        self.ctx = ctx
        self.today = today
        self.db = ctx.db
        self.metrics = metrics
        self.readings = readings
        self.counts = OkrCounts()

    def write(self, plan: OkrPlan) -> OkrCounts:
        """Objectives, then parents, key results, carry-over links, check-ins; then closing."""
        placed = [(item, self._objective(item)) for item in plan.objectives]
        for item, (objective_id, new) in placed:
            if new and item.parent is not None:
                parent = self._objective_id(*item.parent)
                sql.execute(self.db, "UPDATE objective SET parent_id = ? WHERE id = ?",
                            [parent, objective_id])
        for item, (objective_id, _) in placed:
            for kr in item.key_results:
                self._key_result(kr, objective_id, item.objective.quarter)
        for state in plan.closed:
            if not sql.exists(self.db, "SELECT 1 FROM quarter_state WHERE quarter = ?",
                              [state.quarter]):
                sql.insert(self.db, "quarter_state", {
                    "quarter": state.quarter, "closed_at": _seconds(state.closed_at),
                    "closed_by": state.closed_by})
        return self.counts

    def _one(self, query: str, params: list[Any]) -> int | None:
        found = sql.value(self.db, query, params)
        return None if found is None else int(found)

    def _objective_id(self, quarter: str, title: str) -> int | None:
        return self._one("SELECT id FROM objective WHERE quarter = ? AND title = ? "
                         "ORDER BY position, id LIMIT 1", [quarter, title])

    def _objective(self, item: IncomingObjective) -> tuple[int, bool]:
        """The matching objective's id, or a new one's; and whether it is new."""
        found = self._objective_id(item.objective.quarter, item.objective.title)
        if found is not None:
            return found, False
        refuse_if_closed(self.db, item.objective.quarter)
        self.counts.objectives += 1
        return insert_objective(self.ctx, item.objective, at_end=False), True

    def _key_result(self, item: IncomingKeyResult, objective_id: int, quarter: str) -> None:
        """Match or add the key result, then its check-ins."""
        found = self._one(
            "SELECT id FROM key_result WHERE objective_id = ? AND statement = ? "
            "ORDER BY position, id LIMIT 1", [objective_id, item.key_result.statement],
        )
        metric_id = self.metrics.metric_id(item.metric)
        if found is None:
            refuse_if_closed(self.db, quarter)
            origin = None if item.carried_from is None else self._carried_from(*item.carried_from)
            kr = item.key_result.model_copy(update={
                "objective_id": objective_id, "metric_id": metric_id, "carried_from": origin})
            found = insert_key_result(self.ctx, kr, [self.metrics.metric_id(name)
                                                     for name in item.guardrails], at_end=False)
            self.counts.key_results += 1
        corrects = item.corrects or (None,) * len(item.check_ins)
        for check, corrected in zip(item.check_ins, corrects, strict=True):
            self.add_check_in(check, found, metric_id, quarter, corrects=corrected)

    def _carried_from(self, quarter: str, objective: str, statement: str) -> int | None:
        # Files list quarters oldest first, so the origin is normally there already.
        return self._one(
            "SELECT kr.id FROM key_result kr JOIN objective o ON o.id = kr.objective_id "
            "WHERE o.quarter = ? AND o.title = ? AND kr.statement = ? ORDER BY kr.id LIMIT 1",
            [quarter, objective, statement],
        )

    def _reading_for(self, check: CheckIn, metric_id: int, recorded: str | None) -> int | None:
        """The reading the check-in recorded: same day, value and time; else, as a check-in
        that found its value already there does, the same day and value (current first)."""
        return self._one(
            "SELECT id FROM reading WHERE metric_id = ? AND at = ? AND value = ? "
            "ORDER BY CASE WHEN recorded_at = ? THEN 0 ELSE 1 END, superseded, "
            "id IN (SELECT reading_id FROM check_in WHERE reading_id IS NOT NULL), id LIMIT 1",
            [metric_id, check.at.isoformat(), check.value, recorded],
        )

    def _already_there(self, check: CheckIn, key_result_id: int, recorded: str | None) -> bool:
        # Key result, time and author, plus the day and value, so that two check-ins a
        # script made within one second are both kept.
        query = ("SELECT 1 FROM check_in WHERE key_result_id = ? AND recorded_at = ? "
                 "AND author = ? AND at = ? AND ")
        params: list[Any] = [key_result_id, recorded, check.author, check.at.isoformat()]
        if check.value is None:
            query += "value IS NULL"
        else:
            query += "value = ?"
            params.append(check.value)
        return sql.exists(self.db, query, params)

    def add_check_in(self, check: CheckIn, key_result_id: int, metric_id: int, quarter: str,
                     *, corrects: datetime | None = None) -> bool:
        """Add an imported check-in unless it is there; True if it was added.

        Any importer's check-in path: linked to its reading (made if missing; none
        for a confidence-only check-in). `corrects` is when the author's check-in
        it corrects was recorded (it must be there already). With `today` given
        to the import, the day follows `core.okr.check_in_refusal`.
        """
        recorded = _seconds(check.recorded_at)
        if self._already_there(check, key_result_id, recorded):
            return False
        refuse_if_closed(self.db, quarter)
        row = sql.first(self.db, "SELECT * FROM key_result WHERE id = ?", [key_result_id])
        if self.today is not None and row is not None:
            refusal = check_in_refusal(key_result_from_row(row), check.at, self.today)
            if refusal is not None:
                raise InvalidInput(refusal, "date")
        corrected = None
        if corrects is not None:
            corrected = self._one(
                "SELECT id FROM check_in WHERE key_result_id = ? AND author = ? AND "
                "recorded_at = ? ORDER BY id DESC LIMIT 1",
                [key_result_id, check.author, _seconds(corrects)])
            if corrected is None:
                raise InvalidInput(f"a check-in by {check.author or 'someone'} recorded at "
                                   f"{recorded} corrects one recorded at {_seconds(corrects)} "
                                   "that is not there")
        reading_id = None
        if check.value is not None:
            reading_id = self._reading_for(check, metric_id, recorded)
            if reading_id is None:
                reading_id = self.readings.insert_reading(Reading(
                    metric_id=metric_id, at=check.at, value=check.value, note=check.comment,
                    author=check.author, source="import", recorded_at=check.recorded_at,
                ))
        sql.insert(self.db, "check_in", {
            "key_result_id": key_result_id, "reading_id": reading_id,
            "at": check.at.isoformat(), "value": check.value, "source": "import",
            "confidence": check.confidence, "comment": check.comment, "author": check.author,
            "recorded_at": recorded, "corrects": corrected})
        self.counts.check_ins += 1
        return True
