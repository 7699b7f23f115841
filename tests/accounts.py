"""A second operating-system account for the tests that two people share a database:
made on first use when the tests run as root (CI does), else the test is skipped
(or fails, under OKRTUI_REQUIRE_E2E=1)."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

TEAMMATE = "okrtui-teammate"
REQUIRED = os.environ.get("OKRTUI_REQUIRE_E2E") == "1"


def teammate() -> pwd.struct_passwd:
    """The second account, made if missing (root only)."""
    try:
        return pwd.getpwnam(TEAMMATE)
    except KeyError:
        pass
    if os.getuid() != 0 or shutil.which("useradd") is None:
        reason = f"needs a second account {TEAMMATE!r} (run as root to make it)"
        if REQUIRED:
            pytest.fail(f"{reason} (OKRTUI_REQUIRE_E2E=1)")
        pytest.skip(reason)
    subprocess.run(["useradd", "--create-home", "--shell", "/bin/sh", TEAMMATE], check=True,
                   capture_output=True)
    return pwd.getpwnam(TEAMMATE)


@contextmanager
def shared_folder() -> Iterator[Path]:
    """A folder both accounts may write, as a team's shared database folder is."""
    folder = Path(tempfile.mkdtemp(prefix="okrtui-shared-", dir="/tmp"))
    folder.chmod(0o777)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def share(db: Path) -> None:
    """Let the other account write the database (and its WAL files) too."""
    for path in db.parent.glob(db.name + "*"):
        path.chmod(0o666)


def _as(account: pwd.struct_passwd) -> list[str]:
    """The prefix that runs a program as `account`. When this interpreter sits where
    the account cannot read it (a Python under /root), the account gets only the
    capability to read files (CAP_DAC_READ_SEARCH): it is still another uid with its
    own home, which is what these tests are about."""
    plain = ["setpriv", f"--reuid={account.pw_uid}", f"--regid={account.pw_gid}",
             "--clear-groups"]
    if shutil.which("setpriv") is None:
        pytest.skip("needs setpriv (util-linux)")
    probe = subprocess.run([*plain, sys.executable, "-c", "import okrtui"], capture_output=True,
                           cwd="/tmp")
    if probe.returncode == 0:
        return plain
    return [*plain, "--inh-caps=+dac_read_search", "--ambient-caps=+dac_read_search"]


def run_as(account: pwd.struct_passwd, *args: str, env: dict[str, str]
           ) -> subprocess.CompletedProcess[str]:
    """`python -m okrtui ARGS` as `account`, with its own home and configuration."""
    own = {**env, "HOME": account.pw_dir, "USER": account.pw_name, "LOGNAME": account.pw_name}
    own.pop("XDG_CONFIG_HOME", None)  # its own ~/.config, not the test's
    return subprocess.run([*_as(account), sys.executable, "-m", "okrtui", *args],
                          capture_output=True, text=True, env=own, timeout=60, cwd="/tmp")
