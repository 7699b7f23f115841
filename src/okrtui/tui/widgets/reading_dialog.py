"""Record a reading: value prefilled with the last one, enter saves, escape cancels."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
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
    ]

    def __init__(self, metric: Metric, last: float | None, today: date, save: SaveReading) -> None:
        super().__init__()
        self.metric = metric
        self._last = last
        self._today = today
        self._save = save

    def compose(self) -> ComposeResult:
        m = self.metric
        with Vertical() as box:
            box.border_title = "Record a reading"
            unit = f" ({m.unit})" if m.unit else ""
            about = f"{m.name}{unit} · healthy: {format_range(m.range_min, m.range_max, m.unit)}"
            yield Static(about, id="reading-about", markup=False)
            value = "" if self._last is None else number_text(self._last)
            yield FieldRow("Value", FieldInput(value, placeholder="a number"), "value")
            yield FieldRow("Date", FieldInput(self._today.isoformat(), placeholder="YYYY-MM-DD"),
                           "date")
            yield FieldRow("Note", FieldInput("", placeholder="optional"), "note")
            yield Static("", id="form-problem", markup=False)
            yield Static("enter saves · tab next field · esc cancels", classes="hint",
                         markup=False)
        yield KeyBar()

    AUTO_FOCUS = "#value"


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
