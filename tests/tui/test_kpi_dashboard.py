"""The dashboard by keys at 80×24: record, correct, add, edit, archive, open, help."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from textual.pilot import Pilot

from okrtui.tui.app import OkrApp
from okrtui.tui.screens.dashboard import DashboardScreen
from okrtui.tui.screens.help import HelpScreen
from okrtui.tui.screens.metric_detail import MetricScreen
from okrtui.tui.widgets.metric_form import MetricForm
from okrtui.tui.widgets.reading_dialog import ReadingDialog
from tests.tui.conftest import reopen
from tests.tui.helpers import TODAY, run_app, screen_text, type_text


def test_dashboard_shows_each_kpi_with_status_in_words(kpi_db: Path) -> None:
    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        text = screen_text(app)
        assert "KPI vital signs" in text
        assert "▲ above" in text and "Churn" in text and "3.2%" in text
        assert "✓ healthy" in text and "Uptime" in text
        assert "This quarter's OKRs" in text and "Review journal" in text

    run_app(kpi_db, scenario)


def test_record_reading_by_keys_lands_in_database_and_on_screen(kpi_db: Path) -> None:
    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        await pilot.press("j")  # Uptime is second (by name)
        await pilot.press("r")
        assert isinstance(app.screen, ReadingDialog)
        assert app.screen.query_one("#value").value == "99.9"  # prefilled with the last value
        await type_text(pilot, "99.2")
        await pilot.press("tab", "tab")
        await type_text(pilot, "deploy incident")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        text = screen_text(app)
        assert "99.2%" in text and "▼ below" in text

    run_app(kpi_db, scenario)
    repo = reopen(kpi_db)
    history = repo.history(repo.get_metric("Uptime").id or 0)
    latest = history[0]
    assert (latest.at, latest.value, latest.note, latest.source) == (
        TODAY, 99.2, "deploy incident", "tui"
    )
    assert history[1].value == 99.9 and history[1].superseded


def test_bad_value_keeps_dialog_open_with_message_and_saves_nothing(kpi_db: Path) -> None:
    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        await pilot.press("r")
        await type_text(pilot, "abc")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReadingDialog)
        assert "'abc' is not a number" in screen_text(app)
        await type_text(pilot, "2")
        await pilot.press("tab")
        await type_text(pilot, "2027-01-01")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReadingDialog)
        assert "in the future" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)

    before = reopen(kpi_db).reading_count()
    run_app(kpi_db, scenario)
    assert reopen(kpi_db).reading_count() == before


def test_correction_on_same_date_supersedes_and_detail_shows_both(kpi_db: Path) -> None:
    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        await pilot.press("r")
        await type_text(pilot, "2.5")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")  # open Churn
        await pilot.pause()
        assert isinstance(app.screen, MetricScreen)
        text = screen_text(app)
        assert "superseded" in text and "correction" in text
        assert "3.2%" in text and "2.5%" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)

    run_app(kpi_db, scenario)
    repo = reopen(kpi_db)
    churn = repo.get_metric("Churn")
    today_rows = [r for r in repo.history(churn.id or 0) if r.at == TODAY]
    assert sorted((r.value, r.superseded) for r in today_rows) == [(2.5, False), (3.2, True)]


def test_readings_from_a_source_are_marked_in_the_history_and_the_chart(kpi_db: Path) -> None:
    from okrtui.core.sources import Fetched, SourceSpec
    from okrtui.core.xmr_plot import PULLED
    from okrtui.tui.widgets.chart import XmrChart

    repo = reopen(kpi_db)
    churn = repo.get_metric("Churn")
    source = repo.sources.add(churn, SourceSpec(kind="command", command="echo 2.9"), None,
                              account="tester", uid=0, signature="")
    repo.sources.record_value(source, TODAY - timedelta(days=3), Fetched(value=2.9))
    repo.close()

    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        await pilot.press("enter")  # open Churn
        await pilot.pause()
        assert isinstance(app.screen, MetricScreen)
        text = screen_text(app)
        assert "◦ pull" in text and "2.9%" in text
        chart = app.screen.query_one(XmrChart)
        assert str(chart.render()).count(PULLED) == 1

    run_app(kpi_db, scenario)


def test_empty_database_welcomes_and_a_kpi_can_be_added_by_keys(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        text = screen_text(app)
        assert "No KPIs yet" in text and "okrtui --demo" in text
        await pilot.press("a")
        assert isinstance(app.screen, MetricForm)
        await type_text(pilot, "Lead time")
        await pilot.press("tab")
        await type_text(pilot, "days")
        await pilot.press("tab", "tab")
        await type_text(pilot, "oops")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MetricForm)
        assert "'oops' is not a number" in screen_text(app)
        await type_text(pilot, "5")
        await pilot.press("tab", "tab", "tab", "space")  # to "Lower is better", tick it
        assert "[x] Lower is better" in screen_text(app)  # the state in text, not colour
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        text = screen_text(app)
        assert "Lead time" in text and "- no data" in text and "≤ 5" in text

    run_app(tmp_path / "empty.db", scenario)
    metric = reopen(tmp_path / "empty.db").get_metric("Lead time")
    assert (metric.unit, metric.range_max, metric.direction) == ("days", 5.0, "lower")


def test_duplicate_name_in_form_is_refused_by_the_field(kpi_db: Path) -> None:
    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        await pilot.press("a")
        await type_text(pilot, "churn")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MetricForm)
        assert "already exists" in screen_text(app)
        await pilot.press("escape")

    run_app(kpi_db, scenario)
    assert len(reopen(kpi_db).list_metrics()) == 2


def test_edit_then_archive_a_kpi_by_keys(kpi_db: Path) -> None:
    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        await pilot.press("e")
        assert isinstance(app.screen, MetricForm)
        await pilot.press("tab", "tab", "tab")  # name, unit, min → max
        await type_text(pilot, "4")
        await pilot.press("enter")
        await pilot.pause()
        assert "✓ healthy" in screen_text(app).split("Uptime")[0]
        await pilot.press("x")
        await pilot.press("y")
        await pilot.pause()
        text = screen_text(app)
        assert "Archived Churn" in text and "1 watched" in text
        assert app.dashboard.kpis.selected.name == "Uptime"

    run_app(kpi_db, scenario)
    churn = reopen(kpi_db).get_metric("Churn")
    assert churn.range_max == 4 and churn.archived
    assert len(reopen(kpi_db).history(churn.id or 0)) == 3  # history kept


def test_vim_keys_and_arrows_move_and_help_lists_the_keys(kpi_db: Path) -> None:
    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        table = app.dashboard.kpis.table
        await pilot.press("j")
        assert table.cursor == 1
        await pilot.press("k")
        assert table.cursor == 0
        await pilot.press("down")
        assert app.dashboard.kpis.selected.name == "Uptime"
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "Record" in text and "Archive" in text and "command palette" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)

    run_app(kpi_db, scenario)


def test_command_palette_offers_the_main_actions(kpi_db: Path) -> None:
    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for wanted in ("Add KPI", "Record reading", "Open KPI", "Edit KPI", "Archive KPI"):
            assert wanted in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "Record reading")
        await pilot.pause(0.3)  # the palette searches in the background
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReadingDialog)

    run_app(kpi_db, scenario)


def test_wide_terminal_shows_owner_and_date_columns(kpi_db: Path) -> None:
    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        text = screen_text(app)
        assert "As of" in text and "Owner" in text and "2026-11-23" in text

    run_app(kpi_db, scenario, size=(120, 40))
