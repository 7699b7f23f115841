"""Write or edit a journal entry: Markdown in a multi-line editor, keys only.

What is typed is kept as a draft every couple of seconds and when the screen
goes away (escape, quit, a lost connection), so at most the last seconds are
lost; the draft is offered back the next time.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Input, Static, TextArea

from okrtui.core.errors import InvalidInput, OkrtuiError, validation_problem
from okrtui.tui.widgets.form import Choice, FieldInput, PlainTextArea
from okrtui.tui.widgets.key_bar import KeyBar

DRAFT_SECONDS = 2.0
WRAP_MAX = 200_000  # characters an entry may have and still be wrapped in the editor
# Saves the typed entry: (kind, date text, links text, body) → the saved entry.
SaveEntry = Callable[[str, str, str, str], Any]
# Keeps a draft: (kind, links text, body) → None.
KeepDraft = Callable[[str, str, str], None]


class EntryEditor(Screen[Any]):
    """A full screen editor; ctrl+s saves, escape closes and keeps a draft."""

    DEFAULT_CSS = """
    EntryEditor #editor-title { height: 1; padding: 0 1; background: $panel; }
    EntryEditor #editor-fields { height: 1; margin: 1 1 0 1; }
    EntryEditor #editor-fields > Static { width: auto; padding-right: 1; }
    EntryEditor #editor-fields > Choice { width: auto; padding-left: 0; margin-right: 2; }
    EntryEditor #editor-fields > FieldInput { width: 14; height: 1; border: none;
        padding: 0 1; margin-right: 2; }
    EntryEditor #editor-fields > #links { width: 1fr; }
    EntryEditor TextArea { height: 1fr; margin: 1 1 0 1; }
    EntryEditor #editor-problem { height: auto; padding: 0 1; color: $error; }
    EntryEditor #editor-hint { height: 1; padding: 0 1; color: $text-muted;
        text-wrap: nowrap; text-overflow: ellipsis; }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "close", "Close (keeps a draft)", priority=True),
        Binding("ctrl+d", "discard", "Discard draft", priority=True),
    ]

    def __init__(self, title: str, *, body: str, kind: str, at: date, links: str,
                 save: SaveEntry, keep_draft: KeepDraft, drop_draft: Callable[[], None],
                 fixed_kind: bool = False, notice: str = "", from_draft: bool = False,
                 keep_unchanged: bool = False) -> None:
        """`from_draft`: the text given is a draft left earlier; `keep_unchanged`: the
        text given is saved nowhere yet (a review's note made from the data), so it
        is kept as a draft even if not a key is typed."""
        super().__init__()
        self._title = title
        self._body = body
        self._kind = kind
        self._at = at
        self._links = links
        self._save = save
        self._keep_draft = keep_draft
        self._drop_draft = drop_draft
        self._fixed_kind = fixed_kind
        self._notice = notice
        self._from_draft = from_draft
        self._done = False
        self.saved_ok = False
        self.draft_words = "journal entry"
        self._keep_unchanged = keep_unchanged and not from_draft
        self._last_seen = self._opened = (kind, links, body)
        self._kept: tuple[str, str, str] | None = (
            None if self._keep_unchanged else self._opened)

    def compose(self) -> ComposeResult:
        yield Static(Content(self._title), id="editor-title")
        with Horizontal(id="editor-fields"):
            if not self._fixed_kind:
                yield Static("Kind", markup=False)
                yield Choice([("note", "note"), ("decision", "decision")], self._kind, "kind")
            yield Static("Date", markup=False)
            yield _field(self._at.isoformat(), "date", "YYYY-MM-DD")
            yield Static("About", markup=False)
            yield _field(self._links, "links", "metric names, KR3, O2 (comma-separated)")
        # Textual's wrapping costs a pass over every line for each line drawn: past
        # WRAP_MAX characters lines are left unwrapped, so that typing stays fast
        # (measured on a 1 MiB entry: 25 ms a key unwrapped, 90-170 ms wrapped).
        wrap = len(self._body) <= WRAP_MAX
        yield PlainTextArea(self._body, id="body", soft_wrap=wrap, tab_behavior="focus")
        yield Static(Content(self._notice), id="editor-problem")
        yield Static(("" if wrap else "a long entry: lines are not wrapped · ")
                     + "ctrl+s saves · esc closes and keeps a draft · ctrl+d discards the draft "
                     "· tab moves between fields", id="editor-hint", markup=False)
        yield KeyBar()

    AUTO_FOCUS = "#body"

    def on_mount(self) -> None:
        self.set_interval(DRAFT_SECONDS, self.keep_draft)
        # Typing goes on where the text ends (a draft, an entry, the review's next tests).
        body = self.query_one(TextArea)
        body.move_cursor(body.document.end)

    def on_text_area_changed(self) -> None:
        self._values()

    def on_input_changed(self) -> None:
        self._values()

    def unsaved(self) -> bool:
        """Whether there is text here that is not saved (a draft given back counts)."""
        return not self._done and (self._from_draft or self._keep_unchanged
                                   or self._values() != self._opened)

    @property
    def body(self) -> str:
        """The text typed so far."""
        return self.query_one(TextArea).text

    def _values(self) -> tuple[str, str, str]:
        """(kind, links, body) as typed; once the widgets are gone (the app is
        closing), as they were last seen."""
        try:
            kind = self._kind if self._fixed_kind else self.query_one(Choice).value
            self._last_seen = (kind, self.query_one("#links", Input).value, self.body)
        except NoMatches:
            pass
        return self._last_seen

    def keep_draft(self) -> None:
        """Save what is typed as a draft, if it changed since the last time (opening an
        entry and leaving it as it was keeps no draft)."""
        values = self._values()
        if self._done or values == self._kept:
            return
        try:
            if values == self._opened and not (self._from_draft or self._keep_unchanged):
                self._drop_draft()  # typed, then put back as it was: nothing to keep
            else:
                self._keep_draft(*values)
        except OkrtuiError:
            return  # a busy or read-only database: try again at the next tick
        self._kept = values

    def discard_draft(self) -> None:
        """Throw away what is typed here and its draft (quitting with "discard")."""
        self._done = True
        self._drop_draft()

    def on_unmount(self) -> None:
        self.keep_draft()

    def action_save(self) -> None:
        kind, links, body = self._values()
        problem = self.query_one("#editor-problem", Static)
        problem.update("")
        try:
            saved = self._save(kind, self.query_one("#date", Input).value, links, body)
        except (InvalidInput, OkrtuiError) as error:
            problem.update(Content(str(error)))
            field = getattr(error, "field", None)
            if field in ("date", "links"):
                self.query_one(f"#{field}", Input).focus()
            return
        except ValidationError as error:
            problem.update(Content(validation_problem(error)[1]))
            return
        self._done = self.saved_ok = True
        self.dismiss(saved)

    def action_close(self) -> None:
        self.keep_draft()
        self._done = True
        self.dismiss(None)

    def action_discard(self) -> None:
        """Throw the draft away, after a yes: it cannot be undone."""
        from okrtui.tui.widgets.confirm import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if yes:
                self._done = True
                self._drop_draft()
                self.dismiss(None)

        self.app.push_screen(ConfirmDialog("Discard the draft", "Throw away what you typed "
                                           "here? It cannot be brought back."), answered)


def _field(value: str, field_id: str, placeholder: str) -> FieldInput:
    widget = FieldInput(value, placeholder=placeholder)
    widget.id = field_id
    return widget
