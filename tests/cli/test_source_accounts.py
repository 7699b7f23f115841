"""Two operating-system accounts share one database: a source runs only for the account
that defined it, and editing the database cannot make it run for someone else."""

from __future__ import annotations

import os
import pwd
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.accounts import run_as, share, shared_folder, teammate
from tests.conftest import RunCli


@pytest.fixture
def shared_db(run_cli: RunCli) -> Iterator[Path]:
    with shared_folder() as folder:
        yield folder / "team.db"


def marked_command(folder: Path, value: str) -> str:
    """A command that leaves a file named for the uid that ran it, then prints a value."""
    return f"touch {folder}/ran-by-$(id -u); echo {value}"


def test_a_teammate_cannot_run_my_source(run_cli: RunCli, shared_db: Path,
                                         cli_env: dict[str, str]) -> None:
    other = teammate()
    folder = shared_db.parent
    db = ["--db", str(shared_db)]
    assert run_cli(*db, "metric", "add", "Signups", db=False).returncode == 0
    added = run_cli(*db, "source", "add", "Signups", "--command", marked_command(folder, "5"),
                    db=False)
    assert added.returncode == 0, added.stderr
    share(shared_db)

    named = run_as(other, *db, "pull", "Signups", env=cli_env)
    assert named.returncode == 1, named.stdout + named.stderr
    assert f"defined by {pwd.getpwuid(os.getuid()).pw_name} (uid {os.getuid()})" in named.stdout
    everything = run_as(other, *db, "pull", env=cli_env)
    assert everything.returncode == 0, everything.stdout + everything.stderr
    assert "1 not this account's" in everything.stdout
    assert not (folder / f"ran-by-{other.pw_uid}").exists()  # never ran as the teammate

    mine = run_cli(*db, "pull", env=cli_env, db=False)
    assert mine.returncode == 0, mine.stdout + mine.stderr
    assert (folder / f"ran-by-{os.getuid()}").exists()
    with sqlite3.connect(shared_db) as conn:
        assert conn.execute("SELECT value, source FROM reading").fetchall() == [(5.0, "pull")]


def test_taking_over_a_source_in_the_database_does_not_work(
        run_cli: RunCli, shared_db: Path, cli_env: dict[str, str]) -> None:
    """The teammate writes their uid and name into the source's row: it lacks the seal
    only the definer's key can make, so it is still refused."""
    other = teammate()
    folder = shared_db.parent
    db = ["--db", str(shared_db)]
    run_cli(*db, "metric", "add", "Signups", db=False)
    run_cli(*db, "source", "add", "Signups", "--command", marked_command(folder, "5"), db=False)
    share(shared_db)
    with sqlite3.connect(shared_db) as conn:
        conn.execute("UPDATE source SET uid = ?, account = ?", [other.pw_uid, other.pw_name])
    taken = run_as(other, *db, "pull", "Signups", env=cli_env)
    assert taken.returncode == 1
    assert "seal" in taken.stdout
    assert not (folder / f"ran-by-{other.pw_uid}").exists()


def test_each_account_runs_its_own_sources(run_cli: RunCli, shared_db: Path,
                                           cli_env: dict[str, str]) -> None:
    other = teammate()
    folder = shared_db.parent
    db = ["--db", str(shared_db)]
    run_cli(*db, "metric", "add", "Signups", db=False)
    run_cli(*db, "metric", "add", "Churn", db=False)
    run_cli(*db, "source", "add", "Signups", "--command", marked_command(folder, "5"), db=False)
    share(shared_db)
    theirs = run_as(other, *db, "source", "add", "Churn", "--command",
                    marked_command(folder, "7"), env=cli_env)
    assert theirs.returncode == 0, theirs.stderr
    pulled = run_as(other, *db, "pull", env=cli_env)
    assert pulled.returncode == 0, pulled.stdout + pulled.stderr
    assert "Churn: recorded 7" in pulled.stdout
    refused = run_cli(*db, "pull", "Churn", env=cli_env, db=False)
    assert refused.returncode == 1
    assert f"defined by {other.pw_name} (uid {other.pw_uid})" in refused.stdout
    listed = run_cli(*db, "source", "list", env=cli_env, db=False)
    assert other.pw_name in listed.stdout
