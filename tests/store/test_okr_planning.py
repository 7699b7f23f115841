"""A key result as one intent: typed names and defaults resolved in one transaction."""

from __future__ import annotations

from datetime import date

import pytest

from okrtui.core.errors import EditConflict, InvalidInput, NotFound, QuarterClosed
from okrtui.core.models import Metric, Objective
from okrtui.core.okr import KeyResultDraft
from okrtui.store.repository import Repository

Q4, Q1 = "2026-Q4", "2027-Q1"


@pytest.fixture
def plan(repo: Repository, today: date) -> Objective:
    """Churn (4.0, then 3.8), Tickets and Uptime; one Q4 objective owned by maria."""
    churn = repo.add_metric(Metric(name="Churn", unit="%", direction="lower", range_max=3))
    repo.record_reading(churn, date(2026, 10, 5), 4.0, today=today)
    repo.record_reading(churn, date(2026, 11, 16), 3.8, today=today)
    repo.add_metric(Metric(name="Tickets", range_max=100))
    repo.add_metric(Metric(name="Uptime", range_min=99.5))
    return repo.okrs.add_objective(Objective(quarter=Q4, title="Customers stay", owner="maria"))


def draft(**fields: object) -> KeyResultDraft:
    values: dict[str, object] = {"statement": "Reduce churn to 2.5%", "metric": "Churn",
                                 "target": 2.5}
    return KeyResultDraft(**{**values, **fields})  # type: ignore[arg-type]


def refused(field: str, call, *args, **kwargs) -> InvalidInput:  # noqa: ANN001
    with pytest.raises(InvalidInput) as caught:
        call(*args, **kwargs)
    assert caught.value.field == field, caught.value
    return caught.value


# -- the half-saved actions, refused whole ---------------------------------------------


def test_a_refused_key_result_with_a_new_metric_leaves_no_metric(
    repo: Repository, plan: Objective, today: date,
) -> None:
    # A metric made just now has no reading, so there is no baseline to default to.
    error = refused("baseline", repo.okrs.add_planned_key_result, plan.id or 0,
                    draft(metric="New", target=5), today=today, create_metric=True)
    assert "'New' has no reading yet" in str(error)
    with pytest.raises(NotFound):
        repo.get_metric("New")
    assert repo.okrs.key_results(Q4) == []


def test_a_refused_key_result_under_a_new_title_leaves_no_objective(
    repo: Repository, plan: Objective, today: date,
) -> None:
    error = refused("guardrails", repo.okrs.add_key_result_under, Q1, "Pages feel instant",
                    draft(guardrails=("Tickets", "Nope")), today=today, objective_owner="lee")
    assert "no metric named 'Nope'" in str(error)
    assert repo.okrs.objectives(Q1) == []
    assert repo.okrs.key_results(Q1) == []


# -- adding ------------------------------------------------------------------------------


def test_a_new_metric_is_made_unwatched_with_its_key_result(
    repo: Repository, plan: Objective, today: date,
) -> None:
    kr = repo.okrs.add_planned_key_result(plan.id or 0, draft(metric="Deploys", baseline=2,
                                                              target=10),
                                          today=today, create_metric=True)
    metric = repo.get_metric("Deploys")
    assert kr.metric_id == metric.id and not metric.watched
    assert (kr.baseline, kr.target) == (2, 10)


def test_an_unknown_metric_is_refused_by_name_without_create_metric(
    repo: Repository, plan: Objective, today: date,
) -> None:
    error = refused("metric", repo.okrs.add_planned_key_result, plan.id or 0,
                    draft(metric="Chrun"), today=today)
    assert "no metric named 'Chrun'" in str(error)
    with pytest.raises(NotFound):
        repo.get_metric("Chrun")
    refused("metric", repo.okrs.add_planned_key_result, plan.id or 0, draft(metric="  "),
            today=today)


