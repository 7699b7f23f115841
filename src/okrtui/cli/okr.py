"""`okrtui objective|kr|checkin|okrs`: the quarter's plan from scripts.

Like the rest of the CLI, no Textual here; imports stay inside handlers so
`okrtui record` does not pay for them.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from okrtui.cli.context import CYCLE_HELP, cli_today, open_repo, pick_quarter, terminal_width
from okrtui.cli.context import validated as _validated
from okrtui.cli.okr_show import add_kr_show
from okrtui.core.errors import InvalidInput

if TYPE_CHECKING:
    from okrtui.core.grades import ObjectiveScore
    from okrtui.core.models import Objective
    from okrtui.core.okr import KeyResultView
    from okrtui.core.record import KeyResultRef


def add_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Register the OKR subcommands on the main parser's subparsers."""
    objective = commands.add_parser("objective", help="add objectives to a quarter")
    objective_commands = objective.add_subparsers(title="objective commands", metavar="ACTION",
                                                  required=True)
    add = objective_commands.add_parser("add", parents=[common], help="add an objective")
    add.add_argument("title", help="what you want to achieve, in words (qualitative)")
    add.add_argument("--quarter", metavar="Q", help=CYCLE_HELP)
    add.add_argument("--owner", metavar="WHO", default="")
    add.add_argument("--why", metavar="TEXT", default="", help="why it matters")
    add.add_argument("--parent", metavar="ID", type=int, help="the objective this one serves")
    add.set_defaults(handler=cmd_objective_add)

    kr = commands.add_parser("kr", help="add key results to an objective, show one")
    kr_commands = kr.add_subparsers(title="kr commands", metavar="ACTION", required=True)
    kr_add = kr_commands.add_parser("add", parents=[common], help="add a key result")
    kr_add.add_argument("objective_id", type=int, help="the objective's id (see okrtui okrs)")
    kr_add.add_argument("statement", help="the outcome, e.g. 'Reduce churn from 4%% to 2.5%%'")
    kr_add.add_argument("--metric", required=True, metavar="NAME", help="the metric it moves")
    kr_add.add_argument("--target", required=True, metavar="X")
    kr_add.add_argument("--baseline", metavar="X", help="default: the metric's latest reading")
    kr_add.add_argument("--due", metavar="DATE", help="default: the quarter's last day")
    kr_add.add_argument("--owner", metavar="WHO", default="")
    kr_add.add_argument("--guardrail", metavar="METRIC", action="append", default=[],
                        help="a metric this push must not break (repeatable)")
    kr_add.add_argument("--create-metric", action="store_true",
                        help="create the metric if it does not exist (unwatched)")
    kr_add.set_defaults(handler=cmd_kr_add)
    add_kr_show(kr_commands, common)

    checkin = commands.add_parser(
        "checkin", parents=[common], help="check in on a key result: value, confidence, comment",
        description="Check in on a key result. Every check-in is kept, yours and your "
        "teammates' on the same day; the latest gives the day's value. Leave out VALUE for a "
        "confidence-only check-in (no new reading). A key result takes check-ins from its "
        "start until its cycle is closed, after its due date too, never for a future day.")
    checkin.add_argument("kr_id", type=int, help="the key result's id (see okrtui okrs)")
    checkin.add_argument("value", nargs="?", help="the metric's value now (optional with "
                         "--confidence)")
    checkin.add_argument("--confidence", metavar="N", help="will we make it? 0–10, or a "
                         "fraction (0.4) or a percentage (40%%), read as 4/10")
    checkin.add_argument("--comment", default="", metavar="TEXT")
    checkin.add_argument("--at", metavar="DATE", default="today", help="the day it is about "
                         "(default today; backdating allowed)")
    checkin.add_argument("--correct", action="store_true", help="correct your own latest "
                         "check-in of that day instead of adding one (what you leave out is "
                         "kept from it)")
    checkin.set_defaults(handler=cmd_checkin)

    okrs = commands.add_parser("okrs", parents=[common], help="a quarter's objectives and "
                               "key results, with progress and status")
    okrs.add_argument("--quarter", metavar="Q", help=CYCLE_HELP)
    okrs.add_argument("--json", action="store_true", help="machine-readable output")
    okrs.set_defaults(handler=cmd_okrs)


def cmd_objective_add(args: argparse.Namespace) -> int:
    """`okrtui objective add TITLE ...`"""
    from okrtui.core.models import Objective

    repo = open_repo(args, create=True)
    quarter = pick_quarter(repo, args.quarter)
    objective = _validated(Objective, {"quarter": str(quarter), "title": args.title,
                                       "owner": args.owner, "why": args.why,
                                       "parent_id": args.parent})
    saved = repo.okrs.add_objective(objective)
    print(f"added objective {saved.id} to {saved.quarter}: {saved.title}")
    return 0


