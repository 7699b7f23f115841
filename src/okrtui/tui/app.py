"""OkrApp: composes the dashboard, the flows and the table of actions.

The App holds no workflow of its own: each key runs one row of
`tui.actions.ACTIONS`, which names the flow method that does it.
"""

from __future__ import annotations

import asyncio
import gc
import os
import signal
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, TypeVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer

from okrtui.core.models import warm_up
from okrtui.core.people import Scope
from okrtui.settings import Settings
from okrtui.store.repository import Repository
from okrtui.tui.actions import (
    APP,
    BY_ID,
    Action,
    bindings,
    help_keys,
    is_enabled,
)
from okrtui.tui.ascii import apply_ascii
from okrtui.tui.clipboard import osc52
from okrtui.tui.colour import apply_no_color
from okrtui.tui.context import Context
from okrtui.tui.flows.check_in import CheckInFlow
from okrtui.tui.flows.close import CloseFlow
from okrtui.tui.flows.journal import JournalFlow
from okrtui.tui.flows.jump import JumpFlow
from okrtui.tui.flows.metrics import MetricFlow
from okrtui.tui.flows.okrs import OkrFlow
from okrtui.tui.flows.plan import PlanFlow
from okrtui.tui.flows.pull import PullFlow
from okrtui.tui.flows.review import ReviewFlow
from okrtui.tui.flows.signals import SignalFlow
from okrtui.tui.paste import install as install_paste_filter
from okrtui.tui.screens.dashboard import DashboardScreen, short_path
from okrtui.tui.screens.entry_editor import EntryEditor
from okrtui.tui.screens.help import HelpScreen
from okrtui.tui.screens.metric_detail import MetricScreen
from okrtui.tui.screens.too_small import TooSmallScreen, too_small
from okrtui.tui.selection import Selection, key_contexts
from okrtui.tui.threads import ThreadDone, run_in_thread, run_suspended
from okrtui.tui.user_settings import apply_settings, keymap_of
from okrtui.tui.views import DashboardViews
from okrtui.tui.widgets.form_screen import FormScreen
from okrtui.tui.widgets.journal_pane import JournalPane
from okrtui.tui.widgets.kpi_pane import KpiPane
from okrtui.tui.widgets.okr_pane import OkrPane
from okrtui.tui.widgets.quit_dialog import QuitChoice, QuitDialog

T = TypeVar("T")
POLL_SECONDS = 2.0  # how soon others' changes appear (PRAGMA data_version is cheap)
NAVIGATION = [("j k / ↓ ↑", "down / up; g G: ends")]


