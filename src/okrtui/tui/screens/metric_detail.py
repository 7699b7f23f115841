"""One KPI: its settings and status, a chart, and every reading with who and how; `t`
swaps them for the trailing view (6 weeks | 12 months, week and year over year)."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from okrtui.core.format import format_change, format_range, format_value
from okrtui.core.format import round_to_spread as _rounded
from okrtui.core.kpi import STATUS_LABEL, KpiHealth, kpi_health
from okrtui.core.models import Link, Metric, Reading
from okrtui.core.signals import XmR
from okrtui.core.sources import failing_text
from okrtui.core.symbols import S
from okrtui.core.trailing_text import plain
from okrtui.store.kpi_signals import BaselineChange
from okrtui.store.repository import Repository
from okrtui.trailing_now import trailing_now
from okrtui.tui.actions import METRIC, bindings
from okrtui.tui.widgets.chart import XmrChart
from okrtui.tui.widgets.journal_pane import journal_line
from okrtui.tui.widgets.key_bar import KeyBar
from okrtui.tui.widgets.row_list import SPAN, Column, RowList

WIDE_FROM = 110  # terminal columns from which the history shows when each entry was made

SOURCE_MIN = 16  # cells a source's description keeps in the head, however narrow
HISTORY_LIMIT = 500  # rows in the table; older ones stay in `okrtui export`


class MetricScreen(Screen[None]):
    """The detail view of a metric; `r` and `e` work here as on the dashboard."""

    DEFAULT_CSS = """
    MetricScreen #metric-head { height: auto; padding: 0 1; }
    MetricScreen XmrChart { margin: 0 1; }
    MetricScreen #reading-note { height: auto; max-height: 4; padding: 0 1;
        border-top: solid $primary-darken-2; color: $text-muted; }
    MetricScreen RowList { height: 1fr; border-top: solid $primary-darken-2; }
    MetricScreen #trend { height: 1fr; padding: 0 1; display: none; }
    """

    BINDINGS = bindings(METRIC, Binding("escape,backspace,h", "back", "Back"))

    def __init__(self, repo: Repository, metric: Metric, today: date,
                 week_first: int = 0) -> None:
        super().__init__()
        self.repo = repo
        self.metric = metric
        self.today = today
        self.week_first = week_first  # the settings' week_starts, for the trailing view
        self.trend_shown = False
        self._readings: list[Reading | str] = []  # str: a "limits recomputed" line
        self.chart: XmR | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="metric-head", markup=False)
        yield XmrChart()
        yield RowList(id="history")
        yield Static(id="reading-note", markup=False)
        yield Static(id="trend", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.reload()
        self.query_one(RowList).focus()

    def reload(self, metric: Metric | None = None) -> None:
        """Read the metric and its history again (after a save or an edit)."""
        if metric is not None:
            self.metric = metric
        m = self.metric
        points = self.repo.current_points(m.id or 0, self.today)
        health = kpi_health(m, points[-16:], self.today)
        self.chart = self.repo.signals.chart(m.id or 0, self.today)
        self.query_one("#metric-head", Static).update(self._head(health, self.chart))
        history = self.repo.history(m.id or 0, limit=HISTORY_LIMIT)
        pulled = {r.at for r in history if r.source == "pull" and not r.superseded}
        self.query_one(XmrChart).show(points, self.chart, pulled)
        self._fill_history(history, self.repo.signals.baseline_history(m.id or 0))
        if self.trend_shown:
            self._show_trend()

    def toggle_trend(self) -> None:
        """Swap the head, chart and history for the trailing view, or back."""
        self.trend_shown = not self.trend_shown
        for widget in (self.query_one("#metric-head"), self.query_one(XmrChart),
                       self.query_one(RowList)):
            widget.display = not self.trend_shown
        self.query_one("#trend").display = self.trend_shown
        self._show_note(self.query_one(RowList).cursor)  # hidden with the history
        if self.trend_shown:
            self._show_trend()
        else:
            self.query_one(RowList).focus()

    def _show_trend(self) -> None:
        m = self.metric
        view = trailing_now(self.repo, m, self.today, self.week_first, self.chart)
        title = f"{m.name} {S.dot} trailing view {S.dot} t: back to the history"
        self.query_one("#trend", Static).update(
            Content(f"{title}\n{plain(view, m.unit, max(self.size.width - 2, 40))}"))

    def _head(self, h: KpiHealth, chart: XmR) -> Content:
        m = h.metric
        latest = "no readings yet"
        if h.latest:
            change = format_change(h.change)
            latest = (f"{format_value(h.latest.value, m.unit)} on {h.latest.at}"
                      + (f" ({change})" if change else ""))
        lines = [
            f"{m.name}  ·  {STATUS_LABEL[h.status]}  ·  {latest}",
            f"healthy range {format_range(m.range_min, m.range_max, m.unit)} · "
            f"{m.direction} is better · reviewed {m.cadence}"
            + (f" · owner {m.owner}" if m.owner else ""),
        ]
        if m.description:
            lines.append(m.description.replace("\n", " "))
        if not m.watched:
            lines.append("not watched: it does not appear on the KPI pane")
        source = self._source_line(m)
        if source:
            lines.append(source)
        about = self.repo.journal.entries(link=Link(kind="metric", item_id=m.id or 0), limit=50)
        if about:
            lines.append(journal_line(about))
        lines.append(chart.explain())
        if chart.centre is not None and chart.lower is not None and chart.upper is not None:
            spread = chart.upper - chart.lower
            lines.append(
                f"Limits {format_value(_rounded(chart.lower, spread), m.unit)} – "
                f"{format_value(_rounded(chart.upper, spread), m.unit)} · centre "
                f"{format_value(_rounded(chart.centre, spread), m.unit)} · from {chart.baseline} "
                f"readings since {chart.baseline_from}")
        return Content("\n".join(lines))

    def _source_line(self, m: Metric) -> str:
        """Where its readings come from by themselves, and whether that is failing."""
        sources = self.repo.sources
        source = sources.of_metric(m.id or 0)
        if source is None:
            return ""
        failing = sources.failing().get(m.id or 0)
        if failing is not None:
            return failing_text(*failing) + " · p: pull now"
        last = sources.last_ok_days().get(source.id or 0)
        rest = (f" · every {source.interval(m.cadence)} · "
                + (f"last pulled {last}" if last else "not pulled yet"))
        # One line: the description gives way (`okrtui source list` has it whole).
        room = max((self.size.width or 80) - 2 - len("From a source: ") - len(rest),
                   SOURCE_MIN)
        what = source.spec.describe().replace("\n", " ")
        if len(what) > room:
            what = what[:room - 1] + S.ellipsis
        return f"From a source: {what}{rest}"

    def _fill_history(self, readings: list[Reading],
                      baselines: list[BaselineChange]) -> None:
        wide = self.size.width >= WIDE_FROM
        columns = [Column("at", "Date", 10), Column("value", "Value", 14, right=True),
                   Column("by", "By", 8), Column("from", "From", 6), Column("state", "Entry", 10)]
        if wide:
            columns.append(Column("recorded", "Recorded (UTC)", 16))
        note_width = max(self.size.width - sum(c.width + 2 for c in columns) - 3, 16)
        columns.append(Column("note", "Note", note_width))
        rows: list[dict[str, tuple[str, str]]] = []
        shown: list[Reading | str] = []  # a reading, or a baseline change's line
        # Each baseline change is a line above the first reading it covers.
        pending = sorted(baselines, key=lambda b: b.baseline.start or date.min)
        for r in readings:
            while pending and (pending[-1].baseline.start or date.min) > r.at:
                line = _baseline_line(pending.pop())
                rows.append({SPAN: (line, "bold")})
                shown.append(line)
            shown.append(r)
            old = "dim strike" if r.superseded else ""
            rows.append({
                "at": (r.at.isoformat(), ""),
                "value": (format_value(r.value, self.metric.unit), old),
                "by": (r.author, ""),
                "from": (f"{S.pulled} pull" if r.source == "pull" else r.source, ""),
                "state": ("superseded" if r.superseded else
                          ("correction" if r.supersedes else ""), "dim" if old else "italic"),
                "recorded": (r.recorded_at.strftime("%Y-%m-%d %H:%M") if r.recorded_at
                             else "", ""),
                "note": (r.note.replace("\n", " ⏎ "), ""),
            })
        for change in reversed(pending):  # the default baseline: below the oldest reading
            line = _baseline_line(change)
            rows.append({SPAN: (line, "bold")})
            shown.append(line)
        self._readings = shown
        history = self.query_one(RowList)
        history.set_rows(columns, rows)
        self._show_note(history.cursor)
        # The key bar is full at 80 columns: the trailing view's key is named here.
        history.border_title = (f"History: {len(readings)} reading(s), corrections included"
                                f" {S.dot} t: trailing view")
        history.border_subtitle = f"{len(baselines)} baseline change(s)" if baselines else ""

    def on_resize(self) -> None:
        # 80×24 keeps room for the history; a taller terminal gets a finer chart.
        self.query_one(XmrChart).styles.height = 9 if self.size.height < 34 else 15

    def on_row_list_highlighted(self, event: RowList.Highlighted) -> None:
        self._show_note(event.index)

    def _show_note(self, index: int) -> None:
        """The whole note of the reading (or baseline change) under the cursor: the
        table cuts it."""
        row = self._readings[index] if 0 <= index < len(self._readings) else None
        if isinstance(row, str):
            text = row.strip("─ ")
        else:
            text = f"Note: {row.note}" if row is not None and row.note else ""
        panel = self.query_one("#reading-note", Static)
        panel.update(text)
        panel.display = bool(text) and not self.trend_shown

    def action_back(self) -> None:
        self.dismiss(None)


def _baseline_line(change: BaselineChange) -> str:
    """`── limits recomputed: from 2026-09-14 (sam, 2026-11-23: new onboarding) ──`."""
    who = ", ".join(x for x in (change.set_by, f"{change.set_at:%Y-%m-%d}") if x)
    note = f": {change.note}" if change.note else ""
    return f"── {change.describe()} ({who}{note}) ──".replace("\n", " ")
