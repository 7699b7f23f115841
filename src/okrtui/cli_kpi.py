"""The KPI commands: `okrtui metric ...`, `record`, `kpis`, `import`, `export`.

Handlers only; the parser lives in `cli.py`. Imports stay inside handlers so
each command loads only what it uses (no Textual, ever).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from okrtui.cli import cli_today, open_repo
from okrtui.core.errors import InvalidInput, describe_validation, validation_problem


def _number(text: str | None, field: str) -> float | None:
    from okrtui.core.parse import parse_optional_number

    return parse_optional_number(text, field)


def _validated_metric(data: dict[str, Any]):  # noqa: ANN202
    from pydantic import ValidationError

    from okrtui.core.models import Metric

    try:
        return Metric.model_validate(data)
    except ValidationError as error:
        if validation_problem(error) == ("name", "can't be empty"):
            raise InvalidInput("a metric needs a name") from None
        raise InvalidInput(describe_validation(error)) from None


def _option_changes(args: argparse.Namespace) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for option in ("unit", "direction", "cadence", "owner", "team", "description", "watched"):
        value = getattr(args, option, None)
        if value is not None:
            changes[option] = value
    if args.min is not None:
        changes["range_min"] = _number(args.min, "--min")
    if args.max is not None:
        changes["range_max"] = _number(args.max, "--max")
    if getattr(args, "no_min", False):
        changes["range_min"] = None
    if getattr(args, "no_max", False):
        changes["range_max"] = None
    return changes


def cmd_metric_add(args: argparse.Namespace) -> int:
    """`okrtui metric add NAME ...`"""
    metric = _validated_metric({"name": args.name, **_option_changes(args)})
    if any(n.strip().lower() == metric.name.lower() for n in args.companion or []):
        raise InvalidInput("a metric can't be its own companion")
    repo = open_repo(args, create=True)
    companions = _companion_ids(repo, args.companion or [])
    saved = repo.add_metric(metric)
    if companions:
        repo.signals.set_companions(saved.id or 0, companions)
    print(f"added {saved.name}" + ("" if saved.has_range else
          " (no healthy range yet: add --min/--max so it can guide you)"))
    return 0


def cmd_metric_edit(args: argparse.Namespace) -> int:
    """`okrtui metric edit NAME ...`"""
    repo = open_repo(args)
    metric = repo.get_metric(args.name)
    changes = _option_changes(args)
    if args.rename is not None:
        changes["name"] = args.rename
    companions = None if args.companion is None else _companion_ids(repo, args.companion)
    if args.no_companions:
        companions = []
    if not changes and companions is None:
        raise InvalidInput("nothing to change: give at least one option (see --help)")
    saved = metric
    if changes:
        saved = repo.update_metric(_validated_metric({**metric.model_dump(), **changes}))
    if companions is not None:
        repo.signals.set_companions(saved.id or 0, companions)
    print(f"updated {saved.name}")
    return 0


def _companion_ids(repo: Any, names: list[str]) -> list[int]:
    """The ids of the metrics named as companions; an unknown name is an error."""
    return [repo.get_metric(name).id or 0 for name in names]


def cmd_metric_archive(args: argparse.Namespace) -> int:
    """`okrtui metric archive|unarchive NAME`"""
    saved = open_repo(args).set_archived(args.name, args.archived)
    print(("archived " if saved.archived else "restored ") + saved.name)
    return 0


def cmd_metric_list(args: argparse.Namespace) -> int:
    """`okrtui metric list [--all] [--json]`"""
    from okrtui.core.format import format_range, table

    metrics = open_repo(args).list_metrics(include_archived=args.all)
    if args.json:
        print(json.dumps([m.model_dump(exclude={"version"}) for m in metrics],
                         indent=2, ensure_ascii=False))
        return 0
    if not metrics:
        print("no metrics yet: okrtui metric add NAME --min X --max Y")
        return 0
    rows = [
        [m.name, m.unit, f"{m.direction} is better", format_range(m.range_min, m.range_max,
         m.unit), m.cadence, m.owner,
         "archived" if m.archived else ("watched" if m.watched else "not watched")]
        for m in metrics
    ]
    print(table(["NAME", "UNIT", "DIRECTION", "RANGE", "CADENCE", "OWNER", "STATE"], rows,
                set(), width=_terminal_width(), squeeze=0))
    return 0


def cmd_metric_show(args: argparse.Namespace) -> int:
    """`okrtui metric show NAME`: settings, then the latest readings."""
    from okrtui.core.format import format_range, format_value, table

    repo = open_repo(args)
    metric = repo.get_metric(args.name)
    print(f"{metric.name}  ({metric.direction} is better, {metric.cadence})")
    print(f"healthy range: {format_range(metric.range_min, metric.range_max, metric.unit)}")
    for label, value in (("owner", metric.owner), ("team", metric.team),
                         ("about", metric.description)):
        if value:
            print(f"{label}: {value}")
    changed = repo.changed_by("metric", metric.id or 0)
    if changed != "someone else":
        print(f"last set up or changed by {changed}")
    companions = [repo.get_metric_by_id(c).name for c in repo.signals.companion_ids(
        metric.id or 0)]
    if companions:
        print("companions: " + ", ".join(companions))
    chart = repo.signals.chart(metric.id or 0, cli_today())
    print(f"signal: {chart.summary()}" + _limits_text(chart, metric.unit))
    for change in repo.signals.baseline_history(metric.id or 0):
        by = f" by {change.set_by}" if change.set_by else ""
        note = f": {change.note}" if change.note else ""
        print(f"  {change.set_at:%Y-%m-%d}{by}: {change.describe()}{note}")
    history = repo.history(metric.id or 0, limit=max(args.limit, 0))
    rows = [
        [r.at.isoformat(), format_value(r.value, metric.unit), r.author, r.source,
         "superseded" if r.superseded else ("correction" if r.supersedes else ""),
         r.note.replace("\n", " ")]
        for r in history
    ]
    if rows:
        print()
        print(table(["DATE", "VALUE", "BY", "FROM", "", "NOTE"], rows, {1}))
    else:
        print("no readings yet: okrtui record " + _shell_quote(metric.name) + " VALUE")
    return 0


def _limits_text(chart: Any, unit: str) -> str:
    from okrtui.core.format import format_value

    if chart.centre is None:
        return ""
    return (f" (centre {format_value(chart.centre, unit)}, limits "
            f"{format_value(chart.lower, unit)} – {format_value(chart.upper, unit)}, "
            f"from {chart.baseline} readings {chart.baseline_from} – {chart.baseline_to})")


def _terminal_width() -> int | None:
    """Columns of the terminal we print to; None when output goes to a file or pipe."""
    import shutil

    return shutil.get_terminal_size().columns if sys.stdout.isatty() else None


def _shell_quote(text: str) -> str:
    import shlex

    return shlex.quote(text)


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
    from okrtui.cli_signals import signal_json
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
    if args.json:
        print(json.dumps([{**_kpi_json(h), **signal_json(charts[h.metric.id or 0])}
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
                width=_terminal_width(), squeeze=1))
    return 0


def _signal_cell(chart: Any) -> str:
    finding = chart.latest_finding
    return chart.summary() if finding is None else finding.summary()


def _kpi_json(health) -> dict[str, Any]:  # noqa: ANN001
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


def cmd_import(args: argparse.Namespace) -> int:
    """`okrtui import FILE`: all rows land, or none and each bad line is named."""
    from okrtui.store.exchange import import_file

    if args.file == "-":
        name, data = "standard input", sys.stdin.buffer.read()
    else:
        try:
            data = Path(args.file).read_bytes()
        except OSError as error:
            raise InvalidInput(f"cannot read {args.file}: {error.strerror}") from None
        name = args.file
    repo = open_repo(args, create=True)
    print(import_file(repo, name, data, cli_today(), create_missing=args.create_metrics))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """`okrtui export --format json|csv [--out FILE]`"""
    from okrtui.store.exchange import export_csv, export_json

    repo = open_repo(args)
    text = export_json(repo) if args.format == "json" else export_csv(repo)
    if not args.out:
        sys.stdout.write(text)
        return 0
    target = Path(args.out)
    try:
        temporary = target.with_name(f".{target.name}.partial")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(target)  # never leave half a file behind
    except OSError as error:
        raise InvalidInput(f"cannot write {args.out}: {error.strerror}") from None
    print(f"exported to {args.out}", file=sys.stderr)
    return 0
