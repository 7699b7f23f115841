"""`C`: how the confidences people gave compared with the scores their key results ended
at, for the team and each owner (`okrtui calibration`)."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from okrtui.core.calibration import MIN_CYCLES, MIN_KEY_RESULTS, Calibration
from okrtui.tui.widgets.key_bar import KeyBar


class CalibrationScreen(ModalScreen[None]):
    """The team's calibration, then each owner's; escape, q or C closes it."""

    DEFAULT_CSS = """
    CalibrationScreen { align: center middle; }
    CalibrationScreen > VerticalScroll {
        width: 90; max-width: 100%; height: auto; max-height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    CalibrationScreen .owner { text-style: bold; }
    CalibrationScreen .line { padding-left: 2; }
    CalibrationScreen .hint { color: $text-muted; }
    """

    BINDINGS = [Binding("escape,q,C", "close", "Close"),
                Binding("j,down", "scroll(1)", "Down", show=False),
                Binding("k,up", "scroll(-1)", "Up", show=False)]

    def __init__(self, calibrations: Sequence[Calibration]) -> None:
        super().__init__()
        self._calibrations = list(calibrations)

    def compose(self) -> ComposeResult:
        with VerticalScroll() as box:
            box.border_title = "Confidence calibration · closed cycles"
            yield Static(Content(
                "The last confidence given before close against the final score; n/a left "
                f"out; a level needs {MIN_KEY_RESULTS} key results over {MIN_CYCLES} cycles."),
                classes="hint")
            for calibration in self._calibrations:
                # Owners' names are people's text: plain Content, never markup.
                yield Static(Content(calibration.owner or "Team"), classes="owner")
                for line in calibration.lines():
                    yield Static(Content(line), classes="line")
        yield KeyBar()

    def action_scroll(self, delta: int) -> None:
        self.query_one(VerticalScroll).scroll_relative(y=delta, animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
