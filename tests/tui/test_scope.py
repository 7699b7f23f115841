"""f narrows the dashboard to my KPIs and OKRs, then a team's, then everyone's again."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.pilot import Pilot

from okrtui.core.models import KeyResult, Metric, Objective
from okrtui.core.people import Scope, scopes
from okrtui.store.database import open_database
from okrtui.store.repository import Repository
from okrtui.tui.app import OkrApp
from tests.tui.helpers import TODAY, run_app, screen_text


def test_scopes_cycle_and_filter() -> None:
    assert [s.label() for s in scopes("maria", ["growth", "", "Growth ", "ops"])] == [
        "everyone", "mine (maria)", "team growth", "team ops"]
    assert Scope(owner="MARIA")._is("maria", "")  # owners are matched case-insensitively


def test_f_shows_mine_then_a_teams_then_everyones(tmp_path: Path) -> None:
    path = tmp_path / "team.db"
    repo = Repository(open_database(path), "seed")
    mine = repo.add_metric(Metric(name="My churn", owner="tester", range_max=3))
    repo.add_metric(Metric(name="Ops uptime", owner="lee", team="ops", range_min=99))
    repo.record_reading(mine, TODAY, 2, today=TODAY)
    o = repo.okrs.add_objective(Objective(quarter="2026-Q4", title="Ops calm", owner="lee",
                                          team="ops"))
    repo.okrs.add_key_result(KeyResult(
        objective_id=o.id or 0, metric_id=mine.id or 0, statement="Cut my churn to 1",
        baseline=2, target=1, start=date(2026, 10, 1), due=date(2026, 12, 31),
        owner="tester"))
    repo.db.close()

    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        text = screen_text(app)
        assert "My churn" in text and "Ops uptime" in text
        await pilot.press("f")  # mine
        await pilot.pause()
        text = screen_text(app)
        assert "My churn" in text and "Ops uptime" not in text
        assert "mine (tester)" in text and "Cut my churn to 1" in text  # my KR, their objective
        await pilot.press("f")  # team ops
        await pilot.pause()
        text = screen_text(app)
        assert "Ops uptime" in text and "My churn" not in text and "team ops" in text
        await pilot.press("f")  # everyone again
        await pilot.pause()
        text = screen_text(app)
        assert "My churn" in text and "Ops uptime" in text

    run_app(path, scenario)
