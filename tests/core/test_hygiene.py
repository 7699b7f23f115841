"""Each hygiene check fires on the plan that breaks its rule, and only there."""

from __future__ import annotations

from datetime import date

from okrtui.core.hygiene import Plan, check_plan, is_task_like
from okrtui.core.models import KeyResult, Metric, Objective

Q = "2026-Q4"
START, DUE = date(2026, 10, 1), date(2026, 12, 31)


def metric(i: int, ranged: bool = True) -> Metric:
    return Metric(id=i, name=f"M{i}", range_min=1 if ranged else None)


def objective(i: int, title: str = "Customers love onboarding") -> Objective:
    return Objective(id=i, quarter=Q, title=title)


def kr(i: int, objective_id: int = 1, metric_id: int = 1, statement: str = "Lift M1 from 1 to 2",
       baseline: float = 1, target: float = 2, owner: str = "sam") -> KeyResult:
    return KeyResult(id=i, objective_id=objective_id, metric_id=metric_id, statement=statement,
                     baseline=baseline, target=target, start=START, due=DUE, owner=owner)


def plan(**kw: object) -> Plan:
    base: dict[str, object] = {
        "quarter": Q, "kpis": [metric(i) for i in range(2, 7)],
        "objectives": [objective(1)], "key_results": [kr(1), kr(2, metric_id=2)],
        "metric_names": {i: f"M{i}" for i in range(1, 40)},
    }
    base.update(kw)
    return Plan(**base)  # type: ignore[arg-type]


def checks(p: Plan) -> list[str]:
    return [i.check for i in check_plan(p)]


def test_a_good_plan_is_clean() -> None:
    assert check_plan(plan()) == []


def test_more_than_ten_kpis() -> None:
    assert checks(plan(kpis=[metric(i) for i in range(11)])) == ["too-many-kpis"]
    assert checks(plan(kpis=[metric(i) for i in range(10)])) == []


def test_more_than_five_objectives_and_key_results() -> None:
    objectives = [objective(i) for i in range(1, 7)]
    krs = [kr(i, objective_id=i) for i in range(1, 7)]
    assert checks(plan(objectives=objectives, key_results=krs)) == ["too-many-objectives"]
    krs = [kr(i) for i in range(1, 7)]
    assert checks(plan(key_results=krs)) == ["too-many-key-results"]


def test_objective_without_key_results() -> None:
    found = check_plan(plan(objectives=[objective(1), objective(2)]))
    assert [(i.check, i.item_id, i.rule) for i in found] == [
        ("objective-without-key-results", 2, 2)]


def test_maintain_and_keep_objectives_are_kpis_in_costume() -> None:
    for title in ("Maintain 98% uptime", "Keep churn below 3%", "We keep customers happy"):
        assert checks(plan(objectives=[objective(1, title)])) == ["maintain-objective"]
    assert checks(plan(objectives=[objective(1, "Become the shopkeeper's favourite")])) == []


def test_key_result_without_owner() -> None:
    assert checks(plan(key_results=[kr(1, owner=" ")])) == ["key-result-without-owner"]


def test_task_like_key_results() -> None:
    assert is_task_like(kr(1, statement="Launch the new onboarding", baseline=0, target=1))
    assert is_task_like(kr(1, statement="Ship referral programme"))
    assert is_task_like(kr(1, statement="Onboarding done", baseline=1, target=0))
    assert not is_task_like(kr(1, statement="Launch to 500 customers", baseline=0, target=500))
    assert not is_task_like(kr(1, statement="Increase activation from 25% to 35%"))
    assert checks(plan(key_results=[kr(1, statement="Build the dashboard", baseline=0,
                                       target=1)])) == ["task-like-key-result"]


def test_kpi_without_range() -> None:
    found = check_plan(plan(kpis=[metric(2), metric(3, ranged=False)]))
    assert [(i.check, i.item_id) for i in found] == [("kpi-without-range", 3)]


def test_carried_over_two_quarters_running() -> None:
    assert checks(plan(quarters_running={1: 1})) == []
    found = check_plan(plan(quarters_running={1: 2}))
    assert [(i.check, i.rule) for i in found] == [("carried-over", 5)]
    assert "3 quarters running" in found[0].message


def test_missing_guardrail_when_a_companion_exists() -> None:
    companions = {1: frozenset({9})}
    found = check_plan(plan(companions=companions))
    assert [(i.check, i.item_id) for i in found] == [("missing-guardrail", 1)]
    assert "M9" in found[0].message
    assert checks(plan(companions=companions, guardrails={1: frozenset({9})})) == []
    assert checks(plan(companions={1: frozenset({1})})) == []  # itself is no companion


def test_every_issue_cites_a_rule_and_a_fix() -> None:
    bad = plan(kpis=[metric(i, ranged=False) for i in range(12)],
               objectives=[objective(i, "Keep it up") for i in range(1, 7)],
               key_results=[kr(i, owner="", statement="Launch x", baseline=0, target=1)
                            for i in range(1, 8)],
               companions={1: frozenset({5})}, quarters_running={1: 3})
    found = check_plan(bad)
    assert {i.check for i in found} == {
        "too-many-kpis", "too-many-objectives", "too-many-key-results",
        "objective-without-key-results", "maintain-objective", "key-result-without-owner",
        "task-like-key-result", "kpi-without-range", "carried-over", "missing-guardrail"}
    for issue in found:
        assert issue.rule in range(1, 14) and issue.fix and issue.message
