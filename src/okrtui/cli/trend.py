"""`okrtui trend [METRIC…] [--format markdown|json]`: each KPI's last 6 weeks and 12
months, week over week and year over year, for the weekly business review."""

from __future__ import annotations

import argparse
import json
from typing import Any

from okrtui.cli.context import cli_today, open_repo

FORMATS = ("table", "markdown", "json")


def add_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Register `okrtui trend`."""
    trend = commands.add_parser(
        "trend", parents=[common], help="KPIs' last 6 weeks and 12 months, WoW and YoY",
        description="For each KPI named (every watched KPI without one): its latest "
        "reading of each of the last 6 weeks and 12 months (a week or month without one "
        "is a gap), this week against last week and against the same week a year ago, "
        "its healthy range and its XmR limits.")
    trend.add_argument("metric", nargs="*", metavar="METRIC", help="a KPI's name")
    trend.add_argument("--format", choices=FORMATS, default="table",
                       help="table (default, 80 columns), markdown (for a review "
                       "document) or json")
    trend.set_defaults(handler=cmd_trend)


def cmd_trend(args: argparse.Namespace) -> int:
    """`okrtui trend`"""
    from okrtui.core.trailing_text import as_json, markdown, plain
    from okrtui.settings import load_settings
    from okrtui.trailing_now import trailing_now

    today = cli_today()
    repo = open_repo(args)
    # An unknown name stops here, before anything is printed.
    metrics = ([repo.get_metric(name) for name in args.metric] if args.metric
               else [m for m in repo.list_metrics() if m.watched])
    first = load_settings().week_starts
    views = [(m, trailing_now(repo, m, today, first)) for m in metrics]
    if args.format == "json":
        print(json.dumps({"today": today.isoformat(), "kpis": [
            {"metric": m.name, "unit": m.unit, **as_json(v)} for m, v in views]},
            indent=2, ensure_ascii=False))
    elif args.format == "markdown":
        print("\n".join(markdown(m.name, v, m.unit) for m, v in views), end="")
    elif not views:
        print("no watched KPIs")
    else:
        print("\n\n".join(f"{m.name}\n{plain(v, m.unit)}" for m, v in views))
    return 0
