"""Open an okrtui database safely: checks first, then WAL, then migrations.

Many processes may share one file (a team on an SSH host), so every write is
a single `BEGIN IMMEDIATE` transaction: a deferred `BEGIN` that reads before
writing fails at once with "database is locked" when another process holds
the write lock, whatever the busy timeout (measured in RELIABILITY.md).
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from okrtui.core.errors import DatabaseUnusable, OkrtuiError
from okrtui.store.schema import MIGRATION_SET, SCHEMA_STEPS

BUSY_TIMEOUT_MS = 15_000


class Connection(sqlite3.Connection):
    """A connection that knows whether it may write."""

    read_only = False


def open_database(
    path: Path | str, *, create: bool = True, make_dirs: bool = True, read_only: bool = False
) -> Connection:
    """Open (creating if needed and allowed) and migrate the database at `path`.

    A file that is not a database, or that a newer okrtui wrote, is refused
    before anything is written to it. The connection runs in autocommit
    mode: writes go through `write_transaction`. `create=False` refuses a
    missing file; `make_dirs=False` refuses a missing directory (a typo in a
    path given by hand should not quietly start a new database). A file this
    user cannot write, or `read_only`, opens read-only: it is never changed.
    """
    path = Path(path).expanduser()
    try:
        if path.is_dir():
            raise DatabaseUnusable(f"{path} is a directory, not a database file")
        exists = path.exists()
    except PermissionError:
        raise DatabaseUnusable(
            f"cannot reach {path}: permission denied (a team's database is for the members "
            "of its group: ask its owner)") from None
    if exists and not os.access(path, os.R_OK):
        raise DatabaseUnusable(
            f"cannot read {path}: permission denied (a team's database is for the members "
            "of its group: ask its owner)")
    if read_only or (exists and not os.access(path, os.W_OK)):
        return _open_read_only(path)
    if not path.exists():
        if not create:
            raise DatabaseUnusable(
                f"no database at {path}: check --db / OKRTUI_DB, or create it with "
                "`okrtui metric add` or by opening `okrtui`"
            )
        if not make_dirs and not path.parent.is_dir():
            raise DatabaseUnusable(f"cannot create {path}: the folder {path.parent} does not exist")
        _create_private_file(path)
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                               factory=Connection)
    except sqlite3.Error as error:
        raise DatabaseUnusable(f"cannot open {path}: {error}") from None
    with _closed_on_failure(conn, f"cannot use {path}"):
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _check_readable(conn, path)
        _refuse_newer_schema(conn, path)
        _use_wal(conn)
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        if set(schema_steps(conn)) != set(SCHEMA_STEPS):
            _migrate(conn, path)
    return conn


@contextmanager
def _closed_on_failure(conn: sqlite3.Connection, what: str) -> Iterator[None]:
    """Set-up steps: on any failure the connection is closed, and SQLite's errors
    become one clear sentence."""
    try:
        yield
    except sqlite3.Error as error:
        conn.close()
        raise DatabaseUnusable(f"{what}: {error}") from None
    except BaseException:
        conn.close()
        raise


def _open_read_only(path: Path) -> Connection:
    """Open without ever writing: no WAL switch, no migration (an older schema is refused)."""
    if not path.exists():
        raise DatabaseUnusable(f"no database at {path}")
    # A reader must not create the -wal/-shm files (they would be the reader's, and
    # could lock writers out; in a folder it cannot write it could not anyway). If
    # nobody has the file open they are absent: then read it as it is on disk.
    in_use = Path(f"{path}-shm").exists()
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro" + ("" if in_use else "&immutable=1"),
                               uri=True, isolation_level=None,
                               timeout=BUSY_TIMEOUT_MS / 1000, factory=Connection)
    except sqlite3.Error as error:
        raise DatabaseUnusable(f"cannot open {path} read-only: {error}") from None
    conn.read_only = True
    with _closed_on_failure(conn, f"cannot read {path}"):
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _check_readable(conn, path)
        _refuse_newer_schema(conn, path)
        if set(schema_steps(conn)) != set(SCHEMA_STEPS):
            raise DatabaseUnusable(
                f"{path} is read-only for you and needs an upgrade this okrtui would write: "
                "ask someone who can write it to open it once")
    return conn


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    """Apply pending steps under the write lock, so two processes cannot both migrate."""
    from sqlite_utils import Database

    from okrtui.store.migrations import migrations

    with write_transaction(conn):
        _refuse_newer_schema(conn, path)  # another process may have migrated meanwhile
        migrations.apply(Database(conn, execute_plugins=False))


def _create_private_file(path: Path) -> None:
    """Create the file readable by its owner only; SQLite gives -wal/-shm the same mode."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
    except OSError as error:
        raise DatabaseUnusable(f"cannot create {path}: {error.strerror}") from None


