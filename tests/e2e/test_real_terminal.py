"""okrtui in a real pseudo-terminal: start, record by keys, quit, terminal given back."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from okrtui.core.models import Metric
from okrtui.store.database import open_database
from okrtui.store.repository import Repository
from tests.e2e.pty_session import PtySession, db_env, terminal_restored


def _seed(path: Path) -> None:
    repo = Repository(open_database(path), "seed")
    repo.add_metric(Metric(name="Churn", unit="%", direction="lower", range_max=3))
    repo.db.close()


def test_record_by_keys_in_a_real_terminal_then_quit_restores_it(tmp_path: Path) -> None:
    path = tmp_path / "e2e.db"
    _seed(path)
    session = PtySession(["--db", str(path)], db_env(tmp_path))
    try:
        session.expect(r"1 watched")
        assert "- no data" in session.text()
        session.send("r")
        session.expect("Record a reading")
        session.send("3.4\r")
        session.expect(r"Saved Churn = 3\.4%")
        session.expect(r"▲ above")  # a frame can arrive in pieces: wait for the row too
        session.send("q")
        assert session.wait_exit() == 0
        assert terminal_restored(session.raw)
    finally:
        session.kill()
    repo = Repository(open_database(path), "check")
    assert [r.value for r in repo.history(repo.get_metric("Churn").id or 0)] == [3.4]


def test_sigterm_and_sighup_give_the_terminal_back(tmp_path: Path) -> None:
    path = tmp_path / "sig.db"
    _seed(path)
    for sig in (signal.SIGTERM, signal.SIGHUP):
        session = PtySession(["--db", str(path)], db_env(tmp_path))
        try:
            session.expect(r"1 watched")
            session.signal(sig)
            session.wait_exit()
            assert terminal_restored(session.raw), f"terminal not restored after {sig.name}"
        finally:
            session.kill()


def test_dumb_terminal_gets_a_message_not_escape_codes(tmp_path: Path) -> None:
    env = {**db_env(tmp_path), "TERM": "dumb"}
    done = subprocess.run([sys.executable, "-m", "okrtui", "--db", str(tmp_path / "x.db")],
                          env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL,
                          timeout=30, check=False)
    assert done.returncode == 1
    assert "okrtui kpis" in done.stderr and "\x1b" not in done.stdout + done.stderr


def test_demo_opens_on_demo_data_and_leaves_no_database_behind(tmp_path: Path) -> None:
    session = PtySession(["--demo"], db_env(tmp_path))
    try:
        screen = session.expect(r"6 watched")
        assert "Activation rate" in screen
        session.send("q")
        assert session.wait_exit() == 0
    finally:
        session.kill()
    leftovers = [p for p in tmp_path.rglob("*") if p.suffix == ".db"]
    assert leftovers == []
    assert not (Path(os.environ.get("TMPDIR", "/tmp")) / "okrtui-demo-").exists()


def test_keys_typed_in_a_burst_land_in_the_right_fields(tmp_path: Path) -> None:
    path = tmp_path / "burst.db"
    _seed(path)
    session = PtySession(["--db", str(path)], db_env(tmp_path))
    try:
        session.expect(r"1 watched")
        session.send("r")
        session.expect("Record a reading")
        session.send("3.4\t2026-11-20\thello\r")
        session.expect(r"Saved Churn = 3\.4%")
        session.send("q")
        session.wait_exit()
    finally:
        session.kill()
    repo = Repository(open_database(path), "check")
    (reading,) = repo.history(repo.get_metric("Churn").id or 0)
    assert (reading.value, reading.at.isoformat(), reading.note) == (3.4, "2026-11-20", "hello")


def test_a_hang_up_while_writing_keeps_the_draft_and_it_comes_back(tmp_path: Path) -> None:
    path = tmp_path / "e2e.db"
    _seed(path)
    session = PtySession(["--db", str(path)], db_env(tmp_path))
    try:
        session.expect(r"1 watched")
        session.send("w")
        session.expect("New journal entry")
        session.send("Churn spiked after the price change")
        session.expect("after the price change")
        session.signal(signal.SIGHUP)  # the SSH connection drops, right after typing
        session.wait_exit()
        assert terminal_restored(session.raw)
    finally:
        session.kill()
    (author,) = Repository(open_database(path), "check").db.execute(
        "SELECT DISTINCT author FROM journal_draft").fetchone()
    assert author  # the draft was saved for the person typing

    again = PtySession(["--db", str(path)], db_env(tmp_path))
    try:
        again.expect(r"1 watched")
        again.send("w")
        again.expect("draft from .* is back")
        assert "Churn spiked after the price change" in again.text()
        again.send("\x13")  # ctrl+s saves it
        again.expect(r"Saved note 1")
        again.send("q")
        assert again.wait_exit() == 0
    finally:
        again.kill()
    repo = Repository(open_database(path), author)
    (entry,) = repo.journal.entries()
    assert entry.body == "Churn spiked after the price change"
    assert entry.links and repo.journal.link_text(entry.links) == "Churn"
    assert repo.journal.draft() is None
