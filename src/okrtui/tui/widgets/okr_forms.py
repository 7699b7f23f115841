"""Forms for an objective and a key result, with messages by the field."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from okrtui.core.errors import InvalidInput, NotFound, OkrtuiError
from okrtui.tui.widgets.form import FieldInput, FieldRow
from okrtui.tui.widgets.key_bar import KeyBar

# Turns the typed fields into a saved object, or raises InvalidInput naming a field.
SaveForm = Callable[[dict[str, str]], Any]


class OkrForm(ModalScreen[Any]):
    """A titled list of text fields; `save` gets their values and may refuse."""

    DEFAULT_CSS = """
    OkrForm { align: center middle; }
    OkrForm > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    OkrForm .hint { color: $text-muted; }
    OkrForm #form-problem { color: $text-error; display: none; }
    OkrForm #form-problem.-shown { display: block; }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save", priority=True),
    ]

    def __init__(self, title: str, fields: list[tuple[str, str, str, str]], save: SaveForm,
                 hint: str = "") -> None:
        """`fields`: (id, label, initial value, placeholder)."""
        super().__init__()
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

    def on_mount(self) -> None:
        self.query_one(f"#{self._fields[0][0]}", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        for row in self.query(FieldRow):
            row.show_error("")
        self._problem("")
        values = {f[0]: self.query_one(f"#{f[0]}", Input).value for f in self._fields}
        try:
            saved = self._save(values)
        except (InvalidInput, NotFound) as error:
            self._field_error(getattr(error, "field", None), str(error))
            return
        except ValidationError as error:
            first = error.errors()[0]
            field = str(first["loc"][0]) if first["loc"] else None
            self._field_error(field, first["msg"].removeprefix("Value error, "))
            return
        except OkrtuiError as error:
            self._problem(str(error))
            return
        self.dismiss(saved)

    def _field_error(self, field: str | None, message: str) -> None:
        ids = [f[0] for f in self._fields]
        if field in ids:
            self.query_one(f"#row-{field}", FieldRow).show_error(message)
            target = self.query_one(f"#{field}", Input)
            target.focus()
            target.select_all()
        else:
            self._problem(message)

    def _problem(self, message: str) -> None:
        problem = self.query_one("#form-problem", Static)
        if not message and not problem.has_class("-shown"):
            return
        problem.update(message)
        problem.set_class(bool(message), "-shown")
