"""The `okrtui` command: no arguments opens the TUI; subcommands serve scripts.

Script paths never import Textual, so `okrtui record` from cron stays fast.
Exit codes: 0 ok, 1 a user error (one clear line on stderr), 2 bad usage.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from okrtui import __version__
from okrtui.core.errors import InvalidInput, OkrtuiError

Handler = Callable[[argparse.Namespace], int]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = getattr(args, "handler", run_tui)
    try:
        return handler(args)
    except OkrtuiError as error:
        print(f"okrtui: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `okrtui kpis | head`: the reader left; say nothing more.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


# -- parser ----------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, with help for every command."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db", metavar="PATH", default=argparse.SUPPRESS,
        help="database file (default: $OKRTUI_DB, else the per-user data directory)",
    )
    common.add_argument(
        "--demo", action="store_true", default=argparse.SUPPRESS,
        help="use a fresh demo database in a temporary place (your data is not touched)",
    )
    parser = argparse.ArgumentParser(
        prog="okrtui", parents=[common],
        description="KPIs, this quarter's OKRs and a review journal, in the terminal. "
        "Without a command, opens the dashboard.",
        epilog="Environment: OKRTUI_DB (database path), OKRTUI_TODAY (pin today, YYYY-MM-DD).",
    )
    parser.add_argument("--version", action="version", version=f"okrtui {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

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

    imp = commands.add_parser(
        "import", parents=[common],
        help="import readings from CSV (metric,at,value[,note]) or an okrtui JSON export",
    )
    imp.add_argument("file", help="a .csv or .json file, or - for standard input")
    imp.add_argument("--create-metrics", action="store_true",
                     help="create metrics the CSV names but the database lacks")
    imp.set_defaults(handler=cmd_import)

    from okrtui.cli_okr import add_commands as add_okr_commands

    add_okr_commands(commands, common)
    from okrtui.cli_quarter import add_commands as add_quarter_commands

    add_quarter_commands(commands, common)

    exp = commands.add_parser("export", parents=[common], help="export data as JSON or CSV")
    exp.add_argument("--format", choices=("json", "csv"), default="json",
                     help="json: everything, corrections included (re-importable); "
                     "csv: the current reading of each metric and date (default json)")
    exp.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")
    exp.set_defaults(handler=cmd_export)
    return parser


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
    if editing:
        parser.add_argument("--no-min", action="store_true", help="remove the lower bound")
        parser.add_argument("--no-max", action="store_true", help="remove the upper bound")


# -- context ---------------------------------------------------------------


def _today():  # noqa: ANN202 - tiny indirection so every command reads "today" the same way
    from okrtui.config import today

    return today()


def open_repo(args: argparse.Namespace, create: bool = False):  # noqa: ANN201
    """The repository for the database the arguments and environment choose.

    Only commands that add data (and the dashboard) may create the file, and
    a folder is made only for the default location.
    """
    import os as _os

    from okrtui.config import DB_ENV, current_user, resolve_db_path
    from okrtui.store.database import open_database
    from okrtui.store.repository import Repository

    if getattr(args, "demo", False):
        return Repository(open_database(_demo_database()), current_user())
    chosen = getattr(args, "db", None) or _os.environ.get(DB_ENV)
    path = resolve_db_path(chosen)
    return Repository(open_database(path, create=create, make_dirs=not chosen), current_user())


def _demo_database() -> Path:
    """A fresh demo database in a temporary directory removed when okrtui exits."""
    import atexit
    import shutil
    import tempfile

    from okrtui.config import current_user
    from okrtui.demo import build_demo
    from okrtui.store.database import open_database
    from okrtui.store.repository import Repository

    folder = Path(tempfile.mkdtemp(prefix="okrtui-demo-"))
    atexit.register(shutil.rmtree, folder, True)
    path = folder / "demo.db"
    db = open_database(path)
    build_demo(Repository(db, current_user()), _today())
    db.close()
    return path


# -- commands --------------------------------------------------------------


def _number(text: str | None, field: str) -> float | None:
    from okrtui.core.parse import parse_optional_number

    return parse_optional_number(text, field)


def _validated_metric(data: dict[str, Any]):  # noqa: ANN202
    from pydantic import ValidationError

    from okrtui.core.models import Metric

    try:
        return Metric.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        message = first["msg"].removeprefix("Value error, ")
        if field == "name" and first["type"] == "string_too_short":
            raise InvalidInput("a metric needs a name") from None
        raise InvalidInput(f"{field}: {message}" if field else message) from None


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
    repo = open_repo(args, create=True)
    saved = repo.add_metric(metric)
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
    if not changes:
        raise InvalidInput("nothing to change: give at least one option (see --help)")
    edited = _validated_metric({**metric.model_dump(), **changes})
    saved = repo.update_metric(edited)
    print(f"updated {saved.name}")
    return 0


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

    today = _today()
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

    today = _today()
    overview = open_repo(args).kpi_overview(today)
    if args.json:
        print(json.dumps([_kpi_json(h) for h in overview], indent=2, ensure_ascii=False))
        return 0
    if not overview:
        print("no KPIs yet: okrtui metric add NAME --min X --max Y  (or try okrtui --demo)")
        return 0
    rows = [
        [STATUS_LABEL[h.status],
         h.metric.name + (f" → KR {h.key_result_id}" if h.key_result_id else ""),
         format_value(h.latest.value if h.latest else None, h.metric.unit),
         format_change(h.change), format_range(h.metric.range_min, h.metric.range_max,
                                               h.metric.unit),
         sparkline(h.recent, 8), h.latest.at.isoformat() if h.latest else ""]
        for h in overview
    ]
    print(table(["STATUS", "KPI", "VALUE", "CHANGE", "RANGE", "TREND", "AS OF"], rows, {2, 3},
                width=_terminal_width(), squeeze=1))
    return 0


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
    print(import_file(repo, name, data, _today(), create_missing=args.create_metrics))
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


def run_tui(args: argparse.Namespace) -> int:
    """Open the dashboard, if there is a terminal to draw it on."""
    term = os.environ.get("TERM", "")
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        why = "standard input and output must be a terminal"
    elif term in ("", "dumb"):
        why = f"TERM is {term or 'unset'}, which cannot draw it"
    else:
        why = ""
    if why:
        raise OkrtuiError(
            f"the dashboard needs an interactive terminal ({why}); for scripts use the "
            "commands: okrtui kpis, okrtui record, okrtui --help"
        )
    repo = open_repo(args, create=True)
    from okrtui.tui.app import OkrApp

    app = OkrApp(repo=repo, today=_today())
    app.run()
    return app.return_code or 0
