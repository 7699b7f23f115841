"""Run a KPI source's query on PostgreSQL: read only, bounded in time and in rows."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from okrtui.fetch.errors import FetchError

MAX_ROWS = 10_000

# libpq reads these from the process environment; okrtui is handed the environment to
# use instead, so each one set there becomes the connection setting it stands for.
_LIBPQ_ENV = {
    "PGPASSWORD": "password",
    "PGPASSFILE": "passfile",
    "PGSSLMODE": "sslmode",
    "PGSSLROOTCERT": "sslrootcert",
    "PGSSLCERT": "sslcert",
    "PGSSLKEY": "sslkey",
    "PGSERVICE": "service",
    "PGSERVICEFILE": "servicefile",
    "PGAPPNAME": "application_name",
}


def query_rows(dsn: str, query: str, timeout: float,
               env: Mapping[str, str]) -> list[tuple[Any, ...]]:
    """The rows `query` returns (at most MAX_ROWS), run in a read-only transaction that
    the server cancels after `timeout` seconds. Raises FetchError, in words."""
    try:
        import psycopg
        from psycopg.conninfo import conninfo_to_dict
    except ImportError:
        raise FetchError(
            "PostgreSQL sources need the postgres extra: pip install 'okrtui[postgres]'"
        ) from None
    timed_out = f"timed out after {timeout:g} s"
    try:
        in_dsn = conninfo_to_dict(dsn)
    except psycopg.Error as error:
        raise FetchError(_first_line(error, env)) from None
    # As libpq does: a setting in the DSN wins over the environment's.
    settings: dict[str, Any] = {key: env[name] for name, key in _LIBPQ_ENV.items()
                                if env.get(name) and key not in in_dsn}
    settings["connect_timeout"] = max(1, math.ceil(timeout))
    try:
        conn = psycopg.connect(dsn, **settings)
    except psycopg.errors.ConnectionTimeout:
        raise FetchError(timed_out) from None
    except psycopg.Error as error:
        raise FetchError(_first_line(error, env)) from None
    try:
        conn.read_only = True  # the transaction psycopg opens is BEGIN READ ONLY
        with conn.cursor() as cursor:
            # SET takes no parameters; set_config(..., is_local) is SET LOCAL that does.
            cursor.execute("SELECT set_config('statement_timeout', %s, true)",
                           (str(max(1, math.ceil(timeout * 1000))),))
            # No parameters: the text is sent as it is ('%' is modulo, not a placeholder).
            # Prepared, so the server takes one statement only: no "COMMIT; INSERT ..."
            # can leave the read-only transaction.
            cursor.execute(query, prepare=True)
            if cursor.description is None:
                raise FetchError("the query returned no rows to read: write a SELECT")
            return cursor.fetchmany(MAX_ROWS)
    except psycopg.errors.QueryCanceled:
        raise FetchError(timed_out) from None
    except psycopg.Error as error:
        raise FetchError(f"the query failed: {_first_line(error, env)}") from None
    finally:
        conn.close()


def _first_line(error: Exception, env: Mapping[str, str]) -> str:
    """psycopg's message, its first line only, and never the password."""
    lines = str(error).strip().splitlines()
    line = lines[0].strip() if lines else type(error).__name__
    password = env.get("PGPASSWORD")
    return line.replace(password, "***") if password else line
