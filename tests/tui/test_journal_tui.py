"""The journal and the weekly review, by keys, checked on screen and in the database."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot

from okrtui.core.models import KeyResult, Metric, Objective
from okrtui.store.database import open_database
from okrtui.store.repository import Repository
from okrtui.tui.app import OkrApp
from okrtui.tui.screens.dashboard import DashboardScreen
from okrtui.tui.screens.entry_editor import EntryEditor
from tests.tui.conftest import reopen
from tests.tui.helpers import TODAY, run_app, screen_text, type_text

LAST_WEEK = TODAY - timedelta(weeks=1)  # TODAY is a Monday


@pytest.fixture
def team_db(tmp_path: Path) -> Path:
    """8 weekly KPIs and 6 key results, all last recorded a week ago: nothing to change."""
    path = tmp_path / "team.db"
    repo = Repository(open_database(path), "seed")
    for i in range(8):
        m = repo.add_metric(Metric(name=f"KPI {i}", range_min=0))
        for week in range(10, 0, -1):
            repo.record_reading(m, TODAY - timedelta(weeks=week), 10 + week % 2, today=TODAY)
    for o in range(2):
        objective = repo.okrs.add_objective(Objective(quarter="2026-Q4", title=f"Goal {o}",
                                                      owner="sam"))
        for k in range(3):
            m = repo.add_metric(Metric(name=f"Moved {o}{k}", watched=False))
            kr = repo.okrs.add_key_result(KeyResult(
                objective_id=objective.id or 0, metric_id=m.id or 0,
                statement=f"Lift moved {o}{k} from 1 to 10", baseline=1, target=10,
                start=TODAY.replace(month=10, day=1), due=TODAY.replace(month=12, day=31),
                owner="sam"))
            repo.okrs.check_in(kr, 4, today=TODAY, at=LAST_WEEK, confidence=7)
    repo.journal.save_review("# Last week\n\n## What to test next\n\n- Call two customers\n",
                             LAST_WEEK, TODAY)
    repo.db.close()
    return path


class Keys:
    """Presses keys and counts them, as the review's key budget is about keys."""

    def __init__(self, pilot: Pilot[int]) -> None:
        self.pilot = pilot
        self.count = 0

    async def press(self, *keys: str) -> None:
        for key in keys:
            self.count += 1
            await self.pilot.press(key)
        await self.pilot.pause()


def test_a_review_with_nothing_to_change_takes_few_keys_and_leaves_a_note(team_db: Path) -> None:
    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        keys = Keys(pilot)
        await keys.press("W")
        assert "Weekly review · 2026-11-23 · KPI 1 of 8" in screen_text(app)
        assert "healthy · noise" in screen_text(app)  # status and signal as you go
        for _ in range(8):
            await keys.press("ctrl+n")  # no change
        assert "KR 1 of 6" in screen_text(app)
        for _ in range(6):
            await keys.press("ctrl+n")
        text = screen_text(app)
        assert "next test 1 of 1" in text and "Call two customers" in text
        await keys.press("enter")  # "not done" is the default answer
        assert isinstance(app.screen, EntryEditor)
        text = screen_text(app)
        assert "## What to test next" in text and "8 reading(s), 6 check-in(s)" in text
        await keys.press("ctrl+s")
        assert isinstance(app.screen, DashboardScreen)
        assert "Review of 2026-11-23 saved" in screen_text(app)
        assert "Weekly review, week of 2026-11-23" in screen_text(app)  # in the journal pane
        assert keys.count <= 40, keys.count

    run_app(team_db, scenario)
    repo = reopen(team_db)
    week = TODAY.isoformat()
    assert repo.db.execute("SELECT count(*) FROM reading WHERE at = ?", [week]).fetchone()[0] \
        == 8 + 6
    assert repo.db.execute("SELECT count(*) FROM check_in").fetchone()[0] == 12
    (review, _) = repo.journal.entries(kind="review")
    assert review.week == TODAY and "## Why it matters" in review.body
    (carried,) = repo.journal.tests_to_review(TODAY + timedelta(weeks=1))
    assert carried.text == "Call two customers" and carried.status == "not-done"


def test_the_review_skips_a_kpi_whose_source_delivered_this_week(team_db: Path) -> None:
    """KPI 0's source delivered on Monday a weekly export whose last row is last Friday's:
    nobody has a value to add, so the review's first step leaves it out."""
    from okrtui.core.models import Point
    from okrtui.core.sources import Fetched, SourceSpec

    repo = reopen(team_db)
    metric = repo.get_metric("KPI 0")
    source = repo.sources.add(metric, SourceSpec(kind="csv", csv_path="/x.csv", column="v",
                                                 date_column="week"),
                              None, account="seed", uid=0, signature="")
    friday = TODAY - timedelta(days=3)
    repo.sources.record_value(source, TODAY, Fetched(history=(Point(at=friday, value=12),)))
    repo.close()

    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        await pilot.press("W")
        await pilot.pause()
        text = screen_text(app)
        assert "KPI 1 of 7" in text and "KPI 0" not in text

    run_app(team_db, scenario)


