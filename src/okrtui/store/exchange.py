"""Import and export: readings as CSV, everything as JSON.

Imports are checked whole before anything is written: one bad row names its
line and nothing lands. Exports neutralise spreadsheet formulas in text cells.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime
from typing import Any

from pydantic import ValidationError

from okrtui.core.errors import InvalidInput, OkrtuiError
from okrtui.core.format import number_text
from okrtui.core.models import IncomingReading, Metric
from okrtui.core.parse import check_not_future, parse_date, parse_number
from okrtui.core.text import name_key
from okrtui.store.repository import METRIC_COLUMNS, Repository

FORMAT_NAME = "okrtui"
FORMAT_VERSION = 1
CSV_COLUMNS = ("metric", "at", "value", "note", "author", "source", "recorded_at")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_REPORTED_ERRORS = 20


class ImportErrors(InvalidInput):
    """Several bad rows; the message lists each with its line number."""

    def __init__(self, problems: list[str], hint: str = "") -> None:
        shown = problems[:MAX_REPORTED_ERRORS]
        more = len(problems) - len(shown)
        lines = "\n".join(shown) + (f"\n… and {more} more" if more else "")
        lines += f"\n({hint})" if hint else ""
        super().__init__(f"nothing was imported: {len(problems)} bad row(s)\n{lines}")
        self.problems = problems


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
    columns = {}
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
        raise InvalidInput(_first_error(error)) from None
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


# -- JSON ------------------------------------------------------------------


def export_json(repo: Repository) -> str:
    """Everything, corrections included, in an order that imports back the same."""
    metrics = []
    for metric in repo.list_metrics(include_archived=True):
        readings = sorted(repo.history(metric.id or 0), key=lambda r: r.id or 0)
        entry: dict[str, Any] = {c: getattr(metric, c) for c in METRIC_COLUMNS}
        entry["readings"] = [
            {
                "at": r.at.isoformat(), "value": r.value, "note": r.note,
                "author": r.author, "source": r.source,
                "recorded_at": r.recorded_at.isoformat() if r.recorded_at else None,
                "superseded": r.superseded,
            }
            for r in readings
        ]
        metrics.append(entry)
    document = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "metrics": metrics,
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def parse_json(text: str, today: date) -> tuple[list[Metric], list[IncomingReading]]:
    """An okrtui JSON export as metrics and their readings, checked whole."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInput(f"not valid JSON: {error.msg} at line {error.lineno}") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise InvalidInput("not an okrtui export (no \"format\": \"okrtui\" at the top)")
    version = document.get("version", 0)
    if not isinstance(version, int):
        raise InvalidInput("not an okrtui export (its \"version\" is not a number)")
    if version > FORMAT_VERSION:
        raise InvalidInput("this export comes from a newer okrtui; upgrade okrtui to import it")
    problems: list[str] = []
    metrics: list[Metric] = []
    readings: list[IncomingReading] = []
    for m_index, entry in enumerate(_json_list(document.get("metrics"), '"metrics"')):
        where = f"metrics[{m_index}]"
        if not isinstance(entry, dict):
            problems.append(f"{where}: expected an object")
            continue
        fields = {k: v for k, v in entry.items() if k in METRIC_COLUMNS}
        try:
            metric = Metric.model_validate(fields)
        except ValidationError as error:
            problems.append(f"{where}: {_first_error(error)}")
            continue
        metrics.append(metric)
        readings += _json_readings(entry.get("readings"), metric, where, today, problems)
    if problems:
        raise ImportErrors(problems)
    return metrics, readings


def _json_readings(
    raw_readings: Any, metric: Metric, where: str, today: date, problems: list[str]
) -> list[IncomingReading]:
    """One metric's exported readings; each bad one is added to `problems`."""
    where = f"{where} ({metric.name}) readings"
    try:
        entries = _json_list(raw_readings, where)
    except InvalidInput as error:
        problems.append(str(error))
        return []
    readings = []
    for r_index, raw in enumerate(entries):
        try:
            data = {k: v for k, v in raw.items() if k != "superseded"}
            item = IncomingReading.model_validate({"metric": metric.name, **data})
            check_not_future(item.at, today)
        except (ValidationError, InvalidInput, AttributeError) as error:
            message = _first_error(error) if isinstance(error, ValidationError) else error
            problems.append(f"{where}[{r_index}]: {message}")
            continue
        if item.recorded_at is not None and item.recorded_at.tzinfo is None:
            item = item.model_copy(update={"recorded_at": item.recorded_at.replace(tzinfo=UTC)})
        readings.append(item)
    return readings


def _json_list(value: Any, what: str) -> list[Any]:
    """A JSON array (absent means empty), or a refusal naming what is wrong."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise InvalidInput(f"{what} should be a list")
    return value


def _first_error(error: ValidationError) -> str:
    first = error.errors()[0]
    place = ".".join(str(p) for p in first["loc"])
    message = first["msg"].removeprefix("Value error, ")
    return f"{place}: {message}" if place else message


def import_file(
    repo: Repository, name: str, data: bytes, today: date, create_missing: bool = False
) -> str:
    """Import a CSV of readings or a JSON export; returns a one-line summary."""
    text = decode(data, name)
    if name.lower().endswith(".json") or text.lstrip().startswith("{"):
        metrics, readings = parse_json(text, today)
        known = {name_key(m.name) for m in repo.list_metrics(include_archived=True)}
        new = [m for m in metrics if name_key(m.name) not in known]
        added, unchanged = repo.import_readings(readings, new_metrics=new, keep_history=True)
        return (
            f"imported {added} reading(s) and {len(new)} new metric(s)"
            + (f"; {unchanged} already there" if unchanged else "")
        )
    known = {name_key(m.name) for m in repo.list_metrics(include_archived=True)}
    readings, missing = parse_readings_csv(text, known, today, create_missing)
    new = [Metric(name=n, watched=True) for n in missing]
    added, unchanged = repo.import_readings(readings, new_metrics=new)
    if not added and not unchanged:
        raise OkrtuiError("nothing to import")
    created = f" and {len(new)} new metric(s)" if new else ""
    return (
        f"imported {added} reading(s){created}"
        + (f"; {unchanged} already there" if unchanged else "")
    )
