"""`okrtui config path|show|actions`: the settings file, where it is and what it says."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

ActionTable = Callable[[], list[tuple[str, str, str]]]
"""(id, keys, what it does) for each dashboard action; given by the program (`entry.py`)."""
ThemeNames = Callable[[], list[str]]
"""The dashboard's theme names; given by the program (`entry.py`)."""

EXAMPLE = '''\
# okrtui settings (TOML). Every line is optional.
database = "~/okrs/team.db"   # used when neither --db nor OKRTUI_DB is given
theme = "nord"                # a Textual theme; one picked in the palette is kept here
week_starts = "monday"        # the first day of a review week
ascii = false                 # true: plain ASCII for box lines and symbols (OKRTUI_ASCII)

[keys]                        # action id = key(s); `okrtui config actions` lists the ids
check-in = "C"
record-reading = "R,ctrl+r"
'''


def add_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Register `okrtui config` and its actions."""
    config = commands.add_parser("config", help="the settings file: its path, what it says")
    actions = config.add_subparsers(title="config commands", metavar="ACTION", required=True)
    path = actions.add_parser("path", help="where the settings file is (OKRTUI_CONFIG "
                              "chooses another)")
    path.set_defaults(handler=cmd_path)
    show = actions.add_parser("show", help="the settings in effect, and any that cannot be "
                              "used, with their line")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(handler=cmd_show)
    listing = actions.add_parser("actions", help="the action ids a [keys] table can rebind")
    listing.set_defaults(handler=cmd_actions)
    example = actions.add_parser("example", help="print an example settings file")
    example.set_defaults(handler=cmd_example)


def cmd_example(args: argparse.Namespace) -> int:
    """`okrtui config example`"""
    print(EXAMPLE, end="")
    return 0


def cmd_path(args: argparse.Namespace) -> int:
    """`okrtui config path`"""
    from okrtui.settings import config_path

    path = config_path()
    print(path)
    if not path.exists():
        print("(no file there yet: okrtui runs on its defaults; `okrtui config example` "
              "prints one to start from)", file=sys.stderr)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    """`okrtui config show [--json]`: exit 1 when a setting cannot be used."""
    from okrtui.settings import DAYS, load_settings

    settings = load_settings()
    problems = [*settings.problems, *_dashboard_problems(args, settings)]
    if args.json:
        print(json.dumps({
            "path": str(settings.path), "exists": bool(settings.path and settings.path.exists()),
            "database": settings.database, "theme": settings.theme,
            "week_starts": DAYS[settings.week_starts], "ascii": settings.ascii,
            "keys": settings.keys,
            "problems": [{"line": p.line, "message": p.message} for p in problems],
        }, indent=2, ensure_ascii=False))
        return 1 if problems else 0
    print(f"settings file: {settings.path}"
          + ("" if settings.path and settings.path.exists() else " (none: defaults)"))
    print(f"database:      {settings.database or '(default: --db, OKRTUI_DB or the data dir)'}")
    print(f"theme:         {settings.theme or '(default)'}")
    print(f"week_starts:   {DAYS[settings.week_starts]}")
    print(f"ascii:         {'true' if settings.ascii else 'false'}")
    for action, keys in settings.keys.items():
        print(f"keys.{action} = {keys}")
    report_problems(settings, problems)
    return 1 if problems else 0


def report_problems(settings: Any, problems: Sequence[Any]) -> None:
    """Each setting that cannot be used, on stderr, with its line."""
    for problem in problems:
        print(f"okrtui: settings {settings.path}: {problem}; the default is used",
              file=sys.stderr)


def _dashboard_problems(args: argparse.Namespace, settings: Any) -> list[Any]:
    from okrtui.settings import Problem, unknown_action, unknown_theme

    problems: list[Problem | None] = []
    table: ActionTable | None = getattr(args, "action_table", None)
    if table is not None:
        known = [action_id for action_id, _, _ in table()]
        # Named by the entry as well: a list on stderr has the room.
        problems += [Problem(p.line, f"keys.{a}: {p.message}") for a in settings.keys
                     if (p := unknown_action(settings, a, known)) is not None]
    themes: ThemeNames | None = getattr(args, "theme_names", None)
    if themes is not None:
        problems.append(unknown_theme(settings, themes()))
    return [p for p in problems if p is not None]


def cmd_actions(args: argparse.Namespace) -> int:
    """`okrtui config actions`: id, default keys, what it does."""
    table: ActionTable | None = getattr(args, "action_table", None)
    if table is None:
        print("okrtui: the list of actions comes with the dashboard, which this "
              "installation lacks", file=sys.stderr)
        return 1
    rows = table()
    width = max(len(r[0]) for r in rows)
    keys_width = max(len(r[1]) for r in rows)
    for action_id, keys, what in rows:
        print(f"{action_id:<{width}}  {keys:<{keys_width}}  {what}")
    return 0
