"""Neutralise terminal control characters in text people typed or imported.

User text is data: it is never parsed as markup (the TUI renders it as
`Text`/`Content`), and the characters a terminal would act on are replaced
here, once, where text enters the program. Visible stand-ins are used rather
than silent deletion so that a reader can see something odd was there.
"""

from __future__ import annotations

import re

# C0 controls (except tab and newline), DEL and the C1 block. ESC starts every
# terminal escape sequence; C1 0x9b and 0x9d are one-byte CSI and OSC.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidirectional overrides and isolates can make text read differently from
# what it is ("Trojan source"); show them rather than obey them.
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_LINE_BREAKS = re.compile(r"\r\n|[\n\r\u2028\u2029\x85]")

REPLACEMENT = "\ufffd"


def _picture(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # Unicode "control pictures": ␛ for ESC, ␀ for NUL
    if code == 0x7F:
        return "\u2421"  # ␡
    return REPLACEMENT


def no_surrogates(value: str) -> str:
    """Lone surrogates (from bytes that were not UTF-8, say in a command's arguments)
    cannot be stored or printed: each becomes the replacement character."""
    return _SURROGATE.sub(REPLACEMENT, value)


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def clean_text(value: str) -> str:
    """Multi-line text safe for a terminal: newlines and tabs kept, controls shown."""
    value = _LINE_BREAKS.sub("\n", no_surrogates(value))
    value = _CONTROL.sub(_picture, value)
    return _BIDI.sub(REPLACEMENT, value)


def pasted_line(value: str) -> str:
    """A paste for a one-line field: all of it, as text (line breaks and tabs become
    spaces, controls are shown as their pictures), blanks at its ends kept."""
    return clean_text(_LINE_BREAKS.sub(" ", value).replace("\t", " "))


def pasted_text(value: str) -> str:
    """A paste for a multi-line editor: all of it, as text (tabs become four spaces, so
    a paste never moves the focus; controls are shown as their pictures)."""
    return clean_text(value).replace("\t", "    ")


def clean_line(value: str) -> str:
    """One-line text (a name, a unit): like `clean_text`, line breaks become spaces."""
    value = _LINE_BREAKS.sub(" ", value).replace("\t", " ")
    return clean_text(value).strip()


def name_key(name: str) -> str:
    """How names compare: case-insensitive for ASCII only, as SQLite's NOCASE does."""
    return name.strip().translate(_ASCII_LOWER)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
