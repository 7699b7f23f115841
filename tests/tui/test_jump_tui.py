"""Jump anywhere at 80×24: `:` opens the picker, a few letters name a cycle, a key
result or a KPI, enter goes there; the palette offers it too."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from okrtui.core.models import KeyResult, Metric, Objective
from okrtui.store.database import open_database
from okrtui.store.repository import Repository
from tests.tui.helpers import run_app, screen_text, type_text


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """Six KPIs and key results in three quarters (2019-Q2, 2025-Q1, today's 2026-Q4)."""
    path = tmp_path / "jump.db"
    repo = Repository(open_database(path), "seed")
    metrics = [repo.add_metric(Metric(name=name)) for name in (
        "Monthly churn rate", "Signups", "Open bugs", "Latency p95", "NPS", "Uptime")]
    plan = [("2019-Q2", date(2019, 4, 1), date(2019, 6, 30), ["Old goal A", "Old goal B"]),
            ("2025-Q1", date(2025, 1, 1), date(2025, 3, 31),
             ["Reach 100 customers", "Ship v2", "Halve support load"]),
            ("2026-Q4", date(2026, 10, 1), date(2026, 12, 31), ["Cut churn", "Grow signups"])]
    for cycle, start, due, statements in plan:
        objective = repo.okrs.add_objective(Objective(quarter=cycle, title=f"Goals of {cycle}"))
        for metric, statement in zip(metrics, statements, strict=False):
            repo.okrs.add_key_result(KeyResult(
                objective_id=objective.id or 0, metric_id=metric.id or 0, statement=statement,
                baseline=5, target=2, start=start, due=due))
    repo.db.close()
    return path


async def _jump(pilot, text: str) -> None:  # noqa: ANN001
    await pilot.press("colon")
    await pilot.pause()
    await type_text(pilot, text)
    await pilot.pause()


def test_colon_jumps_to_a_cycle_by_its_name(path: Path) -> None:
    async def scenario(pilot, app) -> None:  # noqa: ANN001
        assert "2026-Q4" in screen_text(app)
        await _jump(pilot, "2019-q2")
        shown = screen_text(app)
        assert "Jump to a cycle, a KPI or a key result" in shown
        assert "2019-Q2  quarter · 1 objective" in shown
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "OKRs · 2019-Q2 (past quarter)" in text
        assert "Old goal A" in text and "Cut churn" not in text
        assert str(app.ctx.quarter) == "2019-Q2"

    run_app(path, scenario)


def test_a_key_result_by_its_id_switches_the_cycle_and_puts_the_cursor_on_it(path: Path) -> None:
    async def scenario(pilot, app) -> None:  # noqa: ANN001
        await _jump(pilot, "KR5")
        assert "KR5 Halve support load · 2025-Q1" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "OKRs · 2025-Q1 (past quarter)" in text
        assert "Halve support load" in text
        assert app.dashboard.okrs.selected_key_result_id == 5
        assert app.focused is app.dashboard.okrs.table
        # The keys go on from there: enter opens the key result under the cursor.
        await pilot.press("enter")
        await pilot.pause()
        assert "Halve support load" in screen_text(app)
        assert app.screen.__class__.__name__ == "KeyResultScreen"

    run_app(path, scenario)


def test_a_kpi_by_part_of_its_name_and_no_match_says_so(path: Path) -> None:
    async def scenario(pilot, app) -> None:  # noqa: ANN001
        await _jump(pilot, "latency")
        assert "KPI Latency p95" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        selected = app.dashboard.kpis.selected
        assert selected is not None and selected.name == "Latency p95"
        await _jump(pilot, "zzqx")
        text = screen_text(app)
        assert "Nothing matches 'zzqx'" in text
        await pilot.press("enter")  # nothing to go to: the picker stays
        await pilot.pause()
        assert "Nothing matches 'zzqx'" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "Jump to a cycle" not in screen_text(app)
        assert str(app.ctx.quarter) == "2026-Q4"

    run_app(path, scenario)


def test_the_palette_offers_the_jump_and_a_quarter_without_objectives(path: Path) -> None:
    async def scenario(pilot, app) -> None:  # noqa: ANN001
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "jump to")
        await pilot.pause(0.3)
        assert "Jump to a cycle, KPI or key result" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        await type_text(pilot, "2021-q3")
        await pilot.pause()
        assert "2021-Q3  quarter · 0 objectives" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert "OKRs · 2021-Q3 (past quarter)" in screen_text(app)

    run_app(path, scenario)


def test_a_key_result_outside_the_scope_shown_widens_it_and_the_help_lists_the_key(
        path: Path) -> None:
    async def scenario(pilot, app) -> None:  # noqa: ANN001
        await pilot.press("f")  # mine: the tester owns nothing
        await pilot.pause()
        assert app.ctx.scope.owner == "tester"
        await _jump(pilot, "support load")
        await pilot.press("enter")
        await pilot.pause()
        assert app.ctx.scope.owner == "" and app.ctx.scope.team == ""
        assert app.dashboard.okrs.selected_key_result_id == 5
        assert "KR5 · 2025-Q1" in screen_text(app)
        await pilot.press("question_mark")
        await pilot.pause()
        assert ":   Jump" in screen_text(app) or ": Jump" in " ".join(screen_text(app).split())

    run_app(path, scenario)
