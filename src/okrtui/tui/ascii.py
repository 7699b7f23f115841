"""ASCII mode (`OKRTUI_ASCII=1`, or `ascii = true` in the settings file) for terminals
that cannot draw box lines and symbols.

Chosen once, when the app starts: `core.symbols.use_ascii` switches the symbols
okrtui draws itself to their stand-ins ("ok healthy", "->KR3", "*" for a plan-check
flag), and `AsciiCells`, a line filter, turns whatever else reaches the screen
(box borders, Textual's own glyphs, accented letters) into ASCII, one character
per cell so nothing moves: borders become `+--+` and `|`, as Textual's "ascii"
border type draws them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from rich.segment import Segment
from textual.app import App
from textual.color import Color
from textual.filter import LineFilter

from okrtui.core.symbols import plain_cells, use_ascii
from okrtui.settings import Settings

ASCII_ENV = "OKRTUI_ASCII"
_OFF = {"", "0", "false", "no", "off"}


def ascii_wanted(settings: Settings, environ: Mapping[str, str] = os.environ) -> bool:
    """`OKRTUI_ASCII` when it is set (1/true/yes on, 0/false/no off), else the settings'."""
    value = environ.get(ASCII_ENV)
    if value is None:
        return settings.ascii
    return value.strip().casefold() not in _OFF


class AsciiCells(LineFilter):
    """Every segment's text in ASCII, cell for cell; styles untouched."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [segment if segment.control or segment.text.isascii()
                else Segment(plain_cells(segment.text), segment.style)
                for segment in segments]


def apply_ascii(app: App[Any], settings: Settings,
                environ: Mapping[str, str] = os.environ) -> bool:
    """Choose the symbols for this run (ASCII or Unicode) and, for ASCII, add the filter."""
    plain = ascii_wanted(settings, environ)
    use_ascii(plain)
    # Textual keeps its filters in a private list; there is no public way to add one.
    filters = [f for f in app._filters if not isinstance(f, AsciiCells)]
    if plain:
        filters.append(AsciiCells())
    app._filters = filters
    return plain
