"""Render the main screens to SVG from pinned demo data: `python scripts/screenshots.py`.

The demo database is built for a fixed date, so the pictures change only
when the screens do.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from datetime import date
from pathlib import Path

from okrtui.demo import build_demo
from okrtui.store.database import open_database
from okrtui.store.repository import Repository
from okrtui.tui.app import OkrApp

PINNED_TODAY = date(2026, 11, 23)
OUT = Path(__file__).resolve().parent.parent / "screenshots"
SIZES = {"80x24": (80, 24), "120x40": (120, 40)}
# name -> keys pressed on the dashboard before the picture is taken
SCENES = {
    "dashboard": [],
    "kpi-detail": ["j", "enter"],  # API latency: a signal, inside its healthy range
    "kpi-detail-new-baseline": ["enter"],  # activation: limits recomputed after its shift
    "trend": ["j", "enter", "t"],  # API latency's 6 weeks | 12 months, WoW and YoY
    "signal-to-key-result": ["j", "n"],
    "plan-check": ["L"],
    "weekly-review": ["W"],
    "next-test-verdict": ["W", "ctrl+n"],  # the checklist test: has activation moved up?
    "review-note": ["W", "ctrl+n", "enter", "enter"],
    "journal-entry": ["w"],
    "record-reading": ["r"],
    "help": ["question_mark"],
    "check-in": ["tab", "j", "c"],
    "key-result": ["tab", "j", "enter"],
    "plan-diff": ["P"],  # the editor is PLAN_EDITOR below, then the changes to confirm
    "calibration": ["C"],
    "plan-check-noise": ["right_square_bracket", "L"],  # next quarter's plan check
    "due": ["d"],
}
# The editor `P` runs for the "plan-diff" scene (a shell script given the file): a
# target raised, an objective renamed, a key result added, as a person would.
PLAN_EDITOR = """#!/bin/sh
sed -i -e 's/^  target: 38$/  target: 40/' \\
    -e 's/^## Customers only need to ask us once/## Customers ask us once/' "$1"
printf '\\n- Lift NPS from 30 to 36\\n  metric: Net promoter score\\n  owner: kim\\n' >> "$1"
"""


async def shoot(repo: Repository, size_name: str, scene: str, keys: list[str]) -> None:
    if scene == "plan-diff":
        editor = Path(tempfile.mkdtemp()) / "editor.sh"
        editor.write_text(PLAN_EDITOR, encoding="utf-8")
        editor.chmod(0o700)
        os.environ["VISUAL"] = str(editor)
    app = OkrApp(repo, PINNED_TODAY, where="demo")
    async with app.run_test(size=SIZES[size_name]) as pilot:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        app.save_screenshot(f"{scene}-{size_name}.svg", path=str(OUT))


def main() -> None:
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        repo = Repository(open_database(Path(folder) / "demo.db"), "demo")
        build_demo(repo, PINNED_TODAY)
        for size_name in SIZES:
            for scene, keys in SCENES.items():
                asyncio.run(shoot(repo, size_name, scene, keys))
                print(f"screenshots/{scene}-{size_name}.svg")
        repo.db.close()


if __name__ == "__main__":
    main()
