"""A key result's record: numbers frozen at close (kept as JSON, shown as they were),
and its lineage in words and in a short marker."""

from __future__ import annotations

from datetime import date, datetime

from hypothesis import given
from hypothesis import strategies as st

from okrtui.core.models import CheckIn, KeyResult, Metric
from okrtui.core.okr import freeze, frozen_view, key_result_view
from okrtui.core.record import (
    FrozenNumbers,
    KeyResultRef,
    Lineage,
    frozen_words,
    lineage_marker,
    lineage_words,
    unfrozen_words,
)
from okrtui.core.scoring import Status

CHURN = Metric(id=1, name="Churn", unit="%", direction="lower")
KR = KeyResult(id=7, objective_id=1, metric_id=1, statement="Churn from 4% to 2%",
               baseline=4, target=2, start=date(2026, 7, 1), due=date(2026, 9, 30),
               final_score=0.4, next_step="drop")
CHECK = CheckIn(key_result_id=7, at=date(2026, 9, 7), value=3.2, confidence=6,
                recorded_at=datetime(2026, 9, 7, 9))
LATER = CheckIn(key_result_id=7, at=date(2026, 10, 5), value=2.0, confidence=9,
                recorded_at=datetime(2026, 10, 5, 9))
MAYBE = st.none() | st.floats(min_value=-1e15, max_value=1e15)


def test_a_closed_key_result_shows_the_numbers_frozen_whatever_its_metric_reads_since() -> None:
    live = key_result_view(KR, CHURN, [CHECK], 3.2, date(2026, 10, 2))
    frozen = freeze(live, date(2026, 10, 2))
    assert (frozen.value, frozen.progress, frozen.score, frozen.status) == (
        3.2, live.progress, 0.4, live.status)
    again = frozen_view(KR, CHURN, [CHECK, LATER], FrozenNumbers.from_json(frozen.to_json())
                        or frozen)
    assert (again.current, again.progress, again.expected, again.status, again.reason,
            again.confidence, again.score) == (live.current, live.progress, live.expected,
                                               live.status, live.reason, live.confidence, 0.4)
    assert again.check_ins == (CHECK,) and again.frozen == frozen


@given(value=MAYBE, progress=st.none() | st.floats(0, 1), expected=st.floats(0, 1),
       confidence=st.none() | st.integers(0, 10), score=st.none() | st.floats(0, 1),
       status=st.sampled_from(list(Status)), reason=st.text(max_size=40),
       day=st.dates(), breaches=st.lists(st.tuples(st.text(max_size=8),
                                                    st.sampled_from(["above", "below"]))))
def test_frozen_numbers_read_back_exactly_as_written(value, progress, expected, confidence,  # noqa: ANN001
                                                     score, status, reason, day,
                                                     breaches) -> None:
    numbers = FrozenNumbers(as_of=day, value=value, progress=progress, expected=expected,
                            status=status, reason=reason, confidence=confidence, score=score,
                            breaches=tuple(breaches))
    assert FrozenNumbers.from_json(numbers.to_json()) == numbers


def test_frozen_text_this_program_did_not_write_counts_as_not_frozen() -> None:
    assert FrozenNumbers.from_json(None) is None
    assert FrozenNumbers.from_json("") is None
    assert FrozenNumbers.from_json("{not json") is None
    assert FrozenNumbers.from_json('{"shape": 9}') is None


def test_lineage_in_words_and_as_a_marker_that_fits_a_list() -> None:
    carried = KR.model_copy(update={"next_step": "carry-over"})
    both = Lineage(carried_from=KeyResultRef("2019-Q2", 4),
                   carried_into=KeyResultRef("2019-Q3", 19))
    assert lineage_words(carried, both, "Churn") == ["carried from 2019-Q2 KR4",
                                                     "carried into 2019-Q3 KR19"]
    assert lineage_marker(carried, both) == "←KR4 →KR19"
    back = KR.model_copy(update={"next_step": "return-to-kpi"})
    assert lineage_words(back, Lineage(), "Churn") == ["returned to the KPIs as Churn"]
    assert lineage_marker(back, Lineage()) == "→KPI"
    assert lineage_words(KR, Lineage(), "Churn") == ["dropped"]
    assert lineage_marker(KR, Lineage()) == "dropped"
    plain = KR.model_copy(update={"next_step": None})
    assert lineage_words(plain, Lineage(), "Churn") == [] and lineage_marker(plain,
                                                                             Lineage()) == ""


def test_reopening_says_what_it_unfreezes() -> None:
    assert unfrozen_words(4) == "4 key results' frozen numbers are live again"
    assert unfrozen_words(1) == "1 key result's frozen numbers are live again"
    assert unfrozen_words(0) == "no key result had frozen numbers"
    assert frozen_words(2, "become") == "2 key results' frozen numbers become live again"
