"""The `okrtui` command: no arguments opens the TUI; subcommands serve scripts.

Script paths never import Textual, so `okrtui record` from cron stays fast.
Exit codes: 0 ok, 1 a user error (one clear line on stderr), 2 bad usage.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from okrtui import __version__
from okrtui.core.errors import OkrtuiError

Handler = Callable[[argparse.Namespace], int]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    from okrtui.core.text import no_surrogates

    parser = build_parser()
    # Arguments that were not UTF-8 arrive with lone surrogates: make them text.
    args = parser.parse_args([no_surrogates(a) for a in (sys.argv[1:] if argv is None
                                                         else argv)])
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
    from okrtui.cli_kpi import (
        cmd_export,
        cmd_import,
        cmd_kpis,
        cmd_metric_add,
        cmd_metric_archive,
        cmd_metric_edit,
        cmd_metric_list,
        cmd_metric_show,
        cmd_record,
    )

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db", metavar="PATH", default=argparse.SUPPRESS,
        help="database file (default: $OKRTUI_DB, else the per-user data directory)",
    )
    common.add_argument(
        "--read-only", action="store_true", default=argparse.SUPPRESS,
        help="look without changing anything (a file you cannot write opens this way)",
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

    from okrtui.cli_signals import add_commands as add_signal_commands

    add_signal_commands(commands, metric_commands, common)

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

    from okrtui.cli_journal import add_commands as add_journal_commands

    add_journal_commands(commands, common)
    from okrtui.cli_admin import add_commands as add_admin_commands

    add_admin_commands(commands, common)

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
    parser.add_argument("--companion", metavar="METRIC", action="append",
                        help="a metric that shows when pushing this one breaks something "
                        "(e.g. repeat contacts for tickets closed); repeatable, replaces the list")
    if editing:
        parser.add_argument("--no-companions", action="store_true",
                            help="remove every companion")
        parser.add_argument("--no-min", action="store_true", help="remove the lower bound")
        parser.add_argument("--no-max", action="store_true", help="remove the upper bound")


# -- context ---------------------------------------------------------------


def cli_today():  # noqa: ANN202 - tiny indirection so every command reads "today" the same way
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
    read_only = bool(getattr(args, "read_only", False))
    return Repository(open_database(path, create=create and not read_only,
                                    make_dirs=not chosen, read_only=read_only), current_user())


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
    build_demo(Repository(db, current_user()), cli_today())
    db.close()
    return path


# -- commands --------------------------------------------------------------


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

    app = OkrApp(repo=repo, today=cli_today())
    try:
        app.run()
    finally:
        repo.close()  # the last close folds the WAL back into the one file
    return app.return_code or 0
