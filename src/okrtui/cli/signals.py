"""`okrtui metric baseline` and `okrtui lint`: noise or signal, and the plan's hygiene.

Handlers and their parsers; no Textual here, and imports stay inside handlers.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from okrtui.cli.context import CYCLE_HELP, cli_today, open_repo, pick_quarter
from okrtui.core.errors import InvalidInput, OkrtuiError
from okrtui.core.hygiene import RULES
from okrtui.core.signals import Verdict


def add_commands(commands: Any, metric_commands: Any, common: argparse.ArgumentParser) -> None:
    """Register `metric baseline` and `lint`."""
    baseline = metric_commands.add_parser(
        "baseline", parents=[common],
        help="choose the readings a KPI's noise limits come from (after a confirmed shift)",
        description="Natural process limits come from a baseline: by default the first 20 "
        "readings. After a confirmed shift, start a new baseline at the shift so the "
        "limits describe the process as it is now. Every change is kept in the history "
        "(okrtui metric show).")
    baseline.add_argument("name", help="the metric")
    when = baseline.add_mutually_exclusive_group(required=True)
    when.add_argument("--from", dest="start", metavar="DATE",
                      help="the first reading of the new baseline (YYYY-MM-DD)")
    when.add_argument("--reset", action="store_true",
                      help="back to the default: the first 20 readings")
    baseline.add_argument("--to", dest="end", metavar="DATE",
                          help="the last reading of the baseline (default: 20 readings)")
    baseline.add_argument("--note", default="", help="why: what changed in the process")
    baseline.set_defaults(handler=cmd_metric_baseline)

    lint = commands.add_parser(
        "lint", parents=[common],
        help="check the plan against the rules of KPIs and OKRs",
        description="Finds where a quarter's plan breaks the domain's rules: too many KPIs, "
        "objectives or key results; objectives without key results or that say "
        "'maintain'; key results without an owner, that read like tasks, that were "
        "carried over two quarters running, that lack a guardrail their metric's "
        "companion offers, or whose target lies within the metric's natural process limits; "
        "KPIs without a healthy range. Each finding cites its rule: "
        + "; ".join(f"{n} {text}" for n, text in RULES.items())
        + ". Exit status: 0 clean, 1 findings, 2 could not check.")
    lint.add_argument("--quarter", metavar="Q", help=CYCLE_HELP)
    lint.add_argument("--json", action="store_true", help="machine-readable output")
    lint.set_defaults(handler=cmd_lint)


def cmd_metric_baseline(args: argparse.Namespace) -> int:
    """`okrtui metric baseline NAME --from DATE [--to DATE] | --reset`"""
    from okrtui.core.parse import parse_date

    today = cli_today()
    if args.reset and args.end:
        raise InvalidInput("--to goes with --from, not with --reset")
    start = None if args.reset else parse_date(args.start, today, "--from")
    end = parse_date(args.end, today, "--to") if args.end else None
    repo = open_repo(args)
    metric = repo.get_metric(args.name)
    change = repo.signals.set_baseline(metric.id or 0, start, end, today=today, note=args.note)
    chart = repo.signals.chart(metric.id or 0, today)
    print(f"{metric.name}: {change.describe()}; now {chart.summary()}")
    if chart.verdict is Verdict.TOO_FEW:
        print(f"note: only {chart.baseline} reading(s) in this baseline so far; the limits "
              "come back once there are 6", file=sys.stderr)
    return 0


def cmd_lint(args: argparse.Namespace) -> int:
    """`okrtui lint [--quarter Q] [--json]`: 0 clean, 1 findings, 2 could not check."""
    from okrtui.store.plan_check import plan_issues

    try:
        repo = open_repo(args)
        quarter = str(pick_quarter(repo, args.quarter))
        issues = plan_issues(repo, quarter)
    except OkrtuiError as error:
        print(f"okrtui: {error}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps({"quarter": quarter, "findings": [
            {"check": i.check, "rule": i.rule, "rule_name": i.rule_name.split(": ", 1)[-1],
             "kind": i.kind, "id": i.item_id,
             "item": i.item, "message": i.message, "fix": i.fix} for i in issues]},
            indent=2, ensure_ascii=False))
        return 1 if issues else 0
    if not issues:
        print(f"{quarter}: the plan follows the rules (nothing to fix)")
        return 0
    for issue in issues:
        print(f"{issue.check} ({issue.rule_name}): {issue.item}")
        print(f"  {issue.message}")
        print(f"  fix: {issue.fix}")
    print(f"\n{quarter}: {len(issues)} finding(s)")
    return 1
