"""The schema, one named step at a time (sqlite-utils' built-in migrations).

Steps are identified by name and never edited once released: change the
schema by adding a step. `database.open_database` applies pending steps under
a write lock and refuses a file that has steps this program does not know.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from okrtui.store.database import MIGRATION_SET, SCHEMA_STEPS

migrations = Migrations(MIGRATION_SET)


@migrations()
def m001_metrics_and_readings(db: Database) -> None:
    """Metrics (KPI settings included) and their readings, corrections kept."""
    db.execute(
        """
        CREATE TABLE metric (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL COLLATE NOCASE UNIQUE,
            unit TEXT NOT NULL DEFAULT '',
            direction TEXT NOT NULL DEFAULT 'higher'
                CHECK (direction IN ('higher', 'lower')),
            description TEXT NOT NULL DEFAULT '',
            owner TEXT NOT NULL DEFAULT '',
            team TEXT NOT NULL DEFAULT '',
            watched INTEGER NOT NULL DEFAULT 1,
            range_min REAL,
            range_max REAL,
            cadence TEXT NOT NULL DEFAULT 'weekly'
                CHECK (cadence IN ('weekly', 'monthly')),
            archived INTEGER NOT NULL DEFAULT 0,
            version INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE reading (
            id INTEGER PRIMARY KEY,
            metric_id INTEGER NOT NULL REFERENCES metric(id),
            at TEXT NOT NULL,
            value REAL NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            author TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT 'cli',
            recorded_at TEXT NOT NULL,
            supersedes INTEGER REFERENCES reading(id),
            superseded INTEGER NOT NULL DEFAULT 0
        )
        """
    )
    # At most one current reading per metric and date. A correction marks the
    # old row superseded, then inserts the new one pointing back at it.
    db.execute(
        "CREATE UNIQUE INDEX reading_current ON reading(metric_id, at) WHERE superseded = 0"
    )
    db.execute("CREATE INDEX reading_by_metric ON reading(metric_id, at)")


_registered = tuple(m.name for m in migrations.pending(Database(memory=True)))
if _registered != SCHEMA_STEPS:  # a developer added a step and forgot the list
    raise RuntimeError(f"database.SCHEMA_STEPS {SCHEMA_STEPS} != migrations {_registered}")
KNOWN_STEPS = SCHEMA_STEPS  # the steps this program knows, for callers and tests
