"""Check in on a key result, then on the next one due this week."""

from __future__ import annotations

from okrtui.core.check_ins import local_time, own_latest, same_day_notice, what_was_said
from okrtui.core.models import CheckIn
from okrtui.core.okr import KeyResultView, due_after
from okrtui.core.periods import week_start
from okrtui.store.okr_repository import quarter_views
from okrtui.tui.context import Context
from okrtui.tui.flows.base import Flow
from okrtui.tui.views import Plan
from okrtui.tui.widgets.check_in_dialog import CheckInDialog, CheckInEntry


def save_check_in(ctx: Context, view: KeyResultView, entry: CheckInEntry) -> CheckIn:
    """The one store call for what the check-in dialog read."""
    confidence = None if entry.confidence is None else entry.confidence.value
    return ctx.repo.okrs.check_in(view.key_result, entry.value, today=ctx.today, at=entry.at,
                                  confidence=confidence, comment=entry.comment, source="tui",
                                  correct=entry.correct)


def saved_words(ctx: Context, view: KeyResultView, check: CheckIn, entry: CheckInEntry) -> str:
    """The status line after a check-in: who else checked in that day (both are kept),
    else what was saved and how a fraction or percentage was read."""
    # One line: the dialog offered "correct mine" already, so no hint about it here.
    notice = same_day_notice(check, ctx.repo.okrs.earlier_same_day(check), today=ctx.today,
                             unit=view.metric.unit, short=True)
    if notice:
        return notice  # it begins with a name, as typed: not capitalised
    what = "Corrected your check-in" if check.corrects is not None else "Checked in"
    read = entry.confidence.note if entry.confidence is not None else ""
    day = "" if check.at == ctx.today else f" for {check.at.isoformat()}"
    return f"{what} on KR{view.key_result.id}{day}" + (f" · {read}" if read else "")


def mine_today(ctx: Context, view: KeyResultView) -> str:
    """"You checked in 3.4% at 09:00 today", when you did: the dialog offers to correct it."""
    own = own_latest(view.history, ctx.repo.user, ctx.today)
    if own is None:
        return ""
    return (f"You checked in {what_was_said(own, view.metric.unit)} at "
            f"{local_time(own.recorded_at)} today")


class CheckInFlow(Flow):
    """`c`: value, date, confidence and comment; `enter` saves and opens the next one due.

    The key that saves shows the check-in at once (its row, its KPI row); after
    that repaint the quarter's views are read once, to redraw what else changed
    and to find the next key result due.
    """

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
        if self.refuse_closed(ctx.repo.okrs.quarter_of(kr.id or 0)):
            return
        if remaining is None:
            plan = quarter_views(ctx.repo, str(ctx.this_quarter), ctx.today)
            remaining = len(self._due_after(plan, kr.id or 0))

        def save(entry: CheckInEntry) -> CheckIn:
            check = save_check_in(ctx, view, entry)
            # Redrawn before the dialog closes: one repaint shows it.
            self._views.checked_in(kr.id or 0, kr.metric_id)
            self._ui.say(saved_words(ctx, view, check, entry))
            return check

        def done(check: CheckIn | None) -> None:
            if check is not None:
                self._ui.later(lambda: self._then(kr.id or 0))

        self._ui.push(CheckInDialog(view, ctx.today, save, remaining=remaining,
                                    mine_today=mine_today(ctx, view)), done)

    def _then(self, key_result_id: int) -> None:
        """After the repaint: the rest of the quarter, then the next key result due."""
        plan = self._views.quarter_changed(keep_key_result=key_result_id)
        after = self._due_after(plan, key_result_id)
        if after:
            self.start(after[0], remaining=len(after) - 1)

    def _due_after(self, plan: Plan, key_result_id: int) -> list[KeyResultView]:
        """Key results after this one in today's plan with no check-in this week."""
        return due_after([v for _, vs in plan for v in vs], key_result_id,
                         week_start(self._ctx.today, self._ctx.week_first))
