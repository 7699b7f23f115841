"""KPI sources and their pulls.

A source belongs to one metric and to the account that defined it (its uid and
seal, checked by `core.sources.refusal` before anything runs). Every pull is
kept: a success with the reading it wrote, a failure with its reason, so a
failing source is visible and a failure never becomes a value.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from okrtui.core.errors import AlreadyExists, InvalidInput, NotFound
from okrtui.core.models import Metric, Point, Reading
from okrtui.core.models import Source as ReadingSource
from okrtui.core.sources import Every, Fetched, Pull, Source, SourceSpec, failing_since
from okrtui.core.text import clean_line
from okrtui.store import sql
from okrtui.store.database import write_transaction
from okrtui.store.readings import Readings
from okrtui.store.sql import StoreContext

PULL_SOURCE: ReadingSource = "pull"  # reading.source of a value a source delivered


def _spec(text: str) -> SourceSpec:
    """The stored definition; one edited into nonsense reads as an empty command, whose
    seal cannot match, so it is listed and refused in words, never run."""
    try:
        return SourceSpec.model_validate_json(text)
    except ValueError:
        return SourceSpec(kind="command", command="(a definition okrtui cannot read)")


def _source(row: dict[str, Any]) -> Source:
    return Source.model_construct(
        id=row["id"], metric_id=row["metric_id"], metric=clean_line(row["metric"]),
        spec=_spec(row["spec"]), every=row["every"] or None,
        account=clean_line(row["account"]), uid=row["uid"], signature=row["signature"],
        created_at=datetime.fromisoformat(row["created_at"]))


def _pull(row: dict[str, Any]) -> Pull:
    return Pull.model_construct(
        id=row["id"], source_id=row["source_id"], metric_id=row["metric_id"],
        day=date.fromisoformat(row["day"]), finished_at=datetime.fromisoformat(row["finished_at"]),
        ok=bool(row["ok"]), value=row["value"], reason=clean_line(row["reason"]),
        reading_id=row["reading_id"], account=clean_line(row["account"]))


_SELECT = ("SELECT source.*, metric.name AS metric FROM source "
           "JOIN metric ON metric.id = source.metric_id")


class Sources:
    """The source and source_pull tables."""

    def __init__(self, ctx: StoreContext, readings: Readings) -> None:
        self.ctx = ctx
        self.db = ctx.db
        self.readings = readings

    def add(self, metric: Metric, spec: SourceSpec, every: Every | None, *,
            account: str, uid: int, signature: str) -> Source:
        """Give a metric its source; a metric has at most one."""
        with write_transaction(self.db):
            if sql.exists(self.db, "SELECT 1 FROM source WHERE metric_id = ?", [metric.id]):
                raise AlreadyExists(
                    f"{metric.name!r} already has a source: remove it first "
                    f"(okrtui source remove {metric.name!r})")
            new_id = sql.insert(self.db, "source", {
                "metric_id": metric.id, "kind": spec.kind, "spec": spec.canonical(),
                "every": every or "", "account": account, "uid": uid,
                "signature": signature, "created_at": sql.now_utc(),
            })
        return self.get(new_id)

    def get(self, source_id: int) -> Source:
        row = sql.first(self.db, _SELECT + " WHERE source.id = ?", [source_id])
        if row is None:
            raise NotFound(f"no source with id {source_id}")
        return _source(row)

    def of_metric(self, metric_id: int) -> Source | None:
        row = sql.first(self.db, _SELECT + " WHERE source.metric_id = ?", [metric_id])
        return None if row is None else _source(row)

    def listing(self) -> list[Source]:
        """Every source, by metric name (archived metrics' too)."""
        return [_source(r) for r in sql.rows(
            self.db, _SELECT + " ORDER BY metric.name COLLATE NOCASE")]

    def remove(self, metric: Metric) -> int:
        """Remove a metric's source and its pull log; the readings it wrote stay.
        Returns how many pulls were dropped."""
        with write_transaction(self.db):
            source_id = sql.value(self.db, "SELECT id FROM source WHERE metric_id = ?",
                                  [metric.id])
            if source_id is None:
                raise NotFound(f"{metric.name!r} has no source")
            dropped = sql.execute(self.db, "DELETE FROM source_pull WHERE source_id = ?",
                                  [source_id])
            sql.execute(self.db, "DELETE FROM source WHERE id = ?", [source_id])
        return dropped

    # -- pulls ---------------------------------------------------------------

    def pulls(self, source_id: int, limit: int = 50) -> list[Pull]:
        """A source's latest pulls, oldest first."""
        found = sql.rows(self.db, "SELECT * FROM source_pull WHERE source_id = ? "
                         "ORDER BY id DESC LIMIT ?", [source_id, limit])
        return [_pull(r) for r in reversed(found)]

    def last_ok_days(self) -> dict[int, date]:
        """Each source's latest day with a successful pull."""
        return {sid: date.fromisoformat(day) for sid, day in sql.tuples(
            self.db, "SELECT source_id, max(day) FROM source_pull WHERE ok = 1 "
            "GROUP BY source_id")}

    def failing(self) -> dict[int, tuple[Pull, Pull]]:
        """Sources whose latest pull failed, by metric id: (the first failure of the
        run, the latest), read as one query over the pulls since each last success."""
        # Source by source, each last success found once and the pulls after it read
        # by the index (a year of daily pulls of 100 sources: ~3 ms, not ~140 ms).
        found = sql.rows(
            self.db, "SELECT p.* FROM source AS s CROSS JOIN source_pull AS p "
            "ON p.source_id = s.id AND p.id > coalesce((SELECT max(q.id) FROM source_pull "
            "AS q WHERE q.source_id = s.id AND q.ok = 1), 0) ORDER BY p.source_id, p.id")
        by_source: dict[int, list[Pull]] = {}
        for row in found:
            pull = _pull(row)
            by_source.setdefault(pull.source_id, []).append(pull)
        runs: dict[int, tuple[Pull, Pull]] = {}
        for pulls in by_source.values():
            first = failing_since(pulls)  # the core's rule; the query only narrows the rows
            if first is not None:
                runs[first.metric_id] = (first, pulls[-1])
        return runs

    def delivered_since(self, day: date) -> set[int]:
        """The metrics whose source delivered a value on `day` or after."""
        return set(sql.column(self.db, "SELECT DISTINCT metric_id FROM source_pull "
                              "WHERE ok = 1 AND day >= ?", [day.isoformat()]))

    def record_failure(self, source: Source, day: date, reason: str) -> Pull:
        """Keep a failed pull with its reason."""
        with write_transaction(self.db):
            return self._insert_pull(source, day, False, None, clean_line(reason)[:500], None)

    def record_value(self, source: Source, day: date, fetched: Fetched, *,
                     backfill: bool = False) -> tuple[Pull, int, str]:
        """Record what a source delivered, in one transaction.

        A value is dated `day`; a history's newest point is dated by itself. That
        newest point becomes a reading, unless a person recorded that day (their
        reading is kept, and the pull says so). With `backfill` the history's older
        days that have no reading yet are filled too; a day with one is left alone.
        Returns (the pull, readings written, a word on what was kept)."""
        metric = self.readings.metrics.get_metric_by_id(source.metric_id)
        if metric.archived:
            raise InvalidInput(f"{metric.name!r} is archived: unarchive it first")
        points = sorted(fetched.history, key=lambda p: p.at) or (
            [Point(at=day, value=fetched.value)] if fetched.value is not None else [])
        if not points:
            raise InvalidInput("the source delivered no value")
        newest = points[-1]
        with write_transaction(self.db):
            written = 0
            if backfill:
                for point in points[:-1]:
                    if self.readings.current_reading_id(metric.id or 0, point.at) is None:
                        self._insert_reading(metric, point)
                        written += 1
            reading_id, kept = self._write_newest(metric, newest)
            written += reading_id is not None
            pull = self._insert_pull(source, day, True, newest.value, kept,
                                     reading_id or self.readings.current_reading_id(
                                         metric.id or 0, newest.at, newest.value))
        return pull, written, kept

    def _write_newest(self, metric: Metric, point: Point) -> tuple[int | None, str]:
        """The pull's value as the day's reading; a person's reading stays. Returns the
        new reading's id (None when nothing was written) and what was kept instead."""
        current = self._current(metric.id or 0, point.at)
        if current is not None and current.source != PULL_SOURCE:
            if current.value == point.value:
                return None, ""
            return None, (f"kept {current.author or 'someone'}'s reading {current.value:g} "
                          f"of {current.at}; the source gave {point.value:g}")
        if current is not None and current.value == point.value:
            return None, ""
        return self._insert_reading(metric, point), ""

    def _insert_reading(self, metric: Metric, point: Point) -> int:
        return self.readings.insert_reading(Reading(
            metric_id=metric.id or 0, at=point.at, value=point.value,
            author=self.ctx.user, source=PULL_SOURCE, recorded_at=datetime.now(UTC)))

    def _current(self, metric_id: int, at: date) -> Reading | None:
        found = self.readings.current_reading_id(metric_id, at)
        return None if found is None else self.readings.get_reading(found)

    def _insert_pull(self, source: Source, day: date, ok: bool, value: float | None,
                     reason: str, reading_id: int | None) -> Pull:
        new_id = sql.insert(self.db, "source_pull", {
            "source_id": source.id, "metric_id": source.metric_id, "day": day.isoformat(),
            "finished_at": sql.now_utc(), "ok": int(ok), "value": value, "reason": reason,
            "reading_id": reading_id, "account": self.ctx.user,
        })
        return _pull(sql.first(self.db, "SELECT * FROM source_pull WHERE id = ?", [new_id])
                     or {})
