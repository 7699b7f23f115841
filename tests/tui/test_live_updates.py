"""What others record appears on an open dashboard without moving the cursor."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from okrtui.tui.app import OkrApp
from okrtui.tui.widgets.reading_dialog import ReadingDialog
from tests.tui.conftest import reopen
from tests.tui.helpers import TODAY, run_app, screen_text, type_text


async def wait_for_text(pilot: Pilot[int], app: OkrApp, text: str, rounds: int = 100) -> None:
    """Let the app run (it polls every 50 ms here) until `text` is on screen."""
    for _ in range(rounds):
        if text in screen_text(app):
            return
        await pilot.pause(0.02)
    raise AssertionError(f"{text!r} never appeared:\n{screen_text(app)}")


def test_a_reading_from_another_process_appears_and_the_cursor_stays(kpi_db: Path) -> None:
    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        await pilot.press("j")  # on Uptime
        other = reopen(kpi_db)
        churn = other.get_metric("Churn")
        other.record_reading(churn, TODAY, 1.5, today=TODAY, source="cli")
        await wait_for_text(pilot, app, "1.5%")
        assert app.dashboard.kpis.selected.name == "Uptime"

    run_app(kpi_db, scenario, poll_seconds=0.05)


def test_a_dialog_being_filled_in_is_left_alone(kpi_db: Path) -> None:
    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        await pilot.press("r")
        await type_text(pilot, "2.9")
        other = reopen(kpi_db)
        other.record_reading(other.get_metric("Uptime"), TODAY, 98.0, today=TODAY)
        for _ in range(100):  # the dashboard behind the dialog catches up
            values = [h.latest.value for h in app.dashboard.kpis.rows if h.latest]
            if 98.0 in values:
                break
            await pilot.pause(0.02)
        assert 98.0 in values
        assert isinstance(app.screen, ReadingDialog)
        assert app.screen.query_one("#value").value == "2.9"

    run_app(kpi_db, scenario, poll_seconds=0.05)
