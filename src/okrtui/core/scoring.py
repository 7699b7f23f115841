"""How far a key result has come, whether it keeps pace, where it is heading, its grade.

Key results are stretch goals graded 0.0–1.0, where about 0.7 is success
(DOMAIN rule 10); status compares progress with the share of time gone and
with the owner's confidence, and always says why in words.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from enum import StrEnum

from okrtui.core.errors import InvalidInput
from okrtui.core.periods import elapsed_fraction
from okrtui.core.symbols import Labels

# A grade of about 0.7 means the stretch goal was met (DOMAIN rule 10).
SUCCESS_SCORE = 0.7

# How far behind the pace (in shares of the whole way) a key result may fall
# before it is at risk, and then off track.
AT_RISK_BEHIND = 0.10
OFF_TRACK_BEHIND = 0.25
# Confidence (0–10) at or below which the owner's own doubt decides the status.
AT_RISK_CONFIDENCE = 5
OFF_TRACK_CONFIDENCE = 3


class Status(StrEnum):
    """Whether a key result is on course to reach its target by its due date."""

    ON_TRACK = "on-track"
    AT_RISK = "at-risk"
    OFF_TRACK = "off-track"
    NO_DATA = "no-data"


# Symbol and words for each status, so no meaning rests on colour alone.
# (In ASCII mode: "ok on track", "x off track"; core/symbols.py.)
STATUS_LABEL = Labels({
    Status.ON_TRACK: ("ok", "on track"),
    Status.AT_RISK: ("risk", "at risk"),
    Status.OFF_TRACK: ("off", "off track"),
    Status.NO_DATA: ("-", "no check-in"),
})


def progress(baseline: float, target: float, current: float) -> float:
    """The share of the way from `baseline` to `target` that `current` has come, in [0, 1].

    Works in either direction: a target below the baseline means lower is
    better. Overshooting counts as 1.0, going backwards as 0.0. A binary key
    result (0 → 1) is simply 0.0 or 1.0. When baseline equals target there is
    no way to travel and no direction to tell "past" from "short of", so only
    the exact target counts: 1.0 if `current == target`, else 0.0.
    """
    if baseline == target:
        return 1.0 if current == target else 0.0
    share = (current - baseline) / (target - baseline)
    if math.isnan(share):  # only from overflowing inputs; validated values never get here
        return 0.0
    return min(max(share, 0.0), 1.0)


def expected_progress(start: date, due: date, today: date) -> float:
    """The progress that keeps pace: the share of the key result's period gone by today.

    `start` is the quarter's first day, or the key result's creation day if it
    came later; `due` is its due date (see `elapsed_fraction` for the edges).
    """
    return elapsed_fraction(start, due, today)


def whole_percent(share: float) -> int:
    """A share as whole percent, rounded down (so "100% done" is only said when true),
    the same everywhere: panes, notes, reports."""
    return math.floor(share * 100 + 1e-9)


def _percent(share: float) -> str:
    return f"{whole_percent(share)}%"


def kr_status(
    progress: float | None, expected: float, confidence: int | None
) -> tuple[Status, str]:
    """A key result's status and the reason in words, e.g. "62% done vs 55% of the time gone".

    Rules, first match wins (`behind` = expected − progress):

    - no check-in yet (`progress` is None): `no-data`;
    - `behind` > 0.25, or confidence ≤ 3: `off-track`;
    - `behind` > 0.10, or confidence ≤ 5: `at-risk`;
    - otherwise `on-track`.

    Before any time has passed (`expected` == 0) nothing can be behind, so
    only a low confidence can make a key result at risk or off track. A
    missing confidence is simply not counted.
    """
    if progress is None:
        return Status.NO_DATA, "no check-in yet"
    reason = f"{_percent(progress)} done vs {_percent(expected)} of the time gone"
    if confidence is not None:
        reason += f"; confidence {confidence}/10"
    # Rounded so that 0.55 − 0.45 counts as exactly 10 points behind, not a hair more.
    behind = round(expected - progress, 9)
    low = confidence is not None and confidence <= OFF_TRACK_CONFIDENCE
    if behind > OFF_TRACK_BEHIND or low:
        return Status.OFF_TRACK, reason
    doubtful = confidence is not None and confidence <= AT_RISK_CONFIDENCE
    if behind > AT_RISK_BEHIND or doubtful:
        return Status.AT_RISK, reason
    return Status.ON_TRACK, reason


def forecast(points: Sequence[tuple[date, float]], due: date) -> float | None:
    """The value expected on `due` if the check-ins' straight-line trend goes on.

    An ordinary least-squares line through (day, value); None with fewer than
    two points or when all fall on one day, since no trend can be drawn.
    """
    if len(points) < 2:
        return None
    origin = points[0][0]
    xs = [float((at - origin).days) for at, _ in points]
    ys = [float(value) for _, value in points]
    mean_x = math.fsum(xs) / len(xs)
    mean_y = math.fsum(ys) / len(ys)
    # Centred sums keep the arithmetic stable for large values and far dates.
    spread = math.fsum((x - mean_x) ** 2 for x in xs)
    if spread == 0:
        return None
    slope = math.fsum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread
    return mean_y + slope * (float((due - origin).days) - mean_x)


def is_success(score: float) -> bool:
    """True for a grade of 0.7 or more: a stretch goal met (DOMAIN rule 10).

    Judged on the stored value (to within binary noise: 0.1 * 7 is a success),
    never on a rounded one: 0.695 is not a success, whatever a display shows.
    """
    return round(score, 9) >= SUCCESS_SCORE


def score_hundredths(score: float) -> int:
    """A score in whole hundredths, rounded down (as `whole_percent` is), so a score is
    never shown as more than it is, nor a miss as a success: 0.699 is 69, 0.66 is 66."""
    # The 1e-7 absorbs binary noise: 0.29 is stored as 0.28999…, and is 29.
    hundredths = math.floor(score * 100 + 1e-7)
    # The display and the verdict agree at the edge, whatever the noise.
    limit = round(SUCCESS_SCORE * 100)
    return max(hundredths, limit) if is_success(score) else min(hundredths, limit - 1)


def format_score(score: float) -> str:
    """A score with two decimals, everywhere: `0.66`, `0.05`, `0.70`, `1.00`."""
    return f"{score_hundredths(score) / 100:.2f}"


def computed_score(done: float) -> float:
    """The score progress earns a key result not graded yet: its share of the way, in [0, 1]."""
    return min(max(done, 0.0), 1.0)


def final_score_suggestion(done: float) -> float:
    """The quarter-end grade to offer: the computed score as shown (two decimals, rounded
    down), so the dialog never offers more than progress earned."""
    return score_hundredths(computed_score(done)) / 100


def validate_score(score: float) -> float:
    """The score itself if it is a grade from 0.0 to 1.0; otherwise InvalidInput."""
    if not 0.0 <= score <= 1.0:  # also refuses NaN
        raise InvalidInput(
            f"{score:g} is not a score (expected 0.0 to 1.0; 0.7 counts as success)", "score"
        )
    return score
