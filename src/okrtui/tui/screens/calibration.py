"""`C`: how the confidences people gave compared with the scores their key results ended
at, for the team and each owner (`okrtui calibration`)."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from okrtui.core.calibration import MIN_CYCLES, MIN_KEY_RESULTS, Calibration
from okrtui.tui.screens.listing import ListingScreen
from okrtui.tui.widgets.key_bar import KeyBar


class CalibrationScreen(ListingScreen):
    """The team's calibration, then each owner's; escape, q or C closes it."""

    DEFAULT_CSS = """
    CalibrationScreen .owner { text-style: bold; }
    CalibrationScreen .line { padding-left: 2; }
    CalibrationScreen .hint { color: $text-muted; }
    """

    BINDINGS = [Binding("escape,q,C", "close", "Close")]

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
