"""Open an okrtui database safely: checks first, then WAL, then migrations.

Many processes may share one file (a team on an SSH host), so every write is
a single `BEGIN IMMEDIATE` transaction: a deferred `BEGIN` that reads before
writing fails at once with "database is locked" when another process holds
the write lock, whatever the busy timeout (measured in RELIABILITY.md).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from okrtui.core.errors import DatabaseUnusable, OkrtuiError
from okrtui.store.migrations import KNOWN_STEPS, migrations

BUSY_TIMEOUT_MS = 15_000


def open_database(path: Path | str) -> Database:
    """Open (creating if needed) and migrate the database at `path`.

    A file that is not a database, or that a newer okrtui wrote, is refused
    before anything is written to it.
    """
    path = Path(path).expanduser()
    if path.is_dir():
        raise DatabaseUnusable(f"{path} is a directory, not a database file")
    if not path.exists():
        _create_private_file(path)
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    except sqlite3.Error as error:
        raise DatabaseUnusable(f"cannot open {path}: {error}") from None
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _check_readable(conn, path)
        db = Database(conn, execute_plugins=False)
        _refuse_newer_schema(db, path)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        if migrations.pending(db):
            with write_transaction(db):
                _refuse_newer_schema(db, path)  # another process may have migrated meanwhile
                migrations.apply(db)
    except sqlite3.Error as error:
        conn.close()
        raise DatabaseUnusable(f"cannot use {path}: {error}") from None
    except BaseException:
        conn.close()
        raise
    return db


def _create_private_file(path: Path) -> None:
    """Create the file readable by its owner only; SQLite gives -wal/-shm the same mode."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
    except OSError as error:
        raise DatabaseUnusable(f"cannot create {path}: {error.strerror}") from None


def _check_readable(conn: sqlite3.Connection, path: Path) -> None:
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as error:
        raise DatabaseUnusable(
            f"{path} is not an okrtui database or is damaged ({error}); it was left untouched"
        ) from None


def _refuse_newer_schema(db: Database, path: Path) -> None:
    unknown = [m.name for m in migrations.applied(db) if m.name not in KNOWN_STEPS]
    if unknown:
        raise DatabaseUnusable(
            f"{path} was written by a newer okrtui (schema step {unknown[-1]}); "
            "upgrade okrtui to open it. The file was left untouched."
        )


def schema_steps(db: Database) -> list[str]:
    """The migration steps applied to this database, oldest first."""
    return [m.name for m in migrations.applied(db)]


@contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """One `BEGIN IMMEDIATE` transaction: it lands whole or not at all."""
    conn = db.conn
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        raise _friendly(error) from None
    try:
        yield db
        conn.execute("COMMIT")
    except sqlite3.OperationalError as error:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise _friendly(error) from None
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _friendly(error: sqlite3.OperationalError) -> OkrtuiError:
    """Say what a person can do about a failed write; nothing was saved."""
    text = str(error).lower()
    if "full" in text:
        return OkrtuiError("the disk is full: nothing was saved")
    if "readonly" in text or "read-only" in text:
        return OkrtuiError("the database is read-only: nothing was saved")
    if "locked" in text or "busy" in text:
        return OkrtuiError(
            "the database stayed busy (another okrtui is writing): nothing was saved; try again"
        )
    return OkrtuiError(f"the database refused the change ({error}): nothing was saved")
