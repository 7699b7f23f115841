"""A half-typed check-in in a real pty is never lost: ctrl+q asks (cancel gives it back),
a hang-up keeps it as a draft offered back on the next start, and only a discard
(esc on the offered draft) throws it away."""

from __future__ import annotations

import signal
from datetime import date, timedelta
from pathlib import Path

from okrtui.core.models import KeyResult, Metric, Objective
from okrtui.store.database import open_database
from okrtui.store.repository import Repository
from tests.e2e.pty_session import PtySession, db_env, terminal_restored


def _seed(path: Path) -> None:
    """One key result in the quarter of the real today (the command runs on it)."""
    today = date.today()
    first = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    last = (first + timedelta(days=95)).replace(day=1) - timedelta(days=1)
    repo = Repository(open_database(path), "seed")
    churn = repo.add_metric(Metric(name="Churn", unit="%", direction="lower", range_max=3))
    objective = repo.okrs.add_objective(Objective(
        quarter=f"{first.year}-Q{(first.month - 1) // 3 + 1}", title="Customers stay"))
    repo.okrs.add_key_result(KeyResult(
        objective_id=objective.id or 0, metric_id=churn.id or 0, statement="Move churn",
        baseline=4.0, target=2.5, start=first, due=last))
    repo.db.close()


def _drafts(path: Path) -> list[tuple[str, str, str]]:
    db = open_database(path)
    rows = db.execute("SELECT form, item, fields FROM form_draft").fetchall()
    db.close()
    return [tuple(row) for row in rows]


def test_a_half_typed_check_in_survives_quit_cancel_and_a_hang_up(tmp_path: Path) -> None:
    path = tmp_path / "drafts.db"
    _seed(path)
    session = PtySession(["--db", str(path)], db_env(tmp_path))
    try:
        session.expect(r"1 key result")
        session.send("\t")
        session.expect(r"Move churn")
        session.send("jc")
        session.expect(r"Check in: KR1")
        session.send("0.7\t\t\tdraft do not lose")
        session.expect(r"draft do not lose")
        session.send("\x11")  # ctrl+q
        session.expect(r"check-in is not saved")
        session.send("\x1b")  # esc: cancel, back to the form
        # The form's title shows behind the question too: wait for the question to go.
        session.expect_gone(r"is not saved")
        screen = session.expect(r"Check in: KR1")
        assert "is not saved" not in screen and "draft do not lose" in screen
        session.send(" still")  # the cursor is where it was: at the end of the comment
        session.expect(r"draft do not lose still")
        session.signal(signal.SIGHUP)  # the SSH connection drops
        session.wait_exit()
        assert terminal_restored(session.raw)
    finally:
        session.kill()
    ((form, item, fields),) = _drafts(path)
    assert (form, item) == ("check-in", "KR1")
    assert '"draft do not lose still"' in fields and '"0.7"' in fields

    again = PtySession(["--db", str(path)], db_env(tmp_path))
    try:
        again.expect(r"1 key result")
        again.send("\t")
        again.expect(r"Move churn")
        again.send("jc")
        again.expect(r"unsaved check-in from .* is back")
        assert "draft do not lose still" in again.text()
        assert _drafts(path)  # offered back, not yet thrown away
        again.send("\x1b")  # esc discards it
        again.expect(r"1 key result")
        again.send("q")
        assert again.wait_exit() == 0
    finally:
        again.kill()
    assert _drafts(path) == []
    assert Repository(open_database(path), "check").okrs.check_ins(1) == []
