"""What a form has typed, as text by field id: to keep as a draft and to put back.

`FormScreen` keeps its draft through a `DraftStore` (the repository's
`form_drafts`, handed over by the app); these helpers read and restore the
fields (inputs, [x] toggles, (•) choices) of any form, whatever its fields.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Protocol

from textual.dom import DOMNode
from textual.widgets import Input

from okrtui.tui.widgets.form import Choice, Toggle

DRAFT_SECONDS = 2.0  # a draft is written this long after typing stops


class StoredDraft(Protocol):
    """A draft as the store gives it back (`store.form_drafts.FormDraft`)."""

    @property
    def fields(self) -> dict[str, str]: ...

    @property
    def focus(self) -> str: ...

    @property
    def saved_at(self) -> datetime: ...


class DraftStore(Protocol):
    """Where drafts are kept (`store.form_drafts.FormDrafts`)."""

    def save(self, form: str, item: str, fields: dict[str, str], focus: str = "") -> None: ...

    def get(self, form: str, item: str) -> StoredDraft | None: ...

    def drop(self, form: str, item: str) -> None: ...


def typed_values(root: DOMNode) -> dict[str, str]:
    """Every field under `root` by id: an input's text, "x" for a ticked toggle, a choice's key."""
    values: dict[str, str] = {}
    for widget in root.query("Input, Toggle, Choice"):
        if not widget.id:
            continue
        if isinstance(widget, Input):
            values[widget.id] = widget.value
        elif isinstance(widget, Toggle):
            values[widget.id] = "x" if widget.value else ""
        elif isinstance(widget, Choice):
            values[widget.id] = widget.value
    return values


def restore_values(root: DOMNode, values: dict[str, str]) -> None:
    """Put `values` (from `typed_values`) back into the fields that still exist."""
    for widget in root.query("Input, Toggle, Choice"):
        if not widget.id or widget.id not in values:
            continue
        value = values[widget.id]
        if isinstance(widget, Input):
            widget.value = value
            widget.cursor_position = len(value)
        elif isinstance(widget, Toggle):
            widget.value = value == "x"
        elif isinstance(widget, Choice):
            widget.choose(value)


def draft_back_words(what: str, saved_at: datetime, now: datetime | None = None) -> str:
    """ "Your unsaved check-in from 10:02 UTC is back: esc discards it" """
    now = now or datetime.now(UTC)
    saved = saved_at if saved_at.tzinfo else saved_at.replace(tzinfo=UTC)
    when = (f"{saved:%H:%M} UTC" if saved.date() == now.date()
            else f"{saved:%Y-%m-%d %H:%M} UTC")
    return f"Your unsaved {what} from {when} is back: esc discards it"


