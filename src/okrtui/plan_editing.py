"""Planning a cycle in the person's own editor, for `okrtui plan` and the dashboard's `P`.

The text is `core.plan_text`'s; the editor is `$VISUAL`, else `$EDITOR`, else
`vi`, split as a shell would (`EDITOR="code -w"`), run on a temporary file
that is removed afterwards.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from okrtui.core.errors import OkrtuiError
from okrtui.core.plan_diff import PlanDiff, diff_plan
from okrtui.core.plan_model import PlanDraft
from okrtui.core.plan_text import parse_plan, render_plan
from okrtui.store.repository import Repository


@dataclass(frozen=True)
class ReadPlan:
    """A text read against the cycle: the plan it gives and what it would change."""

    cycle: str
    draft: PlanDraft
    diff: PlanDiff


def plannable_cycle(repo: Repository, name: str) -> str:
    """The cycle's name as the database knows it; a closed cycle is refused (a record)."""
    cycle = str(repo.cycles.get(name))
    if repo.closing.is_closed(cycle):
        raise OkrtuiError(f"{cycle} is closed: its plan is a record (reopen it first: "
                          f"okrtui quarter reopen {cycle})")
    return cycle


def plan_markdown(repo: Repository, cycle: str) -> str:
    """The cycle's plan as the editor shows it."""
    return render_plan(cycle, repo.okrs.current_plan(cycle))


def read_plan(repo: Repository, cycle: str, text: str) -> ReadPlan:
    """Parse a text and compare it with the cycle's plan (raises `PlanRefused`)."""
    draft = parse_plan(text)
    diff = diff_plan(cycle, repo.okrs.current_plan(cycle), draft)
    repo.okrs.check_plan_names(diff)
    return ReadPlan(cycle, draft, diff)


def apply_plan(repo: Repository, read: ReadPlan, today: date) -> PlanDiff:
    """Apply what was shown, in one transaction; refused if the plan changed since."""
    return repo.okrs.apply_plan(read.cycle, read.draft, today=today, expected=read.diff)


def editor_command() -> list[str]:
    """The editor to run: `$VISUAL`, `$EDITOR` (with its arguments), or `vi`."""
    chosen = os.environ.get("VISUAL", "").strip() or os.environ.get("EDITOR", "").strip()
    try:
        words = shlex.split(chosen) if chosen else []
    except ValueError:
        raise OkrtuiError(f"the editor {chosen!r} cannot be read as a command") from None
    return words or ["vi"]


def edit_text(text: str, cycle: str) -> str:
    """Open `text` in the editor and return what was saved (the file is removed)."""
    command = editor_command()
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in cycle)
    handle, name = tempfile.mkstemp(prefix=f"okrtui-plan-{safe}-", suffix=".md")
    path = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        try:
            done = subprocess.run([*command, str(path)], check=False)
        except OSError as error:
            raise OkrtuiError(f"the editor {command[0]!r} could not be run: "
                              f"{error.strerror or error}") from None
        if done.returncode != 0:
            raise OkrtuiError(f"the editor {command[0]!r} exited with status "
                              f"{done.returncode}: nothing was applied")
        return path.read_text(encoding="utf-8", errors="replace")
    finally:
        path.unlink(missing_ok=True)
