"""Form drafts: what someone has typed in a dialog and not saved yet.

One draft per person, form kind ("check-in", "reading", "kpi", ...) and the
item it is about ("KR3"; "" for a new one), written a few seconds after typing
stops and when the app quits or the connection drops; dropped on save or on an
explicit discard. A draft is this user's own: nobody else sees or drops it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from okrtui.core.text import clean_line
from okrtui.store import sql
from okrtui.store.database import write_transaction
from okrtui.store.sql import StoreContext


@dataclass(frozen=True)
class FormDraft:
    """The typed values of one form (field id → text), the field that had the focus."""

    form: str
    item: str
    fields: dict[str, str]
    focus: str
    saved_at: datetime


class FormDrafts:
    """This user's form drafts."""

    def __init__(self, ctx: StoreContext) -> None:
        self.ctx = ctx
        self.db = ctx.db

    def save(self, form: str, item: str, fields: dict[str, str], focus: str = "") -> None:
        """Keep what is typed in the form (replacing this person's earlier draft of it)."""
        with write_transaction(self.db):
            sql.execute(
                self.db,
                "INSERT INTO form_draft (author, form, item, fields, focus, saved_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (author, form, item) DO UPDATE SET "
                "fields = excluded.fields, focus = excluded.focus, saved_at = excluded.saved_at",
                [self.ctx.user, form, item, json.dumps(fields, ensure_ascii=False), focus,
                 sql.now_utc()])

    def get(self, form: str, item: str) -> FormDraft | None:
        """This person's draft of the form for the item, if one was left."""
        row = sql.first(
            self.db, "SELECT fields, focus, saved_at FROM form_draft "
            "WHERE author = ? AND form = ? AND item = ?", [self.ctx.user, form, item])
        if row is None:
            return None
        try:
            loaded = json.loads(row["fields"])
        except ValueError:
            return None  # not ours to read: leave it, offer nothing
        if not isinstance(loaded, dict):
            return None
        fields = {clean_line(str(k)): clean_line(str(v)) for k, v in loaded.items()}
        return FormDraft(form, item, fields, clean_line(row["focus"]),
                         datetime.fromisoformat(row["saved_at"]))

    def drop(self, form: str, item: str) -> None:
        """Forget this person's draft of the form (saved, or thrown away)."""
        with write_transaction(self.db):
            sql.execute(self.db, "DELETE FROM form_draft WHERE author = ? AND form = ? AND "
                        "item = ?", [self.ctx.user, form, item])

    def count(self) -> int:
        """How many drafts this person has left (for tests and `doctor`-like checks)."""
        row = sql.first(self.db, "SELECT count(*) AS n FROM form_draft WHERE author = ?",
                        [self.ctx.user])
        return int(row["n"]) if row else 0
