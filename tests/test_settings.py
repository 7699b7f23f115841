"""The settings file: what it says, what cannot be used (with its line), remembering a theme."""

from __future__ import annotations

from pathlib import Path

from okrtui.settings import parse_settings, remember_theme

GOOD = '''\
# mine
database = "~/okrs/team.db"
theme = "nord"
week_starts = "Sun"

[keys]
check-in = "C"
"record-reading" = "R, ctrl+r"
'''


def test_a_good_file_is_read_whole() -> None:
    settings = parse_settings(GOOD, None)
    assert settings.problems == ()
    assert (settings.database, settings.theme, settings.week_starts) == ("~/okrs/team.db", "nord",
                                                                         6)
    assert settings.keys == {"check-in": "C", "record-reading": "R,ctrl+r"}
    assert settings.line_of("keys.record-reading") == 8 and settings.line_of("theme") == 3


def test_each_bad_setting_is_named_by_its_line_and_the_rest_still_applies() -> None:
    text = ('theme = 3\nweek_starts = "someday"\ncolour = "red"\nascii = "yes"\n'
            '[keys]\ncheck-in = ""\nrecord-reading = "R"\n')
    settings = parse_settings(text, None)
    found = {p.line: p.message for p in settings.problems}
    assert set(found) == {1, 2, 3, 4, 6}
    assert "theme should be" in found[1] and "a day's name" in found[2]
    assert "unknown setting 'colour'" in found[3] and "true or false" in found[4]
    assert "is not a key" in found[6]
    assert settings.theme is None and settings.keys == {"record-reading": "R"}


def test_a_file_that_is_not_toml_says_where_and_nothing_is_used() -> None:
    settings = parse_settings('theme = "nord"\nkeys = [\n', None)
    (problem,) = settings.problems
    assert problem.line == 3 and "not valid TOML" in problem.message
    assert settings.theme is None


def test_a_theme_picked_is_remembered_without_touching_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(GOOD)
    remember_theme(path, "dracula")
    text = path.read_text()
    assert 'theme = "dracula"' in text and "nord" not in text and "# mine" in text
    assert parse_settings(text, path).keys == {"check-in": "C", "record-reading": "R,ctrl+r"}
    fresh = tmp_path / "new" / "config.toml"
    remember_theme(fresh, "nord")
    assert parse_settings(fresh.read_text(), fresh).theme == "nord"
    keys_only = tmp_path / "keys.toml"
    keys_only.write_text('[keys]\ncheck-in = "C"\n')
    remember_theme(keys_only, "nord")
    assert parse_settings(keys_only.read_text(), keys_only).theme == "nord"  # before [keys]
