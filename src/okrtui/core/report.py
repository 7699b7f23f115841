"""A quarter on one page, in Markdown: for a wiki, an email, the end-of-quarter review.

Pure rendering: it takes the views `core.okr` builds and returns text. User
text is neutralised for Markdown (`md_inline`, `md_cell`) so that a comment
with a `|` or a line break cannot break a table or the page's layout.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, date

from okrtui.core.check_ins import history, local_time
from okrtui.core.format import format_value
from okrtui.core.grades import official_beside
from okrtui.core.models import Objective
from okrtui.core.okr import KeyResultView, views_score
from okrtui.core.record import lineage_words
from okrtui.core.scoring import STATUS_LABEL, SUCCESS_SCORE, format_score, is_success


@dataclass(frozen=True)
class KeyResultReport:
    """One key result on the page: its view (with its lineage) and its guardrails' names."""

    view: KeyResultView
    guardrails: tuple[str, ...] = ()


@dataclass(frozen=True)
class ObjectiveReport:
    """One objective on the page, with its key results in order."""

    objective: Objective
    key_results: tuple[KeyResultReport, ...]


@dataclass(frozen=True)
class QuarterReport:
    """Everything the page shows; `as_of` is the day its values were read."""

    quarter: str  # the cycle's name
    end: date  # the cycle's last day
    as_of: date
    objectives: tuple[ObjectiveReport, ...]
    closed_on: date | None = None
    closed_by: str = ""


def md_inline(text: str) -> str:
    """User text safe inside one Markdown line or table cell: `\\` and `|` escaped, no breaks."""
    flat = " ".join(text.split())
    return flat.replace("\\", "\\\\").replace("|", "\\|")


def md_cell(text: str) -> str:
    """A table cell: like `md_inline`; an empty cell stays visibly empty."""
    return md_inline(text) or " "


def _value(value: float | None, unit: str) -> str:
    """A value with its unit (which is user text), safe in a line or a cell."""
    return md_inline(format_value(value, unit))


def _percent(share: float) -> str:
    return f"{math.floor(share * 100 + 1e-9)}%"


def _score_text(view: KeyResultView) -> str:
    """The key result's score: graded, n/a with the reason, or computed from progress;
    an official grade beside it where it differs."""
    kr = view.key_result
    official = kr.official_score
    if kr.not_graded:
        reason = f": {md_inline(kr.close_note)}" if kr.close_note else ""
        return f"n/a (not graded{reason})" + official_beside(None, official)
    if kr.final_score is None:
        if view.score is None:
            return "no final score yet, no value yet" + official_beside(None, official)
        return (f"{format_score(view.score)} from progress (no final score yet)"
                + official_beside(view.score, official))
    verdict = "✓ success" if is_success(kr.final_score) else (
        f"(below {format_score(SUCCESS_SCORE)})")
    return (f"**{format_score(kr.final_score)}** {verdict}"
            + official_beside(kr.final_score, official))


def _key_result_lines(number: str, report: KeyResultReport, final: bool) -> list[str]:
    view = report.view
    kr, unit = view.key_result, view.metric.unit
    value_word = "final" if final else "now"
    done = "no value yet" if view.progress is None else f"{_percent(view.progress)} of the way"
    lines = [
        f"### KR {number} · {md_inline(kr.statement)}",
        "",
        f"- **{md_inline(view.metric.name)}:** {_value(kr.baseline, unit)} → "
        f"{_value(kr.target, unit)} by {kr.due.isoformat()} · {value_word} "
        f"{_value(view.current, unit)} · {done}"
        + (" · binary (done or not)" if kr.is_binary else ""),
        f"- **Score:** {_score_text(view)} · **Status:** {STATUS_LABEL[view.status]} "
        f"({md_inline(view.reason)})",
    ]
    extras = []
    if kr.owner:
        extras.append(f"**Owner:** {md_inline(kr.owner)}")
    if report.guardrails:
        extras.append("**Guardrails:** " + ", ".join(md_inline(g) for g in report.guardrails))
    if extras:
        lines.append("- " + " · ".join(extras))
    lineage = lineage_words(kr, view.lineage, view.metric.name)
    if lineage:
        lines.append("- **Lineage:** " + md_inline(" · ".join(lineage)))
    if kr.close_note and not kr.not_graded:
        lines.append(f"- **Note:** {md_inline(kr.close_note)}")
    lines += ["", *_trail(view, unit)]
    return lines


