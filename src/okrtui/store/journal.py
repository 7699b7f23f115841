"""The review journal: dated entries with links, drafts kept while typing, next tests.

Entries are Markdown, shown as plain text. A review note is an entry of kind
`review` for a week (its Monday); the bullets under its "What to test next"
heading become next tests, which the following review asks about. Links,
drafts and next tests are small stores of their own (`journal_links`,
`journal_drafts`, `next_tests`); `Journal` is what `Repository.journal` offers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from okrtui.core.errors import NotFound, conflict
from okrtui.core.models import JournalEntry, Link, NextTest, TestStatus
from okrtui.core.parse import check_not_future
from okrtui.core.review_text import next_tests_in
from okrtui.core.text import clean_line, clean_text
from okrtui.store import sql
from okrtui.store.database import write_transaction
from okrtui.store.journal_drafts import NEW_DRAFT, REVIEW_DRAFT, Draft, Drafts
from okrtui.store.journal_links import JournalLinks
from okrtui.store.metrics import Metrics
from okrtui.store.next_tests import NextTests
from okrtui.store.okr_reads import OkrReads
from okrtui.store.sql import StoreContext

__all__ = ["NEW_DRAFT", "REVIEW_DRAFT", "Draft", "Journal"]


class Journal:
    """Journal entries, their links, drafts and next tests."""

    def __init__(self, ctx: StoreContext, metrics: Metrics, okrs: OkrReads) -> None:
        self.ctx = ctx
        self.db = ctx.db
        self.links = JournalLinks(ctx, metrics, okrs)
        self.drafts = Drafts(ctx)
        self.tests = NextTests(ctx)

    # -- links ---------------------------------------------------------------

    def parse_links(self, text: str) -> tuple[Link, ...]:
        """`Churn, KR3, O2`: metric names, key results (KRn) and objectives (On)."""
        return self.links.parse(text)

    def link_text(self, links: Sequence[Link]) -> str:
        """Links as people type them: `Churn, KR3, O2`."""
        return ", ".join(self.links.words(links))

    def link_words(self, links: Sequence[Link]) -> list[str]:
        """Each link as a word: a metric's name, `KR3`, `O2`."""
        return self.links.words(links)

    # -- entries -------------------------------------------------------------

    def add(self, entry: JournalEntry, today: date) -> JournalEntry:
        """Save a new entry (by this user); its draft, if any, is done with."""
        check_not_future(entry.at, today)
        with write_transaction(self.db):
            entry_id = self.insert_entry(entry)
            self.drafts.drop_inside(NEW_DRAFT)
        return self.get(entry_id)

    def insert_entry(self, entry: JournalEntry, author: str | None = None,
                     stamp: str | None = None) -> int:
        """Insert inside the caller's transaction: by this user now, unless an import
        says who wrote it and when."""
        author = self.ctx.user if author is None else author
        entry_id = sql.insert_stamped(self.ctx, "journal_entry", {
            "kind": entry.kind, "at": entry.at.isoformat(),
            "week": entry.week and entry.week.isoformat(), "body": entry.body,
            "author": author}, by=author, stamp=stamp)
        self.links.write(entry_id, entry.links)
        return entry_id

    def update(self, entry: JournalEntry, today: date) -> JournalEntry:
        """Save an edited entry, unless someone changed it since it was opened."""
        assert entry.id is not None
        check_not_future(entry.at, today)
        mine = {"kind": entry.kind, "at": entry.at.isoformat(), "body": entry.body}
        with write_transaction(self.db):
            if not sql.versioned_update(self.ctx, "journal_entry", mine, entry.id,
                                        entry.version):
                row = sql.first(self.db, "SELECT updated_by, kind, at, body FROM journal_entry "
                                "WHERE id = ?", [entry.id])
                if row is None:
                    raise NotFound(f"no journal entry with id {entry.id}")
                raise conflict(
                    f"entry {entry.id}",
                    {"kind": row["kind"], "date": row["at"], "text": clean_text(row["body"])},
                    {"kind": entry.kind, "date": mine["at"], "text": entry.body},
                    who=clean_line(row["updated_by"]) or "someone",
                    keep="your text stays here (and in your draft); copy what you need and "
                    "reopen the entry")
            self.links.write(entry.id, entry.links)
            self.drafts.drop_inside(entry.id)
        return self.get(entry.id)

    def count(self) -> int:
        """How many entries the journal holds."""
        return int(sql.value(self.db, "SELECT count(*) FROM journal_entry"))

    def get(self, entry_id: int) -> JournalEntry:
        """One entry, with its links."""
        rows = self.entries(ids=[entry_id])
        if not rows:
            raise NotFound(f"no journal entry with id {entry_id}")
        return rows[0]

    def entries(self, *, since: date | None = None, text: str = "",
                link: Link | None = None, kind: str | None = None,
                ids: Sequence[int] = (), limit: int | None = None,
                either: bool = False) -> list[JournalEntry]:
        """Entries newest first, filtered by date, words, a linked item or kind.

        Words match the text or the name of a metric the entry is about. With
        `either`, an entry needs the words *or* the link (a search box), else both.
        """
        query, params = _entries_query(since, text, link, kind, ids, limit, either)
        rows = sql.rows(self.db, query, params)
        links = self.links.of_entries([r["id"] for r in rows])
        return [_entry(r, links.get(r["id"], [])) for r in rows]

    # -- reviews -------------------------------------------------------------

    def review_for(self, week: date) -> JournalEntry | None:
        """The review note saved for a week, if any."""
        found = sql.value(self.db, "SELECT id FROM journal_entry WHERE kind = 'review' "
                          "AND week = ? ORDER BY id DESC LIMIT 1", [week.isoformat()])
        return None if found is None else self.get(found)

    def last_review_before(self, week: date) -> JournalEntry | None:
        """The latest review note of an earlier week."""
        found = sql.value(self.db, "SELECT id FROM journal_entry WHERE kind = 'review' "
                          "AND week < ? ORDER BY week DESC, id DESC LIMIT 1",
                          [week.isoformat()])
        return None if found is None else self.get(found)

    def save_review(self, body: str, week: date, today: date, links: Sequence[Link] = (),
                    saved_at: datetime | None = None) -> JournalEntry:
        """Save (or replace) the week's review note; its "What to test next" bullets
        become the week's next tests (those not yet answered are replaced).

        When it was first saved is what the next week's note compares with (what
        this review saw); `saved_at` says when that was, for a new entry written
        by a script (the demo), instead of now.
        """
        # Dated the day it was written, or the week's Sunday for an earlier week; about
        # what it names, unless the writer said otherwise.
        entry = JournalEntry(kind="review", at=min(today, week + timedelta(days=6)), week=week,
                             body=body, links=tuple(links) or self.links.mentions(body))
        tests = [NextTest(text=t, week=week).text for t in next_tests_in(entry.body)]
        with write_transaction(self.db):
            existing = sql.value(self.db, "SELECT id FROM journal_entry WHERE kind = 'review' "
                                 "AND week = ?", [week.isoformat()])
            if existing is None:
                entry_id = self.insert_entry(
                    entry, stamp=None if saved_at is None else sql.utc_text(saved_at))
            else:
                entry_id = existing
                sql.versioned_update(self.ctx, "journal_entry", {"body": entry.body}, entry_id)
                self.links.write(entry_id, entry.links)
            self.tests.replace_open(week, entry_id, tests)
            self.drafts.drop_inside(REVIEW_DRAFT)
        return self.get(entry_id)

    # -- next tests (`next_tests`) ---------------------------------------------

    def tests_to_review(self, week: date) -> list[NextTest]:
        """Next tests set by earlier reviews and not yet done or dropped."""
        return self.tests.to_review(week)

    def all_tests(self) -> list[NextTest]:
        """Every next test, oldest week first (for exports)."""
        return self.tests.every()

    def tests_of(self, week: date) -> list[NextTest]:
        """The next tests a week's review set."""
        return self.tests.set_in(week)

    def tests_resolved_in(self, week: date) -> list[NextTest]:
        """The next tests answered during a week's review."""
        return self.tests.resolved_in(week)

    def resolve_test(self, test_id: int, status: TestStatus, learnt: str, week: date,
                     target: tuple[int | None, str] | None = None) -> NextTest:
        """Say how a next test went: done, not done (it comes back) or dropped; with
        `target` (metric id, up/down; None and '' for none), the KPI it should move."""
        return self.tests.resolve(test_id, status, learnt, week, target)

    def set_test_target(self, test_id: int, metric_id: int | None, direction: str) -> NextTest:
        """Name the KPI a next test should move and which way (None and '': none)."""
        return self.tests.set_target(test_id, metric_id, direction)

    # -- drafts (`journal_drafts`) -----------------------------------------------

    def save_draft(self, entry_id: int | None, kind: str, body: str, links: str = "",
                   week: date | None = None) -> None:
        """Keep what is being typed (one draft per person and entry)."""
        self.drafts.save(entry_id, kind, body, links, week)

    def draft(self, entry_id: int | None = None) -> Draft | None:
        """This person's draft for an entry (None: a new entry), if one was left."""
        return self.drafts.get(entry_id)

    def drop_draft(self, entry_id: int | None = None) -> None:
        """Forget this person's draft (they chose not to keep it)."""
        self.drafts.drop(entry_id)


