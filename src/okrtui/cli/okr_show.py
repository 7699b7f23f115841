"""`okrtui kr show ID [--json]`: one key result with every check-in, by anyone."""

from __future__ import annotations

import argparse
import json
from typing import Any

from okrtui.cli.context import cli_today, open_repo, terminal_width

JSON_HELP = """\
With --json, one object with these keys (stable; numbers as numbers, null when unknown):
  id, objective_id, quarter, statement, metric, unit, baseline, target, start, due
      (YYYY-MM-DD), owner, binary (true for a 0 → 1 key result)
  current      the metric's latest value up to today
  progress     0–1, the share of the way from baseline to target
  expected     0–1, the share of the time gone (the pace)
  status       on-track | at-risk | off-track | no-data, with reason in words
  confidence   0–10, from the latest check-in that gives one
  forecast     the value on the due date if the check-ins' trend goes on
  final_score, next_step   the grade at close, if any
  check_ins    every check-in, by day then as recorded, each with:
      id, at (the day it is about), recorded_at (ISO 8601, UTC), author,
      value (null: confidence only), confidence (0–10 or null), comment, source,
      corrects (the id of the author's own check-in it corrects, or null),
      corrected_by (the id of the check-in that corrects it, or null),
      counted (false once corrected: it no longer counts, but stays listed)"""


def add_kr_show(kr_commands: Any, common: argparse.ArgumentParser) -> None:
    """Register `okrtui kr show`."""
    show = kr_commands.add_parser(
        "show", parents=[common], help="a key result with all its check-ins",
        description="A key result: statement, metric, baseline → target by the due date, "
        "value now, progress, status, confidence, owner, and every check-in (day, time, "
        "author, value or —, confidence, comment, and which are corrections).",
        epilog=JSON_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    show.add_argument("kr_id", type=int, help="the key result's id (see okrtui okrs)")
    show.add_argument("--json", action="store_true", help="machine-readable output")
    show.set_defaults(handler=cmd_kr_show)


def cmd_kr_show(args: argparse.Namespace) -> int:
    """`okrtui kr show ID [--json]`"""
    from okrtui.core.check_ins import history

    today = cli_today()
    repo = open_repo(args)
    view = repo.okrs.key_result_view(args.kr_id, today)
    quarter = repo.okrs.quarter_of(args.kr_id)
    entries = history(view.history)
    if args.json:
        print(json.dumps(_json(view, quarter, entries), indent=2, ensure_ascii=False))
        return 0
    print("\n".join(_text(view, quarter, entries)))
    return 0


def _json(view: Any, quarter: str, entries: list[Any]) -> dict[str, Any]:
    kr = view.key_result
    return {
        "id": kr.id, "objective_id": kr.objective_id, "quarter": quarter,
        "statement": kr.statement, "metric": view.metric.name, "unit": view.metric.unit,
        "baseline": kr.baseline, "target": kr.target, "start": kr.start.isoformat(),
        "due": kr.due.isoformat(), "owner": kr.owner, "binary": kr.is_binary,
        "current": view.current, "progress": view.progress, "expected": view.expected,
        "status": str(view.status), "reason": view.reason, "confidence": view.confidence,
        "forecast": view.forecast, "final_score": kr.final_score, "next_step": kr.next_step,
        "check_ins": [
            {"id": e.check.id, "at": e.check.at.isoformat(),
             "recorded_at": e.check.recorded_at.isoformat() if e.check.recorded_at else None,
             "author": e.check.author, "value": e.check.value,
             "confidence": e.check.confidence, "comment": e.check.comment,
             "source": e.check.source, "corrects": e.check.corrects,
             "corrected_by": e.corrected_by, "counted": e.corrected_by is None}
            for e in entries
        ],
    }


def _text(view: Any, quarter: str, entries: list[Any]) -> list[str]:
    from okrtui.core.check_ins import local_time
    from okrtui.core.format import format_value, table
    from okrtui.core.scoring import STATUS_LABEL, whole_percent

    kr, unit = view.key_result, view.metric.unit
    done = "no value yet" if view.progress is None else f"{whole_percent(view.progress)}% done"
    lines = [
        f"KR {kr.id}  {kr.statement}" + ("  (binary: done or not)" if kr.is_binary else ""),
        f"objective {kr.objective_id} · {quarter}" + (f" · owner {kr.owner}" if kr.owner
                                                     else ""),
        f"{view.metric.name}: {format_value(kr.baseline, unit)} → "
        f"{format_value(kr.target, unit)} from {kr.start} by {kr.due} · now "
        f"{format_value(view.current, unit)} · {done}",
        f"{STATUS_LABEL[view.status]} · {view.reason}",
    ]
    if view.forecast is not None:
        lines.append(f"at this pace: {format_value(view.forecast, unit)} by {kr.due}")
    if not entries:
        return [*lines, "", "no check-ins yet: okrtui checkin "
                f"{kr.id} VALUE [--confidence N]"]
    rows = [[f"#{e.check.id}", e.check.at.isoformat(), local_time(e.check.recorded_at),
             e.check.author, "—" if e.check.value is None else format_value(e.check.value, unit),
             "" if e.check.confidence is None else f"{e.check.confidence}/10",
             e.check.comment.replace("\n", " "), e.note] for e in entries]
    headers = ["#", "Day", "Time", "By", "Value", "Conf.", "Comment", "Note"]
    return [*lines, "", f"{len(entries)} check-in(s):",
            table(headers, rows, right={4, 5}, width=terminal_width(), squeeze=(7, 6))]
