"""The store's front door: read and write the domain models on behalf of one user.

One public method per user intent, each one transaction; everything returned
is a frozen model. `Repository` is a facade: the work is done by small
sub-stores (`metrics`, `readings`, `okrs`, `journal`, `closing`, `signals`)
that share one `sql.StoreContext` and never import this module.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
from functools import cached_property
from typing import TYPE_CHECKING

from okrtui.core.kpi import KpiHealth, kpi_health
from okrtui.core.models import IncomingReading, KeyResult, Metric, Point, Reading, Source
from okrtui.store import database, sql
from okrtui.store.metrics import Metrics
from okrtui.store.readings import Readings
from okrtui.store.sql import StoreContext

if TYPE_CHECKING:
    from okrtui.store.closing import QuarterClosing
    from okrtui.store.cycles import Cycles
    from okrtui.store.form_drafts import FormDrafts
    from okrtui.store.journal import Journal
    from okrtui.store.kpi_signals import KpiSignals
    from okrtui.store.okr_repository import OkrRepository
    from okrtui.store.sources import Sources

SPARK_POINTS = 16  # readings per KPI the dashboard needs: enough for a sparkline


class Repository:
    """The okrtui database as domain operations, on behalf of one user."""

    def __init__(self, db: sqlite3.Connection, user: str) -> None:
        self.db = db
        self.context = StoreContext(db, user)
        self.metrics = Metrics(self.context)
        self.readings = Readings(self.context, self.metrics)

    @property
    def user(self) -> str:
        """Who the changes are recorded for."""
        return self.context.user

    # The OKR halves load on first use, so `okrtui record` does not pay for them.

    @cached_property
    def okrs(self) -> OkrRepository:
        """Objectives, key results and check-ins."""
        from okrtui.store.okr_repository import OkrRepository

        return OkrRepository(self.context, self.metrics, self.readings)

    @cached_property
    def cycles(self) -> Cycles:
        """The database's cycles: quarters (calendar or fiscal) and named ones."""
        from okrtui.store.cycles import Cycles

        return Cycles(self.context)

    @cached_property
    def closing(self) -> QuarterClosing:
        """Grading, reflecting on and closing quarters."""
        from okrtui.store.closing import QuarterClosing

        return QuarterClosing(self.context, self.okrs, self.metrics)

    @cached_property
    def journal(self) -> Journal:
        """The review journal and its next tests."""
        from okrtui.store.journal import Journal

        return Journal(self.context, self.metrics, self.okrs)

    @cached_property
    def form_drafts(self) -> FormDrafts:
        """What this person typed in dialogs and has not saved yet."""
        from okrtui.store.form_drafts import FormDrafts

        return FormDrafts(self.context)

    @cached_property
    def sources(self) -> Sources:
        """KPI sources and every pull of them."""
        from okrtui.store.sources import Sources

        return Sources(self.context, self.readings)

    @cached_property
    def signals(self) -> KpiSignals:
        """XmR charts, baselines and companions."""
        from okrtui.store.kpi_signals import KpiSignals

        return KpiSignals(self.context, self.metrics)

    # -- metrics (`metrics.Metrics`) -------------------------------------------------

    def list_metrics(self, include_archived: bool = False) -> list[Metric]:
        """All metrics by name; archived ones only when asked."""
        return self.metrics.list_metrics(include_archived)

    def get_metric(self, name: str) -> Metric:
        """The metric with this name (case-insensitive), archived or not."""
        return self.metrics.get_metric(name)

    def get_metric_by_id(self, metric_id: int) -> Metric:
        """The metric with this id."""
        return self.metrics.get_metric_by_id(metric_id)

    def add_metric(self, metric: Metric) -> Metric:
        """Create a metric; its name must be new (archived names count)."""
        return self.metrics.add_metric(metric)

    def update_metric(self, metric: Metric) -> Metric:
        """Save an edited metric, unless someone changed it since it was loaded."""
        return self.metrics.update_metric(metric)

    def set_archived(self, name: str, archived: bool) -> Metric:
        """Archive a metric (hidden, history kept) or bring it back."""
        return self.metrics.set_archived(name, archived)

    def changed_by(self, table: str, item_id: int) -> str:
        """Who last created or changed a metric, objective or key result, and when."""
        return sql.changed_by(self.db, table, item_id)

    # -- readings (`readings.Readings`) ----------------------------------------------

    def record_reading(self, metric: Metric, at: date, value: float, *, today: date,
                       note: str = "", source: Source = "cli",
                       recorded_at: datetime | None = None) -> Reading:
        """Record a value for a date; an existing one for that date is superseded."""
        return self.readings.record_reading(metric, at, value, today=today, note=note,
                                            source=source, recorded_at=recorded_at)

    def get_reading(self, reading_id: int) -> Reading:
        """One reading by id."""
        return self.readings.get_reading(reading_id)

    def history(self, metric_id: int, limit: int | None = None) -> list[Reading]:
        """Every reading of a metric, corrections included, newest date first."""
        return self.readings.history(metric_id, limit)

    def current_points(self, metric_id: int, up_to: date | None = None,
                       limit: int | None = None, since: date | None = None) -> list[Point]:
        """The metric's current values (no superseded ones), oldest first; from
        `since`, when given."""
        return self.readings.current_points(metric_id, up_to, limit, since)

    def reading_count(self) -> int:
        """How many readings the database holds, corrections included."""
        return self.readings.reading_count()

    def import_readings(self, incoming: Sequence[IncomingReading], *,
                        new_metrics: Sequence[Metric] = (),
                        keep_history: bool = False) -> tuple[int, int]:
        """Create `new_metrics` and add readings in one transaction: all or nothing.
        Returns (added, unchanged); see `Readings.import_readings`."""
        return self.readings.import_readings(incoming, new_metrics=new_metrics,
                                             keep_history=keep_history)

    # -- the KPI pane ------------------------------------------------------------------

    def kpi_overview(self, today: date) -> list[KpiHealth]:
        """Every watched, unarchived metric's health today, by name.

        A metric that a key result of today's quarter measures is listed with
        that key result (its role this quarter), watched or not.
        """
        by_metric = self.okrs.key_result_by_metric(str(self.cycles.calendar().current(today)))
        return [self._kpi_health(m, by_metric.get(m.id or 0), today)
                for m in self.list_metrics() if m.watched or m.id in by_metric]

    def kpi_row(self, metric_id: int, today: date) -> KpiHealth | None:
        """The row `kpi_overview` gives this metric today, reading only its data;
        None when it is not on the KPI pane (unwatched and no key result, archived,
        or no such metric)."""
        metric = self.metrics.find_metric(metric_id)
        if metric is None or metric.archived:
            return None
        kr = self.okrs.key_result_measuring(metric_id, str(self.cycles.calendar().current(today)))
        if not metric.watched and kr is None:
            return None
        return self._kpi_health(metric, kr, today)

    def _kpi_health(self, metric: Metric, kr: KeyResult | None, today: date) -> KpiHealth:
        points = self.readings.current_points(metric.id or 0, today, SPARK_POINTS)
        health = kpi_health(metric, points, today)
        return health if kr is None else replace(health, key_result_id=kr.id)

    # -- the database itself (the shells ask here, never the connection) -------

    @property
    def read_only(self) -> bool:
        """Whether nothing can be saved (a file the user cannot write, or --read-only)."""
        return database.is_read_only(self.db)

    def label(self) -> str:
        """Where the data lives, for people: the database file's path."""
        return database.database_label(self.db)

    def change_token(self) -> tuple[int, int]:
        """Changes when anyone commits: others (data_version) or this connection."""
        return self.data_version(), database.own_changes(self.db)

    def data_version(self) -> int:
        """A number that changes when another connection commits (cheap to poll)."""
        return database.data_version(self.db)

    def close(self) -> None:
        """Close the database (the last close folds the WAL back into the one file)."""
        self.db.close()
