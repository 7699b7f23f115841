"""Noise or signal (DOMAIN rule 7): an XmR chart of a KPI and Wheeler's run rules.

Natural process limits come from a baseline (the first 20 points by default,
or a period the user chose, for example after a confirmed shift):
centre = mean, mR = mean of the moving ranges, limits = centre ± 2.66·mR,
upper range limit = 3.268·mR. Three rules then look for signals in every
point from the baseline's start on: (1) a point outside the limits; (2) three
of four consecutive points nearer to one limit than to the centre line, on the
same side; (3) eight consecutive points on the same side of the centre line.
The verdict is `signal` while a finding touches one of the last four points:
the question is whether the KPI is moving now; older findings are history.

Each rule is one pass over plain lists: a dashboard judges 100 KPIs with ten
years of weekly readings at start-up.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from okrtui.core.models import Point
from okrtui.core.symbols import S

BASELINE_POINTS = 20
MIN_POINTS = 6
LIMIT_FACTOR = 2.66
RANGE_FACTOR = 3.268
RUN_LENGTH = 8
# A finding is current while it touches one of the latest readings (a month
# of weekly ones); older findings stay in the chart's history as past signals.
CURRENT_POINTS = 4

RULE_NAMES = {
    1: "outside the natural process limits",
    2: "3 of 4 points nearer a limit than the centre line",
    3: "8 points in a row on one side of the centre line",
}


class Verdict(StrEnum):
    """What the chart says about the KPI's movement."""

    NOISE = "noise"
    SIGNAL = "signal"
    TOO_FEW = "too-few"


@dataclass(frozen=True)
class Baseline:
    """The period the limits come from; None ends mean "the defaults".

    `start` also starts the judged series: points before it belong to an
    earlier process and are not held against the new limits. Without `end`
    the limits come from the first 20 readings from `start`.
    """

    start: date | None = None
    end: date | None = None


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

    @property
    def arrow(self) -> str:
        return S.above if self.direction > 0 else S.below

    def reason(self) -> str:
        """Why the rule fired, in a few words."""
        side = "above" if self.direction > 0 else "below"
        if self.rule == 3:
            return f"{len(self.dates)} in a row {side} the centre line"
        if self.rule == 2:
            return f"3 of 4 nearer the {'upper' if self.direction > 0 else 'lower'} limit"
        return f"{len(self.dates)} {side} the {'upper' if self.direction > 0 else 'lower'} limit"

    def summary(self) -> str:
        """A few words for a list: `▲ shift since 2026-09-14`."""
        if self.rule == 3:
            return f"{self.arrow} shift since {self.since}"
        if self.rule == 2:
            return f"{self.arrow} near the limit since {self.since}"
        if len(self.dates) == 1:
            return f"{self.arrow} beyond the limit on {self.since}"
        return f"{self.arrow} beyond the limit since {self.since}"


@dataclass(frozen=True)
class XmR:
    """The limits and the findings for one series."""

    verdict: Verdict
    centre: float | None = None
    lower: float | None = None
    upper: float | None = None
    range_limit: float | None = None
    baseline: int = 0  # how many points the limits come from
    baseline_from: date | None = None
    baseline_to: date | None = None
    findings: tuple[Finding, ...] = ()
    current_from: date | None = None  # findings reaching this date are current

    def is_current(self, finding: Finding) -> bool:
        """Whether the finding touches one of the latest readings."""
        return self.current_from is not None and finding.dates[-1] >= self.current_from

    @property
    def latest_finding(self) -> Finding | None:
        """The current finding that ends last; of those, the longest-running, then
        the run rule (a shift says more than the points that also crossed a limit)."""
        current = [f for f in self.findings if self.is_current(f)]
        return max(current, key=lambda f: (f.dates[-1], -f.dates[0].toordinal(), f.rule),
                   default=None)

    def explain(self) -> str:
        """One line for a person: what the chart says and what to do about it."""
        if self.verdict is Verdict.TOO_FEW:
            return (f"Too few readings for limits: {MIN_POINTS} needed in the baseline, "
                    f"{self.baseline} there")
        finding = self.latest_finding
        if finding is None:
            past = " (earlier signals are history)" if self.findings else ""
            return f"Noise: within normal variation: no action{past}"
        others = sorted({f.rule for f in self.findings if self.is_current(f)} - {finding.rule})
        also = f"; also rule {', '.join(map(str, others))}" if others else ""
        return f"Signal: {finding.summary()} (rule {finding.rule}: {finding.reason()}{also})"

    def summary(self) -> str:
        """`noise`, `too few readings`, or the latest finding in a few words."""
        if self.verdict is Verdict.TOO_FEW:
            return "too few readings"
        finding = self.latest_finding
        return "noise" if finding is None else f"signal {finding.summary()}"


def xmr(points: Sequence[Point], baseline: int = BASELINE_POINTS,
        period: Baseline | None = None) -> XmR:
    """The chart of a series of points, oldest first (see `xmr_of`)."""
    return xmr_of([p.at for p in points], [p.value for p in points], baseline, period)


# Points the rules must see for the verdict to be exact: a run of eight that
# reaches one of the last four readings, and a window of four around them.
VERDICT_POINTS = RUN_LENGTH + CURRENT_POINTS


