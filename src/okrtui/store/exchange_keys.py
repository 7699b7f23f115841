"""Who an exported objective or key result is: its identity in files, not its title.

A row an import brought keeps the identity its file gave it (`import_key`).
A row made here is named by the database and the row:
`db-1f3a9c02e4:objective:12`. The database's part is derived from the moment
its schema was first created, kept in `setting` by the first import, so an
export from a read-only copy names rows as a writable one does. Re-importing
a file into the database it came from finds its own rows by id; another
database stores the identity and exports it unchanged, so a file goes round
and comes back the same.
"""

from __future__ import annotations

import hashlib
import sqlite3

from okrtui.store import sql

DATABASE_KEY = "database_key"
OBJECTIVE, KEY_RESULT = "objective", "key-result"


def database_key(db: sqlite3.Connection) -> str:
    """This database's part of the identities it gives its rows."""
    stored = sql.value(db, "SELECT value FROM setting WHERE key = ?", [DATABASE_KEY])
    if stored:
        return str(stored)
    first = sql.first(db, "SELECT name, applied_at FROM _sqlite_migrations "
                      "ORDER BY rowid LIMIT 1")
    seed = "" if first is None else f"{first['name']}@{first['applied_at']}"
    return "db-" + hashlib.sha256(seed.encode()).hexdigest()[:10]


def keep_database_key(db: sqlite3.Connection) -> str:
    """Store the database's part (inside the caller's write transaction) and return it."""
    key = database_key(db)
    if not sql.exists(db, "SELECT 1 FROM setting WHERE key = ?", [DATABASE_KEY]):
        sql.insert(db, "setting", {"key": DATABASE_KEY, "value": key})
    return key


def row_key(prefix: str, kind: str, row_id: int, import_key: str | None) -> str:
    """The identity an export gives a row: the one it came with, else the database's."""
    return import_key if import_key else f"{prefix}:{kind}:{row_id}"


def own_row_id(prefix: str, kind: str, key: str) -> int | None:
    """The row id a key this database made names, or None for any other key."""
    head, _, number = key.rpartition(":")
    if head != f"{prefix}:{kind}" or not number.isascii() or not number.isdigit():
        return None
    return int(number)


def find_row(db: sqlite3.Connection, table: str, kind: str, prefix: str,
             key: str) -> int | None:
    """The row of `table` (objective, key_result) that a file's key names here, if any."""
    found = sql.value(db, f"SELECT id FROM {table} WHERE import_key = ?", [key])
    if found is not None:
        return int(found)
    own = own_row_id(prefix, kind, key)
    if own is None:
        return None
    found = sql.value(db, f"SELECT id FROM {table} WHERE id = ? AND import_key IS NULL", [own])
    return None if found is None else int(found)
