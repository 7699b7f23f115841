"""`okrtui import` and `okrtui export`: readings from CSV or JSON, everything out again.

An import lands whole or not at all; an export never leaves half a file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from okrtui.cli.context import cli_today, open_repo, write_whole
from okrtui.core.errors import InvalidInput


def add_import_command(commands: Any, common: argparse.ArgumentParser) -> None:
    """Register `import`."""
    imp = commands.add_parser(
        "import", parents=[common],
        help="import readings from CSV (metric,at,value[,note]), an OKR spreadsheet saved "
        "as CSV (cycle,objective,key_result,target,...), or an okrtui JSON export",
    )
    imp.add_argument("file", help="a .csv or .json file, or - for standard input")
    imp.add_argument("--create-metrics", action="store_true",
                     help="create metrics a readings CSV names but the database lacks")
    imp.add_argument("--skip-unplaceable", action="store_true",
                     help="an OKR sheet's rows that cannot be placed (a value without a date, "
                     "an unknown cycle) are left out and listed; the rest is imported")
    imp.set_defaults(handler=cmd_import)


def add_export_command(commands: Any, common: argparse.ArgumentParser) -> None:
    """Register `export` (last in `--help`, after the admin commands)."""
    exp = commands.add_parser("export", parents=[common], help="export data as JSON or CSV")
    exp.add_argument("--format", choices=("json", "csv"), default="json",
                     help="json: everything, corrections included (re-importable); "
                     "csv: the current reading of each metric and date (default json)")
    exp.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")
    exp.set_defaults(handler=cmd_export)


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
    print(import_file(repo, name, data, cli_today(), create_missing=args.create_metrics,
                      skip_unplaceable=args.skip_unplaceable))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """`okrtui export --format json|csv [--out FILE]`"""
    from okrtui.store.exchange import export_csv, export_json

    repo = open_repo(args)
    text = export_json(repo) if args.format == "json" else export_csv(repo)
    if not args.out:
        sys.stdout.write(text)
        return 0
    write_whole(Path(args.out), text, args.out)
    print(f"exported to {args.out}", file=sys.stderr)
    return 0
