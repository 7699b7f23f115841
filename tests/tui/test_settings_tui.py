"""The settings file in the dashboard at 80×24: a rebound key, a broken line, the theme."""

from __future__ import annotations

from pathlib import Path

from okrtui.settings import load_settings
from okrtui.tui.widgets.check_in_dialog import CheckInDialog
from tests.tui.helpers import run_app, screen_text


def _settings(tmp_path: Path, text: str):  # noqa: ANN202
    path = tmp_path / "config.toml"
    path.write_text(text)
    return load_settings(path)


def test_a_rebound_check_in_key_works_and_the_old_one_is_free(tmp_path: Path,
        demo_db: Path) -> None:
    db = demo_db
    settings = _settings(tmp_path, '[keys]\ncheck-in = "I"\n')

    async def scenario(pilot, app) -> None:  # noqa: ANN001
        await pilot.press("tab", "j")  # the OKR pane, on its first key result
        await pilot.press("c")
        await pilot.pause()
        assert not isinstance(app.screen, CheckInDialog)
        await pilot.press("I")
        await pilot.pause()
        assert isinstance(app.screen, CheckInDialog)
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        assert any(line.strip(" │").startswith("I      Check in")
                   for line in screen_text(app).splitlines())

    run_app(db, scenario, settings=settings)


def test_a_broken_line_is_reported_with_its_number_and_the_defaults_run(tmp_path: Path,
        demo_db: Path) -> None:
    db = demo_db
    settings = _settings(tmp_path, '[keys]\nchek-in = "C"\nrecord-reading = "j"\n')

    async def scenario(pilot, app) -> None:  # noqa: ANN001
        await pilot.pause()
        text = screen_text(app)
        assert "Settings line 2: no action 'chek-in' (check-in?) +1" in text
        await pilot.press("tab", "j", "c")  # the default key still checks in
        await pilot.pause()
        assert isinstance(app.screen, CheckInDialog)

    run_app(db, scenario, settings=settings)


def test_the_theme_is_applied_and_one_picked_later_is_remembered(tmp_path: Path,
        demo_db: Path) -> None:
    db = demo_db
    settings = _settings(tmp_path, '# my settings\ntheme = "nord"\n')

    async def scenario(pilot, app) -> None:  # noqa: ANN001
        assert app.theme == "nord"
        app.theme = "dracula"  # what the palette's "Change theme" does
        await pilot.pause()

    run_app(db, scenario, settings=settings)
    text = (tmp_path / "config.toml").read_text()
    assert 'theme = "dracula"' in text and "# my settings" in text
