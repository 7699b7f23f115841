"""`okrtui pull [METRIC…] [--dry-run] [--json] [--backfill]`: fetch the KPI sources that
are due, at once, and record their values. Exit 1 when any failed, for cron."""

from __future__ import annotations

import argparse
import json
import os
import shlex
from typing import Any

from okrtui.cli.context import cli_today, open_repo


def add_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Register `okrtui pull`."""
    pull = commands.add_parser(
        "pull", parents=[common], help="fetch the KPI sources that are due",
        description="Fetch the KPI sources that are due (or the named KPIs' now), in "
        "parallel with a timeout each, and record each value as a reading from its source. "
        "A failure is kept as a failed pull, shown on the KPI, and never becomes a value. "
        "Only the sources this account defined run. Exit 0 when all went well, 1 when "
        "any failed (for cron: okrtui pull || mail …).")
    pull.add_argument("metric", nargs="*", help="these KPIs' sources, due or not")
    pull.add_argument("--dry-run", action="store_true",
                      help="fetch and show the values, record nothing")
    pull.add_argument("--backfill", action="store_true",
                      help="also fill past days with no reading from a source's history "
                      "(a CSV with --date-column, an SQL query of date, value rows)")
    pull.add_argument("--jobs", type=int, default=16, metavar="N",
                      help="sources fetched at once (default: 16)")
    pull.add_argument("--json", action="store_true", help="print JSON")
    pull.set_defaults(handler=cmd_pull)


def cmd_pull(args: argparse.Namespace) -> int:
    """`okrtui pull`"""
    from okrtui.accounts import account, load_key
    from okrtui.pulling import plan_pull, run_pull
    from okrtui.settings import load_settings

    today = cli_today()
    repo = open_repo(args)
    _, uid = account()
    plan = plan_pull(repo, args.metric, today=today, week_first=load_settings().week_starts,
                     uid=uid, key=load_key())
    show = None if args.json else _print_outcome
    outcomes = run_pull(repo, plan.to_run, today=today, env=dict(os.environ),
                        dry_run=args.dry_run, backfill=args.backfill, workers=args.jobs,
                        on_done=show)
    failed = [o for o in outcomes if not o.ok]
    # A named source that is not this account's is a failure of what was asked;
    # in a plain `okrtui pull` other people's sources are simply not ours to run.
    refused_failed = bool(args.metric and plan.refused)
    if args.json:
        print(json.dumps({
            "day": today.isoformat(), "dry_run": args.dry_run,
            "pulled": [_outcome_json(o) for o in outcomes],
            "refused": [{"metric": s.metric, "why": why} for s, why in plan.refused],
            "not_due": [s.metric for s in plan.not_due],
        }, indent=2, ensure_ascii=False))
        return 1 if failed or refused_failed else 0
    for source, why in plan.refused:
        print(f"{source.metric}: not run: {why}")
    print(_summary(outcomes, failed, plan, args.dry_run))
    return 1 if failed or refused_failed else 0


def _print_outcome(outcome: Any) -> None:
    fetched = outcome.fetched
    took = f"{outcome.source.spec.kind}, {fetched.seconds:.1f} s"
    if not fetched.ok:
        print(f"{outcome.source.metric}: failed: {fetched.error} ({took})", flush=True)
        return
    value = fetched.history[-1].value if fetched.history else fetched.value
    verb = "would record" if outcome.pull is None else "recorded"
    extra = f"; {outcome.kept}" if outcome.kept else ""
    if outcome.written > 1:
        extra += f"; {outcome.written} readings written (backfill)"
    elif outcome.pull is not None and outcome.written == 0 and not outcome.kept:
        verb = "unchanged"
    print(f"{outcome.source.metric}: {verb} {value:g} ({took}){extra}", flush=True)


def _summary(outcomes: list[Any], failed: list[Any], plan: Any, dry_run: bool) -> str:
    if not outcomes and not plan.refused:
        if plan.not_due:
            return (f"nothing due: {len(plan.not_due)} sources pulled already this period "
                    f"(okrtui pull {shlex.quote(plan.not_due[0].metric)} pulls one now)")
        return "no sources yet: okrtui source add METRIC --command CMD"
    parts = [f"{len(outcomes) - len(failed)} {'fetched' if dry_run else 'pulled'}"]
    if failed:
        parts.append(f"{len(failed)} failed")
    if plan.not_due:
        parts.append(f"{len(plan.not_due)} not due")
    if plan.refused:
        parts.append(f"{len(plan.refused)} not this account's")
    return ", ".join(parts) + (" (dry run: nothing recorded)" if dry_run else "")


def _outcome_json(outcome: Any) -> dict[str, Any]:
    fetched = outcome.fetched
    return {
        "metric": outcome.source.metric, "kind": outcome.source.spec.kind,
        "ok": fetched.ok, "error": fetched.error or None,
        "value": fetched.history[-1].value if fetched.history else fetched.value,
        "history": len(fetched.history), "seconds": round(fetched.seconds, 3),
        "recorded": outcome.pull is not None and fetched.ok,
        "written": outcome.written, "kept": outcome.kept or None,
    }
