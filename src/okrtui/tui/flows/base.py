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
