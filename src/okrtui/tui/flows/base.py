"""What every flow is handed."""

from __future__ import annotations

from okrtui.tui.context import Context, Ui
from okrtui.tui.views import DashboardViews


class Flow:
    """A workflow: the data it acts on (`Context`), the screen (`Ui`) and the
    dashboard's views; never the App, never another flow."""

    def __init__(self, ctx: Context, ui: Ui, views: DashboardViews) -> None:
        self._ctx = ctx
        self._ui = ui
        self._views = views

    def refuse_closed(self, quarter: str) -> bool:
        """Say so (and return True) when `quarter` is closed, instead of opening a form."""
        if self._ctx.repo.closing.is_closed(quarter):
            self._ui.say(f"{quarter} is closed: Z reopens it")
            return True
        return False

    def plan_saved(self, keep_key_result: int | None, message: str) -> None:
        """An objective or key result was saved: both panes again, the keys in the
        OKR pane, and say so."""
        self._views.refresh_okrs(keep_key_result=keep_key_result)
        self._views.refresh_kpis(keep=None, focus=False)
        self._views.dashboard.okrs.table.focus()
        self._ui.say(message)
