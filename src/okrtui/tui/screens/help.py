"""`?`: the keys of the screen you came from, with what each does."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from okrtui.tui.widgets.key_bar import KeyBar

GENERAL = [
    ("?", "these keys (esc closes)"),
    ("ctrl+p", "command palette: every action by name"),
    ("tab / shift+tab", "move between fields"),
]


class HelpScreen(ModalScreen[None]):
    """Lists key bindings; any of escape, q or ? closes it."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 66; max-width: 100%; height: auto; max-height: 90%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    """

    BINDINGS = [Binding("escape,q,question_mark", "close", "Close")]

    def __init__(self, title: str, keys: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self._title = title
        self._keys = list(keys)

    def compose(self) -> ComposeResult:
        with VerticalScroll() as box:
            box.border_title = f"Keys: {self._title}"
            width = max(len(k) for k, _ in [*self._keys, *GENERAL]) + 2
            lines = [f"{key:<{width}}{what}" for key, what in self._keys]
            lines += ["", *(f"{key:<{width}}{what}" for key, what in GENERAL)]
            yield Static("\n".join(lines), markup=False)
        yield KeyBar()

    def action_close(self) -> None:
        self.dismiss(None)
