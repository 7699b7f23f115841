"""A bracketed paste in a real pty is text: ESC sequences, TABs and newlines in it land,
in order, in the one field focused, never as keys."""

from __future__ import annotations

from pathlib import Path

from okrtui.store.database import open_database
from okrtui.store.repository import Repository
from tests.e2e.pty_session import PtySession, db_env
from tests.e2e.test_real_terminal import _seed

PASTE = "\x1b[200~price\tchange\x1b[A up\r\nhere\x1b[201~"


def test_a_paste_into_a_field_stays_in_it_as_text(tmp_path: Path) -> None:
    path = tmp_path / "paste.db"
    _seed(path)
    session = PtySession(["--db", str(path)], db_env(tmp_path))
    try:
        session.expect(r"1 watched")
        session.send("r")
        session.expect("Record a reading")
        session.send("3.4\t2026-11-20\t")  # value, date, then the note field
        session.send(PASTE)
        session.expect("price change␛\\[A up here")
        session.send("\r")
        session.expect(r"Saved Churn = 3\.4%")
        session.send("q")
        assert session.wait_exit() == 0
    finally:
        session.kill()
    repo = Repository(open_database(path), "check")
    (reading,) = repo.history(repo.get_metric("Churn").id or 0)
    assert (reading.value, reading.at.isoformat()) == (3.4, "2026-11-20")
    assert reading.note == "price change␛[A up here"


def test_a_paste_into_the_editor_keeps_its_lines_in_order(tmp_path: Path) -> None:
    path = tmp_path / "paste.db"
    _seed(path)
    session = PtySession(["--db", str(path)], db_env(tmp_path))
    try:
        session.expect(r"1 watched")
        session.send("w")
        session.expect("New journal entry")
        session.send("\x1b[200~first\x1b[B line\nsecond\tline\x1b[201~")
        session.expect("second    line")
        session.send("\x13")  # ctrl+s
        session.expect(r"Saved note 1")
        session.send("q")
        assert session.wait_exit() == 0
    finally:
        session.kill()
    (body,) = Repository(open_database(path), "check").db.execute(
        "SELECT body FROM journal_entry").fetchone()
    assert body == "first␛[B line\nsecond    line"
