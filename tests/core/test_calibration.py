"""Calibration: per confidence level, the mean final score and what it rests on."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from okrtui.core.calibration import (
    TEAM,
    GradedKeyResult,
    calibrate,
    calibrations,
)

graded = st.builds(
    GradedKeyResult,
    key_result_id=st.integers(1, 10_000),
    owner=st.sampled_from(["sam", "kim", "lee"]),
    cycle=st.sampled_from(["2026-Q1", "2026-Q2", "2026-Q3"]),
    score=st.floats(0.0, 1.0),
    confidence=st.one_of(st.none(), st.integers(0, 10)),
)


def g(owner: str, cycle: str, score: float, confidence: int | None = 8) -> GradedKeyResult:
    return GradedKeyResult(1, owner, cycle, score, confidence)


def test_the_sentence_names_the_level_the_mean_and_what_it_rests_on() -> None:
    history = [g("sam", "2026-Q1", 0.2), g("sam", "2026-Q1", 0.4), g("sam", "2026-Q2", 0.3),
               g("sam", "2026-Q2", 0.3)]
    assert calibrate(history, "sam").lines("your") == [
        "your 8/10s ended at 0.30 on average: 4 graded key results over 2 cycles"]


def test_too_short_to_tell_under_three_key_results_or_two_cycles() -> None:
    one_cycle = [g("sam", "2026-Q1", 0.5)] * 5
    assert "too short to tell" in calibrate(one_cycle, "sam").lines()[0]
    two = [g("sam", "2026-Q1", 0.5), g("sam", "2026-Q2", 0.5)]
    assert not calibrate(two, "sam").enough
    assert "too short to tell" in calibrate([], "sam").lines()[0]


def test_a_key_result_without_a_confidence_is_counted_apart() -> None:
    c = calibrate([g("kim", "2026-Q1", 0.9, None), g("kim", "2026-Q1", 0.1, 3)], "kim")
    assert (c.key_results, c.without_confidence, [b.confidence for b in c.buckets]) == (1, 1, [3])


@given(st.lists(graded, max_size=40))
def test_means_stay_within_zero_and_one_and_counts_add_up(history: list[GradedKeyResult]) -> None:
    for c in calibrations(history):
        assert all(0.0 <= b.mean <= 1.0 for b in c.buckets)
        assert sum(b.key_results for b in c.buckets) == c.key_results
        assert all(b.cycles <= c.cycles for b in c.buckets)
        assert [b.confidence for b in c.buckets] == sorted({b.confidence for b in c.buckets})
        assert c.lines()
    team = calibrate(history, TEAM)
    owners = calibrations(history)[1:]
    assert team.key_results == sum(c.key_results for c in owners)


@given(st.lists(graded, max_size=30), graded)
def test_adding_a_key_result_to_one_owner_never_changes_anothers(
        history: list[GradedKeyResult], extra: GradedKeyResult) -> None:
    for other in {"sam", "kim", "lee"} - {extra.owner}:
        assert calibrate(history, other) == calibrate([*history, extra], other)


@given(st.lists(graded, min_size=1, max_size=30))
def test_the_mean_lies_between_the_lowest_and_highest_score(
        history: list[GradedKeyResult]) -> None:
    for b in calibrate(history).buckets:
        scores = [h.score for h in history if h.confidence == b.confidence]
        assert min(scores) - 1e-9 <= b.mean <= max(scores) + 1e-9


def test_levels_too_short_to_tell_share_one_line_after_those_that_tell() -> None:
    history = [g("sam", q, 0.3) for q in ("2026-Q1", "2026-Q2", "2026-Q2")] + [
        g("sam", "2026-Q1", 0.9, 5), g("sam", "2026-Q1", 0.1, 9)]
    assert calibrate(history, "sam").lines() == [
        "sam's 8/10s ended at 0.30 on average: 3 graded key results over 2 cycles",
        "sam's 5/10s, 9/10s: too short to tell (2 graded key results in all)"]
