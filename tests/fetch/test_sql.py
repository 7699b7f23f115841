"""SQL sources against real SQLite files, opened read-only."""

from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from okrtui.core.errors import InvalidInput
from okrtui.core.models import Point
from okrtui.core.sources import Fetched, SourceSpec
from okrtui.fetch.errors import FetchError
from okrtui.fetch.rows import rows_to_fetched
from okrtui.fetch.run import fetch

TODAY = date(2026, 11, 23)


@pytest.fixture
def kpis(tmp_path: Path) -> Path:
    path = tmp_path / "kpis.db"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE signups (day TEXT, n REAL)")
    db.executemany("INSERT INTO signups VALUES (?, ?)",
                   [("2026-11-09", 10), ("2026-11-16", 12.5), ("2026-11-02", 9)])
    db.commit()
    db.close()
    return path


def query(path: Path, sql: str, timeout: float = 10) -> Fetched:
    spec = SourceSpec(kind="sql", dsn=f"sqlite:///{path}", query=sql, timeout=timeout)
    return fetch(spec, today=TODAY, env={})


def test_one_number(kpis: Path) -> None:
    got = query(kpis, "SELECT sum(n) FROM signups")
    assert got.ok and got.value == 31.5 and got.history == ()


def test_rows_of_date_and_value_are_a_history(kpis: Path) -> None:
    got = query(kpis, "SELECT day, n FROM signups")
    assert got.history == (Point(at=date(2026, 11, 2), value=9),
                           Point(at=date(2026, 11, 9), value=10),
                           Point(at=date(2026, 11, 16), value=12.5))
    assert got.value == 12.5  # the newest


def test_no_rows(kpis: Path) -> None:
    assert query(kpis, "SELECT n FROM signups WHERE n > 100").error == \
        "the query returned no rows"


def test_null(kpis: Path) -> None:
    assert query(kpis, "SELECT max(n) FROM signups WHERE n > 100").error == \
        "the query returned NULL"


def test_a_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.db"
    assert query(missing, "SELECT 1").error == f"no database file at {missing}"
    assert not missing.exists()


def test_a_syntax_error_says_where(kpis: Path) -> None:
    assert query(kpis, "SELEC n FROM signups").error == \
        'the query failed: near "SELEC": syntax error'


def test_three_columns_are_refused(kpis: Path) -> None:
    assert query(kpis, "SELECT day, n, n FROM signups").error == \
        "the query returned 3 columns: return one number, or rows of (date, value)"


def test_a_bad_date_in_a_history(kpis: Path) -> None:
    assert query(kpis, "SELECT 'last week', 3").error == \
        "row 1: 'last week' is not a date (YYYY-MM-DD)"


def test_the_file_is_opened_read_only(kpis: Path) -> None:
    before = kpis.read_bytes(), kpis.stat().st_mtime_ns
    got = query(kpis, "INSERT INTO signups VALUES ('2026-11-23', 1) RETURNING n")
    assert "readonly" in got.error
    assert query(kpis, "SELECT count(*) FROM signups").value == 3
    assert (kpis.read_bytes(), kpis.stat().st_mtime_ns) == before
    assert sorted(p.name for p in kpis.parent.iterdir()) == ["kpis.db"]


def test_a_query_past_its_timeout_is_interrupted(kpis: Path) -> None:
    forever = ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
               "SELECT max(i) FROM n")
    got = query(kpis, forever, timeout=0.5)
    assert got.error == "timed out after 0.5 s"
    assert got.seconds < 3


def test_a_locked_database_waits_then_fails(kpis: Path) -> None:
    writer = sqlite3.connect(kpis, isolation_level=None)
    writer.execute("BEGIN EXCLUSIVE")
    try:
        got = query(kpis, "SELECT count(*) FROM signups", timeout=0.5)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert got.error == f"{kpis} stayed locked for 0.5 s"
    assert got.seconds >= 0.4


def test_rows_from_any_driver_share_one_meaning() -> None:
    # What a PostgreSQL driver returns: Decimal values, date objects.
    got = rows_to_fetched([(date(2026, 11, 16), Decimal("4.50")), (date(2026, 11, 9), None)],
                          TODAY)
    assert got.history == (Point(at=date(2026, 11, 16), value=4.5),)
    assert rows_to_fetched([(Decimal("7"),)], TODAY).value == 7
    with pytest.raises(FetchError, match="2 rows of one column"):
        rows_to_fetched([(1,), (2,)], TODAY)
    with pytest.raises(InvalidInput, match="in the future"):
        rows_to_fetched([("2026-11-24", 1)], TODAY)