def test_the_defaults_are_the_latest_value_the_quarters_end_and_the_objectives_owner(
    repo: Repository, plan: Objective, today: date,
) -> None:
    kr = repo.okrs.add_planned_key_result(
        plan.id or 0, draft(guardrails=("Tickets", " uptime ")), today=today)
    assert kr.baseline == 3.8  # the latest reading, not the first
    assert (kr.start, kr.due) == (date(2026, 10, 1), date(2026, 12, 31))
    assert kr.owner == "maria"
    assert kr.objective_id == plan.id and kr.position == 1
    names = [repo.get_metric_by_id(m).name for m in repo.okrs.guardrail_ids(kr.id or 0)]
    assert sorted(names) == ["Tickets", "Uptime"]


def test_what_was_typed_wins_over_the_defaults(
    repo: Repository, plan: Objective, today: date,
) -> None:
    kr = repo.okrs.add_planned_key_result(
        plan.id or 0, draft(baseline=4.5, due=date(2026, 12, 15), owner="lee"), today=today)
    assert (kr.baseline, kr.due, kr.owner) == (4.5, date(2026, 12, 15), "lee")


def test_a_past_quarters_default_baseline_is_its_value_at_the_quarters_end(
    repo: Repository, plan: Objective, today: date,
) -> None:
    q3 = repo.okrs.add_objective(Objective(quarter="2026-Q3", title="Earlier"))
    repo.record_reading(repo.get_metric("Churn"), date(2026, 9, 28), 4.4, today=today)
    kr = repo.okrs.add_planned_key_result(q3.id or 0, draft(), today=today)
    assert kr.baseline == 4.4 and kr.due == date(2026, 9, 30)


@pytest.mark.parametrize(("fields", "field", "words"), [
    ({"target": None}, "target", "needs a target"),
    ({"target": 3.8}, "target", "must move the metric"),
    ({"statement": "  "}, "statement", "can't be empty"),
    ({"due": date(2027, 1, 15)}, "due", "outside 2026-Q4"),
    ({"guardrails": ("Churn",)}, "guardrails", "cannot guard its own metric"),
    ({"guardrails": ("Nope",)}, "guardrails", "no metric named 'Nope'"),
])
def test_a_bad_draft_is_refused_by_its_field_and_saves_nothing(
    repo: Repository, plan: Objective, today: date, fields: dict, field: str, words: str,
) -> None:
    error = refused(field, repo.okrs.add_planned_key_result, plan.id or 0, draft(**fields),
                    today=today, create_metric=True)
    assert words in str(error)
    assert repo.okrs.key_results(Q4) == []
    assert [m.name for m in repo.list_metrics()] == ["Churn", "Tickets", "Uptime"]


def test_one_key_result_per_metric_per_quarter(
    repo: Repository, plan: Objective, today: date,
) -> None:
    repo.okrs.add_planned_key_result(plan.id or 0, draft(), today=today)
    error = refused("metric", repo.okrs.add_planned_key_result, plan.id or 0,
                    draft(statement="Again"), today=today)
    assert "already measured by key result 1" in str(error)


def test_a_closed_quarter_or_a_missing_objective_takes_no_key_result(
    repo: Repository, plan: Objective, today: date,
) -> None:
    with pytest.raises(NotFound, match="no objective with id 9"):
        repo.okrs.add_planned_key_result(9, draft(), today=today)
    repo.db.execute("INSERT INTO quarter_state (quarter, closed_at) VALUES (?, ?)",
                    [Q4, "2026-11-20T00:00:00+00:00"])
    with pytest.raises(QuarterClosed):
        repo.okrs.add_planned_key_result(plan.id or 0, draft(metric="New", baseline=0),
                                         today=today, create_metric=True)
    assert [m.name for m in repo.list_metrics()] == ["Churn", "Tickets", "Uptime"]


# -- under an objective found or made by its title ---------------------------------------


