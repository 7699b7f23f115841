"""A target inside the noise (DOMAIN rule 7): when a key result's target lies within its
metric's natural process limits, reaching it could be routine variation, not change;
and a success whose metric never showed a signal during the cycle may be noise too."""

from __future__ import annotations

from datetime import date

from okrtui.core.scoring import is_success
from okrtui.core.signals import XmR


def target_inside_limits(baseline: float, target: float, lower: float, upper: float) -> bool:
    """Whether the target lies within the limits [lower, upper]; the direction is the key
    result's own (a target above the baseline: higher is better)."""
    del baseline  # either way, a target inside the limits is inside
    return lower <= target <= upper


def beyond_limit_fix(baseline: float, target: float, lower: float, upper: float,
                     unit_text: str = "") -> str:
    """How to set a target the process would not reach by itself."""
    if target > baseline:
        return (f"reaching it could be routine variation: set a target above the upper "
                f"limit {upper:g}{unit_text}, or first change the process and recompute "
                "the limits (b)")
    return (f"reaching it could be routine variation: set a target below the lower limit "
            f"{lower:g}{unit_text}, or first change the process and recompute the limits (b)")


def signalled_between(chart: XmR, start: date, end: date) -> bool:
    """Whether any finding of the chart touches a point from `start` to `end`."""
    return any(start <= day <= end for f in chart.findings for day in f.dates)


def success_without_signal(score: float | None, chart: XmR, start: date, end: date) -> bool:
    """A success (0.7 or more) whose metric showed no signal from start to end, on a chart
    with limits (too few readings tell nothing)."""
    return (score is not None and is_success(score) and chart.upper is not None
            and not signalled_between(chart, start, end))


def unsignalled_note(key_result_id: int, score_text: str, metric: str) -> str:
    """The close flow's note about such a success."""
    return (f"KR{key_result_id} was graded a success ({score_text}), but {metric} showed no "
            "signal during the cycle: the change may be routine variation")
