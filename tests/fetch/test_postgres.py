"""fetch.postgres.query_rows against a real PostgreSQL server on 127.0.0.1 (tests.pg_server)."""

from __future__ import annotations

import time
from datetime import date
from decimal import Decimal

import pytest

from okrtui.fetch.errors import FetchError
from okrtui.fetch.postgres import MAX_ROWS, query_rows
from tests.pg_server import PgServer


def test_a_query_returning_one_number(pg_dsn: PgServer) -> None:
    assert query_rows(pg_dsn.dsn, "SELECT 40 + 2", 5, pg_dsn.env) == [(42,)]


def test_a_percent_sign_is_sql_not_a_placeholder(pg_dsn: PgServer) -> None:
    assert query_rows(pg_dsn.dsn, "SELECT 17 % 5, '%s'", 5, pg_dsn.env) == [(2, "%s")]


def test_dated_rows_come_back_as_tuples_of_a_date_and_a_number(pg_dsn: PgServer) -> None:
    rows = query_rows(pg_dsn.dsn, "SELECT DATE '2026-11-16', 3.5 "
                      "UNION ALL SELECT DATE '2026-11-23', 4 ORDER BY 1", 5, pg_dsn.env)
    assert rows == [(date(2026, 11, 16), Decimal("3.5")), (date(2026, 11, 23), Decimal("4"))]
    assert all(type(row) is tuple for row in rows)


def test_at_most_ten_thousand_rows_are_read(pg_dsn: PgServer) -> None:
    rows = query_rows(pg_dsn.dsn, "SELECT generate_series(1, 25000)", 5, pg_dsn.env)
    assert len(rows) == MAX_ROWS == 10_000


def test_a_wrong_password_is_named_and_not_shown(pg_dsn: PgServer) -> None:
    wrong = "not-the-Password-42"
    with pytest.raises(FetchError) as raised:
        query_rows(pg_dsn.dsn, "SELECT 1", 5, {**pg_dsn.env, "PGPASSWORD": wrong})
    message = str(raised.value)
    assert "password authentication failed" in message
    assert wrong not in message and pg_dsn.env["PGPASSWORD"] not in message
    assert "\n" not in message


def test_an_unknown_database_is_named(pg_dsn: PgServer) -> None:
    with pytest.raises(FetchError, match='database "no_such_db" does not exist'):
        query_rows(pg_dsn.with_database("no_such_db"), "SELECT 1", 5, pg_dsn.env)


def test_a_refused_connection_says_so() -> None:
    with pytest.raises(FetchError, match="Connection refused"):
        query_rows("postgresql://nobody@127.0.0.1:1/x", "SELECT 1", 5, {})


def test_a_syntax_error_is_the_query_failing(pg_dsn: PgServer) -> None:
    with pytest.raises(FetchError) as raised:
        query_rows(pg_dsn.dsn, "SELEC 1", 5, pg_dsn.env)
    assert str(raised.value) == 'the query failed: syntax error at or near "SELEC"'


def test_a_slow_query_is_cancelled_by_the_server_at_its_timeout(pg_dsn: PgServer) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError) as raised:
        query_rows(pg_dsn.dsn, "SELECT pg_sleep(5)", 1, pg_dsn.env)
    assert str(raised.value) == "timed out after 1 s"
    assert time.monotonic() - started < 2.5


@pytest.mark.parametrize("write", [
    "CREATE TABLE okrtui_written (a int)",
    "CREATE TEMP TABLE okrtui_written AS SELECT 1",
])
def test_a_write_is_refused_by_the_read_only_transaction(pg_dsn: PgServer, write: str) -> None:
    with pytest.raises(FetchError, match="the query failed: cannot execute .* in a read-only"):
        query_rows(pg_dsn.dsn, write, 5, pg_dsn.env)
    assert query_rows(pg_dsn.dsn, "SELECT to_regclass('okrtui_written') IS NULL", 5,
                      pg_dsn.env) == [(True,)]


def test_a_commit_cannot_end_the_read_only_transaction(pg_dsn: PgServer) -> None:
    with pytest.raises(FetchError, match="the query failed: cannot insert multiple commands"):
        query_rows(pg_dsn.dsn, "COMMIT; CREATE TABLE okrtui_written (a int)", 5, pg_dsn.env)
    assert query_rows(pg_dsn.dsn, "SELECT to_regclass('okrtui_written') IS NULL", 5,
                      pg_dsn.env) == [(True,)]


def test_a_statement_without_rows_asks_for_a_select(pg_dsn: PgServer) -> None:
    with pytest.raises(FetchError, match="write a SELECT"):
        query_rows(pg_dsn.dsn, "SET search_path = public", 5, pg_dsn.env)
