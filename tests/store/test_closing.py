"""Closing a quarter: grades, next steps, reflections, and a closed quarter stays read-only."""

from __future__ import annotations

from datetime import date

import pytest

from okrtui.core.errors import InvalidInput, OkrtuiError, QuarterClosed
from okrtui.core.models import Metric, Objective
from okrtui.store.repository import Repository
from tests.store.okr_plan import Q3, Q4, add_key_result, add_metrics

CLOSED_Q3 = (
    "2026-Q3 is closed: reopen it first (Z on the dashboard, or okrtui quarter reopen 2026-Q3)"
)


@pytest.fixture
def metrics(repo: Repository, today: date) -> dict[str, Metric]:
    return add_metrics(repo, today)


@pytest.fixture
def stay(repo: Repository) -> Objective:
    return repo.okrs.add_objective(Objective(quarter=Q3, title="Customers stay", owner="maria",
                                             why="growth"))


@pytest.fixture
def churn_kr(repo: Repository, stay: Objective, metrics: dict[str, Metric], today: date):
    kr = add_key_result(repo, stay, "Reduce churn from 4% to 2.5%", metrics["Churn"], 2.5,
                        [metrics["Tickets"]])
    repo.okrs.check_in(kr, 3.4, today=today, at=date(2026, 9, 7), confidence=6)
    return kr


# -- grading ---------------------------------------------------------------


def test_grading_keeps_score_note_and_next_step(repo: Repository, churn_kr, today) -> None:
    graded = repo.closing.grade(churn_kr.id, 0.6, today=today, note="close\nenough",
                                next_step="drop")
    kr = repo.okrs.get_key_result(churn_kr.id)
    assert (kr.final_score, kr.close_note, kr.next_step) == (0.6, "close\nenough", "drop")
    assert graded.key_result == kr and graded.carried is None and graded.metric is None
    assert kr.version == churn_kr.version + 1


@pytest.mark.parametrize("score", [-0.1, 1.01, 7.0, float("nan")])
def test_a_score_outside_0_to_1_is_refused_and_nothing_changes(
    repo: Repository, churn_kr, today, score: float
) -> None:
    with pytest.raises(InvalidInput, match="is not a score"):
        repo.closing.grade(churn_kr.id, score, today=today)
    assert repo.okrs.get_key_result(churn_kr.id).final_score is None


def test_carry_over_makes_a_key_result_next_quarter_from_the_last_value(
    repo: Repository, churn_kr, metrics, today
) -> None:
    graded = repo.closing.grade(churn_kr.id, 0.4, today=today, next_step="carry-over")
    new = graded.carried
    assert new is not None and repo.okrs.quarter_of(new.id) == Q4
    assert (new.baseline, new.target, new.metric_id) == (3.4, 2.5, churn_kr.metric_id)
    assert (new.start, new.due) == (date(2026, 10, 1), date(2026, 12, 31))
    assert (new.carried_from, new.statement, new.owner) == (churn_kr.id, churn_kr.statement,
                                                            "maria")
    assert new.final_score is None and new.next_step is None
    assert repo.okrs.guardrail_ids(new.id) == [metrics["Tickets"].id]
    (copy,) = repo.okrs.objectives(Q4)
    assert (copy.title, copy.why, copy.owner, copy.reflection) == ("Customers stay", "growth",
                                                                   "maria", "")
    assert repo.closing.carried_to(churn_kr.id) == new


def test_carry_over_joins_an_objective_of_the_same_title_next_quarter(
    repo: Repository, churn_kr, today
) -> None:
    there = repo.okrs.add_objective(Objective(quarter=Q4, title="Customers stay"))
    new = repo.closing.grade(churn_kr.id, 0.4, today=today, next_step="carry-over").carried
    assert new is not None and new.objective_id == there.id
    assert len(repo.okrs.objectives(Q4)) == 1


