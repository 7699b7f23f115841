"""Grades in the store: n/a (not graded, with the reason), closing with n/a, the numbers a
close freezes (and a reopen lets go), lineage and objective scores in the views."""

from __future__ import annotations

import json
from datetime import date

import pytest

from okrtui.core.errors import InvalidInput
from okrtui.core.models import KeyResult, Metric, Objective
from okrtui.core.okr import views_score
from okrtui.core.record import KeyResultRef
from okrtui.core.report import render_markdown
from okrtui.store.report import quarter_report
from okrtui.store.repository import Repository
from tests.store.okr_plan import Q3, Q4, add_key_result, add_metrics, build_plan

CLOSE_DAY = date(2026, 10, 2)  # the week after the quarter: grading week


@pytest.fixture
def metrics(repo: Repository, today: date) -> dict[str, Metric]:
    return add_metrics(repo, today)


@pytest.fixture
def plan(repo: Repository, metrics: dict[str, Metric], today: date) -> dict[str, KeyResult]:
    """Q3: churn and activation (checked in), deploys (no longer applies)."""
    stay = repo.okrs.add_objective(Objective(quarter=Q3, title="Customers stay"))
    krs = {
        "churn": add_key_result(repo, stay, "Reduce churn from 4% to 2.5%", metrics["Churn"],
                                2.5, [metrics["Tickets"]]),
        "activation": add_key_result(repo, stay, "Activation from 25% to 35%",
                                     metrics["Activation"], 35),
        "deploys": add_key_result(repo, stay, "Deploy 10 times a week", metrics["Deploys"], 10),
    }
    repo.okrs.check_in(krs["churn"], 3.4, today=today, at=date(2026, 9, 7), confidence=6)
    repo.okrs.check_in(krs["activation"], 30, today=today, at=date(2026, 9, 7), confidence=7)
    return krs


def graded_all(repo: Repository, plan: dict[str, KeyResult]) -> None:
    repo.closing.grade(plan["churn"].id or 0, 0.6, today=CLOSE_DAY)
    repo.closing.grade(plan["activation"].id or 0, 0.5, today=CLOSE_DAY)
    repo.closing.grade(plan["deploys"].id or 0, None, today=CLOSE_DAY,
                       note="the platform team took it over")


# -- not graded (n/a) -----------------------------------------------------------------


def test_n_a_keeps_the_reason_and_no_score(repo: Repository, plan) -> None:  # noqa: ANN001
    kr_id = plan["deploys"].id
    graded = repo.closing.grade(kr_id, None, today=CLOSE_DAY, note=" no longer applies\n",
                                next_step="drop")
    kr = repo.okrs.get_key_result(kr_id)
    assert (kr.not_graded, kr.final_score, kr.close_note, kr.next_step) == (
        True, None, "no longer applies", "drop")
    assert graded.key_result == kr
    row = repo.db.execute("SELECT not_graded, final_score FROM key_result WHERE id = ?",
                          [kr_id]).fetchone()
    assert tuple(row) == (1, None)


def test_n_a_without_a_reason_is_refused_by_the_note_and_changes_nothing(
    repo: Repository, plan  # noqa: ANN001
) -> None:
    kr_id = plan["deploys"].id
    for note in ("", "   \n"):
        with pytest.raises(InvalidInput, match="say why it is not graded") as caught:
            repo.closing.grade(kr_id, None, today=CLOSE_DAY, note=note)
        assert caught.value.field == "note"
    assert repo.okrs.get_key_result(kr_id) == plan["deploys"]


def test_grading_with_a_number_again_clears_n_a(repo: Repository, plan) -> None:  # noqa: ANN001
    kr_id = plan["deploys"].id
    repo.closing.grade(kr_id, None, today=CLOSE_DAY, note="no longer applies")
    repo.closing.grade(kr_id, 0.3, today=CLOSE_DAY, note="it applied after all")
    kr = repo.okrs.get_key_result(kr_id)
    assert (kr.not_graded, kr.final_score, kr.close_note) == (False, 0.3, "it applied after all")


def test_a_key_result_not_graded_does_not_block_the_close(repo: Repository, plan) -> None:  # noqa: ANN001
    repo.closing.grade(plan["churn"].id, 0.6, today=CLOSE_DAY)
    repo.closing.grade(plan["deploys"].id, None, today=CLOSE_DAY, note="gone")
    with pytest.raises(InvalidInput) as caught:
        repo.closing.close_quarter(Q3, today=CLOSE_DAY)
    assert f"key result(s) {plan['activation'].id} (" in str(caught.value)
    assert f"{plan['deploys'].id} (" not in str(caught.value)
    repo.closing.grade(plan["activation"].id, 0.5, today=CLOSE_DAY)
    repo.closing.close_quarter(Q3, today=CLOSE_DAY)
    assert repo.closing.is_closed(Q3)


