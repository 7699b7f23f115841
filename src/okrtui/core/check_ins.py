"""Check-ins as events: every one kept, by anyone; a correction said as such.

A check-in has its author, its day (`at`) and the moment it was recorded. A
teammate's check-in the same day never hides an earlier one: both count, and
the key result's value is the latest. Only a correction (`corrects`, the
author's own earlier check-in) takes the place of another; the corrected one
is still listed, as corrected, wherever history is shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from okrtui.core.format import format_value
from okrtui.core.models import CheckIn


def corrected_ids(check_ins: Sequence[CheckIn]) -> set[int]:
    """The ids of the check-ins a later one corrects."""
    return {c.corrects for c in check_ins if c.corrects is not None}


def counted(check_ins: Sequence[CheckIn]) -> list[CheckIn]:
    """The check-ins that count (every one no correction replaced), in their order."""
    replaced = corrected_ids(check_ins)
    return [c for c in check_ins if c.id is None or c.id not in replaced]


@dataclass(frozen=True)
class HistoryEntry:
    """One check-in as history lists it, with the one that corrected it (if any)."""

    check: CheckIn
    corrected_by: int | None = None

    @property
    def note(self) -> str:
        """`corrected`, `corrects #4`, or blank."""
        if self.corrected_by is not None:
            return "corrected"
        if self.check.corrects is not None:
            return f"corrects #{self.check.corrects}"
        return ""


def history(check_ins: Sequence[CheckIn]) -> list[HistoryEntry]:
    """Every check-in, corrected ones too, each with what corrected it."""
    by = {c.corrects: c.id for c in check_ins if c.corrects is not None}
    return [HistoryEntry(c, None if c.id is None else by.get(c.id)) for c in check_ins]


def value_trail(check_ins: Sequence[CheckIn]) -> list[tuple[date, float]]:
    """(day, value) of the counted check-ins that have a value, the latest of each day:
    what a forecast draws its line through (a confidence-only check-in has no value)."""
    days: dict[date, float] = {}
    for c in counted(check_ins):
        if c.value is not None:
            days[c.at] = c.value
    return sorted(days.items())


def latest_confidence(check_ins: Sequence[CheckIn]) -> int | None:
    """The confidence of the latest counted check-in that gives one (with a value or not)."""
    return next((c.confidence for c in reversed(counted(check_ins))
                 if c.confidence is not None), None)


def own_latest(check_ins: Sequence[CheckIn], author: str, day: date) -> CheckIn | None:
    """The author's own latest counted check-in of `day`: what a correction replaces."""
    mine = [c for c in counted(check_ins) if c.author == author and c.at == day]
    return mine[-1] if mine else None


# -- in words ------------------------------------------------------------------------


def local_time(moment: datetime | None, tz: tzinfo | None = None) -> str:
    """`10:02`: when it was recorded, in `tz` (None: this machine's time zone)."""
    return "" if moment is None else moment.astimezone(tz).strftime("%H:%M")


def day_words(at: date, today: date) -> str:
    """`today`, `yesterday` or `on 2026-11-20`."""
    if at == today:
        return "today"
    if at == today - timedelta(days=1):
        return "yesterday"
    return f"on {at.isoformat()}"


def what_was_said(check: CheckIn, unit: str) -> str:
    """`0.42`, or `confidence 4/10` for a check-in without a value."""
    if check.value is None:
        return "confidence –" if check.confidence is None else \
            f"confidence {check.confidence}/10"
    return format_value(check.value, unit)


def same_day_notice(check: CheckIn, earlier: Sequence[CheckIn], *, today: date, unit: str = "",
                    correct_hint: str = "", short: bool = False,
                    tz: tzinfo | None = None) -> str:
    """What to tell the person who saved `check`, when others (or they) checked in on
    that key result that day already: "li checked in 0.42 at 10:02 today; yours becomes
    today's value, both are kept". Blank when nobody did.

    `earlier` are the day's counted check-ins recorded before `check` (the one it
    corrects left out). Your own earlier one is named too ("you checked in 0.4 at
    09:00 today too"), then `correct_hint` (how to correct it instead, in the shell's
    words); `short` (one status line) names it only when nobody else checked in.
    """
    earlier = [c for c in earlier if c.id != check.id and c.id != check.corrects]
    if not earlier:
        return ""
    when = day_words(check.at, today)
    others = [c for c in earlier if c.author != check.author]
    mine = [c for c in earlier if c.author == check.author]
    kept = "both are kept" if len(earlier) == 1 else "all are kept"
    said_mine = _and([f"{what_was_said(c, unit)} at {local_time(c.recorded_at, tz)}"
                      for c in mine])
    if not others:
        return f"you checked in {said_mine} {when} too; {kept}{correct_hint}"
    said = [f"{c.author or 'someone'} {'checked in ' if i == 0 else ''}"
            f"{what_was_said(c, unit)} at {local_time(c.recorded_at, tz)}"
            for i, c in enumerate(others)]
    parts = [_and(said) + f" {when}"]
    if mine and not short:
        parts.append(f"you checked in {said_mine} {when} too{correct_hint}")
    day = "today's" if when == "today" else "yesterday's" if when == "yesterday" \
        else "that day's"
    yours = f"yours becomes {day} value" if check.value is not None \
        else "yours adds a confidence"
    return "; ".join([*parts, f"{yours}, {kept}"])


def _and(items: Sequence[str]) -> str:
    """`a`, `a and b`, `a, b and c` (blank for none)."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def last_day_summary(check_ins: Sequence[CheckIn], unit: str = "",
                     tz: tzinfo | None = None) -> str:
    """The latest day's counted check-ins in a line: "2 check-ins on 2026-11-23: li
    0.42 at 10:02, maria 0.45 at 11:00" (every one, whoever made it)."""
    kept = counted(check_ins)
    if not kept:
        return ""
    day = kept[-1].at
    that_day = [c for c in kept if c.at == day]
    said = ", ".join(f"{c.author or 'someone'} {what_was_said(c, unit)} at "
                     f"{local_time(c.recorded_at, tz)}" for c in that_day)
    count = f"{len(that_day)} check-ins" if len(that_day) > 1 else "checked in"
    return f"{count} on {day.isoformat()}: {said}"
