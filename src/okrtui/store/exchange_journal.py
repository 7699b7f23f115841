"""The journal in a JSON export: entries with what they are about, and next tests.

Links name what they point at (a metric's name; an objective's or key
result's key, with its quarter and title, or objective and statement), as the
OKRs in the export do, so they survive an import into another database.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from okrtui.core.errors import InvalidInput
from okrtui.core.models import JournalEntry, Link, NextTest
from okrtui.core.parse import check_not_future
from okrtui.core.text import clean_line
from okrtui.store import sql
from okrtui.store.exchange_common import first_error, json_list
from okrtui.store.exchange_keys import KEY_RESULT, OBJECTIVE, database_key, find_row, row_key

if TYPE_CHECKING:
    from okrtui.store.repository import Repository


def export_journal(repo: Repository) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Every entry, oldest first, and every next test."""
    entries = []
    prefix = database_key(repo.db)
    for e in reversed(repo.journal.entries()):
        entries.append({
            "kind": e.kind, "at": e.at.isoformat(), "week": e.week and e.week.isoformat(),
            "body": e.body, "author": e.author,
            "created_at": e.created_at and e.created_at.isoformat(),
            "updated_at": e.updated_at and e.updated_at.isoformat(),
            "links": [_link_out(repo, link, prefix) for link in e.links],
        })
    tests = [{"text": t.text, "week": t.week.isoformat(), "author": t.author,
              "status": t.status, "learnt": t.learnt,
              "resolved_week": t.resolved_week and t.resolved_week.isoformat()}
             for t in repo.journal.all_tests()]
    return entries, tests


def _link_out(repo: Repository, link: Link, prefix: str) -> dict[str, Any]:
    if link.kind == "metric":
        return {"kind": "metric", "name": repo.get_metric_by_id(link.item_id).name}
    if link.kind == "objective":
        o = repo.okrs.get_objective(link.item_id)
        return {"kind": "objective", "key": row_key(prefix, OBJECTIVE, o.id or 0, o.import_key),
                "quarter": o.quarter, "title": o.title}
    kr = repo.okrs.get_key_result(link.item_id)
    o = repo.okrs.get_objective(kr.objective_id)
    return {"kind": "key_result", "key": row_key(prefix, KEY_RESULT, kr.id or 0, kr.import_key),
            "quarter": o.quarter, "objective": o.title, "statement": kr.statement}


def parse_journal(document: dict[str, Any], today: date,
                  problems: list[str]) -> tuple[list[tuple[JournalEntry, list[dict[str, Any]],
                                                          datetime | None]], list[NextTest]]:
    """The file's entries (with their links still as names) and next tests, checked."""
    entries = []
    for index, raw in enumerate(json_list(document.get("journal"), '"journal"')):
        where = f"journal[{index}]"
        try:
            if not isinstance(raw, dict):
                raise InvalidInput("expected an object")
            entry = JournalEntry.model_validate({k: raw.get(k) for k in (
                "kind", "at", "week", "body", "author") if raw.get(k) is not None})
            check_not_future(entry.at, today)
            links = raw.get("links") or []
            if not isinstance(links, list) or not all(isinstance(x, dict) for x in links):
                raise InvalidInput('"links" must be a list of objects')
            created = _moment(raw.get("created_at"))
        except ValidationError as error:
            problems.append(f"{where}: {first_error(error)}")
            continue
        except (InvalidInput, ValueError) as error:
            problems.append(f"{where}: {error}")
            continue
        entries.append((entry, links, created))
    tests = []
    for index, raw in enumerate(json_list(document.get("next_tests"), '"next_tests"')):
        try:
            tests.append(NextTest.model_validate({k: raw.get(k) for k in (
                "text", "week", "author", "status", "learnt", "resolved_week")
                if isinstance(raw, dict) and raw.get(k) is not None}))
        except ValidationError as error:
            problems.append(f"next_tests[{index}]: {first_error(error)}")
    return entries, tests


def _moment(raw: Any) -> datetime | None:
    if raw is None:
        return None
    moment = datetime.fromisoformat(str(raw))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def write_journal(repo: Repository, entries: list, tests: list[NextTest]) -> int:
    """Inside the import's transaction: add what is not there yet; returns entries added."""
    added = 0
    prefix = database_key(repo.db)
    for entry, links, created in entries:
        stamp = sql.utc_text(created) if created else sql.now_utc()
        if sql.exists(repo.db, "SELECT 1 FROM journal_entry WHERE kind = ? AND at = ? "
                      "AND body = ? AND author = ?",
                      [entry.kind, entry.at.isoformat(), entry.body, entry.author]):
            continue
        resolved = tuple(filter(None, (_link_in(repo, raw, prefix) for raw in links)))
        repo.journal.insert_entry(entry.model_copy(update={"links": resolved}),
                                  author=entry.author, stamp=stamp)
        added += 1
    repo.journal.tests.insert_missing(tests)
    return added


def _link_in(repo: Repository, raw: dict[str, Any], prefix: str) -> Link | None:
    """A link by key (else by names), as an id in this database (None if it is not here)."""
    kind = raw.get("kind")
    key = raw.get("key")
    if kind in ("objective", "key_result") and isinstance(key, str):
        table, named = ("objective", OBJECTIVE) if kind == "objective" else (
            "key_result", KEY_RESULT)
        found = find_row(repo.db, table, named, prefix, key)
    elif kind == "metric":
        found = sql.value(repo.db, "SELECT id FROM metric WHERE name = ?",
                          [clean_line(str(raw.get("name", "")))])
    elif kind == "objective":
        found = sql.value(repo.db, "SELECT id FROM objective WHERE quarter = ? AND title = ?",
                          [raw.get("quarter"), raw.get("title")])
    elif kind == "key_result":
        found = sql.value(
            repo.db, "SELECT kr.id FROM key_result kr JOIN objective o ON o.id = kr.objective_id "
            "WHERE o.quarter = ? AND o.title = ? AND kr.statement = ?",
            [raw.get("quarter"), raw.get("objective"), raw.get("statement")])
    else:
        return None
    return None if found is None else Link(kind=kind, item_id=found)
