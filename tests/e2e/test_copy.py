"""`y` copies to the local clipboard (in a real pty) through OSC 52, wrapped for tmux and screen."""

from __future__ import annotations

import base64
import re
from pathlib import Path

from okrtui.demo import build_demo
from okrtui.store.database import open_database
from okrtui.store.repository import Repository
from okrtui.tui.clipboard import osc52, too_large
from tests.e2e.pty_session import PtySession, db_env
from tests.tui.helpers import TODAY

PLAIN = re.compile(r"\x1b\]52;c;([A-Za-z0-9+/=]*)\x07")


def _decoded(sequence: str) -> str:
    match = PLAIN.search(sequence.replace("\x1b\x1b", "\x1b"))
    assert match is not None, repr(sequence[:40])
    return base64.b64decode(match[1]).decode()


def test_the_sequence_carries_the_text_and_is_wrapped_inside_tmux_and_screen() -> None:
    text = "Décision: ship it ✓\n- [ ] test"
    plain = osc52(text, {"TERM": "xterm-256color"})
    assert plain.startswith("\x1b]52;c;") and _decoded(plain) == text
    tmux = osc52(text, {"TMUX": "/tmp/tmux-0/default,1,0", "TERM": "screen"})
    assert tmux.startswith("\x1bPtmux;\x1b\x1b]52;") and tmux.endswith("\x1b\\")
    assert _decoded(tmux) == text
    screen = osc52("x" * 3000, {"TERM": "screen.xterm-256color", "STY": "1.pts"})
    chunks = re.findall(r"\x1bP(.*?)\x1b\\", screen, re.S)
    assert len(chunks) > 1 and all(len(c) <= 768 for c in chunks)
    assert _decoded("".join(chunks)) == "x" * 3000
    assert too_large("x" * 80_000) and not too_large("x" * 1000)


def test_y_on_a_journal_entry_sends_its_markdown_to_the_terminal(tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    repo = Repository(open_database(path), "seed")
    build_demo(repo, TODAY)
    first = repo.journal.entries()[0]
    repo.db.close()
    env = {**db_env(tmp_path), "OKRTUI_DB": str(path)}
    env.pop("TMUX", None)
    session = PtySession([], env)
    try:
        session.expect("Review journal")
        session.send("\t\ty")
        session.expect("Copied the entry of")
        session.send("q")
        assert session.wait_exit() == 0
    finally:
        session.kill()
    assert _decoded(session.raw.decode("utf-8", "replace")) == first.body
