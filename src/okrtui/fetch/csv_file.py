"""A CSV source: a column's last value, or (with a date column) the whole history.

Spreadsheets in Europe export with `;` between cells and a decimal comma
(`12,5`); a file with `;` is read that way.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from okrtui.core.source_values import as_number, history_point, shown
from okrtui.core.sources import Fetched, SourceSpec
from okrtui.fetch.errors import FetchError

if TYPE_CHECKING:  # the reader's class, named in the stubs only
    from _csv import Reader

_SAMPLE = 64 * 1024  # characters the delimiter is guessed from
_DECIMAL_COMMA = re.compile(r"[+-]?(\d{1,3}(\.\d{3})+|\d+),\d+%?")


def read_csv(spec: SourceSpec, today: date) -> Fetched:
    """The last row's value in `spec.column`, or the history by `spec.date_column`."""
    path = Path(spec.csv_path).expanduser()
    if not path.is_file():
        raise FetchError(f"no file at {path}")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise FetchError(f"{path} is not UTF-8 text") from None
    except OSError as error:
        raise FetchError(f"could not read {path}: {error.strerror or error}") from None
    delimiter = _delimiter(text)
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(rows, None)
    if header is None:
        raise FetchError(f"{path} is empty")
    value_at = _column(header, spec.column, path)
    date_at = _column(header, spec.date_column, path) if spec.date_column else None
    cells = _cells(rows, value_at, date_at, decimal_comma=delimiter == ";")
    if date_at is None:
        last = None
        for line, _, value in cells:
            last = (line, value)
        if last is None:
            raise FetchError(f"no row of {path} has a value in column {spec.column}")
        line, value = last
        return Fetched(value=as_number(value, f"the {spec.column} on line {line}"))
    points = [history_point(day, value, today, f"line {line}") for line, day, value in cells]
    if not points:
        raise FetchError(f"no row of {path} has a value in column {spec.column}")
    history = tuple(sorted(points, key=lambda point: point.at))
    return Fetched(value=history[-1].value, history=history)


def _delimiter(text: str) -> str:
    sample = "\n".join(text[:_SAMPLE].splitlines()[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters=";,").delimiter
    except csv.Error:  # one column, or too little to tell: count the header's
        first = sample.partition("\n")[0]
        return ";" if first.count(";") > first.count(",") else ","


def _column(header: list[str], name: str, path: Path) -> int:
    """Where the column `name` is; its case and the spaces around do not matter."""
    wanted = name.strip().casefold()
    for at, cell in enumerate(header):
        if cell.strip().casefold() == wanted:
            return at
    columns = ", ".join(shown(cell.strip()) for cell in header if cell.strip())
    raise FetchError(f"no column {name!r} in {path} (its columns: {columns or 'none'})")


def _cells(rows: Reader, value_at: int, date_at: int | None,
           decimal_comma: bool) -> Iterator[tuple[int, str, str]]:
    """(line, date cell, value cell) of each row with a value; empty cells are skipped."""
    for row in rows:
        line = rows.line_num  # where the row ends: a quoted cell may span lines
        value = row[value_at].strip() if value_at < len(row) else ""
        if not value:
            continue
        if decimal_comma and _DECIMAL_COMMA.fullmatch(value):
            value = value.replace(".", "").replace(",", ".")
        day = row[date_at] if date_at is not None and date_at < len(row) else ""
        yield line, day, value