def test_an_objectives_score_leaves_out_what_is_not_graded(repo: Repository, plan) -> None:  # noqa: ANN001
    graded_all(repo, plan)
    ((_, views),) = repo.okrs.quarter_views(Q3, CLOSE_DAY)
    assert [v.score for v in views] == [0.6, 0.5, None]
    assert views_score(views).text() == "0.55 (2 of 3 key results; 1 not graded)"


# -- closing freezes, reopening lets go ---------------------------------------------------


def test_closing_freezes_each_key_results_numbers_as_they_were(
    repo: Repository, plan, metrics, today: date  # noqa: ANN001
) -> None:
    graded_all(repo, plan)
    before = repo.okrs.quarter_views(Q3, CLOSE_DAY)
    repo.closing.close_quarter(Q3, today=CLOSE_DAY)
    frozen = dict(repo.db.execute("SELECT id, frozen FROM key_result").fetchall())
    churn = json.loads(frozen[plan["churn"].id])
    assert churn["as_of"] == "2026-10-02" and churn["value"] == 3.4
    assert churn["progress"] == pytest.approx(0.4) and churn["score"] == 0.6
    assert churn["status"] == str(before[0][1][0].status) and churn["confidence"] == 6
    assert json.loads(frozen[plan["deploys"].id])["not_graded"] is True

    closed = repo.okrs.quarter_views(Q3, today)
    page = render_markdown(quarter_report(repo, Q3, today))
    # Churn is a KPI again, Activation returns: later readings of their metrics...
    repo.record_reading(metrics["Churn"], date(2026, 11, 2), 2.5, today=today)
    repo.record_reading(metrics["Activation"], date(2026, 9, 29), 36, today=today)
    repo.record_reading(metrics["Tickets"], date(2026, 11, 2), 140, today=today)
    # ...change nothing of the closed quarter: views, one key result, the export.
    assert repo.okrs.quarter_views(Q3, today) == closed
    assert repo.okrs.key_result_view(plan["churn"].id, today) == closed[0][1][0]
    assert render_markdown(quarter_report(repo, Q3, today)) == page
    views = closed[0][1]
    assert [(v.current, v.progress) for v in views[:2]] == [
        (3.4, pytest.approx(0.4)), (30, pytest.approx(0.5))]
    assert all(v.frozen is not None and v.frozen.as_of == CLOSE_DAY for v in views)
    assert "Numbers as frozen at close, as of 2026-10-02." in page

    assert repo.closing.reopen_quarter(Q3) == 3
    assert repo.db.execute("SELECT count(*) FROM key_result WHERE frozen IS NOT NULL"
                           ).fetchone()[0] == 0
    live = repo.okrs.quarter_views(Q3, today)[0][1]
    assert [v.current for v in live[:2]] == [2.5, 36] and live[0].frozen is None
    assert live[0].breaches == (("Tickets", "above"),)
    assert render_markdown(quarter_report(repo, Q3, today)) != page


def test_a_view_of_a_day_before_the_close_is_not_the_frozen_one(
    repo: Repository, plan  # noqa: ANN001
) -> None:
    graded_all(repo, plan)
    repo.closing.close_quarter(Q3, today=CLOSE_DAY)
    earlier = repo.okrs.key_result_view(plan["churn"].id, date(2026, 8, 10))
    assert earlier.frozen is None and earlier.current == 4.0  # as that week's note saw it


def test_a_reopened_quarter_closed_again_freezes_anew(
    repo: Repository, plan, metrics, today: date  # noqa: ANN001
) -> None:
    graded_all(repo, plan)
    repo.closing.close_quarter(Q3, today=CLOSE_DAY)
    repo.closing.reopen_quarter(Q3)
    repo.record_reading(metrics["Activation"], date(2026, 9, 29), 36, today=today)
    repo.closing.close_quarter(Q3, today=today)
    view = repo.okrs.key_result_view(plan["activation"].id, today)
    assert view.current == 36 and view.frozen is not None and view.frozen.as_of == today


def test_reopening_an_open_quarter_unfreezes_nothing(repo: Repository, plan) -> None:  # noqa: ANN001
    with pytest.raises(InvalidInput, match="is not closed"):
        repo.closing.reopen_quarter(Q3)


# -- lineage ------------------------------------------------------------------------------


def test_views_carry_the_lineage_of_each_key_result(repo: Repository, today: date) -> None:
    krs = build_plan(repo, today)
    q3 = {v.key_result.id: v for _, vs in repo.okrs.quarter_views(Q3, today) for v in vs}
    q4 = {v.key_result.id: v for _, vs in repo.okrs.quarter_views(Q4, today) for v in vs}
    churn, carried = krs["churn"].id or 0, krs["carried"].id or 0
    assert q3[churn].lineage.carried_into == KeyResultRef(Q4, carried)
    assert q3[churn].lineage.carried_from is None
    assert q4[carried].lineage.carried_from == KeyResultRef(Q3, churn)
    assert q4[carried].lineage.carried_into is None
    assert repo.okrs.key_result_view(carried, today).lineage == q4[carried].lineage
    assert repo.okrs.key_result_view(churn, today) == q3[churn]
