"""Realistic limits, refused in okrtui's own words, never the validation library's."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from okrtui.core.errors import describe_validation, validation_problem
from okrtui.core.models import (
    BODY_MAX,
    NEXT_TEST_MAX,
    STATEMENT_MAX,
    TITLE_MAX,
    JournalEntry,
    KeyResult,
    Metric,
    NextTest,
    Objective,
)

DAY = date(2026, 11, 23)


def key_result(statement: str) -> KeyResult:
    return KeyResult(objective_id=1, metric_id=1, statement=statement, baseline=0, target=1,
                     start=DAY, due=DAY)


def test_the_limits_are_at_least_what_real_teams_write() -> None:
    assert TITLE_MAX >= 1_000 and STATEMENT_MAX >= 1_000 and NEXT_TEST_MAX >= 1_000
    assert BODY_MAX >= 1024 * 1024
    assert len(key_result("s" * STATEMENT_MAX).statement) == STATEMENT_MAX
    assert len(Objective(quarter="2026-Q4", title="t" * TITLE_MAX).title) == TITLE_MAX
    assert len(JournalEntry(at=DAY, body="b" * BODY_MAX).body) == BODY_MAX
    assert len(NextTest(text="n" * NEXT_TEST_MAX, week=DAY).text) == NEXT_TEST_MAX


@pytest.mark.parametrize(("make", "field", "message"), [
    (lambda: key_result("x" * 2_311), "statement",
     "a key result statement has at most 2,000 characters (this one has 2,311)"),
    (lambda: Objective(quarter="2026-Q4", title="t" * 1_001), "title",
     "an objective's title has at most 1,000 characters (this one has 1,001)"),
    (lambda: JournalEntry(at=DAY, body="b" * (BODY_MAX + 5)), "body",
     f"a journal entry has at most {BODY_MAX:,} characters (this one has {BODY_MAX + 5:,})"),
    (lambda: NextTest(text="n" * 2_001, week=DAY), "text",
     "a next test has at most 2,000 characters (this one has 2,001)"),
    (lambda: Metric(name="m" * 61), "name",
     "a metric's name has at most 60 characters (this one has 61)"),
    (lambda: Metric(name="Churn", unit="u" * 21), "unit",
     "a unit has at most 20 characters (this one has 21)"),
])
def test_text_over_a_limit_is_refused_saying_which_and_how_long(make, field: str,  # noqa: ANN001
                                                                  message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        make()
    assert validation_problem(caught.value) == (field, message)
    assert describe_validation(caught.value) == message
    assert "String should" not in describe_validation(caught.value)


def test_other_problems_keep_their_field_and_the_models_own_words() -> None:
    with pytest.raises(ValidationError) as caught:
        KeyResult(objective_id=1, metric_id=1, statement="s", baseline=1, target=1, start=DAY,
                  due=DAY)
    assert "the target equals the baseline" in describe_validation(caught.value)
    with pytest.raises(ValidationError) as caught:
        Metric(name="")
    assert describe_validation(caught.value) == "name: can't be empty"
