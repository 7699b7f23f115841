"""`okrtui cycle list|add|fiscal-year`: the OKR cycles a database plans in.

Calendar quarters (2026-Q4) need nothing. A team on a fiscal year makes the
database's quarters fiscal; a team on release cycles adds each as a named
cycle. Every command that takes `--quarter` (and `quarter close|export`)
takes any of these names.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from okrtui.cli.context import cli_today, open_repo

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def add_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Register `okrtui cycle` and its actions."""
    cycle = commands.add_parser("cycle", help="list, add or make fiscal the OKR cycles")
    actions = cycle.add_subparsers(title="cycle commands", metavar="ACTION", required=True)

    listing = actions.add_parser("list", parents=[common],
                                 help="the cycles with their dates and state")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=cmd_list)

    add = actions.add_parser("add", parents=[common],
                             help="add a named cycle of any length (a release, a half-year)")
    add.add_argument("name", help="e.g. release-3.2 (letters, digits, spaces, . _ - + /)")
    add.add_argument("--from", dest="start", required=True, metavar="DATE",
                     help="its first day, YYYY-MM-DD")
    add.add_argument("--to", dest="end", required=True, metavar="DATE",
                     help="its last day, YYYY-MM-DD")
    add.set_defaults(handler=cmd_add)

    fiscal = actions.add_parser(
        "fiscal-year", parents=[common],
        help="make quarters fiscal: the year starts in MONTH (1 = calendar quarters)",
        description="Quarters become FYyy-QN, named for the year the fiscal year ends: with "
        "MONTH 2, FY23-Q2 runs 2022-05-01 to 2022-07-31. Cycles already in use keep the "
        "dates they have.")
    fiscal.add_argument("month", help="1 to 12, or a month's name (February, feb)")
    fiscal.set_defaults(handler=cmd_fiscal_year)


def cmd_list(args: argparse.Namespace) -> int:
    """`okrtui cycle list [--json]`"""
    repo = open_repo(args)
    today = cli_today()
    known = repo.cycles.calendar()
    current = known.current(today)
    listing = repo.cycles.listing(today)
    if args.json:
        print(json.dumps({
            "fiscal_year_first_month": known.first_month,
            "cycles": [{"name": i.cycle.name, "start": i.cycle.start.isoformat(),
                        "end": i.cycle.end.isoformat(), "kind": i.kind,
                        "state": _state(i.closed, i.cycle, today),
                        "objectives": i.objectives, "current": i.cycle == current}
                       for i in listing]}, indent=2, ensure_ascii=False))
        return 0
    if known.fiscal:
        print(f"Quarters are fiscal: the year starts in {MONTHS[known.first_month - 1]}.")
    width = max((len(i.cycle.name) for i in listing), default=5)
    for info in listing:
        mark = "▸" if info.cycle == current else " "
        print(f"{mark} {info.cycle.name:<{width}}  {info.cycle.start} to {info.cycle.end}  "
              f"{info.kind:<14}  {_state(info.closed, info.cycle, today):<7}  "
              f"{info.objectives} objective(s)")
    return 0


def _state(closed: bool, cycle: Any, today: Any) -> str:
    if closed:
        return "closed"
    if today < cycle.start:
        return "ahead"
    return "open" if today <= cycle.end else "ended"


def cmd_add(args: argparse.Namespace) -> int:
    """`okrtui cycle add NAME --from D --to D`"""
    from okrtui.core.parse import parse_date

    today = cli_today()
    start = parse_date(args.start, today, "from")
    end = parse_date(args.end, today, "to")
    added = open_repo(args, create=True).cycles.add(args.name, start, end)
    print(f"added cycle {added.name}: {added.start} to {added.end} ({added.days} days); "
          f"plan in it with --quarter {_quoted(added.name)}")
    return 0


def _quoted(name: str) -> str:
    return f"'{name}'" if " " in name else name


def cmd_fiscal_year(args: argparse.Namespace) -> int:
    """`okrtui cycle fiscal-year MONTH`"""
    from okrtui.core.errors import InvalidInput

    month = _month(args.month)
    if month is None:
        raise InvalidInput(f"{args.month!r} is not a month (1 to 12, or a name such as "
                           "February)", "month")
    repo = open_repo(args, create=True)
    kept = repo.cycles.set_first_month(month)
    current = repo.cycles.calendar().current(cli_today())
    if month == 1:
        print(f"Quarters are calendar quarters again; this one is {current.name} "
              f"({current.start} to {current.end}).")
    else:
        print(f"Quarters are fiscal, the year starting in {MONTHS[month - 1]}: this one is "
              f"{current.name} ({current.start} to {current.end}).")
    if kept:
        names = ", ".join(c.name for c in kept)
        print(f"Kept with their dates, as cycles in use: {names}.")
    return 0


def _month(text: str) -> int | None:
    raw = text.strip()
    if raw.isdigit():
        number = int(raw)
        return number if 1 <= number <= 12 else None
    found = [i for i, name in enumerate(MONTHS, start=1)
             if len(raw) >= 3 and name.lower().startswith(raw.lower())]
    return found[0] if len(found) == 1 else None
