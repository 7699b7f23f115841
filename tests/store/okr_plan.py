"""A real plan built through the repository: two quarters, one graded and closed."""

from __future__ import annotations

from datetime import date

from okrtui.core.models import KeyResult, Metric, Objective
from okrtui.core.periods import Quarter
from okrtui.store.repository import Repository

Q3, Q4 = "2026-Q3", "2026-Q4"


def add_metrics(repo: Repository, today: date) -> dict[str, Metric]:
    """Churn, Activation, Deploys (moved by key results), Tickets and Uptime (guardrails)."""
    metrics = {
        "Churn": Metric(name="Churn", unit="%", direction="lower", range_max=3),
        "Activation": Metric(name="Activation", unit="%", watched=False),
        "Deploys": Metric(name="Deploys", unit="per week", watched=False),
        "Tickets": Metric(name="Tickets", range_max=100),
        "Uptime": Metric(name="Uptime", unit="%", range_min=99.5),
    }
    saved = {name: repo.add_metric(m) for name, m in metrics.items()}
    for name, value in (("Churn", 4.0), ("Activation", 25.0), ("Deploys", 2.0),
                        ("Tickets", 80.0), ("Uptime", 99.9)):
        repo.record_reading(saved[name], date(2026, 7, 6), value, today=today)
    return saved


def add_key_result(
    repo: Repository, objective: Objective, statement: str, metric: Metric, target: float,
    guardrails: list[Metric] = (),  # type: ignore[assignment]
) -> KeyResult:
    """A key result for the objective's whole quarter, baseline the metric's latest value."""
    quarter = Quarter.parse(objective.quarter)
    baseline = repo.current_points(metric.id or 0, limit=1)[-1].value
    kr = KeyResult(objective_id=objective.id or 0, metric_id=metric.id or 0,
                   statement=statement, baseline=baseline, target=target,
                   start=quarter.start, due=quarter.end, owner="maria")
    return repo.okrs.add_key_result(kr, list(guardrails))


def build_plan(repo: Repository, today: date) -> dict[str, KeyResult]:
    """Q3: 2 objectives, 3 key results with guardrails and check-ins, graded and closed
    (churn carried over, activation back to the KPIs, deploys dropped); Q4: the carried
    key result checked in twice."""
    m = add_metrics(repo, today)
    stay = repo.okrs.add_objective(Objective(quarter=Q3, title="Customers stay", owner="maria",
                                             why="growth | retention"))
    ship = repo.okrs.add_objective(Objective(quarter=Q3, title="Ship reliably", owner="li",
                                             team="platform", parent_id=stay.id))
    churn = add_key_result(repo, stay, "Reduce churn from 4% to 2.5%", m["Churn"], 2.5,
                           [m["Tickets"]])
    activation = add_key_result(repo, stay, "Activation from 25% to 35%", m["Activation"], 35,
                                [m["Uptime"], m["Tickets"]])
    deploys = add_key_result(repo, ship, "Deploy 10 times a week", m["Deploys"], 10,
                             [m["Uptime"]])
    for kr, values in ((churn, (3.6, 3.2)), (activation, (29, 33)), (deploys, (4, 5))):
        repo.okrs.check_in(kr, values[0], today=today, at=date(2026, 8, 3), confidence=6,
                           comment="first | look\nsecond line")
        repo.okrs.check_in(kr, values[1], today=today, at=date(2026, 9, 7), confidence=7)
    graded = repo.closing.grade(churn.id or 0, 0.4, today=date(2026, 9, 30), note="half way",
                                next_step="carry-over")
    repo.closing.grade(activation.id or 0, 0.8, today=today, next_step="return-to-kpi",
                       range_min=30)
    repo.closing.grade(deploys.id or 0, 0.3, today=today, next_step="drop", note="wrong bet")
    repo.closing.reflect(stay.id or 0, "Pricing mattered more than onboarding.\nTry annual plans.")
    repo.closing.reflect(ship.id or 0, "Too many things at once.")
    repo.closing.close_quarter(Q3, today=today)
    carried = graded.carried
    assert carried is not None
    repo.okrs.check_in(carried, 3.0, today=today, at=date(2026, 10, 12), confidence=5)
    repo.okrs.check_in(carried, 2.9, today=today, at=date(2026, 11, 16), confidence=6,
                       comment="annual plans help")
    return {"churn": churn, "activation": activation, "deploys": deploys, "carried": carried}