def test_grading_again_does_not_carry_over_twice(repo: Repository, churn_kr, today) -> None:
    first = repo.closing.grade(churn_kr.id, 0.4, today=today, next_step="carry-over").carried
    again = repo.closing.grade(churn_kr.id, 0.5, today=today, next_step="carry-over").carried
    assert again == first and len(repo.okrs.key_results(Q4)) == 1
    assert repo.okrs.get_key_result(churn_kr.id).final_score == 0.5


def test_changing_carry_over_to_drop_removes_the_unused_carried_key_result(
    repo: Repository, churn_kr, today
) -> None:
    repo.closing.grade(churn_kr.id, 0.4, today=today, next_step="carry-over")
    repo.closing.grade(churn_kr.id, 0.4, today=today, next_step="drop")
    assert repo.okrs.key_results(Q4) == []
    assert repo.closing.carried_to(churn_kr.id) is None


def test_a_carried_key_result_with_check_ins_cannot_be_undone(
    repo: Repository, churn_kr, today
) -> None:
    new = repo.closing.grade(churn_kr.id, 0.4, today=today, next_step="carry-over").carried
    repo.okrs.check_in(new, 3.1, today=today)
    with pytest.raises(InvalidInput, match="keep --next carry-over"):
        repo.closing.grade(churn_kr.id, 0.4, today=today, next_step="drop")
    assert repo.okrs.get_key_result(churn_kr.id).next_step == "carry-over"
    assert len(repo.okrs.key_results(Q4)) == 1


def test_carry_over_of_a_key_result_already_at_its_target_is_refused(
    repo: Repository, churn_kr, metrics, today
) -> None:
    repo.record_reading(metrics["Churn"], date(2026, 9, 28), 2.5, today=today)
    with pytest.raises(InvalidInput, match="nothing left to carry over"):
        repo.closing.grade(churn_kr.id, 1.0, today=today, next_step="carry-over")
    assert repo.okrs.get_key_result(churn_kr.id).final_score is None
    assert repo.okrs.objectives(Q4) == []


def test_carrying_over_a_carried_key_result_warns_it_may_be_a_kpi(
    repo: Repository, churn_kr, today
) -> None:
    first = repo.closing.grade(churn_kr.id, 0.4, today=today, next_step="carry-over")
    assert first.warning == ""
    second = repo.closing.grade(first.carried.id, 0.3, today=today, next_step="carry-over")
    assert "KPI in the wrong document" in second.warning
    assert repo.okrs.quarter_of(second.carried.id) == "2027-Q1"


def test_carry_over_into_a_closed_quarter_is_refused(repo: Repository, churn_kr, today) -> None:
    repo.okrs.add_objective(Objective(quarter=Q4, title="Other"))
    repo.closing.close_quarter(Q4, today=today)
    with pytest.raises(QuarterClosed, match="2026-Q4 is closed"):
        repo.closing.grade(churn_kr.id, 0.4, today=today, next_step="carry-over")
    assert repo.okrs.get_key_result(churn_kr.id).final_score is None


def test_return_to_kpi_watches_the_metric_with_the_range_given(
    repo: Repository, stay, metrics, today
) -> None:
    kr = add_key_result(repo, stay, "Activation from 25% to 35%", metrics["Activation"], 35)
    graded = repo.closing.grade(kr.id, 0.8, today=today, next_step="return-to-kpi",
                                range_min=30)
    metric = repo.get_metric("Activation")
    assert metric.watched and (metric.range_min, metric.range_max) == (30, None)
    assert graded.metric == metric


def test_return_to_kpi_keeps_a_range_the_metric_already_has(
    repo: Repository, churn_kr
) -> None:
    repo.closing.grade(churn_kr.id, 0.5, today=date(2026, 11, 23), next_step="return-to-kpi")
    assert (repo.get_metric("Churn").range_min, repo.get_metric("Churn").range_max) == (None, 3)


def test_return_to_kpi_without_any_healthy_range_is_refused_with_a_hint(
    repo: Repository, stay, metrics, today
) -> None:
    kr = add_key_result(repo, stay, "Activation from 25% to 35%", metrics["Activation"], 35)
    with pytest.raises(InvalidInput, match="'Activation' has no healthy range: give it a minimum"):
        repo.closing.grade(kr.id, 0.8, today=today, next_step="return-to-kpi")
    assert repo.okrs.get_key_result(kr.id).final_score is None
    assert not repo.get_metric("Activation").watched


