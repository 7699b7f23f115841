"""Record a reading: value prefilled with the last one, enter saves, escape cancels."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from okrtui.core.errors import InvalidInput, OkrtuiError
from okrtui.core.format import format_range, number_text
from okrtui.core.models import Metric, Reading
from okrtui.core.parse import check_not_future, parse_date, parse_number
from okrtui.tui.widgets.form import FieldInput, FieldRow
from okrtui.tui.widgets.form_screen import FormScreen
from okrtui.tui.widgets.key_bar import KeyBar

SaveReading = Callable[[float, date, str], Reading]


class ReadingDialog(FormScreen[Reading | None]):
    """Asks for a value, a date and a note; `save` does the write and may refuse."""

    DEFAULT_CSS = """
    ReadingDialog > Vertical { width: 64; }
    ReadingDialog #reading-about { color: $text-muted; margin-bottom: 1; }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("enter", "save", "Save", priority=False),
        Binding("ctrl+n", "no_change", "No change", priority=True),
    ]

    def __init__(self, metric: Metric, last: float | None, today: date, save: SaveReading,
                 title: str = "Record a reading", context: str = "",
                 cancel_words: str = "esc cancels") -> None:
        super().__init__()
        self.metric = metric
        self._last = last
        self._today = today
        self._save = save
        self._title = title
        self._about_extra = context
        self._cancel_words = cancel_words
        self.draft_key, self.draft_words = ("reading", f"metric {metric.id}"), "reading"

    def compose(self) -> ComposeResult:
        m = self.metric
        with Vertical() as box:
            box.border_title = Content(self._title)
            unit = f" ({m.unit})" if m.unit else ""
            about = f"{m.name}{unit} · healthy: {format_range(m.range_min, m.range_max, m.unit)}"
            if self._about_extra:
                about += "\n" + self._about_extra
            yield Static(about, id="reading-about", markup=False)
            value = "" if self._last is None else number_text(self._last)
            yield FieldRow("Value", FieldInput(value, placeholder="a number"), "value")
            yield FieldRow("Date", FieldInput(self._today.isoformat(), placeholder="YYYY-MM-DD"),
                           "date")
            yield FieldRow("Note", FieldInput("", placeholder="optional"), "note")
            yield Static("", id="form-problem", markup=False)
            yield Static(f"enter saves · ctrl+n no change · tab next field · "
                         f"{self._cancel_words}", classes="hint", markup=False)
        yield KeyBar()

    AUTO_FOCUS = "#value"


    def action_no_change(self) -> None:
        """Record the last value again, for the date shown."""
        if self._last is None:
            self.show_problem("no earlier value to repeat: type the value")
            return
        self.query_one("#value", Input).value = number_text(self._last)
        self.action_save()

    def action_save(self) -> None:
        self.clear_messages()
        try:
            value = parse_number(self.query_one("#value", Input).value, "value")
            at = parse_date(self.query_one("#date", Input).value, self._today, "date")
            check_not_future(at, self._today, "date")
            reading = self._save(value, at, self.query_one("#note", Input).value)
        except InvalidInput as error:
            self.show_field_error(error.field, str(error))
            return
        except OkrtuiError as error:
            self.show_problem(str(error))
            return
        self.dismiss(reading)
