"""The paste filter: ESCs inside a bracketed paste become ␛, however the input is split."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from okrtui.core.text import pasted_line, pasted_text
from okrtui.tui.paste import END, ESC_PICTURE, START, PasteFilter

texts = st.text(alphabet=st.sampled_from(list("ab\t\r\n\x1b[A~0123")), max_size=30)


def _feed(data: str, cuts: list[int]) -> str:
    paste = PasteFilter()
    bounds = sorted({0, len(data), *(c % (len(data) + 1) for c in cuts)})
    out = "".join(paste(data[a:b]) for a, b in zip(bounds, bounds[1:], strict=False))
    return out + paste.flush()


@given(texts.filter(lambda t: START not in t and END not in t),
       texts.filter(lambda t: "\x1b" not in t), st.lists(st.integers(0, 200), max_size=8))
def test_an_esc_inside_a_paste_is_shown_and_the_keys_around_it_pass_as_they_are(
        pasted: str, typed: str, cuts: list[int]) -> None:
    data = typed + START + pasted + END + typed
    assert _feed(data, cuts) == typed + START + pasted.replace("\x1b", ESC_PICTURE) + END + typed


def test_a_lone_escape_key_is_never_held_back() -> None:
    assert PasteFilter()("\x1b") == "\x1b"


def test_a_paste_for_one_line_keeps_all_its_text_and_one_for_the_editor_its_lines() -> None:
    assert pasted_line(" a\tb\r\nc\x1b[A ") == " a b c␛[A "
    assert pasted_text("a\tb\nc\x07") == "a    b\nc␇"
