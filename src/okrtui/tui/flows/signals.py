"""Noise or signal: a new baseline, a key result from a signal, the plan check.

DOMAIN rule 7: only a real signal may justify a new key result; rule 13: the
KPI keeps running beside it.
"""

from __future__ import annotations

from typing import Any

from okrtui.core.cycles import Cycle
from okrtui.core.format import format_value, number_text
from okrtui.core.kpi import Status, harmful_shift, range_status
from okrtui.core.models import KeyResult, Metric
from okrtui.core.parse import parse_date, parse_optional_number
from okrtui.core.signals import Verdict
from okrtui.tui.flows.base import Flow
from okrtui.tui.flows.okrs import draft_from_form, key_result_fields
from okrtui.tui.screens.metric_detail import MetricScreen
from okrtui.tui.screens.plan_check import PlanCheckScreen
from okrtui.tui.widgets.okr_forms import OkrForm


class SignalFlow(Flow):
    """What `b`, `n` and `L` do."""

    def show_plan_check(self) -> None:
        """List every finding of the plan check for the quarter shown."""
        self._views.run_plan_check()
        self._ui.push(PlanCheckScreen(str(self._ctx.quarter), self._views.issues))

    def set_baseline(self) -> None:
        """Recompute the KPI's limits from a date (after a confirmed shift)."""
        metric = self._ui.selection.metric()
        if metric is None:
            return
        ctx, signals = self._ctx, self._ctx.repo.signals
        chart = signals.chart(metric.id or 0, ctx.today)
        finding = chart.latest_finding

        def save(values: dict[str, str]) -> Any:
            text_from, text_to = values["start"].strip(), values["end"].strip()
            begin = parse_date(text_from, ctx.today, "start") if text_from else None
            end = parse_date(text_to, ctx.today, "end") if text_to else None
            return signals.set_baseline(metric.id or 0, begin, end, today=ctx.today,
                                        note=values["note"])

        fields = [("start", "From", finding.since.isoformat() if finding else "",
                   "YYYY-MM-DD; blank: back to the first 20 readings"),
                  ("end", "To", "", "blank: the first 20 readings from that date"),
                  ("note", "Why", "", "what changed in the process")]
        custom = signals.baseline(metric.id or 0)
        now = "the first 20 readings" if custom is None else (
            f"{chart.baseline} reading(s) from {custom.start}")
        hint = (f"Now: limits from {now}. After a confirmed shift, start a new baseline at "
                "the shift; the old one stays in the history.")
        self._ui.push(OkrForm(f"New baseline for {metric.name}", fields, save, hint=hint,
                              draft=("baseline", f"metric {metric.id}"),
                              draft_words="baseline"),
                      lambda change: self._baseline_saved(metric, change))

    def _baseline_saved(self, metric: Metric, change: Any) -> None:
        if change is None:
            return
        for screen in self._ui.screen_stack:
            if isinstance(screen, MetricScreen) and screen.metric.id == metric.id:
                screen.reload()
        self._views.refresh_kpis(keep=metric.id, focus=False)
        chart = self._ctx.repo.signals.chart(metric.id or 0, self._ctx.today)
        few = (f" ({chart.baseline} reading(s) so far: limits from 6)"
               if chart.verdict is Verdict.TOO_FEW else "")
        self._ui.say(f"{metric.name}: {change.describe()}; now {chart.summary()}{few}")

    def key_result_from_signal(self) -> None:
        """Offer a key result for next quarter when the KPI shows a signal."""
        metric = self._ui.selection.metric()
        if metric is None:
            return
        ctx, repo = self._ctx, self._ctx.repo
        chart = repo.signals.chart(metric.id or 0, ctx.today)
        latest = repo.current_points(metric.id or 0, ctx.today, limit=1)
        if chart.verdict is not Verdict.SIGNAL:
            outside = bool(latest) and range_status(metric, latest[-1].value) in (
                Status.BELOW, Status.ABOVE)
            self._ui.say(f"{metric.name}: " + (
                "too few readings to tell noise from a signal"
                if chart.verdict is Verdict.TOO_FEW else
                "within normal variation, yet outside its range: the process itself needs "
                "changing (a key result), not a reaction to one week" if outside else
                "within normal variation: no action"))
            return
        quarter = ctx.calendar.successor(ctx.this_quarter)
        if self.refuse_closed(str(quarter)):
            return
        finding = chart.latest_finding
        assert finding is not None and chart.centre is not None
        now = latest[-1].value
        statement = target = ""
        bad_way = harmful_shift(finding.direction, metric.direction)
        if bad_way:  # bring it back to where the process used to run
            statement = (f"Bring {metric.name} back from {format_value(now, metric.unit)} "
                         f"to {format_value(round(chart.centre, 2), metric.unit)}")
            target = number_text(round(chart.centre, 2))
        companions = [repo.get_metric_by_id(c).name
                      for c in repo.signals.companion_ids(metric.id or 0)]
        existing = repo.okrs.objectives(str(quarter))
        fields = [("objective", "Objective", existing[0].title if existing else "",
                   f"an objective of {quarter}; a new title adds one"),
                  *key_result_fields(statement, metric.name, number_text(now), target,
                                     quarter.end.isoformat(), metric.owner,
                                     ", ".join(companions))]
        hint = (f"{metric.name}: {finding.summary()}. A real signal may justify a key result "
                f"for {quarter} (rule 7); the KPI keeps running beside it.")

        def save(values: dict[str, str]) -> KeyResult:
            if bad_way and values["statement"] == statement and values["target"] != target:
                # The words were ours: keep them true to the target typed.
                new_target = parse_optional_number(values["target"], "target")
                if new_target is not None:
                    values = {**values, "statement": statement.rsplit(" to ", 1)[0] + " to "
                              + format_value(new_target, metric.unit)}
            return repo.okrs.add_key_result_under(
                str(quarter), values["objective"], draft_from_form(values, ctx.today),
                today=ctx.today, objective_owner=values["owner"])

        self._ui.push(OkrForm(f"A key result for {quarter} from a signal", fields, save,
                              hint=hint, draft=("key-result", f"from signal of {metric.id}"),
                              draft_words="key result"), lambda saved: self._saved(quarter, saved))

    def _saved(self, quarter: Cycle, saved: KeyResult | None) -> None:
        if saved is None:
            return
        self._ctx.quarter = quarter
        self.plan_saved(saved.id, f"Added KR{saved.id} to {quarter}")
