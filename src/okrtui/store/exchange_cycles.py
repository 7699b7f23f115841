"""The cycles in a JSON export: the named and stored ones, those in use that are not
calendar quarters (fiscal quarters), and the month the fiscal year starts.

On import a file's cycle that this database names with the same dates is
fine; with other dates it is a problem naming both; one it does not know is
stored (so is one it knows by itself that the file's objectives do not use,
so that the next export lists what this one did). A database with no
objectives and no fiscal year of its own takes the file's, so fiscal quarters
come back as they were.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from okrtui.core.cycles import (
    NAME_MAX,
    Calendar,
    Cycle,
    check_cycle_name,
    is_quarter_name,
    quarter_cycle,
)
from okrtui.core.errors import InvalidInput
from okrtui.core.periods import Quarter
from okrtui.store import sql
from okrtui.store.cycles import FIRST_MONTH
from okrtui.store.exchange_common import json_list

if TYPE_CHECKING:
    from okrtui.store.repository import Repository



def _calendar_quarter(cycle: Cycle) -> bool:
    try:
        return quarter_cycle(Quarter.parse(cycle.name)) == cycle
    except InvalidInput:
        return False


def export_cycles(repo: Repository) -> tuple[list[dict[str, Any]], int]:
    """The cycles a file needs to name its objectives' dates, and the fiscal first month."""
    known = repo.cycles.calendar()
    found = {c.name.casefold(): c for c in known.stored}
    for name in repo.cycles.names_in_use():
        cycle = known.find(name)
        if cycle is not None and not _calendar_quarter(cycle):
            found.setdefault(cycle.name.casefold(), cycle)
    cycles = [{"name": c.name, "start": c.start.isoformat(), "end": c.end.isoformat()}
              for c in sorted(found.values())]
    return cycles, known.first_month


@dataclass(frozen=True)
class CyclePlan:
    """What an import does to the database's cycles, and the calendar its names mean."""

    calendar: Calendar
    first_month: int | None = None  # the file's fiscal year, taken on
    new: tuple[Cycle, ...] = ()  # cycles to store


def plan_cycles(document: dict[str, Any], here: Calendar, fresh: bool,
                problems: list[str]) -> CyclePlan:
    """Check the file's cycles against the database's (`here`; `fresh` when it may take
    the file's fiscal year, see `is_fresh`); problems are added to `problems`."""
    first = document.get("fiscal_year_first_month")
    if first is not None and (not isinstance(first, int) or isinstance(first, bool)
                              or not 1 <= first <= 12):
        problems.append(f'"fiscal_year_first_month" should be a month from 1 to 12, not '
                        f"{first!r}")
        first = None
    adopt = None
    if first is not None and first != here.first_month and fresh:
        adopt = first
        here = Calendar(first, here.stored)
    stored = {c.name.casefold() for c in here.stored}
    used = _names_used(document)
    new: list[Cycle] = []
    for index, raw in enumerate(_cycles(document, problems)):
        where = f"cycles[{index}]"
        try:
            cycle = _cycle(raw)
        except InvalidInput as error:
            problems.append(f"{where}: {error}")
            continue
        ours = here.find(cycle.name)
        if ours is not None and (ours.start, ours.end) != (cycle.start, cycle.end):
            month = f", a fiscal year from month {here.first_month}" if here.fiscal else ""
            problems.append(
                f"{where}: {cycle.name} runs {cycle.start} to {cycle.end} in the file but "
                f"{ours.start} to {ours.end} here{month}; rename one of them first")
        elif cycle.name.casefold() not in stored and not (
                ours is not None and cycle.name.casefold() in used
                and not _calendar_quarter(ours)):
            # Stored unless this database names it by itself and the file's objectives
            # use it: then its next export lists it as the file did, and a second import
            # stores nothing.
            stored.add(cycle.name.casefold())
            new.append(cycle)
    return CyclePlan(Calendar(here.first_month, (*here.stored, *new)), adopt, tuple(new))


def _names_used(document: dict[str, Any]) -> set[str]:
    """The cycles the file's objectives and closed cycles name (any case)."""
    names = set()
    for key in ("objectives", "closed_quarters"):
        items = document.get(key)
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and isinstance(item.get("quarter"), str):
                names.add(item["quarter"].strip().casefold())
    return names


def write_cycles(db: sqlite3.Connection, plan: CyclePlan, user: str) -> None:
    """Store the plan's cycles and fiscal year, inside the import's transaction."""
    if plan.first_month is not None:
        sql.insert(db, "setting", {"key": FIRST_MONTH, "value": str(plan.first_month)})
    for cycle in plan.new:
        sql.insert(db, "cycle", {"name": cycle.name, "start": cycle.start.isoformat(),
                                 "end": cycle.end.isoformat(), "created_by": user,
                                 "created_at": sql.now_utc()})


def is_fresh(db: sqlite3.Connection) -> bool:
    """No objectives and no fiscal year chosen: the file's may be taken on."""
    return not sql.exists(db, "SELECT 1 FROM objective") and not sql.exists(
        db, "SELECT 1 FROM setting WHERE key = ?", [FIRST_MONTH])


def _cycles(document: dict[str, Any], problems: list[str]) -> list[Any]:
    try:
        return json_list(document.get("cycles"), '"cycles"')
    except InvalidInput as error:
        problems.append(str(error))
        return []


def _cycle(raw: Any) -> Cycle:
    if not isinstance(raw, dict):
        raise InvalidInput("expected an object with name, start and end")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip() or len(name.strip()) > NAME_MAX:
        raise InvalidInput(f"a cycle needs a name of 1 to {NAME_MAX} characters")
    name = name.strip()
    days = []
    for part in ("start", "end"):
        try:
            days.append(date.fromisoformat(str(raw.get(part))))
        except ValueError:
            raise InvalidInput(f"{name}: {part} {raw.get(part)!r} is not a date "
                               "(YYYY-MM-DD)") from None
    start, end = days
    if end < start:
        raise InvalidInput(f"{name} ends ({end}) before it starts ({start})")
    if not is_quarter_name(name):  # a quarter, fiscal or not, kept with its dates
        check_cycle_name(name)
    return Cycle(start, end, name)
