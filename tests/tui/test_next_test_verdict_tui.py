"""W at 80×24: the review's next-test step shows what the KPI a test names has shown
since the test began, and the note it leads to says so."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from okrtui.tui.app import OkrApp
from okrtui.tui.screens.entry_editor import EntryEditor
from okrtui.tui.widgets.next_test_dialog import NextTestDialog
from tests.cli.test_journal_tests_cli import SET_WEEK, seed
from tests.tui.conftest import reopen
from tests.tui.helpers import run_app, screen_text, type_text


def test_the_review_says_whether_each_test_s_kpi_moved(tmp_path: Path) -> None:
    path = tmp_path / "tests.db"
    seed(path)

    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        await pilot.press("W")
        await pilot.pause()
        assert isinstance(app.screen, NextTestDialog)
        text = screen_text(app)
        assert "next test 1 of 3" in text and "Call two customers who left" in text
        assert f"KPI: Churn has shown a signal down since {SET_WEEK}" in text
        assert "not done" in text and "dropped" in text  # the answer is still asked
        await pilot.press("left", "enter")  # done
        await pilot.pause()
        text = screen_text(app)
        assert "next test 2 of 3" in text
        assert "KPI: no signal yet: 6 reading(s) of Signups" in text
        await pilot.press("enter")  # not done
        await pilot.pause()
        text = screen_text(app)
        assert "next test 3 of 3" in text and "Tidy the wiki" in text
        assert "KPI:" not in text  # it names none
        await pilot.press("tab", "tab")  # to "Should move"
        await type_text(pilot, "revenue up")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NextTestDialog)  # refused, said by the field
        assert "say a KPI's name and up or down" in screen_text(app)
        await pilot.press("ctrl+u")
        await type_text(pilot, "churn up")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EntryEditor)
        body = app.screen.query_one("TextArea").text  # type: ignore[attr-defined]
        assert (f"Next test from {SET_WEEK} done: Call two customers who left → Churn "
                f"down (Churn has shown a signal down since {SET_WEEK}") in body
        assert (f"Next test from {SET_WEEK} not done: Try a shorter signup form (Signups "
                "up) (no signal yet: 6 reading(s) of Signups") in body

    run_app(path, scenario)
    repo = reopen(path)
    wiki = next(t for t in repo.journal.all_tests() if t.text == "Tidy the wiki")
    assert (wiki.metric_id, wiki.direction, wiki.status) == (
        repo.get_metric("Churn").id, "up", "not-done")
    churn = next(t for t in repo.journal.all_tests() if "Churn down" in t.text)
    assert (churn.metric_id, churn.direction, churn.status) == (
        repo.get_metric("Churn").id, "down", "done")  # unchanged by answering it
