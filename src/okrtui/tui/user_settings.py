"""The settings file, applied to the dashboard: keymap by action id, and the theme.

A key rebound here works wherever the action does (its binding's id is the
action's id) and shows in the key bar and under `?`. A setting that cannot be
used is reported, with its line, and the default stays.
"""

from __future__ import annotations

import contextlib
from typing import Any

from textual.app import App
from textual.theme import Theme

from okrtui.settings import Problem, Settings, remember_theme, unknown_action, unknown_theme
from okrtui.tui.actions import ACTIONS, BY_ID

# Keys the lists take for moving (tui/widgets/row_list.py): rebinding an action to
# one of them would be shadowed while a list has the keyboard.
MOVING = {"j": "down", "k": "up", "g": "first", "G": "last", "up": "up", "down": "down",
          "home": "first", "end": "last", "pageup": "page up", "pagedown": "page down",
          "tab": "next pane", "escape": "back"}


def keymap_of(settings: Settings) -> tuple[dict[str, str], list[Problem]]:
    """The `[keys]` overrides that can be used, and a problem for each that cannot (no
    such action, or a key another action or the lists already take)."""
    keymap: dict[str, str] = {}
    problems: list[Problem] = []
    rebound = set(settings.keys)
    for action_id, keys in settings.keys.items():
        line = settings.line_of(f"keys.{action_id}")
        missing = unknown_action(settings, action_id, BY_ID)
        if missing is not None:
            problems.append(missing)
            continue
        clash = _clash(action_id, keys.split(","), rebound)
        if clash:
            problems.append(Problem(line, f"keys.{action_id}: {clash}"))
            continue
        keymap[action_id] = keys
    return keymap, problems


def _clash(action_id: str, keys: list[str], rebound: set[str]) -> str:
    """Why these keys cannot serve the action, or "" when they can. An action the same
    file rebinds gives its old keys up."""
    places = set(BY_ID[action_id].where)
    for key in keys:
        if key in MOVING:
            return f"{key!r} moves the cursor ({MOVING[key]}) in the lists; pick another key"
        for other in ACTIONS:
            if (other.id != action_id and other.id not in rebound
                    and key in other.keys.split(",") and places & set(other.where)):
                return (f"{key!r} is already {other.id!r} ({other.label}) there; pick another "
                        "key, or rebind that one too")
    return ""


def apply_settings(app: App[Any], settings: Settings) -> list[Problem]:
    """Rebind keys and choose the theme; returns what could not be used."""
    keymap, problems = keymap_of(settings)
    if keymap:
        app.set_keymap(keymap)
    wrong_theme = unknown_theme(settings, app.available_themes)
    if wrong_theme is not None:
        problems.append(wrong_theme)
    elif settings.theme:
        app.theme = settings.theme
    chosen = app.theme

    def keep(theme: Theme) -> None:
        # A theme picked in the palette is remembered for next time.
        nonlocal chosen
        if theme.name != chosen and settings.path is not None:
            chosen = theme.name
            with contextlib.suppress(OSError):  # it applies now; only remembering failed
                remember_theme(settings.path, theme.name)

    app.theme_changed_signal.subscribe(app, keep)
    return [*settings.problems, *problems]


def key_display(keymap: dict[str, str], action_id: str, keys: str) -> str:
    """The keys an action has now: the keymap's, else the table's."""
    return keymap.get(action_id, keys)
