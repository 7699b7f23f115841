"""Grades: a key result's score (final, n/a, computed), an objective's mean score and
what it leaves out, an official grade beside the computed one."""

from __future__ import annotations

import math
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from okrtui.core.errors import InvalidInput
from okrtui.core.grades import (
    ObjectiveScore,
    key_result_score,
    objective_score,
    parse_grade,
    with_official,
)
from okrtui.core.models import KeyResult

SCORES = st.floats(min_value=0.0, max_value=1.0)
# One key result as the objective score sees it: (its score, whether it is not graded).
ENTRY = st.one_of(
    SCORES.map(lambda s: (s, False)),  # graded, or computed from progress
    st.just((None, False)),  # no value yet
    st.just((None, True)),  # not graded (n/a)
)


def kr(**fields: object) -> KeyResult:
    return KeyResult.model_validate({
        "id": 1, "objective_id": 1, "metric_id": 1, "statement": "Churn down", "baseline": 4,
        "target": 2, "start": date(2026, 10, 1), "due": date(2026, 12, 31), **fields})


# --- a key result's score -------------------------------------------------------------


def test_a_key_results_score_is_its_final_score_else_what_progress_earns() -> None:
    assert key_result_score(kr(final_score=0.3), 0.9) == 0.3
    assert key_result_score(kr(), 0.62) == 0.62
    assert key_result_score(kr(), 1.4) == 1.0
    assert key_result_score(kr(), None) is None
    assert key_result_score(kr(not_graded=True, close_note="no longer applies"), 0.9) is None


@pytest.mark.parametrize(("text", "grade"), [("0.66", 0.66), (" 1 ", 1.0), ("0", 0.0),
                                             ("n/a", None), ("N/A", None), ("na", None)])
def test_a_grade_is_typed_as_a_score_or_n_a(text: str, grade: float | None) -> None:
    assert parse_grade(text) == grade


@pytest.mark.parametrize(("text", "message"), [
    ("1.2", "1.2 is not a score (expected 0.0 to 1.0"), ("seven", "'seven' is not a number"),
    ("", "is not a number"), ("nan", "is not a finite number")])
def test_a_grade_that_is_neither_says_so_and_offers_n_a(text: str, message: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_grade(text, "score")
    assert message in str(caught.value) and "or n/a when it is not graded" in str(caught.value)
    assert caught.value.field == "score"


# --- an objective's score -------------------------------------------------------------


def test_an_objectives_score_says_what_it_left_out() -> None:
    score = objective_score([(0.6, False), (0.5, False), (None, True)])
    assert score.score == pytest.approx(0.55)
    assert score.text() == "0.55 (2 of 3 key results; 1 not graded)"
    assert score.short_basis() == "2 of 3, 1 n/a"
    assert objective_score([(0.4, False), (None, False)]).text() == (
        "0.40 (1 of 2 key results; 1 without a value yet)")
    assert objective_score([]).text() == "no score (no key results)"
    assert objective_score([(None, True)]).text() == "no score (0 of 1 key result; 1 not graded)"
    assert objective_score([(0.7, False)]).text() == "0.70 (1 of 1 key result)"


@given(st.lists(ENTRY, max_size=12))
def test_an_objectives_score_is_the_mean_of_the_scored_key_results(entries) -> None:  # noqa: ANN001
    score = objective_score(entries)
    scored = [s for s, na in entries if s is not None and not na]
    assert score.total == len(entries)
    assert (score.counted, score.not_graded, score.no_value) == (
        len(scored), sum(na for _, na in entries), sum(s is None and not na for s, na in entries))
    if not scored:
        assert score.score is None
        return
    assert score.score is not None and 0.0 <= score.score <= 1.0
    assert min(scored) - 1e-12 <= score.score <= max(scored) + 1e-12
    assert score.score == pytest.approx(math.fsum(scored) / len(scored))


@given(st.lists(ENTRY, max_size=8), st.integers(0, 5))
def test_key_results_not_graded_never_move_an_objectives_score(entries, extra: int) -> None:  # noqa: ANN001
    before = objective_score(entries)
    after = objective_score([*entries, *[(None, True)] * extra])
    assert after.score == before.score and after.not_graded == before.not_graded + extra


@given(st.lists(SCORES, min_size=1, max_size=8))
def test_an_objective_of_one_score_repeated_scores_that(scores: list[float]) -> None:
    same = [(scores[0], False)] * len(scores)
    assert objective_score(same).score == pytest.approx(scores[0])


def test_an_objective_score_is_a_value_with_a_total() -> None:
    assert ObjectiveScore(score=None).total == 0


# --- an official grade beside the computed one -----------------------------------------


def test_an_official_grade_is_shown_only_where_it_differs() -> None:
    assert with_official(0.4, 0.3) == "0.40 · official 0.30"
    assert with_official(0.4, None) == "0.40"
    assert with_official(0.401, 0.40) == "0.40"  # one grade, as shown
    assert with_official(None, 0.3) == "no score · official 0.30"
    assert with_official(None, None, "none") == "none"
