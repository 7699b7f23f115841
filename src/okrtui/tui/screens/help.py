"""`?`: the keys of the screen you came from, with what each does."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from okrtui.tui.widgets.key_bar import KeyBar

TWO_COLUMNS_FROM = 17  # lines
GENERAL = [
    ("?", "these keys (esc closes)"),
    ("ctrl+p", "command palette: every action"),
    ("tab shift+tab", "next / previous field"),
]


class HelpScreen(ModalScreen[None]):
    """Lists key bindings; any of escape, q or ? closes it."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 66; max-width: 100%; height: auto; max-height: 90%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    HelpScreen > VerticalScroll.two-columns { width: 78; }
    HelpScreen Horizontal { height: auto; }
    HelpScreen Horizontal > Static { width: 1fr; text-wrap: nowrap; text-overflow: ellipsis; }
    HelpScreen Horizontal > Static:first-child { width: auto; margin-right: 3; }
    """

    BINDINGS = [Binding("escape,q,question_mark", "close", "Close")]

    def __init__(self, title: str, keys: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self._title = title
        self._keys = list(keys)

    def compose(self) -> ComposeResult:
        entries = [*self._keys, ("", ""), *GENERAL]
        # A long list goes in two columns, so it fits 80×24 without scrolling.
        halves = [entries] if len(entries) <= TWO_COLUMNS_FROM else [
            entries[:(len(entries) + 1) // 2], entries[(len(entries) + 1) // 2:]]
        with VerticalScroll(classes="two-columns" if len(halves) > 1 else "") as box:
            box.border_title = f"Keys: {self._title}"
            with Horizontal():
                for half in halves:
                    width = max(len(k) for k, _ in half) + 2
                    yield Static("\n".join(f"{key:<{width}}{what}".rstrip() for key, what in half),
                                 markup=False)
        yield KeyBar()

    def action_close(self) -> None:
        self.dismiss(None)
