"""An SQL source: a query against SQLite (read-only) or PostgreSQL.

`sqlite:///PATH` names a file (`sqlite:////abs/path`, `sqlite:///~/kpis.db`; a
relative PATH is from the working directory). PostgreSQL is another module's,
imported only when a source uses it.
"""

from __future__ import annotations

import importlib
import sqlite3
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path
from urllib.parse import quote

from okrtui.core.source_values import check_dsn
from okrtui.core.sources import Fetched, SourceSpec
from okrtui.fetch.errors import FetchError, timed_out
from okrtui.fetch.rows import rows_to_fetched

SQLITE = "sqlite:///"
_QueryRows = Callable[[str, str, float, Mapping[str, str]], Sequence[Sequence[object]]]
_PROGRESS_STEPS = 1000  # SQLite virtual-machine steps between two looks at the clock


def run_query(spec: SourceSpec, today: date, env: Mapping[str, str]) -> Fetched:
    """The query's number or history, from whichever database the DSN names."""
    dsn = check_dsn(spec.dsn)
    rows: Sequence[Sequence[object]]
    if dsn.startswith(SQLITE):
        rows = sqlite_rows(Path(dsn[len(SQLITE):]).expanduser(), spec.query, spec.timeout)
    else:
        rows = _postgres_rows()(dsn, spec.query, spec.timeout, env)
    return rows_to_fetched(rows, today)


def _postgres_rows() -> _QueryRows:
    """`okrtui.fetch.postgres.query_rows`, imported only for a source that uses it
    (its driver is optional, and a slow import for every other source)."""
    query_rows: _QueryRows = importlib.import_module("okrtui.fetch.postgres").query_rows
    return query_rows


def sqlite_rows(path: Path, query: str, timeout: float) -> list[tuple[object, ...]]:
    """The rows of `query`, read-only, within `timeout` seconds (a lock waits too)."""
    if not path.is_file():
        raise FetchError(f"no database file at {path}")
    deadline = time.monotonic() + timeout
    try:
        db = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, timeout=timeout)
    except sqlite3.Error as error:
        raise FetchError(f"could not open {path}: {error}") from None
    try:
        # A non-zero answer interrupts the query: that is how it times out.
        db.set_progress_handler(lambda: int(time.monotonic() > deadline), _PROGRESS_STEPS)
        return [tuple(row) for row in db.execute(query).fetchall()]
    except sqlite3.Error as error:
        raise FetchError(_sqlite_text(error, path, timeout)) from None
    finally:
        db.close()


def _sqlite_text(error: sqlite3.Error, path: Path, timeout: float) -> str:
    text = str(error)
    if text == "interrupted":
        return str(timed_out(timeout))
    if "locked" in text:
        return f"{path} stayed locked for {timeout:g} s"
    if isinstance(error, sqlite3.ProgrammingError | sqlite3.Warning) and "one statement" in text:
        return "the query holds more than one statement: give one SELECT"
    return f"the query failed: {text}"
