"""Rows of an OKR spreadsheet: what one objective's or key result's rows say, checked.

`RowChecks` keeps the two lists a sheet's reading fills: bad rows (nothing is
imported) and rows that cannot be placed (skipped only when asked). A key
result's fields may be given on any of its rows, once or repeated; two
different values are a problem. Its check-ins are the rows with a value or a
confidence, each needing a date on or after its cycle's start (after its end
is fine: teams grade in the week after).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from pydantic import ValidationError

from okrtui.core.cycles import Calendar, Cycle
from okrtui.core.errors import InvalidInput
from okrtui.core.models import NAME_MAX, CheckIn, Direction, KeyResult, Metric
from okrtui.core.parse import (
    ConfidenceScale,
    check_not_future,
    parse_date,
    parse_number,
    read_confidence,
)
from okrtui.core.sheet import parse_grade
from okrtui.core.text import clean_line, name_key
from okrtui.store.exchange_check_ins import IncomingCheckIn
from okrtui.store.exchange_common import first_error
from okrtui.store.exchange_okrs import IncomingKeyResult, Skipped


@dataclass
class Row:
    """One data row: its line and its cells by okrtui's column names (stripped)."""

    line: int
    cells: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.cells.get(column, "")


@dataclass
class Group:
    """The rows of one objective or one key result, in file order."""

    key: str
    rows: list[Row] = field(default_factory=list)
    cycle: Cycle | None = None
    key_results: dict[tuple[str, ...], Group] = field(default_factory=dict)
    position: int = 0


class RowChecks:
    """What reading a sheet found wrong: bad rows, and rows that cannot be placed."""

    def __init__(self, known: Calendar, metrics: dict[str, str], today: date) -> None:
        self.known = known
        self.metrics = metrics  # name_key → the database's name
        self.today = today
        self.problems: list[str] = []
        self.unplaceable: list[tuple[Skipped, str]] = []
        self.measured: dict[tuple[str, str], int] = {}  # (cycle, metric) → line

    def bad(self, row: Row, message: str) -> None:
        self.problems.append(f"line {row.line}: {message}")

    def skip(self, row: Row, what: str, why: str, problem: str) -> None:
        """A row that cannot be placed: `what` it holds and `why` for the summary, the
        `problem` (with what would make it fit) for the refusal."""
        self.unplaceable.append((Skipped(what, f"line {row.line}", why),
                                 f"line {row.line}: {problem}"))

    def same(self, rows: list[Row], column: str, what: str) -> tuple[str, Row | None]:
        """The one value a group's rows give a column (blank cells aside); two values are a
        problem on the later row."""
        value, first = "", None
        for row in rows:
            cell = row[column]
            if not cell:
                continue
            if first is None:
                value, first = cell, row
            elif cell != value:
                self.bad(row, f"{column.replace('_', ' ')} {_short(cell)} differs from "
                         f"{_short(value)} on line {first.line} for the same {what}")
        return value, first

    def number(self, row: Row, column: str) -> float | None:
        """A number cell (blank: None); a bad one is a problem on its row."""
        try:
            return None if not row[column] else parse_number(row[column], column)
        except InvalidInput as error:
            self.bad(row, f"{column.replace('_', ' ')}: {error}")
            return None

    def day(self, row: Row, column: str) -> date | None:
        """A date cell (blank: None); an impossible or future one is a problem."""
        if not row[column]:
            return None
        try:
            return check_not_future(parse_date(row[column], self.today, column), self.today,
                                    column) if column == "date" else parse_date(
                row[column], self.today, column)
        except InvalidInput as error:
            self.bad(row, f"{'check-in date' if column == 'date' else column}: {error}")
            return None


def _short(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:39] + "…")


