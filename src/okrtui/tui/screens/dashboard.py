"""The dashboard: KPI vital signs, this quarter's OKRs, the review journal."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Static

from okrtui.core.kpi import KpiHealth
from okrtui.tui.widgets.key_bar import KeyBar
from okrtui.tui.widgets.kpi_pane import KpiPane
from okrtui.tui.widgets.status_line import StatusLine

OKR_PLACEHOLDER = (
    "Coming next: the quarter's few objectives, with key results that move "
    "a metric from a baseline to a target by a deadline, scored 0.0–1.0."
)
JOURNAL_PLACEHOLDER = (
    "Coming later: dated notes, decisions and the weekly review note "
    "(what changed / why it matters / what to test next)."
)


class DashboardScreen(Screen[None]):
    """The home screen; the app's actions act on the KPI under the cursor."""

    DEFAULT_CSS = """
    DashboardScreen #top { height: 1; background: $panel; }
    DashboardScreen #title { width: auto; padding: 0 1; }
    DashboardScreen #status { width: 1fr; padding: 0 1; color: $success; }
    DashboardScreen KpiPane { border: round $primary; height: 1fr; }
    DashboardScreen #lower { height: 7; }
    DashboardScreen .pane { border: round $panel-lighten-2; width: 1fr; height: 100%; padding: 0 1;
        color: $text-muted; }
    DashboardScreen .pane:focus-within { border: round $primary; }
    """

    BINDINGS = [
        Binding("r", "app.record_reading", "Record"),
        Binding("enter,o", "app.open_metric", "Open"),
        Binding("a", "app.add_metric", "Add KPI"),
        Binding("e", "app.edit_metric", "Edit"),
        Binding("x", "app.archive_metric", "Archive"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, today: date, where: str, load_kpis: Callable[[], list[KpiHealth]]) -> None:
        super().__init__()
        self.today = today
        self.where = where
        self._load_kpis = load_kpis

    def on_mount(self) -> None:
        self.show_kpis(self._load_kpis())

    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            yield Static(f"okrtui · {self.today:%a %d %b %Y}", id="title", markup=False)
            yield StatusLine(idle=self.where, id="status")
        with Vertical():
            yield KpiPane()
            with Horizontal(id="lower"):
                okrs = Static(OKR_PLACEHOLDER, classes="pane", markup=False)
                okrs.border_title = "This quarter's OKRs"
                yield okrs
                journal = Static(JOURNAL_PLACEHOLDER, classes="pane", markup=False)
                journal.border_title = "Review journal"
                yield journal
        yield KeyBar()

    async def on_row_list_chosen(self, event: object) -> None:
        """Enter on a KPI row opens it."""
        await self.app.run_action("app.open_metric")

    @property
    def kpis(self) -> KpiPane:
        """The KPI pane."""
        return self.query_one(KpiPane)

    def say(self, message: str) -> None:
        """Confirm what just happened, in the top line (replaces the last message)."""
        self.query_one(StatusLine).show(message)

    def show_kpis(self, rows: list[KpiHealth], keep: int | None = None,
                  focus: bool = True) -> None:
        """Fill the KPI pane (keeping the cursor on metric `keep`) and focus it."""
        self.kpis.show(rows, keep)
        if focus:
            self.kpis.table.focus()
