"""The KPI vital signs pane: one row per watched KPI, status in words."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message

from okrtui.core.format import format_change, format_range, format_value, sparkline
from okrtui.core.kpi import STATUS_LABEL, KpiHealth, Status
from okrtui.core.models import Metric
from okrtui.core.signals import Verdict, XmR
from okrtui.core.symbols import S
from okrtui.tui.widgets.row_list import Cell, Column, RowList
from okrtui.tui.widgets.status_line import QuietStatic

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

MEDIUM_FROM = 96  # pane columns from which the change and the signal's date appear
WIDE_FROM = 116  # ... and the date and owner columns
NAME_MIN, NAME_MAX = 12, 70  # a name (60 at most), its role and its flag
SHORT_RULE = {1: "limit", 2: "near", 3: "shift"}


def kpi_columns(width: int) -> list[Column]:
    """The columns that fit `width` cells; the KPI name takes what is left."""
    medium, wide = width >= MEDIUM_FROM, width >= WIDE_FROM
    # Narrow, the change since the last reading gives way to the signal: the
    # sparkline shows the movement, the signal says whether it means anything.
    fixed = [Column("status", "Status", 10), Column("signal", "Signal", 14 if medium else 7),
             Column("value", "Value", 12 if medium else 10, right=True)]
    if medium:
        fixed.append(Column("change", "Change", 7, right=True))
    fixed += [Column("range", "Range", 9), Column("trend", "Trend", 12 if width >= 136 else 8)]
    if wide:
        fixed += [Column("asof", "As of", 10), Column("owner", "Owner", 10)]
    used = sum(c.width + 2 for c in fixed) + 1 + 2  # gaps, left margin, scrollbar
    name = Column("name", "KPI", max(NAME_MIN, min(NAME_MAX, width - used)))
    return [fixed[0], name, *fixed[1:]]


def signal_cell(chart: XmR, width: int) -> Cell:
    """Noise, too few, or the signal: `▲ shift` when narrow, with its date when wide."""
    finding = chart.latest_finding
    if chart.verdict is Verdict.TOO_FEW:
        return ("too few readings" if width >= 16 else "too few", "dim")
    if finding is None:
        return ("noise", "")
    short = f"{finding.arrow} {SHORT_RULE[finding.rule]}"
    if width >= 14:  # the month and day; the year is in the note under the panes
        return (f"{short} {finding.since:%b %d}", "bold")
    return (short, "bold")


def kpi_cells(h: KpiHealth, trend_width: int, chart: XmR | None = None,
              signal_width: int = 7, flagged: bool = False,
              failing: bool = False) -> dict[str, Cell]:
    """One KPI's cells as (text, style); the texts are already plain and safe."""
    m = h.metric
    return {
        "status": (STATUS_LABEL[h.status], STATUS_STYLE[h.status]),
        "signal": signal_cell(chart, signal_width) if chart is not None else ("", ""),
        # The role first, so a narrow column cuts the name, not the label (DOMAIN rule 1).
        "name": ((f"{S.flag} " if flagged else "")  # what the plan check found
                 + (f"{S.source_failing} " if failing else "")  # its source's last pull failed
                 + (f"{S.to}KR{h.key_result_id} " if h.key_result_id else "") + m.name, ""),
        "value": (format_value(h.latest.value if h.latest else None, m.unit), ""),
        "change": (format_change(h.change), ""),
        "range": (format_range(m.range_min, m.range_max, m.unit), ""),
        "trend": (sparkline(h.recent, trend_width), ""),
        "asof": (h.latest.at.isoformat() if h.latest else "", ""),
        "owner": (m.owner, ""),
    }


@dataclass(frozen=True)
class KpiRow:
    """A KPI as the pane shows it: its health, and its chart, computed only if the
    row is drawn (a chart costs a query)."""

    health: KpiHealth
    chart: Callable[[], XmR]
    failing: bool = False  # its source's latest pull failed


