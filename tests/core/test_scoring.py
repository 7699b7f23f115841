"""Key results: progress, pace, status with its reason, forecast, and the final grade."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from okrtui.core.errors import InvalidInput
from okrtui.core.parse import LARGEST
from okrtui.core.scoring import (
    STATUS_LABEL,
    SUCCESS_SCORE,
    Status,
    expected_progress,
    final_score_suggestion,
    forecast,
    format_score,
    is_success,
    kr_status,
    progress,
    validate_score,
)

# Models refuse values beyond ±10^15, so the core never sees larger ones.
VALUES = st.floats(min_value=-LARGEST, max_value=LARGEST, allow_nan=False)
SHARES = st.floats(min_value=0.0, max_value=1.0)
CONFIDENCE = st.none() | st.integers(0, 10)


# --- progress ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("baseline", "target", "current", "expected"),
    [
        (25, 35, 30, 0.5),  # activation up from 25% to 35%
        (25, 35, 25, 0.0),
        (25, 35, 35, 1.0),
        (25, 35, 40, 1.0),  # overshoot counts as done
        (25, 35, 20, 0.0),  # going backwards is no progress
        (4.0, 2.5, 3.25, 0.5),  # churn down from 4% to 2.5%: lower is better
        (4.0, 2.5, 5.0, 0.0),
        (4.0, 2.5, 2.0, 1.0),
        (0, 1, 0, 0.0),  # binary key result, not yet
        (0, 1, 1, 1.0),  # binary key result, done
    ],
)
def test_progress_is_the_share_of_the_way_from_baseline_to_target(
    baseline: float, target: float, current: float, expected: float
) -> None:
    assert progress(baseline, target, current) == pytest.approx(expected)


def test_with_baseline_equal_to_target_only_the_target_itself_counts() -> None:
    assert progress(10, 10, 10) == 1.0
    assert progress(10, 10, 11) == 0.0
    assert progress(10, 10, 9) == 0.0


@given(VALUES, VALUES, VALUES)
def test_progress_always_lies_between_zero_and_one(
    baseline: float, target: float, current: float
) -> None:
    assert 0.0 <= progress(baseline, target, current) <= 1.0


@given(VALUES, VALUES, VALUES, VALUES)
def test_moving_towards_the_target_never_lowers_progress(
    baseline: float, target: float, one: float, other: float
) -> None:
    assume(baseline != target)
    # Order the two values along the direction of travel, from baseline to target.
    behind, ahead = sorted((one, other), reverse=target < baseline)
    assert progress(baseline, target, behind) <= progress(baseline, target, ahead)


@given(VALUES, VALUES, VALUES)
def test_lower_is_better_mirrors_higher_is_better(
    baseline: float, target: float, current: float
) -> None:
    assert progress(-baseline, -target, -current) == progress(baseline, target, current)


@given(VALUES, VALUES, SHARES)
def test_swapping_baseline_and_target_gives_the_rest_of_the_way(
    baseline: float, target: float, share: float
) -> None:
    assume(baseline != target)
    current = baseline + share * (target - baseline)
    there = progress(baseline, target, current)
    back = progress(target, baseline, current)
    assert there + back == pytest.approx(1.0, abs=1e-6)


# --- pace and status ----------------------------------------------------------------


def test_expected_progress_is_the_share_of_the_period_gone() -> None:
    start, due = date(2026, 10, 1), date(2026, 12, 31)
    assert expected_progress(start, due, start) == 0.0
    assert expected_progress(start, due, start + timedelta(days=46)) == pytest.approx(0.5)
    assert expected_progress(start, due, due + timedelta(days=1)) == 1.0


def test_status_reason_says_progress_time_and_confidence_in_words() -> None:
    status, reason = kr_status(0.62, 0.55, 7)
    assert status is Status.ON_TRACK
    assert reason == "62% done vs 55% of the time gone; confidence 7/10"


def test_reason_leaves_out_a_confidence_nobody_gave() -> None:
    assert kr_status(0.5, 0.5, None)[1] == "50% done vs 50% of the time gone"


def test_almost_done_is_not_called_done() -> None:
    assert kr_status(0.999, 0.5, None)[1].startswith("99% done")


@pytest.mark.parametrize(
    ("done", "expected", "confidence", "status"),
    [
        (0.45, 0.55, 8, Status.ON_TRACK),  # exactly 10 points behind is still on track
        (0.44, 0.55, 8, Status.AT_RISK),
        (0.30, 0.55, 8, Status.AT_RISK),  # exactly 25 points behind is at risk
        (0.29, 0.55, 8, Status.OFF_TRACK),
        (0.90, 0.50, 5, Status.AT_RISK),  # ahead, but the owner doubts it
        (0.90, 0.50, 6, Status.ON_TRACK),
        (0.90, 0.50, 3, Status.OFF_TRACK),
        (0.0, 0.0, None, Status.ON_TRACK),  # no time gone: nothing is behind
        (0.0, 0.0, 2, Status.OFF_TRACK),
        (1.0, 1.0, None, Status.ON_TRACK),
    ],
)
def test_status_compares_progress_with_pace_and_confidence(
    done: float, expected: float, confidence: int | None, status: Status
) -> None:
    assert kr_status(done, expected, confidence)[0] is status


def test_a_key_result_without_check_ins_has_no_data() -> None:
    assert kr_status(None, 0.4, None) == (Status.NO_DATA, "no check-in yet")


def test_every_status_has_words_not_only_a_colour() -> None:
    assert set(STATUS_LABEL) == set(Status)
    assert all(any(c.isalpha() for c in label) for label in STATUS_LABEL.values())


@given(SHARES, SHARES, st.integers(0, 3))
def test_a_confidence_of_three_or_less_is_never_on_track(
    done: float, expected: float, confidence: int
) -> None:
    assert kr_status(done, expected, confidence)[0] is Status.OFF_TRACK


@given(SHARES, CONFIDENCE)
def test_before_any_time_has_passed_only_confidence_decides(
    done: float, confidence: int | None
) -> None:
    status = kr_status(done, 0.0, confidence)[0]
    if confidence is None or confidence > 5:
        assert status is Status.ON_TRACK


@given(SHARES, SHARES, SHARES, CONFIDENCE)
def test_more_progress_never_worsens_the_status(
    one: float, other: float, expected: float, confidence: int | None
) -> None:
    rank = {Status.ON_TRACK: 0, Status.AT_RISK: 1, Status.OFF_TRACK: 2}
    less, more = sorted((one, other))
    assert rank[kr_status(more, expected, confidence)[0]] <= rank[
        kr_status(less, expected, confidence)[0]
    ]


# --- forecast -----------------------------------------------------------------------

DAY0 = date(2026, 10, 5)


def test_forecast_extends_the_trend_of_the_check_ins_to_the_due_date() -> None:
    points = [(DAY0, 25.0), (DAY0 + timedelta(days=7), 26.0), (DAY0 + timedelta(days=14), 27.0)]
    assert forecast(points, DAY0 + timedelta(days=70)) == pytest.approx(35.0)


def test_forecast_fits_a_line_through_noisy_check_ins() -> None:
    points = [(DAY0, 1.0), (DAY0 + timedelta(days=1), 3.0), (DAY0 + timedelta(days=2), 2.0)]
    # Least squares: slope 0.5 a day through the mean (day 1, value 2).
    assert forecast(points, DAY0 + timedelta(days=5)) == pytest.approx(4.0)


def test_forecast_does_not_depend_on_the_order_of_the_check_ins() -> None:
    points = [(DAY0 + timedelta(days=14), 27.0), (DAY0, 25.0), (DAY0 + timedelta(days=7), 26.5)]
    due = DAY0 + timedelta(days=60)
    assert forecast(points, due) == pytest.approx(forecast(sorted(points), due))


@pytest.mark.parametrize(
    "points",
    [[], [(DAY0, 3.0)], [(DAY0, 3.0), (DAY0, 4.0), (DAY0, 5.0)]],
    ids=["none", "one", "all-on-one-day"],
)
def test_no_forecast_without_a_trend_to_draw(points: list[tuple[date, float]]) -> None:
    assert forecast(points, DAY0 + timedelta(days=30)) is None


@given(
    st.floats(min_value=-1e6, max_value=1e6),
    st.floats(min_value=-1e3, max_value=1e3),
    st.lists(st.integers(0, 400), min_size=2, max_size=20),
    st.integers(-400, 1200),
)
def test_forecast_of_points_on_a_line_is_the_line_at_the_due_date(
    intercept: float, slope: float, days: list[int], due_day: int
) -> None:
    assume(len(set(days)) >= 2)
    points = [(DAY0 + timedelta(days=d), intercept + slope * d) for d in days]
    expected = intercept + slope * due_day
    scale = max(abs(intercept), abs(slope) * 1600, 1.0)
    got = forecast(points, DAY0 + timedelta(days=due_day))
    assert got == pytest.approx(expected, rel=1e-9, abs=1e-9 * scale)


# --- the final grade --------------------------------------------------------------


@pytest.mark.parametrize(
    ("done", "suggested"),
    [(0.0, 0.0), (0.64, 0.64), (0.65, 0.65), (0.659, 0.65), (0.699, 0.69), (0.29, 0.29),
     (1.0, 1.0), (1.3, 1.0), (-0.2, 0.0)],
)
def test_final_score_offered_is_progress_in_hundredths_rounded_down(done: float,
                                                                   suggested: float) -> None:
    assert final_score_suggestion(done) == suggested


@given(st.floats(min_value=-2.0, max_value=2.0))
def test_final_score_offered_is_a_valid_grade_never_above_progress(done: float) -> None:
    score = final_score_suggestion(done)
    assert validate_score(score) == score
    assert round(score * 100) / 100 == score
    assert score <= max(done, 0.0) + 1e-9
    # Offered as a success only when progress is one.
    assert is_success(score) == is_success(min(max(done, 0.0), 1.0))


def test_seven_tenths_counts_as_success() -> None:
    assert SUCCESS_SCORE == 0.7
    assert is_success(0.7)
    assert is_success(0.1 * 7)  # 0.7000000000000001
    assert is_success(1.0)
    assert not is_success(0.6)
    assert not is_success(0.69)


@pytest.mark.parametrize("score", [0.0, 0.7, 1.0])
def test_grades_from_zero_to_one_are_accepted(score: float) -> None:
    assert validate_score(score) == score


@pytest.mark.parametrize("score", [-0.1, 1.01, 7.0, float("nan"), float("inf")])
def test_a_grade_outside_zero_to_one_is_refused(score: float) -> None:
    with pytest.raises(InvalidInput, match=r"is not a score \(expected 0\.0 to 1\.0") as caught:
        validate_score(score)
    assert caught.value.field == "score"


# --- showing a score: two decimals, never rounded into a success -------------------


@pytest.mark.parametrize(
    ("score", "shown"),
    [(0.66, "0.66"), (0.05, "0.05"), (0.7, "0.70"), (0.1 * 7, "0.70"), (0.699, "0.69"),
     (0.695, "0.69"), (0.29, "0.29"), (0.0, "0.00"), (1.0, "1.00"), (0.555, "0.55")],
)
def test_a_score_shows_two_decimals(score: float, shown: str) -> None:
    assert format_score(score) == shown


@given(st.integers(0, 100))
def test_a_score_in_hundredths_shows_exactly_as_typed(hundredths: int) -> None:
    assert format_score(hundredths / 100) == f"{hundredths / 100:.2f}"
    assert format_score(float(f"0.{hundredths:02d}") if hundredths < 100 else 1.0) == (
        f"{hundredths / 100:.2f}")


@given(SHARES)
def test_a_shown_score_is_never_more_than_the_score_and_agrees_on_success(score: float) -> None:
    shown = format_score(score)
    assert len(shown) == 4 and shown[1] == "." and shown.replace(".", "").isdigit()
    assert float(shown) <= score + 1e-9
    assert score - float(shown) < 0.01 + 1e-9
    assert is_success(score) == (float(shown) >= SUCCESS_SCORE)
