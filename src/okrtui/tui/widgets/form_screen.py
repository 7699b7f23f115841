"""What every dialog shares: enter saves, escape cancels, messages by the field."""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen
from textual.widgets import Input, Static

from okrtui.tui.widgets.form import FieldRow, Toggle

ResultT = TypeVar("ResultT")


class FormScreen(ModalScreen[ResultT]):
    """A modal form: subclasses compose their fields, a `#form-problem` line, and
    implement `action_save`; this class shows what went wrong, where."""

    DEFAULT_CSS = """
    FormScreen { align: center middle; }
    FormScreen > Vertical {
        width: 72; max-width: 100%; height: auto; max-height: 100%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    FormScreen .hint { color: $text-muted; }
    FormScreen #form-problem { color: $text-error; display: none; }
    FormScreen #form-problem.-shown { display: block; }
    """

    AUTO_FOCUS = "FieldInput"  # subclasses name their first field

    def on_screen_resume(self) -> None:
        # Typing replaces the prefilled value of the field that has the focus
        # (AUTO_FOCUS has just focused it; no query, so a closing app cannot trip here).
        if isinstance(self.focused, Input):
            self.focused.select_all()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_toggle_submitted(self, event: Toggle.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        raise NotImplementedError

    def clear_messages(self) -> None:
        """Hide every message before trying again."""
        for row in self.query(FieldRow):
            row.show_error("")
        self.show_problem("")

    def focus_field(self, field: str) -> None:
        """Focus a field with its text selected, so typing replaces it."""
        target = self.query_one(f"#{field}", Input)
        target.focus()
        target.select_all()

    def show_field_error(self, field: str | None, message: str) -> None:
        """The message under its field (focused), or on the form's problem line."""
        rows = {row.id for row in self.query(FieldRow)}
        if field is not None and f"row-{field}" in rows:
            self.query_one(f"#row-{field}", FieldRow).show_error(message)
            self.focus_field(field)
        else:
            self.show_problem(message)

    def show_problem(self, message: str) -> None:
        """A message about the whole form (empty hides it)."""
        problem = self.query_one("#form-problem", Static)
        if not message and not problem.has_class("-shown"):
            return
        problem.update(message)
        problem.set_class(bool(message), "-shown")