def test_return_to_kpi_with_a_minimum_above_the_maximum_is_refused(
    repo: Repository, churn_kr, today
) -> None:
    with pytest.raises(InvalidInput, match="above its maximum"):
        repo.closing.grade(churn_kr.id, 0.5, today=today, next_step="return-to-kpi",
                           range_min=5)
    assert repo.okrs.get_key_result(churn_kr.id).final_score is None


def test_a_range_without_return_to_kpi_is_refused(repo: Repository, churn_kr, today) -> None:
    with pytest.raises(InvalidInput, match="only goes with --next return-to-kpi"):
        repo.closing.grade(churn_kr.id, 0.5, today=today, next_step="drop", range_max=3)


def test_a_reflection_is_kept_cleaned(repo: Repository, stay) -> None:
    saved = repo.closing.reflect(stay.id, "  Learned \x1b[31mthis\n")
    assert saved.reflection == "Learned ␛[31mthis" and saved.version == stay.version + 1


# -- closing and reopening ---------------------------------------------------


def test_closing_refuses_while_key_results_lack_a_score_and_names_them(
    repo: Repository, stay, churn_kr, metrics, today
) -> None:
    other = add_key_result(repo, stay, "Activation from 25% to 35%", metrics["Activation"], 35)
    repo.closing.grade(churn_kr.id, 0.5, today=today)
    with pytest.raises(InvalidInput) as caught:
        repo.closing.close_quarter(Q3, today=today)
    message = str(caught.value)
    assert f"key result(s) {other.id} (Activation from 25% to 35%)" in message
    assert f"{churn_kr.id} (" not in message and "okrtui quarter grade" in message
    assert not repo.closing.is_closed(Q3)


def test_a_closed_quarter_refuses_every_change_until_reopened(
    repo: Repository, stay, churn_kr, metrics, today
) -> None:
    repo.closing.grade(churn_kr.id, 0.5, today=today)
    state = repo.closing.close_quarter(Q3, today=today)
    assert repo.closing.is_closed(Q3) and state.closed_by == "tester"
    assert repo.closing.closed_quarters() == [state]
    attempts = [
        lambda: repo.okrs.add_objective(Objective(quarter=Q3, title="Late idea")),
        lambda: add_key_result(repo, stay, "More", metrics["Deploys"], 9),
        lambda: repo.okrs.check_in(churn_kr, 3.0, today=today, at=date(2026, 9, 20)),
        lambda: repo.closing.grade(churn_kr.id, 0.9, today=today),
        lambda: repo.closing.reflect(stay.id, "after the fact"),
    ]
    readings = repo.reading_count()
    for attempt in attempts:
        with pytest.raises(QuarterClosed) as caught:
            attempt()
        assert str(caught.value) == CLOSED_Q3
    assert len(repo.okrs.objectives(Q3)) == 1 and len(repo.okrs.key_results(Q3)) == 1
    assert repo.reading_count() == readings and len(repo.okrs.check_ins(churn_kr.id)) == 1
    repo.closing.reopen_quarter("2026-q3")
    assert not repo.closing.is_closed(Q3) and repo.closing.state(Q3) is None
    repo.okrs.check_in(churn_kr, 3.0, today=today, at=date(2026, 9, 20))
    repo.okrs.add_objective(Objective(quarter=Q3, title="Late idea"))


def test_closing_leaves_other_quarters_open(repo: Repository, churn_kr, today) -> None:
    repo.closing.grade(churn_kr.id, 0.4, today=today, next_step="carry-over")
    repo.closing.close_quarter(Q3, today=today)
    (carried,) = repo.okrs.key_results(Q4)
    repo.okrs.check_in(carried, 3.0, today=today)
    assert not repo.closing.is_closed(Q4)


