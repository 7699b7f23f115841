"""`okrtui plan`, run for real: printed text applied back changes nothing, edits apply,
a broken line changes nothing, and the editor path runs a real editor (a script)."""

from __future__ import annotations

import json
import sqlite3
import stat
from pathlib import Path

import pytest

from tests.conftest import RunCli

Q4 = "2026-Q4"


@pytest.fixture
def planned(run_cli: RunCli) -> RunCli:
    """Two metrics, an objective of 2026-Q4 and one key result on Churn."""
    for args in (["metric", "add", "Churn", "--unit", "%", "--lower-is-better"],
                 ["metric", "add", "Activation", "--unit", "%"],
                 ["record", "Churn", "4", "--at", "2026-10-05"],
                 ["record", "Activation", "30", "--at", "2026-10-05"],
                 ["objective", "add", "Customers stay", "--owner", "maria", "--quarter", Q4],
                 ["kr", "add", "1", "Churn from 4% to 2.5%", "--metric", "Churn",
                  "--target", "2.5"]):
        result = run_cli(*args)
        assert result.returncode == 0, (args, result.stderr)
    return run_cli


def _plan_rows(db: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT o.id, o.title, o.owner, o.why, o.version, k.id, k.statement, k.baseline, "
            "k.target, k.due, k.owner, k.version FROM objective o LEFT JOIN key_result k ON "
            "k.objective_id = o.id ORDER BY o.id, k.id").fetchall()


def test_printed_text_applied_back_changes_nothing(planned: RunCli, db_path: Path) -> None:
    printed = planned("plan", Q4, "--print")
    assert printed.returncode == 0, printed.stderr
    assert "## Customers stay {#o1}" in printed.stdout
    assert "- Churn from 4% to 2.5% {#kr1}" in printed.stdout
    before = _plan_rows(db_path)
    again = planned("plan", Q4, "--file", "-", input=printed.stdout)
    assert again.returncode == 0, again.stderr
    assert again.stdout == f"no change to {Q4}'s plan: nothing to apply\n"
    assert _plan_rows(db_path) == before


def test_an_edited_title_and_a_new_key_result_are_applied(planned: RunCli, db_path: Path,
                                                          tmp_path: Path) -> None:
    text = planned("plan", Q4, "--print").stdout
    text = text.replace("## Customers stay {#o1}", "## Customers stay with us {#o1}")
    text += "\n- Activation from 30% to 40%\n  metric: Activation\n  owner: li\n"
    plan_file = tmp_path / "plan.md"
    plan_file.write_text(text, encoding="utf-8")
    result = planned("plan", Q4, "--file", str(plan_file), "--json")
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["applied"] is True
    assert [(c["kind"], c["item"], c["id"]) for c in shown["changes"]] == [
        ("added", "key result", None), ("edited", "objective", 1)]
    assert shown["changes"][1]["fields"] == [
        {"field": "title", "was": "Customers stay", "becomes": "Customers stay with us"}]
    rows = _plan_rows(db_path)
    assert [r[1] for r in rows] == ["Customers stay with us"] * 2
    assert rows[1][6:9] == ("Activation from 30% to 40%", 30.0, 40.0)
    assert rows[1][10] == "li"


def test_a_broken_line_is_refused_by_its_number_and_nothing_changes(
        planned: RunCli, db_path: Path) -> None:
    text = planned("plan", Q4, "--print").stdout
    text = text.replace("## Customers stay {#o1}", "## Customers stay longer {#o1}")
    text = text.replace("  target: 2.5", "  target: two and a half")
    text += "\n- Grow signups\n  metric: Signups\n  target: 10\n  baseline: 1\n"
    line = text.split("\n").index("  target: two and a half") + 1
    before = _plan_rows(db_path)
    result = planned("plan", Q4, "--file", "-", input=text)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"line {line}: target: 'two and a half' is not a number" in result.stderr
    assert _plan_rows(db_path) == before
    # Once the number is right, the unknown metric is named by its line, and still nothing.
    text = text.replace("two and a half", "2.5")
    result = planned("plan", Q4, "--file", "-", input=text)
    signups = text.split("\n").index("- Grow signups") + 1
    assert result.returncode == 1
    assert f"line {signups}: there is no metric named 'Signups'" in result.stderr
    assert _plan_rows(db_path) == before


def test_a_key_result_with_check_ins_is_not_removed(planned: RunCli, db_path: Path) -> None:
    assert planned("checkin", "1", "3.8", "--confidence", "6").returncode == 0
    text = planned("plan", Q4, "--print").stdout.split("\n- ")[0]
    before = _plan_rows(db_path)
    result = planned("plan", Q4, "--file", "-", "--yes", input=text)
    assert result.returncode == 1
    assert "key result 1 'Churn from 4% to 2.5%' has 1 check-ins" in result.stderr
    assert _plan_rows(db_path) == before


def test_a_closed_cycle_is_refused(planned: RunCli) -> None:
    assert planned("quarter", "grade", "1", "0.5").returncode == 0
    closing = planned("quarter", "close", Q4)
    assert closing.returncode == 0, closing.stderr
    result = planned("plan", Q4, "--file", "-", input="")
    assert result.returncode == 1
    assert f"{Q4} is closed: its plan is a record" in result.stderr
    assert planned("plan", Q4, "--print").returncode == 0  # still readable


def _editor(tmp_path: Path, body: str) -> Path:
    script = tmp_path / "editor.sh"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


def test_the_editor_path_runs_the_editor_and_applies_with_yes(
        planned: RunCli, db_path: Path, tmp_path: Path, cli_env: dict[str, str]) -> None:
    # The file is the last argument: "--wait" before it came from EDITOR's own words.
    script = _editor(tmp_path, 'test "$1" = --wait || exit 9\n'
                     "sed -i 's/^  target: 2.5$/  target: 2/' \"$2\"")
    env = {**cli_env, "EDITOR": f"{script} --wait", "VISUAL": ""}
    result = planned("plan", Q4, "--yes", env=env)
    assert result.returncode == 0, result.stderr
    assert "~ edited key result 1 'Churn from 4% to 2.5%': target 2.5 → 2" in result.stdout
    assert "applied to 2026-Q4: 0 added, 1 edited, 0 removed" in result.stdout
    assert _plan_rows(db_path)[0][8] == 2.0


def test_saving_unchanged_changes_nothing_and_says_so(
        planned: RunCli, db_path: Path, tmp_path: Path, cli_env: dict[str, str]) -> None:
    env = {**cli_env, "VISUAL": str(_editor(tmp_path, "true"))}
    before = _plan_rows(db_path)
    result = planned("plan", Q4, "--yes", env=env)
    assert result.returncode == 0, result.stderr
    assert "no change to 2026-Q4's plan: nothing to apply" in result.stdout
    assert _plan_rows(db_path) == before


def test_without_a_terminal_the_editor_path_needs_yes(planned: RunCli) -> None:
    result = planned("plan", Q4)
    assert result.returncode == 1
    assert "give --yes" in result.stderr


def test_a_failing_editor_applies_nothing(planned: RunCli, db_path: Path, tmp_path: Path,
                                          cli_env: dict[str, str]) -> None:
    script = _editor(tmp_path, "sed -i 's/Customers/People/' \"$1\"; exit 3")
    before = _plan_rows(db_path)
    result = planned("plan", Q4, "--yes", env={**cli_env, "VISUAL": str(script)})
    assert result.returncode == 1
    assert "exited with status 3: nothing was applied" in result.stderr
    assert _plan_rows(db_path) == before
