"""Key results as a manager reads them today (`core.okr.KeyResultView`), from the store."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from okrtui.core.kpi import kpi_health
from okrtui.core.models import KeyResult, Objective
from okrtui.core.okr import KeyResultView, frozen_view, key_result_view
from okrtui.store.metrics import Metrics
from okrtui.store.okr_reads import OkrReads
from okrtui.store.okr_record import Record, record_of, records_in
from okrtui.store.readings import Readings

# Readings a guardrail's health needs: the latest and the one before.
GUARD_POINTS = 2


class OkrViews:
    """Views of key results: one (for a refresh) or a whole quarter's plan."""

    def __init__(self, reads: OkrReads, metrics: Metrics, readings: Readings) -> None:
        self.reads = reads
        self.metrics = metrics
        self.readings = readings

    def view_of(self, kr: KeyResult, today: date, record: Record | None = None) -> KeyResultView:
        """A key result's view today: its metric's latest value, check-ins, guardrails;
        once its cycle is closed, the numbers frozen then (for a day from then on)."""
        record = record if record is not None else record_of(self.reads.db, kr.id or 0)
        metric = self.metrics.get_metric_by_id(kr.metric_id)
        frozen = record.frozen
        if frozen is not None and today >= frozen.as_of:
            return frozen_view(kr, metric, self.reads.check_ins(kr.id or 0), frozen,
                               record.lineage)
        guards = [kpi_health(self.metrics.get_metric_by_id(m),
                             self.readings.current_points(m, today, GUARD_POINTS), today)
                  for m in self.reads.guardrail_ids(kr.id or 0)]
        view = key_result_view(kr, metric, self.reads.check_ins(kr.id or 0),
                               self.readings.latest_value(kr.metric_id, today), today, guards)
        return replace(view, lineage=record.lineage)

    def key_result_view(self, key_result_id: int, today: date) -> KeyResultView:
        """One key result as `quarter_views` shows it, reading only its own data."""
        return self.view_of(self.reads.get_key_result(key_result_id), today)

    def live_views(self, quarter: str, today: date) -> list[KeyResultView]:
        """The quarter's key results as their numbers stand today, frozen or not (what
        closing freezes)."""
        records = records_in(self.reads.db, quarter)
        return [self.view_of(kr, today, Record(lineage=records.get(kr.id or 0,
                                                                   Record()).lineage))
                for kr in self.reads.key_results(quarter)]

    def quarter_views(self, quarter: str,
                      today: date) -> list[tuple[Objective, list[KeyResultView]]]:
        """Each objective of the quarter with the views of its key results, in plan order."""
        results = self.reads.key_results(quarter)
        records = records_in(self.reads.db, quarter)
        return [(objective, [self.view_of(kr, today, records.get(kr.id or 0, Record()))
                             for kr in results if kr.objective_id == objective.id])
                for objective in self.reads.objectives(quarter)]
