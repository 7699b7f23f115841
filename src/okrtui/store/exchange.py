"""Import and export: readings as CSV here, everything as JSON (`exchange_json`), OKR
spreadsheets as CSV (`okr_sheet`).

Imports are checked whole before anything is written: one bad row names its
line and nothing lands. Exports neutralise spreadsheet formulas in text cells.
`import_file` is the front door for every format: a CSV is told by its header.
"""

from __future__ import annotations

import csv
import io
from datetime import date

from pydantic import ValidationError

from okrtui.core.errors import InvalidInput, OkrtuiError
from okrtui.core.format import number_text
from okrtui.core.models import IncomingReading, Metric
from okrtui.core.parse import check_not_future, parse_date, parse_number
from okrtui.core.sheet import OKR_COLUMNS, REQUIRED, missing_columns, okr_columns
from okrtui.core.text import name_key
from okrtui.store.database import write_transaction
from okrtui.store.exchange_common import ImportErrors, first_error
from okrtui.store.exchange_json import export_json, import_json, parse_json
from okrtui.store.import_summary import counted, import_summary, plural
from okrtui.store.okr_import import OkrImport
from okrtui.store.okr_sheet import parse_okr_sheet
from okrtui.store.repository import Repository

__all__ = ["ImportErrors", "decode", "export_csv", "export_json", "import_file",
           "parse_json", "parse_readings_csv"]

CSV_COLUMNS = ("metric", "at", "value", "note", "author", "source", "recorded_at")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


# -- CSV -------------------------------------------------------------------


def _formula_safe(text: str) -> str:
    """Prefix text a spreadsheet would run as a formula (OWASP's advice).

    Text that `_unguard` would shorten (its own `'=`, `''`) is prefixed too,
    so that it imports back whole.
    """
    guard = text.startswith(FORMULA_STARTS) or _unguard(text) != text
    return "'" + text if guard else text


def _unguard(text: str) -> str:
    """Undo `_formula_safe`, so an exported file imports back unchanged."""
    if text.startswith("'") and text[1:].startswith((*FORMULA_STARTS, "'")):
        return text[1:]
    return text


def decode(data: bytes, name: str) -> str:
    """File bytes as text: UTF-8 (a BOM is fine), or a clear refusal."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidInput(
            f"{name} is not UTF-8 text (byte {error.start}); save it as UTF-8 CSV"
        ) from None


def parse_readings_csv(
    text: str, known_metrics: set[str], today: date, create_missing: bool = False
) -> tuple[list[IncomingReading], list[str]]:
    """Rows `metric,at,value[,note]` (a header row is optional) into readings.

    `known_metrics` holds existing names as `name_key` gives them. Returns the readings and
    the names of metrics to create (only with `create_missing`). Raises
    `ImportErrors` naming every bad line.
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    columns: dict[str, int] = {"metric": 0, "at": 1, "value": 2, "note": 3}
    readings: list[IncomingReading] = []
    problems: list[str] = []
    missing: dict[str, str] = {}
    first = True
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if first:
                first = False
                header = [cell.strip().lower() for cell in row]
                if header and header[0] == "metric":
                    columns = _header_columns(header)
                    continue
            try:
                item, name = _csv_row(row, columns, line, today)
            except InvalidInput as error:
                problems.append(f"line {line}: {error}")
                continue
            if name_key(name) not in known_metrics:
                if not create_missing:
                    problems.append(f"line {line}: unknown metric {name!r}")
                    continue
                missing.setdefault(name_key(name), name)
            readings.append(item)
    except csv.Error as error:
        problems.append(f"line {reader.line_num}: {error}")
    if problems:
        hint = ""
        if any("unknown metric" in p for p in problems):
            hint = ("add the metrics with `okrtui metric add`, or import with "
                    "--create-metrics to create them")
        raise ImportErrors(problems, hint)
    if not readings:
        raise InvalidInput("the file has no readings (expected rows of metric,at,value[,note])")
    return readings, list(missing.values())


def _header_columns(header: list[str]) -> dict[str, int]:
    aliases = {"date": "at", "day": "at", "comment": "note"}
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        columns.setdefault(aliases.get(name, name), index)
    lacking = [c for c in ("metric", "at", "value") if c not in columns]
    if lacking:
        raise ImportErrors([f"line 1: the header has no {', '.join(lacking)} column"])
    return columns


