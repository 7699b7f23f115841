"""Forms for an objective and a key result, with messages by the field."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from okrtui.core.errors import InvalidInput, NotFound, OkrtuiError, validation_problem
from okrtui.tui.widgets.form import FieldInput, FieldRow
from okrtui.tui.widgets.form_screen import FormScreen
from okrtui.tui.widgets.key_bar import KeyBar

# Turns the typed fields into a saved object, or raises InvalidInput naming a field.
SaveForm = Callable[[dict[str, str]], Any]


class OkrForm(FormScreen[Any]):
    """A titled list of text fields; `save` gets their values and may refuse."""

    DEFAULT_CSS = """
    OkrForm > Vertical { width: 76; border: round $accent; }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save", priority=True),
    ]

    def __init__(self, title: str, fields: list[tuple[str, str, str, str]], save: SaveForm,
                 hint: str = "", draft: tuple[str, str] | None = None,
                 draft_words: str = "input") -> None:
        """`fields`: (id, label, initial value, placeholder); `draft`: (form kind, item)
        to keep a draft of what is typed under (None: no draft, say for a search)."""
        super().__init__()
        self.draft_key, self.draft_words = draft, draft_words
        self._title = title
        self._fields = fields
        self._save = save
        self._hint = hint

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = Content(self._title)
            for field_id, label, value, placeholder in self._fields:
                yield FieldRow(label, FieldInput(value, placeholder=placeholder), field_id)
            if self._hint:
                yield Static(self._hint, classes="hint", markup=False)
            yield Static("enter or ctrl+s saves · tab next field · esc cancels",
                         classes="hint", markup=False)
            yield Static("", id="form-problem", markup=False)
        yield KeyBar()


    def action_save(self) -> None:
        self.clear_messages()
        values = {f[0]: self.query_one(f"#{f[0]}", Input).value for f in self._fields}
        try:
            saved = self._save(values)
        except (InvalidInput, NotFound) as error:
            self.show_field_error(getattr(error, "field", None), str(error))
            return
        except ValidationError as error:
            field, message = validation_problem(error)
            if message == "can't be empty":
                message = "this can't be empty"
            self.show_field_error(field or None, message)
            return
        except OkrtuiError as error:
            self.show_problem(str(error))
            return
        self.dismiss(saved)
