"""The KPI vital signs pane: one row per watched KPI, status in words."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from okrtui.core.format import format_change, format_range, format_value, sparkline
from okrtui.core.kpi import KpiHealth
from okrtui.core.models import Metric
from okrtui.tui.cells import plain, right, status_cell

EMPTY_TEXT = (
    "No KPIs yet.\n\n"
    "A KPI is a vital sign you keep healthy: a number, a healthy range and a\n"
    "review cadence (say, churn ≤ 3%, reviewed weekly).\n\n"
    "  a           add your first KPI here\n"
    "  okrtui --demo   (in a shell) explore a demo with two years of data\n"
    "  ?           all keys"
)

# (key, title, width); the name column takes what the others leave.
FIXED_COLUMNS = [("status", "Status", 10), ("value", "Value", 11), ("change", "Change", 7),
                 ("range", "Range", 9), ("trend", "Trend", 8)]
WIDE_COLUMNS = [("asof", "As of", 10), ("owner", "Owner", 10)]
TREND_WIDE = 12
WIDE_FROM = 110
NAME_MIN, NAME_MAX = 12, 34


class KpiTable(DataTable[object]):
    """A row-cursor table with vim keys."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "scroll_top", "First", show=False),
        Binding("G", "scroll_bottom", "Last", show=False),
    ]


class KpiPane(Vertical):
    """Shows `KpiHealth` rows; the screen asks it which metric is selected."""

    DEFAULT_CSS = """
    KpiPane { height: 1fr; }
    KpiPane > KpiTable { height: 1fr; }
    KpiPane > #kpi-empty { height: 1fr; padding: 1 2; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.border_title = "KPI vital signs"
        self._rows: list[KpiHealth] = []
        self._layout_width = 0
        self._name_width = NAME_MAX
        self._column_keys: list[str] = []
        self._trend_width = 8

    def compose(self) -> ComposeResult:
        yield KpiTable(cursor_type="row", zebra_stripes=False, id="kpi-table")
        yield Static(EMPTY_TEXT, id="kpi-empty", markup=False)

    @property
    def table(self) -> KpiTable:
        """The table of KPIs."""
        return self.query_one(KpiTable)

    @property
    def selected(self) -> Metric | None:
        """The metric under the cursor, if any."""
        if not self._rows:
            return None
        row = min(max(self.table.cursor_row, 0), len(self._rows) - 1)
        return self._rows[row].metric

    def show(self, rows: Sequence[KpiHealth], keep: int | None = None) -> None:
        """Replace all rows, keeping the cursor on metric id `keep` if given."""
        self._rows = list(rows)
        self.border_subtitle = f"{len(rows)} watched"
        empty = not rows
        self.table.display = not empty
        self.query_one("#kpi-empty").display = empty
        self._rebuild(keep)

    def update_one(self, health: KpiHealth) -> None:
        """Refresh one KPI's row in place (after a reading is saved)."""
        for index, old in enumerate(self._rows):
            if old.metric.id == health.metric.id:
                self._rows[index] = health
                cells = self._cells(health)
                for key in self._column_keys:
                    self.table.update_cell(str(health.metric.id), key, cells[key])
                return
        self.show([*self._rows, health], keep=health.metric.id)

    def on_resize(self) -> None:
        if self._columns_for(self.size.width) != self._columns_for(self._layout_width):
            self._rebuild(self.selected.id if self.selected else None)

    def _columns_for(self, width: int) -> list[tuple[str, str, int]]:
        wide = width >= WIDE_FROM
        fixed = [(k, t, TREND_WIDE if wide and k == "trend" else w) for k, t, w in FIXED_COLUMNS]
        fixed += WIDE_COLUMNS if wide else []
        used = sum(w + 2 for _, _, w in fixed) + 2 + 3  # cell padding, scrollbar, border
        name = max(NAME_MIN, min(NAME_MAX, width - used))
        return [fixed[0], ("name", "KPI", name), *fixed[1:]]

    def _rebuild(self, keep: int | None) -> None:
        table = self.table
        self._layout_width = self.size.width
        columns = self._columns_for(self._layout_width)
        self._name_width = next(w for k, _, w in columns if k == "name")
        self._column_keys = [k for k, _, _ in columns]
        self._trend_width = next(w for k, _, w in columns if k == "trend")
        table.clear(columns=True)
        for key, title, width in columns:
            table.add_column(title, width=width, key=key)
        cursor = 0
        for index, health in enumerate(self._rows):
            cells = self._cells(health)
            table.add_row(*(cells[k] for k, _, _ in columns), key=str(health.metric.id))
            if health.metric.id == keep:
                cursor = index
        if self._rows:
            table.move_cursor(row=cursor, animate=False)

    def _cells(self, h: KpiHealth) -> dict[str, object]:
        m = h.metric
        latest = h.latest.value if h.latest else None
        cells: dict[str, object] = {
            "status": status_cell(h.status),
            "name": plain(m.name, self._name_width),
            "value": right(format_value(latest, m.unit)),
            "change": right(format_change(h.change)),
            "range": plain(format_range(m.range_min, m.range_max, m.unit)),
            "trend": plain(sparkline(h.recent, self._trend_width)),
            "asof": plain(h.latest.at.isoformat() if h.latest else ""),
            "owner": plain(m.owner, 10),
        }
        return cells
