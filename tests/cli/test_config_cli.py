"""`okrtui config` and the settings file from a shell: path, show, actions, the database."""

from __future__ import annotations

import json
from pathlib import Path


def test_config_path_follows_okrtui_config(run_cli, cli_env, tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    result = run_cli("config", "path", env={**cli_env, "OKRTUI_CONFIG": str(path)})
    assert result.stdout.strip() == str(path) and "no file there yet" in result.stderr


def test_show_names_bad_settings_by_line_and_exits_1(run_cli, cli_env, tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('theme = "nrd"\n[keys]\ncheck-in = "C"\nchek-in = "x"\nrecord-reading = "j"\n')
    env = {**cli_env, "OKRTUI_CONFIG": str(path)}
    result = run_cli("config", "show", "--json", env=env)
    assert result.returncode == 1
    shown = json.loads(result.stdout)
    assert shown["keys"]["check-in"] == "C"
    problems = {p["line"]: p["message"] for p in shown["problems"]}
    assert "no theme 'nrd'" in problems[1] and "no action 'chek-in'" in problems[4]
    text = run_cli("config", "show", env=env)
    assert "line 4: keys.chek-in" in text.stderr and "keys.check-in = C" in text.stdout


def test_actions_lists_the_ids_a_keymap_rebinds(run_cli) -> None:
    result = run_cli("config", "actions")
    assert result.returncode == 0
    rows = {line.split()[0]: line for line in result.stdout.splitlines()}
    assert "check-in" in rows and "record-reading" in rows and " c " in rows["check-in"]


def test_any_command_reports_a_broken_file_on_stderr_and_runs(run_cli, cli_env,
                                                              tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('week_starts = "someday"\n')
    result = run_cli("metric", "add", "Churn", env={**cli_env, "OKRTUI_CONFIG": str(path)})
    assert result.returncode == 0
    assert f"settings {path}: line 1: week_starts should be a day's name" in result.stderr


def test_the_settings_database_is_used_when_no_other_is_given(run_cli, cli_env,
                                                              tmp_path: Path) -> None:
    chosen = tmp_path / "team.db"
    path = tmp_path / "config.toml"
    path.write_text(f'database = "{chosen}"\n')
    env = {**cli_env, "OKRTUI_CONFIG": str(path)}
    assert run_cli("metric", "add", "Churn", env=env, db=False).returncode == 0
    assert chosen.exists()
    listed = run_cli("kpis", "--json", env=env, db=False)
    assert "Churn" in listed.stdout


def test_weeks_start_on_the_day_the_settings_say(run_cli, cli_env, tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('week_starts = "sunday"\n')
    run_cli("metric", "add", "Churn")
    monday = json.loads(run_cli("note", "--format", "json").stdout)["week"]
    sunday = json.loads(run_cli("note", "--format", "json",
                                env={**cli_env, "OKRTUI_CONFIG": str(path)}).stdout)["week"]
    assert (monday, sunday) == ("2026-11-23", "2026-11-22")  # today is Monday 2026-11-23
