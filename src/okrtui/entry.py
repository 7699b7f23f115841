"""The `okrtui` program: a subcommand for scripts, or, without one, the dashboard.

The one module that knows both shells, so neither imports the other: the
command line (`okrtui.cli`) parses the arguments and runs a subcommand; when
none is given it calls `open_dashboard`, which imports Textual only then, so
`okrtui record` from cron stays fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from okrtui.cli import main as cli_main
from okrtui.cli.context import cli_today, open_repo
from okrtui.core.errors import OkrtuiError


def main(argv: Sequence[str] | None = None) -> int:
    """Run `okrtui ARGS...`; returns the exit code."""
    return cli_main(argv, dashboard=open_dashboard, action_table=action_table,
                    theme_names=theme_names)


def action_table() -> list[tuple[str, str, str]]:
    """The dashboard's actions (id, keys, what each does), for `okrtui config`."""
    from okrtui.tui.actions import ACTIONS

    return [(a.id, a.key_display or a.keys, a.description) for a in ACTIONS]


def theme_names() -> list[str]:
    """The dashboard's themes (Textual's own), for `okrtui config`."""
    from textual.theme import BUILTIN_THEMES

    return list(BUILTIN_THEMES)


def open_dashboard(args: argparse.Namespace) -> int:
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
    from okrtui.settings import load_settings
    from okrtui.tui.app import OkrApp

    app = OkrApp(repo=repo, today=cli_today(), settings=load_settings())
    try:
        app.run()
    finally:
        repo.close()  # the last close folds the WAL back into the one file
    return app.return_code or 0
