"""The database's OKR cycles: its quarters (calendar or fiscal) and its named cycles.

`calendar(db)` reads the choices (`core.cycles.Calendar`); every store that
needs a cycle's dates asks `cycle_named(db, name)`. Switching to fiscal
quarters first stores each cycle in use with the dates it has, so nothing a
team planned moves.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date

from okrtui.core.cycles import Calendar, Cycle, check_cycle_name, is_quarter_name
from okrtui.core.errors import InvalidInput
from okrtui.store import sql
from okrtui.store.database import write_transaction
from okrtui.store.sql import StoreContext

FIRST_MONTH = "fiscal_year_first_month"


def calendar(db: sqlite3.Connection) -> Calendar:
    """The database's cycles as a `Calendar` (two small reads)."""
    first = sql.value(db, "SELECT value FROM setting WHERE key = ?", [FIRST_MONTH])
    stored = tuple(Cycle(date.fromisoformat(r["start"]), date.fromisoformat(r["end"]),
                         str(r["name"]))
                   for r in sql.rows(db, 'SELECT name, start, "end" FROM cycle ORDER BY start'))
    return Calendar(int(first) if first else 1, stored)


def cycle_named(db: sqlite3.Connection, name: str) -> Cycle:
    """The cycle a name means (any case); `InvalidInput` when there is none."""
    return calendar(db).parse(name)


@dataclass(frozen=True)
class CycleInfo:
    """A cycle as `okrtui cycle list` shows it."""

    cycle: Cycle
    kind: str  # "quarter", "fiscal quarter" or "named"
    objectives: int
    closed: bool


class Cycles:
    """Reading and choosing the database's cycles."""

    def __init__(self, ctx: StoreContext) -> None:
        self.ctx = ctx
        self.db = ctx.db

    def calendar(self) -> Calendar:
        """The database's cycles, for naming, finding and stepping through them."""
        return calendar(self.db)

    def get(self, name: str) -> Cycle:
        """The cycle a name means; `InvalidInput` naming what is known when there is none."""
        return cycle_named(self.db, name)

    def add(self, name: str, start: date, end: date) -> Cycle:
        """Add a named cycle of any length (a release, a half-year)."""
        name = check_cycle_name(name)
        if end < start:
            raise InvalidInput(f"the cycle ends ({end}) before it starts ({start})", "to")
        with write_transaction(self.db):
            if sql.exists(self.db, "SELECT 1 FROM cycle WHERE name = ?", [name]):
                raise InvalidInput(f"there is already a cycle named {name!r} "
                                   "(see `okrtui cycle list`)", "name")
            sql.insert(self.db, "cycle", {"name": name, "start": start.isoformat(),
                                          "end": end.isoformat(), "created_by": self.ctx.user,
                                          "created_at": sql.now_utc()})
        return self.get(name)

    def set_first_month(self, month: int) -> list[Cycle]:
        """Make quarters fiscal, the year starting in `month` (1: calendar quarters again).

        Every cycle in use (with objectives, or closed) whose name would mean
        other dates, or nothing, afterwards is stored first with the dates it has
        now; those are returned.
        """
        if not 1 <= month <= 12:
            raise InvalidInput(f"a year starts in month 1 to 12, not {month}", "month")
        with write_transaction(self.db):
            known = calendar(self.db)
            after = Calendar(month, known.stored)
            stored = {c.name.casefold() for c in known.stored}
            kept: list[Cycle] = []
            for name in self.names_in_use():
                cycle = known.find(name)
                if cycle is not None and cycle.name.casefold() not in stored and (
                        after.find(name) != cycle):
                    sql.insert(self.db, "cycle", {
                        "name": cycle.name, "start": cycle.start.isoformat(),
                        "end": cycle.end.isoformat(), "created_by": self.ctx.user,
                        "created_at": sql.now_utc()})
                    stored.add(cycle.name.casefold())
                    kept.append(cycle)
            sql.execute(self.db, "DELETE FROM setting WHERE key = ?", [FIRST_MONTH])
            if month != 1:
                sql.insert(self.db, "setting", {"key": FIRST_MONTH, "value": str(month)})
        return kept

    def names_in_use(self) -> list[str]:
        """Every cycle name that has objectives or was closed."""
        return sql.column(self.db, "SELECT quarter FROM objective UNION "
                          "SELECT quarter FROM quarter_state ORDER BY 1")

    def listing(self, today: date) -> list[CycleInfo]:
        """The stored cycles, those in use, and the current quarter, by start."""
        known = calendar(self.db)
        found = {c.name.casefold(): c for c in known.stored}
        for name in self.names_in_use():
            cycle = known.find(name)
            if cycle is not None:
                found.setdefault(cycle.name.casefold(), cycle)
        current = known.quarter_of(today)
        found.setdefault(current.name.casefold(), current)
        counts = dict(sql.tuples(self.db, "SELECT quarter, count(*) FROM objective "
                                 "GROUP BY quarter"))
        counts = {str(k).casefold(): int(v) for k, v in counts.items()}
        closed = {str(n).casefold() for n in sql.column(self.db,
                                                        "SELECT quarter FROM quarter_state")}
        return [CycleInfo(c, _kind(c), counts.get(key, 0), key in closed)
                for key, c in sorted(found.items(), key=lambda item: item[1])]


def _kind(cycle: Cycle) -> str:
    if not is_quarter_name(cycle.name):
        return "named"
    return "fiscal quarter" if cycle.name.upper().startswith("FY") else "quarter"
