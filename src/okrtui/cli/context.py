"""What every command shares: the repository the arguments choose, today, small helpers.

Imports nothing from the other command-line modules, and the store only when a
command opens the database, so `okrtui --help` loads no SQLite code.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from okrtui.core.errors import InvalidInput, describe_validation

if TYPE_CHECKING:
    from okrtui.core.cycles import Cycle
    from okrtui.store.repository import Repository

CYCLE_HELP = "the cycle: a quarter such as 2026-Q4, or a named cycle (default: today's)"

Handler = Callable[[argparse.Namespace], int]
"""A command: takes the parsed arguments, returns the exit code."""


def cli_today() -> date:
    """Today, the same way for every command (`OKRTUI_TODAY` pins it)."""
    from okrtui.config import today

    return today()


def open_repo(args: argparse.Namespace, create: bool = False) -> Repository:
    """The repository for the database the arguments and environment choose.

    Only commands that add data (and the dashboard) may create the file, and
    a folder is made only for the default location.
    """
    from okrtui.config import DB_ENV, current_user, resolve_db_path
    from okrtui.store.database import open_database
    from okrtui.store.repository import Repository

    if getattr(args, "demo", False):
        return Repository(open_database(_demo_database()), current_user())
    chosen = getattr(args, "db", None) or os.environ.get(DB_ENV)
    path = resolve_db_path(chosen)
    read_only = bool(getattr(args, "read_only", False))
    return Repository(open_database(path, create=create and not read_only,
                                    make_dirs=not chosen, read_only=read_only), current_user())


def _demo_database() -> Path:
    """A fresh demo database in a temporary directory removed when okrtui exits."""
    import atexit
    import shutil
    import tempfile

    from okrtui.config import current_user
    from okrtui.demo import build_demo
    from okrtui.store.database import open_database
    from okrtui.store.repository import Repository

    folder = Path(tempfile.mkdtemp(prefix="okrtui-demo-"))
    atexit.register(shutil.rmtree, folder, True)
    path = folder / "demo.db"
    repo = Repository(open_database(path), current_user())
    build_demo(repo, cli_today())
    repo.close()
    return path


def pick_quarter(repo: Repository, text: str | None) -> Cycle:
    """The cycle a `--quarter NAME` names (a quarter, or a cycle from `okrtui cycle
    list`), else today's."""
    known = repo.cycles.calendar()
    return known.parse(text) if text else known.current(cli_today())


def validated(model: Any, data: dict[str, Any]) -> Any:
    """`model` built from `data`, or one clear line saying which field is wrong."""
    from pydantic import ValidationError

    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise InvalidInput(describe_validation(error)) from None


def terminal_width() -> int:
    """The columns plain tables fit: `$COLUMNS` if set, else the terminal's, else 80
    (a pipe or a file; `--json` has every text whole)."""
    import shutil

    return max(shutil.get_terminal_size((80, 24)).columns, 40)


def write_whole(target: Path, text: str, shown: str) -> None:
    """Write through a temporary file, so a failure never leaves half a file behind.

    `shown` names the file in the error, as the user wrote it.
    """
    try:
        temporary = target.with_name(f".{target.name}.partial")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(target)
    except OSError as error:
        raise InvalidInput(f"cannot write {shown}: {error.strerror}") from None
