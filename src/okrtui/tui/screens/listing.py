"""A list to read over the dashboard: the plan check (`L`), what is due (`d`), calibration
(`C`). One centred box that j/k scroll; each screen adds the keys that close it."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen


class ListingScreen(ModalScreen[None]):
    """The box, its scrolling and its closing; a subclass fills the `VerticalScroll` it
    composes and binds its close keys (escape, q and the key that opened it)."""

    DEFAULT_CSS = """
    ListingScreen { align: center middle; }
    ListingScreen > VerticalScroll {
        width: 90; max-width: 100%; height: auto; max-height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    """

    BINDINGS = [Binding("j,down", "scroll(1)", "Down", show=False),
                Binding("k,up", "scroll(-1)", "Up", show=False)]

    def action_scroll(self, delta: int) -> None:
        self.query_one(VerticalScroll).scroll_relative(y=delta, animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
