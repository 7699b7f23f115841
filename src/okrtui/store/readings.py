"""Readings: a metric's values by date, corrections kept (a new row supersedes the old).

Check-ins and imports write readings through `insert_reading`, inside their
own transactions, so there is one INSERT and one superseding rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from okrtui.core.errors import InvalidInput, NotFound
from okrtui.core.models import IncomingReading, Metric, Point, Reading, Source
from okrtui.core.parse import check_not_future
from okrtui.core.text import clean_line, clean_text
from okrtui.store import sql
from okrtui.store.database import write_transaction
from okrtui.store.metrics import Metrics
from okrtui.store.sql import StoreContext


def reading_from_row(row: dict[str, Any]) -> Reading:
    """A row as a model (validated when written; text cleaned again)."""
    data = dict(row)
    data["at"] = date.fromisoformat(data["at"])
    data["recorded_at"] = datetime.fromisoformat(data["recorded_at"])
    data["note"] = clean_text(data["note"])
    data["author"] = clean_line(data["author"])
    data["superseded"] = bool(data["superseded"])
    return Reading.model_construct(**data)


class Readings:
    """The reading table, on behalf of one user."""

    def __init__(self, ctx: StoreContext, metrics: Metrics) -> None:
        self.ctx = ctx
        self.db = ctx.db
        self.metrics = metrics

    def record_reading(self, metric: Metric, at: date, value: float, *, today: date,
                       note: str = "", source: Source = "cli",
                       recorded_at: datetime | None = None) -> Reading:
        """Record a value for a date; an existing one for that date is superseded.
        It is recorded now, unless a script says when (`recorded_at`)."""
        check_not_future(at, today)
        current = self.metrics.get_metric_by_id(metric.id or 0)  # it may have changed since
        if current.archived:
            raise InvalidInput(
                f"{current.name!r} is archived: unarchive it (okrtui metric unarchive) first"
            )
        reading = Reading(
            metric_id=metric.id or 0, at=at, value=value, note=note,
            author=self.ctx.user, source=source, recorded_at=recorded_at or datetime.now(UTC),
        )
        with write_transaction(self.db):
            new_id = self.insert_reading(reading)
        return self.get_reading(new_id)

    def insert_reading(self, reading: Reading) -> int:
        """Insert inside the caller's transaction, superseding the date's current reading."""
        at = reading.at.isoformat()
        old_id = self.current_reading_id(reading.metric_id, reading.at)
        if old_id is not None:
            sql.execute(self.db, "UPDATE reading SET superseded = 1 WHERE id = ?", [old_id])
        return sql.insert(self.db, "reading", {
            "metric_id": reading.metric_id, "at": at, "value": reading.value,
            "note": reading.note, "author": reading.author, "source": reading.source,
            "recorded_at": sql.utc_text(reading.recorded_at or datetime.now(UTC)),
            "supersedes": old_id, "superseded": 0,
        })

    def current_reading_id(self, metric_id: int, at: date,
                           value: float | None = None) -> int | None:
        """The date's current reading (only if it has `value`, when given)."""
        query = "SELECT id FROM reading WHERE metric_id = ? AND at = ? AND superseded = 0"
        params: list[Any] = [metric_id, at.isoformat()]
        if value is not None:
            query += " AND value = ?"
            params.append(value)
        found = sql.value(self.db, query, params)
        return None if found is None else int(found)

    def get_reading(self, reading_id: int) -> Reading:
        """One reading by id."""
        row = sql.first(self.db, "SELECT * FROM reading WHERE id = ?", [reading_id])
        if row is None:
            raise NotFound(f"no reading with id {reading_id}")
        return reading_from_row(row)

    def history(self, metric_id: int, limit: int | None = None) -> list[Reading]:
        """Every reading of a metric, corrections included, newest date first."""
        query = "SELECT * FROM reading WHERE metric_id = ? ORDER BY at DESC, id DESC"
        params: list[Any] = [metric_id]
        if limit is not None:
            query += " LIMIT ?"
            params.append(limit)
        return [reading_from_row(r) for r in sql.rows(self.db, query, params)]

    def current_points(self, metric_id: int, up_to: date | None = None,
                       limit: int | None = None, since: date | None = None) -> list[Point]:
        """The metric's current values (no superseded ones), oldest first; from
        `since`, when given."""
        query = "SELECT at, value FROM reading WHERE metric_id = ? AND superseded = 0"
        params: list[Any] = [metric_id]
        if since is not None:
            query += " AND at >= ?"
            params.append(since.isoformat())
        if up_to is not None:
            query += " AND at <= ?"
            params.append(up_to.isoformat())
        query += " ORDER BY at DESC"
        if limit is not None:
            query += " LIMIT ?"
            params.append(limit)
        return [Point.model_construct(at=date.fromisoformat(at), value=value)
                for at, value in reversed(sql.tuples(self.db, query, params))]

    def latest_value(self, metric_id: int, up_to: date) -> float | None:
        """The metric's current value on `up_to` (its latest reading by then), if any."""
        points = self.current_points(metric_id, up_to, limit=1)
        return points[-1].value if points else None

    def reading_count(self) -> int:
        """How many readings the database holds, corrections included."""
        return int(sql.value(self.db, "SELECT count(*) FROM reading"))

    # -- imports -------------------------------------------------------------

    def import_readings(self, incoming: Sequence[IncomingReading], *,
                        new_metrics: Sequence[Metric] = (),
                        keep_history: bool = False) -> tuple[int, int]:
        """Create `new_metrics` and add readings in one transaction: all or nothing.

        A reading already there is skipped, so importing the same file twice
        changes nothing: for plain readings (CSV) "already there" means the
        date's current value and note; with `keep_history` (a JSON export with
        its corrections) it means the same row, author and time included.
        Returns (added, unchanged).
        """
        with write_transaction(self.db):
            return self.add_readings(incoming, new_metrics, keep_history)

    def add_readings(self, incoming: Sequence[IncomingReading], new_metrics: Sequence[Metric],
                     keep_history: bool) -> tuple[int, int]:
        """`import_readings` inside a transaction the caller opened."""
        added = unchanged = 0
        stamp = sql.now_utc()
        for metric in new_metrics:
            self.metrics.insert_metric(metric, stamp)
        ids: dict[str, int] = {}
        for item in incoming:
            if item.metric not in ids:
                ids[item.metric] = self.metrics.metric_id(item.metric)
            reading = Reading(
                metric_id=ids[item.metric], at=item.at, value=item.value, note=item.note,
                author=item.author or self.ctx.user, source=item.source,
                recorded_at=item.recorded_at,
            )
            if self._already_there(reading, keep_history):
                unchanged += 1
                continue
            self.insert_reading(reading)
            added += 1
        return added, unchanged

    def _already_there(self, reading: Reading, keep_history: bool) -> bool:
        query = "SELECT 1 FROM reading WHERE metric_id = ? AND at = ? AND value = ? AND note = ?"
        params: list[Any] = [reading.metric_id, reading.at.isoformat(), reading.value,
                             reading.note]
        if keep_history and reading.recorded_at is not None:
            query += " AND author = ? AND recorded_at = ?"
            params += [reading.author, sql.utc_text(reading.recorded_at)]
        else:
            query += " AND superseded = 0"
        return sql.exists(self.db, query, params)
