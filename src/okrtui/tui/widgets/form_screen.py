"""What every dialog shares: enter saves, escape cancels, messages by the field, and a
draft of what is typed (kept a few seconds after typing stops and on a hang-up,
offered back the next time the same form opens for the same item, dropped when the
form is saved or cancelled)."""

from __future__ import annotations

import contextlib
import time
from typing import TypeVar

from textual.await_complete import AwaitComplete
from textual.css.query import NoMatches
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from okrtui.core.errors import OkrtuiError
from okrtui.tui.widgets.form import FieldRow, Toggle
from okrtui.tui.widgets.form_drafts import (
    DRAFT_SECONDS,
    DraftStore,
    StoredDraft,
    draft_back_words,
    restore_values,
    typed_values,
)

ResultT = TypeVar("ResultT")


class FormScreen(ModalScreen[ResultT]):
    """A modal form: subclasses compose their fields, a `#form-problem` line, and
    implement `action_save`; this class shows what went wrong, where."""

    DEFAULT_CSS = """
    FormScreen { align: center middle; }
    FormScreen > Vertical {
        width: 72; max-width: 100%; height: auto; max-height: 100%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    FormScreen .hint { color: $text-muted; }
    FormScreen #form-problem { color: $text-error; display: none; }
    FormScreen #form-problem.-shown { display: block; }
    """

    AUTO_FOCUS = "FieldInput"  # subclasses name their first field
    # A draft is kept as (form kind, item) when `draft_key` is set: ("check-in", "KR3").
    draft_key: tuple[str, str] | None = None
    draft_words = "input"  # what the draft is called when offered back: "check-in"
    drafts: DraftStore | None = None  # the app hands it over before the form is shown
    saved_ok = False  # True once the form saved (and closed)

    def on_mount(self) -> None:
        self._initial = self._typed = self._kept = typed_values(self)
        self._stored = False
        self._typed_at = time.monotonic()
        self._resumed = False
        draft = self._draft_store_get()
        if draft is not None:
            restore_values(self, draft.fields)
            self._typed = self._kept = typed_values(self)
            self._stored = True
            self._focus_after_restore = draft.focus
            self.show_problem(draft_back_words(self.draft_words, draft.saved_at))
        if self.draft_key is not None and self.drafts is not None:
            self.set_interval(DRAFT_SECONDS / 4, self._tick)

    def _draft_store_get(self) -> StoredDraft | None:
        if self.draft_key is None or self.drafts is None:
            return None
        try:
            return self.drafts.get(*self.draft_key)
        except OkrtuiError:
            return None

    def on_screen_resume(self) -> None:
        if self._resumed:
            return  # back from a question (quit?): the form as it was, cursor and all
        self._resumed = True
        focus = getattr(self, "_focus_after_restore", "")
        if focus:
            with contextlib.suppress(NoMatches):
                self.query_one(f"#{focus}").focus()
            return
        # Typing replaces the prefilled value of the field that has the focus
        # (AUTO_FOCUS has just focused it; no query, so a closing app cannot trip here).
        if isinstance(self.focused, Input):
            self.focused.select_all()

    # -- the draft -------------------------------------------------------------------

    def typed(self) -> dict[str, str]:
        """The fields as typed now (once the widgets are gone, as last seen)."""
        if self.is_attached:
            with contextlib.suppress(NoMatches):
                self._typed = typed_values(self)
        return self._typed

    def unsaved(self) -> bool:
        """Whether something was typed that is not saved."""
        return hasattr(self, "_initial") and self.typed() != self._initial

    def on_input_changed(self) -> None:
        self._typed_at = time.monotonic()  # typing: the draft waits for a pause

    def _tick(self) -> None:
        before = self._typed
        if self.typed() != before:
            self._typed_at = time.monotonic()  # still typing: wait for a pause
        elif time.monotonic() - self._typed_at >= DRAFT_SECONDS:
            self.keep_draft()

    def keep_draft(self) -> None:
        """Keep what is typed as a draft (nothing typed: no draft at all)."""
        if self.draft_key is None or self.drafts is None or not hasattr(self, "_initial"):
            return
        values = self.typed()
        try:
            if values == self._initial:
                if self._stored:
                    self.drafts.drop(*self.draft_key)
                    self._stored = False
                self._kept = values
                return
            if values == self._kept and self._stored:
                return
            focused = self.focused.id if self.focused is not None else ""
            self.drafts.save(*self.draft_key, values, focused or "")
        except OkrtuiError:
            return  # a busy or read-only database: try again at the next tick
        self._kept, self._stored = values, True

    def discard_draft(self) -> None:
        """Throw the draft away (saved, cancelled, or "discard" on quitting)."""
        if self.draft_key is None or self.drafts is None or not self._stored_draft():
            return
        try:
            self.drafts.drop(*self.draft_key)
        except OkrtuiError:
            return
        self._stored = False

    def _stored_draft(self) -> bool:
        return getattr(self, "_stored", False)

    def dismiss(self, result: ResultT | None = None) -> AwaitComplete:
        # Saved or cancelled (esc): either way the draft is done with.
        self.saved_ok = result is not None
        self.discard_draft()
        self._initial = self._kept = self.typed()
        return super().dismiss(result)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_toggle_submitted(self, event: Toggle.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        raise NotImplementedError

    def clear_messages(self) -> None:
        """Hide every message before trying again."""
        for row in self.query(FieldRow):
            row.show_error("")
        self.show_problem("")

    def focus_field(self, field: str) -> None:
        """Focus a field with its text selected, so typing replaces it."""
        target = self.query_one(f"#{field}", Input)
        target.focus()
        target.select_all()

    def show_field_error(self, field: str | None, message: str) -> None:
        """The message under its field (focused), or on the form's problem line."""
        rows = {row.id for row in self.query(FieldRow)}
        if field is not None and f"row-{field}" in rows:
            self.query_one(f"#row-{field}", FieldRow).show_error(message)
            self.focus_field(field)
        else:
            self.show_problem(message)

    def show_problem(self, message: str) -> None:
        """A message about the whole form (empty hides it)."""
        problem = self.query_one("#form-problem", Static)
        if not message and not problem.has_class("-shown"):
            return
        problem.update(message)
        problem.set_class(bool(message), "-shown")
