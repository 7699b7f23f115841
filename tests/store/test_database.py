"""Opening a database: created private, WAL on, refused before any write when unsafe."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
from pathlib import Path

import pytest

from okrtui.core.errors import DatabaseUnusable
from okrtui.store.database import open_database, schema_steps
from okrtui.store.migrations import KNOWN_STEPS


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def migration_rows(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(
            "SELECT migration_set, name FROM _sqlite_migrations ORDER BY name"
        ).fetchall()


def test_a_new_database_file_is_private_to_its_owner(db_path: Path) -> None:
    open_database(db_path).close()
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600


def test_missing_parent_directories_are_created(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "okrtui.db"
    open_database(path).close()
    assert path.is_file()


def test_a_new_database_uses_wal_and_foreign_keys(db_path: Path) -> None:
    db = open_database(db_path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    db.close()


def test_foreign_keys_are_enforced(db_path: Path) -> None:
    db = open_database(db_path)
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "INSERT INTO reading (metric_id, at, value, recorded_at) "
            "VALUES (999, '2026-01-01', 1, 'x')"
        )
    db.close()


def test_a_new_database_gets_every_known_schema_step(db_path: Path) -> None:
    db = open_database(db_path)
    assert schema_steps(db) == list(KNOWN_STEPS)
    tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"metric", "reading", "_sqlite_migrations"} <= tables
    db.close()


def test_opening_again_does_not_migrate_again(db_path: Path) -> None:
    open_database(db_path).close()
    before = migration_rows(db_path)
    db = open_database(db_path)
    db.execute(
        "INSERT INTO metric (name, created_at, updated_at) VALUES ('kept', 'x', 'x')"
    )
    db.close()
    db = open_database(db_path)
    assert migration_rows(db_path) == before
    assert len(before) == len(KNOWN_STEPS)
    assert db.execute("SELECT name FROM metric").fetchall() == [("kept",)]
    db.close()


def test_a_file_of_garbage_is_refused_and_left_untouched(db_path: Path) -> None:
    db_path.write_bytes(b"this is not sqlite at all\x00\x01\x02" * 200)
    before = sha256(db_path)
    with pytest.raises(DatabaseUnusable, match="not an okrtui database or is damaged"):
        open_database(db_path)
    assert sha256(db_path) == before
    assert not Path(f"{db_path}-wal").exists()


def test_a_database_with_a_corrupt_header_is_refused_and_left_untouched(db_path: Path) -> None:
    open_database(db_path).close()
    data = bytearray(db_path.read_bytes())
    data[0:16] = b"NOT A DATABASE!\x00"
    db_path.write_bytes(bytes(data))
    before = sha256(db_path)
    with pytest.raises(DatabaseUnusable):
        open_database(db_path)
    assert sha256(db_path) == before


def test_a_database_from_a_newer_okrtui_is_refused_and_left_untouched(db_path: Path) -> None:
    open_database(db_path).close()
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('okrtui', 'm999_future', '2030-01-01')"
    )
    # fold the WAL back so the main file holds everything before we fingerprint it
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    wal = Path(f"{db_path}-wal")
    main_before = sha256(db_path)
    wal_before = wal.read_bytes() if wal.exists() else b""
    with pytest.raises(DatabaseUnusable, match="newer okrtui") as caught:
        open_database(db_path)
    assert "m999_future" in str(caught.value)
    assert sha256(db_path) == main_before
    assert (wal.read_bytes() if wal.exists() else b"") == wal_before


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DatabaseUnusable, match="is a directory"):
        open_database(tmp_path)


def test_a_path_under_a_file_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(DatabaseUnusable, match="cannot create"):
        open_database(blocker / "okrtui.db")
