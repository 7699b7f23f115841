"""What the previous review saw: readings recorded by the time it was saved, dated up to
its day; everything else is news for the next note, whatever day it is dated."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from okrtui.core.models import Point
from okrtui.core.review_since import (
    PreviousReview,
    StoredReading,
    compared_day,
    latest_seen,
    seen,
    split_seen,
)

MONDAY = date(2026, 11, 16)  # the previous review's week
SAVED = datetime(2026, 11, 16, 9, 40, tzinfo=UTC)
START = datetime(2026, 11, 1, tzinfo=UTC)  # the first recording of a generated history


def review(saved_at: datetime = SAVED, day: date = MONDAY) -> PreviousReview:
    return PreviousReview(week=MONDAY, day=day, saved_at=saved_at)


# One recording: the day it is for (from Nov 1), its value, and when it was recorded
# (minutes after START). A history is replayed in the order recorded, as the store
# keeps it: each recording supersedes the current value of its day.
RECORDINGS = st.lists(st.tuples(st.integers(0, 25), st.integers(0, 9),
                                st.integers(0, 40 * 24 * 60)), max_size=30)
MOMENTS = st.integers(0, 40 * 24 * 60).map(lambda m: START + timedelta(minutes=m))
DAYS = st.integers(0, 25).map(lambda d: date(2026, 11, 1) + timedelta(days=d))


def stored(recordings: list[tuple[int, int, int]]) -> list[StoredReading]:
    """The rows the store would hold: oldest day first, each day's versions in the
    order recorded, only the last one current."""
    by_time = sorted(recordings, key=lambda r: r[2])
    rows = [(date(2026, 11, 1) + timedelta(days=d), float(v),
             START + timedelta(minutes=m), i) for i, (d, v, m) in enumerate(by_time)]
    last = {at: i for at, _, _, i in rows}
    return [(at, value, moment, last[at] == i)
            for at, value, moment, i in sorted(rows, key=lambda r: (r[0], r[3]))]


def replayed(rows: list[StoredReading], until: datetime, since: date) -> dict[date, float]:
    """The oracle: the database as it was at `until` (only what was recorded by then,
    in the order recorded), the days up to `since`."""
    state: dict[date, float] = {}
    for at, value, moment, _ in sorted(rows, key=lambda r: r[2] or START):
        if moment is None or moment <= until:
            state[at] = value
    return {at: v for at, v in sorted(state.items()) if at <= since}


@given(RECORDINGS, MOMENTS, DAYS)
def test_what_the_review_saw_is_the_database_as_it_was_when_it_was_saved(
        recordings: list[tuple[int, int, int]], saved_at: datetime, since: date) -> None:
    rows = stored(recordings)
    split = split_seen(rows, since, review(saved_at, since))
    assert dict(zip(split.dates, split.values, strict=True)) == replayed(rows, saved_at, since)
    assert split.dates == sorted(set(split.dates))  # one value a day, oldest first


@given(RECORDINGS, MOMENTS, DAYS)
def test_every_current_reading_was_seen_or_is_news_never_both(
        recordings: list[tuple[int, int, int]], saved_at: datetime, since: date) -> None:
    rows = stored(recordings)
    previous = review(saved_at, since)
    split = split_seen(rows, since, previous)
    saw = dict(zip(split.dates, split.values, strict=True))
    news = {(p.at, p.value) for p in split.unseen}
    for at, value, moment, current in rows:
        if not current:
            continue
        was_seen = seen(at, moment, since, previous)
        assert ((at, value) in news) != was_seen
        if was_seen:
            assert saw[at] == value
        # Recorded after the review was saved: news, whatever day it is dated.
        if moment is not None and moment > saved_at:
            assert (at, value) in news
    assert len(split.unseen) == len(news)  # a day's news is its current value only


@given(RECORDINGS, DAYS)
def test_without_an_earlier_review_the_week_before_is_what_was_seen(
        recordings: list[tuple[int, int, int]], since: date) -> None:
    rows = stored(recordings)
    split = split_seen(rows, since, None)
    current = [(at, v) for at, v, _, is_current in rows if is_current]
    assert list(zip(split.dates, split.values, strict=True)) == [
        (at, v) for at, v in current if at <= since]
    assert [(p.at, p.value) for p in split.unseen] == [(at, v) for at, v in current
                                                       if at > since]


@given(RECORDINGS, MOMENTS, MOMENTS, DAYS)
def test_a_review_saved_later_sees_more_and_leaves_less_news(
        recordings: list[tuple[int, int, int]], a: datetime, b: datetime, since: date) -> None:
    rows = stored(recordings)
    earlier, later = sorted([a, b])
    first = split_seen(rows, since, review(earlier, since))
    second = split_seen(rows, since, review(later, since))
    assert set(first.dates) <= set(second.dates)
    assert {(p.at, p.value) for p in second.unseen} <= {(p.at, p.value) for p in first.unseen}


@given(RECORDINGS, MOMENTS, DAYS)
def test_the_latest_value_seen_is_the_last_of_what_was_seen(
        recordings: list[tuple[int, int, int]], saved_at: datetime, since: date) -> None:
    rows = stored(recordings)
    previous = review(saved_at, since)
    split = split_seen(rows, since, previous)
    newest_first = rows[::-1]  # newest day first, each day's latest version first
    expected = Point(at=split.dates[-1], value=split.values[-1]) if split.dates else None
    assert latest_seen(newest_first, since, previous) == expected


def test_the_wednesday_reading_and_a_backdated_one_are_news_a_correction_too() -> None:
    nine = datetime(2026, 11, 16, 9, tzinfo=UTC)  # that morning, before the review
    rows: list[StoredReading] = [
        (date(2026, 11, 9), 2.0, datetime(2026, 11, 9, 9, tzinfo=UTC), False),
        (date(2026, 11, 9), 2.1, datetime(2026, 11, 17, 8, tzinfo=UTC), True),  # corrected
        (date(2026, 11, 13), 2.2, datetime(2026, 11, 19, 8, tzinfo=UTC), True),  # backdated
        (date(2026, 11, 16), 2.3, nine, True),
        (date(2026, 11, 18), 3.9, datetime(2026, 11, 18, 17, tzinfo=UTC), True),  # Wednesday
    ]
    split = split_seen(rows, MONDAY, review())
    assert list(zip(split.dates, split.values, strict=True)) == [
        (date(2026, 11, 9), 2.0), (date(2026, 11, 16), 2.3)]
    assert [(p.at, p.value) for p in split.unseen] == [
        (date(2026, 11, 9), 2.1), (date(2026, 11, 13), 2.2), (date(2026, 11, 18), 3.9)]


def test_moments_in_other_zones_and_without_a_zone_compare_as_utc() -> None:
    paris = timezone(timedelta(hours=1))
    previous = review(datetime(2026, 11, 16, 10, 40, tzinfo=paris))  # 09:40 UTC
    assert seen(MONDAY, datetime(2026, 11, 16, 9, 40), MONDAY, previous)  # naive: UTC
    assert not seen(MONDAY, datetime(2026, 11, 16, 9, 41, tzinfo=UTC), MONDAY, previous)
    assert not seen(MONDAY + timedelta(days=1), None, MONDAY, previous)  # after its day
    assert previous.words() == "the review of 2026-11-16 (saved 2026-11-16 09:40 UTC)"
    edited = PreviousReview(MONDAY, MONDAY, SAVED, edited=True)
    assert edited.words() == "the review of 2026-11-16 (first saved 2026-11-16 09:40 UTC)"


def test_the_compared_day_is_the_previous_reviews_or_the_day_before_the_week() -> None:
    week = MONDAY + timedelta(weeks=1)
    assert compared_day(week, week + timedelta(days=6), None) == week - timedelta(days=1)
    assert compared_day(week, week, review()) == MONDAY
    late = review(datetime(2026, 11, 25, 9, tzinfo=UTC), day=MONDAY + timedelta(days=6))
    assert compared_day(week, week + timedelta(days=2), late) == MONDAY + timedelta(days=6)
