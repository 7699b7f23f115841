"""`okrtui init --shared`, `okrtui check`, `okrtui backup`: running a team's database."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def add_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Register the admin commands."""
    init = commands.add_parser(
        "init", help="create a database (--shared: for a team on this host)",
        description="Create an empty okrtui database. With --shared and --group, the file "
        "and its folder belong to the group and no one else: the folder gets the setgid bit "
        "so the -wal and -shm files SQLite creates also belong to the group.")
    init.add_argument("path", help="the database file to create, e.g. /srv/okr/team.db")
    init.add_argument("--shared", action="store_true", help="usable by a group of people")
    init.add_argument("--group", metavar="GROUP", help="the Unix group sharing it (--shared)")
    init.set_defaults(handler=cmd_init)

    check = commands.add_parser(
        "check", parents=[common], help="check the database's integrity and schema version, "
        "and that every check-in's day is one its key result takes (changes nothing)")
    check.set_defaults(handler=cmd_check)

    backup = commands.add_parser(
        "backup", parents=[common], help="copy the database consistently, even while others "
        "write, then check the copy")
    backup.add_argument("target", help="the new file to write (must not exist)")
    backup.set_defaults(handler=cmd_backup)


def cmd_init(args: argparse.Namespace) -> int:
    """`okrtui init PATH [--shared --group GROUP]`"""
    from okrtui.core.errors import InvalidInput
    from okrtui.store.database import open_database
    from okrtui.store.maintenance import describe_mode, init_shared

    path = Path(args.path)
    if args.shared != bool(args.group):
        raise InvalidInput("--shared and --group go together: okrtui init PATH --shared "
                           "--group TEAM")
    if args.shared:
        made = init_shared(path, args.group)
        print(f"created {made} ({describe_mode(made)}); its folder {made.parent} "
              f"({describe_mode(made.parent)}).")
        print(f"Members of {args.group} can now run: okrtui --db {made}  (or put "
              f"`export OKRTUI_DB={made}` in their shell profile)")
        return 0
    if path.exists():
        raise InvalidInput(f"{path} already exists")
    open_database(path, make_dirs=False).close()
    print(f"created {path} ({describe_mode(path)}): private to you")
    return 0


def _db_path(args: argparse.Namespace) -> Path:
    from okrtui.config import resolve_db_path

    return resolve_db_path(getattr(args, "db", None))


def cmd_check(args: argparse.Namespace) -> int:
    """`okrtui check`: 0 when healthy, 1 otherwise."""
    from okrtui.cli.context import cli_today
    from okrtui.store.maintenance import check_database

    report = check_database(_db_path(args), cli_today())
    for note in report.notes:
        print(note)
    for problem in report.problems:
        print(f"PROBLEM: {problem}", file=sys.stderr)
    print(f"{report.path}: " + ("ok" if report.ok else f"{len(report.problems)} problem(s)"))
    return 0 if report.ok else 1


def cmd_backup(args: argparse.Namespace) -> int:
    """`okrtui backup TARGET`"""
    from okrtui.store.maintenance import backup_database

    source = _db_path(args)
    report = backup_database(source, Path(args.target))
    print(f"backed up {source} to {report.path}: " + ("the copy checks ok" if report.ok
                                                     else "the copy has problems"))
    return 0 if report.ok else 1
