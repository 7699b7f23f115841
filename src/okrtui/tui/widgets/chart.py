"""A KPI's XmR chart (core.xmr_plot) as a widget: glyphs say it all, colour repeats it."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from itertools import groupby

from rich.text import Text
from textual.widget import Widget

from okrtui.core.format import format_number, round_to_spread
from okrtui.core.models import Point
from okrtui.core.signals import XmR
from okrtui.core.symbols import S
from okrtui.core.xmr_plot import ASCII_GLYPHS, CENTRE, EARLIER, FLAGGED, LIMIT, plot_xmr
from okrtui.tui.widgets.row_list import NO_COLOR

GLYPH_STYLE = {FLAGGED: "bold red", LIMIT: "dim", CENTRE: "dim", EARLIER: "dim", "^": "bold"}


class XmrChart(Widget):
    """Draws the most recent readings that fit, with the limits and flagged points."""

    DEFAULT_CSS = """
    XmrChart { height: 9; }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self._points: list[Point] = []
        self._chart: XmR | None = None
        self._pulled: frozenset[date] = frozenset()

    def show(self, points: Sequence[Point], chart: XmR, pulled: Collection[date] = ()) -> None:
        """Replace the points (oldest first) and their chart, and redraw; readings of
        `pulled` dates came from a KPI source and have a glyph of their own."""
        self._points = list(points)
        self._chart = chart
        self._pulled = frozenset(pulled)
        self.refresh()

    def _label(self, value: float) -> str:
        chart = self._chart
        spread = 0.0
        if chart is not None and chart.upper is not None and chart.lower is not None:
            spread = chart.upper - chart.lower
        return format_number(round_to_spread(value, spread))

    def render(self) -> Text:
        if not self._points or self._chart is None:
            return Text("no readings yet: press r to record one", style="dim")
        lines = plot_xmr([p.at for p in self._points], [p.value for p in self._points],
                         self._chart, self.size.width, max(self.size.height - 1, 3),
                         self._label, self._pulled)
        text = Text(no_wrap=True, end="")
        for line in lines:
            for glyph, run in groupby(line):
                shown = "".join(run)
                text.append(shown.translate(ASCII_GLYPHS) if S.ascii else shown,
                            style=_style(glyph))
            text.append("\n")
        return text


def _style(glyph: str) -> str:
    if NO_COLOR:  # bold still tells a flagged point from the rest
        return "bold" if glyph in (FLAGGED, "^") else ""
    return GLYPH_STYLE.get(glyph, "")
