"""`okrtui quarter grade|reflect|close|reopen|export`: end a quarter honestly, from a shell.

Grade each key result (0.0–1.0, 0.7 is success; or n/a, not graded, with the
reason), say what happens next, reflect on each objective, then close the
quarter: its numbers are frozen and it stays read-only until reopened on
purpose. Like the rest of the CLI, no Textual here.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from okrtui.cli.context import cli_today, open_repo, pick_quarter, write_whole

QUARTER_HELP = ("a cycle: a quarter such as 2026-Q4, or a name from `okrtui cycle list` "
                "(default: today's)")


def add_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Register `okrtui quarter` and its actions."""
    quarter = commands.add_parser("quarter", help="grade, close, reopen or export a quarter")
    actions = quarter.add_subparsers(title="quarter commands", metavar="ACTION", required=True)

    grade = actions.add_parser("grade", parents=[common],
                               help="give a key result its final score and next step")
    grade.add_argument("kr_id", type=int, help="the key result's id (see okrtui okrs)")
    grade.add_argument("score", help="0.0 to 1.0 (0.7 or more counts as success), or n/a: "
                       "not graded, it no longer applies (say why with --note)")
    grade.add_argument("--note", default="", metavar="TEXT",
                       help="what happened, briefly; with n/a, why it is not graded")
    grade.add_argument("--next", dest="next_step", choices=("carry-over", "return-to-kpi", "drop"),
                       help="carry-over: a new key result next quarter (baseline = last value); "
                       "return-to-kpi: watch the metric again with a healthy range; drop")
    grade.add_argument("--min", metavar="X", help="with return-to-kpi: lowest healthy value")
    grade.add_argument("--max", metavar="Y", help="with return-to-kpi: highest healthy value")
    grade.set_defaults(handler=cmd_grade)

    reflect = actions.add_parser("reflect", parents=[common],
                                 help="write what the quarter taught about an objective")
    reflect.add_argument("objective_id", type=int, help="the objective's id (see okrtui okrs)")
    reflect.add_argument("text", help="the reflection (an empty text removes it)")
    reflect.set_defaults(handler=cmd_reflect)

    close = actions.add_parser("close", parents=[common],
                               help="close a quarter whose key results are all graded (or "
                               "n/a); its numbers are frozen as they are today")
    close.add_argument("quarter", nargs="?", metavar="Q", help=QUARTER_HELP)
    close.set_defaults(handler=cmd_close)

    reopen = actions.add_parser("reopen", parents=[common], help="make a closed quarter "
                                "changeable again, its numbers live again")
    reopen.add_argument("quarter", metavar="Q", help="the cycle, e.g. 2026-Q3")
    reopen.set_defaults(handler=cmd_reopen)

    export = actions.add_parser("export", parents=[common],
                                help="a one-page summary of a quarter, for a wiki or an email")
    export.add_argument("quarter", nargs="?", metavar="Q", help=QUARTER_HELP)
    export.add_argument("--format", choices=("markdown",), default="markdown",
                        help="markdown (the default and, for now, the only format)")
    export.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")
    export.set_defaults(handler=cmd_export)


def cmd_grade(args: argparse.Namespace) -> int:
    """`okrtui quarter grade KR_ID SCORE [--note TEXT] [--next STEP] [--min X] [--max Y]`"""
    from okrtui.core.errors import InvalidInput
    from okrtui.core.format import format_range
    from okrtui.core.grades import parse_grade
    from okrtui.core.parse import parse_optional_number
    from okrtui.core.scoring import SUCCESS_SCORE, format_score, is_success

    score = parse_grade(args.score, "score")
    low = parse_optional_number(args.min, "--min")
    high = parse_optional_number(args.max, "--max")
    repo = open_repo(args)
    try:
        graded = repo.closing.grade(args.kr_id, score, today=cli_today(), note=args.note,
                                    next_step=args.next_step, range_min=low, range_max=high)
    except InvalidInput as error:
        if error.field != "note":
            raise
        raise InvalidInput(f"--note: {error}", "note") from None
    if score is None:
        reason = " ".join(graded.key_result.close_note.split())
        print(f"graded key result {args.kr_id}: n/a (not graded: {reason})")
    else:
        verdict = "a success" if is_success(score) else f"below {format_score(SUCCESS_SCORE)}"
        print(f"graded key result {args.kr_id}: {format_score(score)} ({verdict})")
    if graded.carried is not None:
        quarter = repo.okrs.quarter_of(graded.carried.id or 0)
        print(f"carried over to {quarter} as key result {graded.carried.id} "
              f"(baseline {graded.carried.baseline:g}, target {graded.carried.target:g})")
    if graded.metric is not None:
        m = graded.metric
        print(f"{m.name} is a watched KPI again, healthy range "
              f"{format_range(m.range_min, m.range_max, m.unit)}")
    if graded.warning:
        print(f"note: {graded.warning}", file=sys.stderr)
    return 0


def cmd_reflect(args: argparse.Namespace) -> int:
    """`okrtui quarter reflect OBJECTIVE_ID TEXT`"""

    objective = open_repo(args).closing.reflect(args.objective_id, args.text)
    verb = "saved the reflection on" if objective.reflection else "removed the reflection from"
    print(f"{verb} objective {objective.id}: {objective.title}")
    return 0


def cmd_close(args: argparse.Namespace) -> int:
    """`okrtui quarter close [Q]`"""
    from okrtui.store.calibration import unsignalled_successes

    repo = open_repo(args)
    quarter = str(pick_quarter(repo, args.quarter))
    today = cli_today()
    repo.closing.close_quarter(quarter, today=today)
    unreflected = [o.id for o in repo.okrs.objectives(quarter) if not o.reflection]
    print(f"closed {quarter}: it is read-only now, its key results' numbers frozen as of "
          f"{today} (okrtui quarter reopen {quarter} to change it)")
    for note in unsignalled_successes(repo, quarter):
        print(f"note: {note}")
    if unreflected:
        ids = ", ".join(str(i) for i in unreflected)
        print(f"note: objective(s) {ids} have no reflection", file=sys.stderr)
    return 0


def cmd_reopen(args: argparse.Namespace) -> int:
    """`okrtui quarter reopen Q`"""

    repo = open_repo(args)
    quarter = str(pick_quarter(repo, args.quarter))
    from okrtui.core.record import unfrozen_words

    unfrozen = repo.closing.reopen_quarter(quarter)
    print(f"reopened {quarter}: {unfrozen_words(unfrozen)}; its objectives and key results "
          "can change again")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """`okrtui quarter export [Q] --format markdown [--out FILE]`"""
    from okrtui.core.report import render_markdown
    from okrtui.store.report import quarter_report

    repo = open_repo(args)
    quarter = str(pick_quarter(repo, args.quarter))
    text = render_markdown(quarter_report(repo, quarter, cli_today()))
    if not args.out:
        sys.stdout.write(text)
        return 0
    target = Path(args.out)
    write_whole(target, text, str(target))
    print(f"exported {quarter} to {args.out}", file=sys.stderr)
    return 0

