"""One key result: what it moves, where it stands against pace, its grade and lineage,
every check-in (by anyone, corrected ones too, marked so)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from okrtui.core.check_ins import HistoryEntry, history, local_time
from okrtui.core.format import format_range, format_value, progress_bar
from okrtui.core.grades import with_official
from okrtui.core.okr import KeyResultView
from okrtui.core.record import lineage_words
from okrtui.core.scoring import STATUS_LABEL, SUCCESS_SCORE, format_score, is_success, whole_percent
from okrtui.core.symbols import S
from okrtui.tui.actions import KEY_RESULT, bindings
from okrtui.tui.widgets.key_bar import KeyBar
from okrtui.tui.widgets.row_list import Column, RowList


class KeyResultScreen(Screen[None]):
    """The detail of a key result; `c` checks in from here too."""

    # A long statement (up to 2,000 characters) wraps; past a third of the screen its
    # box scrolls (tab to it), so the numbers and the check-ins stay in view.
    DEFAULT_CSS = """
    KeyResultScreen #kr-statement-box { height: auto; max-height: 33%; }
    KeyResultScreen #kr-statement, KeyResultScreen #kr-head { height: auto; padding: 0 1; }
    KeyResultScreen RowList { height: 1fr; border-top: solid $accent; }
    """

    BINDINGS = bindings(KEY_RESULT, Binding("escape,backspace,h", "back", "Back"))

    def __init__(self, view: KeyResultView, guardrails: list[str],
                 journal: str = "") -> None:
        super().__init__()
        self.view = view
        self._guardrails = guardrails
        self.journal = journal  # the entries about it, in a line

    @property
    def key_result_id(self) -> int:
        """The key result shown."""
        return self.view.key_result.id or 0

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="kr-statement-box"):
            yield Static(id="kr-statement", markup=False)
        yield Static(id="kr-head", markup=False)
        yield RowList(id="check-ins")
        yield KeyBar()

    def on_mount(self) -> None:
        self.show(self.view)
        self.query_one(RowList).focus()

    def show(self, view: KeyResultView) -> None:
        """Redraw from a fresh view (after a check-in)."""
        self.view = view
        v, kr, unit = view, view.key_result, view.metric.unit
        done = "no value yet" if v.progress is None else f"{whole_percent(v.progress)}% done"
        statement = f"KR{kr.id}  {kr.statement}" + (
            "  (binary: done or not)" if kr.is_binary else "")
        self.query_one("#kr-statement", Static).update(Content(statement))
        lines = [
            f"{STATUS_LABEL[v.status]} · {v.reason}",
            f"{v.metric.name}: {format_value(kr.baseline, unit)} {S.to} "
            f"{format_value(kr.target, unit)}"
            f" by {kr.due} · {'final' if v.frozen else 'now'} {format_value(v.current, unit)} · "
            f"{progress_bar(v.progress, v.expected, 20)} {done}",
        ]
        if v.forecast is not None and v.frozen is None:
            lines.append(f"at this pace: {format_value(v.forecast, unit)} by {kr.due}")
        lines.append(score_line(v))
        if v.frozen is not None:
            lines.append(f"numbers frozen at close on {v.frozen.as_of}: later readings of "
                         f"{v.metric.name} do not change them")
        lineage = lineage_words(kr, v.lineage, v.metric.name)
        if lineage:
            lines.append(" · ".join(lineage))
        if self._guardrails:
            lines.append("guardrails: " + ", ".join(self._guardrails))
        for name, status in v.breaches:
            lines.append(f"{S.warn} guardrail {name} is {status} its healthy range: "
                         "the push may be breaking it")
        if kr.owner:
            lines.append(f"owner: {kr.owner}")
        if self.journal:
            lines.append(self.journal)
        self.query_one("#kr-head", Static).update(Content("\n".join(lines)))
        columns = [Column("at", "Date", 10), Column("time", "Time", 5),
                   Column("value", "Value", 10, right=True),
                   Column("confidence", "Conf.", 5, right=True), Column("by", "By", 8),
                   Column("comment", "Comment", max(self.size.width - 51, 16))]
        entries = history(view.history)
        rows = [_history_row(e, unit) for e in reversed(entries)]
        history_list = self.query_one(RowList)
        history_list.set_rows(columns, rows)
        corrected = sum(1 for e in entries if e.corrected_by is not None)
        history_list.border_title = f"Check-ins: {len(rows)}" + (
            f" ({corrected} corrected)" if corrected else "")

    def action_back(self) -> None:
        self.dismiss(None)


def score_line(view: KeyResultView) -> str:
    """The grade in words: "score 0.40 · official 0.30 (final, below 0.70)", "score n/a:
    not graded (no longer applies)", "score 0.53 from progress (no final score yet)"."""
    kr = view.key_result
    note = " ".join(kr.close_note.split())
    if kr.not_graded:
        text = "score n/a: not graded" + (f" ({note})" if note else "")
    elif kr.final_score is not None:
        verdict = ("a success" if is_success(kr.final_score) else
                   f"below {format_score(SUCCESS_SCORE)}")
        text = f"score {with_official(kr.final_score, kr.official_score)} (final, {verdict})"
        if note:
            text += f" · note: {note}"
    elif view.score is not None:
        text = (f"score {with_official(view.score, kr.official_score)} from progress "
                "(no final score yet)")
    else:
        text = f"score {with_official(None, kr.official_score, 'none yet')} (no value yet)"
    return text


def _history_row(entry: HistoryEntry, unit: str) -> dict[str, tuple[str, str]]:
    """One check-in in the history: a corrected one dimmed and said so."""
    c = entry.check
    style = "dim" if entry.corrected_by is not None else ""
    words = {"corrected": "(corrected) ", "": ""}.get(entry.note, "(correction) ")
    return {"at": (c.at.isoformat(), style), "time": (local_time(c.recorded_at), style),
            "value": ("—" if c.value is None else format_value(c.value, unit), style),
            "confidence": ("" if c.confidence is None else f"{c.confidence}/10", style),
            "by": (c.author, style),
            "comment": (words + c.comment.replace("\n", " "), style)}


def guardrail_text(name: str, low: float | None, high: float | None, unit: str,
                   status: str) -> str:
    """A guardrail as shown under its key result: name, range and state in words."""
    return f"{name} ({format_range(low, high, unit)}: {status})"
