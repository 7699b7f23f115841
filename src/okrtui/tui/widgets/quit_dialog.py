"""Quitting while a form holds unsaved input: save it, discard it, or go back to it."""

from __future__ import annotations

from typing import Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from okrtui.tui.widgets.key_bar import KeyBar

QuitChoice = Literal["save", "discard"]


class QuitDialog(ModalScreen[QuitChoice | None]):
    """Dismisses with "save", "discard" or None (cancel: back to the form, as it was).
    `ctrl+q` again is the app's: it quits, keeping the input as a draft."""

    DEFAULT_CSS = """
    QuitDialog { align: center middle; }
    QuitDialog > Vertical {
        width: 64; max-width: 100%; height: auto; border: round $warning;
        background: $surface; padding: 0 1;
    }
    """

    BINDINGS = [
        Binding("s", "answer('save')", "Save and quit"),
        Binding("d", "answer('discard')", "Discard and quit"),
        Binding("escape,c", "answer(None)", "Cancel"),
    ]

    def __init__(self, what: str) -> None:
        super().__init__()
        self._what = what

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = Content("Quit okrtui?")
            yield Static(f"Your {self._what} is not saved.", markup=False)
            yield Static("s: save it and quit · d: discard it and quit\n"
                         "esc: cancel, back to it · ctrl+q again: quit, keeping a draft",
                         markup=False)
        yield KeyBar()

    def action_answer(self, choice: QuitChoice | None) -> None:
        self.dismiss(choice)
