"""NO_COLOR in a real pty, as no-color.org says: a non-empty value, no colour codes at all."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.e2e.pty_session import PtySession, db_env

SGR = re.compile(rb"\x1b\[([0-9;:]*)m")


def sgr_params(raw: bytes) -> list[list[int]]:
    """Each Select Graphic Rendition sequence's numbers."""
    return [[int(p) if p else 0 for p in m.group(1).replace(b":", b";").split(b";")]
            for m in SGR.finditer(raw)]


def colour_codes(raw: bytes) -> set[str]:
    """The colour settings in the output: 3x/4x/9x/10x, 38;…/48;… (and 39/49 defaults)."""
    found: set[str] = set()
    for params in sgr_params(raw):
        i = 0
        while i < len(params):
            n = params[i]
            if n in (38, 48):
                step = 5 if params[i + 1:i + 2] == [2] else 3
                found.add(";".join(map(str, params[i:i + step])))
                i += step
                continue
            if 30 <= n <= 37 or 40 <= n <= 47 or 90 <= n <= 97 or 100 <= n <= 107 \
                    or n in (39, 49):
                found.add(str(n))
            i += 1
    return found


def _dashboard_output(tmp_path: Path, no_color: str | None) -> tuple[bytes, str]:
    env = db_env(tmp_path)
    env.pop("NO_COLOR", None)
    if no_color is not None:
        env["NO_COLOR"] = no_color
    session = PtySession(["--demo"], env)
    try:
        session.expect("Review journal")
        session.send("j")
        screen = session.expect("Review journal")
        session.send("q")
        assert session.wait_exit() == 0
    finally:
        session.kill()
    return session.raw, screen


def test_no_color_set_gives_no_colour_codes_and_the_cursor_by_reverse_video(
        tmp_path: Path) -> None:
    raw, screen = _dashboard_output(tmp_path, "1")
    assert colour_codes(raw) == set()
    assert any(7 in params for params in sgr_params(raw))  # the cursor row, reversed
    assert "healthy" in screen and "off track" in screen  # meanings are words, not colours


@pytest.mark.parametrize("value", ["", None])
def test_an_empty_or_unset_no_color_keeps_colour(tmp_path: Path, value: str | None) -> None:
    assert len(colour_codes(_dashboard_output(tmp_path, value)[0])) > 5
