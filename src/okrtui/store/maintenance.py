"""Keeping a (shared) database healthy: a shared file, a check, a consistent backup."""

from __future__ import annotations

import grp
import os
import sqlite3
import stat
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from okrtui.core.errors import DatabaseUnusable, OkrtuiError
from okrtui.core.okr import check_in_refusal
from okrtui.store import sql
from okrtui.store.database import open_database, schema_steps
from okrtui.store.okr_rows import key_result_from_row
from okrtui.store.schema import SCHEMA_STEPS

SHARED_FILE_MODE = 0o660  # owner and group read and write; nobody else
SHARED_DIR_MODE = 0o2770  # setgid: files made inside (the -wal, the -shm) get the group


def init_shared(path: Path, group: str) -> Path:
    """Make `path` a database the group can share and no one else can read.

    The folder is made (or changed) to belong to the group with the setgid
    bit, so the -wal and -shm files SQLite creates next to the database get
    the group too; SQLite gives them the database's mode (0660).
    """
    try:
        gid = grp.getgrnam(group).gr_gid
    except KeyError:
        raise OkrtuiError(f"no group named {group!r} on this host (see `getent group`)") from None
    path = path.expanduser().absolute()
    if path.exists():
        raise OkrtuiError(f"{path} already exists: give a new path (or back it up and move it)")
    folder = path.parent
    try:
        if not folder.exists():  # ours to set up: the group's, and no one else's
            folder.mkdir(parents=True)
            os.chown(folder, -1, gid)
            os.chmod(folder, SHARED_DIR_MODE)
        info = folder.stat()
        # An existing folder is never changed (it could be /tmp or a home): it must be
        # the group's, with setgid so the -wal and -shm files get the group too.
        if info.st_gid != gid or stat.S_IMODE(info.st_mode) & SHARED_DIR_MODE != SHARED_DIR_MODE:
            raise OkrtuiError(
                f"the folder {folder} must belong to the group {group!r} with mode 2770 "
                f"(setgid): sudo chgrp {group} {folder} && sudo chmod 2770 {folder}, or give "
                "a path in a new folder (okrtui makes it)")
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, SHARED_FILE_MODE)
        os.close(fd)
        os.chown(path, -1, gid)
        os.chmod(path, SHARED_FILE_MODE)  # whatever the umask said
    except PermissionError as error:
        raise OkrtuiError(f"cannot prepare {error.filename or folder}: permission denied (are "
                          f"you a member of {group!r}, and allowed to write there?)") from None
    except OSError as error:
        raise OkrtuiError(f"cannot prepare {path}: {error.strerror}") from None
    open_database(path).close()
    return path


def describe_mode(path: Path) -> str:
    """`-rw-rw---- root:okr` for a file."""
    info = path.stat()
    try:
        owner = Path(path).owner()
    except KeyError:
        owner = str(info.st_uid)
    try:
        group = grp.getgrgid(info.st_gid).gr_name
    except KeyError:
        group = str(info.st_gid)
    return f"{stat.filemode(info.st_mode)} {owner}:{group}"


CHECK_INS_AS_EVENTS = "m007_cycles_events_grades"  # check-ins keep their own day from here
SHOWN = 5  # broken rows a check names one by one


@dataclass
class CheckReport:
    """What `okrtui check` found."""

    path: Path
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _read_only(path: Path) -> sqlite3.Connection:
    """A reading connection that takes SQLite's locks, unlike `database._open_read_only`
    on an idle file (immutable): a check or a backup must see one consistent state
    while others write. No schema checks: `check` reports a newer schema itself."""
    if not path.exists():
        raise DatabaseUnusable(f"no database at {path}")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=15)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as error:
        raise DatabaseUnusable(f"{path} is not an okrtui database or is damaged ({error})") \
            from None
    return conn


def check_database(path: Path, today: date | None = None) -> CheckReport:
    """Integrity, foreign keys and schema version, without changing anything; with
    `today`, also the check-ins whose day breaks the rule for check-in dates."""
    path = path.expanduser()
    report = CheckReport(path)
    conn = _read_only(path)
    try:
        _check(conn, path, report)
        if today is not None and not report.problems and CHECK_INS_AS_EVENTS in \
                schema_steps(conn):
            _check_in_days(conn, today, report)
    except sqlite3.DatabaseError as error:
        report.problems.append(f"the file is damaged: {error}; restore a backup "
                               "(okrtui backup makes one)")
    finally:
        conn.close()
    return report


