"""The dashboard's data, read from the repository and handed down to its panes.

Reads are sized to what changed: a saved reading re-reads one KPI row, a
check-in reads the quarter's views once; the plan check runs just after the
screen shows the change, so it never delays the key that saved.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from okrtui.core.check_ins import last_day_summary
from okrtui.core.hygiene import Issue
from okrtui.core.kpi import KpiHealth
from okrtui.core.models import JournalEntry, Link, Metric, Reading
from okrtui.core.okr import KeyResultView
from okrtui.core.periods import week_of
from okrtui.core.signals import Verdict
from okrtui.core.sources import Pull, failing_text
from okrtui.store.journal import Journal
from okrtui.store.okr_repository import quarter_views
from okrtui.tui.context import Context
from okrtui.tui.screens.dashboard import DashboardScreen
from okrtui.tui.screens.key_result_detail import KeyResultScreen
from okrtui.tui.screens.metric_detail import MetricScreen
from okrtui.tui.widgets.journal_pane import JournalRow, edited
from okrtui.tui.widgets.kpi_pane import KpiRow

JOURNAL_ROWS = 200  # entries in the pane; `okrtui journal list` has them all
Plan = list[tuple[Any, list[KeyResultView]]]


class DashboardViews:
    """Fills the dashboard's panes and the detail screens open above it."""

    def __init__(self, ctx: Context, screens: Callable[[], Sequence[Any]],
                 later: Callable[[Callable[[], None]], object]) -> None:
        self._ctx = ctx
        self._screens = screens
        self._later = later  # run after the next repaint
        self.journal_filter = ""
        self.issues: list[Issue] = []
        self._checked: tuple[object, ...] | None = None  # what the findings were made from
        self._plan_check_ready = False  # the first check runs just after the first paint
        self.failing: dict[int, tuple[Pull, Pull]] = {}  # metric id: its failing run

    @property
    def dashboard(self) -> DashboardScreen:
        """The home screen, whatever is on top of it."""
        screen = self._screens()[0]
        assert isinstance(screen, DashboardScreen)
        return screen

    # -- whole panes ---------------------------------------------------------

    def refresh_all(self, focus: bool = False) -> None:
        """Read every pane again, keeping each cursor (others' changes, start-up)."""
        board = self.dashboard
        selected = board.kpis.selected
        self.refresh_kpis(keep=selected.id if selected else None, focus=focus)
        self.refresh_okrs(keep_key_result=board.okrs.selected_key_result_id)
        entry = board.journal.selected
        self.refresh_journal(keep=entry.id if entry else None)
        for screen in self._screens():
            if isinstance(screen, MetricScreen):
                screen.reload(self._ctx.repo.get_metric_by_id(screen.metric.id or 0))

    def refresh_kpis(self, keep: int | None = None, focus: bool = True) -> None:
        """Read every KPI in scope again and redraw the pane."""
        ctx = self._ctx
        self.failing = ctx.repo.sources.failing()  # one query for every row
        rows = [self._kpi_row(h) for h in ctx.scope.kpis(ctx.repo.kpi_overview(ctx.today))]
        narrowed = bool(ctx.scope.owner or ctx.scope.team)
        self.dashboard.show_kpis(rows, f"{ctx.scope.label()} · " if narrowed else "", keep,
                                 focus)
        self.dashboard.fit_panes()
        self.changed()

    def _update_kpi_row(self, metric_id: int) -> None:
        """Re-read one KPI's row and redraw it, if it is in the scope shown."""
        ctx = self._ctx
        row = ctx.repo.kpi_row(metric_id, ctx.today)
        self.failing = ctx.repo.sources.failing()
        if row is not None and ctx.scope.kpis([row]):
            self.dashboard.kpis.update_one(self._kpi_row(row))

    def _kpi_row(self, health: KpiHealth) -> KpiRow:
        repo, today, metric_id = self._ctx.repo, self._ctx.today, health.metric.id or 0
        return KpiRow(health, lambda: repo.signals.chart(metric_id, today),
                      failing=metric_id in self.failing)

    def refresh_okrs(self, keep_key_result: int | None = None, plan: Plan | None = None) -> None:
        """Redraw the OKR pane from `plan` (the shown quarter's views), read if not given."""
        ctx = self._ctx
        quarter = str(ctx.quarter)
        if plan is None:
            plan = quarter_views(ctx.repo, quarter, ctx.today)
        closed = " · closed (Z reopens)" if ctx.repo.closing.is_closed(quarter) else ""
        current = ctx.this_quarter
        if ctx.quarter == current:
            week, weeks = week_of(ctx.quarter.start, ctx.quarter.end, ctx.today)
            noun = ctx.calendar.noun(ctx.quarter)
            title = f"This {noun}'s OKRs · {quarter} · week {week} of {weeks}"
        else:
            shown = ctx.quarter
            when = ("past" if shown.end < ctx.today else "next" if shown.start > ctx.today
                    else "current")
            title = f"OKRs · {quarter} ({when} {ctx.calendar.noun(ctx.quarter)})"
        narrowed = bool(ctx.scope.owner or ctx.scope.team)
        label = ctx.scope.label() if narrowed else ""
        self.dashboard.okrs.show(title + (f" · {label}" if label else "") + closed,
                                 ctx.scope.plan(plan), keep_key_result, label, everything=plan)
        self.dashboard.fit_panes()
        self.changed()

    def refresh_journal(self, keep: int | None = None) -> None:
        """Read the entries again (filtered by the search, if any) and redraw."""
        journal = self._ctx.repo.journal
        text, link = self._search()
        entries = journal.entries(text=text, link=link, limit=JOURNAL_ROWS, either=True)
        rows = [JournalRow(e, _about(journal, e)) for e in entries]
        self.dashboard.journal.show(rows, journal.count(), self.journal_filter, keep)
        self.update_note()

    def _search(self) -> tuple[str, Link | None]:
        """Words the entry or what it is about must contain; `KR3`, `O2` or a
        metric's exact name also finds the entries linked to it."""
        from okrtui.core.errors import OkrtuiError

        words = self.journal_filter.strip()
        if not words:
            return "", None
        try:
            links = self._ctx.repo.journal.parse_links(words)
        except OkrtuiError:
            return words, None
        return (words, links[0]) if len(links) == 1 else (words, None)

    # -- one thing changed ---------------------------------------------------

    def reading_saved(self, metric: Metric, reading: Reading) -> None:
        """Show a new reading: its KPI's row, and its detail screen if open."""
        self._update_kpi_row(metric.id or 0)
        for screen in self._screens():
            if isinstance(screen, MetricScreen) and screen.metric.id == metric.id:
                screen.reload()
        self.changed()

    def source_pulled(self, metric_id: int) -> None:
        """A pull was recorded (a value or a failure): its KPI's row, and its detail
        screen if open."""
        self._update_kpi_row(metric_id)
        for screen in self._screens():
            if isinstance(screen, MetricScreen) and screen.metric.id == metric_id:
                screen.reload()
        self.changed()

    def checked_in(self, key_result_id: int, metric_id: int) -> None:
        """Show a check-in at once: the key result's row and detail screen, and its
        metric's KPI row, each read alone (the rest of the quarter follows in
        `quarter_changed`, after the repaint)."""
        ctx = self._ctx
        view = ctx.repo.okrs.key_result_view(key_result_id, ctx.today)
        self.dashboard.okrs.update_view(view)
        self._update_kpi_row(metric_id)
        for screen in self._screens():
            if isinstance(screen, KeyResultScreen) and screen.key_result_id == key_result_id:
                screen.show(view)
        self.update_note()

    def quarter_changed(self, keep_key_result: int | None = None) -> Plan:
        """Today's quarter read once, and its pane redrawn where it changed (another
        key result's guardrail may have moved); returns the plan read."""
        ctx = self._ctx
        plan: Plan = quarter_views(ctx.repo, str(ctx.this_quarter), ctx.today)
        if ctx.quarter == ctx.this_quarter:
            self.refresh_okrs(keep_key_result=keep_key_result, plan=plan)
        else:
            self.changed()
        return plan

    # -- the plan check and the line under the panes --------------------------

    def changed(self) -> None:
        """Something was redrawn: its note now, the plan check after the repaint."""
        self.update_note()
        if self._plan_check_ready:
            self._later(self.run_plan_check)

    def first_plan_check(self) -> None:
        """Once the dashboard is on screen: its markers arrive a moment later."""
        self._plan_check_ready = True
        self.run_plan_check()

    def run_plan_check(self) -> None:
        """Check the shown quarter's plan and mark the findings in the panes; skipped
        when neither the quarter nor the data changed since the last check."""
        from okrtui.store.plan_check import plan_issues

        ctx = self._ctx
        source = (str(ctx.quarter), *ctx.repo.change_token())
        if source == self._checked:
            return
        self._checked = source
        self.issues = plan_issues(ctx.repo, str(ctx.quarter))
        board = self.dashboard
        board.okrs.set_flagged({(i.kind, i.item_id) for i in self.issues
                                if i.kind in ("objective", "key-result") and i.item_id})
        board.kpis.set_flagged({i.item_id for i in self.issues if i.kind == "kpi" and i.item_id},
                               any(i.check == "too-many-kpis" for i in self.issues))
        self.update_note()

    def update_note(self) -> None:
        """Say what the row at the cursor has to say (its signal, its findings)."""
        board = self.dashboard
        if board.is_mounted:
            board.show_note(self.focus_note())

    def focus_note(self) -> str:
        """The line under the panes for the row at the cursor."""
        board = self.dashboard
        if board.pane == "journal":
            entry = board.journal.selected
            return "" if entry is None else entry_note(entry)
        if board.pane == "okrs":
            row = board.okrs.selected
            if row is None:
                return ""
            if row.view is None:
                return issue_text(self._about("objective", row.objective.id))
            kr = row.view.key_result
            # Its findings first; else its latest day's check-ins, whoever made them.
            summary = last_day_summary(row.view.history, row.view.metric.unit)
            return issue_text(self._about("key-result", kr.id)) or (
                f"KR{kr.id}: {summary}" if summary else "")
        metric = board.kpis.selected
        chart = board.kpis.chart(metric.id or 0) if metric is not None else None
        if metric is None or chart is None:
            return ""
        if chart.verdict is Verdict.SIGNAL:
            text = f"{metric.name}: {chart.summary()} · n: a key result from it"
        elif chart.verdict is Verdict.NOISE:
            text = f"{metric.name}: noise, within normal variation: no action"
        else:
            text = f"{metric.name}: too few readings to tell noise from a signal"
        if metric.id in self.failing:
            text = f"{metric.name}: {failing_text(*self.failing[metric.id])} · p: pull now"
        issues = self._about("kpi", metric.id)
        if issues:
            more = f" (+{len(issues) - 1} more)" if len(issues) > 1 else ""
            text = f"⚑ {issues[0].message}{more} · L: fix · {text}"
        return text

    def _about(self, kind: str, item_id: int | None) -> list[Issue]:
        return [i for i in self.issues if i.kind == kind and i.item_id == item_id]


def _about(journal: Journal, entry: JournalEntry) -> Callable[[], str]:
    """What an entry is about, read when its row is first drawn."""
    return lambda: journal.link_text(entry.links)


def entry_note(entry: JournalEntry) -> str:
    """The line under the panes for a journal entry at the cursor."""
    lines = [line.strip() for line in entry.body.splitlines() if line.strip()]
    rest = " ".join(lines[1:])
    when = (f", edited {entry.updated_at.astimezone():%Y-%m-%d}" if entry.updated_at
            else ", edited") if edited(entry) else ""
    return f"{entry.kind} by {entry.author or 'someone'}{when}: {entry.title}" + (
        f" — {rest}" if rest else "")


def issue_text(issues: list[Issue]) -> str:
    """The first finding and how many more, short enough for 80 columns; L has the fixes."""
    if not issues:
        return ""
    more = f" (+{len(issues) - 1} more)" if len(issues) > 1 else ""
    return f"⚑ {issues[0].message}{more} · L: the fix ({issues[0].rule_name})"
