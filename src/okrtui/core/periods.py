"""Calendar periods: quarters named like `2026-Q4`, the share of a period gone, weeks.

Key results live for one quarter (DOMAIN rule 5: OKRs end), and their pace is
measured against the share of their period that has passed.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from okrtui.core.errors import InvalidInput

_QUARTER = re.compile(r"(\d{4})-Q([1-4])", re.ASCII | re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Quarter:
    """A calendar quarter: `Quarter(2026, 4)` is October to December 2026, shown `2026-Q4`.

    Quarters order chronologically (by year, then quarter number).
    """

    year: int
    q: int

    def __post_init__(self) -> None:
        # A bad quarter built in code is a bug; people's text goes through `parse`.
        if not 1 <= self.q <= 4:
            raise ValueError(f"quarter number must be 1 to 4, not {self.q}")
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year must be 1 to 9999, not {self.year}")

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """A quarter written `YYYY-QN` (any case, spaces around allowed), e.g. `2026-Q4`."""
        raw = text.strip()
        match = _QUARTER.fullmatch(raw)
        if match is None or int(match[1]) < 1:
            shown = raw if len(raw) <= 30 else raw[:29] + "…"
            raise InvalidInput(
                f"{shown!r} is not a quarter (expected YYYY-QN, e.g. 2026-Q4)", "quarter"
            )
        return cls(int(match[1]), int(match[2]))

    @classmethod
    def of(cls, day: date) -> Quarter:
        """The quarter a day falls in."""
        return cls(day.year, (day.month - 1) // 3 + 1)

    def __str__(self) -> str:
        return f"{self.year:04d}-Q{self.q}"

    @property
    def start(self) -> date:
        """The quarter's first day."""
        return date(self.year, 3 * self.q - 2, 1)

    @property
    def end(self) -> date:
        """The quarter's last day (the default due date of its key results)."""
        month = 3 * self.q
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def next(self) -> Quarter:
        """The quarter after this one."""
        return Quarter(self.year + 1, 1) if self.q == 4 else Quarter(self.year, self.q + 1)

    def previous(self) -> Quarter:
        """The quarter before this one."""
        return Quarter(self.year - 1, 4) if self.q == 1 else Quarter(self.year, self.q - 1)


def elapsed_fraction(start: date, end: date, today: date) -> float:
    """The share of the period `start`..`end` (both days included) gone by the start of `today`.

    0.0 on the first day and before it, 1.0 after the last day; on the last day
    itself one day of the period is still left. A `start` after `end` is treated
    as a one-day period on `end`, so the answer stays in [0, 1] and never goes
    down as `today` moves on.
    """
    start = min(start, end)
    days = (end - start).days + 1
    gone = (today - start).days
    return min(max(gone / days, 0.0), 1.0)


def weeks_left(end: date, today: date) -> int:
    """Whole weeks left until `end`, counting today and `end` itself; 0 once it has passed."""
    return max((end - today).days + 1, 0) // 7


def week_start(day: date, first: int = 0) -> date:
    """The first day of the week a day falls in; weeks start on `first` (0 = Monday, as
    `date.weekday()` counts; the settings' `week_starts`)."""
    return day - timedelta(days=(day.weekday() - first) % 7)


def week_label(day: date) -> str:
    """The ISO week a day falls in, written `2026-W48` (its year may differ from the day's)."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def week_of(start: date, end: date, today: date) -> tuple[int, int]:
    """Which week of a period `today` is in, and how many weeks it has: (7, 13).

    Weeks count from the period's first day, and its length rounds to whole
    weeks (at least one). Days left over by the rounding belong to the last
    week: 30 September is in week 13 of a 92-day quarter's 13, not week 14.
    """
    weeks = max(round(((end - start).days + 1) / 7), 1)
    week = (today - start).days // 7 + 1
    if start <= today <= end:
        week = min(week, weeks)
    return week, weeks
