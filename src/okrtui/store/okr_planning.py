"""Planning a key result as one intent: names resolved, defaults applied, one transaction.

A person types a key result (`core.okr.KeyResultDraft`): a metric's name,
maybe no baseline, no due date, no owner. Resolving the names, applying the
defaults (`core.okr.planned_key_result`), checking the plan and writing the
key result with its guardrails (and, when asked, its new metric or its new
objective) happen inside one write transaction: a refusal anywhere leaves
nothing behind. The CLI and the TUI both call these, so the rules exist once.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from pydantic import ValidationError

from okrtui.core.errors import InvalidInput, NotFound, validation_problem
from okrtui.core.models import KeyResult, Metric, Objective
from okrtui.core.okr import KeyResultDraft, baseline_day, planned_key_result
from okrtui.core.text import name_key
from okrtui.store.cycles import cycle_named
from okrtui.store.database import write_transaction
from okrtui.store.metrics import Metrics
from okrtui.store.okr_reads import OkrReads
from okrtui.store.okr_rows import (
    KEY_RESULT_COLUMNS,
    check_plan,
    insert_key_result,
    insert_objective,
    refuse_if_closed,
    set_guardrails,
    update_row,
)
from okrtui.store.readings import Readings
from okrtui.store.sql import StoreContext


class KeyResultPlanning:
    """Add or edit a key result from what a person typed; each call one transaction."""

    def __init__(self, ctx: StoreContext, reads: OkrReads, metrics: Metrics,
                 readings: Readings) -> None:
        self.ctx = ctx
        self.db = ctx.db
        self.reads = reads
        self.metrics = metrics
        self.readings = readings

    def add(self, objective_id: int, draft: KeyResultDraft, *, today: date,
            create_metric: bool = False) -> KeyResult:
        """`OkrRepository.add_planned_key_result`."""
        with write_transaction(self.db):
            objective = self.reads.get_objective(objective_id)
            new_id = self._add(objective, draft, today, create_metric)
        return self.reads.get_key_result(new_id)

    def edit(self, existing: KeyResult, draft: KeyResultDraft, *, today: date) -> KeyResult:
        """`OkrRepository.edit_planned_key_result`."""
        with write_transaction(self.db):
            self.edit_in(existing, draft, today, self.reads.get_objective(existing.objective_id))
        return self.reads.get_key_result(existing.id or 0)

    def add_under(self, quarter: str, objective_title: str, draft: KeyResultDraft, *,
                  today: date, objective_owner: str = "") -> KeyResult:
        """`OkrRepository.add_key_result_under`."""
        title = objective_title.strip()
        if not title:
            raise InvalidInput("which objective does it serve? type a title", "objective")
        cycle = str(cycle_named(self.db, quarter))
        with write_transaction(self.db):
            refuse_if_closed(self.db, cycle)
            metric = self._metric(draft.metric, create=False)
            if self.reads.key_result_measuring(metric.id or 0, cycle) is not None:
                raise InvalidInput(f"{metric.name} already has a key result in {cycle}",
                                   "metric")
            found = [o for o in self.reads.objectives(cycle)
                     if name_key(o.title) == name_key(title)]
            objective = found[0] if found else self._new_objective(cycle, title,
                                                                   objective_owner)
            new_id = self._add(objective, draft, today, create_metric=False)
        return self.reads.get_key_result(new_id)

    # -- inside the caller's transaction ----------------------------------------

    def edit_in(self, existing: KeyResult, draft: KeyResultDraft, today: date,
                objective: Objective) -> None:
        """Save `existing` as `draft` says, under `objective` (its own, or another of
        its cycle it moves to)."""
        refuse_if_closed(self.db, objective.quarter)
        metric = self._metric(draft.metric, create=False)
        edited = self._key_result(objective, metric, draft, today, existing)
        guardrails = self._guardrails(draft.guardrails)
        check_plan(self.db, edited, objective.quarter, guardrails)
        update_row(self.ctx, "key_result", KEY_RESULT_COLUMNS, edited,
                   f"key result {edited.id}")
        set_guardrails(self.db, edited.id or 0, guardrails)

    def add_in(self, objective: Objective, draft: KeyResultDraft, today: date) -> int:
        """Add a key result under `objective`; its id."""
        return self._add(objective, draft, today, create_metric=False)

    def _add(self, objective: Objective, draft: KeyResultDraft, today: date,
             create_metric: bool) -> int:
        """Resolve, default, check and insert the key result and its guardrails."""
        refuse_if_closed(self.db, objective.quarter)
        metric = self._metric(draft.metric, create=create_metric)
        key_result = self._key_result(objective, metric, draft, today)
        guardrails = self._guardrails(draft.guardrails)
        check_plan(self.db, key_result, objective.quarter, guardrails)
        return insert_key_result(self.ctx, key_result, guardrails)

    def _key_result(self, objective: Objective, metric: Metric, draft: KeyResultDraft,
                    today: date, existing: KeyResult | None = None) -> KeyResult:
        cycle = cycle_named(self.db, objective.quarter)
        latest = None if draft.baseline is not None else self.readings.latest_value(
            metric.id or 0, baseline_day(cycle, today))
        return planned_key_result(draft, objective=objective, cycle=cycle, metric=metric,
                                  latest=latest,
                                  existing=existing)

    def _metric(self, name: str, *, create: bool) -> Metric:
        """The metric named; with `create`, a missing one is made (unwatched)."""
        if not name.strip():
            raise InvalidInput("which metric does it move?", "metric")
        try:
            return self.metrics.get_metric(name)
        except NotFound as error:
            if not create:
                raise InvalidInput(str(error), "metric") from error
        try:
            metric = Metric(name=name, watched=False)
        except ValidationError as error:
            raise InvalidInput(validation_problem(error)[1], "metric") from None
        return self.metrics.get_metric_by_id(self.metrics.insert_metric(metric))

    def _guardrails(self, names: Sequence[str]) -> list[int]:
        """The guardrails' metric ids, in the order typed."""
        ids = []
        for name in (n.strip() for n in names):
            if not name:
                continue
            try:
                ids.append(self.metrics.get_metric(name).id or 0)
            except NotFound as error:
                raise InvalidInput(str(error), "guardrails") from None
        return ids

    def _new_objective(self, quarter: str, title: str, owner: str) -> Objective:
        try:
            objective = Objective.model_validate({"quarter": quarter, "title": title,
                                                  "owner": owner})
        except ValidationError as error:
            raise InvalidInput(validation_problem(error)[1], "objective") from None
        return self.reads.get_objective(insert_objective(self.ctx, objective))
