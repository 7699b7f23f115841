"""The settings file: TOML in the platform's config directory (`OKRTUI_CONFIG` picks another).

```toml
database = "~/okrs/team.db"   # used when neither --db nor OKRTUI_DB is given
theme = "nord"                # one of Textual's themes; the palette's choice is kept here
week_starts = "monday"        # the first day of a review week
ascii = false                 # plain stand-ins for box lines and symbols

[keys]                        # action id = key(s), comma-separated
check-in = "C"
record-reading = "R,ctrl+r"
```

A bad setting never stops okrtui: it is reported with its line and why, and
the default is used instead. Reading the file imports no Textual, so every
command may look at it.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CONFIG_ENV = "OKRTUI_CONFIG"
CONFIG_FILENAME = "config.toml"
DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_KEY = re.compile(r"[A-Za-z0-9_+\-]+|[^\s,]")  # one key name (ctrl+r, f5, C) or one symbol
KNOWN = ("database", "theme", "week_starts", "ascii", "keys")


@dataclass(frozen=True)
class Problem:
    """A setting that could not be used: where it is and why."""

    line: int | None
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


@dataclass(frozen=True)
class Settings:
    """What the settings file says, defaults where it is silent or wrong."""

    path: Path | None  # None: no file (tests, defaults): nothing is remembered
    database: str | None = None
    theme: str | None = None
    week_starts: int = 0  # 0 = Monday, as `date.weekday()` counts
    ascii: bool = False
    keys: dict[str, str] = field(default_factory=dict)  # action id → "key,key"
    problems: tuple[Problem, ...] = ()
    lines: dict[str, int] = field(default_factory=dict)  # setting → its line, to report later

    def line_of(self, name: str) -> int | None:
        """The line a setting (`theme`, `keys.check-in`) was read from."""
        return self.lines.get(name)


def unknown_action(settings: Settings, action_id: str,
                   known: Iterable[str]) -> Problem | None:
    """The problem with a `[keys]` entry whose action does not exist, or None; it names
    the closest action there is ("no action 'chek-in' (check-in?)")."""
    ids = list(known)
    if action_id in ids:
        return None
    close = difflib.get_close_matches(action_id, ids, n=1)
    return Problem(settings.line_of(f"keys.{action_id}"),
                   f"no action {action_id!r}" + (f" ({close[0]}?)" if close else ""))


def unknown_theme(settings: Settings, themes: Iterable[str]) -> Problem | None:
    """The problem with a `theme` that is not one of `themes`, or None."""
    names = sorted(themes)
    if not settings.theme or settings.theme in names:
        return None
    return Problem(settings.line_of("theme"),
                   f"there is no theme {settings.theme!r} (known: {', '.join(names)})")


def config_path() -> Path:
    """`OKRTUI_CONFIG`, else `config.toml` in the platform's config directory."""
    chosen = os.environ.get(CONFIG_ENV, "").strip()
    if chosen:
        return Path(chosen).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir("okrtui")) / CONFIG_FILENAME


def load_settings(path: Path | None = None) -> Settings:
    """The settings at `path` (default: `config_path()`); a missing file is all defaults."""
    path = path or config_path()
    return _load(path)


@functools.cache
def _load(path: Path) -> Settings:
    # Read once per run: the CLI, the database choice and the dashboard all ask.
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings(path)
    except (OSError, UnicodeDecodeError) as error:
        return Settings(path, problems=(Problem(None, f"cannot read {path}: {error}"),))
    return parse_settings(text, path)


def parse_settings(text: str, path: Path | None) -> Settings:
    """Settings from the file's text; every problem named by its line."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"line (\d+)", str(error))
        line = int(found[1]) if found else len(text.splitlines()) + 1  # "end of document"
        return Settings(path, problems=(Problem(line, f"not valid TOML: {error}"),))
    lines = _lines(text)
    problems: list[Problem] = []
    values: dict[str, Any] = {}

    def bad(name: str, message: str) -> None:
        problems.append(Problem(lines.get(name), message))

    for name in data:
        if name not in KNOWN:
            bad(name, f"unknown setting {name!r} (known: {', '.join(KNOWN)})")
    if "database" in data:
        if isinstance(data["database"], str) and data["database"].strip():
            values["database"] = data["database"].strip()
        else:
            bad("database", "database should be a file path in quotes")
    if "theme" in data:
        if isinstance(data["theme"], str) and data["theme"].strip():
            values["theme"] = data["theme"].strip()
        else:
            bad("theme", "theme should be a theme's name in quotes (e.g. \"nord\")")
    if "week_starts" in data:
        day = data["week_starts"]
        matches = [i for i, name in enumerate(DAYS) if isinstance(day, str)
                   and len(day.strip()) >= 3 and name.startswith(day.strip().lower())]
        if matches:
            values["week_starts"] = matches[0]
        else:
            bad("week_starts", f"week_starts should be a day's name ({', '.join(DAYS)})")
    if "ascii" in data:
        if isinstance(data["ascii"], bool):
            values["ascii"] = data["ascii"]
        else:
            bad("ascii", "ascii should be true or false")
    values["keys"] = _keys(data.get("keys", {}), lines, problems)
    return Settings(path, problems=tuple(problems), lines=lines, **values)


def _keys(raw: Any, lines: dict[str, int], problems: list[Problem]) -> dict[str, str]:
    if not isinstance(raw, dict):
        problems.append(Problem(lines.get("keys"), "[keys] should be a table of "
                                "action-id = \"key\" lines"))
        return {}
    keys: dict[str, str] = {}
    for action, value in raw.items():
        where = lines.get(f"keys.{action}")
        names = value.split(",") if isinstance(value, str) else []
        names = [n.strip() for n in names]
        if not names or not all(n and _KEY.fullmatch(n) for n in names):
            problems.append(Problem(where, f"keys.{action}: {value!r} is not a key "
                                    "(e.g. \"C\", \"ctrl+r\", \"f5\"; several: \"C,ctrl+k\")"))
            continue
        keys[str(action)] = ",".join(names)
    return keys


def _lines(text: str) -> dict[str, int]:
    """Each top-level setting's and `[keys]` entry's line number (for messages)."""
    found: dict[str, int] = {}
    table = ""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        heading = re.fullmatch(r"\[\s*([^\]]+?)\s*\]\s*(#.*)?", stripped)
        if heading:
            table = heading[1].strip()
            found.setdefault(table, number)
            continue
        name = re.match(r"""\s*(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_\-]+))\s*=""", line)
        if name:
            key = next(g for g in name.groups() if g)
            found.setdefault(f"{table}.{key}" if table else key, number)
    return found


def remember_theme(path: Path, theme: str) -> None:
    """Set `theme = "…"` in the file, keeping every other line (and comments) as it is."""
    entry = f'theme = "{theme}"'
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if line.lstrip().startswith("["):  # top-level settings end at the first table
            lines.insert(index, entry)
            break
        if re.match(r"\s*theme\s*=", line):
            lines[index] = entry
            break
    else:
        lines.append(entry)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.replace(temporary, path)
