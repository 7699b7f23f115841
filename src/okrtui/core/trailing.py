"""The trailing view of a weekly business review: a KPI's last 6 weeks and last 12
months side by side, week over week and year over year, its range and its limits.

Each period shows its latest reading (a KPI is read as of a day, not summed); a
period without a reading is a gap, never filled in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from okrtui.core.models import Point
from okrtui.core.periods import week_start

WEEKS = 6
MONTHS = 12
YEAR_AGO_SLACK = 3  # days either side of 52 weeks earlier a year-ago reading may lie
NO_THIS_WEEK = "no reading this week"
NO_LAST_WEEK = "no reading last week"
NO_YEAR_AGO = "no reading a year ago"


@dataclass(frozen=True)
class Slot:
    """One week or month: its first day, and its latest reading (None: a gap)."""

    start: date
    reading: Point | None


@dataclass(frozen=True)
class Change:
    """A reading compared with an earlier one; `missing` says which side is absent."""

    current: Point | None
    previous: Point | None
    missing: str = ""

    @property
    def absolute(self) -> float | None:
        if self.current is None or self.previous is None:
            return None
        return self.current.value - self.previous.value

    @property
    def percent(self) -> float | None:
        """The change as a share of the earlier value; None from zero (no base)."""
        change = self.absolute
        if change is None or self.previous is None or self.previous.value == 0:
            return None
        return 100 * change / abs(self.previous.value)


@dataclass(frozen=True)
class Trailing:
    """What the trailing view shows for one KPI on one day."""

    weeks: tuple[Slot, ...]  # oldest first, this week last
    months: tuple[Slot, ...]  # oldest first, this month last
    week_over_week: Change
    year_over_year: Change
    range_min: float | None = None
    range_max: float | None = None
    lower: float | None = None  # the XmR natural process limits, when there are any
    centre: float | None = None
    upper: float | None = None


def month_start(day: date) -> date:
    return day.replace(day=1)


def months_back(first: date, count: int) -> date:
    """The first day of the month `count` months before the month starting `first`."""
    index = first.year * 12 + first.month - 1 - count
    return date(index // 12, index % 12 + 1, 1)


def since(today: date, week_first: int = 0) -> date:
    """The earliest day the trailing view looks at: what a store needs to read."""
    year_ago = week_start(today, week_first) - timedelta(weeks=52 + 1)
    return min(year_ago, months_back(month_start(today), MONTHS - 1))


def trailing(points: Sequence[Point], today: date, week_first: int = 0, *,
             range_min: float | None = None, range_max: float | None = None,
             lower: float | None = None, centre: float | None = None,
             upper: float | None = None) -> Trailing:
    """The trailing view of `points` (current readings, oldest first) on `today`.

    Readings after `today` are left out. Year over year compares this week's
    reading with the latest of the same week 52 weeks earlier, or else with the
    reading nearest to 52 weeks before it, within a few days.
    """
    seen = [p for p in points if p.at <= today]
    this_week = week_start(today, week_first)
    week_starts = [this_week - timedelta(weeks=n) for n in range(WEEKS - 1, -1, -1)]
    this_month = month_start(today)
    month_starts = [months_back(this_month, n) for n in range(MONTHS - 1, -1, -1)]
    weeks = tuple(Slot(s, _latest(seen, s, s + timedelta(days=6))) for s in week_starts)
    months = tuple(Slot(s, _latest(seen, s, months_back(s, -1) - timedelta(days=1)))
                   for s in month_starts)
    current, last = weeks[-1].reading, weeks[-2].reading
    wow = Change(current, last, NO_THIS_WEEK if current is None else
                 NO_LAST_WEEK if last is None else "")
    year_ago = None if current is None else _year_ago(seen, current, this_week)
    yoy = Change(current, year_ago, NO_THIS_WEEK if current is None else
                 NO_YEAR_AGO if year_ago is None else "")
    return Trailing(weeks, months, wow, yoy, range_min, range_max, lower, centre, upper)


def _latest(points: Sequence[Point], first: date, last: date) -> Point | None:
    """The latest reading from `first` to `last`, both included."""
    inside = [p for p in points if first <= p.at <= last]
    return max(inside, key=lambda p: p.at) if inside else None


def _year_ago(points: Sequence[Point], current: Point, this_week: date) -> Point | None:
    then = this_week - timedelta(weeks=52)
    same_week = _latest(points, then, then + timedelta(days=6))
    if same_week is not None:
        return same_week
    target = current.at - timedelta(weeks=52)
    near = [p for p in points if abs((p.at - target).days) <= YEAR_AGO_SLACK]
    return min(near, key=lambda p: (abs((p.at - target).days), -p.at.toordinal()),
               default=None)
