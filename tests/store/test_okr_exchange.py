"""JSON export/import carries the OKRs too: objectives, key results, check-ins, closed quarters."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from okrtui.core.errors import QuarterClosed
from okrtui.core.models import IncomingReading, Objective
from okrtui.store.database import open_database
from okrtui.store.exchange import ImportErrors, import_file
from okrtui.store.repository import Repository
from tests.export_schema import validated_export
from tests.store.okr_plan import Q3, Q4, build_plan


def fresh_repo(path: Path) -> Repository:
    return Repository(open_database(path), "importer")


def without_export_time(text: str) -> dict:
    document = json.loads(text)
    document.pop("exported_at")
    return document


def counts(repo: Repository) -> tuple[int, ...]:
    tables = ("objective", "key_result", "key_result_guardrail", "check_in", "reading",
              "quarter_state")
    return tuple(repo.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables)


@pytest.fixture
def exported(repo: Repository, today: date) -> str:
    build_plan(repo, today)
    return validated_export(repo)


def test_a_plan_imports_into_an_empty_database_and_exports_the_same(
    repo: Repository, exported: str, today: date, tmp_path: Path
) -> None:
    other = fresh_repo(tmp_path / "other.db")
    summary = import_file(other, "backup.json", exported.encode(), today)
    assert summary == ("imported 13 readings, 5 new metrics, 3 objectives, 4 key results, "
                       "8 check-ins")
    assert without_export_time(validated_export(other)) == without_export_time(exported)
    assert counts(other) == counts(repo)


def test_the_export_names_things_people_see_not_ids(exported: str) -> None:
    document = json.loads(exported)
    assert document["closed_quarters"][0]["quarter"] == Q3
    stay, ship, carried_home = document["objectives"]
    assert ship["parent"] == {"key": stay["key"], "quarter": Q3, "title": "Customers stay"}
    assert carried_home["quarter"] == Q4 and carried_home["title"] == "Customers stay"
    churn, activation = stay["key_results"]
    assert (churn["metric"], churn["final_score"], churn["next_step"]) == ("Churn", 0.4,
                                                                          "carry-over")
    assert activation["guardrails"] == ["Tickets", "Uptime"]
    assert churn["check_ins"][0]["comment"] == "first | look\nsecond line"
    (carried,) = carried_home["key_results"]
    assert carried["carried_from"] == {"key": churn["key"], "quarter": Q3,
                                       "objective": "Customers stay",
                                       "statement": "Reduce churn from 4% to 2.5%"}
    assert "id" not in stay and "objective_id" not in churn


def test_links_survive_the_round_trip(
    exported: str, today: date, tmp_path: Path
) -> None:
    other = fresh_repo(tmp_path / "other.db")
    import_file(other, "backup.json", exported.encode(), today)
    assert other.closing.is_closed(Q3) and not other.closing.is_closed(Q4)
    stay, ship = other.okrs.objectives(Q3)
    assert ship.parent_id == stay.id
    churn = other.okrs.key_results(Q3)[0]
    (carried,) = other.okrs.key_results(Q4)
    assert carried.carried_from == churn.id
    assert other.closing.carried_to(churn.id) == carried
    assert [other.get_metric_by_id(m).name for m in other.okrs.guardrail_ids(churn.id)] == [
        "Tickets"
    ]


def test_each_imported_check_in_is_linked_to_its_own_reading(
    exported: str, today: date, tmp_path: Path
) -> None:
    other = fresh_repo(tmp_path / "other.db")
    import_file(other, "backup.json", exported.encode(), today)
    linked = [c for q in (Q3, Q4) for kr in other.okrs.key_results(q)
              for c in other.okrs.check_ins(kr.id)]
    assert len({c.reading_id for c in linked}) == len(linked) == 8
    for check in linked:
        reading = other.get_reading(check.reading_id)
        assert (reading.at, reading.value, reading.recorded_at) == (
            check.at, check.value, check.recorded_at)
    assert other.reading_count() == 13  # the readings came from the file, none were made


def test_importing_the_same_file_twice_adds_nothing(
    exported: str, today: date, tmp_path: Path
) -> None:
    other = fresh_repo(tmp_path / "other.db")
    import_file(other, "backup.json", exported.encode(), today)
    before = counts(other)
    summary = import_file(other, "backup.json", exported.encode(), today)
    assert summary == ("imported 0 readings (13 already there), 0 new metrics (5 already "
                       "there), 0 objectives (3 already there), 0 key results (4 already "
                       "there), 0 check-ins (8 already there)")
    assert counts(other) == before
    assert without_export_time(validated_export(other)) == without_export_time(exported)


def test_importing_into_the_database_it_came_from_adds_nothing(
    repo: Repository, exported: str, today: date
) -> None:
    before = counts(repo)
    import_file(repo, "backup.json", exported.encode(), today)
    assert counts(repo) == before


def test_new_check_ins_join_a_key_result_that_is_already_there(
    exported: str, today: date, tmp_path: Path
) -> None:
    document = json.loads(exported)
    carried = document["objectives"][2]["key_results"][0]
    later = carried["check_ins"].pop()
    other = fresh_repo(tmp_path / "other.db")
    import_file(other, "partial.json", json.dumps(document).encode(), today)
    carried["check_ins"].append(later)
    summary = import_file(other, "full.json", exported.encode(), today)
    assert "0 objectives (3 already there), 0 key results (4 already there), 1 check-in " \
        "(7 already there)" in summary
    (kr,) = other.okrs.key_results(Q4)
    assert [c.value for c in other.okrs.check_ins(kr.id)] == [3.0, 2.9]


def test_a_check_in_whose_reading_is_missing_gets_one(
    exported: str, today: date, tmp_path: Path
) -> None:
    document = json.loads(exported)
    for metric in document["metrics"]:
        metric["readings"] = [r for r in metric["readings"] if r["at"] != "2026-11-16"]
    other = fresh_repo(tmp_path / "other.db")
    import_file(other, "edited.json", json.dumps(document).encode(), today)
    (kr,) = other.okrs.key_results(Q4)
    last = other.okrs.check_ins(kr.id)[-1]
    reading = other.get_reading(last.reading_id)
    assert (reading.at, reading.value, reading.note, reading.source) == (
        date(2026, 11, 16), 2.9, "annual plans help", "import")


def test_the_old_format_without_objectives_still_imports(repo: Repository, today: date) -> None:
    old = {"format": "okrtui", "version": 1, "metrics": [
        {"name": "Uptime", "unit": "%", "range_min": 99.5,
         "readings": [{"at": "2026-11-16", "value": 99.9, "recorded_at":
                       "2026-11-16T08:00:00+00:00"}]}]}
    summary = import_file(repo, "old.json", json.dumps(old).encode(), today)
    assert summary == "imported 1 reading, 1 new metric"
    assert repo.okrs.quarters() == [] and repo.closing.closed_quarters() == []


def test_nothing_new_lands_in_a_quarter_closed_here(
    repo: Repository, exported: str, today: date, tmp_path: Path
) -> None:
    other = fresh_repo(tmp_path / "other.db")
    other.okrs.add_objective(Objective(quarter=Q3, title="Our own"))
    other.db.execute("INSERT INTO quarter_state VALUES (?, ?, ?)",
                     [Q3, "2026-10-01T00:00:00+00:00", "boss"])
    with pytest.raises(QuarterClosed, match="2026-Q3 is closed: reopen it first"):
        import_file(other, "backup.json", exported.encode(), today)
    assert other.reading_count() == 0 and other.list_metrics(True) == []
    assert [o.title for o in other.okrs.objectives(Q3)] == ["Our own"]


def broken(exported: str, change) -> bytes:  # noqa: ANN001
    document = json.loads(exported)
    change(document)
    return json.dumps(document).encode()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["objectives"][0].update(quarter="2026-Q7"), "objectives[0]: quarter"),
        (lambda d: d["objectives"][0]["key_results"][0].update(metric="Nope"),
         "objectives[0].key_results[0]: unknown metric 'Nope'"),
        (lambda d: d["objectives"][0]["key_results"][1].update(guardrails=["Ghost"]),
         "unknown metric 'Ghost'"),
        (lambda d: d["objectives"][0]["key_results"][0].update(final_score=1.5),
         "1.5 is not a score"),
        (lambda d: d["objectives"][0]["key_results"][0].update(target=4.0),
         "must move the metric"),
        (lambda d: d["objectives"][0]["key_results"][0]["check_ins"][0].pop("recorded_at"),
         "check_ins[0]: recorded_at is missing"),
        (lambda d: d["objectives"][0]["key_results"][0]["check_ins"][0].update(
            confidence=11), "check_ins[0]: confidence"),
        (lambda d: d["objectives"][1].update(parent="Customers stay"), "parent should be"),
        (lambda d: d.update(objectives={"a": 1}), "objectives should be a list"),
        (lambda d: d.update(closed_quarters=[{"quarter": "Q3"}]), "closed_quarters[0]"),
    ],
)
def test_a_bad_okr_entry_is_named_and_nothing_is_imported(
    exported: str, today: date, tmp_path: Path, change, message: str  # noqa: ANN001
) -> None:
    other = fresh_repo(tmp_path / "other.db")
    with pytest.raises(ImportErrors) as caught:
        import_file(other, "bad.json", broken(exported, change), today)
    assert message in str(caught.value)
    assert counts(other) == (0, 0, 0, 0, 0, 0) and other.list_metrics(True) == []


def test_a_check_in_that_reused_a_kpi_reading_links_to_it_again(
    repo: Repository, today: date, tmp_path: Path
) -> None:
    carried = build_plan(repo, today)["carried"]
    early = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)  # not the check-in's own time
    repo.import_readings([IncomingReading(metric="Churn", at=today, value=2.8,
                                          note="weekly KPI run", recorded_at=early)])
    check = repo.okrs.check_in(carried, 2.8, today=today, confidence=7)
    assert repo.get_reading(check.reading_id).note == "weekly KPI run"
    exported = validated_export(repo)
    other = fresh_repo(tmp_path / "other.db")
    import_file(other, "backup.json", exported.encode(), today)
    assert counts(other) == counts(repo)
    assert without_export_time(validated_export(other)) == without_export_time(exported)
    last = other.okrs.check_ins(other.okrs.key_results(Q4)[0].id)[-1]
    assert other.get_reading(last.reading_id).note == "weekly KPI run"


def test_a_corrected_check_in_survives_export_and_import(tmp_path) -> None:
    from datetime import date as _date

    from okrtui.core.check_ins import counted
    from okrtui.core.models import KeyResult, Metric, Objective
    from okrtui.store.database import open_database
    from okrtui.store.exchange import import_file
    from okrtui.store.repository import Repository

    repo = Repository(open_database(tmp_path / "a.db"), "t")
    churn = repo.add_metric(Metric(name="Churn"))
    objective = repo.okrs.add_objective(Objective(quarter="2026-Q4", title="Stay"))
    kr = repo.okrs.add_key_result(KeyResult(
        objective_id=objective.id or 0, metric_id=churn.id or 0, statement="x", baseline=4,
        target=2, start=_date(2026, 10, 1), due=_date(2026, 12, 31)))
    day = _date(2026, 11, 9)
    repo.okrs.check_in(kr, 3.5, today=day, confidence=7, comment="typo")
    repo.okrs.check_in(kr, 3.0, today=day, confidence=5, comment="fixed", correct=True)
    li = Repository(repo.db, "li")
    li.okrs.check_in(kr, 3.2, today=day, comment="li's, kept beside")
    li.okrs.check_in(kr, None, today=day, confidence=4, comment="no number")
    exported = validated_export(repo)
    fresh = Repository(open_database(tmp_path / "b.db"), "t")
    import_file(fresh, "x.json", exported.encode(), day)
    for db in (repo, fresh):
        every = db.okrs.check_ins(1)
        assert [(c.author, c.value, c.confidence, c.comment) for c in every] == [
            ("t", 3.5, 7, "typo"), ("t", 3.0, 5, "fixed"), ("li", 3.2, None, "li's, kept beside"),
            ("li", None, 4, "no number")]
        assert every[1].corrects == every[0].id and every[3].reading_id is None
        assert [c.comment for c in counted(every)] == ["fixed", "li's, kept beside",
                                                       "no number"]
        assert db.readings.latest_value(churn.id or 0, day) == 3.2
    assert without_export_time(validated_export(fresh)) == without_export_time(exported)
    import_file(fresh, "x.json", exported.encode(), day)  # again: nothing new
    assert len(fresh.okrs.check_ins(1)) == 4


def _one_key_result(check_ins: list[dict]) -> bytes:
    return json.dumps({"format": "okrtui", "version": 4, "metrics": [
        {"name": "Churn", "readings": []}], "objectives": [
        {"key": "elsewhere:o1", "quarter": Q4, "title": "Stay", "key_results": [
            {"key": "elsewhere:k1", "statement": "Cut churn", "metric": "Churn",
             "baseline": 4, "target": 2, "start": "2026-10-01", "due": "2026-12-31",
             "check_ins": check_ins}]}]}).encode()


def test_a_correction_in_a_file_points_at_the_check_in_it_corrects(
    today: date, tmp_path: Path
) -> None:
    typo = {"at": "2026-11-09", "value": 35, "author": "li", "comment": "typo",
            "recorded_at": "2026-11-09T10:00:00+00:00"}
    fixed = {"at": "2026-11-09", "value": 3.5, "author": "li", "comment": "fixed",
             "recorded_at": "2026-11-09T10:05:00+00:00", "corrects": 0, "source": "tui"}
    other = fresh_repo(tmp_path / "other.db")
    import_file(other, "c.json", _one_key_result([typo, fixed]), today)
    rows = other.db.execute("SELECT id, value, corrects, source FROM check_in ORDER BY id"
                            ).fetchall()
    assert [tuple(r) for r in rows] == [(1, 35.0, None, "import"), (2, 3.5, 1, "tui")]
    (kr,) = json.loads(validated_export(other))["objectives"][0]["key_results"]
    assert [(c["comment"], c["corrects"]) for c in kr["check_ins"]] == [("typo", None),
                                                                        ("fixed", 0)]
    with pytest.raises(ImportErrors, match=r"check_ins\[1\]: \"corrects\" should be the "
                       r"place of an earlier check-in"):
        import_file(other, "c.json", _one_key_result([typo, {**fixed, "corrects": 1}]), today)


def test_two_check_ins_a_script_made_in_one_second_are_both_kept_once(
    today: date, tmp_path: Path
) -> None:
    first = {"at": "2026-11-09", "value": 3.6, "author": "cron",
             "recorded_at": "2026-11-09T06:00:00+00:00"}
    second = {**first, "value": 3.4}
    confidence_only = {**first, "value": None, "confidence": 4}
    other = fresh_repo(tmp_path / "other.db")
    data = _one_key_result([first, second, confidence_only])
    assert "3 check-ins" in import_file(other, "c.json", data, today)
    assert "0 check-ins (3 already there)" in import_file(other, "c.json", data, today)
    assert [tuple(r) for r in other.db.execute(
        "SELECT value, confidence, reading_id IS NULL FROM check_in ORDER BY id")] == [
        (3.6, None, 0), (3.4, None, 0), (None, 4, 1)]
