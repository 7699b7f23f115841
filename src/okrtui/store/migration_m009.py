"""Schema step m009: KPI sources (a command, an SQL query, a URL, a CSV file) and every
pull of one, failed ones included, so a failure is seen and never becomes a value.

Kept apart from `migrations.py` only for size; that module registers it.
"""

from __future__ import annotations

from sqlite_utils import Database


def m009_sources_and_pulls(db: Database) -> None:
    """KPI sources and their pulls, failed ones kept."""
    # One source per metric. `spec` is the definition as JSON; `uid` and `signature`
    # bind it to the operating-system account that defined it (core.sources.refusal).
    db.execute(
        """
        CREATE TABLE source (
            id INTEGER PRIMARY KEY,
            metric_id INTEGER NOT NULL UNIQUE REFERENCES metric(id),
            kind TEXT NOT NULL,
            spec TEXT NOT NULL,
            every TEXT NOT NULL DEFAULT '',
            account TEXT NOT NULL,
            uid INTEGER NOT NULL,
            signature TEXT NOT NULL,
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE source_pull (
            id INTEGER PRIMARY KEY,
            source_id INTEGER NOT NULL REFERENCES source(id),
            metric_id INTEGER NOT NULL REFERENCES metric(id),
            day TEXT NOT NULL,
            finished_at TEXT NOT NULL,
            ok INTEGER NOT NULL,
            value REAL,
            reason TEXT NOT NULL DEFAULT '',
            reading_id INTEGER REFERENCES reading(id),
            account TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute("CREATE INDEX source_pull_by_source ON source_pull(source_id, id)")
