"""`okrtui journal tests` and `okrtui journal test ID`: next tests, each beside what the
KPI it names has shown since it began (core.next_test_target)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from okrtui.cli.context import cli_today, open_repo, terminal_width


def add_test_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """Register `journal tests` and `journal test` under `journal`."""
    tests = sub.add_parser("tests", parents=[common], help="next tests still to try, each "
                           "with whether its KPI has moved the way it should")
    tests.add_argument("--all", action="store_true", help="done and dropped ones too")
    tests.add_argument("--json", action="store_true", help="machine-readable output")
    tests.set_defaults(handler=cmd_journal_tests)
    test = sub.add_parser("test", parents=[common], help="name the KPI a next test should "
                          "move and which way (or say it names none)")
    test.add_argument("id", type=int, help="the test's id (see okrtui journal tests)")
    test.add_argument("--metric", metavar="NAME", help="the KPI it should move")
    test.add_argument("--direction", choices=("up", "down"), help="which way it should move")
    test.add_argument("--none", action="store_true", help="it names no KPI")
    test.set_defaults(handler=cmd_journal_test)


def cmd_journal_tests(args: argparse.Namespace) -> int:
    """`okrtui journal tests [--all] [--json]`"""
    from okrtui.core.format import shorten
    from okrtui.store.test_verdicts import verdicts

    today = cli_today()
    repo = open_repo(args)
    tests = [t for t in repo.journal.all_tests()
             if args.all or t.status in ("open", "not-done")]
    judged = verdicts(repo, tests, today)
    names = {m.id: m.name for m in repo.list_metrics(include_archived=True)}
    if args.json:
        print(json.dumps([{
            "id": t.id, "text": t.text, "week": t.week.isoformat(), "status": t.status,
            "learnt": t.learnt, "metric": names.get(t.metric_id) if t.metric_id else None,
            "direction": t.direction or None,
            "verdict": None if t.id not in judged else {
                "kind": judged[t.id].kind, "words": judged[t.id].words}}
            for t in tests], indent=2, ensure_ascii=False))
        return 0
    if not tests:
        print("no next tests" + ("" if args.all else " to try: the bullets under a review "
                                 "note's 'What to test next' become them"))
        return 0
    # One line a test, and under it what its KPI has shown: readable at 80 columns.
    width = terminal_width()
    for t in tests:
        print(shorten(f"{t.id:>3}  {t.week}  {t.status:<8}  {t.text}", width))
        words = judged[t.id].words if t.id in judged else "names no KPI"
        print(shorten(f"     {words}", width))
    return 0


def cmd_journal_test(args: argparse.Namespace) -> int:
    """`okrtui journal test ID --metric NAME --direction up|down`, or `--none`"""
    from okrtui.core.errors import InvalidInput

    if args.none == bool(args.metric or args.direction):
        raise InvalidInput("say --metric NAME and --direction up|down, or --none")
    if not args.none and not (args.metric and args.direction):
        raise InvalidInput("say both --metric NAME and --direction up|down")
    repo = open_repo(args)
    metric = None if args.none else repo.get_metric(args.metric)
    test = repo.journal.set_test_target(args.id, metric.id if metric else None,
                                        args.direction or "")
    print(f"next test {test.id} " + (f"should move {metric.name} {test.direction}"
                                     if metric else "names no KPI") + f": {test.text}")
    return 0
