"""Check in on a key result, then on the next one due this week."""

from __future__ import annotations

from okrtui.core.models import CheckIn
from okrtui.core.okr import KeyResultView, due_after
from okrtui.core.periods import week_start
from okrtui.tui.context import Context, Ui
from okrtui.tui.views import DashboardViews
from okrtui.tui.widgets.check_in_dialog import CheckInDialog


class CheckInFlow:
    """`c`: value, confidence and comment; `enter` saves and opens the next one due.

    One check-in reads the quarter's views once (to redraw its row and find the
    next key result due), and re-reads one KPI row.
    """

    def __init__(self, ctx: Context, ui: Ui, views: DashboardViews) -> None:
        self._ctx = ctx
        self._ui = ui
        self._views = views

    def start(self, view: KeyResultView | None = None,
              remaining: int | None = None) -> None:
        """Check in on `view`, or on the key result in view."""
        ctx = self._ctx
        if view is None:
            kr_id = self._ui.selection.key_result_id()
            view = None if kr_id is None else ctx.repo.okrs.key_result_view(kr_id, ctx.today)
        if view is None:
            self._ui.say("Not a key result this quarter: nothing to check in on")
            return
        kr = view.key_result
        quarter = ctx.repo.okrs.quarter_of(kr.id or 0)
        if ctx.repo.closing.is_closed(quarter):
            self._ui.say(f"{quarter} is closed: Z reopens it")
            return
        if remaining is None:
            remaining = len(self._due_after(kr.id or 0))
        after: list[KeyResultView] = []

        def save(value: float, confidence: int | None, comment: str) -> CheckIn:
            check = ctx.repo.okrs.check_in(kr, value, today=ctx.today, confidence=confidence,
                                           comment=comment, source="tui")
            # Redrawn before the dialog closes: one repaint shows it all.
            plan = self._views.key_result_changed(kr.id or 0, kr.metric_id)
            after[:] = due_after([v for _, vs in plan for v in vs], kr.id or 0,
                                 week_start(ctx.today))
            self._ui.say(f"Checked in on KR{kr.id}")
            return check

        def done(check: CheckIn | None) -> None:
            if check is not None and after:
                self.start(after[0], remaining=len(after) - 1)

        self._ui.push(CheckInDialog(view, ctx.today, save, remaining=remaining), done)

    def _due_after(self, key_result_id: int) -> list[KeyResultView]:
        """Key results after this one in today's plan with no check-in this week."""
        from okrtui.store.okr_repository import quarter_views

        ctx = self._ctx
        plan = quarter_views(ctx.repo, str(ctx.this_quarter), ctx.today)
        return due_after([v for _, vs in plan for v in vs], key_result_id,
                         week_start(ctx.today))