def test_closing_twice_an_empty_quarter_or_reopening_an_open_one_is_refused(
    repo: Repository, churn_kr, today
) -> None:
    with pytest.raises(InvalidInput, match="2027-Q2 has no objectives"):
        repo.closing.close_quarter("2027-Q2", today=today)
    with pytest.raises(InvalidInput, match="2026-Q3 is not closed"):
        repo.closing.reopen_quarter(Q3)
    repo.closing.grade(churn_kr.id, 0.4, today=today)
    repo.closing.close_quarter(Q3, today=today)
    with pytest.raises(QuarterClosed, match="already closed"):
        repo.closing.close_quarter(Q3, today=today)
    with pytest.raises(InvalidInput, match="is not a quarter"):
        repo.closing.close_quarter("2026-Q9", today=today)


def test_the_closed_state_is_shared_with_other_connections(
    repo: Repository, churn_kr, db_path, today
) -> None:
    from okrtui.store.database import open_database

    other = Repository(open_database(db_path), "someone")
    repo.closing.grade(churn_kr.id, 0.4, today=today)
    repo.closing.close_quarter(Q3, today=today)
    stale = other.okrs.get_key_result(churn_kr.id)
    with pytest.raises(OkrtuiError, match="2026-Q3 is closed"):
        other.okrs.check_in(stale, 3.0, today=today, at=date(2026, 9, 20))
    other.db.close()


def test_check_ins_follow_the_date_rule_and_one_key_result_per_metric(tmp_path) -> None:
    from datetime import date as _date

    from okrtui.core.models import KeyResult, Metric, Objective
    from okrtui.store.database import open_database
    from okrtui.store.repository import Repository

    repo = Repository(open_database(tmp_path / "q.db"), "t")
    churn = repo.add_metric(Metric(name="Churn"))
    objective = repo.okrs.add_objective(Objective(quarter="2026-Q4", title="Stay"))
    plan = {"objective_id": objective.id, "metric_id": churn.id, "statement": "x",
            "baseline": 4, "target": 2, "start": _date(2026, 10, 1), "due": _date(2026, 12, 31)}
    kr = repo.okrs.add_key_result(KeyResult.model_validate(plan))
    # Before its start, or a day still to come: refused, naming the date.
    with pytest.raises(InvalidInput, match="starts on 2026-10-01: a check-in for 2026-09-15 "
                       "is before it") as refused:
        repo.okrs.check_in(kr, 3, today=_date(2026, 11, 9), at=_date(2026, 9, 15))
    assert refused.value.field == "date"
    with pytest.raises(InvalidInput, match="2026-11-10 is in the future"):
        repo.okrs.check_in(kr, 3, today=_date(2026, 11, 9), at=_date(2026, 11, 10))
    with pytest.raises(InvalidInput, match="already measured by key result"):
        repo.okrs.add_key_result(KeyResult.model_validate({**plan, "statement": "again"}))
    with pytest.raises(InvalidInput, match="outside 2026-Q4"):
        repo.okrs.add_key_result(KeyResult.model_validate(
            {**plan, "metric_id": repo.add_metric(Metric(name="NPS")).id,
             "due": _date(2027, 2, 1)}))
    assert repo.okrs.check_ins(kr.id or 0) == []
    repo.okrs.check_in(kr, 3.5, today=_date(2026, 11, 9), confidence=7)
    repo.okrs.check_in(kr, 3.0, today=_date(2026, 11, 9), confidence=5)  # a second one, kept
    repo.okrs.check_in(kr, 3.8, today=_date(2026, 11, 9), at=_date(2026, 11, 2), confidence=6)
    # After the due date, in the grading week: taken, while the quarter is open.
    repo.okrs.check_in(kr, 2.4, today=_date(2027, 1, 7), at=_date(2027, 1, 6), confidence=9)
    trail = [(c.at, c.value, c.confidence) for c in repo.okrs.check_ins(kr.id or 0)]
    assert trail == [(_date(2026, 11, 2), 3.8, 6), (_date(2026, 11, 9), 3.5, 7),
                     (_date(2026, 11, 9), 3.0, 5), (_date(2027, 1, 6), 2.4, 9)]
    assert repo.readings.latest_value(churn.id or 0, _date(2027, 1, 7)) == 2.4