"""A key result's record beyond its plan: the numbers its cycle froze at close
(`key_result.frozen`, see `core.record.FrozenNumbers`) and its lineage (the key
result it was carried from, the one it was carried into).

Read for a whole cycle at once (two queries, whatever its size) or for one
key result; the writes run inside the caller's transaction (closing, reopening).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from okrtui.core.record import FrozenNumbers, KeyResultRef, Lineage
from okrtui.store import sql

_IN_CYCLE = ("SELECT kr.id FROM key_result kr JOIN objective o ON o.id = kr.objective_id "
             "WHERE o.quarter = ?")


@dataclass(frozen=True)
class Record:
    """What the store keeps of a key result beyond its plan."""

    frozen: FrozenNumbers | None = None
    lineage: Lineage = field(default_factory=Lineage)


def records_in(db: sqlite3.Connection, cycle: str) -> dict[int, Record]:
    """Each key result of the cycle (by id) with its frozen numbers and lineage."""
    return _records(db, f"kr.id IN ({_IN_CYCLE})", [cycle])


def record_of(db: sqlite3.Connection, key_result_id: int) -> Record:
    """One key result's frozen numbers and lineage."""
    return _records(db, "kr.id = ?", [key_result_id]).get(key_result_id, Record())


def _records(db: sqlite3.Connection, where: str, params: list[Any]) -> dict[int, Record]:
    rows = sql.rows(
        db, "SELECT kr.id, kr.frozen, kr.carried_from, fo.quarter AS from_cycle "
        "FROM key_result kr LEFT JOIN key_result f ON f.id = kr.carried_from "
        f"LEFT JOIN objective fo ON fo.id = f.objective_id WHERE {where}", params)
    # The first key result carried from each one (as `OkrReads.carried_to` finds it).
    into: dict[int, KeyResultRef] = {}
    for origin, new_id, cycle in sql.tuples(
            db, "SELECT kr.carried_from, kr.id, o.quarter FROM key_result kr "
            "JOIN objective o ON o.id = kr.objective_id "
            f"WHERE kr.carried_from IN (SELECT kr.id FROM key_result kr WHERE {where}) "
            "ORDER BY kr.id", params):
        into.setdefault(int(origin), KeyResultRef(str(cycle), int(new_id)))
    out = {}
    for row in rows:
        origin = None if row["from_cycle"] is None else KeyResultRef(
            str(row["from_cycle"]), int(row["carried_from"]))
        out[int(row["id"])] = Record(
            frozen=FrozenNumbers.from_json(row["frozen"]),
            lineage=Lineage(carried_from=origin, carried_into=into.get(int(row["id"]))))
    return out


def write_frozen(db: sqlite3.Connection, numbers: Mapping[int, FrozenNumbers]) -> None:
    """Keep each key result's numbers as they are now (inside the close's transaction)."""
    sql.execute_many(db, "UPDATE key_result SET frozen = ? WHERE id = ?",
                     [(n.to_json(), kr_id) for kr_id, n in numbers.items()])


def clear_frozen(db: sqlite3.Connection, cycle: str) -> int:
    """Make the cycle's numbers live again; returns how many key results were frozen."""
    return sql.execute(db, f"UPDATE key_result SET frozen = NULL WHERE frozen IS NOT NULL "
                       f"AND id IN ({_IN_CYCLE})", [cycle])
