"""Export → import into an empty database → export gives the same file, for a database
holding what real teams' archives hold: fiscal quarters from February, a named release
cycle, final check-ins in the week after a cycle ends, a same-day pair by two people,
confidence-only check-ins, two objectives with one title, a 1,000-character statement
and a closed cycle. Every file is checked against the JSON Schema."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from okrtui.core.models import KeyResult, Metric, Objective
from okrtui.store.database import open_database
from okrtui.store.exchange import import_file
from okrtui.store.exchange_keys import database_key
from okrtui.store.repository import Repository
from tests.export_schema import valid_export, validated_export
from tests.okr_files import LONG_STATEMENT, RELEASE

TODAY = date(2026, 11, 23)
FROZEN = {"value": 85.0, "progress": 0.875, "status": "on-track", "at": "2019-04-29"}


def fresh(path: Path, user: str = "importer") -> Repository:
    return Repository(open_database(path), user)


def without_time(text: str) -> dict:
    document = json.loads(text)
    document.pop("exported_at")
    return document


def counts(repo: Repository) -> tuple[int, ...]:
    tables = ("objective", "key_result", "check_in", "reading", "metric", "cycle",
              "quarter_state", "setting")
    return tuple(repo.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables)


def build(path: Path, tmp_path: Path) -> Repository:
    """The database, through the repository where it can, and a file for the rest."""
    repo = fresh(path, "maria")
    # Planned in calendar quarters first: 2021-Q4 still means that calendar quarter.
    repo.okrs.add_objective(Objective(quarter="2021-Q4", title="Before the fiscal year"))
    repo.cycles.set_first_month(2)
    repo.cycles.add(*RELEASE)
    hired = repo.add_metric(Metric(name="Engineers hired", unit="people", watched=False))
    offers = repo.add_metric(Metric(name="Offers accepted", unit="%", watched=False))
    bugs = repo.add_metric(Metric(name="Open bugs", direction="lower", watched=False))
    maria = repo.okrs.add_objective(Objective(quarter="FY23-Q2", title="Hire", owner="maria"))
    li = repo.okrs.add_objective(Objective(quarter="FY23-Q2", title="Hire", owner="li"))
    ship = repo.okrs.add_objective(Objective(quarter="release-3.2", title="Ship 3.2"))
    start, end = date(2022, 5, 1), date(2022, 7, 31)
    engineers = repo.okrs.add_key_result(KeyResult(
        objective_id=maria.id, metric_id=hired.id, statement="Hire 5 engineers", baseline=0,
        target=5, start=start, due=end, owner="maria"))
    long_kr = repo.okrs.add_key_result(KeyResult(
        objective_id=li.id, metric_id=offers.id, statement=LONG_STATEMENT, baseline=40,
        target=60, start=start, due=end, owner="li"))
    closing = repo.okrs.add_key_result(KeyResult(
        objective_id=ship.id, metric_id=bugs.id, statement="Close 40 bugs", baseline=120,
        target=80, start=RELEASE[1], due=RELEASE[2], owner="dev"))
    repo.okrs.check_in(engineers, 2, today=TODAY, at=date(2022, 6, 1), confidence=7)
    repo.okrs.check_in(long_kr, 45, today=TODAY, at=date(2022, 7, 4), confidence=6,
                       comment="maria's count")
    li_repo = fresh(path, "li")  # a second person, the same day
    li_repo.okrs.check_in(long_kr, 47, today=TODAY, at=date(2022, 7, 4), confidence=5,
                          comment="li's count")
    li_repo.close()
    repo.okrs.check_in(closing, 100, today=TODAY, at=date(2019, 3, 1), confidence=6)
    # What this branch's check-in cannot record yet comes in by a file, as an archive would:
    # a confidence-only check-in, and final check-ins in the week after the cycle ends.
    prefix = database_key(repo.db)
    extra = {"format": "okrtui", "version": 4, "objectives": [
        {"key": f"{prefix}:objective:{maria.id}", "quarter": "FY23-Q2", "title": "Hire",
         "key_results": [{"key": f"{prefix}:key-result:{engineers.id}", "metric": "Engineers "
                          "hired", "statement": "Hire 5 engineers", "baseline": 0, "target": 5,
                          "start": "2022-05-01", "due": "2022-07-31", "check_ins": [
             {"at": "2022-07-11", "value": None, "confidence": 4, "comment": "no new number "
              "yet", "author": "maria", "recorded_at": "2022-07-11T09:00:00+00:00"},
             {"at": "2022-08-05", "value": 4, "confidence": 5, "comment": "actual score",
              "author": "maria", "recorded_at": "2022-08-05T09:00:00+00:00"}]}]},
        {"key": f"{prefix}:objective:{ship.id}", "quarter": "release-3.2", "title": "Ship 3.2",
         "key_results": [{"key": f"{prefix}:key-result:{closing.id}", "metric": "Open bugs",
                          "statement": "Close 40 bugs", "baseline": 120, "target": 80,
                          "start": "2019-02-04", "due": "2019-04-23", "check_ins": [
             {"at": "2019-04-29", "value": 85, "confidence": 8, "comment": "final",
              "author": "dev", "recorded_at": "2019-04-29T16:00:00+00:00"}]}]}]}
    file = tmp_path / "archive.json"
    file.write_text(json.dumps(extra), encoding="utf-8")
    summary = import_file(repo, file.name, file.read_bytes(), TODAY)
    assert summary == ("imported 0 readings, 0 new metrics, 0 objectives (2 already there), "
                       "0 key results (2 already there), 3 check-ins")
    repo.closing.grade(closing.id, 0.9, today=TODAY, note="shipped", next_step="drop")
    repo.closing.close_quarter("release-3.2", today=TODAY)
    # The numbers a close froze, as closing keeps them (JSON text): carried opaquely.
    repo.db.execute("UPDATE key_result SET frozen = ? WHERE id = ?",
                    [json.dumps(FROZEN), closing.id])
    return repo


@pytest.fixture
def source(tmp_path: Path) -> Repository:
    return build(tmp_path / "source.db", tmp_path)


def test_the_export_holds_each_situation(source: Repository) -> None:
    document = json.loads(validated_export(source))
    assert document["version"] == 4 and document["fiscal_year_first_month"] == 2
    assert document["cycles"] == [
        {"name": "release-3.2", "start": "2019-02-04", "end": "2019-04-23"},
        {"name": "FY23-Q2", "start": "2022-05-01", "end": "2022-07-31"}]
    _, first, second, ship = document["objectives"]
    assert (first["title"], first["owner"], second["title"], second["owner"]) == (
        "Hire", "maria", "Hire", "li")
    assert first["key"] != second["key"]
    engineers, long_kr, closing = (o["key_results"][0] for o in (first, second, ship))
    assert [(c["at"], c["value"], c["confidence"], c["author"]) for c in engineers[
        "check_ins"]] == [("2022-06-01", 2.0, 7, "maria"), ("2022-07-11", None, 4, "maria"),
                          ("2022-08-05", 4.0, 5, "maria")]
    assert [(c["at"], c["value"], c["author"], c["comment"], c["corrects"])
            for c in long_kr["check_ins"]] == [
        ("2022-07-04", 45.0, "maria", "maria's count", None),
        ("2022-07-04", 47.0, "li", "li's count", None)]
    assert long_kr["statement"] == LONG_STATEMENT and len(LONG_STATEMENT) == 1000
    assert (closing["final_score"], closing["next_step"], closing["check_ins"][-1]["at"]) == (
        0.9, "drop", "2019-04-29")
    assert closing["frozen"] == FROZEN and engineers["frozen"] is None
    assert document["closed_quarters"][0]["quarter"] == "release-3.2"


def test_export_import_into_an_empty_database_export_gives_the_same_file(
    source: Repository, tmp_path: Path
) -> None:
    exported = validated_export(source)
    target = fresh(tmp_path / "empty.db")
    summary = import_file(target, "backup.json", exported.encode(), TODAY)
    assert summary == ("imported 6 readings, 3 new metrics, 4 objectives, 3 key results, "
                       "7 check-ins, 1 new cycle")
    again = validated_export(target)
    assert without_time(again) == without_time(exported)
    assert target.cycles.calendar().first_month == 2  # taken on: the database was empty
    assert target.closing.is_closed("release-3.2")
    # and once more, into each: nothing is added
    before = counts(target), counts(source)
    for repo in (target, source):
        assert "0 objectives (4 already there), 0 key results (3 already there), 0 check-ins " \
            "(7 already there)" in import_file(repo, "backup.json", exported.encode(), TODAY)
    assert (counts(target), counts(source)) == before
    assert without_time(valid_export(validated_export(target))) == without_time(exported)


def test_a_file_cycle_with_other_dates_is_a_problem_naming_it(
    source: Repository, tmp_path: Path
) -> None:
    document = json.loads(validated_export(source))
    other = fresh(tmp_path / "other.db")
    other.cycles.add("release-3.2", date(2019, 2, 1), date(2019, 4, 30))
    with pytest.raises(Exception, match=r"cycles\[0\]: release-3.2 runs 2019-02-04 to "
                       r"2019-04-23 in the file but 2019-02-01 to 2019-04-30 here"):
        import_file(other, "backup.json", json.dumps(document).encode(), TODAY)
    assert other.okrs.quarters() == []


def test_a_database_with_its_own_fiscal_year_keeps_it_and_stores_the_files_cycles(
    source: Repository, tmp_path: Path
) -> None:
    exported = validated_export(source)
    other = fresh(tmp_path / "calendar.db")
    other.okrs.add_objective(Objective(quarter="2026-Q4", title="Ours"))
    import_file(other, "backup.json", exported.encode(), TODAY)
    known = other.cycles.calendar()
    assert known.first_month == 1
    assert [(c.name, c.start, c.end) for c in known.stored] == [
        ("release-3.2", date(2019, 2, 4), date(2019, 4, 23)),
        ("FY23-Q2", date(2022, 5, 1), date(2022, 7, 31))]
    assert [o.title for o in other.okrs.objectives("FY23-Q2")] == ["Hire", "Hire"]


def test_an_older_file_without_keys_keeps_same_titled_objectives_apart(
    source: Repository, tmp_path: Path
) -> None:
    document = json.loads(validated_export(source))
    document["version"] = 3
    for objective in document["objectives"]:
        objective.pop("key")
        for kr in objective["key_results"]:
            kr.pop("key")
    old = json.dumps(document).encode()
    other = fresh(tmp_path / "old.db")
    assert "4 objectives, 3 key results" in import_file(other, "old.json", old, TODAY)
    assert "0 objectives (4 already there)" in import_file(other, "old.json", old, TODAY)
    assert [o.owner for o in other.okrs.objectives("FY23-Q2")] == ["maria", "li"]


def test_a_database_names_its_rows_the_same_read_only_and_after_an_import(
    tmp_path: Path
) -> None:
    path = tmp_path / "own.db"
    repo = fresh(path)
    repo.okrs.add_objective(Objective(quarter="2026-Q4", title="Stay"))
    keys = [o["key"] for o in json.loads(validated_export(repo))["objectives"]]
    reader = Repository(open_database(path, read_only=True), "reader")
    assert [o["key"] for o in json.loads(validated_export(reader))["objectives"]] == keys
    reader.close()
    import_file(repo, "own.json", validated_export(repo).encode(), TODAY)  # keeps its part
    assert repo.db.execute("SELECT value FROM setting WHERE key = 'database_key'"
                           ).fetchone()[0] == keys[0].split(":")[0]
    assert [o["key"] for o in json.loads(validated_export(repo))["objectives"]] == keys
    assert keys[0].endswith(":objective:1") and repo.okrs.quarters() == ["2026-Q4"]
    other = fresh(tmp_path / "other.db")
    assert json.loads(validated_export(other))["objectives"] == []
    other.okrs.add_objective(Objective(quarter="2026-Q4", title="Stay"))
    assert json.loads(validated_export(other))["objectives"][0]["key"] != keys[0]
