"""okrtui over a real SSH connection: sshd on the loopback address, a key login, 80×24.

Skipped, with the reason, where sshd is not installed (Debian: openssh-server)
or cannot run here.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from okrtui.core.models import KeyResult, Metric, Objective
from okrtui.store.database import open_database
from okrtui.store.repository import Repository
from tests.e2e.pty_session import PtySession, db_env, terminal_restored

# CI sets this after installing what these tests need: a missing tool is then a failure.
REQUIRED = os.environ.get("OKRTUI_REQUIRE_E2E") == "1"
SSHD = shutil.which("sshd") or ("/usr/sbin/sshd" if Path("/usr/sbin/sshd").exists() else None)


def _skip(reason: str) -> None:
    if REQUIRED:
        pytest.fail(f"{reason} (OKRTUI_REQUIRE_E2E=1: CI should have installed it)")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def sshd(tmp_path: Path):  # noqa: ANN201
    """A private sshd for this test: its own host key, config and authorized key."""
    if SSHD is None:
        _skip("sshd is not installed (apt install openssh-server)")
    if os.geteuid() != 0 and not os.access("/run/sshd", os.W_OK):
        _skip("sshd needs root or /run/sshd here")
    keys = tmp_path / "ssh"
    keys.mkdir(mode=0o700)
    for name in ("host", "client"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(keys / name)],
                       check=True)
    (keys / "authorized_keys").write_text((keys / "client.pub").read_text())
    port = _free_port()
    config = keys / "sshd_config"
    config.write_text("\n".join([
        f"Port {port}", "ListenAddress 127.0.0.1", f"HostKey {keys / 'host'}",
        f"AuthorizedKeysFile {keys / 'authorized_keys'}", "PasswordAuthentication no",
        "KbdInteractiveAuthentication no", "UsePAM no", "StrictModes no",
        "PermitRootLogin prohibit-password", f"PidFile {keys / 'sshd.pid'}",
        "PermitUserEnvironment no", "AcceptEnv OKRTUI_TODAY LANG LC_*", ""]))
    Path("/run/sshd").mkdir(exist_ok=True)
    server = subprocess.Popen([SSHD, "-D", "-e", "-f", str(config)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            if server.poll() is not None:
                _skip(f"sshd would not start here: {server.communicate()[1][-300:]!r}")
            time.sleep(0.05)
    yield port, keys / "client"
    server.terminate()
    server.wait(timeout=10)


def _ssh(port: int, key: Path, remote: str) -> list[str]:
    """An ssh client logging in with the test's key and running `remote` in a tty."""
    return ["ssh", "-tt", "-i", str(key), "-p", str(port), "-o", "StrictHostKeyChecking=no",
            "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "BatchMode=yes",
            "127.0.0.1", remote]


def _plan(path: Path) -> None:
    repo = Repository(open_database(path), "seed")
    metric = repo.add_metric(Metric(name="Activation", unit="%", watched=False))
    objective = repo.okrs.add_objective(Objective(quarter="2026-Q4", title="New users stay"))
    kr = repo.okrs.add_key_result(KeyResult(
        objective_id=objective.id or 0, metric_id=metric.id or 0,
        statement="Lift activation from 25% to 35%", baseline=25, target=35,
        start=date(2026, 10, 1), due=date(2026, 12, 31), owner="sam"))
    repo.okrs.check_in(kr, 27, today=date(2026, 11, 23), at=date(2026, 11, 16), confidence=6)
    repo.db.close()


def test_check_in_over_ssh_at_80x24(sshd, tmp_path: Path) -> None:
    port, key = sshd
    path = tmp_path / "team.db"
    _plan(path)
    remote = (f"cd {tmp_path} && env OKRTUI_TODAY=2026-11-23 {sys.executable} -m okrtui "
              f"--db {path}")
    session = PtySession([], db_env(tmp_path), program=_ssh(port, key, remote))
    try:
        session.expect(r"This quarter's OKRs", timeout=30)
        session.send("\t")  # into the OKR pane
        session.send("j")
        session.send("c")
        session.expect(r"Check in: KR1")
        session.send("29\t\t8\tover ssh\r")  # value, date (today), confidence, comment
        session.expect(r"Checked in on KR1")
        session.send("q")
        assert session.wait_exit(20) == 0
        assert terminal_restored(session.raw)
    finally:
        session.kill()
    repo = Repository(open_database(path), "check")
    (latest, *_) = reversed(repo.okrs.check_ins(1))
    assert (latest.value, latest.confidence, latest.comment) == (29, 8, "over ssh")
    assert latest.author  # the account that logged in over SSH


def test_over_ssh_no_color_paste_and_copy_work_as_in_a_local_terminal(sshd,
                                                                      tmp_path: Path) -> None:
    from tests.e2e.test_copy import _decoded
    from tests.e2e.test_no_color import colour_codes

    port, key = sshd
    path = tmp_path / "team.db"
    _plan(path)
    remote = (f"cd {tmp_path} && env NO_COLOR=1 OKRTUI_TODAY=2026-11-23 {sys.executable} "
              f"-m okrtui --db {path}")
    session = PtySession([], db_env(tmp_path), program=_ssh(port, key, remote))
    try:
        session.expect(r"This quarter's OKRs", timeout=30)
        session.send("w")
        session.expect("New journal entry")
        session.send("\x1b[200~pasted\tover\x1b[A ssh\x1b[201~")
        session.expect("pasted    over␛\\[A ssh")
        session.send("\x13")  # ctrl+s
        session.expect(r"Saved note 1")
        session.send("\t\ty")  # the journal pane, its entry: copy it
        session.expect("Copied the entry of")
        session.send("q")
        assert session.wait_exit(20) == 0
    finally:
        session.kill()
    raw = session.raw
    assert colour_codes(raw) == set()
    assert _decoded(raw.decode("utf-8", "replace")) == "pasted    over␛[A ssh"
