"""What a terminal too small to be usable shows, until it grows again."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Static
from textual.widgets.input import Selection

MIN_WIDTH, MIN_HEIGHT = 60, 16
MESSAGE = f"the terminal is too small: okrtui needs {MIN_WIDTH}×{MIN_HEIGHT}"


def too_small(width: int, height: int) -> bool:
    """Whether a `width`×`height` terminal is below what okrtui can lay out."""
    return width < MIN_WIDTH or height < MIN_HEIGHT


class TooSmallScreen(Screen[None]):
    """Covers every screen (a dialog keeps its typed text and cursor beneath) and
    takes no keys but quitting (ctrl+q); the app removes it when the terminal grows."""

    DEFAULT_CSS = """
    TooSmallScreen { align: center middle; }
    TooSmallScreen > Static { width: 100%; height: auto; text-align: center; }
    """
    def __init__(self, beneath: Screen[Any]) -> None:
        """`beneath` is the screen covered; its field's cursor is kept for its return."""
        super().__init__()
        self._field: Widget | None = beneath.focused
        self._selection: Selection | None = (
            self._field.selection if isinstance(self._field, Input) else None)

    def compose(self) -> ComposeResult:
        yield Static(MESSAGE, markup=False)

    def restore(self) -> None:
        """Put the cursor back where it was (an Input selects all of its text when
        focus comes back to it, and the next key would replace what was typed)."""
        if isinstance(self._field, Input) and self._selection is not None:
            self._field.selection = self._selection
