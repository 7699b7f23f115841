"""What every small store shares: the context it works in and plain SQL helpers.

A sub-store (metrics, readings, OKRs, the journal, ...) is handed a
`StoreContext` (the connection and on whose behalf it writes) and the other
sub-stores it needs; it never reaches into the `Repository` facade. The
helpers keep the SQL plain (placeholders, no dialect tricks), so that a second
backend would change `database.py` and these few functions, not every query.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from okrtui.core.text import clean_line

Row = dict[str, Any]
Params = Sequence[Any]


@dataclass(frozen=True)
class StoreContext:
    """The connection a sub-store uses and the person its writes are recorded for."""

    db: sqlite3.Connection
    user: str


# -- timestamps ------------------------------------------------------------------------


def now_utc() -> str:
    """A timestamp for the database: now, UTC, ISO 8601 to the second."""
    return utc_text(datetime.now(UTC))


def utc_text(moment: datetime) -> str:
    """A moment as the database keeps timestamps (ISO 8601 to the second)."""
    return moment.isoformat(timespec="seconds")


# -- reads -----------------------------------------------------------------------------


def rows(db: sqlite3.Connection, sql: str, params: Params = ()) -> list[Row]:
    """Every row of a query, each as a dict by column name."""
    cursor = db.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def first(db: sqlite3.Connection, sql: str, params: Params = ()) -> Row | None:
    """The query's first row as a dict, or None."""
    found = rows(db, sql, params)
    return found[0] if found else None


def tuples(db: sqlite3.Connection, sql: str, params: Params = ()) -> list[tuple[Any, ...]]:
    """Every row as a plain tuple (the cheap form, for long series)."""
    return list(db.execute(sql, params).fetchall())


def stream(db: sqlite3.Connection, sql: str, params: Params = ()) -> Iterator[tuple[Any, ...]]:
    """Rows as plain tuples, one at a time, for a reader that may stop early."""
    yield from db.execute(sql, params)


def value(db: sqlite3.Connection, sql: str, params: Params = ()) -> Any:
    """The first column of the first row, or None when there is no row."""
    row = db.execute(sql, params).fetchone()
    return None if row is None else row[0]


def column(db: sqlite3.Connection, sql: str, params: Params = ()) -> list[Any]:
    """The first column of every row."""
    return [row[0] for row in db.execute(sql, params).fetchall()]


def exists(db: sqlite3.Connection, sql: str, params: Params = ()) -> bool:
    """Whether the query finds a row."""
    return db.execute(sql, params).fetchone() is not None


# -- writes (inside the caller's transaction: `database.write_transaction`) -------------


def execute(db: sqlite3.Connection, sql: str, params: Params = ()) -> int:
    """Run one statement; returns how many rows it changed."""
    return db.execute(sql, params).rowcount


def execute_many(db: sqlite3.Connection, sql: str, params: Iterable[Params]) -> None:
    """Run one statement for each set of parameters."""
    db.executemany(sql, params)


def insert(db: sqlite3.Connection, table: str, values: Mapping[str, Any]) -> int:
    """Insert one row; returns its id."""
    cursor = db.execute(
        f"INSERT INTO {table} ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
        list(values.values()),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def insert_stamped(ctx: StoreContext, table: str, values: Mapping[str, Any], *,
                   by: str | None = None, stamp: str | None = None) -> int:
    """Insert a row that records when it was made and who changed it last
    (this user now, unless an import says who and when)."""
    stamp = stamp or now_utc()
    return insert(ctx.db, table, {**values, "created_at": stamp, "updated_at": stamp,
                                  "updated_by": ctx.user if by is None else by})


def versioned_update(ctx: StoreContext, table: str, values: Mapping[str, Any], item_id: int,
                     version: int | None = None) -> bool:
    """Change a row and bump its version, stamped with this user and now.

    With `version`, only the row still at that version changes (an edit of
    what someone loaded); returns False when none did: it was changed since,
    or is gone.
    """
    sets = "".join(f"{c} = ?, " for c in values)
    sql = (f"UPDATE {table} SET {sets}version = version + 1, updated_at = ?, updated_by = ? "
           "WHERE id = ?")
    params = [*values.values(), now_utc(), ctx.user, item_id]
    if version is not None:
        sql += " AND version = ?"
        params.append(version)
    return execute(ctx.db, sql, params) > 0


def next_position(db: sqlite3.Connection, table: str, column_name: str, key: Any) -> int:
    """The position after the last row of `table` whose `column_name` is `key`."""
    return int(value(db, f"SELECT coalesce(max(position), 0) + 1 FROM {table} "
                         f"WHERE {column_name} = ?", [key]))


def changed_by(db: sqlite3.Connection, table: str, item_id: int) -> str:
    """Who last created or changed a metric, objective or key result, and when."""
    row = db.execute(f"SELECT updated_by, updated_at FROM {table} WHERE id = ?",
                     [item_id]).fetchone()
    if row is None or not row[0]:
        return "someone else"
    return f"{clean_line(row[0])} (at {row[1][:16].replace('T', ' ')} UTC)"
