"""Compact labelled form rows with an error line under each field."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Static


class FieldRow(Vertical):
    """A label, an input and, under them, the message for that input."""

    DEFAULT_CSS = """
    FieldRow { height: auto; }
    FieldRow > Horizontal { height: 1; }
    FieldRow Label { width: 14; color: $text-muted; }
    FieldRow Input, FieldRow Input:focus { border: none; height: 1; padding: 0 1; width: 1fr; }
    FieldRow Input:focus { background: $boost; }
    FieldRow .field-error { color: $text-error; padding-left: 14; height: auto; display: none; }
    FieldRow .field-error.-shown { display: block; }
    """

    def __init__(self, label: str, field: Input, field_id: str) -> None:
        super().__init__(id=f"row-{field_id}")
        self._label = label
        self._field = field
        self._field.id = field_id

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Label(self._label, markup=False)
            yield self._field
        yield Static("", classes="field-error", markup=False)

    def show_error(self, message: str) -> None:
        """Show `message` under the field (empty hides it)."""
        error = self.query_one(".field-error", Static)
        if error.has_class("-shown") == bool(message) and str(error.render()) == message:
            return  # unchanged: spare a layout pass on every save
        error.update(message)
        error.set_class(bool(message), "-shown")
