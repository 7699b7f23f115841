"""What the previous review saw: the point a weekly note compares with.

A review is saved at a moment. What it saw is every reading recorded by then
and dated up to the last day its note covered; a date corrected since keeps,
for it, the value it had then. Anything recorded later (a reading on the
Wednesday after Monday's review, one dated back before the review, a
correction) is news for the next note, whatever day it is dated. Without an
earlier review, a note compares with the day before its week: what is dated
up to then was seen, what is dated after was not.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import NamedTuple

from okrtui.core.models import Point


@dataclass(frozen=True)
class PreviousReview:
    """The review a note compares with: its week, the last day its note covered, and
    when it was first saved (an edit afterwards does not change what it saw)."""

    week: date  # its Monday
    day: date  # the last day its note covered: the day it was written, or its Sunday
    saved_at: datetime
    edited: bool = False  # changed after it was first saved

    def words(self) -> str:
        """`the review of 2026-11-16 (saved 2026-11-16 09:40 UTC)`."""
        saved = "first saved" if self.edited else "saved"
        return f"the review of {self.week} ({saved} {utc(self.saved_at):%Y-%m-%d %H:%M} UTC)"


# A reading as stored, any version of its date: (day, value, when it was recorded,
# whether it is the date's value now, i.e. not superseded by a later version). A
# plain tuple, as the database returns rows: the note reads a year of them per KPI.
StoredReading = tuple[date, float, datetime | None, bool]


def utc(moment: datetime) -> datetime:
    """A moment in UTC (one without a zone is taken as UTC, as the database keeps them)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def compared_day(week: date, until: date, previous: PreviousReview | None) -> date:
    """The last day the compared state covers: the previous review's, or the day before
    the week (never after the day the note reports)."""
    if previous is None:
        return min(week - timedelta(days=1), until)
    return min(previous.day, until)


def seen(at: date, recorded_at: datetime | None, since: date,
         previous: PreviousReview | None) -> bool:
    """Whether the previous review saw a reading (or check-in) of day `at` recorded at
    `recorded_at`: dated up to `since`, and recorded by the time it was saved."""
    if at > since:
        return False
    return previous is None or recorded_at is None or _aware(recorded_at) <= _aware(
        previous.saved_at)


def _aware(moment: datetime) -> datetime:
    """A moment that compares with others (one without a zone is UTC, as stored)."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


class Split(NamedTuple):
    """One metric's readings split by what the previous review saw."""

    dates: list[date]  # what it saw, oldest first: one value per date, the last it saw
    values: list[float]
    unseen: list[Point]  # the current readings it did not see, oldest first


def split_seen(readings: Iterable[StoredReading], since: date,
               previous: PreviousReview | None) -> Split:
    """What the previous review saw, and the current readings it did not see.

    `readings` are one metric's, oldest date first and each date's versions in the
    order they were recorded. What it saw has one value per date, the last one it
    saw; what it did not see is each current reading new since, whatever its date,
    or correcting a value it saw.
    """
    saw: dict[date, float] = {}
    unseen: list[Point] = []
    limit = None if previous is None else _aware(previous.saved_at)
    for at, value, recorded_at, current in readings:
        # `seen`, inlined: this runs for every reading in the note's window.
        if at <= since and (limit is None or recorded_at is None
                            or _aware(recorded_at) <= limit):
            saw[at] = value  # a later version of the date replaces an earlier one
        elif current:
            unseen.append(Point.model_construct(at=at, value=value))
    return Split(list(saw), list(saw.values()), unseen)


def latest_seen(newest_first: Iterable[StoredReading], since: date,
                previous: PreviousReview | None) -> Point | None:
    """The latest value the previous review saw, from readings newest date first (each
    date's versions newest first); reads no further than it needs."""
    for at, value, recorded_at, _ in newest_first:
        if seen(at, recorded_at, since, previous):
            return Point.model_construct(at=at, value=value)
    return None


def days(points: Sequence[Point]) -> list[date]:
    """The distinct days of some readings, in order."""
    return list(dict.fromkeys(p.at for p in points))
