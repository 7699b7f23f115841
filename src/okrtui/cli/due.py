"""`okrtui due [--owner WHO] [--json]`: who owes the review what; exit 1 when anything is
due, so that `okrtui due --owner maria || mail …` is a reminder from cron."""

from __future__ import annotations

import argparse
import json
from typing import Any

from okrtui.cli.context import cli_today, open_repo


def add_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Register `okrtui due`."""
    due = commands.add_parser(
        "due", parents=[common], help="by owner: KPIs, key results, next tests and sources due",
        description="By owner: KPIs with no reading within their cadence, key results of "
        "today's cycle not checked in this week, next tests still open, failing KPI "
        "sources. Exit 0 when nothing is due, 1 when something is (for cron: "
        "okrtui due --owner maria || mail …).")
    due.add_argument("--owner", metavar="WHO", help="only what this person owns")
    due.add_argument("--json", action="store_true", help="print JSON")
    due.set_defaults(handler=cmd_due)


def cmd_due(args: argparse.Namespace) -> int:
    """`okrtui due`"""
    from okrtui.core.due import by_owner
    from okrtui.due_now import due_now
    from okrtui.settings import load_settings

    repo = open_repo(args)
    week, cycle, items = due_now(repo, cli_today(), load_settings().week_starts, args.owner)
    groups = by_owner(items)
    if args.json:
        print(json.dumps({"week": week.isoformat(), "cycle": cycle, "due": {
            owner: [{"kind": i.kind, "id": i.item_id, "name": i.name, "why": i.why}
                    for i in owned] for owner, owned in groups.items()}},
            indent=2, ensure_ascii=False))
        return 1 if items else 0
    if not items:
        who = f" for {args.owner.strip()}" if args.owner else ""
        print(f"nothing due{who} in the week of {week.isoformat()}")
        return 0
    for owner, owned in groups.items():
        print(f"{owner}: {len(owned)} due")
        for item in owned:
            print(f"  {item.kind:<10} {item.name}: {item.why}")
    return 1
