"""`okrtui journal tests` and `journal test ID`: a next test that names a KPI says whether
that KPI has shown a signal the way it should since the test began."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from okrtui.core.models import Metric
from okrtui.store.database import open_database
from okrtui.store.repository import Repository
from tests.conftest import TODAY, RunCli

SET_WEEK = date(2026, 10, 19)  # the review that set the tests
NOTE = """# Weekly review, week of 2026-10-19

## What to test next

- Call two customers who left → Churn down
- Try a shorter signup form (Signups up)
- Tidy the wiki
"""


def seed(path: Path) -> None:
    """Churn steady for 20 weeks, then lower from the week the tests were set; Signups
    steady throughout."""
    repo = Repository(open_database(path), "seed")
    churn = repo.add_metric(Metric(name="Churn", direction="lower"))
    signups = repo.add_metric(Metric(name="Signups"))
    day = SET_WEEK - timedelta(weeks=20)
    wobble = [0.1, -0.1, 0.2, -0.2, 0.0]
    i = 0
    while day <= TODAY:
        low = day >= SET_WEEK
        repo.record_reading(churn, day, (3.0 if low else 5.0) + wobble[i % 5], today=TODAY)
        repo.record_reading(signups, day, 100 + 10 * wobble[i % 5], today=TODAY)
        day += timedelta(weeks=1)
        i += 1
    repo.journal.save_review(NOTE, SET_WEEK, SET_WEEK + timedelta(days=4))
    repo.close()


def test_tests_show_their_kpi_direction_and_verdict(run_cli: RunCli, db_path: Path) -> None:
    seed(db_path)
    listed = run_cli("journal", "tests", "--json")
    assert listed.returncode == 0, listed.stderr
    tests = {t["text"]: t for t in json.loads(listed.stdout)}
    churn = tests["Call two customers who left → Churn down"]
    assert (churn["metric"], churn["direction"]) == ("Churn", "down")
    assert churn["verdict"]["kind"] == "moved"
    assert churn["verdict"]["words"].startswith(
        f"Churn has shown a signal down since {SET_WEEK}")
    signups = tests["Try a shorter signup form (Signups up)"]
    assert (signups["metric"], signups["direction"]) == ("Signups", "up")
    assert signups["verdict"]["kind"] == "no-signal"
    assert signups["verdict"]["words"].startswith("no signal yet: 6 reading(s) of Signups")
    wiki = tests["Tidy the wiki"]
    assert (wiki["metric"], wiki["direction"], wiki["verdict"]) == (None, None, None)
    text = run_cli("journal", "tests")
    assert text.returncode == 0
    assert "Call two customers who left → Churn down\n     Churn has shown a signal down " \
        f"since {SET_WEEK}" in text.stdout
    assert "Tidy the wiki\n     names no KPI\n" in text.stdout


def test_a_test_is_given_a_kpi_later_or_none(run_cli: RunCli, db_path: Path) -> None:
    seed(db_path)
    wiki = next(t for t in json.loads(run_cli("journal", "tests", "--json").stdout)
                if t["text"] == "Tidy the wiki")
    named = run_cli("journal", "test", str(wiki["id"]), "--metric", "churn",
                    "--direction", "up")
    assert named.returncode == 0, named.stderr
    assert named.stdout == "next test 3 should move Churn up: Tidy the wiki\n"
    again = {t["id"]: t for t in json.loads(run_cli("journal", "tests", "--json").stdout)}
    assert again[wiki["id"]]["verdict"]["kind"] == "other-way"
    assert again[wiki["id"]]["verdict"]["words"].startswith("Churn moved the other way")
    half = run_cli("journal", "test", str(wiki["id"]), "--metric", "Churn")
    assert half.returncode != 0 and "--direction" in half.stderr
    assert "Traceback" not in half.stderr
    unknown = run_cli("journal", "test", "99", "--none")
    assert unknown.returncode != 0 and "no next test with id 99" in unknown.stderr
    cleared = run_cli("journal", "test", str(wiki["id"]), "--none")
    assert cleared.returncode == 0 and "names no KPI" in cleared.stdout


def test_the_note_says_what_the_kpi_showed(run_cli: RunCli, db_path: Path) -> None:
    seed(db_path)
    note = run_cli("note")
    assert note.returncode == 0, note.stderr
    assert (f"- Next test from {SET_WEEK}, Call two customers who left → Churn down: Churn "
            f"has shown a signal down since {SET_WEEK}") in note.stdout
    assert "Tidy the wiki (still open since the review of 2026-10-19)" in note.stdout


def test_an_export_brings_its_tests_kpis_into_another_database(
        run_cli: RunCli, db_path: Path, tmp_path: Path) -> None:
    seed(db_path)
    exported = run_cli("export")
    assert exported.returncode == 0, exported.stderr
    other = tmp_path / "other.db"
    imported = run_cli("--db", str(other), "import", "-", input=exported.stdout, db=False)
    assert imported.returncode == 0, imported.stderr
    tests = json.loads(run_cli("--db", str(other), "journal", "tests", "--json",
                               db=False).stdout)
    assert [(t["metric"], t["direction"]) for t in tests] == [
        ("Churn", "down"), ("Signups", "up"), (None, None)]
