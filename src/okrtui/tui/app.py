"""OkrApp: the screens, the actions they share, and the command palette."""

from __future__ import annotations

import asyncio
import gc
import os
import signal
from collections.abc import Iterable
from datetime import date

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from okrtui.core.format import format_value
from okrtui.core.kpi import kpi_health
from okrtui.core.models import Metric, Reading, warm_up
from okrtui.core.people import Scope
from okrtui.core.periods import Quarter
from okrtui.store.repository import SPARK_POINTS, Repository
from okrtui.tui.close_flow import CloseQuarterActions
from okrtui.tui.journal_actions import JournalActions
from okrtui.tui.okr_actions import OkrActions, OkrFormActions
from okrtui.tui.review_flow import ReviewFlow
from okrtui.tui.screens.dashboard import DashboardScreen, in_journal_list, in_okr_list
from okrtui.tui.screens.help import HelpScreen
from okrtui.tui.screens.key_result_detail import KeyResultScreen
from okrtui.tui.screens.metric_detail import MetricScreen
from okrtui.tui.signal_actions import SignalActions
from okrtui.tui.widgets.confirm import ConfirmDialog
from okrtui.tui.widgets.metric_form import MetricForm
from okrtui.tui.widgets.reading_dialog import ReadingDialog


def _short_path(path: str, width: int = 32) -> str:
    """The database path for the top line: home as ~, long paths cut from the left."""
    home = os.path.expanduser("~")
    if home != "/" and path.startswith(home + os.sep):
        path = "~" + path[len(home):]
    return path if len(path) <= width else "…" + path[-(width - 1):]


POLL_SECONDS = 2.0  # how soon others' changes appear (PRAGMA data_version is cheap)


