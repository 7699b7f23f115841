"""A column chart of a metric's values with its scale and dates, in plain text."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widget import Widget

from okrtui.core.format import bar_chart, format_number
from okrtui.core.models import Point


class HistoryChart(Widget):
    """Draws the most recent points that fit the width; scale on the left."""

    DEFAULT_CSS = """
    HistoryChart { height: 8; }
    """

    def __init__(self, points: Sequence[Point] = (), **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._points = list(points)

    def show(self, points: Sequence[Point]) -> None:
        """Replace the points (oldest first) and redraw."""
        self._points = list(points)
        self.refresh()

    def render(self) -> Text:
        width, height = self.size.width, self.size.height
        if not self._points:
            return Text("no readings yet: press r to record one", style="dim")
        chart_height = max(height - 1, 1)
        labels_width = 10
        fit = self._points[-max(width - labels_width - 1, 1):]
        values = [p.value for p in fit]
        rows = bar_chart(values, len(values), chart_height)
        top, bottom = format_number(max(values)), format_number(min(values))
        text = Text(no_wrap=True, end="")
        for index, row in enumerate(rows):
            label = top if index == 0 else (bottom if index == len(rows) - 1 else "")
            text.append(f"{label:>{labels_width}} ", style="dim")
            text.append(row + "\n")
        first, last = fit[0].at.isoformat(), fit[-1].at.isoformat()
        gap = max(len(values) - len(first) - len(last), 1)
        text.append(" " * (labels_width + 1) + first + " " * gap + last, style="dim")
        return text
