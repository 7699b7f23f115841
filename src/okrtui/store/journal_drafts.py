"""Drafts: what someone is typing in the journal, kept every few seconds.

One draft per person and entry, so a dropped SSH connection loses almost
nothing. A draft is this user's own: nobody else sees or drops it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from okrtui.core.models import EntryKind
from okrtui.core.text import clean_line, clean_text
from okrtui.store import sql
from okrtui.store.database import write_transaction
from okrtui.store.sql import StoreContext

# Draft slots besides an entry's own id: 0 for a new note, -1 for a review's note.
NEW_DRAFT, REVIEW_DRAFT = 0, -1


@dataclass(frozen=True)
class Draft:
    """What someone was typing, saved every few seconds."""

    entry_id: int | None
    kind: EntryKind
    week: date | None
    body: str
    links: str
    saved_at: datetime


class Drafts:
    """This user's journal drafts."""

    def __init__(self, ctx: StoreContext) -> None:
        self.ctx = ctx
        self.db = ctx.db

    def save(self, entry_id: int | None, kind: str, body: str, links: str = "",
             week: date | None = None) -> None:
        """Keep what is being typed (one draft per person and entry)."""
        with write_transaction(self.db):
            sql.execute(
                self.db,
                "INSERT INTO journal_draft (author, entry_id, kind, week, body, links, saved_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (author, entry_id) DO UPDATE SET "
                "kind = excluded.kind, week = excluded.week, body = excluded.body, "
                "links = excluded.links, saved_at = excluded.saved_at",
                [self.ctx.user, entry_id or 0, kind, week and week.isoformat(), body, links,
                 sql.now_utc()])

    def get(self, entry_id: int | None = None) -> Draft | None:
        """This person's draft for an entry (None: a new entry), if one was left."""
        row = sql.first(
            self.db, "SELECT entry_id, kind, week, body, links, saved_at FROM journal_draft "
            "WHERE author = ? AND entry_id = ?", [self.ctx.user, entry_id or 0])
        if row is None:
            return None
        return Draft(row["entry_id"] or None, row["kind"],
                     row["week"] and date.fromisoformat(row["week"]), clean_text(row["body"]),
                     clean_line(row["links"]), datetime.fromisoformat(row["saved_at"]))

    def drop(self, entry_id: int | None = None) -> None:
        """Forget this person's draft (they chose not to keep it)."""
        with write_transaction(self.db):
            self.drop_inside(entry_id)

    def drop_inside(self, entry_id: int | None) -> None:
        """`drop` inside the caller's transaction (an entry saved is a draft done with)."""
        sql.execute(self.db, "DELETE FROM journal_draft WHERE author = ? AND entry_id = ?",
                    [self.ctx.user, entry_id or 0])
