"""`okrtui record` and `okrtui kpis`: readings in, the KPI vital signs out.

Imports stay inside handlers so `okrtui record` from cron loads only what it
uses (no Textual, ever).
"""

from __future__ import annotations

import argparse
import json
import re
from typing import Any

from okrtui.cli.context import cli_today, open_repo, terminal_width
from okrtui.core.errors import InvalidInput


def add_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Register `record` and `kpis`."""
    record = commands.add_parser("record", parents=[common], help="record a reading")
    record.add_argument("metric", help="the metric's name")
    record.add_argument("value", help="a number (1,234.5 and 4.2%% are fine)")
    record.add_argument("--at", metavar="DATE", default="today",
                        help="the day it describes: YYYY-MM-DD, today (default) or yesterday")
    record.add_argument("--note", default="", help="a short note kept with the reading")
    record.set_defaults(handler=cmd_record)
    # Let values such as -4.2% or -1,000 be values, not unknown options.
    record._negative_number_matcher = re.compile(r"^-[\d.,_]+%?$")  # noqa: SLF001

    kpis = commands.add_parser("kpis", parents=[common], help="the KPI vital signs today")
    kpis.add_argument("--json", action="store_true", help="machine-readable output")
    kpis.set_defaults(handler=cmd_kpis)


def cmd_record(args: argparse.Namespace) -> int:
    """`okrtui record METRIC VALUE [--at DATE] [--note TEXT]`"""
    from okrtui.core.format import format_value
    from okrtui.core.parse import parse_date, parse_number

    today = cli_today()
    value = parse_number(args.value)
    at = parse_date(args.at, today, "--at")
    repo = open_repo(args)
    metric = repo.get_metric(args.metric)
    if metric.archived:
        raise InvalidInput(f"{metric.name!r} is archived: `okrtui metric unarchive` it first")
    reading = repo.record_reading(metric, at, value, today=today, note=args.note, source="cli")
    verb = "corrected" if reading.supersedes else "recorded"
    print(f"{verb} {metric.name} = {format_value(reading.value, metric.unit)} on {reading.at}")
    return 0


def cmd_kpis(args: argparse.Namespace) -> int:
    """`okrtui kpis [--json]`: each watched KPI's status today."""
    from okrtui.core.format import (
        format_change,
        format_range,
        format_value,
        sparkline,
        table,
    )
    from okrtui.core.kpi import STATUS_LABEL

    today = cli_today()
    repo = open_repo(args)
    overview = repo.kpi_overview(today)
    charts = repo.signals.charts([h.metric.id or 0 for h in overview], today)
    sources = {s.metric_id: s for s in repo.sources.listing()}
    failing = repo.sources.failing()
    if args.json:
        print(json.dumps([{**_kpi_json(h), **signal_json(charts[h.metric.id or 0]),
                           **_source_json(sources, failing, h.metric)}
                          for h in overview], indent=2, ensure_ascii=False))
        return 0
    if not overview:
        print("no KPIs yet: okrtui metric add NAME --min X --max Y  (or try okrtui --demo)")
        return 0
    rows = [
        [STATUS_LABEL[h.status],
         (f"→KR{h.key_result_id} " if h.key_result_id else "") + h.metric.name,
         format_value(h.latest.value if h.latest else None, h.metric.unit),
         format_change(h.change), format_range(h.metric.range_min, h.metric.range_max,
                                               h.metric.unit),
         sparkline(h.recent, 8), _signal_cell(charts[h.metric.id or 0]),
         h.latest.at.isoformat() if h.latest else ""]
        for h in overview
    ]
    print(table(["STATUS", "KPI", "VALUE", "CHANGE", "RANGE", "TREND", "SIGNAL", "AS OF"], rows,
                {2, 3},
                width=terminal_width(), squeeze=(6, 1), drop=(7, 3)))
    from okrtui.core.sources import failing_text

    for h in overview:
        if h.metric.id in failing:
            print(f"{h.metric.name}: {failing_text(*failing[h.metric.id])}")
    return 0


def _source_json(sources: dict[int, Any], failing: dict[int, Any], metric: Any) -> dict[str, Any]:
    """A KPI's `source` (None when typed by hand) and whether it is failing."""
    from okrtui.cli.sources import failing_json

    source = sources.get(metric.id)
    described = None if source is None else {
        "kind": source.spec.kind, "every": source.interval(metric.cadence),
        "account": source.account, "definition": source.spec.describe()}
    return {"source": described, **failing_json(failing.get(metric.id))}


def _signal_cell(chart: Any) -> str:
    finding = chart.latest_finding
    return str(chart.summary() if finding is None else finding.summary())


def _kpi_json(health: Any) -> dict[str, Any]:
    m = health.metric
    return {
        "name": m.name, "unit": m.unit, "direction": m.direction,
        "value": health.latest.value if health.latest else None,
        "at": health.latest.at.isoformat() if health.latest else None,
        "previous": health.previous.value if health.previous else None,
        "previous_at": health.previous.at.isoformat() if health.previous else None,
        "change": health.change,
        "min": m.range_min, "max": m.range_max,
        "status": str(health.status), "range_status": str(health.range_status),
        "days_since": health.days_since, "cadence": m.cadence, "owner": m.owner,
        "recent": list(health.recent),
        "role": health.role, "key_result": health.key_result_id,
    }


def signal_json(chart: Any) -> dict[str, Any]:
    """The `kpis --json` fields for one KPI's XmR chart."""
    return {
        "signal": str(chart.verdict),
        "signal_summary": chart.summary(),
        "rules": [{"rule": f.rule, "direction": "up" if f.direction > 0 else "down",
                   "current": chart.is_current(f), "since": f.since.isoformat(),
                   "dates": [d.isoformat() for d in f.dates]}
                  for f in chart.findings],
        "centre": _rounded(chart.centre), "lower_limit": _rounded(chart.lower),
        "upper_limit": _rounded(chart.upper), "range_limit": _rounded(chart.range_limit),
        "baseline": {"points": chart.baseline,
                     "from": chart.baseline_from and chart.baseline_from.isoformat(),
                     "to": chart.baseline_to and chart.baseline_to.isoformat()},
    }


def _rounded(value: float | None) -> float | None:
    """Limits are estimates: ten significant digits hide float noise (31.06, not
    31.059999999999995)."""
    return None if value is None else float(f"{value:.10g}")
