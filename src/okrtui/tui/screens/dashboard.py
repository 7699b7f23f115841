"""The dashboard: KPI vital signs, this quarter's OKRs, the review journal."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from datetime import date

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from okrtui.core.format import cell_width
from okrtui.tui.actions import DASHBOARD, bindings
from okrtui.tui.widgets.journal_pane import JournalPane
from okrtui.tui.widgets.key_bar import KeyBar
from okrtui.tui.widgets.kpi_pane import KpiPane, KpiRow
from okrtui.tui.widgets.okr_pane import OkrPane
from okrtui.tui.widgets.status_line import NoteLine, StatusLine

PANES = {"okr-list": "okrs", "journal-list": "journal"}
CHROME = 3  # the top line, the note line under the panes, the key bar


def pane_heights(height: int, okr_rows: int, kpi_rows: int) -> tuple[int, int]:
    """The OKR and journal panes' heights on a screen `height` lines tall; the KPI
    pane takes the rest. Each pane keeps a few rows (at 80×24: KPIs 4, OKRs 6,
    journal 2) and the fuller ones scroll, rather than one pane shrinking to nothing.
    """
    panes = height - CHROME
    journal = 9 if height >= 34 else 5 if panes >= 19 else 4  # border, header, rows
    # The KPI pane keeps its border, header and 4 rows (2 on the smallest screens),
    # fewer if it has fewer; an empty pane shows its words in the same room.
    kpi_floor = (7 if panes >= 19 else 5) if kpi_rows == 0 else min(
        kpi_rows + 3, 7 if panes >= 19 else 5)
    okr_want = okr_rows + 3 if okr_rows else 6
    okr = max(4, min(okr_want, 14, panes - journal - kpi_floor))
    return okr, journal



def short_path(path: str, width: int = 32) -> str:
    """The database path for the top line: home as ~, long paths cut from the left."""
    home = os.path.expanduser("~")
    if home != "/" and path.startswith(home + os.sep):
        path = "~" + path[len(home):]
    return path if len(path) <= width else "…" + path[-(width - 1):]


class DashboardScreen(Screen[None]):
    """The home screen; the app's actions act on the row under the cursor."""

    DEFAULT_CSS = """
    DashboardScreen #top { height: 1; background: $panel; }
    DashboardScreen #title { width: auto; padding: 0 1; }
    DashboardScreen #status { width: 1fr; padding: 0 1; color: $success; }
    DashboardScreen KpiPane { border: round $primary; height: 1fr; }
    DashboardScreen OkrPane { border: round $accent; }
    DashboardScreen JournalPane { border: round $secondary; }
    DashboardScreen #note { height: 1; }
    """

    BINDINGS = bindings(DASHBOARD)

    class CursorMoved(Message):
        """Another row, or another pane, is under the cursor."""

    def __init__(self, today: date, where: str,
                 fill: Callable[[DashboardScreen], None]) -> None:
        """`fill` gives the panes their data once they exist (before the first paint)."""
        super().__init__()
        self.today = today
        self.where = where
        self._fill = fill

    def on_mount(self) -> None:
        self._fill(self)

    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            yield Static(self.title_text, id="title", markup=False)
            yield StatusLine(idle=self.where, id="status")
        with Vertical():
            yield KpiPane()
            yield OkrPane()
            yield JournalPane()
        yield NoteLine(id="note")
        yield KeyBar()

    @property
    def title_text(self) -> str:
        """The words at the top left: the program and today."""
        return f"okrtui · {self.today:%a %d %b %Y}"

    @property
    def pane(self) -> str:
        """Which pane has the keyboard: "kpis", "okrs" or "journal"."""
        focused = self.focused
        return PANES.get(focused.id or "", "kpis") if focused is not None else "kpis"

    def on_row_list_highlighted(self) -> None:
        self.post_message(self.CursorMoved())

    def on_descendant_focus(self) -> None:
        self.post_message(self.CursorMoved())

    @property
    def kpis(self) -> KpiPane:
        """The KPI pane."""
        return self.query_one(KpiPane)

    @property
    def okrs(self) -> OkrPane:
        """The OKR pane."""
        return self.query_one(OkrPane)

    @property
    def journal(self) -> JournalPane:
        """The review journal pane."""
        return self.query_one(JournalPane)

    def on_resize(self) -> None:
        self.fit_panes()

    def fit_panes(self) -> None:
        """Share the height between the panes (after a resize, or new rows)."""
        okr, journal = pane_heights(self.size.height or 24, self.okrs.row_count,
                                    self.kpis.row_count)
        self.okrs.styles.height = okr
        self.journal.styles.height = journal

    def say(self, message: str) -> None:
        """Confirm what just happened, in the top line (replaces the last message).

        A message longer than the room beside the title takes the whole line while
        it shows ("li checked in 0.42 at 10:02 today; ..." must be read whole).
        """
        title = self.query_one("#title", Static)
        room = self.size.width - (cell_width(self.title_text) + 2) - 2  # paddings
        wide = cell_width(message) > room
        if title.display == wide:
            title.display = not wide
        self.query_one(StatusLine).show(message)

    def on_status_line_idle(self) -> None:
        title = self.query_one("#title", Static)
        if not title.display:
            title.display = True

    def show_note(self, text: str) -> None:
        """The line under the panes: what the row at the cursor has to say."""
        self.query_one(NoteLine).say(text)

    def show_kpis(self, rows: Sequence[KpiRow], scope_label: str = "",
                  keep: int | None = None, focus: bool = True) -> None:
        """Fill the KPI pane (keeping the cursor on metric `keep`) and focus it."""
        self.kpis.show(rows, scope_label, keep)
        if focus:
            self.kpis.table.focus()
