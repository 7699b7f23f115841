"""ASCII mode at 80×24: with OKRTUI_ASCII=1 (or `ascii = true`) every character on
screen is ASCII, box lines included, and each status still reads in words."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from okrtui.core.symbols import S, use_ascii
from okrtui.settings import parse_settings
from tests.tui.helpers import run_app, screen_text, type_text


@pytest.fixture(autouse=True)
def unicode_afterwards() -> Iterator[None]:
    yield
    use_ascii(False)  # the symbols are chosen per run; leave the next test Unicode


def _not_ascii(text: str) -> set[str]:
    return {char for char in text if not char.isascii()}


def test_the_dashboard_and_its_screens_are_all_ascii_and_keep_their_meanings(
        demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OKRTUI_ASCII", "1")

    async def scenario(pilot, app) -> None:  # noqa: ANN001
        assert app.ascii and S.ascii
        text = screen_text(app)
        assert _not_ascii(text) == set(), text
        assert "+- KPI vital signs" in text  # box borders drawn with + - |
        assert "| " in text
        assert "ok healthy" in text or "v below" in text or "^ above" in text
        assert "->KR" in text  # a KPI a key result measures
        assert "ok on track" in text or "x off track" in text or "! at risk" in text
        assert "#" in text  # progress bars and sparklines in plain blocks
        # Every screen the keys reach: the KPI detail, a key result, the help, the jump.
        for keys in (["enter"], ["tab", "j", "enter"], ["question_mark"], ["colon"]):
            await pilot.press(*keys)
            await pilot.pause()
            shown = screen_text(app)
            assert _not_ascii(shown) == set(), (keys, shown)
            await pilot.press("escape")
            await pilot.pause()
            if keys == ["enter"]:
                assert "centre" in shown and "upper" in shown and " o" in shown  # the chart
            if keys[0] == "tab":
                assert "Lift activation" in shown and "x off track" in shown
                await pilot.press("shift+tab")
        await pilot.press("ctrl+p")  # Textual's own palette, its search icon included
        await type_text(pilot, "jump")
        await pilot.pause(0.3)
        shown = screen_text(app)
        assert _not_ascii(shown) == set(), shown
        assert re.search(r">\s+jump", shown) and "a KPI or a key result by name or id" in shown
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("c")  # a dialog, with its input's borders
        await pilot.pause()
        await type_text(pilot, "0.7")
        shown = screen_text(app)
        assert _not_ascii(shown) == set(), shown
        assert " -> " in shown  # baseline -> target

    run_app(demo_db, scenario)


def test_the_settings_file_turns_it_on_and_the_environment_can_turn_it_off(
        demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = parse_settings("ascii = true\n", None)
    monkeypatch.delenv("OKRTUI_ASCII", raising=False)

    async def on(pilot, app) -> None:  # noqa: ANN001
        assert _not_ascii(screen_text(app)) == set()

    run_app(demo_db, on, settings=settings)
    monkeypatch.setenv("OKRTUI_ASCII", "0")

    async def off(pilot, app) -> None:  # noqa: ANN001
        text = screen_text(app)
        assert not app.ascii and "╭─ KPI vital signs" in text and "✓" in text

    run_app(demo_db, off, settings=settings)