def _csv_row(
    row: list[str], columns: dict[str, int], line: int, today: date
) -> tuple[IncomingReading, str]:
    def cell(name: str) -> str:
        index = columns.get(name)
        return _unguard(row[index].strip()) if index is not None and index < len(row) else ""

    if len(row) < 3:
        raise InvalidInput(f"expected metric,at,value[,note] but found {len(row)} column(s)")
    name = cell("metric")
    if not name:
        raise InvalidInput("the metric name is empty")
    at = check_not_future(parse_date(cell("at"), today), today)
    value = parse_number(cell("value"))
    try:
        item = IncomingReading(metric=name, at=at, value=value, note=cell("note"), line=line)
    except ValidationError as error:
        raise InvalidInput(first_error(error)) from None
    return item, item.metric


def export_csv(repo: Repository) -> str:
    """The current readings of every metric, one row each, ready for a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for metric in repo.list_metrics(include_archived=True):
        for r in reversed(repo.history(metric.id or 0)):
            if r.superseded:
                continue
            writer.writerow([
                _formula_safe(metric.name), r.at.isoformat(), number_text(r.value),
                _formula_safe(r.note), _formula_safe(r.author), r.source,
                r.recorded_at.isoformat() if r.recorded_at else "",
            ])
    return out.getvalue()


def import_file(
    repo: Repository, name: str, data: bytes, today: date, create_missing: bool = False,
    skip_unplaceable: bool = False,
) -> str:
    """Import a CSV of readings, an OKR spreadsheet saved as CSV, or a JSON export;
    returns a one-line summary."""
    text = decode(data, name)
    if name.lower().endswith(".json") or text.lstrip().startswith("{"):
        return import_json(repo, text, today)
    if _csv_kind(text, today) == "okrs":
        return import_okr_sheet(repo, text, today, skip_unplaceable)
    known = {name_key(m.name) for m in repo.list_metrics(include_archived=True)}
    readings, missing = parse_readings_csv(text, known, today, create_missing)
    new = [Metric(name=n, watched=True) for n in missing]
    added, unchanged = repo.import_readings(readings, new_metrics=new)
    if not added and not unchanged:
        raise OkrtuiError("nothing to import")
    created = f", {plural(len(new), 'new metric')}" if new else ""
    return f"imported {counted(added, 'reading', unchanged)}{created}"


def _csv_kind(text: str, today: date) -> str:
    """"okrs" for an OKR sheet's header, "readings" for readings (with a header or not);
    a header that fits neither is refused, saying what each format expects."""
    first = next((row for row in csv.reader(io.StringIO(text, newline=""))
                  if any(cell.strip() for cell in row)), None)
    if first is None:
        return "readings"
    columns = okr_columns(first)
    if not missing_columns(columns):
        return "okrs"
    if _looks_like_data(first, today) or first[0].strip().lower() == "metric":
        return "readings"
    found = ", ".join(c for c in REQUIRED if c in columns)
    lacking = ", ".join(missing_columns(columns))
    raise InvalidInput(
        "line 1 is a header okrtui cannot read. An OKR sheet needs the columns "
        f"{', '.join(REQUIRED)}" + (f" (this one has {found} but no {lacking})" if found else "")
        + f" and may have {', '.join(c for c in OKR_COLUMNS if c not in REQUIRED)} "
        "(other names are accepted: see the README); readings need metric first, then at "
        "(or date) and value, with note optional"
    )


def _looks_like_data(row: list[str], today: date) -> bool:
    """A first row of readings without a header: a date second, or a number third."""
    for index, check in ((1, lambda t: parse_date(t, today)), (2, parse_number)):
        try:
            if len(row) > index:
                check(row[index])
                return True
        except InvalidInput:
            continue
    return False


def import_okr_sheet(repo: Repository, text: str, today: date,
                     skip_unplaceable: bool = False) -> str:
    """Import an OKR spreadsheet in one transaction; returns a one-line summary."""
    metrics = {name_key(m.name): m.name for m in repo.list_metrics(include_archived=True)}
    plan = parse_okr_sheet(text, repo.cycles.calendar(), metrics, today, skip_unplaceable)
    with write_transaction(repo.db):
        counts = OkrImport(repo.context, repo.metrics, repo.readings).write(plan)
    return import_summary(plan, counts)
