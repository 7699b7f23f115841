"""Reading an OKR spreadsheet's words: its header, its grades and its confidences.

A sheet's columns go by many names ("Quarter", "KR", "Start value",
"Check-in date"); `okr_columns` maps a header to okrtui's columns, ignoring
case, spaces, underscores and hyphens. Grades are 0–1 or `n/a`; confidences
may be kept 0–10, 0–1 or in percent, and `core.parse.confidence_scale` tells which from
all of a file's values at once. Pure: the store reads the file.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from okrtui.core.errors import InvalidInput
from okrtui.core.parse import parse_number
from okrtui.core.scoring import validate_score

# okrtui's columns, in the order the README lists them, with the other names
# sheets give them (compared by `column_key`).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "cycle": ("quarter", "period", "okr cycle", "okr period", "time period", "timeframe"),
    "objective_id": ("objective key", "objective no", "objective number", "obj id", "goal id"),
    "objective": ("objective title", "objective name", "goal", "goal title", "obj"),
    "objective_owner": ("okr owner", "goal owner", "obj owner"),
    "objective_score": ("objective grade", "objective final score", "goal score",
                        "goal grade"),
    "key_result_id": ("kr id", "kr key", "kr no", "kr number", "key result key",
                      "key result no"),
    "key_result": ("kr", "key result title", "kr title", "statement", "kr statement",
                   "key result statement"),
    "owner": ("kr owner", "key result owner", "responsible", "assignee"),
    "metric": ("kpi", "measure", "metric name"),
    "unit": ("units", "unit of measure"),
    "baseline": ("start value", "starting value", "initial value", "baseline value", "from"),
    "target": ("target value", "goal value", "to"),
    "due": ("deadline", "due date", "due by", "end date"),
    "date": ("check-in date", "checkin date", "as of", "as of date", "reported on",
             "update date", "day"),
    "value": ("current", "current value", "actual", "actual value", "progress value",
              "result"),
    "confidence": ("confidence level", "conf"),
    "comment": ("note", "notes", "comments", "remarks", "update"),
    "score": ("grade", "final score", "final grade", "kr score", "key result score",
              "kr grade"),
    "author": ("checked in by", "reported by", "updated by", "reporter"),
}
OKR_COLUMNS = tuple(SYNONYMS)
REQUIRED = ("cycle", "objective", "key_result", "target")
NOT_GRADED = ("n/a", "na", "not graded", "ungraded")


def column_key(name: str) -> str:
    """How column names compare: case, spaces, underscores and hyphens ignored."""
    return re.sub(r"[\s_\-]+", "", name.casefold())


_BY_KEY = {column_key(word): column for column, words in SYNONYMS.items()
           for word in (column, *words)}


def okr_column(name: str) -> str | None:
    """okrtui's column a header cell names, or None."""
    return _BY_KEY.get(column_key(name))


def okr_columns(header: Sequence[str]) -> dict[str, int]:
    """okrtui's columns a header names, each with the first cell that names it."""
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        column = okr_column(cell)
        if column is not None:
            found.setdefault(column, index)
    return found


def missing_columns(columns: dict[str, int]) -> list[str]:
    """The required columns a header lacks."""
    return [c for c in REQUIRED if c not in columns]


def parse_grade(text: str, field: str = "score") -> tuple[float | None, bool]:
    """A grade cell: (score, not graded). Blank is (None, False); `n/a` is (None, True);
    else a score from 0 to 1 (a percentage such as 70% is read as 0.7)."""
    raw = text.strip()
    if not raw:
        return None, False
    if raw.casefold() in NOT_GRADED:
        return None, True
    value = parse_number(raw, field)
    if raw.endswith("%"):
        value /= 100
    try:
        return validate_score(value), False
    except InvalidInput:
        raise InvalidInput(f"{raw!r} is not a grade (expected 0 to 1, or n/a)", field) from None
