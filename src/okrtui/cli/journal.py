"""`okrtui journal add|list|show|tests|test` and `okrtui note`: the review journal from scripts.

`okrtui note` needs no terminal: a cron job can mail the week's note.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from okrtui.cli.context import cli_today, open_repo, terminal_width
from okrtui.cli.journal_tests import add_test_commands
from okrtui.core.errors import InvalidInput
from okrtui.core.format import shorten


def add_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Register `journal` and `note`."""
    journal = commands.add_parser("journal", help="the review journal: notes and decisions")
    sub = journal.add_subparsers(title="journal commands", metavar="ACTION", required=True)
    add = sub.add_parser("add", parents=[common], help="add an entry (Markdown)")
    add.add_argument("text", help="the entry's text, or - to read it from standard input")
    add.add_argument("--kind", choices=("note", "decision"), default="note")
    add.add_argument("--link", metavar="ITEM", action="append", default=[],
                     help="what it is about: a metric's name, KR3 or O2 (repeatable)")
    add.add_argument("--at", metavar="DATE", default="today",
                     help="the day it is about: YYYY-MM-DD, today (default) or yesterday")
    add.set_defaults(handler=cmd_journal_add)
    listing = sub.add_parser("list", parents=[common], help="entries, newest first")
    listing.add_argument("--since", metavar="DATE", help="only entries from this day on")
    listing.add_argument("--search", metavar="WORDS", default="",
                         help="only entries containing every word")
    listing.add_argument("--link", metavar="ITEM", help="only entries about a metric, KR3 or O2")
    listing.add_argument("--json", action="store_true", help="machine-readable output")
    listing.set_defaults(handler=cmd_journal_list)
    show = sub.add_parser("show", parents=[common], help="one entry, whole")
    show.add_argument("id", type=int, help="the entry's id (see okrtui journal list)")
    show.set_defaults(handler=cmd_journal_show)
    add_test_commands(sub, common)

    note = commands.add_parser(
        "note", parents=[common], help="the weekly review note: what changed, why it "
        "matters, what to test next",
        description="Prints the review note of a week from the data, the same every time "
        "for the same data. Works without a terminal (cron).")
    note.add_argument("--week", metavar="DATE", help="any day of the week (default: this week)")
    note.add_argument("--save", action="store_true",
                      help="save it to the journal as the week's review note (its 'what to "
                      "test next' items are tracked)")
    note.add_argument("--replace", action="store_true",
                      help="with --save: replace the week's review even if someone wrote or "
                      "edited it by hand")
    note.add_argument("--format", choices=("markdown", "json"), default="markdown")
    note.set_defaults(handler=cmd_note)


def _read_text(text: str) -> str:
    if text != "-":
        return text
    data = sys.stdin.buffer.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput("standard input is not UTF-8 text") from None


def cmd_journal_add(args: argparse.Namespace) -> int:
    """`okrtui journal add TEXT|- [--kind] [--link ITEM]... [--at DATE]`"""
    from pydantic import ValidationError

    from okrtui.core.errors import describe_validation
    from okrtui.core.models import JournalEntry
    from okrtui.core.parse import parse_date

    today = cli_today()
    body = _read_text(args.text)
    at = parse_date(args.at, today, "--at")
    repo = open_repo(args, create=True)
    links = repo.journal.parse_links(",".join(args.link))
    try:
        entry = JournalEntry(kind=args.kind, at=at, body=body, links=links)
    except ValidationError as error:
        raise InvalidInput(describe_validation(error)) from None
    saved = repo.journal.add(entry, today)
    print(f"added {saved.kind} {saved.id} for {saved.at}: {shorten(saved.title, 60)}")
    return 0


def _entry_json(repo: Any, e: Any) -> dict[str, Any]:
    return {"id": e.id, "kind": e.kind, "at": e.at.isoformat(),
            "week": e.week and e.week.isoformat(), "author": e.author, "body": e.body,
            "links": repo.journal.link_words(e.links),
            "created_at": e.created_at and e.created_at.isoformat(),
            "updated_at": e.updated_at and e.updated_at.isoformat()}


def cmd_journal_list(args: argparse.Namespace) -> int:
    """`okrtui journal list [--since DATE] [--search WORDS] [--link ITEM] [--json]`"""
    from okrtui.core.format import table
    from okrtui.core.parse import parse_date

    today = cli_today()
    since = parse_date(args.since, today, "--since") if args.since else None
    repo = open_repo(args)
    link = repo.journal.parse_links(args.link)[0] if args.link else None
    entries = repo.journal.entries(since=since, text=args.search, link=link)
    if args.json:
        print(json.dumps([_entry_json(repo, e) for e in entries], indent=2, ensure_ascii=False))
        return 0
    if not entries:
        print("no journal entries" + (" match" if args.search or args.link or since else
                                      " yet: okrtui journal add TEXT"))
        return 0
    rows = [[str(e.id), e.at.isoformat(), e.kind, e.author, e.title,
             repo.journal.link_text(e.links)] for e in entries]
    print(table(["ID", "DATE", "KIND", "BY", "TITLE", "ABOUT"], rows, set(),
                width=terminal_width(), squeeze=(5, 4)))
    return 0


def cmd_journal_show(args: argparse.Namespace) -> int:
    """`okrtui journal show ID`"""

    repo = open_repo(args)
    e = repo.journal.get(args.id)
    about = repo.journal.link_text(e.links)
    print(f"{e.kind} {e.id} · {e.at} · {e.author or 'unknown'}" + (f" · about {about}"
                                                                   if about else ""))
    print()
    print(e.body)
    return 0


def cmd_note(args: argparse.Namespace) -> int:
    """`okrtui note [--week DATE] [--save] [--format markdown|json]`"""
    from okrtui.core.parse import parse_date
    from okrtui.core.review_text import note_json, render_markdown
    from okrtui.settings import load_settings
    from okrtui.store.review_data import review_week, weekly_note

    today = cli_today()
    first = load_settings().week_starts
    week = review_week(today, parse_date(args.week, today, "--week") if args.week else None,
                       first)
    if week > today:
        raise InvalidInput(f"the week of {week} has not started yet (today is {today})")
    repo = open_repo(args, create=args.save)
    note = weekly_note(repo, today, week, first)
    text = render_markdown(note)
    existing = repo.journal.review_for(week) if args.save else None
    if existing is not None and existing.body != text and not args.replace:
        raise InvalidInput(
            f"the review of the week of {week} is already in the journal (entry "
            f"{existing.id}, by {existing.author or 'someone'}) and differs from this note: "
            "nothing was saved (--replace overwrites it)")
    if args.format == "json":
        print(json.dumps(note_json(note), indent=2, ensure_ascii=False))
    else:
        print(text, end="")
    sys.stdout.flush()
    if args.save:
        saved = repo.journal.save_review(text, week, today)
        tests = repo.journal.tests_of(week)
        print(f"saved the review of the week of {week} as journal entry {saved.id} "
              f"({len(tests)} next test(s) tracked)", file=sys.stderr)
    return 0