class OkrApp(App[int]):
    """The okrtui dashboard over one repository, for one "today"."""

    TITLE = "okrtui"
    CSS_PATH = "app.tcss"
    BINDINGS = bindings(APP)

    def __init__(self, repo: Repository, today: date, where: str = "",
                 poll_seconds: float = POLL_SECONDS, settings: Settings | None = None) -> None:
        super().__init__()
        apply_no_color(self)
        install_paste_filter()
        self.settings = settings or Settings(None)
        self.ascii = apply_ascii(self, self.settings)
        self.keymap, _ = keymap_of(self.settings)
        self.today = today
        self.poll_seconds = poll_seconds
        self.where = where or short_path(repo.label())
        if repo.read_only:
            self.where = "READ-ONLY: nothing can be saved · " + self.where
        known = repo.cycles.calendar()
        self.ctx = Context(repo, today, known.current(today), Scope(), known,
                           self.settings.week_starts)
        self.selection = Selection(lambda: self.screen_stack)
        self.views = DashboardViews(self.ctx, lambda: self.screen_stack, self.call_after_refresh)
        flows = (self.ctx, self, self.views)
        self.metrics, self.okrs, self.check_ins = (MetricFlow(*flows), OkrFlow(*flows),
                                                    CheckInFlow(*flows))
        self.signals, self.journal = SignalFlow(*flows), JournalFlow(*flows)
        self.review, self.close = ReviewFlow(*flows), CloseFlow(*flows)
        self.jump, self.pull, self.plan = JumpFlow(*flows), PullFlow(*flows), PlanFlow(*flows)
        self._flows: dict[str, object] = {
            "metrics": self.metrics, "okrs": self.okrs, "check_ins": self.check_ins,
            "signals": self.signals, "journal": self.journal, "review": self.review,
            "close": self.close, "jump": self.jump, "pull": self.pull, "plan": self.plan,
            "app": self}
        self._change_token = repo.change_token()

    @property
    def dashboard(self) -> DashboardScreen:
        """The home screen, whatever is on top of it."""
        return self.views.dashboard

    def get_default_screen(self) -> Screen[Any]:
        return DashboardScreen(self.today, self.where, self._fill_dashboard)

    # -- what flows may ask (tui.context.Ui) --------------------------------------

    def push(self, screen: Screen[Any], done: Callable[[Any], None] | None = None) -> None:
        """Show `screen`; `done` gets what it dismisses with. A form with a draft key
        keeps its drafts in the database (unless the database is read-only)."""
        if isinstance(screen, FormScreen) and not self.ctx.repo.read_only:
            screen.drafts = self.ctx.repo.form_drafts
        self.push_screen(screen, done)

    def say(self, message: str) -> None:
        """Confirm what just happened, in the dashboard's top line."""
        self.views.dashboard.say(message)

    def later(self, callback: Callable[[], None]) -> None:
        """Run `callback` once the screen has been repainted."""
        self.call_after_refresh(callback)

    def copy(self, text: str) -> None:
        """Put `text` on the local clipboard through OSC 52 (wrapped for tmux and screen)."""
        self._clipboard = text  # what Textual's own paste would give back
        if self._driver is not None:
            self._driver.write(osc52(text, os.environ))

    def in_thread(self, work: Callable[[], T], done: Callable[[T], None]) -> None:
        """Run `work` in a thread worker; `done` gets its result in this thread."""
        run_in_thread(self, work, done)

    def on_thread_done(self, event: ThreadDone) -> None:
        event.done(event.result)

    def every(self, seconds: float, callback: Callable[[], None]) -> Timer:
        """Call `callback` every `seconds` until the timer is stopped."""
        return self.set_interval(seconds, callback)

    def suspended(self, work: Callable[[], T]) -> T:
        """Run `work` with the terminal handed over to it (`threads.run_suspended`)."""
        return run_suspended(self, work)

    @property
    def read_only(self) -> bool:
        """Whether the database can be written (for `actions` rules)."""
        return self.ctx.repo.read_only

    # -- start, stop, others' changes -------------------------------------------

    def on_mount(self) -> None:
        # A stopped job or a dropped SSH connection should end like `q` does:
        # the terminal handed back clean (alternate screen, mouse, cursor).
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGHUP):
            loop.add_signal_handler(sig, self._hang_up)
        self.set_interval(self.poll_seconds, self._show_others_changes)
        self.call_after_refresh(lambda: self.on_resize(events.Resize(self.size, self.size)))
        problems = apply_settings(self, self.settings)
        if problems:
            # Short enough for 80 columns; `okrtui config show` lists them all.
            more = f" +{len(problems) - 1}" if len(problems) > 1 else ""
            self.later(lambda: self.say(f"Settings {problems[0]}{more}"))

    def _fill_dashboard(self, dashboard: DashboardScreen) -> None:
        self.views.refresh_kpis()
        self.views.refresh_okrs()
        self.views.refresh_journal()
        self.call_after_refresh(self._after_first_paint)

    def _after_first_paint(self) -> None:
        self.views.first_plan_check()
        # Build the validators now, not on the first key that saves (~50 ms).
        warm_up()
        # Start-up objects live for the whole session: keep the cyclic GC from
        # rescanning them on every key press (a measured ~40 ms pause).
        gc.freeze()

    def _hang_up(self) -> None:
        """The connection went away (or we were asked to stop): keep every draft, then
        quit, asking nothing (nobody is there to answer)."""
        self._keep_drafts()
        self.exit()

    def _holding_input(self) -> list[FormScreen[Any] | EntryEditor]:
        """The open forms and editors with unsaved input, the one in front first."""
        return [s for s in reversed(self.screen_stack)
                if isinstance(s, FormScreen | EntryEditor) and s.unsaved()]

    def _keep_drafts(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, FormScreen | EntryEditor):
                screen.keep_draft()

    def quit(self) -> None:
        """`q`, `ctrl+q`, `ctrl+c`: quit, asking save / discard / cancel first when a
        form holds unsaved input."""
        if isinstance(self.screen, QuitDialog):
            self._hang_up()  # asked to quit again while asking: quit, keeping the drafts
            return
        holding = self._holding_input()
        if not holding:
            self.exit()
            return
        form = holding[0]

        def answered(choice: QuitChoice | None) -> None:
            if choice == "save":
                form.action_save()  # a refusal leaves the form open, its message shown
                self.call_after_refresh(lambda: self.quit() if form.saved_ok else None)
            elif choice == "discard":
                for screen in holding:
                    screen.discard_draft()
                self.exit()

        self.push_screen(QuitDialog(form.draft_words), answered)

    def _show_others_changes(self) -> None:
        """Redraw when anyone else wrote (another person, a cron job), keeping the
        cursors; dialogs are left alone, and what is typed in them."""
        token = self.ctx.repo.change_token()
        others = token[0] != self._change_token[0]
        self._change_token = token
        if others:
            self.views.refresh_all()

    def on_resize(self, event: events.Resize) -> None:
        """Below 60×16 a message covers everything; it goes when the terminal grows,
        and the screen beneath (a dialog with what was typed) is as it was."""
        small = too_small(event.size.width, event.size.height)
        cover = self.screen
        if small and not isinstance(cover, TooSmallScreen):
            self.push_screen(TooSmallScreen(cover))
        elif isinstance(cover, TooSmallScreen) and not small:
            self.pop_screen()
            self.call_after_refresh(cover.restore)

    # -- messages from the panes ---------------------------------------------------

    def on_dashboard_screen_cursor_moved(self) -> None:
        self.views.update_note()

    def on_kpi_pane_metric_chosen(self, event: KpiPane.MetricChosen) -> None:
        self.metrics.open(event.metric_id)

    def on_okr_pane_key_result_chosen(self, event: OkrPane.KeyResultChosen) -> None:
        self.okrs.open_key_result(event.key_result_id)

    def on_journal_pane_entry_chosen(self, event: JournalPane.EntryChosen) -> None:
        self.journal.open_entry(event.entry_id)

    # -- the table of actions ------------------------------------------------------

    def action_act(self, action_id: str) -> None:
        """Run one row of the table of actions."""
        flow, method, args = BY_ID[action_id].run
        getattr(self._flows[flow], method)(*args)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "act" and parameters:
            if isinstance(self.screen, TooSmallScreen):  # only quitting, till it grows
                return parameters[0] == "quit-now"
            return is_enabled(str(parameters[0]), self)
        return True

    def _key_display(self, action: Action) -> str:
        keys = self.keymap.get(action.id, action.keys)
        if action.key_display and keys == action.keys:
            return action.key_display
        return " / ".join(self.get_key_display(Binding(key, "")) for key in keys.split(","))

    def help(self) -> None:
        """Show the keys of the screen in view."""
        contexts, title = key_contexts(self.screen)
        keys = help_keys(contexts, self, self._key_display)
        if isinstance(self.screen, (DashboardScreen, MetricScreen)):
            keys += NAVIGATION
        if isinstance(self.screen, DashboardScreen):
            keys.append(("tab", "next pane (KPIs, OKRs, journal)"))
        self.push_screen(HelpScreen(title, keys))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        for action in BY_ID.values():
            if action.palette and is_enabled(action.id, self):
                # A capital first, the rest as written ("KPI" stays "KPI").
                about = action.description[:1].upper() + action.description[1:]
                yield SystemCommand(action.palette, about,
                                    lambda a=action.id: self.action_act(a))
        # Textual's own "Keys" (a side panel) would be a confusing twin of ours.
        yield from (c for c in super().get_system_commands(screen) if c.title != "Keys")
