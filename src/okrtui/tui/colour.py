"""NO_COLOR as no-color.org says: a non-empty value means no colour escape codes.

Textual reads NO_COLOR itself, but it turns any value (even an empty one) into
a greyscale filter that still sends 256-colour codes. okrtui replaces that
filter with one that drops colours and keeps bold, reverse and underline, and
its CSS (`App:nocolor ...` in app.tcss) marks the cursor and focus by reverse
video instead of by a background colour.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from rich.segment import Segment
from textual.app import App
from textual.color import Color
from textual.filter import LineFilter, Monochrome, NoColor


def colour_off(environ: Mapping[str, str] = os.environ) -> bool:
    """True when NO_COLOR is set to a non-empty value."""
    return bool(environ.get("NO_COLOR"))


class Colourless(LineFilter):
    """Every segment without its colours; bold, reverse, underline and italics stay."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [Segment(text, None if style is None else style.without_color, control)
                for text, style, control in segments]


def apply_no_color(app: App[Any], environ: Mapping[str, str] = os.environ) -> None:
    """Replace Textual's NO_COLOR handling on a new app with no-color.org's rule."""
    # Textual keeps its filters in a private list; there is no public way to swap one.
    filters = [f for f in app._filters if not isinstance(f, Monochrome | NoColor)]
    app.no_color = colour_off(environ)
    if app.no_color:
        filters.append(Colourless())
    app._filters = filters