def _check(conn: sqlite3.Connection, path: Path, report: CheckReport) -> None:
    """The checks, in order; they add to `report`."""
    integrity = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    if integrity != ["ok"]:
        report.problems += [f"integrity: {line}" for line in integrity[:20]]
    broken = conn.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        report.problems.append(f"{len(broken)} row(s) point at rows that do not exist "
                               f"(first: table {broken[0][0]}, row {broken[0][1]})")
    steps = schema_steps(conn)
    unknown = [s for s in steps if s not in SCHEMA_STEPS]
    pending = [s for s in SCHEMA_STEPS if s not in steps]
    if unknown:
        report.problems.append(f"written by a newer okrtui (schema step {unknown[-1]}): "
                               "upgrade okrtui")
    elif pending:
        report.notes.append(f"schema {len(steps)} of {len(SCHEMA_STEPS)} steps: the next "
                            "okrtui that opens it for writing will upgrade it")
    else:
        report.notes.append(f"schema up to date ({len(steps)} steps, {steps[-1]})")
    mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
    report.notes.append(f"journal mode {mode}; file {describe_mode(path)}")
    if not unknown and "m001_metrics_and_readings" in steps:
        counts = []
        for table in ("metric", "reading", "objective", "key_result", "check_in"):
            counts.append(f"{conn.execute(f'SELECT count(*) FROM {table}').fetchone()[0]} "
                          f"{table.replace('_', ' ')}(s)")
        report.notes.append(", ".join(counts))


def _check_in_days(conn: sqlite3.Connection, today: date, report: CheckReport) -> None:
    """Check-ins dated before their key result's start or in the future
    (`core.okr.check_in_refusal`; a closed cycle is not a problem here)."""
    key_results = {r["id"]: key_result_from_row(r)
                   for r in sql.rows(conn, "SELECT * FROM key_result")}
    broken = []
    for check_id, key_result_id, at in sql.tuples(
            conn, "SELECT id, key_result_id, at FROM check_in ORDER BY id"):
        key_result = key_results.get(key_result_id)
        refusal = None if key_result is None else check_in_refusal(
            key_result, date.fromisoformat(at), today)
        if refusal is not None:
            broken.append(f"check-in {check_id} on key result {key_result_id}: {refusal}")
    if broken:
        more = f" (and {len(broken) - SHOWN} more)" if len(broken) > SHOWN else ""
        report.problems.append(
            f"{len(broken)} check-in(s) dated outside what their key result takes (from "
            f"its start, never in the future){more}: " + "; ".join(broken[:SHOWN]))


def backup_database(source: Path, target: Path) -> CheckReport:
    """Copy the database consistently while others may be writing (SQLite's backup API),
    then check the copy. The copy gets the source's permissions."""
    source, target = source.expanduser(), target.expanduser()
    if target.exists():
        raise OkrtuiError(f"{target} already exists: choose a new name")
    if not target.parent.is_dir():
        raise OkrtuiError(f"cannot write {target}: the folder {target.parent} does not exist")
    conn = _read_only(source)
    try:
        # The owner may always write the copy; the group may share it only where the
        # folder belongs to the source's group (elsewhere it would be someone else's group).
        shared = target.parent.stat().st_gid == source.stat().st_gid
        mode = 0o600 | (stat.S_IMODE(source.stat().st_mode) & 0o060 if shared else 0)
        fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
        os.chmod(target, mode)  # whatever the umask said
        copy = sqlite3.connect(target)
        try:
            conn.backup(copy)
            # One self-contained file to keep or move; okrtui turns WAL back on when
            # the copy is opened for use.
            copy.execute("PRAGMA journal_mode = DELETE")
        finally:
            copy.close()
    except OSError as error:
        target.unlink(missing_ok=True)
        raise OkrtuiError(f"cannot write {target}: {error.strerror}") from None
    except sqlite3.Error as error:
        target.unlink(missing_ok=True)
        raise OkrtuiError(f"the backup failed ({error}); nothing was written") from None
    finally:
        conn.close()
    return check_database(target)
