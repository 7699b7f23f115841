"""The whole command line: one parser built from each command group, and `main`.

Script paths never import Textual, so `okrtui record` from cron stays fast.
Exit codes: 0 ok, 1 a user error (one clear line on stderr), 2 bad usage.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from okrtui import __version__
from okrtui.cli import (
    admin,
    calibration,
    config,
    cycle,
    due,
    exchange,
    journal,
    kpi,
    metric,
    okr,
    plan,
    pull,
    quarter,
    signals,
    sources,
    trend,
)
from okrtui.cli.config import ActionTable, ThemeNames
from okrtui.cli.context import Handler
from okrtui.core.errors import OkrtuiError


def main(argv: Sequence[str] | None = None, dashboard: Handler | None = None,
         action_table: ActionTable | None = None, theme_names: ThemeNames | None = None) -> int:
    """Run the command line; returns the exit code.

    `dashboard` runs when no command is given (the `okrtui` program passes one
    that opens the TUI); without it, a command is required. `action_table`
    and `theme_names` list the dashboard's actions and themes, for `okrtui config`.
    """
    from okrtui.core.text import no_surrogates

    parser = build_parser()
    # Arguments that were not UTF-8 arrive with lone surrogates: make them text.
    args = parser.parse_args([no_surrogates(a) for a in (sys.argv[1:] if argv is None
                                                         else argv)])
    handler: Handler | None = getattr(args, "handler", None) or dashboard
    if handler is None:
        parser.error("a command is needed (see okrtui --help)")
    args.action_table, args.theme_names = action_table, theme_names
    if handler is not dashboard and getattr(args, "handler", None) is not config.cmd_show:
        _report_settings()
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


def _report_settings() -> None:
    """Settings that cannot be used, on stderr (the dashboard says so on its screen)."""
    from okrtui.settings import load_settings

    settings = load_settings()
    config.report_problems(settings, settings.problems)


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, with help for every command."""
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
        epilog="Environment: OKRTUI_DB (database path), OKRTUI_TODAY (pin today, YYYY-MM-DD), "
        "OKRTUI_USER (record changes for this name instead of your account's).",
    )
    parser.add_argument("--version", action="version", version=f"okrtui {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    # `--help` lists the commands in the order they are added here.
    metric_commands = metric.add_commands(commands, common)
    signals.add_commands(commands, metric_commands, common)
    kpi.add_commands(commands, common)
    trend.add_commands(commands, common)
    exchange.add_import_command(commands, common)
    okr.add_commands(commands, common)
    quarter.add_commands(commands, common)
    cycle.add_commands(commands, common)
    due.add_commands(commands, common)
    calibration.add_commands(commands, common)
    sources.add_commands(commands, common)
    plan.add_commands(commands, common)
    pull.add_commands(commands, common)
    journal.add_commands(commands, common)
    admin.add_commands(commands, common)
    config.add_commands(commands, common)
    exchange.add_export_command(commands, common)
    return parser
