"""The real `okrtui` command in a subprocess: output, exit codes, safety."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import textwrap
from datetime import date, timedelta
from pathlib import Path

import pytest

from okrtui import __version__
from okrtui.core.models import Metric
from okrtui.store.database import open_database
from okrtui.store.repository import Repository
from tests.export_schema import valid_export

HOSTILE_NAME = "[bold]x[/]"
HOSTILE_NOTE = "\x1b]0;pwned\x07[@click=app.quit]"


@pytest.fixture
def seeded(db_path: Path, today: date) -> Path:
    """A database with one KPI, Uptime, and two weekly readings."""
    db = open_database(db_path)
    repo = Repository(db, "seed")
    uptime = repo.add_metric(Metric(name="Uptime", unit="%", range_min=99.5))
    repo.record_reading(uptime, today - timedelta(days=7), 99.7, today=today)
    repo.record_reading(uptime, today, 99.9, today=today)
    db.close()
    return db_path


def reading_count(db_path: Path) -> int:
    db = open_database(db_path)
    count = Repository(db, "check").reading_count()
    db.close()
    return count


def assert_one_error_line(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 1
    assert result.stderr.startswith("okrtui: ")
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_version_prints_the_version(run_cli) -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"okrtui {__version__}"


def test_help_lists_the_commands(run_cli) -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for command in ("metric", "record", "kpis", "import", "export"):
        assert command in result.stdout


def test_add_record_then_kpis_json_shows_the_reading(run_cli) -> None:
    added = run_cli("metric", "add", "Uptime", "--unit", "%", "--min", "99.5", "--max", "100")
    assert added.returncode == 0, added.stderr
    assert added.stdout == "added Uptime\n"
    first = run_cli("record", "Uptime", "99.7", "--at", "yesterday")
    second = run_cli("record", "uptime", "99.95%", "--note", "quiet week")
    assert first.returncode == second.returncode == 0
    assert second.stdout == "recorded Uptime = 99.95% on 2026-11-23\n"

    result = run_cli("kpis", "--json")

    assert result.returncode == 0, result.stderr
    (kpi,) = json.loads(result.stdout)
    assert {"name", "unit", "value", "at", "previous", "min", "max", "status"} <= set(kpi)
    assert kpi["name"] == "Uptime" and kpi["unit"] == "%"
    assert (kpi["value"], kpi["at"]) == (99.95, "2026-11-23")
    assert kpi["previous"] == 99.7
    assert (kpi["min"], kpi["max"]) == (99.5, 100.0)
    assert kpi["status"] == "healthy"


def test_metric_add_without_a_range_suggests_one(run_cli) -> None:
    result = run_cli("metric", "add", "Signups")
    assert result.returncode == 0
    assert "no healthy range yet" in result.stdout


def test_recording_the_same_day_again_says_corrected(run_cli, seeded: Path) -> None:
    result = run_cli("record", "Uptime", "99.8")
    assert result.returncode == 0
    assert result.stdout.startswith("corrected Uptime = 99.8%")
    shown = run_cli("metric", "show", "Uptime")
    assert "superseded" in shown.stdout and "correction" in shown.stdout


def test_kpis_table_shows_status_value_and_range(run_cli, seeded: Path) -> None:
    result = run_cli("kpis")
    assert result.returncode == 0
    header, row = result.stdout.splitlines()
    assert header.split() == ["STATUS", "KPI", "VALUE", "CHANGE", "RANGE", "TREND", "SIGNAL",
                              "AS", "OF"]
    assert "too few readings" in row  # one reading: no limits claimed
    assert "✓ healthy" in row and "Uptime" in row and "99.9%" in row and "≥ 99.5%" in row
    assert "+0.2" in row and "2026-11-23" in row


def test_kpis_on_an_empty_database_points_to_the_next_step(run_cli, repo) -> None:
    result = run_cli("kpis")
    assert result.returncode == 0
    assert "no KPIs yet" in result.stdout


@pytest.mark.parametrize("command", [["kpis"], ["metric", "list"], ["export"],
                                     ["record", "Uptime", "1"]])
def test_reading_commands_never_create_a_database(run_cli, db_path: Path, command) -> None:
    result = run_cli(*command)
    assert_one_error_line(result)
    assert "no database at" in result.stderr
    assert not db_path.exists()


def test_a_path_in_a_missing_folder_is_refused_not_created(run_cli, tmp_path: Path) -> None:
    typo = tmp_path / "no-such-dir" / "team.db"
    result = run_cli("--db", str(typo), "metric", "add", "Churn", db=False)
    assert_one_error_line(result)
    assert "does not exist" in result.stderr
    assert not typo.parent.exists()


def test_unknown_metric_is_one_error_line_and_exit_1(run_cli, seeded: Path) -> None:
    result = run_cli("record", "Nope", "1")
    assert_one_error_line(result)
    assert "no metric named 'Nope'" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["record", "Uptime", "abc"], "'abc' is not a number"),
        (["record", "Uptime", "nan"], "not a finite number"),
        (["record", "Uptime", "1", "--at", "2026-02-30"], "2026-02-30 is not a real date"),
        (["record", "Uptime", "1", "--at", "26-1-1"], "expected YYYY-MM-DD"),
        (["record", "Uptime", "1", "--at", "2026-11-24"], "in the future"),
        (["metric", "add", "uptime"], "already exists"),
        (["metric", "add", "X", "--min", "5", "--max", "1"], "minimum (5) is above"),
        (["metric", "add", "X", "--min", "lots"], "'lots' is not a number"),
        (["metric", "edit", "Uptime"], "nothing to change"),
        (["metric", "show", "Nope"], "no metric named"),
    ],
)
def test_user_errors_exit_1_with_one_line_and_change_nothing(
    run_cli, seeded: Path, args: list[str], message: str
) -> None:
    before = reading_count(seeded)
    result = run_cli(*args)
    assert_one_error_line(result)
    assert message in result.stderr
    assert result.stdout == ""
    assert reading_count(seeded) == before


def test_recording_into_an_archived_metric_is_refused(run_cli, seeded: Path) -> None:
    assert run_cli("metric", "archive", "Uptime").returncode == 0
    result = run_cli("record", "Uptime", "1")
    assert_one_error_line(result)
    assert "archived" in result.stderr
    assert run_cli("metric", "unarchive", "Uptime").stdout == "restored Uptime\n"
    assert run_cli("record", "Uptime", "1").returncode == 0


@pytest.mark.parametrize(
    "args",
    [
        ["record"],
        ["record", "Uptime"],
        ["frobnicate"],
        ["metric"],
        ["metric", "add"],
        ["kpis", "--nope"],
        ["export", "--format", "xml"],
        ["metric", "show", "Uptime", "--limit", "many"],
    ],
)
def test_bad_usage_exits_2_with_usage_on_stderr(run_cli, args: list[str]) -> None:
    result = run_cli(*args)
    assert result.returncode == 2
    assert "usage:" in result.stderr
    assert "Traceback" not in result.stderr


def test_import_of_a_bad_csv_names_each_bad_line_and_imports_nothing(
    run_cli, seeded: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "metric,at,value\n"
        "Uptime,2026-11-01,99\n"
        "Nope,2026-11-02,1\n"
        "Uptime,2026-11-03,lots\n"
        "Uptime,2026-02-30,99\n"
    )
    before = reading_count(seeded)

    result = run_cli("import", str(bad))

    assert result.returncode == 1
    assert result.stderr.startswith("okrtui: nothing was imported: 3 bad row(s)")
    for line in (3, 4, 5):
        assert f"line {line}:" in result.stderr
    assert "line 2:" not in result.stderr
    assert "Traceback" not in result.stderr
    assert reading_count(seeded) == before


def test_import_of_a_good_csv_from_standard_input(run_cli, seeded: Path) -> None:
    result = run_cli("import", "-", input="Uptime,2026-11-02,99.6\nUptime,2026-11-09,99.7\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "imported 2 readings\n"
    assert reading_count(seeded) == 4


def test_import_with_create_metrics_creates_the_missing_ones(
    run_cli, tmp_path: Path
) -> None:
    source = tmp_path / "new.csv"
    source.write_text("Signups,2026-11-16,10\nSignups,2026-11-23,12\n")
    refused = run_cli("import", str(source))
    assert refused.returncode == 1
    created = run_cli("import", str(source), "--create-metrics")
    assert created.returncode == 0, created.stderr
    assert created.stdout == "imported 2 readings, 1 new metric\n"
    listing = json.loads(run_cli("metric", "list", "--json").stdout)
    assert [m["name"] for m in listing] == ["Signups"]


def test_import_of_a_missing_file_is_a_clear_error(run_cli, tmp_path: Path) -> None:
    result = run_cli("import", str(tmp_path / "absent.csv"))
    assert_one_error_line(result)
    assert "cannot read" in result.stderr


def test_export_csv_to_a_file_writes_the_file(run_cli, seeded: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "readings.csv"
    target.parent.mkdir()

    result = run_cli("export", "--format", "csv", "--out", str(target))

    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert f"exported to {target}" in result.stderr
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert rows[0][:3] == ["metric", "at", "value"]
    assert [r[:3] for r in rows[1:]] == [
        ["Uptime", "2026-11-16", "99.7"],
        ["Uptime", "2026-11-23", "99.9"],
    ]
    assert sorted(p.name for p in target.parent.iterdir()) == ["readings.csv"]


def test_export_json_to_stdout_imports_into_another_database(
    run_cli, seeded: Path, tmp_path: Path, cli_env: dict[str, str]
) -> None:
    exported = run_cli("export")
    assert exported.returncode == 0
    valid_export(exported.stdout)
    other = tmp_path / "other.db"
    imported = subprocess.run(
        [sys.executable, "-m", "okrtui", "--db", str(other), "import", "-"],
        input=exported.stdout, capture_output=True, text=True, env=cli_env, timeout=60,
    )
    assert imported.returncode == 0, imported.stderr
    assert reading_count(other) == 2


def test_export_to_an_unwritable_place_is_a_clear_error(
    run_cli, seeded: Path, tmp_path: Path
) -> None:
    result = run_cli("export", "--out", str(tmp_path / "no" / "such" / "dir" / "x.json"))
    assert_one_error_line(result)
    assert "cannot write" in result.stderr


def test_hostile_text_is_shown_literally_and_never_reaches_the_terminal(run_cli) -> None:
    assert run_cli("metric", "add", HOSTILE_NAME, "--min", "0").returncode == 0
    assert run_cli("record", HOSTILE_NAME, "1", "--note", HOSTILE_NOTE).returncode == 0

    outputs = [
        run_cli("kpis").stdout,
        run_cli("kpis", "--json").stdout,
        run_cli("metric", "show", HOSTILE_NAME).stdout,
        run_cli("metric", "list").stdout,
    ]

    for text in outputs:
        assert HOSTILE_NAME in text
        assert "\x1b" not in text and "\x07" not in text
    show = outputs[2]
    assert "[@click=app.quit]" in show
    assert "␛]0;pwned␇" in show


def test_no_command_without_a_terminal_points_to_the_commands(run_cli) -> None:
    result = run_cli()
    assert result.returncode == 1
    assert result.stderr.startswith("okrtui: ")
    assert "okrtui kpis" in result.stderr and "okrtui record" in result.stderr
    assert "Traceback" not in result.stderr


def test_okrtui_db_environment_variable_chooses_the_database(
    run_cli, seeded: Path, cli_env: dict[str, str]
) -> None:
    env = {**cli_env, "OKRTUI_DB": str(seeded)}
    result = run_cli("kpis", "--json", env=env, db=False)
    assert result.returncode == 0, result.stderr
    assert [k["name"] for k in json.loads(result.stdout)] == ["Uptime"]


def test_a_bad_pinned_today_is_a_clear_error(run_cli, cli_env: dict[str, str]) -> None:
    result = run_cli("kpis", env={**cli_env, "OKRTUI_TODAY": "soon"})
    assert_one_error_line(result)
    assert "OKRTUI_TODAY" in result.stderr


def test_a_database_that_is_not_one_is_refused_and_untouched(run_cli, db_path: Path) -> None:
    db_path.write_bytes(b"garbage" * 1000)
    result = run_cli("kpis")
    assert_one_error_line(result)
    assert "left untouched" in result.stderr
    assert db_path.read_bytes() == b"garbage" * 1000


SCRIPT_PATHS_WITHOUT_TEXTUAL = textwrap.dedent(
    """
    import sys
    import okrtui.cli, okrtui.core, okrtui.store.repository, okrtui.store.exchange

    db = sys.argv[1]
    codes = [
        okrtui.cli.main(["--db", db, "metric", "add", "Uptime", "--min", "1"]),
        okrtui.cli.main(["--db", db, "kpis"]),
        okrtui.cli.main(["--db", db, "record", "Uptime", "2"]),
        okrtui.cli.main(["--db", db, "kpis", "--json"]),
        okrtui.cli.main(["--db", db, "export", "--format", "csv"]),
    ]
    loaded = sorted(
        name for name in sys.modules
        if name.split(".")[0] in ("textual", "rich")
    )
    print("RESULT", codes, loaded)
    """
)


def test_script_commands_never_import_textual_or_rich(db_path: Path, cli_env) -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT_PATHS_WITHOUT_TEXTUAL, str(db_path)],
        capture_output=True, text=True, env=cli_env, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "RESULT [0, 0, 0, 0, 0] []"


def test_demo_lists_eight_kpis_and_leaves_the_users_data_alone(
    run_cli, tmp_path: Path, cli_env: dict[str, str]
) -> None:
    home, xdg, temp = tmp_path / "home", tmp_path / "xdg", tmp_path / "tmp"
    for folder in (home, xdg, temp):
        folder.mkdir()
    env = {**cli_env, "HOME": str(home), "XDG_DATA_HOME": str(xdg), "TMPDIR": str(temp)}

    result = run_cli("--demo", "kpis", "--json", env=env, db=False)

    assert result.returncode == 0, result.stderr
    kpis = {k["name"]: k for k in json.loads(result.stdout)}
    assert len([k for k in kpis.values() if k["role"] == "kpi"]) == 6
    assert kpis["Activation rate"]["role"] == "key-result"  # the quarter's key results
    assert kpis["First response time"]["role"] == "key-result"  # an unwatched KR metric
    assert len(kpis) == 9
    # Issue 5: the demo's plan is lint-clean, so every KPI has a healthy range.
    assert kpis["Net promoter score"]["status"] == "healthy"
    assert kpis["Repeat contact rate"]["status"] == "stale"
    assert kpis["Uptime"]["at"] == "2026-11-23"
    assert list(home.iterdir()) == []
    assert list(xdg.iterdir()) == []
    assert list(temp.iterdir()) == []  # the demo's temporary database is removed on exit


def test_arguments_that_are_not_utf8_become_text_not_a_traceback(db_path: Path,
                                                                 cli_env) -> None:
    run = [sys.executable.encode(), b"-m", b"okrtui", b"--db", str(db_path).encode()]
    added = subprocess.run([*run, b"metric", b"add", b"Caf\xe9"], capture_output=True,
                           env=cli_env, timeout=60)
    assert added.returncode == 0, added.stderr
    noted = subprocess.run([*run, b"record", "Caf\ufffd".encode(), b"1", b"--note", b"\xff\xfe"],
                           capture_output=True, env=cli_env, timeout=60)
    assert noted.returncode == 0, noted.stderr
    shown = subprocess.run([*run, b"metric", b"show", "Caf\ufffd".encode()],
                           capture_output=True, env=cli_env, timeout=60)
    assert "Caf\ufffd" in shown.stdout.decode() and "\ufffd\ufffd" in shown.stdout.decode()