def _use_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL, retrying while another process switches the same new file.

    SQLite answers "database is locked" at once here, without waiting out the
    busy timeout, when several processes open a brand-new file together.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error).lower() or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _check_readable(conn: sqlite3.Connection, path: Path) -> None:
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as error:
        if _disk_full(path):  # SQLite says "disk I/O error" when it cannot make the -shm
            raise DatabaseUnusable(
                f"the disk holding {path} is full: nothing was saved and the file was left "
                "untouched; free some space and try again") from None
        raise DatabaseUnusable(
            f"{path} is not an okrtui database or is damaged ({error}); it was left untouched"
        ) from None


def _disk_full(path: Path) -> bool:
    """Less than a megabyte left where the database lives."""
    try:
        info = os.statvfs(path.parent)
    except OSError:
        return False
    return info.f_bavail * info.f_frsize < 1024 * 1024


def _refuse_newer_schema(conn: sqlite3.Connection, path: Path) -> None:
    unknown = [name for name in schema_steps(conn) if name not in SCHEMA_STEPS]
    if unknown:
        raise DatabaseUnusable(
            f"{path} was written by a newer okrtui (schema step {unknown[-1]}); "
            "upgrade okrtui to open it. The file was left untouched."
        )


def schema_steps(conn: sqlite3.Connection) -> list[str]:
    """The migration steps applied to this database, oldest first."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
    ).fetchone()
    if not exists:
        return []
    rows = conn.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
        [MIGRATION_SET],
    )
    return [name for (name,) in rows]


@contextmanager
def write_transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One `BEGIN IMMEDIATE` transaction: it lands whole or not at all."""
    if is_read_only(conn):
        raise OkrtuiError(READ_ONLY)
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        raise _friendly(error) from None
    try:
        yield conn
        conn.execute("COMMIT")
    except sqlite3.OperationalError as error:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise _friendly(error) from None
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def is_read_only(conn: sqlite3.Connection) -> bool:
    """Whether the connection was opened read-only (nothing can be saved through it)."""
    return bool(getattr(conn, "read_only", False))


def database_label(conn: sqlite3.Connection) -> str:
    """The database file's path, for people (`:memory:` for none)."""
    row = conn.execute("PRAGMA database_list").fetchone()
    return str(row[2]) if row and row[2] else ":memory:"


def data_version(conn: sqlite3.Connection) -> int:
    """A number that changes when another connection commits (cheap to poll)."""
    return int(conn.execute("PRAGMA data_version").fetchone()[0])


def own_changes(conn: sqlite3.Connection) -> int:
    """How many rows this connection has changed since it opened."""
    return conn.total_changes


READ_ONLY = ("the database is open read-only (you cannot write the file, or --read-only): "
             "nothing was saved")


def _friendly(error: sqlite3.OperationalError) -> OkrtuiError:
    """Say what a person can do about a failed write; nothing was saved."""
    text = str(error).lower()
    if "full" in text:
        return OkrtuiError("the disk is full: nothing was saved")
    if "readonly" in text or "read-only" in text:
        return OkrtuiError(READ_ONLY)
    if "locked" in text or "busy" in text:
        return OkrtuiError(
            "the database stayed busy (another okrtui is writing): nothing was saved; try again"
        )
    return OkrtuiError(f"the database refused the change ({error}): nothing was saved")
