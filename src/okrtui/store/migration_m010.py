"""Schema step m010: a next test may name the KPI it should move and the direction
(`core.next_test_target`), so the following reviews can say whether it has.

Kept apart from `migrations.py` only for size; that module registers it.
"""

from __future__ import annotations

from sqlite_utils import Database


def m010_next_test_targets(db: Database) -> None:
    """A next test's KPI (nullable) and the direction it should move it."""
    db.execute("ALTER TABLE next_test ADD COLUMN metric_id INTEGER REFERENCES metric(id)")
    # '' when the test names no KPI; otherwise 'up' or 'down'.
    db.execute("ALTER TABLE next_test ADD COLUMN direction TEXT NOT NULL DEFAULT '' "
               "CHECK (direction IN ('', 'up', 'down'))")
