"""One key result: what it moves, where it stands against pace, every check-in."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from okrtui.core.format import format_range, format_value, progress_bar
from okrtui.core.okr import KeyResultView
from okrtui.core.scoring import STATUS_LABEL, whole_percent
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
            f"{v.metric.name}: {format_value(kr.baseline, unit)} → {format_value(kr.target, unit)}"
            f" by {kr.due} · now {format_value(v.current, unit)} · "
            f"{progress_bar(v.progress, v.expected, 20)} {done}",
        ]
        if v.forecast is not None:
            lines.append(f"at this pace: {format_value(v.forecast, unit)} by {kr.due}")
        if self._guardrails:
            lines.append("guardrails: " + ", ".join(self._guardrails))
        for name, status in v.breaches:
            lines.append(f"⚠ guardrail {name} is {status} its healthy range: "
                         "the push may be breaking it")
        if kr.owner:
            lines.append(f"owner: {kr.owner}")
        if self.journal:
            lines.append(self.journal)
        self.query_one("#kr-head", Static).update(Content("\n".join(lines)))
        columns = [Column("at", "Date", 10), Column("value", "Value", 12, right=True),
                   Column("confidence", "Conf.", 5, right=True), Column("by", "By", 8),
                   Column("comment", "Comment", max(self.size.width - 49, 16))]
        rows = [{"at": (c.at.isoformat(), ""), "value": (format_value(c.value, unit), ""),
                 "confidence": ("" if c.confidence is None else f"{c.confidence}/10", ""),
                 "by": (c.author, ""), "comment": (c.comment.replace("\n", " "), "")}
                for c in reversed(view.check_ins)]
        history = self.query_one(RowList)
        history.set_rows(columns, rows)
        history.border_title = f"Check-ins: {len(rows)}"

    def action_back(self) -> None:
        self.dismiss(None)


def guardrail_text(name: str, low: float | None, high: float | None, unit: str,
                   status: str) -> str:
    """A guardrail as shown under its key result: name, range and state in words."""
    return f"{name} ({format_range(low, high, unit)}: {status})"