class OkrApp(OkrActions, OkrFormActions, CloseQuarterActions, SignalActions, JournalActions,
             ReviewFlow, App[int]):
    """The okrtui dashboard over one repository, for one "today"."""

    TITLE = "okrtui"
    CSS_PATH = "app.tcss"
    BINDINGS = [
        Binding("question_mark", "help", "Keys", key_display="?"),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(self, repo: Repository, today: date, where: str = "",
                 poll_seconds: float = POLL_SECONDS) -> None:
        super().__init__()
        self.poll_seconds = poll_seconds
        self.quarter = Quarter.of(today)
        self.scope = Scope()  # everyone's, until f narrows it
        self.repo = repo
        self.today = today
        self.where = where or _short_path(repo.label())
        if repo.read_only:
            self.where = "READ-ONLY: nothing can be saved · " + self.where

    def get_default_screen(self) -> Screen:
        return DashboardScreen(self.today, self.where, self._load_kpis)

    def _load_kpis(self) -> list:
        """The KPI overview; the pane asks for each row's chart when it draws it."""
        self.dashboard.kpis.chart_of = lambda metric_id: self.repo.signals.chart(
            metric_id, self.today)
        return self.scope.kpis(self.repo.kpi_overview(self.today))

    def on_mount(self) -> None:
        # A stopped job or a dropped SSH connection should end like `q` does:
        # the terminal handed back clean (alternate screen, mouse, cursor).
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGHUP):
            loop.add_signal_handler(sig, self._hang_up)
        self.call_after_refresh(self._after_first_paint)
        self._data_version = self.repo.data_version()
        self.set_interval(self.poll_seconds, self._show_others_changes)

    def _hang_up(self) -> None:
        """The connection went away (or we were asked to stop): keep drafts, then quit."""
        self.keep_open_drafts()
        self.exit()

    def _show_others_changes(self) -> None:
        """Redraw when someone else wrote (another person, a cron job), keeping the cursor.

        Dialogs are left alone: what they show was read when they opened, and
        what is typed in them is untouched.
        """
        version = self.repo.data_version()
        if version == self._data_version:
            return
        self._data_version = version
        selected = self.dashboard.kpis.selected
        self.refresh_kpis(keep=selected.id if selected else None, focus=False)
        row = self.dashboard.okrs.selected
        self.refresh_okrs(keep_key_result=row.view.key_result.id if row and row.view else None)
        entry = self.dashboard.journal.selected
        self.refresh_journal(keep=entry.id if entry else None)
        for screen in self.screen_stack:
            if isinstance(screen, MetricScreen):
                screen.reload(self.repo.get_metric_by_id(screen.metric.id or 0))

    def _after_first_paint(self) -> None:
        # Build the validators now, not on the first key that saves (~50 ms).
        warm_up()
        # Start-up objects live for the whole session: keep the cyclic GC from
        # rescanning them on every key press (a measured ~40 ms pause).
        gc.freeze()

    # -- data down ---------------------------------------------------------

    @property
    def dashboard(self) -> DashboardScreen:
        """The home screen, whatever is on top of it."""
        screen = self.screen_stack[0]
        assert isinstance(screen, DashboardScreen)
        return screen

    def refresh_kpis(self, keep: int | None = None, focus: bool = True) -> None:
        """Read every watched KPI again and redraw the pane (in the scope chosen with f)."""
        self.refresh_plan_check()
        self.dashboard.show_kpis(self.scope.kpis(self.repo.kpi_overview(self.today)), keep,
                                 focus)

    def action_cycle_scope(self) -> None:
        """Show everyone's KPIs and OKRs, then mine, then each team's."""
        from okrtui.core.people import scopes

        teams = [m.team for m in self.repo.list_metrics()] + [
            o.team for o in self.repo.okrs.objectives(str(self.quarter))]
        cycle = scopes(self.repo.user, teams)
        self.scope = cycle[(cycle.index(self.scope) + 1) % len(cycle)
                           if self.scope in cycle else 0]
        narrowed = bool(self.scope.owner or self.scope.team)
        self.dashboard.kpis.scope_label = f"{self.scope.label()} · " if narrowed else ""
        self.refresh_kpis(focus=False)
        self.refresh_okrs()
        self.dashboard.say(f"Showing {self.scope.label()} · f: next")

    def current_metric(self) -> Metric | None:
        """The metric the user is looking at: the detail screen's, or the cursor's.

        Looks below dialogs and the command palette, so the palette acts on
        what is under it.
        """
        for screen in reversed(self.screen_stack):
            if isinstance(screen, MetricScreen):
                return screen.metric
            if isinstance(screen, KeyResultScreen):
                return screen.view.metric
            if isinstance(screen, DashboardScreen):
                if in_journal_list(screen):
                    return None
                if in_okr_list(screen):
                    row = screen.okrs.selected
                    return row.view.metric if row and row.view else None
                return screen.kpis.selected
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "archive_metric" and in_okr_list(self.screen):
            return False  # the metric of a key result: archive it from the KPI pane
        if action in ("record_reading", "edit_metric", "archive_metric", "open_metric"):
            return self.current_metric() is not None
        if action == "open_key_result":
            return self.has_key_result()
        if action == "add_key_result":
            return in_okr_list(self.screen) and self.dashboard.okrs.selected is not None
        return True

    # -- actions -----------------------------------------------------------

    def action_help(self) -> None:
        """Show the keys of the current screen (its own, then the app's quit keys)."""
        screen = self.screen
        keys: list[tuple[str, str]] = []
        seen: set[str] = set()
        own = {b.action for b in type(screen).__dict__.get("BINDINGS", [])
               if isinstance(b, Binding)}
        for active in screen.active_bindings.values():
            binding = active.binding
            ours = (active.node is screen and binding.action in own) or (
                active.node is self and binding.action == "quit")
            if not ours or not binding.description or not active.enabled:
                continue  # widget plumbing (copy, cursor keys) is summarised below
            if binding.action in seen:
                continue
            seen.add(binding.action)
            same = [b.binding for b in screen.active_bindings.values()
                    if b.binding.action == binding.action and b.node is active.node]
            shown = " / ".join(dict.fromkeys(self.get_key_display(b) for b in same))
            keys.append((shown, binding.description))
        if isinstance(screen, (DashboardScreen, MetricScreen)):
            keys.append(("j k / ↓ ↑", "down / up; g G: ends"))
        if isinstance(screen, DashboardScreen) and in_okr_list(screen):
            keys += [("enter", "open the key result under the cursor"),
                     ("a", "add a key result to this objective"),
                     ("e", "edit the objective or key result")]
        elif isinstance(screen, DashboardScreen):
            keys.append(("enter", "open the KPI"))
        if isinstance(screen, DashboardScreen):
            keys.append(("tab", "other pane (KPIs ⇄ OKRs)"))

        title = "KPI detail" if isinstance(screen, MetricScreen) else "dashboard"
        self.push_screen(HelpScreen(title, keys))

    def action_open_metric(self) -> None:
        """Open the selected KPI's history and chart."""
        metric = self.current_metric()
        if metric is not None and not isinstance(self.screen, MetricScreen):
            self.push_screen(MetricScreen(self.repo, metric, self.today))

    def action_record_reading(self) -> None:
        """Record a reading of the current KPI, prefilled with its last value."""
        metric = self.current_metric()
        if metric is None:
            return
        last = self.repo.current_points(metric.id or 0, self.today, limit=1)

        def save(value: float, at: date, note: str) -> Reading:
            reading = self.repo.record_reading(metric, at, value, today=self.today, note=note,
                                               source="tui")
            # Update the screens before the dialog closes: one repaint shows it all.
            self._show_saved_reading(metric, reading)
            return reading

        self.push_screen(ReadingDialog(metric, last[-1].value if last else None, self.today, save))

    def _show_saved_reading(self, metric: Metric, reading: Reading) -> None:
        points = self.repo.current_points(metric.id or 0, self.today, SPARK_POINTS)
        if metric.watched:
            self.dashboard.kpis.update_one(kpi_health(metric, points, self.today))
        for screen in self.screen_stack:
            if isinstance(screen, MetricScreen) and screen.metric.id == metric.id:
                screen.reload()
        self.dashboard.update_note()
        verb = "Corrected" if reading.supersedes else "Saved"
        when = "" if reading.at == self.today else f" for {reading.at}"
        self.dashboard.say(f"{verb} {metric.name} = {format_value(reading.value, metric.unit)}"
                           + when)

    def action_add_metric(self) -> None:
        """Add a KPI through a form."""
        self.push_screen(MetricForm(self.repo.add_metric), self._metric_saved)

    def action_edit_metric(self) -> None:
        """Edit the current KPI's settings."""
        metric = self.current_metric()
        if metric is not None:
            fresh = self.repo.get_metric_by_id(metric.id or 0)
            self.push_screen(MetricForm(self.repo.update_metric, fresh), self._metric_saved)

    def _metric_saved(self, metric: Metric | None) -> None:
        if metric is None:
            return
        self.refresh_kpis(keep=metric.id)
        if isinstance(self.screen, MetricScreen):
            self.screen.reload(metric)
        self.dashboard.say(f"Saved {metric.name}")

    def action_archive_metric(self) -> None:
        """Archive the current KPI after a confirmation; its history is kept."""
        metric = self.current_metric()
        if metric is None:
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            self.repo.set_archived(metric.name, True)
            if isinstance(self.screen, MetricScreen):
                self.screen.dismiss(None)
            self.refresh_kpis()
            self.dashboard.say(f"Archived {metric.name} · undo: okrtui metric unarchive")

        question = (f"Archive {metric.name}? It leaves the dashboard; its readings are kept "
                    "and `okrtui metric unarchive` brings it back.")
        self.push_screen(ConfirmDialog("Archive KPI", question), answered)

    # -- command palette ---------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        has_metric = self.current_metric() is not None
        yield SystemCommand("Add KPI", "Add a KPI with its healthy range", self.action_add_metric)
        if has_metric:
            yield SystemCommand("Record reading", "Record a value for the selected KPI",
                                self.action_record_reading)
            yield SystemCommand("Open KPI", "History and chart of the selected KPI",
                                self.action_open_metric)
            yield SystemCommand("Edit KPI", "Change the selected KPI's settings",
                                self.action_edit_metric)
            yield SystemCommand("Archive KPI", "Hide the selected KPI, keeping its history",
                                self.action_archive_metric)
        if self.has_key_result():
            yield SystemCommand("Check in", "Check in on the key result in view (then the "
                                "next one due)", self.action_check_in)
        yield SystemCommand("Add objective", f"Add an objective to {self.quarter}",
                            self.action_add_objective)
        yield SystemCommand("Close quarter", f"Grade, reflect and close {self.quarter} "
                            "(or reopen it)", self.action_close_quarter)
        yield SystemCommand("Previous quarter", "Show the previous quarter's OKRs",
                            lambda: self.action_quarter(-1))
        yield SystemCommand("Next quarter", "Show the next quarter's OKRs",
                            lambda: self.action_quarter(1))
        yield SystemCommand("Keys", "Show the keys of this screen", self.action_help)
        # Textual's own "Keys" (a side panel) would be a confusing twin of ours.
        yield from (c for c in super().get_system_commands(screen) if c.title != "Keys")
