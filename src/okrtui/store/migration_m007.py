"""Schema step m007: named OKR cycles and settings; check-ins as events of their own (a
value or none, a correction said as such); grades (not graded, official) and the
numbers a closed cycle froze; identities brought by an import.

Kept apart from `migrations.py` only for size; that module registers it.
"""

from __future__ import annotations

from sqlite_utils import Database


def cycles_events_grades(db: Database) -> None:
    """Apply step m007 (inside the migration's transaction)."""
    db.execute(
        """
        CREATE TABLE cycle (
            name TEXT PRIMARY KEY COLLATE NOCASE,
            start TEXT NOT NULL,
            "end" TEXT NOT NULL,
            created_by TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            CHECK ("end" >= start)
        )
        """
    )
    db.execute("CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    # A closed cycle may be any cycle now, not only a calendar quarter.
    db.execute(
        """
        CREATE TABLE cycle_state (
            quarter TEXT PRIMARY KEY COLLATE NOCASE,
            closed_at TEXT NOT NULL,
            closed_by TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute("INSERT INTO cycle_state SELECT quarter, closed_at, closed_by FROM quarter_state")
    db.execute("DROP TABLE quarter_state")
    db.execute("ALTER TABLE cycle_state RENAME TO quarter_state")
    # A check-in keeps its own day and value (None: a confidence-only check-in), so
    # a teammate's check-in the same day never hides it; `corrects` names the
    # author's own earlier check-in it replaces.
    db.execute(
        """
        CREATE TABLE check_in_event (
            id INTEGER PRIMARY KEY,
            key_result_id INTEGER NOT NULL REFERENCES key_result(id),
            reading_id INTEGER REFERENCES reading(id),
            at TEXT NOT NULL,
            value REAL,
            confidence INTEGER CHECK (confidence BETWEEN 0 AND 10),
            comment TEXT NOT NULL DEFAULT '',
            author TEXT NOT NULL DEFAULT '',
            recorded_at TEXT NOT NULL,
            corrects INTEGER REFERENCES check_in_event(id),
            source TEXT NOT NULL DEFAULT 'cli'
        )
        """
    )
    db.execute(
        """
        INSERT INTO check_in_event (id, key_result_id, reading_id, at, value, confidence,
                                    comment, author, recorded_at, source)
        SELECT c.id, c.key_result_id, c.reading_id, r.at, r.value, c.confidence, c.comment,
               c.author, c.recorded_at, r.source
        FROM check_in c JOIN reading r ON r.id = c.reading_id
        """
    )
    # Until now a second check-in by the same person on the same day corrected the
    # first: say so, so that it still does. Other people's stay side by side.
    db.execute(
        """
        UPDATE check_in_event SET corrects = (
            SELECT max(p.id) FROM check_in_event p
            WHERE p.key_result_id = check_in_event.key_result_id
              AND p.at = check_in_event.at AND p.author = check_in_event.author
              AND p.id < check_in_event.id)
        """
    )
    db.execute("DROP TABLE check_in")
    db.execute("ALTER TABLE check_in_event RENAME TO check_in")
    db.execute("CREATE INDEX check_in_by_key_result ON check_in(key_result_id, at, id)")
    for column in (
        "not_graded INTEGER NOT NULL DEFAULT 0",  # scored n/a: the reason is close_note
        "official_score REAL",  # a grade brought from elsewhere, beside the computed one
        "frozen TEXT",  # JSON: value, progress, status... as they were at close
        "import_key TEXT",  # the identity an imported file gave it
    ):
        db.execute(f"ALTER TABLE key_result ADD COLUMN {column}")
    for column in ("official_score REAL", "import_key TEXT"):
        db.execute(f"ALTER TABLE objective ADD COLUMN {column}")
    db.execute("CREATE UNIQUE INDEX objective_import_key ON objective(import_key) "
               "WHERE import_key IS NOT NULL")
    db.execute("CREATE UNIQUE INDEX key_result_import_key ON key_result(import_key) "
               "WHERE import_key IS NOT NULL")

