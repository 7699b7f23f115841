"""The schema, one named step at a time (sqlite-utils' built-in migrations).

Steps are identified by name and never edited once released: change the
schema by adding a step. `database.open_database` applies pending steps under
a write lock and refuses a file that has steps this program does not know.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from okrtui.store.migration_m007 import cycles_events_grades
from okrtui.store.migration_m009 import m009_sources_and_pulls
from okrtui.store.migration_m010 import m010_next_test_targets
from okrtui.store.schema import MIGRATION_SET, SCHEMA_STEPS

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


@migrations()
def m002_objectives_key_results_check_ins(db: Database) -> None:
    """A quarter's objectives, their key results (each moving one metric), check-ins."""
    db.execute(
        """
        CREATE TABLE objective (
            id INTEGER PRIMARY KEY,
            quarter TEXT NOT NULL,
            title TEXT NOT NULL,
            why TEXT NOT NULL DEFAULT '',
            owner TEXT NOT NULL DEFAULT '',
            team TEXT NOT NULL DEFAULT '',
            parent_id INTEGER REFERENCES objective(id),
            position INTEGER NOT NULL DEFAULT 0,
            reflection TEXT NOT NULL DEFAULT '',
            version INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX objective_by_quarter ON objective(quarter, position)")
    db.execute(
        """
        CREATE TABLE key_result (
            id INTEGER PRIMARY KEY,
            objective_id INTEGER NOT NULL REFERENCES objective(id),
            metric_id INTEGER NOT NULL REFERENCES metric(id),
            statement TEXT NOT NULL,
            baseline REAL NOT NULL,
            target REAL NOT NULL,
            start TEXT NOT NULL,
            due TEXT NOT NULL,
            owner TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL DEFAULT 0,
            final_score REAL,
            close_note TEXT NOT NULL DEFAULT '',
            next_step TEXT CHECK (next_step IN ('carry-over', 'return-to-kpi', 'drop')),
            carried_from INTEGER REFERENCES key_result(id),
            version INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX key_result_by_objective ON key_result(objective_id, position)")
    db.execute("CREATE INDEX key_result_by_metric ON key_result(metric_id)")
    db.execute(
        """
        CREATE TABLE key_result_guardrail (
            key_result_id INTEGER NOT NULL REFERENCES key_result(id),
            metric_id INTEGER NOT NULL REFERENCES metric(id),
            PRIMARY KEY (key_result_id, metric_id)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE check_in (
            id INTEGER PRIMARY KEY,
            key_result_id INTEGER NOT NULL REFERENCES key_result(id),
            reading_id INTEGER NOT NULL REFERENCES reading(id),
            confidence INTEGER CHECK (confidence BETWEEN 0 AND 10),
            comment TEXT NOT NULL DEFAULT '',
            author TEXT NOT NULL DEFAULT '',
            recorded_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX check_in_by_key_result ON check_in(key_result_id, id)")


@migrations()
def m003_quarter_state(db: Database) -> None:
    """Which quarters are closed (read-only), since when and by whom; reopening deletes the row."""
    db.execute(
        """
        CREATE TABLE quarter_state (
            quarter TEXT PRIMARY KEY
                CHECK (quarter GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]'),
            closed_at TEXT NOT NULL,
            closed_by TEXT NOT NULL DEFAULT ''
        )
        """
    )


@migrations()
def m004_baselines_and_companions(db: Database) -> None:
    """XmR baselines as a history (the newest row wins), metric companions, and an
    index that serves a KPI's whole series without touching the table."""
    db.execute(
        """
        CREATE TABLE metric_baseline (
            id INTEGER PRIMARY KEY,
            metric_id INTEGER NOT NULL REFERENCES metric(id),
            start TEXT,
            "end" TEXT,
            note TEXT NOT NULL DEFAULT '',
            set_by TEXT NOT NULL DEFAULT '',
            set_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX metric_baseline_by_metric ON metric_baseline(metric_id, id)")
    # Companions go both ways: each pair is stored in both directions.
    db.execute(
        """
        CREATE TABLE metric_companion (
            metric_id INTEGER NOT NULL REFERENCES metric(id),
            companion_id INTEGER NOT NULL REFERENCES metric(id),
            PRIMARY KEY (metric_id, companion_id),
            CHECK (metric_id != companion_id)
        )
        """
    )
    db.execute(
        "CREATE INDEX reading_series ON reading(metric_id, at, value) WHERE superseded = 0"
    )


@migrations()
def m005_journal(db: Database) -> None:
    """The review journal: entries and their links, drafts being typed, next tests."""
    db.execute(
        """
        CREATE TABLE journal_entry (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL DEFAULT 'note' CHECK (kind IN ('note', 'decision', 'review')),
            at TEXT NOT NULL,
            week TEXT,
            body TEXT NOT NULL,
            author TEXT NOT NULL DEFAULT '',
            updated_by TEXT NOT NULL DEFAULT '',
            version INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX journal_by_date ON journal_entry(at, id)")
    db.execute(
        """
        CREATE TABLE journal_link (
            entry_id INTEGER NOT NULL REFERENCES journal_entry(id),
            kind TEXT NOT NULL CHECK (kind IN ('metric', 'objective', 'key_result')),
            item_id INTEGER NOT NULL,
            PRIMARY KEY (entry_id, kind, item_id)
        )
        """
    )
    db.execute("CREATE INDEX journal_link_by_item ON journal_link(kind, item_id)")
    # One draft per person and entry (0: a new one), saved every few seconds
    # while typing, so a dropped connection loses almost nothing.
    db.execute(
        """
        CREATE TABLE journal_draft (
            author TEXT NOT NULL,
            entry_id INTEGER NOT NULL DEFAULT 0,
            kind TEXT NOT NULL DEFAULT 'note',
            week TEXT,
            body TEXT NOT NULL,
            links TEXT NOT NULL DEFAULT '',
            saved_at TEXT NOT NULL,
            PRIMARY KEY (author, entry_id)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE next_test (
            id INTEGER PRIMARY KEY,
            text TEXT NOT NULL,
            week TEXT NOT NULL,
            entry_id INTEGER REFERENCES journal_entry(id),
            author TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'open'
                CHECK (status IN ('open', 'done', 'not-done', 'dropped')),
            learnt TEXT NOT NULL DEFAULT '',
            resolved_week TEXT,
            resolved_at TEXT,
            resolved_by TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute("CREATE INDEX next_test_by_week ON next_test(week)")


@migrations()
def m006_who_changed_it(db: Database) -> None:
    """Who last created or changed each metric, objective and key result (by account)."""
    for table in ("metric", "objective", "key_result"):
        db.execute(f"ALTER TABLE {table} ADD COLUMN updated_by TEXT NOT NULL DEFAULT ''")


@migrations()
def m007_cycles_events_grades(db: Database) -> None:
    """Named cycles and settings, check-ins as events, grades, frozen numbers, import keys."""
    cycles_events_grades(db)


@migrations()
def m008_form_drafts(db: Database) -> None:
    """What someone is typing in a dialog (a check-in, a reading, a KPI, a grade...),
    one draft per person, form and item, so a quit or a dropped connection loses nothing."""
    db.execute(
        """
        CREATE TABLE form_draft (
            author TEXT NOT NULL,
            form TEXT NOT NULL,
            item TEXT NOT NULL DEFAULT '',
            fields TEXT NOT NULL,
            focus TEXT NOT NULL DEFAULT '',
            saved_at TEXT NOT NULL,
            PRIMARY KEY (author, form, item)
        )
        """
    )


# These steps' functions live in modules of their own, for size.
migrations()(m009_sources_and_pulls)
migrations()(m010_next_test_targets)


_registered = tuple(m.name for m in migrations.pending(Database(memory=True)))
if _registered != SCHEMA_STEPS:  # a developer added a step and forgot the list
    raise RuntimeError(f"schema.SCHEMA_STEPS {SCHEMA_STEPS} != migrations {_registered}")
KNOWN_STEPS = SCHEMA_STEPS  # the steps this program knows, for callers and tests
