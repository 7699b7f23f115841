"""People's text is shown exactly as typed and never acted on."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from okrtui.core.models import Metric
from okrtui.store.database import open_database
from okrtui.store.repository import Repository
from okrtui.tui.app import OkrApp
from okrtui.tui.screens.metric_detail import MetricScreen
from tests.tui.conftest import reopen
from tests.tui.helpers import TODAY, run_app, screen_text, type_text

HOSTILE_NAME = "[@click=app.quit]Churn[/]"
HOSTILE_NOTE = "[link=file:///etc/passwd]see[/link] \x1b]0;pwned\x07 [bold]x[/]\x9b2J"


def test_markup_and_control_codes_show_literally_and_do_nothing(tmp_path: Path) -> None:
    path = tmp_path / "hostile.db"
    repo = Repository(open_database(path), "seed")
    metric = repo.add_metric(Metric(name=HOSTILE_NAME, unit="[red]%", owner="[b]eve[/b]"))
    repo.record_reading(metric, TODAY, 2.5, today=TODAY, note=HOSTILE_NOTE)
    repo.db.close()

    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        text = screen_text(app)
        assert HOSTILE_NAME in text
        await pilot.click("#kpi-list", offset=(20, 1))  # a click on the name runs nothing
        await pilot.pause()
        assert app.is_running
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MetricScreen)
        text = screen_text(app)
        assert "[link=file:///etc/passwd]see[/link]" in text
        assert "[bold]x[/]" in text and "␛]0;pwned␇" in text
        assert "\x1b" not in text and "\x9b" not in text and "\x07" not in text
        # A reading typed with markup in its note is stored as typed.
        await pilot.press("r")
        await pilot.press("tab", "tab")
        await type_text(pilot, "[i]typed[/i]")
        await pilot.press("enter")
        await pilot.pause()
        assert "[i]typed[/i]" in screen_text(app)

    run_app(path, scenario, size=(160, 40))
    notes = [r.note for r in reopen(path).history(1)]
    assert "[i]typed[/i]" in notes


def test_backdated_reading_from_the_dialog_keeps_its_date(tmp_path: Path) -> None:
    path = tmp_path / "backdate.db"
    Repository(open_database(path), "seed").add_metric(Metric(name="NPS", cadence="monthly"))

    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        await pilot.press("r")
        await type_text(pilot, "41")
        await pilot.press("tab")
        await type_text(pilot, "2024-02-29")
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "… stale" in text and "41" in text  # an old reading is stale today

    run_app(path, scenario)
    reading = reopen(path).history(1)[0]
    assert (reading.at.isoformat(), reading.value) == ("2024-02-29", 41.0)