def key_result_from_rows(checks: RowChecks, group: Group, cycle: Cycle,
                         scale: ConfidenceScale, position: int) -> IncomingKeyResult | None:
    """One key result from its rows, or None when a row is bad (named in `checks`)."""
    rows, first = group.rows, group.rows[0]
    before = len(checks.problems)
    fields = {c: checks.same(rows, c, "key result") for c in (
        "key_result", "metric", "unit", "owner", "target", "baseline", "due", "score")}
    statement, owner, metric_cell = (fields["key_result"][0], fields["owner"][0],
                                     fields["metric"][0])
    target_row, baseline_row = fields["target"][1], fields["baseline"][1]
    if target_row is None:
        checks.bad(first, "the key result has no target")
        return None
    target = checks.number(target_row, "target")
    baseline = None if baseline_row is None else checks.number(baseline_row, "baseline")
    due_row = fields["due"][1]
    due = cycle.end if due_row is None else checks.day(due_row, "due")
    if due_row is not None and due is not None and due not in cycle:
        checks.bad(due_row, f"due {due} is outside {cycle} ({cycle.start} to {cycle.end}): "
                   "fix the due date or the cycle")
    score, not_graded, grade_row = None, False, fields["score"][1]
    if grade_row is not None:
        try:
            score, not_graded = parse_grade(fields["score"][0])
        except InvalidInput as error:
            checks.bad(grade_row, f"score: {error}")
    check_ins = _check_ins(checks, rows, cycle, scale, owner)
    if len(checks.problems) > before or target is None or due is None:
        return None
    assumed: tuple[str, ...] = ()
    if baseline is None:
        valued = [c.check_in.value for c in check_ins if c.check_in.value is not None]
        baseline = valued[0] if valued else 0.0
        assumed = ("baseline from the first check-in" if valued
                   else "baseline 0 (none given, no check-in)",)
    note = "" if grade_row is None or grade_row["value"] or grade_row["confidence"] else (
        grade_row["comment"])
    try:
        kr = KeyResult(objective_id=0, metric_id=0, statement=statement, baseline=baseline,
                       target=target, start=cycle.start, due=due, owner=owner,
                       position=position, final_score=score, official_score=score,
                       not_graded=not_graded, close_note=note, import_key=group.key)
    except ValidationError as error:
        checks.bad(first, first_error(error))
        return None
    metric, new, from_statement = _metric(checks, first, cycle, kr, metric_cell,
                                          fields["unit"][0])
    if new is None and not metric:
        return None
    return IncomingKeyResult(kr, metric, check_ins=tuple(check_ins), where=f"line {first.line}",
                             new_metric=new, from_statement=from_statement, assumed=assumed)


def _metric(checks: RowChecks, row: Row, cycle: Cycle, kr: KeyResult, cell: str,
            unit: str) -> tuple[str, Metric | None, bool]:
    """The metric a key result moves: the database's of that name, one to make with it
    (unwatched), or one named from its statement when the sheet names none."""
    direction: Direction = "lower" if kr.target < kr.baseline else "higher"
    if cell:
        claimed = checks.measured.setdefault((cycle.name, name_key(cell)), row.line)
        if claimed != row.line:
            checks.bad(row, f"metric {_short(cell)} is already measured by the key result on "
                       f"line {claimed} in {cycle}: one key result per metric per cycle "
                       "(leave the metric empty to make one from the statement)")
            return "", None, False
        stored = checks.metrics.get(name_key(cell))
        if stored is not None:
            return stored, None, False
    name = cell or clean_line(kr.statement)
    if len(name) > NAME_MAX and not cell:
        name = name[:NAME_MAX - 1].rstrip() + "…"
    try:
        new = Metric(name=name, unit=unit, direction=direction, watched=False)
    except ValidationError as error:
        checks.bad(row, f"metric: {first_error(error)}")
        return "", None, False
    return new.name, new, not cell


def _check_ins(checks: RowChecks, rows: list[Row], cycle: Cycle, scale: ConfidenceScale,
               owner: str) -> list[IncomingCheckIn]:
    """The rows with a value or a confidence, by date (then line), each placed in time."""
    found: list[tuple[date, Row, float | None, int | None]] = []
    for row in rows:
        if not row["value"] and not row["confidence"]:
            if row["comment"] and not row["score"]:
                checks.skip(row, "comment", "no value, confidence or score",
                            "a comment with no value, confidence or score to go with: give it "
                            "a check-in date and a value or a confidence")
            continue
        value = checks.number(row, "value")
        confidence = None
        if row["confidence"]:
            try:
                read = read_confidence(row["confidence"], "confidence", scale)
                confidence = None if read is None else read.value
            except InvalidInput as error:
                checks.bad(row, f"confidence: {error}")
        if not row["date"]:
            checks.skip(row, "check-in", "no date", "a check-in with no date: give the row "
                        "its check-in date (for a final result, the day it was graded)")
            continue
        at = checks.day(row, "date")
        if at is None:
            continue
        if at < cycle.start:
            checks.skip(row, "check-in", "before its cycle starts", f"a check-in dated {at}, "
                        f"before {cycle} starts on {cycle.start}: check its date, or its "
                        "cycle")
            continue
        found.append((at, row, value, confidence))
    found.sort(key=lambda item: (item[0], item[1].line))
    out, same_day = [], 0
    for index, (at, row, value, confidence) in enumerate(found):
        same_day = same_day + 1 if index and found[index - 1][0] == at else 0
        # A sheet has no times: noon UTC, a second apart for the same day, in file order.
        moment = datetime.combine(at, time(12), UTC) + timedelta(seconds=same_day)
        try:
            check = CheckIn(key_result_id=0, at=at, value=value, confidence=confidence,
                            comment=row["comment"], author=row["author"] or owner,
                            recorded_at=moment, source="import")
        except ValidationError as error:
            checks.bad(row, first_error(error))
            continue
        out.append(IncomingCheckIn(check, None, f"line {row.line}"))
    return out