class KpiPane(Vertical):
    """Shows KPI rows; the screen asks it which metric is selected."""

    class MetricChosen(Message):
        """Enter on a KPI: open it."""

        def __init__(self, metric_id: int) -> None:
            super().__init__()
            self.metric_id = metric_id

    DEFAULT_CSS = """
    KpiPane { height: 1fr; }
    KpiPane > #kpi-empty { height: 1fr; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.border_title = "KPI vital signs"
        self._rows: list[KpiHealth] = []
        self._chart_of: dict[int, Callable[[], XmR]] = {}
        self._columns: list[Column] = []
        self._charts: dict[int, XmR] = {}
        self.flagged: Collection[int] = ()  # metric ids with plan-check findings
        self._failing: set[int] = set()  # metric ids whose source is failing
        self._too_many = False
        self._scope_label = ""  # "mine (maria) · " while the dashboard is narrowed

    def compose(self) -> ComposeResult:
        yield RowList(id="kpi-list")
        yield QuietStatic(EMPTY_TEXT, id="kpi-empty")

    @property
    def table(self) -> RowList:
        """The list of KPIs."""
        return self.query_one(RowList)

    @property
    def rows(self) -> tuple[KpiHealth, ...]:
        """The KPIs shown, in order."""
        return tuple(self._rows)

    @property
    def row_count(self) -> int:
        """How many KPIs are shown."""
        return len(self._rows)

    @property
    def selected(self) -> Metric | None:
        """The metric under the cursor, if any."""
        if not self._rows:
            return None
        return self._rows[min(self.table.cursor, len(self._rows) - 1)].metric

    @property
    def selected_key_result_id(self) -> int | None:
        """The key result measuring the KPI under the cursor this quarter, if any."""
        if not self._rows:
            return None
        return self._rows[min(self.table.cursor, len(self._rows) - 1)].key_result_id

    def chart(self, metric_id: int) -> XmR | None:
        """The KPI's XmR chart, computed once per refresh (only for rows drawn)."""
        if metric_id not in self._charts:
            compute = self._chart_of.get(metric_id)
            if compute is None:
                return None
            self._charts[metric_id] = compute()
        return self._charts[metric_id]

    def on_row_list_chosen(self, event: RowList.Chosen) -> None:
        event.stop()
        metric = self.selected
        if metric is not None:
            self.post_message(self.MetricChosen(metric.id or 0))

    def set_flagged(self, metric_ids: Collection[int], too_many: bool) -> None:
        """Mark the KPIs the plan check found something about (redrawn if it changed)."""
        changed = set(metric_ids) != set(self.flagged) or too_many != self._too_many
        self.flagged, self._too_many = set(metric_ids), too_many
        if changed and self._rows:
            self._subtitle()
            self._fill(self.table.cursor)

    def _subtitle(self) -> None:
        # Counted as the plan check counts: a metric a key result measures this
        # quarter is that key result's, not one of the KPIs (DOMAIN rule 1).
        kpis = sum(1 for h in self._rows if h.key_result_id is None)
        extra = len(self._rows) - kpis
        self.border_subtitle = (self._scope_label + f"{kpis} watched" + (
            f" + {extra} measured by key results" if extra else "")
            + (" · ⚑ more than 10: L" if self._too_many else ""))

    def show(self, rows: Sequence[KpiRow], scope_label: str = "",
             keep: int | None = None) -> None:
        """Replace all rows, keeping the cursor on metric id `keep` if given;
        `scope_label` names the view while the dashboard is narrowed ("mine · ")."""
        self._rows = [r.health for r in rows]
        self._chart_of = {r.health.metric.id or 0: r.chart for r in rows}
        self._failing = {r.health.metric.id or 0 for r in rows if r.failing}
        self._scope_label = scope_label
        self._charts.clear()
        self._subtitle()
        self.table.display = bool(rows)
        empty = self.query_one("#kpi-empty", QuietStatic)
        empty.display = not rows
        empty.say(EMPTY_TEXT if not scope_label else
                     f"No KPIs in this view ({scope_label.rstrip(' ·')}): f shows the "
                     "next one, then everyone's.")
        cursor = next((i for i, h in enumerate(self._rows) if h.metric.id == keep), 0)
        self._fill(cursor)

    def update_one(self, row: KpiRow) -> None:
        """Refresh one KPI's row in place (after a reading is saved)."""
        health, metric_id = row.health, row.health.metric.id or 0
        self._chart_of[metric_id] = row.chart
        self._charts.pop(metric_id, None)
        if row.failing:
            self._failing.add(metric_id)
        else:
            self._failing.discard(metric_id)
        for index, old in enumerate(self._rows):
            if old.metric.id == health.metric.id:
                self._rows[index] = health
                self.table.set_row(index, self._row(health))
                return
        rows = [KpiRow(h, self._chart_of[h.metric.id or 0], (h.metric.id or 0) in self._failing)
                for h in self._rows]
        self.show([*rows, row], self._scope_label, keep=health.metric.id)

    def _width(self, key: str) -> int:
        return next((c.width for c in self._columns if c.key == key), 8)

    def _row(self, health: KpiHealth) -> Callable[[], dict[str, Cell]]:
        metric_id = health.metric.id or 0
        return lambda: kpi_cells(health, self._width("trend"), self.chart(metric_id),
                                 self._width("signal"), metric_id in self.flagged,
                                 metric_id in self._failing)

    def _fill(self, cursor: int) -> None:
        self._columns = kpi_columns(self.size.width or 80)
        self.table.set_rows(self._columns, [self._row(h) for h in self._rows], cursor)

    def on_resize(self) -> None:
        if kpi_columns(self.size.width) != self._columns:
            self._fill(self.table.cursor)