def cmd_kr_add(args: argparse.Namespace) -> int:
    """`okrtui kr add OBJECTIVE_ID STATEMENT --metric NAME --target X ...`"""
    from okrtui.core.errors import NotFound
    from okrtui.core.okr import KeyResultDraft
    from okrtui.core.parse import parse_date, parse_number

    today = cli_today()
    draft = KeyResultDraft(
        statement=args.statement, metric=args.metric,
        target=parse_number(args.target, "--target"),
        baseline=None if args.baseline is None else parse_number(args.baseline, "--baseline"),
        due=parse_date(args.due, today, "--due") if args.due else None,
        owner=args.owner, guardrails=tuple(args.guardrail),
    )
    repo = open_repo(args)
    try:
        saved = repo.okrs.add_planned_key_result(args.objective_id, draft, today=today,
                                                 create_metric=args.create_metric)
    except InvalidInput as error:
        # The store names the field; say it as the command line spells it.
        if error.field == "metric" and isinstance(error.__cause__, NotFound):
            raise NotFound(f"no metric named {args.metric!r}: add it with `okrtui metric "
                           "add`, or pass --create-metric") from None
        flag = {"statement": "statement", "guardrails": "--guardrail"}.get(
            error.field or "", f"--{error.field}" if error.field else "")
        if " has at most " in str(error):  # it names what it is about already
            flag = ""
        raise InvalidInput(f"{flag}: {error}" if flag else str(error), error.field) from None
    binary = " (binary: done or not done)" if saved.is_binary else ""
    print(f"added key result {saved.id}: {saved.statement}{binary}")
    return 0


def cmd_checkin(args: argparse.Namespace) -> int:
    """`okrtui checkin KR_ID [VALUE] [--confidence N] [--comment TEXT] [--at D] [--correct]`"""
    from okrtui.core.check_ins import local_time, same_day_notice
    from okrtui.core.format import format_value
    from okrtui.core.parse import parse_date, parse_number, read_confidence

    today = cli_today()
    value = None if args.value is None else parse_number(args.value)
    at = parse_date(args.at, today, "--at")
    confidence = read_confidence(args.confidence, "--confidence")
    if value is None and confidence is None and not args.correct:
        raise InvalidInput("give the value, a --confidence, or both", "value")
    repo = open_repo(args)
    kr = repo.okrs.get_key_result(args.kr_id)
    metric = repo.get_metric_by_id(kr.metric_id)
    if confidence is not None and confidence.note:
        print(confidence.note)
    try:
        check = repo.okrs.check_in(kr, value, today=today, at=at,
                                   confidence=None if confidence is None else confidence.value,
                                   comment=args.comment, source="cli", correct=args.correct)
    except InvalidInput as error:
        if error.field == "correct":
            raise InvalidInput(f"--correct: {error}; leave out --correct to add a check-in",
                               error.field) from None
        raise InvalidInput(f"--at: {error}" if error.field == "date" else str(error),
                           error.field) from None
    said = "" if check.confidence is None else f", confidence {check.confidence}/10"
    shown = (f"{metric.name} = {format_value(check.value, metric.unit)}" if check.value is not None
             else f"no value (the reading of {metric.name} is unchanged)")
    if check.corrects is not None:
        fixed = next(c for c in repo.okrs.check_ins(kr.id or 0) if c.id == check.corrects)
        print(f"corrected your check-in of {local_time(fixed.recorded_at)} on key result "
              f"{kr.id} ({check.at}): {shown}{said}")
    else:
        day = "" if check.at == today else f" for {check.at}"
        print(f"checked in on key result {kr.id}{day}: {shown}{said}")
    notice = same_day_notice(check, repo.okrs.earlier_same_day(check), today=today,
                             unit=metric.unit, correct_hint=" (--correct replaces yours)")
    if notice:
        print(notice)
    return 0


