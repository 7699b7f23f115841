"""Key results as a manager reads them today (`core.okr.KeyResultView`), from the store."""

from __future__ import annotations

from datetime import date

from okrtui.core.kpi import kpi_health
from okrtui.core.models import KeyResult, Objective
from okrtui.core.okr import KeyResultView, key_result_view
from okrtui.store.metrics import Metrics
from okrtui.store.okr_reads import OkrReads
from okrtui.store.readings import Readings

# Readings a guardrail's health needs: the latest and the one before.
GUARD_POINTS = 2


class OkrViews:
    """Views of key results: one (for a refresh) or a whole quarter's plan."""

    def __init__(self, reads: OkrReads, metrics: Metrics, readings: Readings) -> None:
        self.reads = reads
        self.metrics = metrics
        self.readings = readings

    def view_of(self, kr: KeyResult, today: date) -> KeyResultView:
        """A key result's view today: its metric's latest value, check-ins, guardrails."""
        guards = [kpi_health(self.metrics.get_metric_by_id(m),
                             self.readings.current_points(m, today, GUARD_POINTS), today)
                  for m in self.reads.guardrail_ids(kr.id or 0)]
        return key_result_view(kr, self.metrics.get_metric_by_id(kr.metric_id),
                               self.reads.check_ins(kr.id or 0),
                               self.readings.latest_value(kr.metric_id, today), today, guards)

    def key_result_view(self, key_result_id: int, today: date) -> KeyResultView:
        """One key result as `quarter_views` shows it, reading only its own data."""
        return self.view_of(self.reads.get_key_result(key_result_id), today)

    def quarter_views(self, quarter: str,
                      today: date) -> list[tuple[Objective, list[KeyResultView]]]:
        """Each objective of the quarter with the views of its key results, in plan order."""
        results = self.reads.key_results(quarter)
        return [(objective, [self.view_of(kr, today) for kr in results
                             if kr.objective_id == objective.id])
                for objective in self.reads.objectives(quarter)]
