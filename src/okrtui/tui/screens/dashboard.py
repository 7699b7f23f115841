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
from okrtui.tui.widgets.journal_pane import JournalPane
from okrtui.tui.widgets.key_bar import KeyBar
from okrtui.tui.widgets.kpi_pane import KpiPane
from okrtui.tui.widgets.okr_pane import OkrPane
from okrtui.tui.widgets.row_list import RowList
from okrtui.tui.widgets.status_line import NoteLine, StatusLine


def in_okr_list(screen: Screen[None]) -> bool:
    """Whether the keyboard is in the OKR pane (so keys act on key results)."""
    return screen.focused is not None and screen.focused.id == "okr-list"


def in_journal_list(screen: Screen[None]) -> bool:
    """Whether the keyboard is in the journal pane."""
    return screen.focused is not None and screen.focused.id == "journal-list"


class DashboardScreen(Screen[None]):
    """The home screen; the app's actions act on the KPI under the cursor."""

    DEFAULT_CSS = """
    DashboardScreen #top { height: 1; background: $panel; }
    DashboardScreen #title { width: auto; padding: 0 1; }
    DashboardScreen #status { width: 1fr; padding: 0 1; color: $success; }
    DashboardScreen KpiPane { border: round $primary; height: 1fr; }
    DashboardScreen OkrPane { border: round $accent; }
    DashboardScreen JournalPane { border: round $secondary; }
    DashboardScreen #note { height: 1; }
    """

    BINDINGS = [
        Binding("r", "app.record_reading", "Record"),
        Binding("enter,o", "app.open_metric", "Open"),
        Binding("a", "app.add_metric", "Add KPI"),
        Binding("e", "app.edit_metric", "Edit"),
        Binding("x", "app.archive_metric", "Archive"),
        Binding("c", "app.check_in", "Check in"),
        Binding("W", "app.weekly_review", "Weekly review"),
        Binding("w", "app.write_entry", "Write"),
        Binding("L", "app.plan_check", "Plan check"),
        Binding("f", "app.cycle_scope", "Everyone / mine / team", show=False),
        Binding("slash", "app.search_journal", "Search journal", key_display="/", show=False),
        Binding("escape", "app.clear_journal_search", "Clear search", show=False),
        Binding("n", "app.key_result_from_signal", "Key result from signal", show=False),
        Binding("b", "app.set_baseline", "New baseline (limits)", show=False),
        Binding("A", "app.add_objective", "Add objective", show=False),
        Binding("Z", "app.close_quarter", "Close quarter", show=False),
        Binding("left_square_bracket", "app.quarter(-1)", "Prev quarter", key_display="["),
        Binding("right_square_bracket", "app.quarter(1)", "Next quarter", key_display="]",
                show=False),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, today: date, where: str, load_kpis: Callable[[], list[KpiHealth]]) -> None:
        super().__init__()
        self.today = today
        self.where = where
        self._load_kpis = load_kpis

    def on_mount(self) -> None:
        self.show_kpis(self._load_kpis())
        self.app.refresh_okrs()  # type: ignore[attr-defined]
        self.app.refresh_journal()  # type: ignore[attr-defined]
        self.call_after_refresh(self.app.first_plan_check)  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            yield Static(f"okrtui · {self.today:%a %d %b %Y}", id="title", markup=False)
            yield StatusLine(idle=self.where, id="status")
        with Vertical():
            yield KpiPane()
            yield OkrPane()
            yield JournalPane()
        yield NoteLine(id="note")
        yield KeyBar()

    def on_row_list_highlighted(self) -> None:
        self.update_note()

    def on_descendant_focus(self) -> None:
        self.update_note()

    def update_note(self) -> None:
        """Say what the row at the cursor has to say (its signal, its findings)."""
        self.query_one(NoteLine).say(self.app.focus_note())  # type: ignore[attr-defined]

    async def on_row_list_chosen(self, event: RowList.Chosen) -> None:
        """Enter opens the KPI, or the key result, under the cursor."""
        which = event.control.id if event.control is not None else ""
        await self.app.run_action({"okr-list": "app.open_key_result",
                                   "journal-list": "app.open_entry"}.get(which or "",
                                                                         "app.open_metric"))

    @property
    def okrs(self) -> OkrPane:
        """The OKR pane."""
        return self.query_one(OkrPane)

    @property
    def journal(self) -> JournalPane:
        """The review journal pane."""
        return self.query_one(JournalPane)

    def on_resize(self) -> None:
        # Taller terminals give the journal more lines; 80×24 keeps room for KPIs.
        self.journal.styles.height = 5 if self.size.height < 34 else 9

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
        self.update_note()
