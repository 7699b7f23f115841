"""`P` on the dashboard: the cycle shown goes to a real editor (a script EDITOR names), the
changes are shown before they apply, y applies them, and a broken line is shown by its
number with the text kept for another try. A real SQLite file; the app under Pilot at
80×24 (headless, so the editor runs without the app stepping aside)."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot

from okrtui.core.models import KeyResult, Metric, Objective
from okrtui.store.database import open_database
from okrtui.store.repository import Repository
from okrtui.tui.app import OkrApp
from okrtui.tui.screens.plan_diff import PlanDiffScreen
from okrtui.tui.widgets.status_line import StatusLine
from tests.tui.conftest import reopen
from tests.tui.helpers import run_app, screen_text

Q4_START, Q4_END = date(2026, 10, 1), date(2026, 12, 31)


def planned_db(path: Path) -> Path:
    repo = Repository(open_database(path), "seed")
    churn = repo.add_metric(Metric(name="Churn", unit="%", direction="lower"))
    repo.add_metric(Metric(name="Activation", unit="%"))
    objective = repo.okrs.add_objective(Objective(quarter="2026-Q4", title="Customers stay",
                                                  owner="maria"))
    repo.okrs.add_key_result(KeyResult(
        objective_id=objective.id or 0, metric_id=churn.id or 0, statement="Churn to 2.5%",
        baseline=4, target=2.5, start=Q4_START, due=Q4_END, owner="maria"))
    repo.db.close()
    return path


def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str) -> None:
    script = tmp_path / "editor.sh"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", str(script))


def status(app: OkrApp) -> str:
    return app.dashboard.query_one(StatusLine).message


def plan_rows(path: Path) -> list[tuple[str, float]]:
    repo = reopen(path)
    return [(kr.statement, kr.target) for kr in repo.okrs.key_results("2026-Q4")]


def test_p_edits_the_plan_shows_the_changes_and_applies_them_on_y(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = planned_db(tmp_path / "plan.db")
    editor(tmp_path, monkeypatch, "sed -i 's/^  target: 2.5$/  target: 2/; "
           "s/^- Churn to 2.5%/- Churn down to 2%/' \"$1\"")

    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        await pilot.press("P")
        await pilot.pause()
        assert isinstance(app.screen, PlanDiffScreen)
        text = screen_text(app)
        assert "2026-Q4: apply these changes?" in text
        assert "~ edited key result 1 'Churn down to 2%': statement Churn to 2.5% →" in text
        assert "0 added, 1 edited, 0 removed" in text
        await pilot.press("y")
        await pilot.pause()
        assert not isinstance(app.screen, PlanDiffScreen)
        assert status(app) == "applied to 2026-Q4: 0 added, 1 edited, 0 removed"
        assert "Churn down to 2%" in screen_text(app)

    run_app(path, scenario)
    assert plan_rows(path) == [("Churn down to 2%", 2.0)]


def test_a_broken_line_is_shown_by_its_number_and_e_edits_the_text_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = planned_db(tmp_path / "plan.db")
    # First save: a broken target. Second (e): the script sees its own text and fixes it.
    editor(tmp_path, monkeypatch, "if grep -q 'target: lots' \"$1\"; then "
           "sed -i 's/target: lots/target: 3/' \"$1\"; "
           "else sed -i 's/^  target: 2.5$/  target: lots/' \"$1\"; fi")

    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        await pilot.press("P")
        await pilot.pause()
        text = screen_text(app)
        assert "2026-Q4: the plan cannot be applied" in text
        assert "line 13: target: 'lots' is not a number" in text
        assert "nothing was applied" in text
        await pilot.press("y")  # nothing to apply: y does nothing here
        assert isinstance(app.screen, PlanDiffScreen)
        await pilot.press("e")
        await pilot.pause()
        await pilot.pause()
        assert "target 2.5 → 3" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert status(app) == "nothing applied to 2026-Q4"

    run_app(path, scenario)
    assert plan_rows(path) == [("Churn to 2.5%", 2.5)]


def test_saving_unchanged_says_so_and_an_unknown_metric_is_named(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = planned_db(tmp_path / "plan.db")
    editor(tmp_path, monkeypatch, "true")

    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        await pilot.press("P")
        await pilot.pause()
        assert status(app) == "no change to 2026-Q4's plan: nothing to apply"
        monkeypatch.setenv("EDITOR", "sh -c 'printf \"\\n- New one\\n  metric: Nope\\n"
                           "  target: 5\\n  baseline: 1\\n\" >> \"$1\"' editor")
        await pilot.press("P")
        await pilot.pause()
        assert "there is no metric named 'Nope'" in screen_text(app)

    run_app(path, scenario)
    assert plan_rows(path) == [("Churn to 2.5%", 2.5)]
