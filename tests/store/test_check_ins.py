"""Check-ins in the store: every one kept, explicit corrections, confidence-only ones, the
one date rule, imports that read confidences on one scale, and `okrtui check`."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from okrtui.core.check_ins import counted, history, same_day_notice
from okrtui.core.errors import InvalidInput, QuarterClosed
from okrtui.core.models import KeyResult, Metric, Objective
from okrtui.store.database import open_database
from okrtui.store.exchange import ImportErrors, import_file
from okrtui.store.maintenance import check_database
from okrtui.store.repository import Repository

TODAY = date(2026, 11, 23)
START, DUE = date(2026, 10, 1), date(2026, 12, 31)


@pytest.fixture
def maria(db_path: Path) -> Repository:
    repo = Repository(open_database(db_path), "maria")
    activation = repo.add_metric(Metric(name="Activation", watched=False))
    repo.record_reading(activation, START, 0.3, today=TODAY)
    objective = repo.okrs.add_objective(Objective(quarter="2026-Q4", title="Onboard"))
    repo.okrs.add_key_result(KeyResult(
        objective_id=objective.id or 0, metric_id=activation.id or 0,
        statement="Lift activation from 0.3 to 0.5", baseline=0.3, target=0.5, start=START,
        due=DUE))
    return repo


@pytest.fixture
def li(maria: Repository, db_path: Path) -> Repository:
    return Repository(open_database(db_path), "li")


def at(hour: int, minute: int = 0, day: date = TODAY) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


def kr(repo: Repository) -> KeyResult:
    return repo.okrs.get_key_result(1)


def readings(repo: Repository) -> list[tuple[str, float, bool]]:
    return [(r.at.isoformat(), r.value, r.superseded)
            for r in reversed(repo.history(kr(repo).metric_id))]


def test_a_teammates_check_in_the_same_day_is_kept_beside_yours(maria, li) -> None:
    first = li.okrs.check_in(kr(li), 0.42, today=TODAY, confidence=6, recorded_at=at(10, 2))
    second = maria.okrs.check_in(kr(maria), 0.45, today=TODAY, confidence=7,
                                 recorded_at=at(11))
    every = maria.okrs.check_ins(1)
    assert [(c.author, c.value, c.confidence) for c in every] == [("li", 0.42, 6),
                                                                  ("maria", 0.45, 7)]
    assert counted(every) == every and second.corrects is None
    # The day's reading follows the latest check-in; the earlier one is its history.
    assert readings(maria)[-2:] == [("2026-11-23", 0.42, True), ("2026-11-23", 0.45, False)]
    view = maria.okrs.key_result_view(1, TODAY)
    assert view.current == 0.45 and view.confidence == 7 and len(view.check_ins) == 2
    # The second saver is told about the first, from what the store read.
    earlier = maria.okrs.earlier_same_day(second)
    assert earlier == [first]
    assert same_day_notice(second, earlier, today=TODAY, tz=UTC) == (
        "li checked in 0.42 at 10:02 today; yours becomes today's value, both are kept")
    assert li.okrs.earlier_same_day(first) == []


def test_a_second_check_in_of_your_own_is_another_check_in_unless_it_corrects(maria) -> None:
    one = maria.okrs.check_in(kr(maria), 0.40, today=TODAY, confidence=6, comment="typo",
                              recorded_at=at(9))
    two = maria.okrs.check_in(kr(maria), 0.41, today=TODAY, confidence=6, recorded_at=at(10))
    assert [c.id for c in counted(maria.okrs.check_ins(1))] == [one.id, two.id]
    fixed = maria.okrs.check_in(kr(maria), 0.44, today=TODAY, comment="fixed", correct=True,
                                recorded_at=at(11))
    assert fixed.corrects == two.id and fixed.confidence == 6  # left out: kept from it
    every = maria.okrs.check_ins(1)
    assert [e.note for e in history(every)] == ["", "corrected", f"corrects #{two.id}"]
    assert [c.id for c in counted(every)] == [one.id, fixed.id]
    assert maria.okrs.key_result_view(1, TODAY).current == 0.44
    assert readings(maria)[-1] == ("2026-11-23", 0.44, False)


def test_correcting_only_the_confidence_keeps_the_value_and_its_reading(maria) -> None:
    one = maria.okrs.check_in(kr(maria), 0.40, today=TODAY, confidence=2, recorded_at=at(9))
    before = readings(maria)
    fixed = maria.okrs.check_in(kr(maria), None, today=TODAY, confidence=7, correct=True)
    assert (fixed.value, fixed.reading_id, fixed.corrects) == (0.40, one.reading_id, one.id)
    assert readings(maria) == before
    assert maria.okrs.key_result_view(1, TODAY).confidence == 7


def test_there_is_nothing_to_correct_without_a_check_in_of_your_own_that_day(maria,
                                                                              li) -> None:
    li.okrs.check_in(kr(li), 0.42, today=TODAY)
    maria.okrs.check_in(kr(maria), 0.40, today=TODAY, at=TODAY - timedelta(days=1))
    with pytest.raises(InvalidInput, match="you have no check-in on key result 1 for "
                       "2026-11-23 to correct") as refused:
        maria.okrs.check_in(kr(maria), 0.45, today=TODAY, correct=True)
    assert refused.value.field == "correct"
    assert len(maria.okrs.check_ins(1)) == 2


def test_a_confidence_only_check_in_writes_no_reading(maria) -> None:
    maria.okrs.check_in(kr(maria), 0.35, today=TODAY, at=TODAY - timedelta(weeks=1),
                        confidence=7)
    before = readings(maria)
    check = maria.okrs.check_in(kr(maria), None, today=TODAY, confidence=4,
                                comment="fell to 4, no new number yet")
    assert check.value is None and check.reading_id is None
    assert readings(maria) == before
    row = maria.db.execute("SELECT value, reading_id, confidence FROM check_in WHERE id = ?",
                           [check.id]).fetchone()
    assert row == (None, None, 4)
    view = maria.okrs.key_result_view(1, TODAY)
    assert view.current == 0.35 and view.confidence == 4 and view.check_ins[-1] == check
    with pytest.raises(InvalidInput, match="needs a value, a confidence, or both"):
        maria.okrs.check_in(kr(maria), None, today=TODAY, comment="only words")
    assert len(maria.okrs.check_ins(1)) == 2


def test_check_in_days_run_from_the_start_past_the_due_date_until_closed(maria) -> None:
    grading = DUE + timedelta(days=7)
    final = maria.okrs.check_in(kr(maria), 0.47, today=grading, at=DUE + timedelta(days=6),
                                comment="actual score")
    assert final.at == date(2027, 1, 6)
    for day, message in ((START - timedelta(days=1), "starts on 2026-10-01"),
                         (grading + timedelta(days=1), "is in the future")):
        with pytest.raises(InvalidInput, match=message) as refused:
            maria.okrs.check_in(kr(maria), 0.47, today=grading, at=day)
        assert refused.value.field == "date"
    maria.closing.grade(1, 0.85, today=grading)
    maria.closing.close_quarter("2026-Q4", today=grading)
    with pytest.raises(QuarterClosed, match="2026-Q4 is closed"):
        maria.okrs.check_in(kr(maria), 0.48, today=grading)
    assert len(maria.okrs.check_ins(1)) == 1


# -- imports ---------------------------------------------------------------------------


def _file(check_ins: list[dict], start: str = "2026-10-01") -> bytes:
    document = {"format": "okrtui", "version": 3, "metrics": [
        {"name": "Activation", "watched": False, "readings": []}],
        "objectives": [{"quarter": "2026-Q4", "title": "Onboard", "key_results": [
            {"statement": "Lift activation", "baseline": 0.3, "target": 0.5, "start": start,
             "due": "2026-12-31", "metric": "Activation", "check_ins": check_ins}]}]}
    return json.dumps(document).encode()


def _check(day: str, value: float | None, confidence: object, time: str,
           author: str = "li", comment: str = "") -> dict:
    return {"at": day, "value": value, "confidence": confidence, "comment": comment,
            "author": author, "recorded_at": f"{day}T{time}:00+00:00"}


def test_a_file_of_fractional_confidences_is_read_as_fractions_and_says_so(
        repo: Repository) -> None:
    data = _file([_check("2026-11-02", 0.32, 0.4, "09:00"),
                  _check("2026-11-09", None, 1, "09:00", comment="confidence only"),
                  _check("2026-11-09", 0.35, 0.65, "10:00", author="maria")])
    summary = import_file(repo, "okrs.json", data, TODAY)
    assert "3 check-ins" in summary
    assert "confidences read as fractions of 1 (0.4 → 4/10)" in summary
    every = repo.okrs.check_ins(1)
    assert [(c.author, c.value, c.confidence) for c in every] == [
        ("li", 0.32, 4), ("li", None, 10), ("maria", 0.35, 7)]
    assert every[1].reading_id is None  # confidence only: no reading
    assert [(r.at.isoformat(), r.value) for r in reversed(repo.history(1))] == [
        ("2026-11-02", 0.32), ("2026-11-09", 0.35)]
    assert "0 check-ins (3 already there)" in import_file(repo, "okrs.json", data, TODAY)


def test_an_imported_same_day_pair_keeps_both_halves(repo: Repository) -> None:
    data = _file([_check("2027-01-06", 1.0, None, "09:00", comment="not present"),
                  _check("2027-01-06", 0.05, None, "09:05", comment="actual score")])
    import_file(repo, "okrs.json", data, date(2027, 1, 8))
    assert [(c.value, c.comment) for c in counted(repo.okrs.check_ins(1))] == [
        (1.0, "not present"), (0.05, "actual score")]
    assert repo.okrs.key_result_view(1, date(2027, 1, 8)).current == 0.05


@pytest.mark.parametrize(("check_ins", "message"), [
    ([_check("2026-09-30", 0.3, 5, "09:00")], "check_ins[0]: the key result starts on "
     "2026-10-01: a check-in for 2026-09-30 is before it"),
    ([_check("2026-11-24", 0.3, 5, "09:00")], "check_ins[0]: 2026-11-24 is in the future"),
    ([_check("2026-11-02", 0.3, 7, "09:00"), _check("2026-11-09", 0.3, 0.5, "09:00")],
     "check_ins[1]: confidence: '0.5' is not a confidence from 0 to 10 (this file's "
     "confidences read as 0–10)"),
    ([_check("2026-11-02", None, None, "09:00")], "needs a value, a confidence, or both"),
])
def test_an_imported_check_in_breaking_a_rule_is_named_and_nothing_is_imported(
        repo: Repository, check_ins: list[dict], message: str) -> None:
    with pytest.raises(ImportErrors) as refused:
        import_file(repo, "okrs.json", _file(check_ins), TODAY)
    assert message in str(refused.value)
    assert repo.db.execute("SELECT count(*) FROM check_in").fetchone()[0] == 0
    assert repo.list_metrics(True) == []


# -- okrtui check ----------------------------------------------------------------------


def test_check_reports_check_ins_dated_before_the_start_or_in_the_future(
        maria: Repository, db_path: Path) -> None:
    maria.okrs.check_in(kr(maria), 0.35, today=TODAY)
    assert check_database(db_path, TODAY).ok
    maria.db.close()
    raw = sqlite3.connect(db_path)
    with raw:
        for day in ("2026-09-01", "2026-12-01"):
            raw.execute("INSERT INTO check_in (key_result_id, at, value, author, recorded_at) "
                        "VALUES (1, ?, 0.3, 'script', '2026-11-23T09:00:00+00:00')", [day])
    raw.close()
    report = check_database(db_path, TODAY)
    (problem,) = report.problems
    assert problem.startswith("2 check-in(s) dated outside what their key result takes")
    assert ("check-in 2 on key result 1: key result 1 starts on 2026-10-01: a check-in for "
            "2026-09-01 is before it") in problem
    assert "check-in 3 on key result 1: 2026-12-01 is in the future" in problem
    assert check_database(db_path, date(2026, 12, 1)).problems != []  # the one before start
