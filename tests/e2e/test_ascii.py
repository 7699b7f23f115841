"""ASCII mode in a real pty: every byte okrtui draws is ASCII (escape codes aside)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.e2e.pty_session import PtySession, db_env

CONTROL = re.compile(rb"\x1b(\[[0-9;:?<=>]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-_])")


def _drawn(tmp_path: Path, ascii_value: str | None) -> tuple[str, str]:
    env = db_env(tmp_path)
    if ascii_value is not None:
        env["OKRTUI_ASCII"] = ascii_value
    session = PtySession(["--demo"], env)
    try:
        session.expect("Review journal")
        session.send("\t\t")  # the OKR pane's key results, then the journal
        session.send("j")
        screen = session.expect("Review journal")
        session.send("q")
        assert session.wait_exit() == 0
    finally:
        session.kill()
    return CONTROL.sub(b"", session.raw).decode("utf-8"), screen


def test_okrtui_ascii_sends_only_ascii_and_statuses_keep_their_words(tmp_path: Path) -> None:
    drawn, screen = _drawn(tmp_path, "1")
    assert {char for char in drawn if not char.isascii()} == set()
    assert "+- KPI vital signs" in screen
    assert "ok healthy" in screen and "x off track" in screen and "->KR1" in screen


def test_without_it_the_symbols_are_drawn(tmp_path: Path) -> None:
    drawn, screen = _drawn(tmp_path, None)
    assert "╭─ KPI vital signs" in screen and "✓ healthy" in screen and "✗ off track" in screen