def test_an_entry_is_written_kept_as_a_draft_edited_and_found(team_db: Path) -> None:
    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        await pilot.press("w")  # about the KPI under the cursor
        await pilot.pause()
        assert "New journal entry" in screen_text(app) and "KPI 0" in screen_text(app)
        await type_text(pilot, "Decided [b]not[/b] to")
        await pilot.press("escape")  # closes and keeps a draft
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert "draft from" in screen_text(app)
        await type_text(pilot, " raise prices")
        await pilot.press("shift+tab", "shift+tab", "shift+tab", "right")  # kind: decision
        await pilot.press("ctrl+s")
        await pilot.pause()
        text = screen_text(app)
        assert "decision" in text and "Decided [b]not[/b] to raise prices" in text
        await pilot.press("tab", "tab")  # to the journal pane
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EntryEditor)
        await pilot.press("end")
        await type_text(pilot, " this year")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        await type_text(pilot, "KPI 0")
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "search: KPI 0" in text and "1 of 2 entries" in text
        await pilot.press("escape")
        await pilot.pause()
        assert "2 entries" in screen_text(app)

    run_app(team_db, scenario)
    repo = reopen(team_db)
    (entry,) = repo.journal.entries(kind="decision")
    assert entry.body == "Decided [b]not[/b] to raise prices this year"
    assert repo.journal.link_text(entry.links) == "KPI 0"
    assert repo.journal.draft() is None


def test_a_bad_link_keeps_the_editor_open_and_saves_nothing(team_db: Path) -> None:
    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        await pilot.press("w")
        await pilot.pause()
        await type_text(pilot, "About nothing")
        await pilot.press("shift+tab")  # to About
        await pilot.press("ctrl+u")
        await type_text(pilot, "KR99")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EntryEditor)
        assert "no key result with id 99" in screen_text(app)
        await pilot.press("ctrl+d", "y")  # discard, after a yes
        await pilot.pause()

    run_app(team_db, scenario)
    repo = reopen(team_db)
    assert repo.journal.entries(kind="note") == [] and repo.journal.draft() is None


def test_a_full_review_on_the_demo_data(demo_db: Path) -> None:
    path = demo_db

    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        await pilot.press("W")
        await pilot.pause()
        text = screen_text(app)
        assert "KPI 1 of 1" in text and "Repeat contact rate" in text and "stale" in text
        await pilot.press("ctrl+u")
        await type_text(pilot, "10.5")
        await pilot.press("enter")  # a real value this time
        await pilot.pause()
        assert "next test 1 of 2" in screen_text(app)
        await pilot.press("left", "tab")  # done
        await type_text(pilot, "4 of 10 opened it")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("right", "enter")  # dropped
        await pilot.pause()
        assert isinstance(app.screen, EntryEditor)
        await pilot.press("end")
        await type_text(pilot, "- Try the checklist on day 1")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)

    run_app(path, scenario)
    repo = reopen(path)
    metric = repo.get_metric("Repeat contact rate")
    assert repo.current_points(metric.id or 0, limit=1)[-1].value == 10.5
    review = repo.journal.review_for(TODAY)
    assert review is not None and "## What changed" in review.body
    assert "Repeat contact rate" in repo.journal.link_text(review.links)
    answered = {t.text: (t.status, t.learnt) for t in repo.journal.tests_resolved_in(TODAY)}
    assert answered == {"Email new sign-ups a checklist on day 2": ("done", "4 of 10 opened it"),
                        "Ask lee what moved latency after the CDN change": ("dropped", "")}
    assert "Try the checklist on day 1" in [t.text for t in repo.journal.tests_of(TODAY)]


def test_the_review_note_shows_the_wednesday_reading_after_last_mondays_review(
        tmp_path: Path) -> None:
    """Last Monday's review saved at 09:40; on Wednesday churn left its range and came
    back. This Monday's review, by keys, writes a note that says so, with the day."""
    from datetime import UTC, datetime

    from textual.widgets import TextArea

    path = tmp_path / "wednesday.db"
    repo = Repository(open_database(path), "seed")
    churn = repo.add_metric(Metric(name="Churn", unit="%", direction="lower", range_max=3))
    for weeks in range(12, 0, -1):
        day = TODAY - timedelta(weeks=weeks)
        repo.record_reading(churn, day, 2.0 + weeks % 2 / 5, today=day,
                            recorded_at=datetime(day.year, day.month, day.day, 9, tzinfo=UTC))
    repo.journal.save_review("# Weekly review\n", LAST_WEEK, LAST_WEEK,
                             saved_at=datetime(2026, 11, 16, 9, 40, tzinfo=UTC))
    wednesday = LAST_WEEK + timedelta(days=2)
    repo.record_reading(churn, wednesday, 3.9, today=wednesday,
                        recorded_at=datetime(2026, 11, 18, 14, tzinfo=UTC))
    repo.db.close()
    line = ("Churn was outside its healthy range (≤ 3%) since the last review: 3.9% on "
            "2026-11-18; back in it: 2.1% on 2026-11-23.")

    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        await pilot.press("W")
        await pilot.pause()
        assert "KPI 1 of 1" in screen_text(app) and "Churn" in screen_text(app)
        await pilot.press("ctrl+u")
        await type_text(pilot, "2.1")
        await pilot.press("enter")  # this Monday's reading, back in range
        await pilot.pause()
        assert isinstance(app.screen, EntryEditor)
        assert "Find why Churn" not in screen_text(app)  # the end of the note: its tests
        await pilot.press("pageup", "pageup")  # its top: what it compares with, what changed
        await pilot.pause()
        # The editor wraps long lines inside its border and beside its scroll bar: read
        # the words back as one line, without the drawing (block elements U+2580-U+259F).
        text = " ".join(re.sub("[\u2580-\u259f]", " ", screen_text(app)).split())
        assert "Compared with the review of 2026-11-16 (saved 2026-11-16 09:40 UTC)" in text
        assert line in text
        assert line in app.screen.query_one(TextArea).text
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)

    run_app(path, scenario)
    review = reopen(path).journal.review_for(TODAY)
    assert review is not None and f"- {line}" in review.body
