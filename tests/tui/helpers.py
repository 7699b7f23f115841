"""Drive the real app with Pilot and read what a person would see."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path

from rich.console import Console
from textual.pilot import Pilot

from okrtui.settings import Settings
from okrtui.store.database import open_database
from okrtui.store.repository import Repository
from okrtui.tui.app import OkrApp

TODAY = date(2026, 11, 23)
Scenario = Callable[[Pilot[int], OkrApp], Awaitable[None]]


def screen_text(app: OkrApp) -> str:
    """The characters on screen, row by row, rendered as the app renders them."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system="truecolor", record=True, legacy_windows=False,
                      safe_box=False)
    update = app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens
    )
    console.print(update)
    return console.export_text()


def run_app(db_path: Path, scenario: Scenario, size: tuple[int, int] = (80, 24),
            poll_seconds: float = 2.0, settings: Settings | None = None) -> None:
    """Open the app on `db_path` at `size` (with `settings`) and play `scenario` in it."""

    async def main() -> None:
        repo = Repository(open_database(db_path), "tester")
        app = OkrApp(repo, TODAY, where="test", poll_seconds=poll_seconds, settings=settings)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await scenario(pilot, app)
        repo.db.close()

    asyncio.run(main())


async def type_text(pilot: Pilot[int], text: str) -> None:
    """Type characters one key at a time, as a person would."""
    for char in text:
        await pilot.press(char if char != " " else "space")
