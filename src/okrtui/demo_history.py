"""The demo's history: the two cycles before this one, checked in weekly, graded and
closed, so that calibration (`C`) has confidences and final scores to compare."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from okrtui.core.models import KeyResult, Objective
from okrtui.core.periods import Quarter
from okrtui.store.repository import Repository

# (objective, its owner, [(statement, metric, baseline, target, owner, last confidence,
# final score)]) for the cycle two before this one, then the one just before.
_HISTORY = [
    [("Grow revenue without losing customers", "maria",
      [("Grow MRR from $400k to $440k", "Monthly recurring revenue", 400_000.0, 440_000.0,
        "sam", 8, 0.3),
       ("Cut revenue churn from 2.8% to 2.0%", "Revenue churn", 2.8, 2.0, "maria", 6, 0.5)]),
     ("A faster, steadier API", "lee",
      [("Cut API p95 latency from 340 ms to 280 ms", "API p95 latency", 340.0, 280.0, "sam",
        8, 0.4),
       ("Lift uptime from 99.80% to 99.95%", "Uptime", 99.80, 99.95, "lee", 7, 0.7)])],
    [("Customers tell their friends", "kim",
      [("Lift NPS from 28 to 38", "Net promoter score", 28.0, 38.0, "kim", 5, 0.6),
       ("Cut repeat contact rate from 13% to 10%", "Repeat contact rate", 13.0, 10.0,
        "sam", 8, 0.3),
       ("Grow MRR from $420k to $450k", "Monthly recurring revenue", 420_000.0, 450_000.0,
        "sam", 9, 0.4)])],
]


def build_demo_history(repo: Repository, today: date) -> None:
    """Plan, check in, grade and close the two cycles before today's."""
    cycles = [Quarter.of(Quarter.of(today).start - timedelta(days=1))]
    cycles.insert(0, Quarter.of(cycles[0].start - timedelta(days=1)))
    for quarter, plan in zip(cycles, _HISTORY, strict=True):
        for title, owner, results in plan:
            objective = repo.okrs.add_objective(
                Objective(quarter=str(quarter), title=title, owner=owner))
            for statement, name, baseline, target, kr_owner, confidence, score in results:
                kr = repo.okrs.add_key_result(KeyResult(
                    objective_id=objective.id or 0, metric_id=repo.get_metric(name).id or 0,
                    statement=statement, baseline=baseline, target=target,
                    start=quarter.start, due=quarter.end, owner=kr_owner), [])
                _check_in_weekly(repo, kr, quarter, today, confidence)
                repo.closing.grade(kr.id or 0, score, today=today, next_step="drop",
                                   note="graded in the demo")
            repo.closing.reflect(objective.id or 0, "We were surer than the numbers were.")
        repo.closing.close_quarter(str(quarter), today=today)


def _check_in_weekly(repo: Repository, kr: KeyResult, quarter: Quarter, today: date,
                     last: int) -> None:
    """A confidence each Monday of the cycle, the confidence easing to `last` by its end."""
    monday = quarter.start + timedelta(days=(7 - quarter.start.weekday()) % 7)
    mondays = []
    while monday <= quarter.end:
        mondays.append(monday)
        monday += timedelta(weeks=1)
    for week, at in enumerate(mondays):
        confidence = max(last, 9 - week // 3) if week < len(mondays) - 3 else last
        # Confidence only: the metric's own readings already tell its value.
        repo.okrs.check_in(kr, None, today=today, at=at, confidence=confidence, source="demo",
                           recorded_at=datetime.combine(at, time(10), UTC))


def build_demo_next_plan(repo: Repository, today: date) -> None:
    """Next quarter's plan, begun: a latency target that lies inside the metric's own
    noise, so the plan check (`]` then `L`) has a target-inside-noise finding to show."""
    quarter = Quarter.of(Quarter.of(today).end + timedelta(days=1))
    objective = repo.okrs.add_objective(Objective(
        quarter=str(quarter), title="An API nobody waits for", owner="lee"))
    repo.okrs.add_key_result(KeyResult(
        objective_id=objective.id or 0, metric_id=repo.get_metric("API p95 latency").id or 0,
        statement="Cut API p95 latency from 366 ms to 330 ms", baseline=366.0, target=330.0,
        start=quarter.start, due=quarter.end, owner="sam"), [])
