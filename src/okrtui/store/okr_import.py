"""Write an import's `OkrPlan` (from JSON or a spreadsheet), inside its one transaction.

An objective or key result is found by its identity in the file (its key: one
this database gave, or one it stored from an earlier import); a file without
keys (okrtui before version 4) by quarter, title and place among same-titled
ones. What is found is left as it is and counted as already there; what is
not is added with its key. Links (a parent, a carried key result) are made
once everything is in, so their order in the file does not matter; a link to
something neither in the file nor here is refused, naming it. A cycle closed
here before the import stays closed: anything new for it is refused.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from okrtui.core.errors import InvalidInput
from okrtui.core.models import NAME_MAX, CheckIn, Reading
from okrtui.store import sql
from okrtui.store.exchange_check_ins import IncomingCheckIn
from okrtui.store.exchange_keys import KEY_RESULT, OBJECTIVE, find_row, keep_database_key
from okrtui.store.exchange_okrs import (
    IncomingKeyResult,
    IncomingObjective,
    OkrPlan,
    Ref,
)
from okrtui.store.metrics import Metrics
from okrtui.store.okr_rows import insert_key_result, insert_objective, refuse_if_closed
from okrtui.store.readings import Readings
from okrtui.store.sql import StoreContext


@dataclass
class OkrCounts:
    """What an import wrote, and what it found already there."""

    objectives: int = 0
    objectives_there: int = 0
    key_results: int = 0
    key_results_there: int = 0
    check_ins: int = 0
    check_ins_there: int = 0
    # metrics made for a spreadsheet's key results: name, named from the statement, where
    metrics: list[tuple[str, bool, str]] = field(default_factory=list)
    assumed: list[tuple[str, str]] = field(default_factory=list)  # what was chosen, where


def _seconds(moment: datetime | None) -> str | None:
    return None if moment is None else sql.utc_text(moment)


class OkrImport:
    """One import's OKR writes; call `write` inside an open write transaction."""

    def __init__(self, ctx: StoreContext, metrics: Metrics, readings: Readings) -> None:
        self.ctx = ctx
        self.db = ctx.db
        self.metrics = metrics
        self.readings = readings
        self.counts = OkrCounts()
        self._prefix = ""
        self._objective_ids: dict[str, int] = {}  # file key → id here
        self._key_result_ids: dict[str, int] = {}
        self._matched: set[int] = set()  # check-ins this import found or made

    def write(self, plan: OkrPlan) -> OkrCounts:
        """Metrics, objectives, key results; then links and check-ins; then closing."""
        self._prefix = keep_database_key(self.db)
        seen: Counter[tuple[str, ...]] = Counter()
        placed = [(item, *self._objective(item, seen)) for item in plan.objectives]
        krs = [(kr, item.objective.quarter, *self._key_result(kr, objective_id, item, seen))
               for item, objective_id, _ in placed for kr in item.key_results]
        for item, objective_id, new in placed:
            if new and item.parent is not None:
                parent = self._find_objective(item.parent, f"{item.where}: its parent")
                sql.execute(self.db, "UPDATE objective SET parent_id = ? WHERE id = ?",
                            [parent, objective_id])
        for kr, _, kr_id, new in krs:
            if new and kr.carried_from is not None:
                origin = self._find_key_result(kr.carried_from,
                                               f"{kr.where}: the key result it was carried from")
                sql.execute(self.db, "UPDATE key_result SET carried_from = ? WHERE id = ?",
                            [origin, kr_id])
        for kr, quarter, kr_id, _ in krs:
            self._check_ins(kr, kr_id, quarter)
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

    # -- objectives and key results ---------------------------------------------------

    def _objective(self, item: IncomingObjective,
                   seen: Counter[tuple[str, ...]]) -> tuple[int, bool]:
        """The objective the file's one is here, or a new one's id; and whether it is new."""
        objective = item.objective
        key = objective.import_key
        if key is not None:
            found = find_row(self.db, "objective", OBJECTIVE, self._prefix, key)
        else:  # an older file: the n-th of its quarter's objectives with this title
            place = ("o", objective.quarter, objective.title)
            found = self._one("SELECT id FROM objective WHERE quarter = ? AND title = ? "
                              "ORDER BY position, id LIMIT 1 OFFSET ?",
                              [objective.quarter, objective.title, seen[place]])
            seen[place] += 1
        new = found is None
        if found is None:
            refuse_if_closed(self.db, objective.quarter)
            found = insert_objective(self.ctx, objective.model_copy(update={"parent_id": None}),
                                     at_end=False)
            self.counts.objectives += 1
        else:
            self.counts.objectives_there += 1
        if key is not None:
            self._objective_ids[key] = found
        return found, new

    def _key_result(self, item: IncomingKeyResult, objective_id: int,
                    objective: IncomingObjective,
                    seen: Counter[tuple[str, ...]]) -> tuple[int, bool]:
        """Find or add the key result (its links come later); its id and whether it is new."""
        kr = item.key_result
        key = kr.import_key
        if key is not None:
            found = find_row(self.db, "key_result", KEY_RESULT, self._prefix, key)
        else:
            place = ("k", str(objective_id), kr.statement)
            found = self._one("SELECT id FROM key_result WHERE objective_id = ? AND "
                              "statement = ? ORDER BY position, id LIMIT 1 OFFSET ?",
                              [objective_id, kr.statement, seen[place]])
            seen[place] += 1
        new = found is None
        if found is None:
            refuse_if_closed(self.db, objective.objective.quarter)
            row = kr.model_copy(update={"objective_id": objective_id, "carried_from": None,
                                        "metric_id": self._metric_id(item)})
            found = insert_key_result(self.ctx, row, [self.metrics.metric_id(name)
                                                      for name in item.guardrails],
                                      at_end=False)
            if item.frozen is not None:
                sql.execute(self.db, "UPDATE key_result SET frozen = ? WHERE id = ?",
                            [item.frozen, found])
            self.counts.key_results += 1
            self.counts.assumed += [(text, item.where) for text in item.assumed]
        else:
            self.counts.key_results_there += 1
        if key is not None:
            self._key_result_ids[key] = found
        return found, new

    def _metric_id(self, item: IncomingKeyResult) -> int:
        """The metric a new key result measures: named, or made for it (unwatched; one
        named from its statement never takes over another metric's name)."""
        wanted = item.new_metric
        if wanted is None:
            return self.metrics.metric_id(item.metric)
        name, number = wanted.name, 1
        while sql.exists(self.db, "SELECT 1 FROM metric WHERE name = ?", [name]):
            if not item.from_statement:  # the file names it for another key result too
                return self.metrics.metric_id(name)
            number += 1
            suffix = f" ({number})"
            name = wanted.name[:NAME_MAX - len(suffix)].rstrip() + suffix
        self.counts.metrics.append((name, item.from_statement, item.where))
        return self.metrics.insert_metric(wanted.model_copy(update={"name": name}))

    def _find_objective(self, ref: Ref, what: str) -> int:
        if ref.key is not None:
            found = self._objective_ids.get(ref.key) or find_row(
                self.db, "objective", OBJECTIVE, self._prefix, ref.key)
        else:
            assert ref.names is not None
            found = self._one("SELECT id FROM objective WHERE quarter = ? AND title = ? "
                              "ORDER BY position, id LIMIT 1", list(ref.names))
        if found is None:
            raise InvalidInput(f"{what} ({_shown(ref)}) is neither in the file nor in the "
                               "database: nothing was imported")
        return found

    def _find_key_result(self, ref: Ref, what: str) -> int:
        if ref.key is not None:
            found = self._key_result_ids.get(ref.key) or find_row(
                self.db, "key_result", KEY_RESULT, self._prefix, ref.key)
        else:
            assert ref.names is not None
            found = self._one(
                "SELECT kr.id FROM key_result kr JOIN objective o ON o.id = kr.objective_id "
                "WHERE o.quarter = ? AND o.title = ? AND kr.statement = ? ORDER BY kr.id "
                "LIMIT 1", list(ref.names))
        if found is None:
            raise InvalidInput(f"{what} ({_shown(ref)}) is neither in the file nor in the "
                               "database: nothing was imported")
        return found

    # -- check-ins --------------------------------------------------------------------

    def _check_ins(self, item: IncomingKeyResult, key_result_id: int, quarter: str) -> None:
        """Add each check-in not there yet, linked to its reading (made if missing)."""
        metric_id = int(sql.value(self.db, "SELECT metric_id FROM key_result WHERE id = ?",
                                  [key_result_id]))
        ids: list[int] = []
        for incoming in item.check_ins:
            found = self._check_in_there(incoming.check_in, key_result_id)
            if found is None:
                refuse_if_closed(self.db, quarter)
                corrects = None if incoming.corrects is None else ids[incoming.corrects]
                found = self._add_check_in(incoming, key_result_id, metric_id, corrects)
                self.counts.check_ins += 1
            else:
                self.counts.check_ins_there += 1
            self._matched.add(found)
            ids.append(found)

    def _check_in_there(self, check: CheckIn, key_result_id: int) -> int | None:
        """The same check-in (key result, time, author, day and value), unless this import
        already matched it: two a script made within one second are both kept."""
        rows = sql.tuples(self.db, "SELECT id, value FROM check_in WHERE key_result_id = ? "
                          "AND recorded_at = ? AND author = ? AND at = ? ORDER BY id",
                          [key_result_id, _seconds(check.recorded_at), check.author,
                           check.at.isoformat()])
        return next((int(i) for i, value in rows
                     if value == check.value and i not in self._matched), None)

    def _reading_for(self, check: CheckIn, metric_id: int, recorded: str | None) -> int | None:
        """The reading the check-in recorded: same day, value and time; else, as a check-in
        that found its value already there does, the same day and value (current first)."""
        return self._one(
            "SELECT id FROM reading WHERE metric_id = ? AND at = ? AND value = ? "
            "ORDER BY CASE WHEN recorded_at = ? THEN 0 ELSE 1 END, superseded, "
            "id IN (SELECT reading_id FROM check_in WHERE reading_id IS NOT NULL), id LIMIT 1",
            [metric_id, check.at.isoformat(), check.value, recorded],
        )

    def _add_check_in(self, incoming: IncomingCheckIn, key_result_id: int, metric_id: int,
                      corrects: int | None) -> int:
        check = incoming.check_in
        recorded = _seconds(check.recorded_at)
        reading_id = None if check.value is None else self._reading_for(check, metric_id,
                                                                        recorded)
        if reading_id is None and check.value is not None:
            reading_id = self.readings.insert_reading(Reading(
                metric_id=metric_id, at=check.at, value=check.value, note=check.comment,
                author=check.author, source="import", recorded_at=check.recorded_at,
            ))
        return sql.insert(self.db, "check_in", {
            "key_result_id": key_result_id, "reading_id": reading_id,
            "at": check.at.isoformat(), "value": check.value, "source": check.source,
            "confidence": check.confidence, "comment": check.comment, "author": check.author,
            "recorded_at": recorded, "corrects": corrects})


def _shown(ref: Ref) -> str:
    if ref.names is None:
        return repr(ref.key)
    text = " · ".join(ref.names)
    return text if len(text) <= 80 else text[:79] + "…"
