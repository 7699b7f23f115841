"""Text from people is neutralised once, where it enters the program."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from okrtui.core.text import REPLACEMENT, clean_line, clean_text, name_key

TERMINAL_ACTIVE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


@pytest.mark.parametrize("clean", [clean_text, clean_line])
def test_escape_sequences_lose_their_escape_character(clean) -> None:
    out = clean("\x1b]0;pwned\x07title\x1b[31mred")
    assert "\x1b" not in out and "\x07" not in out
    assert out == "␛]0;pwned␇title␛[31mred"


@pytest.mark.parametrize("clean", [clean_text, clean_line])
@pytest.mark.parametrize("c1", ["\x9b", "\x9d", "\x90", "\x9f"])
def test_c1_controls_are_replaced(clean, c1: str) -> None:
    out = clean(f"a{c1}2J b")
    assert c1 not in out
    assert REPLACEMENT in out


@pytest.mark.parametrize("clean", [clean_text, clean_line])
def test_nul_and_del_become_visible_pictures(clean) -> None:
    assert clean("a\x00b\x7fc") == "a␀b␡c"


@pytest.mark.parametrize("clean", [clean_text, clean_line])
@pytest.mark.parametrize("char", list(BIDI))
def test_bidi_controls_are_shown_not_obeyed(clean, char: str) -> None:
    out = clean(f"admin{char}txt.exe")
    assert char not in out
    assert out == f"admin{REPLACEMENT}txt.exe"


def test_clean_text_keeps_newlines_and_tabs() -> None:
    assert clean_text("line one\n\tindented\nlast") == "line one\n\tindented\nlast"


def test_clean_text_normalises_other_line_breaks_to_newline() -> None:
    assert clean_text("a\r\nb\rc\u2028d\u2029e\x85f") == "a\nb\nc\nd\ne\nf"


def test_clean_line_turns_line_breaks_and_tabs_into_spaces_and_strips() -> None:
    assert clean_line("  two\nlines\tand\r\ntab  ") == "two lines and tab"


@pytest.mark.parametrize("clean", [clean_text, clean_line])
@pytest.mark.parametrize(
    "markup", ["[bold]x[/]", "[@click=app.quit]x", "[link=file:///etc/passwd]x[/link]", "[/"]
)
def test_markup_is_left_alone_as_plain_data(clean, markup: str) -> None:
    assert clean(markup) == markup


def test_ordinary_unicode_passes_through() -> None:
    text = "Umsatz € 12 – 日本語 – café – emoji 📈"
    assert clean_text(text) == text
    assert clean_line(text) == text


def test_name_key_folds_ascii_case_only() -> None:
    assert name_key("  Revenue ") == "revenue"
    assert name_key("ÉCOLE") == "École"  # like SQLite's NOCASE: non-ASCII kept


@given(st.text())
def test_clean_text_never_outputs_terminal_control_characters(text: str) -> None:
    assert not TERMINAL_ACTIVE.search(clean_text(text))


@given(st.text())
def test_clean_line_never_outputs_controls_or_line_breaks(text: str) -> None:
    out = clean_line(text)
    assert not TERMINAL_ACTIVE.search(out)
    assert "\n" not in out and "\t" not in out


@given(st.text())
def test_cleaning_is_idempotent(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once
    line = clean_line(text)
    assert clean_line(line) == line
