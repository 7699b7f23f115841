"""The KPI vital signs pane: one row per watched KPI, status in words."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from okrtui.core.format import format_change, format_range, format_value, sparkline
from okrtui.core.kpi import STATUS_LABEL, KpiHealth, Status
from okrtui.core.models import Metric
from okrtui.tui.widgets.row_list import Cell, Column, RowList

EMPTY_TEXT = (
    "No KPIs yet. A KPI is a vital sign you keep healthy: a number, a healthy\n"
    "range and a review cadence (say, churn ≤ 3%, reviewed weekly).\n"
    "  a              add your first KPI here\n"
    "  okrtui --demo  (in a shell) explore a demo with two years of data\n"
    "  ?              all keys"
)

# Colour only repeats what the status's symbol and word already say.
STATUS_STYLE = {
    Status.HEALTHY: "green",
    Status.BELOW: "bold red",
    Status.ABOVE: "bold red",
    Status.NO_RANGE: "yellow",
    Status.STALE: "yellow",
    Status.NO_DATA: "dim",
}

WIDE_FROM = 110  # terminal columns from which the date and owner columns appear
NAME_MIN, NAME_MAX = 12, 34


def kpi_columns(width: int) -> list[Column]:
    """The columns that fit `width` cells; the KPI name takes what is left."""
    wide = width >= WIDE_FROM
    trend = 12 if wide else 8
    fixed = [Column("status", "Status", 10), Column("value", "Value", 12, right=True),
             Column("change", "Change", 7, right=True), Column("range", "Range", 9),
             Column("trend", "Trend", trend)]
    if wide:
        fixed += [Column("asof", "As of", 10), Column("owner", "Owner", 10)]
    used = sum(c.width + 2 for c in fixed) + 1 + 2  # gaps, left margin, scrollbar
    name = Column("name", "KPI", max(NAME_MIN, min(NAME_MAX, width - used)))
    return [fixed[0], name, *fixed[1:]]


def kpi_cells(h: KpiHealth, trend_width: int) -> dict[str, Cell]:
    """One KPI's cells as (text, style); the texts are already plain and safe."""
    m = h.metric
    return {
        "status": (STATUS_LABEL[h.status], STATUS_STYLE[h.status]),
        # The role first, so a narrow column cuts the name, not the label (DOMAIN rule 1).
        "name": ((f"→KR{h.key_result_id} " if h.key_result_id else "") + m.name, ""),
        "value": (format_value(h.latest.value if h.latest else None, m.unit), ""),
        "change": (format_change(h.change), ""),
        "range": (format_range(m.range_min, m.range_max, m.unit), ""),
        "trend": (sparkline(h.recent, trend_width), ""),
        "asof": (h.latest.at.isoformat() if h.latest else "", ""),
        "owner": (m.owner, ""),
    }


class KpiPane(Vertical):
    """Shows `KpiHealth` rows; the screen asks it which metric is selected."""

    DEFAULT_CSS = """
    KpiPane { height: 1fr; }
    KpiPane > #kpi-empty { height: 1fr; padding: 0 1; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.border_title = "KPI vital signs"
        self._rows: list[KpiHealth] = []
        self._columns: list[Column] = []

    def compose(self) -> ComposeResult:
        yield RowList(id="kpi-list")
        yield Static(EMPTY_TEXT, id="kpi-empty", markup=False)

    @property
    def table(self) -> RowList:
        """The list of KPIs."""
        return self.query_one(RowList)

    @property
    def rows(self) -> tuple[KpiHealth, ...]:
        """The KPIs shown, in order."""
        return tuple(self._rows)

    @property
    def selected(self) -> Metric | None:
        """The metric under the cursor, if any."""
        if not self._rows:
            return None
        return self._rows[min(self.table.cursor, len(self._rows) - 1)].metric

    def show(self, rows: Sequence[KpiHealth], keep: int | None = None) -> None:
        """Replace all rows, keeping the cursor on metric id `keep` if given."""
        self._rows = list(rows)
        watched = sum(1 for h in rows if h.metric.watched)
        extra = len(rows) - watched
        self.border_subtitle = f"{watched} watched" + (
            f" + {extra} measured by key results" if extra else "")
        self.table.display = bool(rows)
        self.query_one("#kpi-empty").display = not rows
        cursor = next((i for i, h in enumerate(self._rows) if h.metric.id == keep), 0)
        self._fill(cursor)

    def update_one(self, health: KpiHealth) -> None:
        """Refresh one KPI's row in place (after a reading is saved)."""
        for index, old in enumerate(self._rows):
            if old.metric.id == health.metric.id:
                self._rows[index] = health
                self.table.set_row(index, kpi_cells(health, self._trend_width()))
                return
        self.show([*self._rows, health], keep=health.metric.id)

    def _trend_width(self) -> int:
        return next((c.width for c in self._columns if c.key == "trend"), 8)

    def _fill(self, cursor: int) -> None:
        self._columns = kpi_columns(self.size.width or 80)
        trend = self._trend_width()
        self.table.set_rows(self._columns, [kpi_cells(h, trend) for h in self._rows], cursor)

    def on_resize(self) -> None:
        if kpi_columns(self.size.width) != self._columns:
            self._fill(self.table.cursor)
