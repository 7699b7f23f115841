"""The review journal in the TUI: the pane, writing and editing, search (mixed into `OkrApp`)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from okrtui.core.models import JournalEntry, Link

if TYPE_CHECKING:
    from okrtui.store.repository import Repository

JOURNAL_ROWS = 200  # entries in the pane; `okrtui journal list` has them all


class JournalActions:
    """Needs `repo`, `today`, `dashboard` and `current_metric` from the App."""

    repo: Repository
    today: date
    journal_filter: str = ""

    # -- the pane ------------------------------------------------------------

    def refresh_journal(self, keep: int | None = None) -> None:
        """Read the entries again (filtered by the search, if any) and redraw."""
        pane = self.dashboard.journal  # type: ignore[attr-defined]
        text, link = self._filter()
        entries = self.repo.journal.entries(text=text, link=link, limit=JOURNAL_ROWS, either=True)
        total = self.repo.journal.count()
        pane.about = lambda entry: self.repo.journal.link_text(entry.links)
        pane.search = self.journal_filter
        pane.show(entries, total, keep)

    def _filter(self) -> tuple[str, Link | None]:
        """Words the entry or what it is about must contain; `KR3`, `O2` or a
        metric's exact name also finds the entries linked to it."""
        from okrtui.core.errors import OkrtuiError

        words = self.journal_filter.strip()
        if not words:
            return "", None
        try:
            links = self.repo.journal.parse_links(words)
        except OkrtuiError:
            return words, None
        return (words, links[0]) if len(links) == 1 else (words, None)

    def action_search_journal(self) -> None:
        """Find entries by words, or by what they are about (a KPI, KR3, O2)."""
        from okrtui.tui.widgets.okr_forms import OkrForm

        def search(values: dict[str, str]) -> str:
            return values["words"]

        fields = [("words", "Find", self.journal_filter,
                   "words, or a KPI's name, KR3, O2 (blank shows all)")]
        self.push_screen(OkrForm("Search the journal", fields, search),  # type: ignore[attr-defined]
                         self._searched)

    def _searched(self, words: str | None) -> None:
        if words is None:
            return
        self.journal_filter = words.strip()
        self.refresh_journal()
        pane = self.dashboard.journal  # type: ignore[attr-defined]
        if pane.entries:
            pane.table.focus()
        else:
            self.dashboard.say("Nothing in the journal matches: esc shows every entry")  # type: ignore[attr-defined]

    def action_clear_journal_search(self) -> None:
        """Show every entry again."""
        if self.journal_filter:
            self.journal_filter = ""
            self.refresh_journal()
            self.dashboard.say("Showing every journal entry")  # type: ignore[attr-defined]

    def entry_note(self, entry: JournalEntry) -> str:
        """The line under the panes for an entry at the cursor."""
        lines = [line.strip() for line in entry.body.splitlines() if line.strip()]
        rest = " ".join(lines[1:])
        return f"{entry.kind} by {entry.author or 'someone'}: {entry.title}" + (
            f" — {rest}" if rest else "")

    # -- writing -------------------------------------------------------------

    def action_write_entry(self) -> None:
        """Write a note or a decision, about what the cursor is on."""
        draft = self.repo.journal.draft(None)
        links, body, kind, notice = self._selection_links(), "", "note", ""
        if draft is not None and draft.kind != "review":
            links, body, kind = draft.links, draft.body, draft.kind
            notice = (f"Your draft from {draft.saved_at:%Y-%m-%d %H:%M} UTC is back "
                      "(ctrl+d discards it).")
        self._open_editor("New journal entry", None, kind, self.today, links, body, notice)

    def _selection_links(self) -> str:
        from okrtui.tui.screens.dashboard import in_okr_list
        from okrtui.tui.screens.key_result_detail import KeyResultScreen

        if isinstance(self.screen, KeyResultScreen):  # type: ignore[attr-defined]
            return f"KR{self.screen.key_result_id}"  # type: ignore[attr-defined]

        dashboard = self.dashboard  # type: ignore[attr-defined]
        if self.screen is dashboard and in_okr_list(dashboard):  # type: ignore[attr-defined]
            row = dashboard.okrs.selected
            if row is None:
                return ""
            return f"KR{row.view.key_result.id}" if row.view else f"O{row.objective.id}"
        metric = self.current_metric()  # type: ignore[attr-defined]
        return metric.name if metric is not None else ""

    def action_open_entry(self) -> None:
        """Edit the journal entry under the cursor (its draft, if one was left)."""
        entry = self.dashboard.journal.selected  # type: ignore[attr-defined]
        if entry is None:
            return
        entry = self.repo.journal.get(entry.id or 0)
        draft = self.repo.journal.draft(entry.id)
        links, body, notice = self.repo.journal.link_text(entry.links), entry.body, ""
        if draft is not None:
            links, body = draft.links, draft.body
            notice = (f"Your unsaved changes from {draft.saved_at:%Y-%m-%d %H:%M} UTC are back "
                      "(ctrl+d discards them).")
        title = f"{entry.kind.capitalize()} {entry.id} by {entry.author or 'someone'}"
        self._open_editor(title, entry, entry.kind, entry.at, links, body, notice)

    def _open_editor(self, title: str, entry: JournalEntry | None, kind: str, at: date,
                     links: str, body: str, notice: str) -> None:
        from okrtui.tui.screens.entry_editor import EntryEditor

        entry_id = entry.id if entry else None
        week = entry.week if entry else None
        if self.repo.read_only:
            notice = ("READ-ONLY: what you type here cannot be saved, nor kept as a draft. "
                      + notice).strip()

        def keep(kind: str, links: str, body: str) -> None:
            self.repo.journal.save_draft(entry_id, kind, body, links, week)

        self.push_screen(  # type: ignore[attr-defined]
            EntryEditor(title, body=body, kind=kind, at=at, links=links,
                        save=lambda *values: self._save_entry(entry, *values),
                        keep_draft=keep, drop_draft=lambda: self.repo.journal.drop_draft(
                            entry_id), fixed_kind=kind == "review", notice=notice),
            self._entry_saved)

    def _save_entry(self, entry: JournalEntry | None, kind: str, at_text: str, links: str,
                    body: str) -> JournalEntry:
        from okrtui.core.parse import parse_date

        at = parse_date(at_text, self.today, "date")
        parsed = self.repo.journal.parse_links(links)
        if entry is not None and entry.kind == "review" and entry.week is not None:
            saved = self.repo.journal.save_review(body, entry.week, self.today, parsed)
            self.repo.journal.drop_draft(entry.id)
            return saved
        data = {"kind": kind, "at": at, "body": body, "links": parsed}
        if entry is None:
            return self.repo.journal.add(JournalEntry.model_validate(data), self.today)
        edited = JournalEntry.model_validate({**entry.model_dump(), **data})
        return self.repo.journal.update(edited, self.today)

    def _entry_saved(self, saved: Any) -> None:
        from okrtui.tui.screens.metric_detail import MetricScreen

        if saved is None:
            return
        self.refresh_journal(keep=saved.id)
        for screen in self.screen_stack:  # type: ignore[attr-defined]
            if isinstance(screen, MetricScreen):
                screen.reload()
        self.dashboard.say(f"Saved {saved.kind} {saved.id}")  # type: ignore[attr-defined]

    def keep_open_drafts(self) -> None:
        """Save the draft of any editor open (before the app goes away)."""
        from okrtui.tui.screens.entry_editor import EntryEditor

        for screen in self.screen_stack:  # type: ignore[attr-defined]
            if isinstance(screen, EntryEditor):
                screen.keep_draft()
