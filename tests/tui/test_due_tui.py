"""`d` in the dashboard: what the account at the keyboard owes this week's review, the
same list as `okrtui due --owner ME`, and with `a` everyone's."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from textual.pilot import Pilot

from okrtui.core.models import Metric
from okrtui.core.sources import SourceSpec
from okrtui.store.database import open_database
from okrtui.store.repository import Repository
from okrtui.tui.app import OkrApp
from okrtui.tui.screens.dashboard import DashboardScreen
from okrtui.tui.screens.due import DueScreen
from tests.tui.helpers import TODAY, run_app, screen_text


def test_d_lists_what_i_owe_and_a_shows_everyone_s(tmp_path: Path) -> None:
    path = tmp_path / "due.db"
    repo = Repository(open_database(path), "seed")
    mine = repo.add_metric(Metric(name="Signups", owner="tester"))
    repo.record_reading(mine, TODAY - timedelta(weeks=2), 5, today=TODAY)
    repo.add_metric(Metric(name="Latency", owner="li"))
    fed = repo.add_metric(Metric(name="NPS", owner="Tester"))  # owners match in any case
    source = repo.sources.add(fed, SourceSpec(kind="url", url="http://x/nps"), None,
                              account="seed", uid=0, signature="")
    repo.sources.record_failure(source, TODAY - timedelta(days=2), "[bold]HTTP 503[/]")
    repo.close()

    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DueScreen)
        text = screen_text(app)
        assert "Due · tester · week of 2026-11-23" in text
        assert "KPI: Signups" in text and "last reading 2026-11-09" in text
        assert "source failing since 11-21: [bold]HTTP 503[/]" in text  # the words, as said
        assert "Latency" not in text
        await pilot.press("a")
        await pilot.pause()
        text = screen_text(app)
        assert "Latency" in text and "li: 1 due" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)

    run_app(path, scenario)


def test_nothing_due_says_so(tmp_path: Path) -> None:
    path = tmp_path / "due.db"
    repo = Repository(open_database(path), "seed")
    repo.record_reading(repo.add_metric(Metric(name="Signups", owner="tester")), TODAY, 5,
                        today=TODAY)
    repo.close()

    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        await pilot.press("d")
        await pilot.pause()
        assert "Nothing due for tester this week." in screen_text(app)

    run_app(path, scenario)
