"""Usable at 80×24, after resizes, and without colour (NO_COLOR)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from textual.pilot import Pilot

from okrtui.tui.app import OkrApp
from tests.tui.helpers import TODAY, run_app, screen_text


def test_the_dashboard_survives_resizes_and_keeps_its_cursor(demo_db: Path) -> None:
    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        await pilot.press("j", "j")
        chosen = app.dashboard.kpis.selected
        for size in ((120, 40), (60, 20), (200, 60), (80, 24)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            text = screen_text(app)
            assert "KPI vital signs" in text and "Review journal" in text, size
            assert app.dashboard.kpis.selected == chosen
            assert max(len(line) for line in text.splitlines()) <= size[0]
        text = screen_text(app)
        assert "This quarter's OKRs" in text and "r Record" in text
        await pilot.press("enter")  # the detail view fits 80×24 after all that
        await pilot.pause()
        assert "upper" in screen_text(app) and "History" in screen_text(app)

    run_app(demo_db, scenario)


def test_no_color_keeps_every_meaning_in_words_and_symbols(demo_db: Path) -> None:
    """In a separate process: NO_COLOR is read when the widgets load."""
    path = demo_db
    script = f"""
import asyncio, sys
sys.path.insert(0, {str(Path(__file__).resolve().parents[2])!r})
from tests.tui.helpers import TODAY, screen_text
from okrtui.store.database import open_database
from okrtui.store.repository import Repository
from okrtui.tui.app import OkrApp

async def main():
    app = OkrApp(Repository(open_database({str(path)!r}), "t"), TODAY)
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.pause()
        print(screen_text(app))

asyncio.run(main())
"""
    env = {**os.environ, "NO_COLOR": "1", "OKRTUI_TODAY": TODAY.isoformat()}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "✓ healthy" in text and "▲ shift" in text and "… stale" in text
    assert "⚑" not in text  # the demo's plan is clean