def test_a_key_result_under_a_new_title_makes_the_objective_with_the_owner_given(
    repo: Repository, plan: Objective, today: date,
) -> None:
    kr = repo.okrs.add_key_result_under(Q1, "Pages feel instant", draft(baseline=4.0),
                                        today=today, objective_owner="lee")
    (objective,) = repo.okrs.objectives(Q1)
    assert (objective.title, objective.owner) == ("Pages feel instant", "lee")
    assert kr.objective_id == objective.id and kr.owner == "lee"
    assert (kr.start, kr.due) == (date(2027, 1, 1), date(2027, 3, 31))


def test_a_key_result_under_an_existing_title_joins_that_objective_whatever_its_case(
    repo: Repository, plan: Objective, today: date,
) -> None:
    kr = repo.okrs.add_key_result_under(Q4, "  customers STAY ", draft(), today=today)
    assert kr.objective_id == plan.id and kr.owner == "maria"
    assert len(repo.okrs.objectives(Q4)) == 1


def test_under_a_title_a_blank_title_or_a_metric_already_planned_is_refused(
    repo: Repository, plan: Objective, today: date,
) -> None:
    refused("objective", repo.okrs.add_key_result_under, Q1, "  ", draft(), today=today)
    repo.okrs.add_key_result_under(Q1, "First", draft(baseline=4), today=today)
    error = refused("metric", repo.okrs.add_key_result_under, Q1, "Second", draft(baseline=4),
                    today=today)
    assert "Churn already has a key result in 2027-Q1" in str(error)
    assert [o.title for o in repo.okrs.objectives(Q1)] == ["First"]


def test_under_a_title_any_refusal_leaves_no_objective(
    repo: Repository, plan: Objective, today: date,
) -> None:
    for fields, field in (({"target": None}, "target"), ({"metric": "Nope"}, "metric"),
                          ({"target": 4.0, "baseline": 4.0}, "target")):
        refused(field, repo.okrs.add_key_result_under, Q1, "New", draft(**fields), today=today)
    assert repo.okrs.objectives(Q1) == []


# -- editing -----------------------------------------------------------------------------


def test_an_edit_resolves_like_an_add_and_keeps_the_key_results_start(
    repo: Repository, plan: Objective, today: date,
) -> None:
    kr = repo.okrs.add_planned_key_result(plan.id or 0, draft(owner="lee",
                                                              guardrails=("Tickets",)),
                                          today=today)
    edited = repo.okrs.edit_planned_key_result(
        kr, draft(statement="Churn to 2%", target=2, baseline=4, guardrails=("Uptime",)),
        today=today)
    assert (edited.id, edited.version, edited.start) == (kr.id, 2, kr.start)
    assert (edited.statement, edited.target, edited.baseline) == ("Churn to 2%", 2, 4)
    assert edited.owner == "maria"  # blank: the objective's owner, as when adding
    assert [repo.get_metric_by_id(m).name for m in repo.okrs.guardrail_ids(kr.id or 0)] == [
        "Uptime"]


def test_a_refused_edit_changes_nothing(repo: Repository, plan: Objective, today: date) -> None:
    kr = repo.okrs.add_planned_key_result(plan.id or 0, draft(guardrails=("Tickets",)),
                                          today=today)
    refused("guardrails", repo.okrs.edit_planned_key_result, kr,
            draft(target=2, guardrails=("Uptime", "Nope")), today=today)
    refused("metric", repo.okrs.edit_planned_key_result, kr, draft(metric="Nope"), today=today)
    assert repo.okrs.get_key_result(kr.id or 0) == kr
    assert repo.okrs.guardrail_ids(kr.id or 0) == [repo.get_metric("Tickets").id]


def test_an_edit_of_a_stale_key_result_is_a_conflict(
    repo: Repository, plan: Objective, today: date,
) -> None:
    kr = repo.okrs.add_planned_key_result(plan.id or 0, draft(), today=today)
    repo.okrs.edit_planned_key_result(kr, draft(target=2), today=today)
    with pytest.raises(EditConflict, match="changed by tester"):
        repo.okrs.edit_planned_key_result(kr, draft(target=3), today=today)
    assert repo.okrs.get_key_result(kr.id or 0).target == 2
