"""OKR cycles: a name, a first day and a last day.

Calendar quarters (`2026-Q4`) are the default cycles. A database can make its
quarters fiscal (`FY23-Q2`, named for the year the fiscal year ends) and can
add named cycles of any length (a release from 2019-02-04 to 2019-04-23). A
`Calendar` holds those choices and answers, without I/O, which cycle a name
means, which one a day falls in, and which come before and after.
"""

from __future__ import annotations

import calendar as months
import re
from dataclasses import dataclass
from datetime import date, timedelta

from okrtui.core.errors import InvalidInput
from okrtui.core.periods import Quarter

_FISCAL = re.compile(r"FY(\d{2}|\d{4})-Q([1-4])", re.ASCII | re.IGNORECASE)
_QUARTERISH = re.compile(r"(\d{4}|FY\d{2}|FY\d{4})-Q\d+", re.ASCII | re.IGNORECASE)
# A named cycle: letters, digits and . _ - + / and spaces inside, up to 40 characters.
_NAME = re.compile(r"[\w.+/-](?:[\w .+/-]{0,38}[\w.+/-])?")
NAME_MAX = 40


@dataclass(frozen=True, order=True)
class Cycle:
    """A span of days OKRs live for, ordered by start, then end, then name."""

    start: date
    end: date
    name: str

    def __str__(self) -> str:
        return self.name

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    @property
    def days(self) -> int:
        """How many days it has, both ends included."""
        return (self.end - self.start).days + 1


def quarter_cycle(quarter: Quarter) -> Cycle:
    """A calendar quarter as a cycle: `2026-Q4` is 2026-10-01 to 2026-12-31."""
    return Cycle(quarter.start, quarter.end, str(quarter))


def _add_months(year: int, month: int, count: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + count
    return index // 12, index % 12 + 1


def fiscal_quarter(fiscal_year: int, number: int, first_month: int) -> Cycle:
    """Quarter `number` of the fiscal year ending in `fiscal_year`, the year starting in
    `first_month` (2 = February: FY23-Q2 is 2022-05-01 to 2022-07-31)."""
    year, month = _add_months(fiscal_year - 1, first_month, 3 * (number - 1))
    end_year, end_month = _add_months(year, month, 2)
    end = date(end_year, end_month, months.monthrange(end_year, end_month)[1])
    label = f"{fiscal_year % 100:02d}" if 2000 <= fiscal_year <= 2099 else f"{fiscal_year:04d}"
    return Cycle(date(year, month, 1), end, f"FY{label}-Q{number}")


def is_quarter_name(name: str) -> bool:
    """Whether a name is a quarter's (`2026-Q4`, `FY23-Q2`) rather than a named cycle's."""
    return _QUARTERISH.fullmatch(name.strip()) is not None


def check_cycle_name(text: str) -> str:
    """A named cycle's name, trimmed; refused when empty, too long, odd, or a quarter's."""
    name = text.strip()
    if not name:
        raise InvalidInput("a cycle needs a name", "name")
    if len(name) > NAME_MAX:
        raise InvalidInput(f"a cycle's name has at most {NAME_MAX} characters "
                           f"(this one has {len(name)})", "name")
    if is_quarter_name(name):
        raise InvalidInput(f"{name!r} is a quarter's name: quarters come by themselves "
                           "(see `okrtui cycle fiscal-year`); give a named cycle another name",
                           "name")
    if not _NAME.fullmatch(name):
        raise InvalidInput(f"{name!r}: a cycle's name takes letters, digits, spaces and "
                           ". _ - + / (e.g. release-3.2)", "name")
    return name


@dataclass(frozen=True)
class Calendar:
    """A database's cycles: its quarters (calendar, or fiscal from `first_month`) and the
    cycles it stores (named ones, and quarters kept with the dates they had)."""

    first_month: int = 1
    stored: tuple[Cycle, ...] = ()

    def __post_init__(self) -> None:
        if not 1 <= self.first_month <= 12:
            raise ValueError(f"a year starts in month 1 to 12, not {self.first_month}")

    @property
    def fiscal(self) -> bool:
        """True when quarters are fiscal (the year does not start in January)."""
        return self.first_month != 1

    def find(self, text: str) -> Cycle | None:
        """The cycle a name means, or None."""
        raw = text.strip()
        folded = raw.casefold()
        for cycle in self.stored:
            if cycle.name.casefold() == folded:
                return cycle
        try:
            return quarter_cycle(Quarter.parse(raw))
        except InvalidInput:
            pass
        match = _FISCAL.fullmatch(raw)
        if match is not None and self.fiscal:
            year = int(match[1]) + (2000 if len(match[1]) == 2 else 0)
            if 1 < year <= 9999:
                return fiscal_quarter(year, int(match[2]), self.first_month)
        return None

    def parse(self, text: str) -> Cycle:
        """The cycle a name means; `InvalidInput` (field "quarter") naming what is known."""
        found = self.find(text)
        if found is not None:
            return found
        raw = text.strip()
        shown = raw if len(raw) <= 30 else raw[:29] + "…"
        forms = "YYYY-QN such as 2026-Q4" + (", FYyy-QN such as FY27-Q1" if self.fiscal else "")
        raise InvalidInput(f"{shown!r} is not a quarter or a cycle (expected {forms}, or a "
                           "name from `okrtui cycle list`)", "quarter")

    def quarter_of(self, day: date) -> Cycle:
        """The quarter (calendar or fiscal) a day falls in."""
        if not self.fiscal:
            return quarter_cycle(Quarter.of(day))
        months_in = (day.year * 12 + day.month - 1) - (day.year * 12 + self.first_month - 1)
        start_year = day.year if months_in >= 0 else day.year - 1
        number = (months_in % 12) // 3 + 1
        return fiscal_quarter(start_year + 1, number, self.first_month)

    def current(self, day: date) -> Cycle:
        """The cycle a day belongs to by default: the latest-starting named cycle around it,
        else its quarter."""
        quarter = self.quarter_of(day)
        around = [c for c in self.stored if day in c and not is_quarter_name(c.name)]
        return max(around) if around else quarter

    def noun(self, cycle: Cycle) -> str:
        """What to call it in a sentence: "quarter" or "cycle"."""
        return "quarter" if is_quarter_name(cycle.name) else "cycle"

    def after(self, cycle: Cycle) -> Cycle:
        """The next cycle: the first, in (start, end, name) order, after this one."""
        first = self.quarter_of(cycle.start)
        near = [first, self.quarter_of(first.end + timedelta(days=1)),
                self.quarter_of(cycle.end + timedelta(days=1))]
        return min(c for c in (*near, *self.stored) if c > cycle)

    def before(self, cycle: Cycle) -> Cycle:
        """The previous cycle: the last, in (start, end, name) order, before this one."""
        near = [self.quarter_of(cycle.start), self.quarter_of(cycle.start - timedelta(days=1))]
        return max(c for c in (*near, *self.stored) if c < cycle)

    def successor(self, cycle: Cycle) -> Cycle:
        """Where a carried-over key result goes: a named cycle's next named cycle (the
        next release), else the quarter after the cycle's end."""
        if not is_quarter_name(cycle.name):
            later = [c for c in self.stored
                     if not is_quarter_name(c.name) and c.start > cycle.start]
            if later:
                return min(later)
        return self.quarter_of(cycle.end + timedelta(days=1))
