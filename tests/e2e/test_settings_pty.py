"""The settings file in a real pty: a keymap that rebinds check-in, a broken line named."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.pty_session import PtySession, db_env
from tests.e2e.test_ssh import _plan


def _session(tmp_path: Path, settings: str) -> PtySession:
    path = tmp_path / "team.db"
    _plan(path)
    config = tmp_path / "config.toml"
    config.write_text(settings)
    env = {**db_env(tmp_path), "OKRTUI_CONFIG": str(config)}
    return PtySession(["--db", str(path)], env)


def _check_in_opens_then_quit(session: PtySession, key: str) -> None:
    """`key` opens the check-in dialog; esc closes it; q quits cleanly."""
    session.send(key)
    session.expect(r"Check in: KR1")
    session.send("\x1b")
    session.expect(r"c Check in|I Check in|Weekly review")
    session.send("q")
    assert session.wait_exit() == 0


def test_a_keymap_file_rebinds_the_check_in_key(tmp_path: Path) -> None:
    session = _session(tmp_path, '[keys]\ncheck-in = "I"\n')
    try:
        session.expect(r"This quarter's OKRs")
        session.send("\tj")
        _check_in_opens_then_quit(session, "I")
    finally:
        session.kill()


def test_a_broken_settings_line_is_named_and_the_defaults_run(tmp_path: Path) -> None:
    session = _session(tmp_path, 'theme = "nord"\nweek_starts = "someday"\n')
    try:
        session.expect(r"Settings line 2: week_starts should be")
        session.send("\tj")
        _check_in_opens_then_quit(session, "c")  # the default key
    finally:
        session.kill()
