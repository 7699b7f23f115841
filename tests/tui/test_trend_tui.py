"""`t` in the KPI detail view: the trailing view (6 weeks | 12 months, week and year over
year, range and limits) in place of the chart and the history, readable at 80×24, in
words and plain symbols; `t` again brings the history back."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot

from okrtui.core.models import Metric
from okrtui.core.symbols import use_ascii
from okrtui.settings import parse_settings
from okrtui.store.database import open_database
from okrtui.store.repository import Repository
from okrtui.tui.app import OkrApp
from okrtui.tui.screens.metric_detail import MetricScreen
from tests.tui.helpers import TODAY, run_app, screen_text, type_text


def squeezed(app: OkrApp) -> str:
    """The screen with runs of spaces as one: what is said, not how it is aligned."""
    return re.sub(" +", " ", screen_text(app))


@pytest.fixture(autouse=True)
def unicode_afterwards() -> Iterator[None]:
    yield
    use_ascii(False)  # leave the next test Unicode


def test_t_swaps_the_history_for_the_trailing_view_and_back(demo_db: Path) -> None:
    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        await pilot.press("j", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MetricScreen)
        before = screen_text(app)
        assert "History:" in before and "t: trailing view" in before
        await pilot.press("t")
        await pilot.pause()
        text = screen_text(app)
        assert "API p95 latency · trailing view · t: back to the history" in text
        assert "Last 6 weeks" in text and "Last 12 months" in text
        assert "2026-11-23  366 ms  11-23      2026-11  366 ms  11-23" in text
        assert "2025-12  293 ms  12-29" in text  # the twelfth month: all on screen
        assert "Week over week: -3 (-0.8%): 366 ms on 2026-11-23 vs 369 ms on 2026-11-16" in text
        assert "Year over year: +44 (+13.7%)" in text
        assert "Healthy range ≤ 400 · limits 237 ms–363 ms · centre 300 ms" in text
        assert "History:" not in text and "upper 363" not in text
        await pilot.press("t")
        await pilot.pause()
        assert screen_text(app) == before  # the detail view as it was

    run_app(demo_db, scenario)


def test_the_trailing_view_is_plain_ascii_and_names_gaps_in_words(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OKRTUI_ASCII", "1")
    path = tmp_path / "gaps.db"
    repo = Repository(open_database(path), "seed")
    churn = repo.add_metric(Metric(name="Churn", unit="%", range_max=3, direction="lower"))
    for weeks in (0, 2, 3):
        repo.record_reading(churn, TODAY - timedelta(weeks=weeks), 2.5 + weeks / 10,
                            today=TODAY)
    repo.close()

    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        await pilot.press("enter", "t")
        await pilot.pause()
        text = squeezed(app)
        assert {c for c in text if not c.isascii()} == set(), text
        assert "2026-11-16 -- no reading" in text
        assert "Week over week: no reading last week" in text
        assert "Year over year: no reading a year ago" in text
        assert "Healthy range <= 3% - no limits yet (too few readings)" in text

    try:
        run_app(path, scenario)
    finally:
        use_ascii(False)


def test_weeks_start_on_the_settings_day(tmp_path: Path) -> None:
    path = tmp_path / "sunday.db"
    repo = Repository(open_database(path), "seed")
    signups = repo.add_metric(Metric(name="Signups"))
    repo.record_reading(signups, TODAY - timedelta(days=1), 40, today=TODAY)  # a Sunday
    repo.record_reading(signups, TODAY, 42, today=TODAY)
    repo.close()

    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        await pilot.press("enter", "t")
        await pilot.pause()
        text = squeezed(app)
        # One Sunday-to-Saturday week holds both readings: the later one counts.
        assert "2026-11-22 42 11-23" in text
        assert "Week over week: no reading last week" in text

    run_app(path, scenario, settings=parse_settings('week_starts = "sunday"\n', None))


def test_ten_years_of_weekly_readings_stay_fast(tmp_path: Path) -> None:
    path = tmp_path / "decade.db"
    repo = Repository(open_database(path), "seed")
    uptime = repo.add_metric(Metric(name="Uptime", unit="%"))
    for week in range(520):
        repo.record_reading(uptime, TODAY - timedelta(weeks=week), 99 + (week % 7) / 10,
                            today=TODAY)
    repo.close()

    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        await pilot.press("enter")
        await pilot.pause()
        started = time.perf_counter()
        await pilot.press("t")
        await pilot.pause()
        took = time.perf_counter() - started
        assert "Year over year: -0.3 (-0.3%): 99% on 2026-11-23 vs 99.3% on 2025-11-24" \
            in screen_text(app)
        assert took < 1.0, took

    run_app(path, scenario)


def test_a_reading_recorded_in_the_trailing_view_shows_in_it(tmp_path: Path) -> None:
    path = tmp_path / "record.db"
    repo = Repository(open_database(path), "seed")
    signups = repo.add_metric(Metric(name="Signups"))
    repo.record_reading(signups, TODAY - timedelta(weeks=1), 40, today=TODAY, note="old")
    repo.close()

    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        await pilot.press("enter", "t")
        await pilot.pause()
        assert "Week over week: no reading this week" in squeezed(app)
        await pilot.press("r")
        await type_text(pilot, "50")
        await pilot.press("tab", "tab")
        await type_text(pilot, "launch week")
        await pilot.press("enter")
        await pilot.pause()
        text = squeezed(app)
        assert "Week over week: +10 (+25.0%): 50 on 2026-11-23 vs 40 on 2026-11-16" in text
        assert "launch week" not in text and "History:" not in text  # still the view

    run_app(path, scenario)
