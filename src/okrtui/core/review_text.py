"""The weekly note as text: Markdown and JSON out, and its next tests read back
from a note a person may have edited."""

from __future__ import annotations

import re

from okrtui.core.review import HEADINGS, NOTHING_TO_TEST, ReviewNote, one_line
from okrtui.core.review_since import utc


def render_markdown(note: ReviewNote) -> str:
    """The note as Markdown, the three parts as bullet lists."""
    lines = [f"# Weekly review, week of {note.week}", "",
             f"Compared with {note.compared_with}; data up to {note.until}.", ""]
    for heading, items in zip(HEADINGS, (note.changed, note.matters, note.next_tests),
                              strict=True):
        lines += [f"## {heading}", "", *(f"- {item}" for item in items), ""]
    return "\n".join(lines)


def note_json(note: ReviewNote) -> dict[str, object]:
    """The note as data, for scripts."""
    previous = note.previous
    return {"week": note.week.isoformat(), "since": note.since.isoformat(),
            "until": note.until.isoformat(), "compared_with": note.compared_with,
            "previous_review": None if previous is None else {
                "week": previous.week.isoformat(), "day": previous.day.isoformat(),
                "saved_at": utc(previous.saved_at).isoformat()},
            "what_changed": note.changed,
            "why_it_matters": note.matters, "what_to_test_next": note.next_tests}


_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^\s{0,3}(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?(.*\S)\s*$")
_OPEN_SINCE = re.compile(r"\s*\(still open since the review of \d{4}-\d{2}-\d{2}\)$")


def next_tests_in(body: str) -> list[str]:
    """The bullets under the "What to test next" heading of a (possibly edited) note.

    A test carried from an earlier week is not a new test: its "(still open
    since …)" item is skipped, since that test is already tracked.
    """
    tests: list[str] = []
    inside = False
    for line in body.splitlines():
        heading = _HEADING.match(line)
        if heading:
            inside = heading.group(1).strip().lower().rstrip(":") == HEADINGS[2].lower()
            continue
        bullet = _BULLET.match(line) if inside else None
        item = bullet.group(1) if bullet else ""
        if item and not _OPEN_SINCE.search(item) and item != NOTHING_TO_TEST:
            text = one_line(item)[:500]
            if text not in tests:
                tests.append(text)
    return tests
