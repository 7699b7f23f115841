"""The review journal: write and edit entries (with drafts), search the pane."""

from __future__ import annotations

from datetime import date
from typing import Any

from okrtui.core.models import JournalEntry
from okrtui.core.parse import parse_date
from okrtui.tui.clipboard import too_large
from okrtui.tui.flows.base import Flow
from okrtui.tui.screens.entry_editor import EntryEditor
from okrtui.tui.screens.metric_detail import MetricScreen
from okrtui.tui.widgets.okr_forms import OkrForm


class JournalFlow(Flow):
    """What `w`, `e` (in the journal pane), `/` and `esc` do."""

    def search(self) -> None:
        """Find entries by words, or by what they are about (a KPI, KR3, O2)."""
        fields = [("words", "Find", self._views.journal_filter,
                   "words, or a KPI's name, KR3, O2 (blank shows all)")]
        self._ui.push(OkrForm("Search the journal", fields, lambda values: values["words"]),
                      self._searched)

    def _searched(self, words: str | None) -> None:
        if words is None:
            return
        self._views.journal_filter = words.strip()
        self._views.refresh_journal()
        pane = self._views.dashboard.journal
        if pane.entries:
            pane.table.focus()
        else:
            self._ui.say("Nothing in the journal matches: esc shows every entry")

    def copy(self) -> None:
        """Copy the entry under the cursor (its Markdown), else the note under the panes."""
        entry = self._ui.selection.entry() if self._views.dashboard.pane == "journal" else None
        text = entry.body if entry is not None else self._views.focus_note()
        what = f"the entry of {entry.at}" if entry is not None else "the note"
        if not text.strip():
            self._ui.say("Nothing to copy here: move to an entry or a row with a note")
            return
        if too_large(text):
            self._ui.say(f"{what.capitalize()} is too long for a terminal's clipboard "
                         "(okrtui journal show ID > FILE writes it to a file)")
            return
        self._ui.copy(text)
        self._ui.say(f"Copied {what} ({len(text):,} characters) to your clipboard")

    def clear_search(self) -> None:
        """Show every entry again."""
        if self._views.journal_filter:
            self._views.journal_filter = ""
            self._views.refresh_journal()
            self._ui.say("Showing every journal entry")

    def write(self) -> None:
        """Write a note or a decision about what is in view (or finish a draft)."""
        draft = self._ctx.repo.journal.draft(None)
        links, body, kind, notice = self._ui.selection.journal_links(), "", "note", ""
        if draft is not None and draft.kind != "review":
            links, body, kind = draft.links, draft.body, draft.kind
            notice = (f"Your draft from {draft.saved_at:%Y-%m-%d %H:%M} UTC is back "
                      "(ctrl+d discards it).")
        self._open_editor("New journal entry", None, kind, self._ctx.today, links, body,
                          notice, draft is not None and draft.kind != "review")

    def open_entry(self, entry_id: int | None = None) -> None:
        """Edit a journal entry (the one under the cursor if no id is given), or the
        draft left of it."""
        selected = self._ui.selection.entry()
        entry_id = entry_id if entry_id is not None else (selected.id if selected else None)
        if entry_id is None:
            return
        journal = self._ctx.repo.journal
        entry = journal.get(entry_id)
        draft = journal.draft(entry.id)
        links, body, notice = journal.link_text(entry.links), entry.body, ""
        if draft is not None:
            links, body = draft.links, draft.body
            notice = (f"Your unsaved changes from {draft.saved_at:%Y-%m-%d %H:%M} UTC are back "
                      "(ctrl+d discards them).")
        title = f"{entry.kind.capitalize()} {entry.id} by {entry.author or 'someone'}"
        self._open_editor(title, entry, entry.kind, entry.at, links, body, notice,
                          draft is not None)

    def _open_editor(self, title: str, entry: JournalEntry | None, kind: str, at: date,
                     links: str, body: str, notice: str, from_draft: bool = False) -> None:
        journal = self._ctx.repo.journal
        entry_id = entry.id if entry else None
        week = entry.week if entry else None
        if self._ctx.repo.read_only:
            notice = ("READ-ONLY: what you type here cannot be saved, nor kept as a draft. "
                      + notice).strip()

        def keep(kind: str, links: str, body: str) -> None:
            journal.save_draft(entry_id, kind, body, links, week)

        def save(kind: str, at_text: str, links: str, body: str) -> JournalEntry:
            return self._save(entry, kind, at_text, links, body)

        self._ui.push(EntryEditor(title, body=body, kind=kind, at=at, links=links, save=save,
                                  keep_draft=keep, drop_draft=lambda: journal.drop_draft(
                                      entry_id), fixed_kind=kind == "review", notice=notice,
                                  from_draft=from_draft),
                      self._saved)

    def _save(self, entry: JournalEntry | None, kind: str, at_text: str, links: str,
              body: str) -> JournalEntry:
        journal, today = self._ctx.repo.journal, self._ctx.today
        at = parse_date(at_text, today, "date")
        parsed = journal.parse_links(links)
        if entry is not None and entry.kind == "review" and entry.week is not None:
            saved = journal.save_review(body, entry.week, today, parsed)
            journal.drop_draft(entry.id)
            return saved
        data = {"kind": kind, "at": at, "body": body, "links": parsed}
        if entry is None:
            return journal.add(JournalEntry.model_validate(data), today)
        return journal.update(JournalEntry.model_validate({**entry.model_dump(), **data}), today)

    def _saved(self, saved: Any) -> None:
        if saved is None:
            return
        self._views.refresh_journal(keep=saved.id)
        for screen in self._ui.screen_stack:
            if isinstance(screen, MetricScreen):
                screen.reload()
        self._ui.say(f"Saved {saved.kind} {saved.id}")
