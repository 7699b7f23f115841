"""`okrtui journal` and `okrtui note`, run for real, as a script or cron job would."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent.parent / "golden"


def test_journal_add_from_text_and_stdin_then_list_and_search(run_cli) -> None:
    assert run_cli("metric", "add", "Churn", "--max", "3").returncode == 0
    added = run_cli("journal", "add", "# Price test\nWe raised prices [red]10%[/red]",
                    "--kind", "decision", "--link", "churn", "--at", "2026-11-20")
    assert added.returncode == 0, added.stderr
    assert added.stdout == "added decision 1 for 2026-11-20: Price test\n"
    piped = run_cli("journal", "add", "-", input="From a cron job\nsecond line\n")
    assert piped.returncode == 0
    listed = run_cli("journal", "list").stdout.splitlines()
    assert listed[0].split() == ["ID", "DATE", "KIND", "BY", "TITLE", "ABOUT"]
    assert "From a cron job" in listed[1] and "Price test" in listed[2] and "Churn" in listed[2]
    found = json.loads(run_cli("journal", "list", "--link", "Churn", "--json").stdout)
    assert [e["id"] for e in found] == [1]
    assert found[0]["body"] == "# Price test\nWe raised prices [red]10%[/red]"
    assert json.loads(run_cli("journal", "list", "--search", "cron", "--json").stdout)[0][
        "id"] == 2
    assert "We raised prices [red]10%[/red]" in run_cli("journal", "show", "1").stdout


def test_bad_journal_input_is_refused_and_changes_nothing(run_cli, repo) -> None:
    for args in (["journal", "add", "x", "--link", "Nope"], ["journal", "add", "   "],
                 ["journal", "add", "x", "--at", "2027-01-01"], ["journal", "show", "9"]):
        result = run_cli(*args)
        assert result.returncode == 1 and result.stderr.startswith("okrtui: "), args
    assert repo.journal.entries() == []


def test_the_demo_note_matches_the_golden_copy(run_cli, tmp_path, cli_env) -> None:
    env = {**cli_env, "TMPDIR": str(tmp_path)}
    result = run_cli("--demo", "note", env=env, db=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (GOLDEN / "demo-note-2026-11-23.md").read_text()


def test_note_from_cron_without_a_terminal_saves_and_tracks_next_tests(
        db_path: Path, cli_env, repo) -> None:
    """No tty on any stream, no TERM: what cron gives a job."""
    from okrtui.demo import build_demo
    from tests.conftest import TODAY

    build_demo(repo, TODAY)
    env = {k: v for k, v in cli_env.items() if k not in ("TERM", "COLUMNS", "LINES")}
    command = [sys.executable, "-m", "okrtui", "--db", str(db_path), "note", "--save"]
    result = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                            env=env, timeout=60, start_new_session=True)
    assert result.returncode == 0, result.stderr
    assert "## What to test next" in result.stdout
    assert "saved the review of the week of 2026-11-23" in result.stderr
    again = subprocess.run([*command[:-1], "--format", "json"], capture_output=True, text=True,
                           env=env, timeout=60, stdin=subprocess.DEVNULL)
    data = json.loads(again.stdout)
    assert data["week"] == "2026-11-23" and data["what_to_test_next"]
    review = repo.journal.review_for(TODAY)  # the demo has last week's too
    assert review is not None and review.week is not None
    tests = [t.text for t in repo.journal.tests_of(review.week)]
    # Last week's open tests are listed again but tracked once, from their own week.
    assert tests == [t for t in data["what_to_test_next"] if "still open since" not in t]
    assert any("still open since" in t for t in data["what_to_test_next"])


def test_a_week_not_yet_started_is_refused(run_cli, repo) -> None:
    result = run_cli("note", "--week", "2026-12-07")
    assert result.returncode == 1 and "has not started yet" in result.stderr


def test_note_save_never_overwrites_a_review_written_by_hand(run_cli, repo, today) -> None:
    repo.journal.save_review("# Our review\n\nWritten by hand.\n", today, today)
    refused = run_cli("note", "--save")
    assert refused.returncode == 1 and "already in the journal" in refused.stderr
    assert repo.journal.review_for(today).body.startswith("# Our review")  # type: ignore[union-attr]
    replaced = run_cli("note", "--save", "--replace")
    assert replaced.returncode == 0
    assert repo.journal.review_for(today).body.startswith("# Weekly review")  # type: ignore[union-attr]
    assert run_cli("note", "--save").returncode == 0  # the same note again: nothing to refuse


def test_note_names_what_was_recorded_after_the_last_review_and_saving_moves_the_mark(
        run_cli, repo, cli_env) -> None:
    """Last Monday's review, then a Wednesday reading out of range typed in by script:
    this week's note names it; once this week's review is saved, next week's does not."""
    from datetime import UTC, date, datetime, timedelta

    from okrtui.core.models import Metric

    last = date(2026, 11, 16)
    churn = repo.add_metric(Metric(name="Churn", unit="%", direction="lower", range_max=3))
    uptime = repo.add_metric(Metric(name="Uptime", unit="%", range_min=99.5))
    for weeks in range(12, -1, -1):
        day = last - timedelta(weeks=weeks)
        moment = datetime(day.year, day.month, day.day, 9, tzinfo=UTC)
        repo.record_reading(churn, day, 2.0 + weeks % 2 / 5, today=day, recorded_at=moment)
        if weeks:  # Uptime's last reading is the Monday before: fresh then, stale now
            repo.record_reading(uptime, day, 99.9 - weeks % 3 / 10, today=day,
                                recorded_at=moment)
    repo.journal.save_review("# Weekly review\n", last, last,
                             saved_at=datetime(2026, 11, 16, 9, 40, tzinfo=UTC))
    assert run_cli("record", "Churn", "3.9%", "--at", "2026-11-18").returncode == 0
    assert run_cli("record", "Churn", "2.1%").returncode == 0

    result = run_cli("note")
    assert result.returncode == 0, result.stderr
    assert ("Compared with the review of 2026-11-16 (saved 2026-11-16 09:40 UTC): readings "
            "recorded since count as new") in result.stdout
    assert ("- Churn was outside its healthy range (≤ 3%) since the last review: 3.9% on "
            "2026-11-18; back in it: 2.1% on 2026-11-23.") in result.stdout
    assert ("- Uptime went stale since the last review: last reading 2026-11-09 (14 days "
            "ago; reviewed weekly).") in result.stdout
    data = json.loads(run_cli("note", "--format", "json").stdout)
    assert data["previous_review"] == {"week": "2026-11-16", "day": "2026-11-16",
                                       "saved_at": "2026-11-16T09:40:00+00:00"}
    assert data["since"] == "2026-11-16"

    assert run_cli("note", "--save").returncode == 0
    next_week = run_cli("note", env={**cli_env, "OKRTUI_TODAY": "2026-11-30"})
    assert next_week.returncode == 0, next_week.stderr
    assert "Compared with the review of 2026-11-23 (saved " in next_week.stdout
    changed = next_week.stdout.split("## What changed")[1].split("## Why it matters")[0]
    assert "2026-11-18" not in changed and "went stale" not in changed  # seen by that review
    assert "Investigate what changed in Churn around 2026-11-18; if it is real, start a new " \
        "baseline" in next_week.stdout  # its next test is tracked
