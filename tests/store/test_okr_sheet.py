"""An OKR spreadsheet saved as CSV comes in whole, through the JSON import's one write path:
fiscal and named cycles, the grading week, same-day pairs, confidences on a 0–1 scale, two
objectives with one title, long statements, and rows that cannot be placed."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from okrtui.core.errors import InvalidInput, QuarterClosed
from okrtui.store.database import open_database
from okrtui.store.exchange import ImportErrors, import_file
from okrtui.store.repository import Repository
from tests.export_schema import validated_export
from tests.okr_files import (
    HEADER,
    LONG_STATEMENT,
    UNDATED_LINE,
    prepare_cycles,
    sheet_rows,
    write_sheet,
)

SUMMARY = ("imported 3 objectives, 4 key results, 8 check-ins, 4 new metrics; skipped 1 "
           f"check-in: line {UNDATED_LINE}: no date; the new metrics are unwatched (not "
           "KPIs); 1 named from its statement (no metric given): line 5; baseline from the "
           "first check-in: line 5; confidences read as fractions of 1 (0.4 → 4/10)")


def counts(repo: Repository) -> tuple[int, ...]:
    tables = ("objective", "key_result", "check_in", "reading", "metric")
    return tuple(repo.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables)


def check_ins(repo: Repository, kr_id: int) -> list[tuple]:
    return [tuple(r) for r in repo.db.execute(
        "SELECT at, value, confidence, comment, author, recorded_at, source FROM check_in "
        "WHERE key_result_id = ? ORDER BY id", [kr_id])]


@pytest.fixture
def sheet(tmp_path: Path) -> bytes:
    return write_sheet(tmp_path / "okrs.csv").read_bytes()


@pytest.fixture
def cycles(repo: Repository) -> Repository:
    prepare_cycles(repo)
    return repo


def test_a_row_that_cannot_be_placed_stops_the_import_and_says_what_would_fit(
    cycles: Repository, sheet: bytes, today: date
) -> None:
    with pytest.raises(ImportErrors) as caught:
        import_file(cycles, "okrs.csv", sheet, today)
    assert str(caught.value) == (
        "nothing was imported: 1 row(s) cannot be placed\n"
        f"line {UNDATED_LINE}: a check-in with no date: give the row its check-in date (for a "
        "final result, the day it was graded)\n"
        "(fix those rows, or import with --skip-unplaceable to leave them out and import the "
        "rest)")
    assert counts(cycles) == (0, 0, 0, 0, 0)


def test_the_sheet_comes_in_whole_and_every_number_is_kept(
    cycles: Repository, sheet: bytes, today: date
) -> None:
    repo = cycles
    assert import_file(repo, "okrs.csv", sheet, today, skip_unplaceable=True) == SUMMARY
    maria, li = repo.okrs.objectives("FY23-Q2")
    (ship,) = repo.okrs.objectives("release-3.2")
    assert [(o.title, o.owner, o.official_score, o.position) for o in (maria, li, ship)] == [
        ("Hire", "maria", 0.6, 1), ("Hire", "li", None, 2), ("Ship 3.2", "dev", 0.7, 1)]
    engineers, long_kr, recruiter = repo.okrs.key_results("FY23-Q2")
    (bugs,) = repo.okrs.key_results("release-3.2")
    assert [(k.objective_id, k.baseline, k.target, k.start, k.due, k.final_score,
             k.official_score, k.not_graded, k.close_note) for k in (
                 engineers, long_kr, recruiter, bugs)] == [
        (maria.id, 0, 5, date(2022, 5, 1), date(2022, 7, 31), 0.8, 0.8, False, ""),
        (li.id, 0, 2, date(2022, 5, 1), date(2022, 7, 31), None, None, False, ""),
        (li.id, 0, 1, date(2022, 5, 1), date(2022, 7, 31), None, None, True, "role cancelled"),
        (ship.id, 120, 80, date(2019, 2, 4), date(2019, 4, 23), 0.9, 0.9, False, ""),
    ]
    assert long_kr.statement == LONG_STATEMENT and len(long_kr.statement) == 1000

    noon = "T12:00:00+00:00"
    assert check_ins(repo, engineers.id) == [
        ("2022-05-16", 1.0, 8, "first hire", "maria", "2022-05-16" + noon, "import"),
        ("2022-06-20", 3.0, 6, "", "maria", "2022-06-20" + noon, "import"),
        ("2022-08-05", 4.0, 5, "actual score", "maria", "2022-08-05" + noon, "import"),
    ]
    assert check_ins(repo, long_kr.id) == [
        ("2022-05-20", 0.0, 7, "", "li", "2022-05-20" + noon, "import"),
        ("2022-06-10", None, 4, "no new number yet", "li", "2022-06-10" + noon, "import"),
        ("2022-07-29", 1.0, None, "not present", "li", "2022-07-29" + noon, "import"),
        ("2022-07-29", 0.05, None, "actual score", "li", "2022-07-29T12:00:01+00:00",
         "import"),
    ]
    assert check_ins(repo, bugs.id) == [
        ("2019-03-01", 100.0, 7, "", "dev", "2019-03-01" + noon, "import")]
    assert check_ins(repo, recruiter.id) == []

    metrics = {m.id: m for m in repo.list_metrics(include_archived=True)}
    made = [metrics[k.metric_id] for k in (engineers, long_kr, recruiter, bugs)]
    assert [(m.name, m.unit, m.direction, m.watched) for m in made] == [
        ("Engineers hired", "people", "higher", False),
        (LONG_STATEMENT[:59] + "…", "", "higher", False),
        ("Recruiters", "", "higher", False), ("Open bugs", "bugs", "lower", False)]
    latest = {m.name: [(p.at, p.value) for p in repo.current_points(m.id)] for m in made}
    assert latest["Engineers hired"] == [(date(2022, 5, 16), 1), (date(2022, 6, 20), 3),
                                         (date(2022, 8, 5), 4)]
    assert latest[made[1].name][-1] == (date(2022, 7, 29), 0.05)  # the pair's second counts


def test_importing_the_sheet_again_adds_nothing(
    cycles: Repository, sheet: bytes, today: date
) -> None:
    import_file(cycles, "okrs.csv", sheet, today, skip_unplaceable=True)
    before = counts(cycles)
    again = import_file(cycles, "okrs.csv", sheet, today, skip_unplaceable=True)
    assert again == ("imported 0 objectives (3 already there), 0 key results (4 already "
                     "there), 0 check-ins (8 already there); skipped 1 check-in: line "
                     f"{UNDATED_LINE}: no date; confidences read as fractions of 1 (0.4 → 4/10)")
    assert counts(cycles) == before == (3, 4, 8, 7, 4)


def test_a_sheets_okrs_export_with_their_identity_and_import_elsewhere_the_same(
    cycles: Repository, sheet: bytes, today: date, tmp_path: Path
) -> None:
    import_file(cycles, "okrs.csv", sheet, today, skip_unplaceable=True)
    exported = validated_export(cycles)
    document = json.loads(exported)
    assert document["fiscal_year_first_month"] == 2
    assert document["cycles"] == [
        {"name": "release-3.2", "start": "2019-02-04", "end": "2019-04-23"},
        {"name": "FY23-Q2", "start": "2022-05-01", "end": "2022-07-31"}]
    keys = [o["key"] for o in document["objectives"]]
    assert keys[0] == "sheet:FY23-Q2:id:O1" and len(set(keys)) == 3
    elsewhere = Repository(open_database(tmp_path / "elsewhere.db"), "importer")
    import_file(elsewhere, "backup.json", exported.encode(), today)
    again = validated_export(elsewhere)
    first, second = json.loads(exported), json.loads(again)
    first.pop("exported_at")
    second.pop("exported_at")
    assert first == second
    assert "0 objectives (3 already there)" in import_file(
        elsewhere, "okrs.csv", sheet, today, skip_unplaceable=True)


def test_an_unknown_cycle_is_named_with_the_command_that_would_add_it(
    repo: Repository, sheet: bytes, today: date, tmp_path: Path
) -> None:
    with pytest.raises(ImportErrors) as caught:
        import_file(repo, "okrs.csv", sheet, today)
    message = str(caught.value)
    assert "nothing was imported: 10 row(s) cannot be placed" in message
    assert ("line 2: cycle 'FY23-Q2' is not known here: make this database's quarters fiscal "
            "with `okrtui cycle fiscal-year MONTH`") in message
    assert ("line 9: cycle 'release-3.2' is not known here: add it with `okrtui cycle add "
            "release-3.2 --from YYYY-MM-DD --to YYYY-MM-DD`") in message
    summary = import_file(repo, "okrs.csv", sheet, today, skip_unplaceable=True)
    assert summary.startswith("imported 0 objectives, 0 key results, 0 check-ins; skipped 8 "
                              "rows: line 2, 3, 4, 5, 6, 7, 8, 11: cycle 'FY23-Q2' is not "
                              "known here; 2 rows: line 9, 10: cycle 'release-3.2'")
    assert counts(repo) == (0, 0, 0, 0, 0)


def changed(line: int, column: str, value: str) -> list[list[str]]:
    rows = sheet_rows()
    rows[line - 2][HEADER.index(column)] = value
    return rows


@pytest.mark.parametrize(("line", "column", "value", "message"), [
    (3, "Actual", "3x", "line 3: value: '3x' is not a number"),
    (4, "Check-in date", "2022-02-30", "line 4: check-in date: 2022-02-30 is not a real date"),
    (4, "Check-in date", "2027-01-04", "line 4: check-in date: 2027-01-04 is in the future"),
    (3, "Target value", "6", "line 3: target '6' differs from '5' on line 2 for the same key "
     "result"),
    (2, "Deadline", "2022-09-30", "line 2: due 2022-09-30 is outside FY23-Q2 (2022-05-01 to "
     "2022-07-31)"),
    (9, "Final score", "1.2", "line 9: score: '1.2' is not a grade (expected 0 to 1, or n/a)"),
    (9, "Confidence", "7", "line 2: confidence: '0.8' is not a confidence from 0 to 10 (this "
     "file's confidences read as 0–10)"),
    (11, "Target value", "0", "line 11: the target equals the baseline"),
    (11, "Metric", "Engineers hired", "line 11: metric 'Engineers hired' is already measured "
     "by the key result on line 2 in FY23-Q2"),
    (2, "Goal", "", "line 2: no objective"),
])
def test_a_bad_row_imports_nothing_and_names_its_line(
    cycles: Repository, today: date, tmp_path: Path, line: int, column: str, value: str,
    message: str,
) -> None:
    data = write_sheet(tmp_path / "bad.csv", changed(line, column, value)).read_bytes()
    with pytest.raises(ImportErrors) as caught:
        import_file(cycles, "bad.csv", data, today, skip_unplaceable=True)
    assert message in str(caught.value)
    assert str(caught.value).startswith("nothing was imported: ")
    assert counts(cycles) == (0, 0, 0, 0, 0)


def test_a_statement_over_the_limit_is_refused_in_okrtuis_words(
    cycles: Repository, today: date, tmp_path: Path
) -> None:
    data = write_sheet(tmp_path / "long.csv", changed(11, "Key Result", "x" * 2_311)
                       ).read_bytes()
    with pytest.raises(ImportErrors) as caught:
        import_file(cycles, "long.csv", data, today, skip_unplaceable=True)
    assert ("line 11: a key result statement has at most 2,000 characters (this one has "
            "2,311)") in str(caught.value)
    assert "String should" not in str(caught.value)


def test_a_check_in_before_its_cycle_starts_cannot_be_placed(
    cycles: Repository, today: date, tmp_path: Path
) -> None:
    data = write_sheet(tmp_path / "early.csv", changed(9, "Check-in date", "2019-01-15")
                       ).read_bytes()
    with pytest.raises(ImportErrors, match="line 9: a check-in dated 2019-01-15, before "
                       "release-3.2 starts on 2019-02-04: check its date, or its cycle"):
        import_file(cycles, "early.csv", data, today)


def test_a_header_that_fits_no_format_says_what_each_expects(
    repo: Repository, today: date
) -> None:
    data = b"Goal,Key result,Progress\nHire,Hire 5,3\n"
    with pytest.raises(InvalidInput) as caught:
        import_file(repo, "sheet.csv", data, today)
    message = str(caught.value)
    assert message.startswith("line 1 is a header okrtui cannot read. An OKR sheet needs the "
                              "columns cycle, objective, key_result, target (this one has "
                              "objective, key_result but no cycle, target)")
    assert "readings need metric first, then at (or date) and value" in message


def test_nothing_new_lands_in_a_cycle_closed_here(
    cycles: Repository, sheet: bytes, today: date
) -> None:
    cycles.db.execute("INSERT INTO quarter_state VALUES (?, ?, ?)",
                      ["release-3.2", datetime(2019, 5, 1, tzinfo=UTC).isoformat(), "boss"])
    with pytest.raises(QuarterClosed, match="release-3.2 is closed"):
        import_file(cycles, "okrs.csv", sheet, today, skip_unplaceable=True)
    assert counts(cycles) == (0, 0, 0, 0, 0)


def test_columns_okrtui_does_not_read_are_named_in_the_summary(
    cycles: Repository, today: date, tmp_path: Path
) -> None:
    rows = [[*row, "platform"] for row in sheet_rows()]
    data = write_sheet(tmp_path / "team.csv", rows, [*HEADER, "Team"]).read_bytes()
    summary = import_file(cycles, "team.csv", data, today, skip_unplaceable=True)
    assert summary == SUMMARY + "; columns not read: 'Team'"


def test_a_mistyped_quarter_says_what_a_quarter_is(
    cycles: Repository, today: date, tmp_path: Path
) -> None:
    data = write_sheet(tmp_path / "q5.csv", changed(9, "Quarter", "2019-Q5")).read_bytes()
    with pytest.raises(ImportErrors, match=r"line 9: cycle '2019-Q5' is not known here: a "
                       r"quarter is 2026-Q1 to 2026-Q4"):
        import_file(cycles, "q5.csv", data, today)
