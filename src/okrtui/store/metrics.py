"""Metrics: the numbers the business watches, found by name or id, added and edited.

Every other sub-store that needs a metric asks here, inside its own
transaction when it writes (`insert_metric`), instead of keeping its own SQL.
"""

from __future__ import annotations

from typing import Any

from okrtui.core.errors import AlreadyExists, NotFound, conflict
from okrtui.core.models import Metric
from okrtui.core.text import clean_line, clean_text
from okrtui.store import sql
from okrtui.store.database import write_transaction
from okrtui.store.sql import StoreContext

METRIC_COLUMNS = (
    "name", "unit", "direction", "description", "owner", "team", "watched",
    "range_min", "range_max", "cadence", "archived",
)


def metric_from_row(row: dict[str, Any]) -> Metric:
    """A row as a model. Rows were validated when written, so only the cheap
    text cleaning runs again (a file may have been edited by other tools)."""
    data = {k: v for k, v in row.items() if k not in ("created_at", "updated_at", "updated_by")}
    for key in ("name", "unit", "owner", "team"):
        data[key] = clean_line(data[key])
    data["description"] = clean_text(data["description"])
    data["watched"] = bool(data["watched"])
    data["archived"] = bool(data["archived"])
    return Metric.model_construct(**data)


def _unknown(name: str) -> NotFound:
    return NotFound(f"no metric named {name!r} (see `okrtui metric list`)")


class Metrics:
    """The metric table, on behalf of one user."""

    def __init__(self, ctx: StoreContext) -> None:
        self.ctx = ctx
        self.db = ctx.db

    def list_metrics(self, include_archived: bool = False) -> list[Metric]:
        """All metrics by name; archived ones only when asked."""
        where = "" if include_archived else "WHERE archived = 0"
        return [metric_from_row(r)
                for r in sql.rows(self.db, f"SELECT * FROM metric {where} ORDER BY name")]

    def get_metric(self, name: str) -> Metric:
        """The metric with this name (case-insensitive), archived or not."""
        # Names were cleaned when stored (control characters → visible stand-ins).
        wanted = clean_line(name).strip()
        row = sql.first(self.db, "SELECT * FROM metric WHERE name = ?", [wanted])
        if row is None:
            raise _unknown(wanted)
        return metric_from_row(row)

    def get_metric_by_id(self, metric_id: int) -> Metric:
        """The metric with this id."""
        row = sql.first(self.db, "SELECT * FROM metric WHERE id = ?", [metric_id])
        if row is None:
            raise NotFound(f"no metric with id {metric_id}")
        return metric_from_row(row)

    def find_metric(self, metric_id: int) -> Metric | None:
        """The metric with this id, or None."""
        row = sql.first(self.db, "SELECT * FROM metric WHERE id = ?", [metric_id])
        return None if row is None else metric_from_row(row)

    def metric_id(self, name: str) -> int:
        """The id of the metric with exactly this (stored) name."""
        found = sql.value(self.db, "SELECT id FROM metric WHERE name = ?", [name])
        if found is None:
            raise _unknown(name)
        return int(found)

    def add_metric(self, metric: Metric) -> Metric:
        """Create a metric; its name must be new (archived names count)."""
        with write_transaction(self.db):
            new_id = self.insert_metric(metric)
        return self.get_metric_by_id(new_id)

    def insert_metric(self, metric: Metric, stamp: str | None = None) -> int:
        """Insert inside the caller's transaction; the name must be free."""
        self._refuse_taken_name(metric.name, None)
        values = {c: getattr(metric, c) for c in METRIC_COLUMNS}
        return sql.insert_stamped(self.ctx, "metric", values, stamp=stamp)

    def _refuse_taken_name(self, name: str, own_id: int | None) -> None:
        row = sql.first(self.db, "SELECT id, archived FROM metric WHERE name = ?", [name])
        if row is not None and row["id"] != own_id:
            hint = " (archived: `okrtui metric unarchive` brings it back)" if row[
                "archived"] else ""
            raise AlreadyExists(f"a metric named {name!r} already exists{hint}")

    def update_metric(self, metric: Metric) -> Metric:
        """Save an edited metric, unless someone changed it since it was loaded."""
        assert metric.id is not None
        values = {c: getattr(metric, c) for c in METRIC_COLUMNS}
        with write_transaction(self.db):
            self._refuse_taken_name(metric.name, metric.id)
            if not sql.versioned_update(self.ctx, "metric", values, metric.id, metric.version):
                current = self.get_metric_by_id(metric.id)
                raise conflict(repr(current.name), {c: getattr(current, c) for c in values},
                               values, who=sql.changed_by(self.db, "metric", metric.id))
        return self.get_metric_by_id(metric.id)

    def set_archived(self, name: str, archived: bool) -> Metric:
        """Archive a metric (hidden, history kept) or bring it back."""
        metric = self.get_metric(name)
        return self.update_metric(metric.model_copy(update={"archived": archived}))
