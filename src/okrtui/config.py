"""Where the data lives, what day it is, and who is at the keyboard.

Nothing here touches the disk at import: directories are made only when a
database is first created (`store.database.open_database`).
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from okrtui.core.errors import OkrtuiError

DB_ENV = "OKRTUI_DB"
TODAY_ENV = "OKRTUI_TODAY"
USER_ENV = "OKRTUI_USER"
DB_FILENAME = "okrtui.db"


def default_db_path() -> Path:
    """The per-user database, in the platform's data directory."""
    import platformdirs  # imported here: only needed when no path was given

    return Path(platformdirs.user_data_dir("okrtui")) / DB_FILENAME


def resolve_db_path(cli_value: str | None) -> Path:
    """`--db PATH` wins, then `OKRTUI_DB`, then the settings file's `database`, then the
    per-user default."""
    chosen = cli_value or os.environ.get(DB_ENV)
    if not chosen:
        from okrtui.settings import load_settings

        chosen = load_settings().database
    return Path(chosen).expanduser() if chosen else default_db_path()


def today() -> date:
    """Today's date, or `OKRTUI_TODAY` (YYYY-MM-DD) for reproducible runs."""
    pinned = os.environ.get(TODAY_ENV, "").strip()
    if not pinned:
        return date.today()
    try:
        return date.fromisoformat(pinned)
    except ValueError:
        raise OkrtuiError(f"{TODAY_ENV}={pinned!r} is not a date (expected YYYY-MM-DD)") from None


def current_user() -> str:
    """Who the changes are recorded for: the operating-system account running okrtui,
    by uid (not `$USER`, which a shell may carry over from someone else), unless
    `OKRTUI_USER` says it on purpose (a script acting for a person, a test)."""
    from okrtui.accounts import account
    from okrtui.core.text import clean_line

    named = clean_line(os.environ.get(USER_ENV, ""))
    return named or account()[0]
