"""`okrtui import okrs.csv`: a team's OKR spreadsheet through the real command, and every
number that comes back in `okrs --json`, `okrs` in an 80-column terminal and the export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from okrtui.store.repository import Repository
from tests.e2e.pty_session import PtySession, db_env
from tests.export_schema import valid_export
from tests.okr_files import LONG_STATEMENT, UNDATED_LINE, prepare_cycles, write_sheet
from tests.store.test_okr_sheet import SUMMARY


@pytest.fixture
def sheet(repo: Repository, tmp_path: Path) -> Path:
    prepare_cycles(repo)
    return write_sheet(tmp_path / "okrs.csv")


def test_a_row_that_cannot_be_placed_is_named_and_nothing_comes_in(run_cli, sheet) -> None:  # noqa: ANN001
    result = run_cli("import", str(sheet))
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("okrtui: nothing was imported: 1 row(s) cannot be placed\n"
                                    f"line {UNDATED_LINE}: a check-in with no date")
    assert "--skip-unplaceable" in result.stderr
    assert json.loads(run_cli("okrs", "--quarter", "FY23-Q2", "--json").stdout) == []


def test_the_sheet_in_one_command_and_every_number_back(run_cli, sheet) -> None:  # noqa: ANN001
    result = run_cli("import", str(sheet), "--skip-unplaceable")
    assert result.returncode == 0, result.stderr
    assert result.stdout == SUMMARY + "\n"

    maria, li = json.loads(run_cli("okrs", "--quarter", "fy23-q2", "--json").stdout)
    assert [(o["quarter"], o["title"], o["owner"]) for o in (maria, li)] == [
        ("FY23-Q2", "Hire", "maria"), ("FY23-Q2", "Hire", "li")]
    (engineers,) = maria["key_results"]
    assert {k: engineers[k] for k in ("statement", "metric", "unit", "baseline", "target",
                                      "current", "progress", "confidence", "due",
                                      "final_score", "owner")} == {
        "statement": "Hire 5 engineers", "metric": "Engineers hired", "unit": "people",
        "baseline": 0.0, "target": 5.0, "current": 4.0, "progress": 0.8, "confidence": 5,
        "due": "2022-07-31", "final_score": 0.8, "owner": "maria"}
    long_kr, recruiter = li["key_results"]
    assert (long_kr["statement"], long_kr["baseline"], long_kr["target"], long_kr["current"],
            long_kr["final_score"]) == (LONG_STATEMENT, 0.0, 2.0, 0.05, None)
    assert long_kr["progress"] == pytest.approx(0.025)
    assert (recruiter["statement"], recruiter["current"], recruiter["progress"],
            recruiter["final_score"]) == ("Hire a recruiter", None, None, None)

    (ship,) = json.loads(run_cli("okrs", "--quarter", "release-3.2", "--json").stdout)
    (bugs,) = ship["key_results"]
    assert (ship["title"], bugs["baseline"], bugs["target"], bugs["current"], bugs["progress"],
            bugs["final_score"], bugs["due"]) == ("Ship 3.2", 120.0, 80.0, 100.0, 0.5, 0.9,
                                                   "2019-04-23")

    document = json.loads(valid_export(run_cli("export").stdout))
    exported = {kr["statement"]: kr for o in document["objectives"] for kr in o["key_results"]}
    assert [(c["at"], c["value"], c["confidence"], c["comment"])
            for c in exported[LONG_STATEMENT]["check_ins"]] == [
        ("2022-05-20", 0.0, 7, ""), ("2022-06-10", None, 4, "no new number yet"),
        ("2022-07-29", 1.0, None, "not present"), ("2022-07-29", 0.05, None, "actual score")]
    assert (exported["Hire a recruiter"]["not_graded"],
            exported["Hire a recruiter"]["close_note"]) == (True, "role cancelled")
    assert [(o["title"], o["owner"], o["official_score"]) for o in document["objectives"]] == [
        ("Hire", "maria", 0.6), ("Hire", "li", None), ("Ship 3.2", "dev", 0.7)]

    again = run_cli("import", str(sheet), "--skip-unplaceable")
    assert again.stdout.startswith("imported 0 objectives (3 already there), 0 key results "
                                   "(4 already there), 0 check-ins (8 already there)")


def test_a_1000_character_statement_is_cut_in_an_80_column_terminal(
    run_cli, sheet, db_path: Path, tmp_path: Path  # noqa: ANN001
) -> None:
    assert run_cli("import", str(sheet), "--skip-unplaceable").returncode == 0
    session = PtySession(["--db", str(db_path), "okrs", "--quarter", "FY23-Q2"],
                         db_env(tmp_path))
    try:
        assert session.wait_exit() == 0
        screen = session.text().splitlines()
    finally:
        session.kill()
    kr = next(line for line in screen if "Raise the share" in line)
    assert kr.rstrip().endswith("…") and len(kr.rstrip()) <= 80
    assert kr.split("Raise the share")[0].strip().startswith("KR 2")
    assert any("Hire 5 engineers" in line for line in screen)


def test_every_imported_check_in_and_grade_shows_in_kr_show_okrs_and_the_page(
        run_cli, sheet) -> None:  # noqa: ANN001
    assert run_cli("import", str(sheet), "--skip-unplaceable").returncode == 0
    maria, li = json.loads(run_cli("okrs", "--quarter", "FY23-Q2", "--json").stdout)
    long_id = li["key_results"][0]["id"]
    shown = json.loads(run_cli("kr", "show", str(long_id), "--json").stdout)
    assert [(c["at"], c["value"], c["confidence"], c["comment"], c["counted"])
            for c in shown["check_ins"]] == [
        ("2022-05-20", 0.0, 7, "", True), ("2022-06-10", None, 4, "no new number yet", True),
        ("2022-07-29", 1.0, None, "not present", True),
        ("2022-07-29", 0.05, None, "actual score", True)]
    assert shown["current"] == 0.05 and shown["confidence"] == 4
    # Objective scores: maria's one key result graded 0.8 (official 0.6 kept beside it);
    # li's n/a recruiter is left out of the mean.
    assert (maria["score"], maria["official_score"]) == (0.8, 0.6)
    assert li["score_basis"]["not_graded"] == 1 and li["score_basis"]["counted"] == 1
    page = run_cli("quarter", "export", "FY23-Q2").stdout
    assert "not present" in page and "actual score" in page and "no new number yet" in page
    assert "0.80" in page and "official 0.60" in page
