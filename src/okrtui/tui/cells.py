"""User data as Rich `Text` cells: never parsed as markup, styled by meaning.

Every string that reached a model is already free of control characters
(`core.text`); building `Text` objects here keeps it free of markup too.
"""

from __future__ import annotations

from rich.text import Text

from okrtui.core.format import fit
from okrtui.core.kpi import STATUS_LABEL, Status

STATUS_STYLE = {
    Status.HEALTHY: "green",
    Status.BELOW: "bold red",
    Status.ABOVE: "bold red",
    Status.NO_RANGE: "yellow",
    Status.STALE: "yellow",
    Status.NO_DATA: "dim",
}


def plain(text: str, width: int | None = None, style: str = "") -> Text:
    """User text as a cell; cut to `width` columns when given."""
    return Text(fit(text, width) if width else text, style=style, no_wrap=True, end="")


def right(text: str, style: str = "") -> Text:
    """A right-aligned cell (numbers)."""
    return Text(text, style=style, justify="right", no_wrap=True, end="")


def status_cell(status: Status) -> Text:
    """A status in words and a symbol, so it reads without colour."""
    return Text(STATUS_LABEL[status], style=STATUS_STYLE[status], no_wrap=True, end="")
