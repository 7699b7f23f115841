"""A team's imported OKR spreadsheet in the dashboard at 80×24, by keys: fiscal and named
cycles, two objectives with one title, the grades, and long text cut with "…" in the
lists and wrapped (scrolling past a third of the screen) in the key result's detail."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from okrtui.core.models import JournalEntry, Metric
from okrtui.store.database import open_database
from okrtui.store.exchange import import_file
from okrtui.store.repository import Repository
from okrtui.tui.screens.key_result_detail import KeyResultScreen
from tests.okr_files import LONG_STATEMENT, prepare_cycles, write_sheet
from tests.tui.helpers import TODAY, run_app, screen_text

KPI_NAME = "Share of candidates who accept our offer within two weeks!!"
JOURNAL_LINE = "Why hiring stalled: " + "the offer process takes too long and people leave, " * 40


@pytest.fixture
def imported(tmp_path: Path) -> Path:
    path = tmp_path / "team.db"
    repo = Repository(open_database(path), "seed")
    prepare_cycles(repo)
    import_file(repo, "okrs.csv", write_sheet(tmp_path / "okrs.csv").read_bytes(), TODAY,
                skip_unplaceable=True)
    kpi = repo.add_metric(Metric(name=KPI_NAME, unit="%", range_min=50))
    repo.record_reading(kpi, date(2026, 11, 16), 62, today=TODAY)
    repo.journal.add(JournalEntry(at=date(2026, 11, 20), body=JOURNAL_LINE + "\n\nmore"),
                     TODAY)
    repo.db.close()
    return path


def rows_with(text: str, screen: str) -> list[str]:
    """The rows of the panes (inside their borders) showing `text`."""
    return [line for line in screen.splitlines() if text in line and line.startswith("│")]


async def back_to(pilot, app, cycle: str) -> str:  # noqa: ANN001
    """Press `[` until the OKR pane shows `cycle`; the screen then."""
    for _ in range(20):
        await pilot.press("[")
        await pilot.pause()
        text = screen_text(app)
        if f"OKRs · {cycle} " in text:
            return text
    raise AssertionError(f"never reached {cycle}:\n{screen_text(app)}")


def test_imported_okrs_read_at_80x24_with_long_text_cut_in_lists(imported: Path) -> None:
    async def scenario(pilot, app) -> None:  # noqa: ANN001
        text = await back_to(pilot, app, "FY23-Q2")
        assert len(LONG_STATEMENT) == 1000 and len(JOURNAL_LINE) > 2000
        assert all(len(line) <= 80 for line in text.splitlines())
        assert rows_with("1. Hire  · maria", text) and rows_with("2. Hire  · li", text)
        (engineers,) = rows_with("Hire 5 engineers", text)
        assert "✓ score 0.8" in engineers and "80%" in engineers and "5/10" in engineers
        (long_kr,) = rows_with("Raise the share", text)
        assert "Raise the share of engineer…" in long_kr and "2%" in long_kr
        (kpi,) = rows_with("Share of candidates", text)
        assert "Share of candidates …" in kpi and "62%" in kpi
        (entry,) = rows_with("Why hiring stalled", text)
        assert entry.rstrip(" │").endswith("…")
        assert "2 objectives · 3 key results" in text

        await pilot.press("tab", "j", "j", "j", "enter")  # into the OKR pane, onto KR2
        await pilot.pause()
        assert isinstance(app.screen, KeyResultScreen)
        detail = screen_text(app)
        lines = detail.splitlines()
        assert lines[0].strip().startswith("KR2  Raise the share of engineering candidates")
        assert "measured every week on the hiring board" in lines[1]  # wrapped, not cut
        assert "✗ off track · 2% done" in detail and "now 0.05" in detail
        assert "actual score" in detail and "Check-ins:" in detail
        ending = LONG_STATEMENT[-12:]
        assert ending not in detail  # past a third of the screen: the box scrolls
        await pilot.press("tab", "end")
        await pilot.pause()
        assert ending in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()

        text = await back_to(pilot, app, "release-3.2")
        (bugs,) = rows_with("Close 40 bugs", text)
        assert "✓ score 0.9" in bugs and "50%" in bugs
        assert rows_with("3. Ship 3.2  · dev", text) and "(past cycle)" in text

    run_app(imported, scenario)
