"""Everything as one JSON document: metrics, readings (corrections kept), OKRs, closed quarters.

The document is checked whole before anything is written, and then written
in one transaction: it lands entirely or not at all. Version 2 added
`objectives` and `closed_quarters`; version 1 files (metrics only) still import.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from pydantic import ValidationError

from okrtui.core.errors import InvalidInput
from okrtui.core.models import IncomingReading, Metric
from okrtui.core.parse import check_not_future
from okrtui.core.text import name_key
from okrtui.store.database import write_transaction
from okrtui.store.exchange_common import ImportErrors, first_error, json_list
from okrtui.store.exchange_okrs import OkrPlan, export_okrs, parse_okrs
from okrtui.store.okr_import import OkrImport
from okrtui.store.repository import METRIC_COLUMNS, Repository

FORMAT_NAME = "okrtui"
FORMAT_VERSION = 2


@dataclass(frozen=True)
class ParsedExport:
    """A checked JSON export, ready to write."""

    metrics: list[Metric]
    readings: list[IncomingReading]
    okrs: OkrPlan


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
    objectives, closed = export_okrs(repo)
    document = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "metrics": metrics,
        "objectives": objectives,
        "closed_quarters": closed,
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def parse_json(text: str, today: date) -> tuple[list[Metric], list[IncomingReading]]:
    """An okrtui JSON export as metrics and their readings, checked whole (OKRs too)."""
    parsed = parse_export(text, today)
    return parsed.metrics, parsed.readings


def parse_export(text: str, today: date, known_metrics: set[str] | None = None) -> ParsedExport:
    """The whole export, checked; `known_metrics` (`name_key`s) are the database's metrics."""
    document = _document(text)
    problems: list[str] = []
    metrics: list[Metric] = []
    readings: list[IncomingReading] = []
    for m_index, entry in enumerate(json_list(document.get("metrics"), '"metrics"')):
        where = f"metrics[{m_index}]"
        if not isinstance(entry, dict):
            problems.append(f"{where}: expected an object")
            continue
        fields = {k: v for k, v in entry.items() if k in METRIC_COLUMNS}
        try:
            metric = Metric.model_validate(fields)
        except ValidationError as error:
            problems.append(f"{where}: {first_error(error)}")
            continue
        metrics.append(metric)
        readings += _json_readings(entry.get("readings"), metric, where, today, problems)
    names = (known_metrics or set()) | {name_key(m.name) for m in metrics}
    okrs = parse_okrs(document, names, today, problems)
    if problems:
        raise ImportErrors(problems)
    return ParsedExport(metrics, readings, okrs)


def _document(text: str) -> dict[str, Any]:
    """The JSON object of an okrtui export this version can read, or a clear refusal."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInput(f"not valid JSON: {error.msg} at line {error.lineno}") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise InvalidInput("not an okrtui export (no \"format\": \"okrtui\" at the top)")
    version = document.get("version", 0)
    if not isinstance(version, int) or isinstance(version, bool):
        raise InvalidInput("not an okrtui export (its \"version\" is not a number)")
    if version > FORMAT_VERSION:
        raise InvalidInput("this export comes from a newer okrtui; upgrade okrtui to import it")
    return document


def _json_readings(
    raw_readings: Any, metric: Metric, where: str, today: date, problems: list[str]
) -> list[IncomingReading]:
    """One metric's exported readings; each bad one is added to `problems`."""
    where = f"{where} ({metric.name}) readings"
    try:
        entries = json_list(raw_readings, where)
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
            message = first_error(error) if isinstance(error, ValidationError) else error
            problems.append(f"{where}[{r_index}]: {message}")
            continue
        if item.recorded_at is not None and item.recorded_at.tzinfo is None:
            item = item.model_copy(update={"recorded_at": item.recorded_at.replace(tzinfo=UTC)})
        readings.append(item)
    return readings


def import_json(repo: Repository, text: str, today: date) -> str:
    """Import a JSON export in one transaction; returns a one-line summary."""
    known = {name_key(m.name) for m in repo.list_metrics(include_archived=True)}
    parsed = parse_export(text, today, known)
    new = [m for m in parsed.metrics if name_key(m.name) not in known]
    with write_transaction(repo.db):
        added, unchanged = repo._add_readings(parsed.readings, new, keep_history=True)
        counts = OkrImport(repo).write(parsed.okrs)
    already = f"; {unchanged} already there" if unchanged else ""
    if not parsed.okrs.objectives:
        return f"imported {added} reading(s) and {len(new)} new metric(s){already}"
    return (f"imported {added} reading(s), {len(new)} new metric(s), "
            f"{counts.objectives} objective(s), {counts.key_results} key result(s) and "
            f"{counts.check_ins} check-in(s){already}")
