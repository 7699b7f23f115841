"""`okrtui metric add|edit|list|show|archive|unarchive`: the metrics a team watches.

Imports stay inside handlers so each command loads only what it uses (no
Textual, ever).
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from okrtui.cli.context import cli_today, open_repo, terminal_width
from okrtui.core.errors import InvalidInput, describe_validation, validation_problem


def add_commands(commands: Any, common: argparse.ArgumentParser) -> Any:
    """Register `metric` and its actions; returns them, for `metric baseline`."""
    metric = commands.add_parser("metric", help="add, list, edit and archive metrics (KPIs)")
    metric_commands = metric.add_subparsers(title="metric commands", metavar="ACTION",
                                            required=True)
    add = metric_commands.add_parser("add", parents=[common], help="add a metric to watch")
    add.add_argument("name", help="the metric's name, e.g. \"Revenue churn\"")
    _metric_options(add, editing=False)
    add.set_defaults(handler=cmd_metric_add)
    edit = metric_commands.add_parser("edit", parents=[common], help="change a metric")
    edit.add_argument("name", help="the metric to change")
    edit.add_argument("--rename", metavar="NEW_NAME", help="give the metric a new name")
    _metric_options(edit, editing=True)
    edit.set_defaults(handler=cmd_metric_edit)
    listing = metric_commands.add_parser("list", parents=[common], help="list metrics")
    listing.add_argument("--all", action="store_true", help="include archived metrics")
    listing.add_argument("--json", action="store_true", help="machine-readable output")
    listing.set_defaults(handler=cmd_metric_list)
    show = metric_commands.add_parser("show", parents=[common],
                                      help="a metric's settings and readings")
    show.add_argument("name", help="the metric to show")
    show.add_argument("--limit", type=_count, default=20, help="readings to show (default 20)")
    show.set_defaults(handler=cmd_metric_show)
    for verb, archived, text in (("archive", True, "hide a metric; its history is kept"),
                                 ("unarchive", False, "bring an archived metric back")):
        sub = metric_commands.add_parser(verb, parents=[common], help=text)
        sub.add_argument("name", help="the metric's name")
        sub.set_defaults(handler=cmd_metric_archive, archived=archived)
    return metric_commands


def _count(text: str) -> int:
    """A whole number, zero or more (for --limit)."""
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number ≥ 0")
    return int(text)


def _metric_options(parser: argparse.ArgumentParser, editing: bool) -> None:
    parser.add_argument("--unit", help="unit shown after values: %%, ms, users, $ ...")
    direction = parser.add_mutually_exclusive_group()
    direction.add_argument("--lower-is-better", dest="direction", action="store_const",
                           const="lower", help="smaller values are better (churn, latency)")
    direction.add_argument("--higher-is-better", dest="direction", action="store_const",
                           const="higher", help="larger values are better (the default)")
    parser.add_argument("--min", metavar="X", help="healthy range: lowest healthy value")
    parser.add_argument("--max", metavar="Y", help="healthy range: highest healthy value")
    parser.add_argument("--cadence", choices=("weekly", "monthly"),
                        help="how often it is reviewed (default weekly)")
    parser.add_argument("--owner", metavar="WHO", help="who looks after it")
    parser.add_argument("--team", help="the team it belongs to")
    parser.add_argument("--description", metavar="TEXT", help="what it measures, and how")
    watch = parser.add_mutually_exclusive_group()
    watch.add_argument("--unwatched", dest="watched", action="store_false", default=None,
                       help="keep its readings but leave it off the KPI pane")
    watch.add_argument("--watched", dest="watched", action="store_true", default=None,
                       help="show it on the KPI pane (the default)")
    parser.add_argument("--companion", metavar="METRIC", action="append",
                        help="a metric that shows when pushing this one breaks something "
                        "(e.g. repeat contacts for tickets closed); repeatable, replaces the list")
    if editing:
        parser.add_argument("--no-companions", action="store_true",
                            help="remove every companion")
        parser.add_argument("--no-min", action="store_true", help="remove the lower bound")
        parser.add_argument("--no-max", action="store_true", help="remove the upper bound")


def _number(text: str | None, field: str) -> float | None:
    from okrtui.core.parse import parse_optional_number

    return parse_optional_number(text, field)


def _validated_metric(data: dict[str, Any]) -> Any:
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
                set(), width=terminal_width(), squeeze=(0, 5)))
    return 0


def cmd_metric_show(args: argparse.Namespace) -> int:
    """`okrtui metric show NAME`: settings, then the latest readings."""
    import shlex

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
        print("no readings yet: okrtui record " + shlex.quote(metric.name) + " VALUE")
    return 0


def _limits_text(chart: Any, unit: str) -> str:
    from okrtui.core.format import format_value

    if chart.centre is None:
        return ""
    return (f" (centre {format_value(chart.centre, unit)}, limits "
            f"{format_value(chart.lower, unit)} – {format_value(chart.upper, unit)}, "
            f"from {chart.baseline} readings {chart.baseline_from} – {chart.baseline_to})")
