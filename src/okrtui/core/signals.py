"""Noise or signal (DOMAIN rule 7): an XmR chart of a KPI and Wheeler's run rules.

Natural process limits come from a baseline (the first 20 points by default):
centre = mean, mR = mean of the moving ranges, limits = centre ± 2.66·mR,
upper range limit = 3.268·mR. Then three rules look for signals anywhere in
the series: (1) a point outside the limits; (2) three of four consecutive
points nearer to one limit than to the centre line, on the same side; (3)
eight consecutive points on the same side of the centre line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from okrtui.core.models import Point

BASELINE_POINTS = 20
MIN_POINTS = 6
LIMIT_FACTOR = 2.66
RANGE_FACTOR = 3.268


class Verdict(StrEnum):
    """What the chart says about the KPI's recent movement."""

    NOISE = "noise"
    SIGNAL = "signal"
    TOO_FEW = "too-few"


@dataclass(frozen=True)
class Finding:
    """One rule that fired, the points it concerns, and which way (+1 up, -1 down)."""

    rule: int
    dates: tuple[date, ...]
    direction: int

    @property
    def since(self) -> date:
        """The first point of the run."""
        return self.dates[0]


@dataclass(frozen=True)
class XmR:
    """The limits and the findings for one series."""

    verdict: Verdict
    centre: float | None = None
    lower: float | None = None
    upper: float | None = None
    range_limit: float | None = None
    baseline: int = 0
    findings: tuple[Finding, ...] = ()

    @property
    def latest_finding(self) -> Finding | None:
        """The finding that ends last (the one to talk about)."""
        return max(self.findings, key=lambda f: f.dates[-1], default=None)


def _side(value: float, centre: float) -> int:
    return (value > centre) - (value < centre)


def xmr(points: Sequence[Point], baseline: int = BASELINE_POINTS) -> XmR:
    """Limits from the first `baseline` points (all if fewer), rules on every point."""
    if len(points) < MIN_POINTS:
        return XmR(Verdict.TOO_FEW)
    base = [p.value for p in points[: max(min(baseline, len(points)), 2)]]
    centre = sum(base) / len(base)
    ranges = [abs(b - a) for a, b in zip(base, base[1:], strict=False)]
    mr = sum(ranges) / len(ranges)
    upper, lower = centre + LIMIT_FACTOR * mr, centre - LIMIT_FACTOR * mr
    findings = [
        *_outside(points, lower, upper),
        *_three_of_four(points, centre, lower, upper),
        *_eight_in_a_row(points, centre),
    ]
    return XmR(Verdict.SIGNAL if findings else Verdict.NOISE, centre, lower, upper,
               RANGE_FACTOR * mr, len(base), tuple(findings))


def _outside(points: Sequence[Point], lower: float, upper: float) -> list[Finding]:
    out = []
    for p in points:
        if p.value > upper:
            out.append(Finding(1, (p.at,), 1))
        elif p.value < lower:
            out.append(Finding(1, (p.at,), -1))
    return out


def _three_of_four(points: Sequence[Point], centre: float, lower: float,
                   upper: float) -> list[Finding]:
    """Three of four in the outer half between the centre line and a limit, one side."""
    high_mid, low_mid = (centre + upper) / 2, (centre + lower) / 2
    out: list[Finding] = []
    for start in range(len(points) - 3):
        window = points[start:start + 4]
        for direction, near in ((1, [p for p in window if p.value > high_mid]),
                                (-1, [p for p in window if p.value < low_mid])):
            if len(near) >= 3 and not _covered(out, near[0].at, direction, 2):
                out.append(Finding(2, tuple(p.at for p in near), direction))
    return out


def _eight_in_a_row(points: Sequence[Point], centre: float) -> list[Finding]:
    """Runs of eight or more on one side; a point on the line breaks the run."""
    out: list[Finding] = []
    run: list[Point] = []
    side = 0
    for p in [*points, None]:
        current = 0 if p is None else _side(p.value, centre)
        if p is not None and current != 0 and current == side:
            run.append(p)
            continue
        if len(run) >= 8:
            out.append(Finding(3, tuple(q.at for q in run), side))
        run, side = ([p], current) if p is not None and current != 0 else ([], 0)
    return out


def _covered(found: list[Finding], at: date, direction: int, rule: int) -> bool:
    """Overlapping windows report one finding per stretch, not one per window."""
    return any(f.rule == rule and f.direction == direction and at <= f.dates[-1]
               for f in found)
