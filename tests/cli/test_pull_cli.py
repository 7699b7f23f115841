"""`okrtui source` and `okrtui pull`, run for real: every kind of source, failures kept
and shown, a typed reading kept, backfill, dry runs, secrets never stored."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import RunCli
from tests.http_server import Server, serving
from tests.pg_server import PgServer


@pytest.fixture
def http() -> Iterator[Server]:
    with serving() as server:
        yield server


@pytest.fixture
def kpis(run_cli: RunCli) -> RunCli:
    """A database with the KPIs the tests give sources to."""
    for name in ("Signups", "Orders", "NPS", "Churn", "Revenue"):
        assert run_cli("metric", "add", name).returncode == 0
    return run_cli


def readings(db: Path, metric: str) -> list[tuple[str, float, str]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT at, value, source FROM reading JOIN metric ON metric.id = metric_id "
            "WHERE metric.name = ? AND superseded = 0 ORDER BY at", [metric]).fetchall()


def test_a_command_source_is_pulled_once_per_period(kpis: RunCli, db_path: Path) -> None:
    added = kpis("source", "add", "Signups", "--command", "echo 'counting…' >&2; echo 1,234")
    assert added.returncode == 0, added.stderr
    assert "pull Signups --dry-run" in added.stdout
    dry = kpis("pull", "--dry-run")
    assert dry.returncode == 0 and "Signups: would record 1234" in dry.stdout
    assert readings(db_path, "Signups") == []
    pulled = kpis("pull")
    assert pulled.returncode == 0, pulled.stdout + pulled.stderr
    assert "Signups: recorded 1234" in pulled.stdout and "1 pulled" in pulled.stdout
    assert readings(db_path, "Signups") == [("2026-11-23", 1234.0, "pull")]
    again = kpis("pull")
    assert again.returncode == 0 and "nothing due" in again.stdout
    forced = kpis("pull", "signups")  # by name, in any case: now, due or not
    assert forced.returncode == 0 and "Signups: unchanged 1234" in forced.stdout


def test_a_failing_url_is_kept_shown_and_exits_1(kpis: RunCli, db_path: Path,
                                                 http: Server) -> None:
    kpis("source", "add", "NPS", "--url", f"{http.url}/503", "--json-path", "$.data.count")
    failed = kpis("pull")
    assert failed.returncode == 1
    assert "NPS: failed: HTTP 503" in failed.stdout
    assert readings(db_path, "NPS") == []  # a failure never becomes a value
    (nps,) = [k for k in json.loads(kpis("kpis", "--json").stdout) if k["name"] == "NPS"]
    assert nps["failing_since"] == "2026-11-23" and nps["failure"].startswith("HTTP 503")
    assert nps["source"]["kind"] == "url"
    assert "NPS: source failing since 11-23: HTTP 503" in kpis("kpis").stdout
    due = kpis("due")
    assert due.returncode == 1 and "source failing since 11-23: HTTP 503" in due.stdout
    listed = json.loads(kpis("source", "list", "--json").stdout)
    assert listed[0]["failing_since"] == "2026-11-23" and listed[0]["last_ok"] is None

    with sqlite3.connect(db_path) as conn:  # the server is mended
        conn.execute("UPDATE source SET spec = replace(spec, '/503', '/good')")
    # ... which breaks the seal: a definition changed in the file is refused
    refused = kpis("pull", "NPS")
    assert refused.returncode == 1 and "seal" in refused.stdout
    kpis("source", "remove", "NPS")
    kpis("source", "add", "NPS", "--url", f"{http.url}/good", "--json-path", "$.data.count")
    assert kpis("pull").returncode == 0
    (nps,) = [k for k in json.loads(kpis("kpis", "--json").stdout) if k["name"] == "NPS"]
    assert nps["failing_since"] is None and nps["value"] == 42


@pytest.mark.parametrize(("path", "words"), [
    ("/text", "not JSON"),
    ("/other", "no 'data' at $"),
    ("/large", "larger than 1 MiB"),
    ("/redirect-away?to=http://localhost:9/x", "redirected to another host"),
])
def test_a_url_that_does_not_give_a_number_fails_in_words(
        kpis: RunCli, db_path: Path, http: Server, path: str, words: str) -> None:
    kpis("source", "add", "NPS", "--url", f"{http.url}{path}", "--json-path", "$.data.count")
    failed = kpis("pull", "--json")
    assert failed.returncode == 1
    (outcome,) = json.loads(failed.stdout)["pulled"]
    assert not outcome["ok"] and words in outcome["error"]
    assert readings(db_path, "NPS") == []


def test_a_slow_source_times_out_while_the_others_are_pulled(kpis: RunCli, db_path: Path,
                                                             http: Server) -> None:
    kpis("source", "add", "NPS", "--url", f"{http.url}/slow", "--json-path", "$.data.count",
         "--timeout", "1")
    kpis("source", "add", "Signups", "--command", "sleep 0.8; echo 5")
    kpis("source", "add", "Orders", "--command", "sleep 0.8; echo 6")
    started = time.monotonic()
    pulled = kpis("pull")
    took = time.monotonic() - started
    assert pulled.returncode == 1
    assert "NPS: failed: timed out after 1 s" in pulled.stdout
    assert "2 pulled, 1 failed" in pulled.stdout
    assert readings(db_path, "Signups") and readings(db_path, "Orders")
    assert took < 2.5, took  # at once: 1 s + 0.8 s + 0.8 s one after another, plus start-up


def test_a_header_names_its_secret_which_is_never_stored(kpis: RunCli, db_path: Path,
                                                         http: Server,
                                                         cli_env: dict[str, str]) -> None:
    refused = kpis("source", "add", "NPS", "--url", f"{http.url}/echo", "--header",
                   "Authorization=Bearer hunter2-secret")
    assert refused.returncode == 1 and "environment variable" in refused.stderr
    added = kpis("source", "add", "NPS", "--url", f"{http.url}/echo", "--json-path", "count",
                 "--header", "Authorization=Bearer $NPS_TOKEN")
    assert added.returncode == 0, added.stderr
    missing = kpis("pull")
    assert missing.returncode == 1 and "NPS_TOKEN is not set" in missing.stdout
    assert http.requests == []  # nothing was sent without it
    env = {**cli_env, "NPS_TOKEN": "hunter2-secret"}
    pulled = kpis("pull", "NPS", env=env)
    assert pulled.returncode == 0, pulled.stdout
    assert http.requests[-1].headers["Authorization"] == "Bearer hunter2-secret"
    assert readings(db_path, "NPS")[0][1] == len("Bearer hunter2-secret")
    listed = kpis("source", "list", "--json", env=env).stdout
    assert "$NPS_TOKEN" in listed and "hunter2" not in listed + pulled.stdout
    for path in db_path.parent.glob(db_path.name + "*"):
        assert b"hunter2" not in path.read_bytes()


def test_an_sqlite_history_backfills_only_empty_days(kpis: RunCli, db_path: Path,
                                                     tmp_path: Path) -> None:
    shop = tmp_path / "shop.db"
    with sqlite3.connect(shop) as conn:
        conn.execute("CREATE TABLE weekly (week TEXT, orders REAL)")
        conn.executemany("INSERT INTO weekly VALUES (?, ?)", [
            ("2026-11-02", 10), ("2026-11-09", 11), ("2026-11-16", 12), ("2026-11-23", 13)])
    kpis("record", "Orders", "99", "--at", "2026-11-09")  # typed by a person: it stays
    added = kpis("source", "add", "Orders", "--sql", f"sqlite:///{shop}", "--query",
                 "SELECT week, orders FROM weekly ORDER BY week")
    assert added.returncode == 0, added.stderr
    assert kpis("pull").returncode == 0
    assert readings(db_path, "Orders") == [("2026-11-09", 99.0, "cli"),
                                           ("2026-11-23", 13.0, "pull")]
    backfilled = kpis("pull", "Orders", "--backfill")
    assert backfilled.returncode == 0 and "2 readings written (backfill)" in backfilled.stdout
    assert readings(db_path, "Orders") == [
        ("2026-11-02", 10.0, "pull"), ("2026-11-09", 99.0, "cli"),
        ("2026-11-16", 12.0, "pull"), ("2026-11-23", 13.0, "pull")]


def test_a_csv_file_gives_its_last_row_and_its_history(kpis: RunCli, db_path: Path,
                                                       tmp_path: Path) -> None:
    export = tmp_path / "churn.csv"
    export.write_text("Week;Churn rate\n2026-11-09;3,1\n2026-11-16;2,9\n", encoding="utf-8")
    added = kpis("source", "add", "Churn", "--csv", str(export), "--column", "churn rate",
                 "--date-column", "week")
    assert added.returncode == 0, added.stderr
    pulled = kpis("pull", "--backfill")
    assert pulled.returncode == 0, pulled.stdout
    assert readings(db_path, "Churn") == [("2026-11-09", 3.1, "pull"),
                                          ("2026-11-16", 2.9, "pull")]


def test_a_typed_reading_of_the_day_is_kept(kpis: RunCli, db_path: Path) -> None:
    kpis("record", "Signups", "40")
    kpis("source", "add", "Signups", "--command", "echo 42")
    pulled = kpis("pull")
    assert pulled.returncode == 0
    assert "'s reading 40 of 2026-11-23; the source gave 42" in pulled.stdout
    assert readings(db_path, "Signups") == [("2026-11-23", 40.0, "cli")]


def test_a_postgresql_source(kpis: RunCli, db_path: Path, pg_dsn: PgServer,
                             cli_env: dict[str, str]) -> None:
    dsn, pg_env = pg_dsn
    with_password = dsn.replace("://", "://okrtui_test:hunter2@", 1)
    refused = kpis("source", "add", "Revenue", "--sql", with_password, "--query", "SELECT 1")
    assert refused.returncode == 1 and "PGPASSWORD" in refused.stderr
    assert "hunter2" not in refused.stderr
    added = kpis("source", "add", "Revenue", "--sql", dsn, "--query",
                 "SELECT sum(x) FROM generate_series(1, 10) AS x")
    assert added.returncode == 0, added.stderr
    no_password = kpis("pull")
    assert no_password.returncode == 1 and "Revenue: failed" in no_password.stdout
    pulled = kpis("pull", "Revenue", env={**cli_env, **pg_env})
    assert pulled.returncode == 0, pulled.stdout
    assert readings(db_path, "Revenue") == [("2026-11-23", 55.0, "pull")]


@pytest.mark.parametrize(("args", "words"), [
    (["--command", "echo 1", "--query", "SELECT 1"], "--query goes with --sql"),
    (["--sql", "sqlite:///x.db"], "--sql needs --query"),
    (["--csv", "x.csv"], "--csv needs --column"),
    (["--url", "ftp://x/y"], "not an http(s) URL"),
    (["--url", "http://x/y", "--json-path", "a..b"], "not understood"),
    (["--sql", "mysql://db/x", "--query", "SELECT 1"], "sqlite:///PATH or postgresql"),
    (["--command", "echo 1", "--timeout", "0"], "--timeout is in seconds: more than 0"),
    (["--url", "http://x/y", "--header", "X-Api-Key: abc"], "--header 'X-Api-Key=$X_API_KEY'"),
])
def test_a_source_that_cannot_work_is_refused_and_nothing_is_stored(
        kpis: RunCli, args: list[str], words: str) -> None:
    refused = kpis("source", "add", "Signups", *args)
    assert refused.returncode == 1 and words in refused.stderr
    assert "Traceback" not in refused.stderr
    assert json.loads(kpis("source", "list", "--json").stdout) == []


def test_one_source_per_kpi_and_unknown_kpis(kpis: RunCli) -> None:
    kpis("source", "add", "Signups", "--command", "echo 1")
    again = kpis("source", "add", "Signups", "--command", "echo 2")
    assert again.returncode == 1 and "already has a source" in again.stderr
    unknown = kpis("pull", "Nope")
    assert unknown.returncode == 1 and "Nope" in unknown.stderr
    no_source = kpis("pull", "Orders")
    assert no_source.returncode == 1 and "has no source" in no_source.stderr


def test_pulled_readings_export_and_import_as_pulled(kpis: RunCli, db_path: Path,
                                                     tmp_path: Path) -> None:
    from tests.export_schema import valid_export

    kpis("source", "add", "Signups", "--command", "echo 42")
    kpis("pull")
    exported = kpis("export", "--format", "json")
    assert exported.returncode == 0
    document = json.loads(valid_export(exported.stdout))
    assert '"source": "pull"' in exported.stdout, list(document)
    other = tmp_path / "other.db"
    imported = kpis("--db", str(other), "import", "-", input=exported.stdout, db=False)
    assert imported.returncode == 0, imported.stderr
    assert readings(other, "Signups") == [("2026-11-23", 42.0, "pull")]
