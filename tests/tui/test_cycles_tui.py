"""Cycles by keys at 80×24: a named release and fiscal quarters in the OKR pane."""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path

from okrtui.core.models import KeyResult, Metric, Objective
from okrtui.store.database import open_database
from okrtui.store.repository import Repository
from okrtui.tui.app import OkrApp
from tests.tui.helpers import screen_text

TODAY = date(2026, 11, 23)


def _run(path: Path, scenario) -> None:  # noqa: ANN001
    async def main() -> None:
        app = OkrApp(Repository(open_database(path), "tester"), TODAY, where="test")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await scenario(pilot, app)

    asyncio.run(main())


def test_a_release_cycle_is_shown_while_it_runs_and_brackets_step_past_it(
        tmp_path: Path) -> None:
    path = tmp_path / "release.db"
    repo = Repository(open_database(path), "seed")
    release = repo.cycles.add("release 3.2", date(2026, 11, 2), date(2027, 1, 20))
    bugs = repo.add_metric(Metric(name="Open bugs", direction="lower"))
    objective = repo.okrs.add_objective(Objective(quarter=release.name, title="A calm release"))
    repo.okrs.add_key_result(KeyResult(
        objective_id=objective.id or 0, metric_id=bugs.id or 0, statement="Cut open bugs",
        baseline=80, target=20, start=release.start, due=release.end))
    repo.db.close()

    async def scenario(pilot, app) -> None:  # noqa: ANN001
        text = screen_text(app)
        assert "This cycle's OKRs · release 3.2 · week 4 of 11" in text
        assert "A calm release" in text
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert "OKRs · 2026-Q4 (current quarter)" in screen_text(app)
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert "OKRs · 2027-Q1 (next quarter)" in screen_text(app)
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert "release 3.2" in screen_text(app)

    _run(path, scenario)


def test_fiscal_quarters_name_the_pane(tmp_path: Path) -> None:
    path = tmp_path / "fiscal.db"
    repo = Repository(open_database(path), "seed")
    repo.cycles.set_first_month(2)
    repo.db.close()

    async def scenario(pilot, app) -> None:  # noqa: ANN001
        assert "This quarter's OKRs · FY27-Q4 · week 4 of 13" in screen_text(app)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert "OKRs · FY28-Q1 (next quarter)" in screen_text(app)

    _run(path, scenario)
