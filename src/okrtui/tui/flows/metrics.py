"""KPIs: open one, record a reading, add, edit and archive."""

from __future__ import annotations

from datetime import date

from okrtui.core.format import format_value
from okrtui.core.models import Metric, Reading
from okrtui.tui.flows.base import Flow
from okrtui.tui.screens.metric_detail import MetricScreen
from okrtui.tui.widgets.confirm import ConfirmDialog
from okrtui.tui.widgets.metric_form import MetricForm
from okrtui.tui.widgets.reading_dialog import ReadingDialog


class MetricFlow(Flow):
    """What the KPI keys do (r, enter, a, e, x)."""

    def open(self, metric_id: int | None = None) -> None:
        """Open a KPI's history and chart (the one selected, if no id is given)."""
        if any(isinstance(s, MetricScreen) for s in self._ui.screen_stack):
            return
        repo = self._ctx.repo
        metric = (repo.get_metric_by_id(metric_id) if metric_id is not None
                  else self._ui.selection.metric())
        if metric is not None:
            self._ui.push(MetricScreen(repo, metric, self._ctx.today, self._ctx.week_first))

    def toggle_trend(self) -> None:
        """The KPI detail view's trailing view (6 weeks | 12 months), or back."""
        top = self._ui.screen_stack[-1] if self._ui.screen_stack else None
        if isinstance(top, MetricScreen):
            top.toggle_trend()

    def record(self) -> None:
        """Record a reading of the KPI in view, prefilled with its last value."""
        metric = self._ui.selection.metric()
        if metric is None:
            return
        ctx = self._ctx
        last = ctx.repo.current_points(metric.id or 0, ctx.today, limit=1)

        def save(value: float, at: date, note: str) -> Reading:
            reading = ctx.repo.record_reading(metric, at, value, today=ctx.today, note=note,
                                              source="tui")
            # The screens are updated before the dialog closes: one repaint shows it all.
            self._views.reading_saved(metric, reading)
            self._ui.say(saved_words(metric, reading, ctx.today))
            return reading

        self._ui.push(ReadingDialog(metric, last[-1].value if last else None, ctx.today, save))

    def add(self) -> None:
        """Add a KPI through a form."""
        self._ui.push(MetricForm(self._ctx.repo.add_metric), self._saved)

    def edit(self) -> None:
        """Edit the KPI in view (as it is now in the database)."""
        metric = self._ui.selection.metric()
        if metric is not None:
            repo = self._ctx.repo
            fresh = repo.get_metric_by_id(metric.id or 0)
            self._ui.push(MetricForm(repo.update_metric, fresh), self._saved)

    def _saved(self, metric: Metric | None) -> None:
        if metric is None:
            return
        self._views.refresh_kpis(keep=metric.id)
        for screen in self._ui.screen_stack:
            if isinstance(screen, MetricScreen) and screen.metric.id == metric.id:
                screen.reload(metric)
        self._ui.say(f"Saved {metric.name}")

    def archive(self) -> None:
        """Archive the KPI in view after a yes; its history is kept."""
        metric = self._ui.selection.metric()
        if metric is None:
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            self._ctx.repo.set_archived(metric.name, True)
            top = self._ui.screen_stack[-1]
            if isinstance(top, MetricScreen):
                top.dismiss(None)
            self._views.refresh_kpis()
            self._ui.say(f"Archived {metric.name} · undo: okrtui metric unarchive")

        question = (f"Archive {metric.name}? It leaves the dashboard; its readings are kept "
                    "and `okrtui metric unarchive` brings it back.")
        self._ui.push(ConfirmDialog("Archive KPI", question), answered)


def saved_words(metric: Metric, reading: Reading, today: date) -> str:
    """`Saved Churn = 2.5%`, `Corrected … for 2026-11-16`."""
    verb = "Corrected" if reading.supersedes else "Saved"
    when = "" if reading.at == today else f" for {reading.at}"
    return f"{verb} {metric.name} = {format_value(reading.value, metric.unit)}{when}"
