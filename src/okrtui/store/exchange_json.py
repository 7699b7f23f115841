"""Everything as one JSON document: metrics, readings (corrections kept), OKRs, closed cycles.

The document is checked whole before anything is written, and then written
in one transaction: it lands entirely or not at all. Version 2 added
`objectives` and `closed_quarters`; version 3 each metric's `companions` and
`baselines`, the `journal` and its `next_tests`; version 4 each objective's
and key result's `key` (its identity), grades brought from elsewhere, frozen
numbers, every check-in (a confidence alone, a correction), `cycles` and
`fiscal_year_first_month`. Older files still import. The shape is
`schema/okrtui-export.schema.json`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from pydantic import ValidationError

from okrtui.core.cycles import Calendar
from okrtui.core.errors import InvalidInput
from okrtui.core.models import IncomingReading, Metric
from okrtui.core.parse import check_not_future
from okrtui.core.text import clean_line, clean_text, name_key
from okrtui.store import sql
from okrtui.store.database import write_transaction
from okrtui.store.exchange_common import ImportErrors, first_error, json_list
from okrtui.store.exchange_cycles import (
    CyclePlan,
    export_cycles,
    is_fresh,
    plan_cycles,
    write_cycles,
)
from okrtui.store.exchange_journal import export_journal, parse_journal, write_journal
from okrtui.store.exchange_okrs import OkrPlan, parse_okrs
from okrtui.store.exchange_okrs_out import export_okrs
from okrtui.store.import_summary import import_summary
from okrtui.store.metrics import METRIC_COLUMNS
from okrtui.store.okr_import import OkrImport
from okrtui.store.repository import Repository

FORMAT_NAME = "okrtui"
FORMAT_VERSION = 4


@dataclass(frozen=True)
class ParsedExport:
    """A checked JSON export, ready to write."""

    metrics: list[Metric]
    readings: list[IncomingReading]
    okrs: OkrPlan
    companions: dict[str, list[str]]  # metric name → companion names
    baselines: dict[str, list[dict[str, Any]]]  # metric name → settings, oldest first
    journal: list[Any] = field(default_factory=list)
    next_tests: list[Any] = field(default_factory=list)
    cycles: CyclePlan = field(default_factory=lambda: CyclePlan(Calendar()))


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
        entry["companions"] = [repo.get_metric_by_id(c).name
                               for c in repo.signals.companion_ids(metric.id or 0)]
        entry["baselines"] = [
            {"start": b.baseline.start and b.baseline.start.isoformat(),
             "end": b.baseline.end and b.baseline.end.isoformat(), "note": b.note,
             "set_by": b.set_by, "set_at": b.set_at.isoformat()}
            for b in reversed(repo.signals.baseline_history(metric.id or 0))]
        metrics.append(entry)
    objectives, closed = export_okrs(repo)
    journal, next_tests = export_journal(repo)
    cycles, first_month = export_cycles(repo)
    document = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_at": sql.now_utc(),
        "fiscal_year_first_month": first_month,
        "cycles": cycles,
        "metrics": metrics,
        "objectives": objectives,
        "closed_quarters": closed,
        "journal": journal,
        "next_tests": next_tests,
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def parse_json(text: str, today: date) -> tuple[list[Metric], list[IncomingReading]]:
    """An okrtui JSON export as metrics and their readings, checked whole (OKRs too)."""
    parsed = parse_export(text, today)
    return parsed.metrics, parsed.readings


def parse_export(text: str, today: date, known_metrics: set[str] | None = None,
                 known: Calendar | None = None, fresh: bool = True) -> ParsedExport:
    """The whole export, checked; `known_metrics` (`name_key`s) are the database's metrics,
    `known` its cycles (`fresh`: it may take the file's fiscal year)."""
    document = _document(text)
    problems: list[str] = []
    cycles = plan_cycles(document, known or Calendar(), fresh, problems)
    metrics: list[Metric] = []
    readings: list[IncomingReading] = []
    companions: dict[str, list[str]] = {}
    baselines: dict[str, list[dict[str, Any]]] = {}
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
        companions[metric.name] = _names(entry.get("companions"), where, problems)
        baselines[metric.name] = _baselines(entry.get("baselines"), where, today, problems)
    names = (known_metrics or set()) | {name_key(m.name) for m in metrics}
    for metric_name, others in companions.items():
        for other in others:
            if name_key(other) not in names:
                problems.append(f"{metric_name}: companion {other!r} is not a metric")
    okrs = parse_okrs(document, names, today, problems, cycles.calendar)
    journal, next_tests = parse_journal(document, today, problems)
    if problems:
        raise ImportErrors(problems)
    return ParsedExport(metrics, readings, okrs, companions, baselines, journal, next_tests,
                        cycles)


def _names(raw: Any, where: str, problems: list[str]) -> list[str]:
    """A list of metric names (companions); absent means none."""
    if raw is None:
        return []
    if not isinstance(raw, list) or not all(isinstance(n, str) and n.strip() for n in raw):
        problems.append(f"{where}: \"companions\" must be a list of metric names")
        return []
    return [clean_line(n) for n in raw]


def _baselines(raw: Any, where: str, today: date,
               problems: list[str]) -> list[dict[str, Any]]:
    """Baseline settings, checked like `metric baseline` checks them."""
    if raw is None:
        return []
    out = []
    for index, item in enumerate(raw if isinstance(raw, list) else [None]):
        label = f"{where} baselines[{index}]"
        try:
            if not isinstance(item, dict):
                raise InvalidInput("expected an object")
            start = _optional_day(item.get("start"), "start", today)
            end = _optional_day(item.get("end"), "end", today)
            if end is not None and (start is None or end < start):
                raise InvalidInput("its end is before its start, or it has no start")
            set_at = datetime.fromisoformat(str(item.get("set_at")))
        except (InvalidInput, ValueError, TypeError) as error:
            problems.append(f"{label}: {error}")
            continue
        if set_at.tzinfo is None:
            set_at = set_at.replace(tzinfo=UTC)
        out.append({"start": start, "end": end, "note": clean_text(str(item.get("note", ""))),
                    "set_by": clean_line(str(item.get("set_by", ""))),
                    "set_at": sql.utc_text(set_at)})
    return out


def _optional_day(raw: Any, field: str, today: date) -> date | None:
    if raw is None:
        return None
    try:
        return check_not_future(date.fromisoformat(str(raw)), today, field)
    except ValueError:
        raise InvalidInput(f"{field} {raw!r} is not a date (YYYY-MM-DD)") from None


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
    parsed = parse_export(text, today, known, repo.cycles.calendar(), is_fresh(repo.db))
    new = [m for m in parsed.metrics if name_key(m.name) not in known]
    with write_transaction(repo.db):
        write_cycles(repo.db, parsed.cycles, repo.user)
        added, unchanged = repo.readings.add_readings(parsed.readings, new, keep_history=True)
        _write_companions_and_baselines(repo, parsed)
        counts = OkrImport(repo.context, repo.metrics, repo.readings).write(parsed.okrs)
        entries = write_journal(repo, parsed.journal, parsed.next_tests)
    return import_summary(parsed.okrs, counts, readings=(added, unchanged),
                          metrics=(len(new), len(parsed.metrics) - len(new)),
                          entries=entries, cycles=len(parsed.cycles.new))


def _write_companions_and_baselines(repo: Repository, parsed: ParsedExport) -> None:
    """Inside the import's transaction: companions are added to those already
    there; a baseline already there (same start, end and time) is skipped."""
    ids = {name_key(m.name): m.id or 0 for m in repo.list_metrics(include_archived=True)}
    for name, others in parsed.companions.items():
        metric_id = ids[name_key(name)]
        current = repo.signals.companion_ids(metric_id)
        wanted = [ids[name_key(o)] for o in others if ids[name_key(o)] != metric_id]
        if set(wanted) - set(current):
            repo.signals.write_companions(metric_id, [*current, *wanted])
    for name, settings in parsed.baselines.items():
        metric_id = ids[name_key(name)]
        for b in settings:
            start, end = b["start"] and b["start"].isoformat(), b["end"] and b["end"].isoformat()
            there = sql.exists(
                repo.db, "SELECT 1 FROM metric_baseline WHERE metric_id = ? AND set_at = ? "
                "AND coalesce(start, '') = ? AND coalesce(\"end\", '') = ?",
                [metric_id, b["set_at"], start or "", end or ""])
            if not there:
                repo.signals.insert_baseline(metric_id, b["start"], b["end"], b["note"],
                                             b["set_by"], b["set_at"])
