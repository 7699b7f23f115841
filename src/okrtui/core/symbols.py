"""Every symbol okrtui draws, and its plain stand-in for terminals that cannot draw them.

`S` holds the symbols in use: Unicode by default; `use_ascii(True)` (the
dashboard's ASCII mode, chosen once at start from `OKRTUI_ASCII` or the
settings' `ascii`) switches every one to ASCII, in place, so `S.flag` read at
drawing time gives "*" instead of "⚑". Meanings stay: a status keeps its
words ("ok healthy", "x off track"), a mark keeps its place.

`plain_cells` is the last word for whatever is left (box lines, Textual's own
glyphs, people's text): one ASCII character per terminal cell, so nothing moves.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping
from typing import TypeVar

UNICODE = {
    "ok": "✓", "off": "✗", "risk": "!", "below": "▼", "above": "▲", "stale": "…",
    "flag": "⚑", "warn": "⚠", "to": "→", "back": "←", "ellipsis": "…", "dot": "·",
    "bars": "▁▂▃▄▅▆▇█", "full": "█", "empty": "░", "partial": "▏▎▍▌▋▊▉",
    "pace": "│", "pace_on": "┃", "at_least": "≥", "at_most": "≤", "range": "–",
    "newline": "⏎", "none": "—", "success": "✓", "pulled": "◦", "source_failing": "◦✗",
}
ASCII = {
    "ok": "ok", "off": "x", "risk": "!", "below": "v", "above": "^", "stale": "...",
    "flag": "*", "warn": "!", "to": "->", "back": "<-", "ellipsis": "...", "dot": "-",
    "bars": "_.:-=+*#", "full": "#", "empty": ".", "partial": "::-----",
    "pace": "|", "pace_on": "|", "at_least": ">=", "at_most": "<=", "range": "-",
    "newline": "\\n", "none": "--", "success": "ok", "pulled": "@", "source_failing": "@!",
}


class Symbols:
    """The symbols in use, by name: `S.flag`, `S.to`, `S.bars`."""

    ok = off = risk = below = above = stale = flag = warn = to = back = ellipsis = dot = ""
    bars = full = empty = partial = pace = pace_on = at_least = at_most = range = ""
    newline = none = success = pulled = source_failing = ""
    ascii = False

    def __init__(self) -> None:
        self.choose(False)

    def choose(self, plain: bool) -> None:
        """ASCII stand-ins (`plain`) or Unicode, for everything drawn from now on."""
        self.ascii = plain
        for name, symbol in (ASCII if plain else UNICODE).items():
            setattr(self, name, symbol)


S = Symbols()


def use_ascii(plain: bool) -> None:
    """Draw with ASCII stand-ins (True) or with Unicode symbols (False)."""
    S.choose(plain)


K = TypeVar("K")


class Labels(Mapping[K, str]):
    """Status → "symbol words" ("✓ healthy", or "ok healthy" in ASCII), read when drawn."""

    def __init__(self, entries: Mapping[K, tuple[str, str]]) -> None:
        self._entries = dict(entries)  # status → (symbol name, or a literal; words)

    def __getitem__(self, key: K) -> str:
        symbol, words = self._entries[key]
        return f"{getattr(S, symbol, symbol)} {words}"

    def __iter__(self) -> Iterator[K]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)


# One ASCII character for each cell-wide symbol: box lines, blocks, marks, punctuation.
_CELLS = {
    **dict.fromkeys("─━═┄┅┈┉╌╍▔▀", "-"), **dict.fromkeys("│┃║┆┇┊┋╎╏▕▏▎▍▌▋▊▉▐", "|"),
    **dict.fromkeys("┌┐└┘├┤┬┴┼╭╮╯╰╔╗╚╝╠╣╦╩╬┏┓┗┛┣┫┳┻╋╒╓╕╖╘╙╛╜╞╟╡╢╤╥╧╨╪╫", "+"),
    # okrtui's own bars are ASCII already (S.bars): what is left is Textual's scrollbar.
    "▁": "_", **dict.fromkeys("▂▃▄▅▆▇█", "#"),
    "░": ".", "▒": ":", "▓": "#", "■": "#", "□": "o", "▪": "#", "▫": "o",
    "✓": "v", "✔": "v", "✗": "x", "✘": "x", "⚑": "*", "⚠": "!", "→": ">", "←": "<",
    "↑": "^", "↓": "v", "⇣": "v", "▲": "^", "▼": "v", "▶": ">", "◀": "<", "►": ">", "◄": "<",
    "…": "~", "·": "-", "•": "*", "●": "o", "○": "o", "◆": "*", "◇": "o", "×": "x",
    "–": "-", "—": "-", "‐": "-", "−": "-", "≥": ">", "≤": "<", "±": "+", "≠": "#",
    "‘": "'", "’": "'", "“": '"', "”": '"', "«": "<", "»": ">", "⏎": "/", "\u00a0": " ",
    "°": "o", "€": "E", "£": "L", "¥": "Y",
    "🔎": "> ",  # the command palette's search icon takes two cells
}


def plain_cells(text: str) -> str:
    """`text` in ASCII, cell for cell: the same width on screen, every symbol a plain
    one, an accented letter its base letter, anything else "?" (two for a wide one)."""
    if text.isascii():
        return text
    out = []
    for char in text:
        if char.isascii():
            out.append(char)
        elif char in _CELLS:
            out.append(_CELLS[char])
        elif "\u2400" <= char <= "\u2426":  # ␛ and the other control pictures stay
            out.append(char)
        elif unicodedata.combining(char):
            continue
        else:
            base = unicodedata.normalize("NFKD", char)[:1]
            wide = unicodedata.east_asian_width(char) in ("W", "F")
            out.append("?" * (1 + wide) if wide or not base.isascii() else base)
    return "".join(out)
