"""Check in on a key result: value and confidence prefilled, the day, a comment.

`ctrl+n` records "no change" (the last value and confidence) in one key, so
a week's check-ins are a run of a few keystrokes each. The value may be left
empty when a confidence is given (a confidence-only check-in); the date takes
what the reading dialog takes (YYYY-MM-DD, `today`, `yesterday`). When you
checked in today already, the dialog says so and offers "correct mine".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from okrtui.core.errors import InvalidInput, OkrtuiError
from okrtui.core.format import format_value, number_text
from okrtui.core.models import CheckIn
from okrtui.core.okr import KeyResultView
from okrtui.core.parse import (
    Confidence,
    check_not_future,
    parse_date,
    parse_optional_number,
    read_confidence,
)
from okrtui.core.symbols import S
from okrtui.tui.widgets.form import FieldInput, FieldRow, Toggle
from okrtui.tui.widgets.form_screen import FormScreen
from okrtui.tui.widgets.key_bar import KeyBar


@dataclass(frozen=True)
class CheckInEntry:
    """What the dialog read: no value is a confidence-only check-in; `correct` replaces
    your own latest check-in of that day instead of adding one."""

    value: float | None
    at: date
    confidence: Confidence | None
    comment: str
    correct: bool = False


SaveCheckIn = Callable[[CheckInEntry], CheckIn]


class CheckInDialog(FormScreen[CheckIn | None]):
    """Asks for the metric's value now, a confidence and a comment."""

    DEFAULT_CSS = """
    CheckInDialog > Vertical { border: round $accent; }
    CheckInDialog #check-in-about { color: $text-muted; }
    CheckInDialog #check-in-mine { color: $text-warning; }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+n", "no_change", "No change", priority=True),
    ]

    def __init__(self, view: KeyResultView, today: date, save: SaveCheckIn,
                 remaining: int = 0, title: str = "", cancel_words: str = "esc cancels",
                 mine_today: str = "") -> None:
        """`mine_today` says your own check-in of today ("You checked in 3.4% at 09:00
        today"), if any: the dialog then offers to correct it."""
        super().__init__()
        self._mine_today = mine_today
        self._title = title
        self._cancel_words = cancel_words
        self.view = view
        self._today = today
        self._save = save
        self._remaining = remaining
        self.draft_key = ("check-in", f"KR{view.key_result.id}")
        self.draft_words = "check-in"

    def compose(self) -> ComposeResult:
        v, kr = self.view, self.view.key_result
        unit = v.metric.unit
        with Vertical() as box:
            more = f" · {self._remaining} more due" if self._remaining else ""
            box.border_title = Content(self._title or f"Check in: KR{kr.id}{more}")
            yield Static(f"{kr.statement}\n{v.metric.name}: "
                         f"{format_value(kr.baseline, unit)} {S.to} "
                         f"{format_value(kr.target, unit)} by {kr.due} · {v.reason}",
                         id="check-in-about", markup=False)
            if self._mine_today:
                yield Static(f"{self._mine_today}: tick \"correct mine\" to replace it; "
                             "otherwise both are kept", id="check-in-mine", markup=False)
            value = "" if v.current is None else number_text(v.current)
            yield FieldRow("Value now", FieldInput(value, placeholder="a number (empty: "
                                                   "confidence only)"), "value")
            yield FieldRow("Date", FieldInput(self._today.isoformat(), placeholder="YYYY-MM-DD"),
                           "date")
            confidence = "" if v.confidence is None else str(v.confidence)
            yield FieldRow("Confidence", FieldInput(confidence, placeholder="0–10 (or 0.4, "
                                                    "40%): will we make it?"), "confidence")
            yield FieldRow("Comment", FieldInput("", placeholder="what moved it (optional)"),
                           "comment")
            if self._mine_today:
                yield Toggle("correct mine (instead of a second check-in)", False, "correct")
            yield Static("", id="form-problem", markup=False)
            yield Static(f"enter saves · ctrl+n no change · tab next field · "
                         f"{self._cancel_words}", classes="hint", markup=False)
        yield KeyBar()

    AUTO_FOCUS = "#value"


    def action_no_change(self) -> None:
        """Save the last value and confidence again, with the comment typed (if any)."""
        if self.view.current is None:
            self.show_problem("no earlier value to repeat: type the value now")
            return
        self.query_one("#value", Input).value = number_text(self.view.current)
        self.query_one("#confidence", Input).value = (
            "" if self.view.confidence is None else str(self.view.confidence))
        self.action_save()

    def action_save(self) -> None:
        self.clear_messages()
        try:
            value = parse_optional_number(self.query_one("#value", Input).value, "value")
            at = check_not_future(parse_date(self.query_one("#date", Input).value,
                                             self._today, "date"), self._today, "date")
            confidence = read_confidence(self.query_one("#confidence", Input).value)
            correct = bool(self._mine_today) and self.query_one("#correct", Toggle).value
            if value is None and confidence is None and not correct:
                raise InvalidInput("type the value now, or leave it empty and give a "
                                   "confidence", "value")
            check = self._save(CheckInEntry(value, at, confidence,
                                            self.query_one("#comment", Input).value, correct))
        except InvalidInput as error:
            self.show_field_error(error.field, str(error))
            return
        except OkrtuiError as error:
            self.show_problem(str(error))
            return
        self.dismiss(check)
