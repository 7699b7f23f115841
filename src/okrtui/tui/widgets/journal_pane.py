"""The review journal pane: dated entries, newest first, with what they are about."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message

from okrtui.core.format import cell_width, fit, shorten
from okrtui.core.models import JournalEntry
from okrtui.tui.actions import JOURNAL, bindings
from okrtui.tui.widgets.row_list import Cell, Column, RowList
from okrtui.tui.widgets.status_line import QuietStatic

EMPTY_TEXT = ("No entries yet. w writes a note or a decision; W walks the weekly review "
              "and saves its note here.")
KIND_LABEL = {"note": "note", "decision": "decision", "review": "review"}


def journal_line(entries: Sequence[JournalEntry]) -> str:
    """`journal: 3 entries · 2026-11-23 decision: Pricing test · …` (the latest two)."""
    if not entries:
        return ""
    latest = " · ".join(f"{e.at} {e.kind}: {shorten(e.title, 40)}" for e in entries[:2])
    return f"journal: {len(entries)} entr{'y' if len(entries) == 1 else 'ies'} · {latest}"


def journal_columns(width: int) -> list[Column]:
    """Date, kind, author, the title, and what it is about when there is room."""
    fixed = [Column("at", "Date", 10), Column("kind", "Kind", 8), Column("by", "By", 8)]
    about = [Column("about", "About", 16)] if width >= 100 else []
    used = sum(c.width + 2 for c in [*fixed, *about]) + 1 + 2
    return [*fixed, Column("title", "Entry", max(12, width - used)), *about]


EDITED = " (edited)"


def edited(entry: JournalEntry) -> bool:
    """Whether the entry was changed after it was written (saved again, or stamped later)."""
    later = (entry.updated_at is not None and entry.created_at is not None
             and entry.updated_at > entry.created_at)
    return later or entry.version > 1


def journal_cells(entry: JournalEntry, about: str, title_width: int = 0) -> dict[str, Cell]:
    """An entry's cells; an edited one says so after its title, which is cut first."""
    title = entry.title
    if edited(entry):
        if title_width and cell_width(title) + len(EDITED) > title_width:
            title = fit(title, max(title_width - len(EDITED), 1)).rstrip()
        title += EDITED
    return {
        "at": (entry.at.isoformat(), ""),
        "kind": (KIND_LABEL[entry.kind], "bold" if entry.kind == "decision" else "italic"
                 if entry.kind == "review" else ""),
        "by": (entry.author, ""),
        "title": (title, ""),
        "about": (about, "dim"),
    }


@dataclass(frozen=True)
class JournalRow:
    """An entry as the pane shows it; what it is about is read only if it is drawn."""

    entry: JournalEntry
    about: Callable[[], str]


class JournalPane(Vertical):
    """Shows journal entries; the screen asks which one is selected."""

    BINDINGS = bindings(JOURNAL)

    class EntryChosen(Message):
        """Enter on an entry: edit it."""

        def __init__(self, entry_id: int) -> None:
            super().__init__()
            self.entry_id = entry_id

    DEFAULT_CSS = """
    JournalPane { height: 5; }
    JournalPane > #journal-empty { height: 1fr; padding: 0 1; color: $text-muted; }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.border_title = "Review journal"
        self._rows: list[JournalRow] = []
        self._entries: list[JournalEntry] = []
        self._columns: list[Column] = []

    def compose(self) -> ComposeResult:
        yield RowList(id="journal-list")
        yield QuietStatic(EMPTY_TEXT, id="journal-empty")

    @property
    def table(self) -> RowList:
        """The list of entries."""
        return self.query_one(RowList)

    @property
    def entries(self) -> tuple[JournalEntry, ...]:
        """The entries shown, newest first."""
        return tuple(self._entries)

    @property
    def selected(self) -> JournalEntry | None:
        """The entry under the cursor."""
        if not self._entries:
            return None
        return self._entries[min(self.table.cursor, len(self._entries) - 1)]

    def on_row_list_chosen(self, event: RowList.Chosen) -> None:
        event.stop()
        entry = self.selected
        if entry is not None:
            self.post_message(self.EntryChosen(entry.id or 0))

    def show(self, rows: Sequence[JournalRow], total: int, search: str = "",
             keep: int | None = None) -> None:
        """Replace the entries (found by `search`, if any); the cursor stays on entry
        `keep` if given."""
        self._rows = list(rows)
        self._entries = [r.entry for r in rows]
        entries = self._entries
        searching = f" · search: {search} (esc clears)" if search else ""
        self.border_title = Content("Review journal" + searching)  # never markup
        self.border_subtitle = (f"{len(entries)} of {total} entries" if search
                                else f"{total} entr{'y' if total == 1 else 'ies'}")
        self.table.display = bool(entries)
        empty = self.query_one("#journal-empty", QuietStatic)
        empty.display = not entries
        empty.say("Nothing matches: esc clears the search." if search else EMPTY_TEXT)
        cursor = next((i for i, e in enumerate(self._entries) if e.id == keep), 0)
        self._fill(cursor)

    def _fill(self, cursor: int) -> None:
        self._columns = journal_columns(self.size.width or 80)
        width = next(c.width for c in self._columns if c.key == "title")
        rows = [(lambda r=r: journal_cells(r.entry, r.about(), width)) for r in self._rows]
        self.table.set_rows(self._columns, rows, cursor)

    def on_resize(self) -> None:
        if journal_columns(self.size.width) != self._columns:
            self._fill(self.table.cursor)
