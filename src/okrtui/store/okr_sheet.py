"""An OKR spreadsheet saved as CSV, read into the `OkrPlan` a JSON import writes.

One row per key result or per check-in (`core.sheet` reads the header's
words). Rows belong to one objective by `objective_id`, else by cycle, title
and objective owner; to one key result by `key_result_id`, else by objective,
statement and metric. Their identity in the database comes from the sheet
(`sheet:<cycle>:...`), so importing it again adds nothing.

A bad row (a typo'd number, an impossible date, two values for one key
result's target) imports nothing and names its line. A row that is fine but
cannot be placed (a value without a date, a check-in before its cycle starts,
a cycle the database does not know) is named too, with what would make it
fit; `skip_unplaceable` leaves those out, makes every key result all the same
and says what it skipped.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import shlex
from datetime import date

from pydantic import ValidationError

from okrtui.core.cycles import Calendar
from okrtui.core.errors import InvalidInput
from okrtui.core.models import Objective
from okrtui.core.parse import ConfidenceScale, confidence_scale, scale_note
from okrtui.core.sheet import okr_columns, parse_grade
from okrtui.store.exchange_common import ImportErrors, first_error
from okrtui.store.exchange_okrs import IncomingObjective, OkrPlan
from okrtui.store.okr_sheet_rows import Group, Row, RowChecks, key_result_from_rows


class Unplaceable(ImportErrors):
    """Rows that are fine but cannot be placed; nothing was imported."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(problems, "fix those rows, or import with --skip-unplaceable to "
                         "leave them out and import the rest", "row(s) cannot be placed")


def _by_line(problems: list[str]) -> list[str]:
    """Problems in the order of their lines (`line 12: ...`)."""
    return sorted(problems, key=lambda p: int(p.split(":")[0].removeprefix("line ")))


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]


def _identity(cell: str, *parts: str) -> str:
    """A row's id as a key part (hashed when long), else a digest of what names it."""
    if cell:
        return "id:" + (cell if len(cell) <= 100 else _digest(cell))
    return _digest(*parts)


class SheetReader(RowChecks):
    """Reads the rows of one sheet; `problems` are bad rows, `unplaceable` the rest."""

    def read(self, rows: list[Row], skip_unplaceable: bool,
             left_out: tuple[str, ...] = ()) -> OkrPlan:
        """The sheet as a plan; raises `ImportErrors` or `Unplaceable` naming each line.
        `left_out` are the header's columns okrtui does not read, for the summary."""
        objectives = self._group(rows)
        scale = confidence_scale(r["confidence"] for r in rows if r["confidence"])
        plan = [self._objective(group, scale) for group in objectives]
        if self.problems:
            raise ImportErrors(_by_line(self.problems + [p for _, p in self.unplaceable]))
        if self.unplaceable and not skip_unplaceable:
            raise Unplaceable(_by_line([p for _, p in self.unplaceable]))
        notes = tuple(n for n in (scale_note(scale),) if n)
        if left_out:
            notes += ("columns not read: " + ", ".join(repr(c) for c in left_out),)
        return OkrPlan(objectives=tuple(o for o in plan if o is not None),
                       skipped=tuple(s for s, _ in self.unplaceable), notes=notes)

    def _group(self, rows: list[Row]) -> list[Group]:
        """Rows into objectives and key results; rows with no place are set aside."""
        groups: dict[tuple[str, ...], Group] = {}
        for row in rows:
            lacking = [c.replace("_", " ") for c in ("cycle", "objective", "key_result")
                       if not row[c]]
            if lacking:
                self.bad(row, f"no {' and no '.join(lacking)}")
                continue
            cycle = self.known.find(row["cycle"])
            if cycle is None:
                self._unknown_cycle(row)
                continue
            title, owner = row["objective"], row["objective_owner"]
            part = _identity(row["objective_id"], title, owner)
            if (cycle.name, part) not in groups:
                position = 1 + sum(g.cycle == cycle for g in groups.values())
                groups[cycle.name, part] = Group(f"sheet:{cycle.name}:{part}", cycle=cycle,
                                                 position=position)
            group = groups[cycle.name, part]
            group.rows.append(row)
            kr_part = _identity(row["key_result_id"], row["key_result"], row["metric"])
            group.key_results.setdefault((kr_part,), Group(f"{group.key}/kr:{kr_part}")
                                         ).rows.append(row)
        return list(groups.values())

    def _unknown_cycle(self, row: Row) -> None:
        name = row["cycle"]
        if re.fullmatch(r"\d{4}-Q\d+", name, re.IGNORECASE):
            fix = "a quarter is 2026-Q1 to 2026-Q4 (or a name from `okrtui cycle list`)"
        elif name.upper().startswith("FY"):
            fix = ("make this database's quarters fiscal with `okrtui cycle fiscal-year "
                   "MONTH` (the month its fiscal year starts), or add it with `okrtui cycle "
                   "add`")
        else:
            fix = (f"add it with `okrtui cycle add {shlex.quote(name)} --from YYYY-MM-DD "
                   "--to YYYY-MM-DD`")
        self.skip(row, "row", f"cycle {name!r} is not known here",
                  f"cycle {name!r} is not known here: {fix}")

    def _objective(self, group: Group, scale: ConfidenceScale) -> IncomingObjective | None:
        assert group.cycle is not None
        first = group.rows[0]
        title, _ = self.same(group.rows, "objective", "objective")
        owner, _ = self.same(group.rows, "objective_owner", "objective")
        grade, graded_on = self.same(group.rows, "objective_score", "objective")
        score = None
        if graded_on is not None:
            try:
                score = parse_grade(grade, "objective score")[0]
            except InvalidInput as error:
                self.bad(graded_on, f"objective score: {error}")
        try:
            objective = Objective(quarter=group.cycle.name, title=title, owner=owner,
                                  official_score=score, import_key=group.key,
                                  position=group.position)
        except ValidationError as error:
            self.bad(first, first_error(error))
            return None
        krs = [key_result_from_rows(self, kr, group.cycle, scale, position)
               for position, kr in enumerate(group.key_results.values(), 1)]
        return IncomingObjective(objective, None, tuple(k for k in krs if k is not None),
                                 f"line {first.line}")


def parse_okr_sheet(text: str, known: Calendar, metrics: dict[str, str], today: date,
                    skip_unplaceable: bool = False) -> OkrPlan:
    """A sheet (header first) as a plan; `metrics` maps `name_key`s to the database's names.

    Raises `ImportErrors` naming each bad line, or `Unplaceable` naming each row that
    cannot be placed (unless `skip_unplaceable`).
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[Row] = []
    columns: dict[str, int] | None = None
    left_out: tuple[str, ...] = ()
    try:
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            if columns is None:
                columns = okr_columns(cells)
                used = set(columns.values())
                left_out = tuple(c.strip() for i, c in enumerate(cells)
                                 if c.strip() and i not in used)
                continue
            rows.append(Row(reader.line_num, {c: cells[i].strip() for c, i in columns.items()
                                              if i < len(cells)}))
    except csv.Error as error:
        raise ImportErrors([f"line {reader.line_num}: {error}"]) from None
    if not rows:
        raise InvalidInput("the sheet has a header but no rows of key results")
    return SheetReader(known, metrics, today).read(rows, skip_unplaceable, left_out)
