"""A layout that adapts: every pane keeps rows at 80×24, lists use their width,
and the scrollbar never reads as data."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from okrtui.core.models import JournalEntry, KeyResult, Metric, Objective
from okrtui.store.database import open_database
from okrtui.store.repository import Repository
from okrtui.tui.app import OkrApp
from okrtui.tui.screens.dashboard import pane_heights
from okrtui.tui.widgets.check_in_dialog import CheckInDialog
from tests.tui.helpers import TODAY, run_app, screen_text, type_text

LONG = "Raise the share of weekly active teams that invite a second admin"


def crowded_db(tmp_path: Path, kpis: int = 6, key_results: int = 12) -> Path:
    """`kpis` watched KPIs and a quarter with `key_results` key results (4 per objective)."""
    path = tmp_path / "crowded.db"
    repo = Repository(open_database(path), "seed")
    for n in range(kpis):
        metric = repo.add_metric(Metric(name=f"Vital {n:02d}", range_min=1, range_max=9))
        for week in range(10):  # enough readings to fill the sparkline column
            repo.record_reading(metric, date(2026, 9, 21) + timedelta(weeks=week),
                                2 + (week * 7 + n) % 6, today=TODAY)
    objective_id = 0
    for n in range(key_results):
        measured = repo.add_metric(Metric(name=f"Measured {n}", watched=False))
        if n % 4 == 0:
            objective_id = repo.okrs.add_objective(Objective(
                quarter="2026-Q4", title=f"Objective {n // 4 + 1}")).id or 0
        statement = LONG if n == 0 else f"Key result number {n + 1}"
        repo.okrs.add_key_result(KeyResult(
            objective_id=objective_id, metric_id=measured.id or 0, statement=statement,
            baseline=0, target=10, start=date(2026, 10, 1), due=date(2026, 12, 31)))
    repo.db.close()
    return path


def rows_between(text: str, title: str) -> list[str]:
    """The lines inside the pane whose top border carries `title`."""
    lines = text.splitlines()
    top = next(i for i, line in enumerate(lines) if title in line)
    end = next(i for i in range(top + 1, len(lines)) if lines[i].startswith("╰"))
    return lines[top + 1:end]


def test_twelve_key_results_leave_kpi_rows_at_80x24(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        text = screen_text(app)
        kpi = rows_between(text, "KPI vital signs")
        assert "Status" in kpi[0] and len(kpi) >= 4
        assert sum("Vital" in line or "→KR" in line for line in kpi) >= 4, text
        okr = rows_between(text, "OKRs")
        assert sum("KR" in line for line in okr) >= 3, text
        journal = rows_between(text, "Review journal")
        assert len(journal) >= 2, text
        # The fuller panes scroll: the last key result is reached by keys.
        await pilot.press("tab", "G")
        await pilot.pause()
        assert "Key result number 12" in screen_text(app)
        await pilot.press("shift+tab")  # back to the KPIs, the last one in view
        await pilot.press("G")
        await pilot.pause()
        assert "Vital 05" in "".join(rows_between(screen_text(app), "KPI vital signs"))

    run_app(crowded_db(tmp_path), scenario)


def test_the_heights_keep_every_pane_and_fill_the_screen() -> None:
    for height in (16, 20, 24, 30, 40, 60):
        for okr_rows in (0, 3, 15, 40):
            okr, journal = pane_heights(height, okr_rows, kpi_rows=20)
            kpi = height - 3 - okr - journal
            assert kpi >= 5 and okr >= 4 and journal >= 4, (height, okr_rows)
    assert pane_heights(24, 15, 20) == (9, 5)  # 6 key result lines, 4 KPIs, 2 entries
    assert pane_heights(24, 4, 20) == (7, 5)  # a small plan takes only its own lines


def test_the_scrollbar_stands_apart_from_the_sparkline(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        table = app.dashboard.kpis.table
        assert table.max_scroll_y > 0  # there is a scrollbar
        text = screen_text(app)
        region = table.content_region
        lines = text.splitlines()[region.y + 1: region.bottom]
        assert any(c in "▁▂▃▄▅▆▇█" for c in lines[0][-12:-3])  # a sparkline at the right
        # The scrollbar is one column wide, the column before it blank on every row.
        assert table.scrollbar_size_vertical == 1
        assert all(line[region.right - 2] == " " for line in lines), text

    run_app(crowded_db(tmp_path, kpis=20, key_results=0), scenario)


def test_a_tiny_terminal_says_so_and_the_dialog_comes_back_as_it_was(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        await pilot.press("tab", "j", "c")  # a check-in on KR1
        assert isinstance(app.screen, CheckInDialog)
        await type_text(pilot, "0.75")
        await pilot.press("left")  # the cursor before the 5
        field = app.screen.focused
        assert isinstance(field, Input) and field.cursor_position == 3
        await pilot.resize_terminal(30, 8)
        await pilot.pause()
        text = screen_text(app)
        words = " ".join(text.split())
        assert "the terminal is too small: okrtui needs 60×16" in words, text
        assert "Check in" not in text
        await pilot.press("x", "q", "escape", "?")  # no key reaches what is beneath
        await pilot.pause()
        assert "the terminal is too small" in screen_text(app)
        await pilot.resize_terminal(59, 24)  # one column short is still too small
        await pilot.pause()
        assert "the terminal is too small" in screen_text(app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert isinstance(app.screen, CheckInDialog)
        assert "too small" not in screen_text(app)
        assert app.screen.focused is field
        assert (field.value, field.cursor_position) == ("0.75", 3)
        await type_text(pilot, "0")  # typing goes on where the cursor was
        assert field.value == "0.705"

    run_app(crowded_db(tmp_path), scenario)


def test_starting_in_a_tiny_terminal_shows_the_message(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        words = " ".join(screen_text(app).split())  # the message wraps to the width
        assert "the terminal is too small: okrtui needs 60×16" in words, words
        await pilot.resize_terminal(60, 16)
        await pilot.pause()
        assert "KPI vital signs" in screen_text(app)

    run_app(crowded_db(tmp_path), scenario, size=(40, 12))


def test_every_cut_line_ends_in_an_ellipsis(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        lines = screen_text(app).splitlines()
        assert lines[-1].rstrip().endswith("…"), lines[-1]  # the key bar
        app.dashboard.say("Saved " + "a long confirmation " * 10)
        app.dashboard.show_note("A note " + "that goes on " * 10)
        await pilot.pause()
        lines = screen_text(app).splitlines()
        assert lines[0].rstrip().endswith("…") and lines[0].startswith(" Saved a long")
        assert lines[-2].rstrip().endswith("…") and "A note that" in lines[-2]
        await pilot.press("w")  # the journal editor, its hint longer than 80
        await pilot.pause()
        hint = next(line for line in screen_text(app).splitlines() if "ctrl+s saves" in line)
        assert hint.rstrip().endswith("…"), hint

    run_app(crowded_db(tmp_path), scenario)


def test_an_edited_entry_says_so(tmp_path: Path) -> None:
    path = crowded_db(tmp_path)
    repo = Repository(open_database(path), "seed")
    for title in ("Kept as written", "Pricing stays for now"):
        repo.journal.add(JournalEntry(at=TODAY, body=title), TODAY)
    repo.db.close()

    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        journal = rows_between(screen_text(app), "Review journal")
        assert not any("edited" in line for line in journal), journal
        await pilot.press("tab", "tab", "e")  # the newest entry, in the editor
        await pilot.pause()
        await pilot.press("end")
        await type_text(pilot, " this year")
        await pilot.press("ctrl+s")
        await pilot.pause()
        journal = rows_between(screen_text(app), "Review journal")
        assert any("Pricing stays for now this year (edited)" in line for line in journal)
        assert any("Kept as written" in line and "edited" not in line for line in journal)
        note = screen_text(app).splitlines()[-2]
        assert "note by seed, edited 20" in note, note  # written by seed, edited by tester
        await pilot.press("j")  # the other entry's note says nothing of the kind
        await pilot.pause()
        assert "edited" not in screen_text(app).splitlines()[-2]

    run_app(path, scenario)


def test_pagedown_in_a_detail_view_scrolls_its_history_at_once(tmp_path: Path) -> None:
    path = crowded_db(tmp_path, kpis=1, key_results=1)
    repo = Repository(open_database(path), "seed")
    kr = repo.okrs.get_key_result(1)
    repo.okrs.update_key_result(kr.model_copy(update={"statement": "A long statement " * 40}),
                                [])
    for day in range(30):
        repo.okrs.check_in(repo.okrs.get_key_result(1), day / 10, today=TODAY, confidence=5,
                           at=TODAY - timedelta(days=day), comment=f"check {day}")
    repo.db.close()

    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        await pilot.press("tab", "j", "enter")  # the key result's detail
        await pilot.pause()
        assert "check 0" in screen_text(app) and "check 29" not in screen_text(app)
        for _ in range(8):  # no tab first
            await pilot.press("pagedown")
        await pilot.pause()
        assert "check 29" in screen_text(app) and "check 0 " not in screen_text(app)
        await pilot.press("escape", "shift+tab", "enter")  # its metric's detail: readings
        await pilot.pause()
        assert "2026-11-23" in screen_text(app)
        for _ in range(8):
            await pilot.press("pagedown")
        await pilot.pause()
        history = rows_after(screen_text(app), "History")
        assert "2026-11-0" in history and "2026-11-23" not in history, history

    run_app(path, scenario)


def rows_after(text: str, title: str) -> str:
    """The screen below the line that carries `title`."""
    lines = text.splitlines()
    top = next(i for i, line in enumerate(lines) if title in line)
    return "\n".join(lines[top + 1:])


def test_lists_use_the_width_they_have(tmp_path: Path) -> None:
    sizes: dict[int, int] = {}

    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        for width, height in ((80, 24), (120, 40), (200, 50)):
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            line = next(line for line in screen_text(app).splitlines() if "KR1 " in line
                        and "Raise" in line)
            shown = line.split("Raise", 1)[1]
            sizes[width] = len(shown.split("…")[0]) if "…" in shown else 999
        assert sizes[80] >= 26 and sizes[120] > sizes[80], sizes  # 80: 35 cells in all
        assert sizes[200] == 999  # whole, with room to spare
        text = screen_text(app)
        assert "Conf." not in text  # no confidence yet: its room goes to the statement

    run_app(crowded_db(tmp_path), scenario)
