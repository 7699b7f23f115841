"""`okrtui calibration`: confidences against final scores, from closed cycles; and the
note `okrtui quarter close` prints for a success whose metric never showed a signal."""

from __future__ import annotations

import json
from datetime import date, timedelta

from okrtui.core.models import KeyResult, Metric, Objective
from okrtui.core.periods import Quarter
from okrtui.store.repository import Repository

TODAY = date(2026, 11, 23)


def _cycle(repo: Repository, quarter: Quarter, results: list[tuple[str, int | None, float | None]],
           close: bool = True) -> list[int]:
    """Objectives of `quarter` with key results (owner, last confidence, score; None: n/a)."""
    objective = repo.okrs.add_objective(Objective(quarter=str(quarter), title="Grow"))
    ids = []
    for n, (owner, confidence, score) in enumerate(results):
        metric = repo.add_metric(Metric(name=f"Signups {quarter} {n}"))
        kr = repo.okrs.add_key_result(KeyResult(
            objective_id=objective.id or 0, metric_id=metric.id or 0,
            statement=f"Double signups {n}", baseline=10, target=40, start=quarter.start,
            due=quarter.end, owner=owner), [])
        if confidence is not None:
            repo.okrs.check_in(kr, None, today=TODAY, at=quarter.start + timedelta(days=7),
                               confidence=confidence)
        repo.closing.grade(kr.id or 0, score, today=TODAY, next_step="drop",
                           note="" if score is not None else "no longer applies")
        ids.append(kr.id or 0)
    if close:
        repo.closing.close_quarter(str(quarter), today=TODAY)
    return ids


def _history(repo: Repository) -> None:
    _cycle(repo, Quarter(2026, 2), [("sam", 8, 0.2), ("sam", 8, 0.4), ("kim", 5, 0.9),
                                   ("kim", 5, None)])
    _cycle(repo, Quarter(2026, 3), [("sam", 8, 0.3), ("sam", 8, 0.3), ("kim", None, 0.5)])
    _cycle(repo, Quarter(2026, 4), [("sam", 8, 1.0)], close=False)  # open: not counted


def test_calibration_prints_the_teams_and_each_owners_lines(repo, run_cli) -> None:
    _history(repo)
    result = run_cli("calibration")
    assert result.returncode == 0, result.stderr
    assert ("  sam's 8/10s ended at 0.30 on average: 4 graded key results over 2 cycles"
            in result.stdout.splitlines())
    assert "kim's confidences: too short to tell (1 graded key result over 1 cycle" in (
        result.stdout)
    assert result.stdout.startswith("team\n  the team's 8/10s ended at 0.30 on average")
    assert "  the team's 5/10s: too short to tell (1 graded key result in all)" in (
        result.stdout)


def test_calibration_json_for_one_owner(repo, run_cli) -> None:
    _history(repo)
    result = run_cli("calibration", "--owner", "kim", "--json")
    assert result.returncode == 0, result.stderr
    [kim] = json.loads(result.stdout)
    # The n/a key result is left out; the one without a confidence is counted apart.
    assert (kim["owner"], kim["key_results"], kim["without_confidence"], kim["enough"]) == (
        "kim", 1, 1, False)
    assert kim["confidences"] == [{"confidence": 5, "mean_score": 0.9, "key_results": 1,
                                   "cycles": 1, "enough": False}]


def test_calibration_without_history_says_it_is_too_short(repo, run_cli) -> None:
    result = run_cli("calibration", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["lines"] == [
        "the team's confidences: too short to tell (no graded key result with a confidence "
        "yet)"]


def test_quarter_close_notes_a_success_whose_metric_never_signalled(repo, run_cli) -> None:
    quarter = Quarter(2026, 3)
    [kr_id, _] = _cycle(repo, quarter, [("sam", 8, 0.8), ("sam", 8, 0.4)], close=False)
    metric = repo.get_metric(f"Signups {quarter} 0")
    for week in range(26):  # steady around 10, a quarter before and during the cycle
        at = quarter.start - timedelta(weeks=13) + timedelta(weeks=week)
        repo.record_reading(metric, at, 10 + (week % 3) * 0.5, today=TODAY)
    result = run_cli("quarter", "close", str(quarter))
    assert result.returncode == 0, result.stderr
    notes = [line for line in result.stdout.splitlines() if line.startswith("note:")]
    assert notes == [f"note: KR{kr_id} was graded a success (0.80), but Signups {quarter} 0 "
                     "showed no signal during the cycle: the change may be routine variation"]


def test_lint_flags_a_target_inside_the_natural_process_limits(repo, run_cli) -> None:
    metric = repo.add_metric(Metric(name="Signups", range_min=1))
    quarter = Quarter(2026, 4)
    for week in range(12):  # steady between 10 and 11 before the cycle starts
        repo.record_reading(metric, quarter.start - timedelta(weeks=12 - week),
                            10 + (week % 3) * 0.5, today=TODAY)
    objective = repo.okrs.add_objective(Objective(quarter=str(quarter), title="Grow signups"))
    for statement, target in [("Lift signups from 10 to 11", 11.0),
                              ("Lift signups from 10 to 20", 20.0)]:
        other = repo.add_metric(Metric(name=statement, range_min=1)) if target == 20 else metric
        if target == 20:
            for week in range(12):
                repo.record_reading(other, quarter.start - timedelta(weeks=12 - week),
                                    10 + (week % 3) * 0.5, today=TODAY)
        repo.okrs.add_key_result(KeyResult(
            objective_id=objective.id or 0, metric_id=other.id or 0, statement=statement,
            baseline=10, target=target, start=quarter.start, due=quarter.end, owner="sam"), [])
    result = run_cli("lint", "--quarter", str(quarter), "--json")
    findings = json.loads(result.stdout)["findings"]
    found = [i for i in findings if i["check"] == "target-inside-noise"]
    assert [i["item"] for i in found] == ["KR1 Lift signups from 10 to 11"]
    assert found[0]["rule"] == 7
    assert "set a target above the upper limit" in found[0]["fix"]
