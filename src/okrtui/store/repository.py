"""Read and write the domain models. One public method per user intent,
each one transaction; everything returned is a frozen model.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import UTC, date, datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any

from okrtui.core.errors import AlreadyExists, InvalidInput, NotFound, conflict
from okrtui.core.kpi import KpiHealth, kpi_health
from okrtui.core.models import IncomingReading, KeyResult, Metric, Point, Reading, Source
from okrtui.core.parse import check_not_future
from okrtui.core.text import clean_line, clean_text
from okrtui.store.database import write_transaction

if TYPE_CHECKING:
    from okrtui.store.closing import QuarterClosing
    from okrtui.store.journal import Journal
    from okrtui.store.kpi_signals import KpiSignals
    from okrtui.store.okr_repository import OkrRepository

METRIC_COLUMNS = (
    "name", "unit", "direction", "description", "owner", "team", "watched",
    "range_min", "range_max", "cadence", "archived",
)
SPARK_POINTS = 16  # readings per KPI the dashboard needs: enough for a sparkline


def now_utc() -> str:
    """A timestamp for the database: UTC, ISO 8601."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def _metric(row: dict[str, Any]) -> Metric:
    """A row as a model. Rows were validated when written, so only the cheap
    text cleaning runs again (a file may have been edited by other tools)."""
    data = {k: v for k, v in row.items() if k not in ("created_at", "updated_at", "updated_by")}
    for key in ("name", "unit", "owner", "team"):
        data[key] = clean_line(data[key])
    data["description"] = clean_text(data["description"])
    data["watched"] = bool(data["watched"])
    data["archived"] = bool(data["archived"])
    return Metric.model_construct(**data)


def _reading(row: dict[str, Any]) -> Reading:
    data = dict(row)
    data["at"] = date.fromisoformat(data["at"])
    data["recorded_at"] = datetime.fromisoformat(data["recorded_at"])
    data["note"] = clean_text(data["note"])
    data["author"] = clean_line(data["author"])
    data["superseded"] = bool(data["superseded"])
    return Reading.model_construct(**data)