def cmd_okrs(args: argparse.Namespace) -> int:
    """`okrtui okrs [--quarter Q] [--json]`"""
    from okrtui.core.format import fit, format_value
    from okrtui.core.okr import views_score
    from okrtui.core.scoring import STATUS_LABEL, whole_percent
    from okrtui.store.okr_repository import quarter_views

    today = cli_today()
    repo = open_repo(args)
    quarter = str(pick_quarter(repo, args.quarter))
    views = quarter_views(repo, quarter, today)
    if args.json:
        closed = repo.closing.is_closed(quarter)
        print(json.dumps([_objective_json(o, krs, closed) for o, krs in views], indent=2,
                         ensure_ascii=False))
        return 0
    if not views:
        print(f"no objectives in {quarter} yet: okrtui objective add TITLE --quarter {quarter}")
        return 0
    width = terminal_width()

    def line(text: str) -> None:
        # In a terminal a long title or statement is cut with "…" (`okrs --json` and
        # output to a file or pipe have it whole).
        print(fit(text, width).rstrip())

    for objective, krs in views:
        owner = f"  ({objective.owner})" if objective.owner else ""
        line(f"{objective.id}. {objective.title}{owner}")
        if not krs:
            print("     no key results yet: an objective without key results is a slogan")
        else:
            print(f"     score {_objective_score_text(objective, views_score(krs))}")
        for v in krs:
            kr, unit = v.key_result, v.metric.unit
            done = "  -" if v.progress is None else f"{whole_percent(v.progress):3d}%"
            confidence = "" if v.confidence is None else f" · confidence {v.confidence}/10"
            line(f"   KR {kr.id}  {STATUS_LABEL[v.status]:<12} {done}  {kr.statement}")
            line(f"          {v.metric.name}: {format_value(kr.baseline, unit)} → "
                 f"{format_value(kr.target, unit)} by {kr.due}, now "
                 f"{format_value(v.current, unit)}{confidence}")
            line(f"          {_key_result_score_text(v)}")
            for name, status in v.breaches:
                line(f"          ⚠ guardrail {name} is {status} its healthy range")
    return 0


def _objective_score_text(objective: Objective, score: ObjectiveScore) -> str:
    """ "0.55 (2 of 3 key results; 1 not graded)", the official grade beside it."""
    from okrtui.core.grades import official_beside

    return score.text() + official_beside(score.score, objective.official_score)


def _key_result_score_text(view: KeyResultView) -> str:
    """A key result's score (final, n/a or from progress), official grade, lineage."""
    from okrtui.core.grades import with_official
    from okrtui.core.record import lineage_words

    kr = view.key_result
    if kr.not_graded:
        note = " ".join(kr.close_note.split())
        text = "score n/a: not graded" + (f" ({note})" if note else "")
    else:
        how = ("final" if kr.final_score is not None else
               "from progress" if view.score is not None else "no value yet")
        text = f"score {with_official(view.score, kr.official_score, 'none')} ({how})"
    if view.frozen is not None:
        text += f" · frozen at close, {view.frozen.as_of}"
    return " · ".join([text, *lineage_words(kr, view.lineage, view.metric.name)])


def _ref(ref: KeyResultRef | None) -> dict[str, Any] | None:
    return None if ref is None else {"cycle": ref.cycle, "id": ref.key_result_id}


def _objective_json(objective: Objective, krs: list[KeyResultView],
                    closed: bool = False) -> dict[str, Any]:
    from okrtui.core.okr import views_score

    score = views_score(krs)
    return {
        "id": objective.id, "quarter": objective.quarter, "closed": closed,
        "title": objective.title, "reflection": objective.reflection,
        "owner": objective.owner, "why": objective.why, "parent_id": objective.parent_id,
        "score": score.score, "official_score": objective.official_score,
        "score_basis": {"counted": score.counted, "of": score.total,
                        "not_graded": score.not_graded, "no_value": score.no_value,
                        "text": score.basis()},
        "key_results": [
            {
                "id": v.key_result.id, "statement": v.key_result.statement,
                "metric": v.metric.name, "unit": v.metric.unit,
                "baseline": v.key_result.baseline, "target": v.key_result.target,
                "current": v.current, "progress": v.progress, "expected": v.expected,
                "status": str(v.status), "reason": v.reason, "confidence": v.confidence,
                "forecast": v.forecast, "due": v.key_result.due.isoformat(),
                "owner": v.key_result.owner, "binary": v.key_result.is_binary,
                "score": v.score, "final_score": v.key_result.final_score,
                "not_graded": v.key_result.not_graded,
                "official_score": v.key_result.official_score,
                "close_note": v.key_result.close_note, "next_step": v.key_result.next_step,
                "carried_from": _ref(v.lineage.carried_from),
                "carried_into": _ref(v.lineage.carried_into),
                "frozen_as_of": None if v.frozen is None else v.frozen.as_of.isoformat(),
                "guardrail_breaches": [{"metric": name, "status": status}
                                       for name, status in v.breaches],
            }
            for v in krs
        ],
    }