def xmr_of(dates: Sequence[date] | Sequence[str], values: Sequence[float],
           baseline: int = BASELINE_POINTS, period: Baseline | None = None,
           verdict_only: bool = False, judge_from: int = 0) -> XmR:
    """Limits from the baseline, the three rules on every point from its start.

    `dates` are ascending and parallel to `values`: dates, or ISO strings as
    SQLite returns them (only the dates a finding names are then parsed).
    With fewer than six points in the baseline, no limits are claimed
    (`too-few`). `verdict_only` judges just the last readings: the verdict is
    the same, but findings (and their "since") reach back no further than that.
    `judge_from` skips the first points when judging (not when computing the
    limits): a caller that fetched the baseline and the recent readings only
    passes where the recent ones start.
    """
    as_date = _parser(dates)
    if period is not None and period.start is not None:
        first = _first_from(dates, period.start)
        dates, values = dates[first:], values[first:]
    if period is not None and period.end is not None:
        size = _count_to(dates, period.end)
    else:
        size = min(baseline, len(values))
    if size < MIN_POINTS:
        return XmR(Verdict.TOO_FEW, baseline=size)
    base = values[:size]
    centre = sum(base) / size
    mr = sum(abs(base[i] - base[i - 1]) for i in range(1, size)) / (size - 1)
    upper, lower = centre + LIMIT_FACTOR * mr, centre - LIMIT_FACTOR * mr
    base_from, base_to = as_date(dates[0]), as_date(dates[size - 1])
    if verdict_only:
        judge_from = max(judge_from, len(values) - VERDICT_POINTS)
    if judge_from > 0:
        dates, values = dates[judge_from:], values[judge_from:]
    found = sorted([*_outside(values, lower, upper),
                    *_three_of_four(values, centre, lower, upper),
                    *_runs(values, centre)], key=lambda f: (f[0], f[1][0]))
    findings = tuple(Finding(rule, tuple(as_date(dates[i]) for i in points), direction)
                     for rule, points, direction in found)
    current_index = len(values) - min(CURRENT_POINTS, len(values))
    current = any(points[-1] >= current_index for _, points, _ in found)
    return XmR(Verdict.SIGNAL if current else Verdict.NOISE, centre, lower, upper,
               RANGE_FACTOR * mr, size, base_from, base_to, findings,
               as_date(dates[current_index]))


def _parser(dates: Sequence[date] | Sequence[str]) -> Callable[[Any], date]:
    """What turns one of `dates` into a date: `date.fromisoformat` for ISO strings."""
    if dates and isinstance(dates[0], str):
        return date.fromisoformat
    return lambda d: d


def _like(day: date, dates: Sequence[date] | Sequence[str]) -> Any:
    """`day` in the form `dates` use, so the two compare.

    Typed `Any` because the form is known only at run time (a date, or an ISO
    string, which orders the same way); both callers compare it with `dates`.
    """
    return day.isoformat() if dates and isinstance(dates[0], str) else day


def _first_from(dates: Sequence[date] | Sequence[str], day: date) -> int:
    """The index of the first of `dates` on or after `day`; `len(dates)` if none is."""
    start = _like(day, dates)
    return next((i for i, d in enumerate(dates) if d >= start), len(dates))


def _count_to(dates: Sequence[date] | Sequence[str], day: date) -> int:
    """How many of `dates` are on or before `day`."""
    end = _like(day, dates)
    return sum(1 for d in dates if d <= end)


Found = tuple[int, list[int], int]  # (rule, indices of the points, direction)


def _consecutive(indices: list[int]) -> list[list[int]]:
    """[3, 4, 5, 9, 10] → [[3, 4, 5], [9, 10]]."""
    groups: list[list[int]] = []
    for i in indices:
        if groups and i == groups[-1][-1] + 1:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def _outside(values: Sequence[float], lower: float, upper: float) -> list[Found]:
    """Rule 1; consecutive points beyond the same limit make one finding."""
    above = [i for i, v in enumerate(values) if v > upper]
    below = [i for i, v in enumerate(values) if v < lower]
    return [(1, g, 1) for g in _consecutive(above)] + [(1, g, -1) for g in _consecutive(below)]


def _three_of_four(values: Sequence[float], centre: float, lower: float,
                   upper: float) -> list[Found]:
    """Rule 2: three of four in the outer half between the centre line and a limit
    (or beyond it), on one side; overlapping windows make one finding."""
    out: list[Found] = []
    for direction, near in ((1, [i for i, v in enumerate(values) if v > (centre + upper) / 2]),
                            (-1, [i for i, v in enumerate(values) if v < (centre + lower) / 2])):
        reported_to = -1  # index of the last point already reported
        # Three near points fit in a window of four when the first and the
        # third of them are at most three apart.
        for k in range(len(near) - 2):
            if near[k + 2] - near[k] > 3:
                continue
            window = near[k:k + 4] if k + 3 < len(near) and near[k + 3] - near[k] <= 3 \
                else near[k:k + 3]
            if window[0] > reported_to:
                out.append((2, window, direction))
            reported_to = max(reported_to, window[-1])
    return out


def _runs(values: Sequence[float], centre: float) -> list[Found]:
    """Rule 3: runs of eight or more on one side; a point on the line breaks a run."""
    sides = [(v > centre) - (v < centre) for v in values]
    n = len(sides)
    edges = [0, *(i for i in range(1, n) if sides[i] != sides[i - 1]), n]
    return [(3, list(range(a, b)), sides[a]) for a, b in zip(edges, edges[1:], strict=False)
            if sides[a] and b - a >= RUN_LENGTH]
