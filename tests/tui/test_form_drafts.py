"""No typed input is lost, by keys at 80×24: in every form kind, quitting with unsaved
input asks save / discard / cancel; cancel gives the form back as it was (values, the
field focused, the cursor), discard leaves no draft, save saves. A draft is written a
few seconds after typing stops and offered back; a form closed unchanged keeps none."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from okrtui.core.models import JournalEntry
from okrtui.store.database import open_database
from okrtui.store.repository import Repository
from okrtui.tui.app import OkrApp
from okrtui.tui.screens.dashboard import DashboardScreen
from okrtui.tui.screens.entry_editor import EntryEditor
from okrtui.tui.widgets.form_screen import FormScreen
from okrtui.tui.widgets.quit_dialog import QuitDialog
from tests.tui.conftest import reopen
from tests.tui.helpers import TODAY, run_app, screen_text, type_text
from tests.tui.test_okr_pane import _plan

Check = Callable[[Repository], bool]
DRAFT_WAIT = 3.2  # seconds: the draft is written DRAFT_SECONDS (2) after typing stops


@dataclass(frozen=True)
class FormKind:
    """How to open one kind of form, what to type in it, how to see it saved."""

    name: str
    keys: tuple[str, ...]
    typed: str
    saved: Check


def _reading(repo: Repository) -> bool:
    return [p.value for p in repo.current_points(1, TODAY, limit=1)] == [3.3]


def _check_in(repo: Repository) -> bool:
    return [c.value for c in repo.okrs.check_ins(1)] == [3.5]


def _kpi(repo: Repository) -> bool:
    return any(m.name == "Retention" for m in repo.list_metrics(include_archived=True))


def _objective(repo: Repository) -> bool:
    rows = repo.db.execute("SELECT title FROM objective").fetchall()
    return ("Grow the base",) in [tuple(r) for r in rows]


def _key_result(repo: Repository) -> bool:
    return repo.okrs.get_key_result(1).statement == "Halve churn"


def _grade(repo: Repository) -> bool:
    return repo.okrs.get_key_result(1).final_score == 0.6


def _entry(repo: Repository) -> bool:
    return [e.body for e in repo.journal.entries()] == ["Churn is noisy"]


KINDS = [
    FormKind("reading", ("r",), "3.3", _reading),
    FormKind("check-in", ("tab", "j", "c"), "3.5", _check_in),
    FormKind("kpi", ("a",), "Retention", _kpi),
    FormKind("objective", ("A",), "Grow the base", _objective),
    FormKind("key-result", ("tab", "j", "e"), "Halve churn", _key_result),
    FormKind("grade", ("Z",), "0.6", _grade),
    FormKind("journal", ("w",), "Churn is noisy", _entry),
]


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "drafts.db"
    _plan(path)
    return path


def _drafts_left(path: Path) -> int:
    db = open_database(path)
    (forms,) = db.execute("SELECT count(*) FROM form_draft").fetchone()
    (journal,) = db.execute("SELECT count(*) FROM journal_draft").fetchone()
    db.close()
    return int(forms) + int(journal)


def _focus_state(app: OkrApp) -> tuple[str, str, object]:
    focused = app.screen.focused
    assert focused is not None
    if isinstance(focused, Input):
        return focused.id or "", focused.value, focused.cursor_position
    text = getattr(focused, "text", "")
    return focused.id or "", text, getattr(focused, "cursor_location", None)


async def _open_and_type(pilot: Pilot[int], app: OkrApp, kind: FormKind) -> None:
    await pilot.press(*kind.keys)
    await pilot.pause()
    assert isinstance(app.screen, FormScreen | EntryEditor), screen_text(app)
    await type_text(pilot, kind.typed)
    await pilot.press("left")  # the cursor somewhere other than the end
    await pilot.pause()


async def _quit_asks(pilot: Pilot[int], app: OkrApp, key: str) -> None:
    await pilot.press(key)
    await pilot.pause()
    assert isinstance(app.screen, QuitDialog)
    text = screen_text(app)
    assert "is not saved" in text and "s: save it and quit" in text, text


@pytest.mark.parametrize("kind", KINDS, ids=[k.name for k in KINDS])
def test_quitting_asks_and_cancel_gives_the_form_back_as_it_was(plan: Path,
                                                                 kind: FormKind) -> None:
    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        await _open_and_type(pilot, app, kind)
        form, before = app.screen, _focus_state(app)
        await _quit_asks(pilot, app, "ctrl+q")
        await pilot.press("escape")  # cancel
        await pilot.pause()
        assert app.screen is form and app.return_code is None
        assert _focus_state(app) == before
        await type_text(pilot, "!")  # typing goes on where the cursor was
        assert _focus_state(app)[1] == kind.typed[:-1] + "!" + kind.typed[-1]

    run_app(plan, scenario)


@pytest.mark.parametrize("kind", KINDS, ids=[k.name for k in KINDS])
def test_discard_quits_and_leaves_no_draft(plan: Path, kind: FormKind) -> None:
    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        await _open_and_type(pilot, app, kind)
        await pilot.pause(DRAFT_WAIT)  # long enough for the draft to be written
        assert _drafts_left(plan) == 1
        await _quit_asks(pilot, app, "ctrl+c")
        await pilot.press("d")
        await pilot.pause()
        assert app.return_code == 0

    run_app(plan, scenario)
    assert _drafts_left(plan) == 0
    assert not kind.saved(reopen(plan))


@pytest.mark.parametrize("kind", KINDS, ids=[k.name for k in KINDS])
def test_save_saves_and_quits(plan: Path, kind: FormKind) -> None:
    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        await _open_and_type(pilot, app, kind)
        await _quit_asks(pilot, app, "ctrl+q")
        await pilot.press("s")
        await pilot.pause()
        await pilot.pause()
        assert app.return_code == 0, screen_text(app)

    run_app(plan, scenario)
    assert kind.saved(reopen(plan))
    assert _drafts_left(plan) == 0


def test_a_refused_save_stays_in_the_form_with_its_message(plan: Path) -> None:
    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        await _open_and_type(pilot, app, FormKind("reading", ("r",), "lots", _reading))
        await _quit_asks(pilot, app, "ctrl+q")
        await pilot.press("s")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, FormScreen) and app.return_code is None
        assert "a number" in screen_text(app)

    run_app(plan, scenario)


def test_a_draft_is_offered_back_and_esc_discards_it(plan: Path) -> None:
    async def typed(pilot: Pilot[int], app: OkrApp) -> None:
        await pilot.press("tab", "j", "c")
        await pilot.pause()
        await type_text(pilot, "3.6")
        await pilot.press("tab", "tab")
        await type_text(pilot, "7")
        app._hang_up()  # what SIGHUP and SIGTERM do
        await pilot.pause()

    async def back(pilot: Pilot[int], app: OkrApp) -> None:
        await pilot.press("tab", "j", "c")
        await pilot.pause()
        text = screen_text(app)
        assert "Your unsaved check-in from" in text and "is back: esc discards it" in text
        assert app.screen.focused is not None and app.screen.focused.id == "confidence"
        assert app.screen.query_one("#value", Input).value == "3.6"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)

    run_app(plan, typed)
    assert _drafts_left(plan) == 1
    run_app(plan, back)
    assert _drafts_left(plan) == 0
    assert reopen(plan).okrs.check_ins(1) == []


def test_quitting_an_unchanged_form_asks_nothing_and_keeps_no_draft(plan: Path) -> None:
    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        await pilot.press("tab", "j", "c")
        await pilot.pause(DRAFT_WAIT)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code == 0

    run_app(plan, scenario)
    assert _drafts_left(plan) == 0


def test_opening_a_journal_entry_and_leaving_it_unchanged_keeps_no_draft(plan: Path) -> None:
    repo = Repository(open_database(plan), "tester")
    repo.journal.add(JournalEntry(kind="note", at=date(2026, 11, 20), body="Churn noted"),
                     TODAY)
    repo.db.close()

    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        await pilot.press("tab", "tab", "e")
        await pilot.pause(DRAFT_WAIT)
        assert isinstance(app.screen, EntryEditor)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("tab", "e")
        await pilot.pause()
        assert "unsaved changes" not in screen_text(app)
        await pilot.press("ctrl+q")  # nothing changed: nothing to ask
        await pilot.pause()
        assert app.return_code == 0

    run_app(plan, scenario)
    assert _drafts_left(plan) == 0