def _entries_query(since: date | None, text: str, link: Link | None, kind: str | None,
                   ids: Sequence[int], limit: int | None,
                   either: bool) -> tuple[str, list[Any]]:
    """The SELECT behind `Journal.entries`, with its parameters."""
    where: list[str] = []
    params: list[Any] = []
    if since is not None:
        where.append("e.at >= ?")
        params.append(since.isoformat())
    matches: list[str] = []
    match_params: list[Any] = []
    for word in text.split():
        # A plain substring (case-insensitive; LIKE's wildcards escaped) of the
        # text, or of the name of a metric the entry is about.
        pattern = "%" + re.sub(r"([\\%_])", r"\\\1", word) + "%"
        matches.append(r"(e.body LIKE ? ESCAPE '\' OR EXISTS (SELECT 1 FROM journal_link l "
                       r"JOIN metric m ON l.kind = 'metric' AND m.id = l.item_id "
                       r"WHERE l.entry_id = e.id AND m.name LIKE ? ESCAPE '\'))")
        match_params += [pattern, pattern]
    found_by = ["(" + " AND ".join(matches) + ")"] if matches else []
    if link is not None:
        found_by.append("EXISTS (SELECT 1 FROM journal_link l WHERE l.entry_id = e.id "
                        "AND l.kind = ? AND l.item_id = ?)")
        match_params += [link.kind, link.item_id]
    if found_by:
        where.append("(" + (" OR " if either else " AND ").join(found_by) + ")")
        params += match_params
    if kind is not None:
        where.append("e.kind = ?")
        params.append(kind)
    if ids:
        where.append(f"e.id IN ({', '.join('?' * len(ids))})")
        params += list(ids)
    query = "SELECT * FROM journal_entry e"
    if where:
        query += " WHERE " + " AND ".join(where)
    query += " ORDER BY e.at DESC, e.id DESC"
    if limit is not None:
        query += f" LIMIT {int(limit)}"
    return query, params


def _entry(row: dict[str, Any], links: list[Link]) -> JournalEntry:
    return JournalEntry.model_construct(
        id=row["id"], kind=row["kind"], at=date.fromisoformat(row["at"]),
        week=row["week"] and date.fromisoformat(row["week"]), body=clean_text(row["body"]),
        author=clean_line(row["author"]), links=tuple(links),
        created_at=datetime.fromisoformat(row["created_at"]),
        updated_at=datetime.fromisoformat(row["updated_at"]), version=row["version"])
