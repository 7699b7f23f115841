"""Calibration in the dashboard: `C` lists the team's and each owner's; the close flow
shows the owner's line beside the grade and notes a success that never signalled; a form
planning a cycle not yet started shows the calibration line."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from textual.pilot import Pilot

from okrtui.core.models import KeyResult, Metric, Objective
from okrtui.core.periods import Quarter
from okrtui.store.database import open_database
from okrtui.store.repository import Repository
from okrtui.tui.app import OkrApp
from okrtui.tui.screens.calibration import CalibrationScreen
from okrtui.tui.screens.dashboard import DashboardScreen
from okrtui.tui.widgets.grade_dialog import GradeDialog
from okrtui.tui.widgets.okr_forms import OkrForm
from tests.cli.test_calibration_cli import _history
from tests.tui.helpers import TODAY, run_app, screen_text

SAM = "sam's 8/10s ended at 0.30 on average: 4 graded key results over 2 cycles"


def _seed(path: Path) -> Repository:
    repo = Repository(open_database(path), "seed")
    _history(repo)  # 2026-Q2 and Q3 closed; 2026-Q4 has sam's key result, graded 1.0
    return repo


def test_c_lists_the_teams_and_each_owners_calibration(tmp_path: Path) -> None:
    path = tmp_path / "calibration.db"
    _seed(path).close()

    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        await pilot.press("C")
        await pilot.pause()
        assert isinstance(app.screen, CalibrationScreen)
        text = screen_text(app)
        assert "Confidence calibration · closed cycles" in text
        assert "Team" in text and SAM in text
        assert "kim's confidences: too short to tell" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)

    run_app(path, scenario)


def test_closing_shows_the_owners_line_and_notes_a_success_that_never_signalled(
        tmp_path: Path) -> None:
    path = tmp_path / "close.db"
    repo = _seed(path)
    steady = repo.get_metric("Signups 2026-Q4 0")
    for week in range(20):  # steady around 10 through the cycle: no signal
        repo.record_reading(steady, TODAY - timedelta(weeks=19 - week), 10 + (week % 3) * 0.5,
                            today=TODAY)
    repo.close()

    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        await pilot.press("Z")
        await pilot.pause()
        assert isinstance(app.screen, GradeDialog)
        text = " ".join(screen_text(app).split())
        assert "Calibration · sam's 8/10s ended at 0.30 on average" in text
        await pilot.press("enter")  # the grade as it is (1.0)
        await pilot.pause()
        await pilot.press("enter")  # the reflection
        await pilot.pause()
        text = " ".join(screen_text(app).replace("│", " ").split())
        assert "Close 2026-Q4" in text
        assert "was graded a success (1.00), but Signups 2026-Q4 0 showed no signal" in text

    run_app(path, scenario)


def test_planning_a_cycle_not_yet_started_shows_the_calibration_line(tmp_path: Path) -> None:
    path = tmp_path / "plan.db"
    repo = _seed(path)
    nxt = Quarter(2027, 1)
    objective = repo.okrs.add_objective(Objective(quarter=str(nxt), title="Grow", owner="sam"))
    repo.okrs.add_key_result(KeyResult(
        objective_id=objective.id or 0, metric_id=repo.add_metric(Metric(name="Leads")).id or 0,
        statement="Double leads", baseline=10, target=20, start=nxt.start, due=nxt.end,
        owner="sam"), [])
    repo.close()

    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        await pilot.press("A")  # today's cycle: no calibration line
        await pilot.pause()
        assert isinstance(app.screen, OkrForm)
        assert "Calibration ·" not in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("right_square_bracket")  # the next cycle, being planned
        await pilot.pause()
        await pilot.press("A")
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert "Calibration · tester's confidences: too short to tell" in text

    run_app(path, scenario)
