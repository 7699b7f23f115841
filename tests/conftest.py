"""Shared fixtures: a real SQLite file per test, a pinned "today", the real CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from okrtui.store.database import open_database
from okrtui.store.repository import Repository
from tests.pg_server import PgServer, pg_server

TODAY = date(2026, 11, 23)

RunCli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(autouse=True)
def pinned_environment(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
                       ) -> None:
    """Every test sees the same day and never the developer's own database, nor the
    account's own source key (a configuration folder of its own)."""
    monkeypatch.setenv("OKRTUI_TODAY", TODAY.isoformat())
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
    monkeypatch.delenv("OKRTUI_DB", raising=False)
    monkeypatch.delenv("OKRTUI_USER", raising=False)  # tests that want a name say it


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "okrtui.db"


@pytest.fixture
def repo(db_path: Path) -> Iterator[Repository]:
    db = open_database(db_path)
    yield Repository(db, "tester")
    db.close()


@pytest.fixture
def cli_env() -> dict[str, str]:
    """The environment the CLI runs in: today pinned, no OKRTUI_DB, no colour tricks."""
    env = {k: v for k, v in os.environ.items() if k not in ("OKRTUI_DB", "OKRTUI_USER")}
    env["OKRTUI_TODAY"] = TODAY.isoformat()
    return env


@pytest.fixture
def run_cli(db_path: Path, cli_env: dict[str, str]) -> RunCli:
    """Run the real `python -m okrtui --db DB ARGS...` and return what happened."""

    def run(
        *args: str,
        input: str | None = None,  # noqa: A002 - mirrors subprocess.run
        env: dict[str, str] | None = None,
        db: bool = True,
    ) -> subprocess.CompletedProcess[str]:
        prefix = ["--db", str(db_path)] if db else []
        return subprocess.run(
            [sys.executable, "-m", "okrtui", *prefix, *args],
            input=input,
            stdin=None if input is not None else subprocess.DEVNULL,
            capture_output=True,
            text=True,
            env=env if env is not None else cli_env,
            timeout=60,
        )

    return run


@pytest.fixture(scope="session")
def pg_dsn() -> Iterator[PgServer]:
    """A real PostgreSQL server on 127.0.0.1: `(dsn, env)`, the DSN without a password and
    the environment (PGPASSWORD) to fetch with. One server for the whole session."""
    with pg_server() as server:
        yield server