class Repository:
    """The okrtui database as domain operations, on behalf of one user."""

    def __init__(self, db: sqlite3.Connection, user: str) -> None:
        self.db = db
        self.user = user

    # The OKR halves load on first use, so `okrtui record` does not pay for them.

    @cached_property
    def okrs(self) -> OkrRepository:
        """Objectives, key results and check-ins."""
        from okrtui.store.okr_repository import OkrRepository

        return OkrRepository(self)

    @cached_property
    def closing(self) -> QuarterClosing:
        """Grading, reflecting on and closing quarters."""
        from okrtui.store.closing import QuarterClosing

        return QuarterClosing(self)

    @cached_property
    def journal(self) -> Journal:
        """The review journal and its next tests."""
        from okrtui.store.journal import Journal

        return Journal(self)

    @cached_property
    def signals(self) -> KpiSignals:
        """XmR charts, baselines and companions."""
        from okrtui.store.kpi_signals import KpiSignals

        return KpiSignals(self)

    # -- metrics -----------------------------------------------------------

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cursor = self.db.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def list_metrics(self, include_archived: bool = False) -> list[Metric]:
        """All metrics by name; archived ones only when asked."""
        where = "" if include_archived else "WHERE archived = 0"
        return [_metric(r) for r in self._rows(f"SELECT * FROM metric {where} ORDER BY name")]

    def get_metric(self, name: str) -> Metric:
        """The metric with this name (case-insensitive), archived or not."""
        # Names were cleaned when stored (control characters → visible stand-ins).
        wanted = clean_line(name).strip()
        rows = self._rows("SELECT * FROM metric WHERE name = ?", [wanted])
        if not rows:
            raise NotFound(f"no metric named {wanted!r} (see `okrtui metric list`)")
        return _metric(rows[0])

    def _metric_id(self, name: str) -> int:
        row = self.db.execute("SELECT id FROM metric WHERE name = ?", [name]).fetchone()
        if row is None:
            raise NotFound(f"no metric named {name!r} (see `okrtui metric list`)")
        return int(row[0])

    def get_metric_by_id(self, metric_id: int) -> Metric:
        """The metric with this id."""
        rows = self._rows("SELECT * FROM metric WHERE id = ?", [metric_id])
        if not rows:
            raise NotFound(f"no metric with id {metric_id}")
        return _metric(rows[0])

    def add_metric(self, metric: Metric) -> Metric:
        """Create a metric; its name must be new (archived names count)."""
        with write_transaction(self.db):
            new_id = self._insert_metric(metric, now_utc())
        return self.get_metric_by_id(new_id)

    def _insert_metric(self, metric: Metric, stamp: str) -> int:
        """Insert inside an open transaction; the name must be free."""
        self._refuse_taken_name(metric.name, None)
        values = {c: getattr(metric, c) for c in METRIC_COLUMNS}
        cursor = self.db.execute(
            f"INSERT INTO metric ({', '.join(values)}, created_at, updated_at, updated_by) "
            f"VALUES ({', '.join('?' * len(values))}, ?, ?, ?)",
            [*values.values(), stamp, stamp, self.user],
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def _refuse_taken_name(self, name: str, own_id: int | None) -> None:
        rows = self._rows("SELECT id, archived FROM metric WHERE name = ?", [name])
        if rows and rows[0]["id"] != own_id:
            hint = " (archived: `okrtui metric unarchive` brings it back)" if rows[0][
                "archived"
            ] else ""
            raise AlreadyExists(f"a metric named {name!r} already exists{hint}")

    def update_metric(self, metric: Metric) -> Metric:
        """Save an edited metric, unless someone changed it since it was loaded."""
        assert metric.id is not None
        values = {c: getattr(metric, c) for c in METRIC_COLUMNS}
        with write_transaction(self.db):
            self._refuse_taken_name(metric.name, metric.id)
            cursor = self.db.execute(
                f"UPDATE metric SET {', '.join(f'{c} = ?' for c in values)}, "
                "version = version + 1, updated_at = ?, updated_by = ? "
                "WHERE id = ? AND version = ?",
                [*values.values(), now_utc(), self.user, metric.id, metric.version],
            )
            if cursor.rowcount == 0:
                current = self.get_metric_by_id(metric.id)
                raise conflict(repr(current.name), {c: getattr(current, c) for c in values},
                               values, who=self.changed_by("metric", metric.id))
        return self.get_metric_by_id(metric.id)

    def changed_by(self, table: str, item_id: int) -> str:
        """Who last created or changed a metric, objective or key result, and when."""
        row = self.db.execute(f"SELECT updated_by, updated_at FROM {table} WHERE id = ?",
                              [item_id]).fetchone()
        if row is None or not row[0]:
            return "someone else"
        return f"{clean_line(row[0])} (at {row[1][:16].replace('T', ' ')} UTC)"

    def set_archived(self, name: str, archived: bool) -> Metric:
        """Archive a metric (hidden, history kept) or bring it back."""
        metric = self.get_metric(name)
        return self.update_metric(metric.model_copy(update={"archived": archived}))

    # -- readings ----------------------------------------------------------

    def record_reading(
        self,
        metric: Metric,
        at: date,
        value: float,
        *,
        today: date,
        note: str = "",
        source: Source = "cli",
    ) -> Reading:
        """Record a value for a date; an existing one for that date is superseded."""
        check_not_future(at, today)
        current = self.get_metric_by_id(metric.id or 0)  # it may have changed since it was shown
        if current.archived:
            raise InvalidInput(
                f"{current.name!r} is archived: unarchive it (okrtui metric unarchive) first"
            )
        reading = Reading(
            metric_id=metric.id or 0, at=at, value=value, note=note,
            author=self.user, source=source, recorded_at=datetime.now(UTC),
        )
        with write_transaction(self.db):
            new_id = self._insert_reading(reading)
        return self.get_reading(new_id)

    def _insert_reading(self, reading: Reading) -> int:
        """Insert inside an open transaction, superseding the date's current reading."""
        at = reading.at.isoformat()
        row = self.db.execute(
            "SELECT id FROM reading WHERE metric_id = ? AND at = ? AND superseded = 0",
            [reading.metric_id, at],
        ).fetchone()
        old_id = row[0] if row else None
        if old_id is not None:
            self.db.execute("UPDATE reading SET superseded = 1 WHERE id = ?", [old_id])
        recorded = reading.recorded_at or datetime.now(UTC)
        cursor = self.db.execute(
            "INSERT INTO reading (metric_id, at, value, note, author, source, recorded_at, "
            "supersedes, superseded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)",
            [
                reading.metric_id, at, reading.value, reading.note, reading.author,
                reading.source, recorded.isoformat(timespec="seconds"), old_id,
            ],
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def get_reading(self, reading_id: int) -> Reading:
        """One reading by id."""
        rows = self._rows("SELECT * FROM reading WHERE id = ?", [reading_id])
        if not rows:
            raise NotFound(f"no reading with id {reading_id}")
        return _reading(rows[0])

    def history(self, metric_id: int, limit: int | None = None) -> list[Reading]:
        """Every reading of a metric, corrections included, newest date first."""
        sql = "SELECT * FROM reading WHERE metric_id = ? ORDER BY at DESC, id DESC"
        params: list[Any] = [metric_id]
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [_reading(r) for r in self._rows(sql, params)]

    def current_points(
        self, metric_id: int, up_to: date | None = None, limit: int | None = None
    ) -> list[Point]:
        """The metric's current values (no superseded ones), oldest first."""
        sql = "SELECT at, value FROM reading WHERE metric_id = ? AND superseded = 0"
        params: list[Any] = [metric_id]
        if up_to is not None:
            sql += " AND at <= ?"
            params.append(up_to.isoformat())
        sql += " ORDER BY at DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        rows = self.db.execute(sql, params).fetchall()
        return [
            Point.model_construct(at=date.fromisoformat(at), value=value)
            for at, value in reversed(rows)
        ]

    def kpi_overview(self, today: date) -> list[KpiHealth]:
        """Every watched, unarchived metric's health today, by name.

        A metric that a key result of today's quarter measures is listed with
        that key result (its role this quarter), watched or not.
        """
        from okrtui.core.periods import Quarter

        by_metric = self.okrs.key_result_by_metric(str(Quarter.of(today)))
        return [self._kpi_health(m, by_metric.get(m.id or 0), today)
                for m in self.list_metrics() if m.watched or m.id in by_metric]

    def kpi_row(self, metric_id: int, today: date) -> KpiHealth | None:
        """The row `kpi_overview` gives this metric today, reading only its data;
        None when it is not on the KPI pane (unwatched and no key result, archived,
        or no such metric)."""
        from okrtui.core.periods import Quarter

        rows = self._rows("SELECT * FROM metric WHERE id = ?", [metric_id])
        if not rows:
            return None
        metric = _metric(rows[0])
        kr = self.okrs.key_result_measuring(metric_id, str(Quarter.of(today)))
        if metric.archived or not (metric.watched or kr is not None):
            return None
        return self._kpi_health(metric, kr, today)

    def _kpi_health(self, metric: Metric, kr: KeyResult | None, today: date) -> KpiHealth:
        from dataclasses import replace

        health = kpi_health(metric, self.current_points(metric.id or 0, today, SPARK_POINTS),
                            today)
        return health if kr is None else replace(health, key_result_id=kr.id)

    # -- the database itself (the shells ask here, never the connection) -------

    @property
    def read_only(self) -> bool:
        """Whether nothing can be saved (a file the user cannot write, or --read-only)."""
        return bool(getattr(self.db, "read_only", False))

    def label(self) -> str:
        """Where the data lives, for people: the database file's path."""
        row = self.db.execute("PRAGMA database_list").fetchone()
        return str(row[2]) if row and row[2] else ":memory:"

    def change_token(self) -> tuple[int, int]:
        """Changes when anyone commits: others (data_version) or this connection."""
        return self.data_version(), self.db.total_changes

    def close(self) -> None:
        """Close the database (the last close folds the WAL back into the one file)."""
        self.db.close()

    def data_version(self) -> int:
        """A number that changes when another connection commits (cheap to poll)."""
        return int(self.db.execute("PRAGMA data_version").fetchone()[0])

    def reading_count(self) -> int:
        """How many readings the database holds, corrections included."""
        return int(self.db.execute("SELECT count(*) FROM reading").fetchone()[0])

    def import_readings(
        self,
        incoming: Sequence[IncomingReading],
        *,
        new_metrics: Sequence[Metric] = (),
        keep_history: bool = False,
    ) -> tuple[int, int]:
        """Create `new_metrics` and add readings in one transaction: all or nothing.

        A reading already there is skipped, so importing the same file twice
        changes nothing: for plain readings (CSV) "already there" means the
        date's current value and note; with `keep_history` (a JSON export with
        its corrections) it means the same row, author and time included.
        Returns (added, unchanged).
        """
        with write_transaction(self.db):
            return self._add_readings(incoming, new_metrics, keep_history)

    def _add_readings(
        self, incoming: Sequence[IncomingReading], new_metrics: Sequence[Metric],
        keep_history: bool,
    ) -> tuple[int, int]:
        """`import_readings` inside a transaction the caller opened."""
        added = unchanged = 0
        stamp = now_utc()
        for metric in new_metrics:
            self._insert_metric(metric, stamp)
        ids: dict[str, int] = {}
        for item in incoming:
            if item.metric not in ids:
                ids[item.metric] = self._metric_id(item.metric)
            reading = Reading(
                metric_id=ids[item.metric], at=item.at, value=item.value, note=item.note,
                author=item.author or self.user, source=item.source,
                recorded_at=item.recorded_at,
            )
            if self._already_there(reading, keep_history):
                unchanged += 1
                continue
            self._insert_reading(reading)
            added += 1
        return added, unchanged

    def _already_there(self, reading: Reading, keep_history: bool) -> bool:
        sql = "SELECT 1 FROM reading WHERE metric_id = ? AND at = ? AND value = ? AND note = ?"
        params: list[Any] = [reading.metric_id, reading.at.isoformat(), reading.value, reading.note]
        if keep_history and reading.recorded_at is not None:
            sql += " AND author = ? AND recorded_at = ?"
            params += [reading.author, reading.recorded_at.isoformat(timespec="seconds")]
        else:
            sql += " AND superseded = 0"
        return self.db.execute(sql, params).fetchone() is not None
