"""A real PostgreSQL server on 127.0.0.1 for the tests of PostgreSQL sources.

CI (.ci/run) starts Debian's cluster and exports OKRTUI_TEST_PG (the DSN, no password)
and OKRTUI_TEST_PG_PASSWORD. Without them, a throwaway server is made in a temporary
directory with initdb and pg_ctl (as the postgres user when run as root: the server
refuses to run as root). Where neither works the tests skip, or fail under
OKRTUI_REQUIRE_E2E=1.
"""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple, NoReturn

import pytest

# CI sets this after installing what these tests need: a missing server is then a failure.
REQUIRED = os.environ.get("OKRTUI_REQUIRE_E2E") == "1"
USER = "okrtui_test"


class PgServer(NamedTuple):
    dsn: str  # postgresql://okrtui_test@127.0.0.1:PORT/DB, no password in it
    env: dict[str, str]  # PGPASSWORD, to add to the environment a fetch runs in

    def with_database(self, name: str) -> str:
        """The same server and user, another database."""
        return f"{self.dsn.rsplit('/', 1)[0]}/{name}"


def unavailable(reason: str) -> NoReturn:
    if REQUIRED:
        pytest.fail(f"{reason} (OKRTUI_REQUIRE_E2E=1: CI should have started it)")
    pytest.skip(reason)


@contextmanager
def pg_server() -> Iterator[PgServer]:
    """The server CI started, or else a throwaway one, stopped and removed afterwards."""
    dsn = os.environ.get("OKRTUI_TEST_PG")
    if dsn:
        server = PgServer(dsn, {"PGPASSWORD": os.environ.get("OKRTUI_TEST_PG_PASSWORD", "")})
        _check_answers(server)
        yield server
        return
    with _throwaway_server() as server:
        yield server


def _check_answers(server: PgServer) -> None:
    try:
        import psycopg
    except ImportError:
        unavailable("psycopg is not installed (pip install -e '.[test]')")
    try:
        psycopg.connect(server.dsn, password=server.env["PGPASSWORD"], connect_timeout=5).close()
    except psycopg.Error as error:
        pytest.fail(f"OKRTUI_TEST_PG={server.dsn} does not answer: {error}")


def _bin_dir() -> Path | None:
    """Where initdb and pg_ctl are: on PATH, or Debian's newest /usr/lib/postgresql/N/bin."""
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(on_path).parent
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parent.parent.name) if
                   Path(p).parent.parent.name.isdigit() else 0)
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def _throwaway_server() -> Iterator[PgServer]:
    bin_dir = _bin_dir()
    if bin_dir is None:
        unavailable("PostgreSQL is not installed (apt install postgresql), "
                    "and OKRTUI_TEST_PG is not set")
    as_user: list[str] = []
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            unavailable("running as root and there is no postgres user to run a server as")
        as_user = ["runuser", "-u", "postgres", "--"]
    # Not pytest's tmp_path: that is private to the user running the tests (0700),
    # and the server may run as another; a short path also keeps the socket's name short.
    root = Path(tempfile.mkdtemp(prefix="okrtui-pg-"))
    if as_user:
        os.chown(root, owner.pw_uid, owner.pw_gid)
    data, password = root / "data", secrets.token_hex(16)
    (root / "pw").write_text(password)
    if as_user:
        os.chown(root / "pw", owner.pw_uid, owner.pw_gid)
    port = _free_port()
    started = False
    try:
        _run(as_user, [str(bin_dir / "initdb"), "-D", str(data), "-U", USER, "-A",
                       "scram-sha-256", f"--pwfile={root / 'pw'}", "-E", "UTF8", "--no-sync"])
        _run(as_user, [str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(root / "log"),
                       "-w", "-t", "30", "-o", f"-h 127.0.0.1 -p {port} -k {root}", "start"])
        started = True
        yield PgServer(f"postgresql://{USER}@127.0.0.1:{port}/postgres",
                       {"PGPASSWORD": password})
    finally:
        if started:
            subprocess.run([*as_user, str(bin_dir / "pg_ctl"), "-D", str(data), "-m",
                            "immediate", "stop"], capture_output=True, check=False)
        shutil.rmtree(root, ignore_errors=True)


def _run(as_user: list[str], command: list[str]) -> None:
    done = subprocess.run([*as_user, *command], capture_output=True, text=True, timeout=60)
    if done.returncode != 0:
        last = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        unavailable(f"could not start a throwaway PostgreSQL ({Path(command[0]).name}): "
                    f"{last[0]}")