def _trail(view: KeyResultView, unit: str) -> list[str]:
    """Every check-in as a compact table, oldest first: teammates' on one day side by
    side, a corrected one marked so (it no longer counts) beside its correction."""
    if not view.history:
        return ["_No check-ins._", ""]
    rows = ["| Date | Time (UTC) | By | Value | Confidence | Comment |",
            "| --- | --- | --- | ---: | ---: | --- |"]
    for entry in history(view.history):
        c = entry.check
        confidence = "–" if c.confidence is None else f"{c.confidence}/10"
        value = "—" if c.value is None else _value(c.value, unit)
        if entry.corrected_by is not None:
            value += " (corrected)"
        elif c.corrects is not None:
            value += " (correction)"
        rows.append(f"| {c.at.isoformat()} | {local_time(c.recorded_at, UTC)} | "
                    f"{md_cell(c.author)} | {value} | {confidence} | {md_cell(c.comment)} |")
    return [*rows, ""]


def _objective_lines(index: int, report: ObjectiveReport, final: bool) -> list[str]:
    objective = report.objective
    lines = [f"## {index}. {md_inline(objective.title)}", ""]
    facts = [f"**{label}:** {md_inline(value)}" for label, value in
             (("Why", objective.why), ("Owner", objective.owner), ("Team", objective.team))
             if value]
    if facts:
        lines += [" · ".join(facts), ""]
    score = views_score([k.view for k in report.key_results])
    if score.total or objective.official_score is not None:
        lines += [f"**Score:** {score.text()}"
                  + official_beside(score.score, objective.official_score), ""]
    if not report.key_results:
        lines += ["_No key results: an objective without key results is a slogan._", ""]
    for number, kr in enumerate(report.key_results, start=1):
        lines += _key_result_lines(f"{index}.{number}", kr, final)
    if objective.reflection:
        lines.append("**Reflection:**")
        lines += [f"> {md_inline(line)}".rstrip() for line in objective.reflection.splitlines()]
        lines.append("")
    return lines


def _summary(report: QuarterReport) -> str:
    krs = [k.view.key_result for o in report.objectives for k in o.key_results]
    text = f"{len(report.objectives)} objective(s), {len(krs)} key result(s)"
    scores = [kr.final_score for kr in krs if kr.final_score is not None and not kr.not_graded]
    if scores:
        wins = sum(is_success(s) for s in scores)
        text += (f" · average score {format_score(sum(scores) / len(scores))} · {wins} of "
                 f"{len(scores)} graded a success (≥ {format_score(SUCCESS_SCORE)})")
    not_graded = sum(kr.not_graded for kr in krs)
    if not_graded:
        text += f" · {not_graded} not graded (n/a)"
    return text


def _frozen_on(report: QuarterReport) -> str:
    days = sorted({k.view.frozen.as_of for o in report.objectives for k in o.key_results
                   if k.view.frozen is not None})
    return "" if not days else f" Numbers as frozen at close, as of {days[-1].isoformat()}."


def render_markdown(report: QuarterReport) -> str:
    """The quarter as one Markdown page: objectives, key results, scores, trail, reflections."""
    if report.closed_on is not None:
        by = f" by {md_inline(report.closed_by)}" if report.closed_by else ""
        state = f"Closed on {report.closed_on.isoformat()}{by}.{_frozen_on(report)}"
    else:
        state = f"Open; values as of {report.as_of.isoformat()}."
    lines = [f"# OKRs {report.quarter}", "", f"{state} {_summary(report)}.", ""]
    final = report.closed_on is not None or report.as_of >= report.end
    if not report.objectives:
        lines += ["_No objectives this quarter._", ""]
    for index, objective in enumerate(report.objectives, start=1):
        lines += _objective_lines(index, objective, final)
    lines.append(f"_Scores run from 0.00 to 1.00; {format_score(SUCCESS_SCORE)} or more counts "
                 "as success: key results are stretch goals; n/a: not graded, with the reason. "
                 "An objective's score is the mean of its key results' (n/a left out)._")
    return "\n".join(lines) + "\n"
