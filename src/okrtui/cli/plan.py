"""`okrtui plan [CYCLE] [--print] [--file F] [--yes] [--json]`: the cycle's objectives and
key results as Markdown in your editor, and what you saved applied in one transaction."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any, TextIO

from okrtui.cli.context import CYCLE_HELP, cli_today, open_repo

if TYPE_CHECKING:
    from okrtui.core.plan_diff import PlanDiff


def add_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Register `okrtui plan`."""
    plan = commands.add_parser(
        "plan", parents=[common], help="plan a cycle's objectives and key results in $EDITOR",
        description="Write the cycle's objectives and key results as Markdown, open them in "
        "$VISUAL or $EDITOR (else vi), show what your saved text changes (added, edited, "
        "removed) and apply it in one transaction. A bad line is named by its number and "
        "nothing is applied; a key result with check-ins is never removed.")
    plan.add_argument("cycle", nargs="?", metavar="CYCLE", help=CYCLE_HELP)
    plan.add_argument("--print", action="store_true", dest="print_only",
                      help="write the plan's Markdown to stdout and stop")
    plan.add_argument("--file", metavar="F",
                      help="apply this Markdown file instead of opening the editor "
                      "(- for stdin)")
    plan.add_argument("--yes", action="store_true", help="apply without asking")
    plan.add_argument("--json", action="store_true",
                      help="print the changes as JSON (with --yes or --file: applied)")
    plan.set_defaults(handler=cmd_plan)


def cmd_plan(args: argparse.Namespace) -> int:
    """`okrtui plan`"""
    from okrtui.core.errors import OkrtuiError
    from okrtui.plan_editing import (
        apply_plan,
        edit_text,
        plan_markdown,
        plannable_cycle,
        read_plan,
    )

    repo = open_repo(args)
    today = cli_today()
    name = args.cycle or str(repo.cycles.calendar().current(today))
    if args.print_only:
        sys.stdout.write(plan_markdown(repo, str(repo.cycles.get(name))))
        return 0
    cycle = plannable_cycle(repo, name)
    if args.file is not None:
        text = _read_file(args.file)
    else:
        if not args.yes and not _interactive():
            raise OkrtuiError("okrtui plan opens an editor and asks before applying: run it "
                              "in a terminal, or give --yes (or --file F)")
        before = plan_markdown(repo, cycle)
        text = edit_text(before, cycle)
        if text == before:
            return _done(args, read_plan(repo, cycle, text).diff, applied=False)
    read = read_plan(repo, cycle, text)
    if read.diff.empty:
        return _done(args, read.diff, applied=False)
    asks = not args.yes and args.file is None
    if asks or not args.json:
        _show(read.diff, sys.stderr if args.json else sys.stdout)
    if asks and not _confirm():
        print("nothing applied", file=sys.stderr if args.json else sys.stdout)
        return 0
    return _done(args, apply_plan(repo, read, today), applied=True)


def _read_file(name: str) -> str:
    from okrtui.core.errors import OkrtuiError

    if name == "-":
        return sys.stdin.read()
    try:
        with open(name, encoding="utf-8", errors="replace") as handle:
            return handle.read()
    except OSError as error:
        raise OkrtuiError(f"cannot read {name}: {error.strerror or error}") from None


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _confirm() -> bool:
    sys.stderr.write("Apply these changes? [y/N] ")
    sys.stderr.flush()
    return sys.stdin.readline().strip().lower() in ("y", "yes")


def _show(diff: PlanDiff, out: TextIO) -> None:
    for change in diff.changes:
        print(change.describe(), file=out)
    print(diff.summary(), file=out)


def _done(args: argparse.Namespace, diff: PlanDiff, *, applied: bool) -> int:
    from okrtui.core.plan_diff import diff_json

    if args.json:
        print(json.dumps({**diff_json(diff), "applied": applied and not diff.empty},
                         indent=2, ensure_ascii=False))
    elif diff.empty:
        print(f"{diff.summary()}: nothing to apply")
    else:
        print(f"applied to {diff.cycle}: {diff.summary()}")
    return 0
