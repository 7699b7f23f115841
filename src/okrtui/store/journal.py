"""The review journal: dated entries with links, drafts kept while typing, next tests.

Entries are Markdown, shown as plain text. A review note is an entry of kind
`review` for a week (its Monday); the bullets under its "What to test next"
heading become next tests, which the following review asks about.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from okrtui.core.errors import InvalidInput, NotFound, conflict
from okrtui.core.models import EntryKind, JournalEntry, Link, NextTest, TestStatus
from okrtui.core.parse import check_not_future
from okrtui.core.review import next_tests_in
from okrtui.core.text import clean_line, clean_text
from okrtui.store.database import write_transaction

if TYPE_CHECKING:
    from okrtui.store.repository import Repository

# Draft slots besides an entry's own id: 0 for a new note, -1 for a review's note.
NEW_DRAFT, REVIEW_DRAFT = 0, -1
_KR, _OBJECTIVE = re.compile(r"KR\s*(\d+)", re.I), re.compile(r"O\s*(\d+)", re.I)


@dataclass(frozen=True)
class Draft:
    """What someone was typing, saved every few seconds."""

    entry_id: int | None
    kind: EntryKind
    week: date | None
    body: str
    links: str
    saved_at: datetime


def _stamp() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Journal:
    """Journal entries and next tests; shares the connection of a `Repository`."""

    def __init__(self, repo: Repository) -> None:
        self.repo = repo
        self.db = repo.db

    # -- links ---------------------------------------------------------------

    def parse_links(self, text: str) -> tuple[Link, ...]:
        """`Churn, KR3, O2`: metric names, key results (KRn) and objectives (On)."""
        links: list[Link] = []
        for token in (t.strip() for t in text.split(",")):
            if not token:
                continue
            if match := _KR.fullmatch(token):
                self.repo.okrs.get_key_result(int(match[1]))
                links.append(Link(kind="key_result", item_id=int(match[1])))
            elif match := _OBJECTIVE.fullmatch(token):
                self.repo.okrs.get_objective(int(match[1]))
                links.append(Link(kind="objective", item_id=int(match[1])))
            else:
                try:
                    metric = self.repo.get_metric(token)
                except NotFound as error:
                    raise InvalidInput(f"{error} (links are metric names, KR3, O2)",
                                       "links") from None
                links.append(Link(kind="metric", item_id=metric.id or 0))
        return tuple(dict.fromkeys(links))

    def link_text(self, links: Sequence[Link]) -> str:
        """Links as people type them: `Churn, KR3, O2`."""
        return ", ".join(self.link_words(links))

    def link_words(self, links: Sequence[Link]) -> list[str]:
        """Each link as a word: a metric's name, `KR3`, `O2`."""
        words = []
        for link in links:
            if link.kind == "key_result":
                words.append(f"KR{link.item_id}")
            elif link.kind == "objective":
                words.append(f"O{link.item_id}")
            else:
                try:
                    words.append(self.repo.get_metric_by_id(link.item_id).name)
                except NotFound:
                    words.append(f"metric {link.item_id}")
        return words

    # -- entries -------------------------------------------------------------

    def add(self, entry: JournalEntry, today: date) -> JournalEntry:
        """Save a new entry (by this user); its draft, if any, is done with."""
        check_not_future(entry.at, today)
        with write_transaction(self.db):
            entry_id = self._insert(entry)
            self._drop_draft(NEW_DRAFT)
        return self.get(entry_id)

    def _insert(self, entry: JournalEntry, author: str | None = None,
                stamp: str | None = None) -> int:
        """Insert inside an open transaction: by this user now, unless an import says
        who wrote it and when."""
        author = self.repo.user if author is None else author
        stamp = stamp or _stamp()
        cursor = self.db.execute(
            "INSERT INTO journal_entry (kind, at, week, body, author, updated_by, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [entry.kind, entry.at.isoformat(), entry.week and entry.week.isoformat(),
             entry.body, author, author, stamp, stamp])
        assert cursor.lastrowid is not None
        self._write_links(cursor.lastrowid, entry.links)
        return cursor.lastrowid

    def _write_links(self, entry_id: int, links: Sequence[Link]) -> None:
        self.db.execute("DELETE FROM journal_link WHERE entry_id = ?", [entry_id])
        self.db.executemany(
            "INSERT OR IGNORE INTO journal_link (entry_id, kind, item_id) VALUES (?, ?, ?)",
            [(entry_id, link.kind, link.item_id) for link in links])

    def update(self, entry: JournalEntry, today: date) -> JournalEntry:
        """Save an edited entry, unless someone changed it since it was opened."""
        assert entry.id is not None
        check_not_future(entry.at, today)
        with write_transaction(self.db):
            cursor = self.db.execute(
                "UPDATE journal_entry SET kind = ?, at = ?, body = ?, version = version + 1, "
                "updated_at = ?, updated_by = ? WHERE id = ? AND version = ?",
                [entry.kind, entry.at.isoformat(), entry.body, _stamp(), self.repo.user,
                 entry.id, entry.version])
            if cursor.rowcount == 0:
                row = self.db.execute("SELECT updated_by, kind, at, body FROM journal_entry "
                                      "WHERE id = ?", [entry.id]).fetchone()
                if row is None:
                    raise NotFound(f"no journal entry with id {entry.id}")
                raise conflict(
                    f"entry {entry.id}",
                    {"kind": row[1], "date": row[2], "text": clean_text(row[3])},
                    {"kind": entry.kind, "date": entry.at.isoformat(), "text": entry.body},
                    who=clean_line(row[0]) or "someone",
                    keep="your text stays here (and in your draft); copy what you need and "
                    "reopen the entry")
            self._write_links(entry.id, entry.links)
            self._drop_draft(entry.id)
        return self.get(entry.id)

    def count(self) -> int:
        """How many entries the journal holds."""
        return int(self.db.execute("SELECT count(*) FROM journal_entry").fetchone()[0])

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
        where, params = [], []
        if since is not None:
            where.append("e.at >= ?")
            params.append(since.isoformat())
        matches, match_params = [], []
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
        sql = "SELECT * FROM journal_entry e"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY e.at DESC, e.id DESC"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        rows = self.repo._rows(sql, params)
        links: dict[int, list[Link]] = {}
        if rows:
            marks = ", ".join("?" * len(rows))
            for entry_id, kind_, item_id in self.db.execute(
                    f"SELECT entry_id, kind, item_id FROM journal_link WHERE entry_id IN "
                    f"({marks}) ORDER BY CASE kind WHEN 'metric' THEN 0 WHEN 'objective' "
                    "THEN 1 ELSE 2 END, item_id", [r["id"] for r in rows]):
                links.setdefault(entry_id, []).append(
                    Link.model_construct(kind=kind_, item_id=item_id))
        return [_entry(r, links.get(r["id"], [])) for r in rows]

    def review_for(self, week: date) -> JournalEntry | None:
        """The review note saved for a week, if any."""
        row = self.db.execute(
            "SELECT id FROM journal_entry WHERE kind = 'review' AND week = ? "
            "ORDER BY id DESC LIMIT 1", [week.isoformat()]).fetchone()
        return None if row is None else self.get(row[0])

    def last_review_before(self, week: date) -> JournalEntry | None:
        """The latest review note of an earlier week."""
        row = self.db.execute(
            "SELECT id FROM journal_entry WHERE kind = 'review' AND week < ? "
            "ORDER BY week DESC, id DESC LIMIT 1", [week.isoformat()]).fetchone()
        return None if row is None else self.get(row[0])

    def save_review(self, body: str, week: date, today: date,
                    links: Sequence[Link] = ()) -> JournalEntry:
        """Save (or replace) the week's review note; its "What to test next" bullets
        become the week's next tests (those not yet answered are replaced)."""
        # Dated the day it was written, or the week's Sunday for an earlier week; about
        # what it names, unless the writer said otherwise.
        entry = JournalEntry(kind="review", at=min(today, week + timedelta(days=6)), week=week,
                             body=body, links=tuple(links) or self._mentions(body))
        tests = [NextTest(text=t, week=week) for t in next_tests_in(entry.body)]
        with write_transaction(self.db):
            existing = self.db.execute(
                "SELECT id FROM journal_entry WHERE kind = 'review' AND week = ?",
                [week.isoformat()]).fetchone()
            if existing is None:
                entry_id = self._insert(entry)
            else:
                entry_id = existing[0]
                self.db.execute(
                    "UPDATE journal_entry SET body = ?, version = version + 1, updated_at = ?, "
                    "updated_by = ? WHERE id = ?", [entry.body, _stamp(), self.repo.user,
                                                    entry_id])
                self._write_links(entry_id, entry.links)
            self.db.execute("DELETE FROM next_test WHERE week = ? AND status = 'open'",
                            [week.isoformat()])
            # Answered this week, or still being tested since an earlier one: tracked already.
            answered = {t for (t,) in self.db.execute(
                "SELECT text FROM next_test WHERE week = ? OR (week < ? AND status IN "
                "('open', 'not-done'))", [week.isoformat(), week.isoformat()])}
            for test in tests:
                if test.text not in answered:
                    self.db.execute(
                        "INSERT INTO next_test (text, week, entry_id, author) VALUES (?, ?, ?, ?)",
                        [test.text, week.isoformat(), entry_id, self.repo.user])
            self._drop_draft(REVIEW_DRAFT)
        return self.get(entry_id)

    def _mentions(self, body: str) -> tuple[Link, ...]:
        """The key results (KR3) and metrics (by name) a text names."""
        links = [Link(kind="key_result", item_id=int(n)) for n in re.findall(r"\bKR(\d+)\b", body)
                 if self.db.execute("SELECT 1 FROM key_result WHERE id = ?",
                                    [int(n)]).fetchone()]
        lowered = body.lower()
        links += [Link(kind="metric", item_id=m.id or 0)
                  for m in self.repo.list_metrics() if m.name.lower() in lowered]
        return tuple(dict.fromkeys(links))

    # -- next tests ----------------------------------------------------------

    def tests_to_review(self, week: date) -> list[NextTest]:
        """Next tests set by earlier reviews and not yet done or dropped."""
        rows = self.repo._rows(
            "SELECT * FROM next_test WHERE week < ? AND status IN ('open', 'not-done') "
            "ORDER BY week, id", [week.isoformat()])
        return [_test(r) for r in rows]

    def all_tests(self) -> list[NextTest]:
        """Every next test, oldest week first (for exports)."""
        return [_test(r) for r in self.repo._rows("SELECT * FROM next_test ORDER BY week, id")]

    def tests_of(self, week: date) -> list[NextTest]:
        """The next tests a week's review set."""
        return [_test(r) for r in self.repo._rows(
            "SELECT * FROM next_test WHERE week = ? ORDER BY id", [week.isoformat()])]

    def resolve_test(self, test_id: int, status: TestStatus, learnt: str, week: date) -> NextTest:
        """Say how a next test went: done, not done (it comes back) or dropped."""
        if status == "open":
            raise InvalidInput("say done, not done or dropped", "status")
        with write_transaction(self.db):
            cursor = self.db.execute(
                "UPDATE next_test SET status = ?, learnt = ?, resolved_week = ?, "
                "resolved_at = ?, resolved_by = ? WHERE id = ?",
                [status, clean_text(learnt), week.isoformat(), _stamp(), self.repo.user,
                 test_id])
            if cursor.rowcount == 0:
                raise NotFound(f"no next test with id {test_id}")
        return _test(self.repo._rows("SELECT * FROM next_test WHERE id = ?", [test_id])[0])

    def tests_resolved_in(self, week: date) -> list[NextTest]:
        """The next tests answered during a week's review."""
        return [_test(r) for r in self.repo._rows(
            "SELECT * FROM next_test WHERE resolved_week = ? ORDER BY week, id",
            [week.isoformat()])]

    # -- drafts ----------------------------------------------------------------

    def save_draft(self, entry_id: int | None, kind: str, body: str, links: str = "",
                   week: date | None = None) -> None:
        """Keep what is being typed (one draft per person and entry)."""
        with write_transaction(self.db):
            self.db.execute(
                "INSERT INTO journal_draft (author, entry_id, kind, week, body, links, saved_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (author, entry_id) DO UPDATE SET "
                "kind = excluded.kind, week = excluded.week, body = excluded.body, "
                "links = excluded.links, saved_at = excluded.saved_at",
                [self.repo.user, entry_id or 0, kind, week and week.isoformat(), body, links,
                 _stamp()])

    def draft(self, entry_id: int | None = None) -> Draft | None:
        """This person's draft for an entry (None: a new entry), if one was left."""
        row = self.db.execute(
            "SELECT entry_id, kind, week, body, links, saved_at FROM journal_draft "
            "WHERE author = ? AND entry_id = ?", [self.repo.user, entry_id or 0]).fetchone()
        if row is None:
            return None
        return Draft(row[0] or None, row[1], row[2] and date.fromisoformat(row[2]),
                     clean_text(row[3]), clean_line(row[4]), datetime.fromisoformat(row[5]))

    def drop_draft(self, entry_id: int | None = None) -> None:
        """Forget this person's draft (they chose not to keep it)."""
        with write_transaction(self.db):
            self._drop_draft(entry_id)

    def _drop_draft(self, entry_id: int | None) -> None:
        self.db.execute("DELETE FROM journal_draft WHERE author = ? AND entry_id = ?",
                        [self.repo.user, entry_id or 0])


def _entry(row: dict[str, Any], links: list[Link]) -> JournalEntry:
    return JournalEntry.model_construct(
        id=row["id"], kind=row["kind"], at=date.fromisoformat(row["at"]),
        week=row["week"] and date.fromisoformat(row["week"]), body=clean_text(row["body"]),
        author=clean_line(row["author"]), links=tuple(links),
        created_at=datetime.fromisoformat(row["created_at"]),
        updated_at=datetime.fromisoformat(row["updated_at"]), version=row["version"])


def _test(row: dict[str, Any]) -> NextTest:
    return NextTest.model_construct(
        id=row["id"], text=clean_line(row["text"]), week=date.fromisoformat(row["week"]),
        entry_id=row["entry_id"], author=clean_line(row["author"]), status=row["status"],
        learnt=clean_text(row["learnt"]),
        resolved_week=row["resolved_week"] and date.fromisoformat(row["resolved_week"]))
