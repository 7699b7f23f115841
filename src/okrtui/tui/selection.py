"""What the user is looking at: the detail screen on top, or the row under the
cursor on the dashboard. Looks below dialogs and the command palette, so an
action chosen there acts on what is under it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from textual.screen import Screen

from okrtui.core.models import JournalEntry, Metric
from okrtui.tui.actions import APP, DASHBOARD, KEY_RESULT, METRIC
from okrtui.tui.screens.dashboard import DashboardScreen
from okrtui.tui.screens.key_result_detail import KeyResultScreen
from okrtui.tui.screens.metric_detail import MetricScreen
from okrtui.tui.widgets.okr_pane import OkrRow


class Selection:
    """Answers "what is selected" from the screens open, without reading the database."""

    def __init__(self, screens: Callable[[], Sequence[Screen[Any]]]) -> None:
        self._screens = screens

    def _below(self) -> Screen[Any] | None:
        """The topmost dashboard or detail screen."""
        for screen in reversed(self._screens()):
            if isinstance(screen, (MetricScreen, KeyResultScreen, DashboardScreen)):
                return screen
        return None

    @property
    def pane(self) -> str:
        """Where the keyboard is: "kpis", "okrs", "journal", "metric" or "key-result"."""
        screen = self._below()
        if isinstance(screen, MetricScreen):
            return "metric"
        if isinstance(screen, KeyResultScreen):
            return "key-result"
        if isinstance(screen, DashboardScreen):
            return screen.pane
        return ""

    def metric(self) -> Metric | None:
        """The detail screen's metric, or the one under the cursor (a key result's, in
        the OKR pane); none in the journal pane."""
        screen = self._below()
        if isinstance(screen, MetricScreen):
            return screen.metric
        if isinstance(screen, KeyResultScreen):
            return screen.view.metric
        if isinstance(screen, DashboardScreen):
            if screen.pane == "okrs":
                row = screen.okrs.selected
                return row.view.metric if row and row.view else None
            return None if screen.pane == "journal" else screen.kpis.selected
        return None

    def okr_row(self) -> OkrRow | None:
        """The objective or key result under the cursor while the OKR pane has the keys."""
        screen = self._below()
        if isinstance(screen, DashboardScreen) and screen.pane == "okrs":
            return screen.okrs.selected
        return None

    def key_result_id(self) -> int | None:
        """The key result in view: a detail screen's, the OKR pane's cursor, or the
        key result that measures the KPI under the cursor this quarter."""
        screen = self._below()
        if isinstance(screen, KeyResultScreen):
            return screen.key_result_id
        if isinstance(screen, DashboardScreen):
            if screen.pane == "okrs":
                row = screen.okrs.selected
                return row.view.key_result.id if row and row.view else None
            if screen.pane == "kpis":
                return screen.kpis.selected_key_result_id
        return None

    def entry(self) -> JournalEntry | None:
        """The journal entry under the cursor."""
        screen = self._below()
        if isinstance(screen, DashboardScreen):
            return screen.journal.selected
        return None

    def journal_links(self) -> str:
        """What a new journal entry is about, written as the editor takes it."""
        screen = self._below()
        if isinstance(screen, KeyResultScreen):
            return f"KR{screen.key_result_id}"
        row = self.okr_row()
        if row is not None:
            return f"KR{row.view.key_result.id}" if row.view else f"O{row.objective.id}"
        metric = self.metric()
        return metric.name if metric is not None else ""


def key_contexts(screen: Screen[Any]) -> tuple[tuple[str, ...], str]:
    """Where the keys of `screen` come from (innermost first), and its help's title."""
    if isinstance(screen, MetricScreen):
        return (METRIC, APP), "KPI detail"
    if isinstance(screen, KeyResultScreen):
        return (KEY_RESULT, APP), "key result"
    if isinstance(screen, DashboardScreen):
        return (screen.pane, DASHBOARD, APP), "dashboard"
    return (), screen.__class__.__name__
