"""A plan's text applied to a real database: all of it in one transaction or nothing,
removals of unused items, key results moved between objectives, a stale diff refused."""

from __future__ import annotations

from datetime import date

import pytest

from okrtui.core.errors import OkrtuiError
from okrtui.core.models import KeyResult, Metric, Objective
from okrtui.core.plan_diff import diff_plan
from okrtui.core.plan_model import PlanRefused
from okrtui.core.plan_text import parse_plan, render_plan
from okrtui.store.repository import Repository

Q4 = "2026-Q4"


@pytest.fixture
def planned(repo: Repository, today: date) -> Repository:
    churn = repo.add_metric(Metric(name="Churn", direction="lower"))
    repo.add_metric(Metric(name="Activation"))
    objective = repo.okrs.add_objective(Objective(quarter=Q4, title="Customers stay",
                                                  owner="maria"))
    repo.okrs.add_key_result(KeyResult(
        objective_id=objective.id or 0, metric_id=churn.id or 0, statement="Churn to 2.5%",
        baseline=4, target=2.5, start=date(2026, 10, 1), due=date(2026, 12, 31)))
    return repo


def _shape(repo: Repository) -> list[tuple[str, list[str]]]:
    return [(p.objective.title, [k.key_result.statement for k in p.key_results])
            for p in repo.okrs.current_plan(Q4)]


def test_a_refusal_late_in_the_text_leaves_nothing_applied(planned: Repository,
                                                           today: date) -> None:
    text = render_plan(Q4, planned.okrs.current_plan(Q4)).replace(
        "Customers stay {#o1}", "Customers stay longer {#o1}")
    text += ("\n## A new objective\n\n- Activation up\n  metric: Activation\n"
             "  baseline: 1\n  target: 2\n  due: 2027-02-01\n")
    with pytest.raises(PlanRefused) as refused:
        planned.okrs.apply_plan(Q4, parse_plan(text), today=today)
    line = text.split("\n").index("- Activation up") + 1
    assert str(refused.value).startswith(f"line {line}: the due date 2027-02-01 is outside")
    assert _shape(planned) == [("Customers stay", ["Churn to 2.5%"])]


def test_moves_and_removals_apply_together(planned: Repository, today: date) -> None:
    text = render_plan(Q4, planned.okrs.current_plan(Q4))
    # The key result moves under a new objective; the old objective goes.
    text = text.replace("## Customers stay {#o1}\nowner: maria\n", "## Keep them\n")
    diff = planned.okrs.apply_plan(Q4, parse_plan(text), today=today)
    assert sorted((c.kind, c.item) for c in diff.changes) == [
        ("added", "objective"), ("edited", "key result"), ("removed", "objective")]
    assert _shape(planned) == [("Keep them", ["Churn to 2.5%"])]
    # Now the unused key result itself can go.
    text = render_plan(Q4, planned.okrs.current_plan(Q4)).split("\n- ")[0]
    planned.okrs.apply_plan(Q4, parse_plan(text), today=today)
    assert _shape(planned) == [("Keep them", [])]


def test_a_diff_shown_before_someone_else_changed_the_plan_is_refused(
        planned: Repository, today: date) -> None:
    text = render_plan(Q4, planned.okrs.current_plan(Q4)).replace("target: 2.5", "target: 2")
    draft = parse_plan(text)
    shown = diff_plan(Q4, planned.okrs.current_plan(Q4), draft)
    objective = planned.okrs.get_objective(1)
    planned.okrs.update_objective(objective.model_copy(update={"title": "Renamed"}))
    with pytest.raises(OkrtuiError, match="changed while you were editing it"):
        planned.okrs.apply_plan(Q4, draft, today=today, expected=shown)
    assert planned.okrs.get_key_result(1).target == 2.5
