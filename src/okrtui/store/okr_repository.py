"""Objectives, key results and check-ins: the quarter's plan and its weekly trail.

A key result measures a metric; a check-in is an event (its author, day and
time) with a confidence, a comment and, usually, a value: the metric's
reading for that day, written in the same transaction. The reads
are `okr_reads.OkrReads`; planning from typed text is `okr_planning`; views
are `okr_views`. `OkrRepository` is what `Repository.okrs` offers of them all.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Protocol

from okrtui.core.check_ins import own_latest
from okrtui.core.errors import InvalidInput
from okrtui.core.models import CheckIn, KeyResult, Metric, Objective, Reading, Source
from okrtui.core.okr import KeyResultDraft, KeyResultView, check_in_refusal
from okrtui.core.plan_diff import PlanDiff
from okrtui.core.plan_model import PlanDraft, PlannedObjective
from okrtui.store import sql
from okrtui.store.database import write_transaction
from okrtui.store.metrics import Metrics
from okrtui.store.okr_plan_apply import PlanApplying
from okrtui.store.okr_planning import KeyResultPlanning
from okrtui.store.okr_reads import OkrReads
from okrtui.store.okr_rows import (
    KEY_RESULT_COLUMNS,
    OBJECTIVE_COLUMNS,
    check_plan,
    insert_key_result,
    insert_objective,
    refuse_if_closed,
    set_guardrails,
    update_row,
)
from okrtui.store.okr_views import OkrViews
from okrtui.store.readings import Readings
from okrtui.store.sql import StoreContext

Plan = list[tuple[Objective, list[KeyResultView]]]


class OkrRepository(OkrReads):
    """The OKR half of the store: the plan's reads, plus its writes and views."""

    def __init__(self, ctx: StoreContext, metrics: Metrics, readings: Readings) -> None:
        super().__init__(ctx)
        self.readings = readings
        self._planning = KeyResultPlanning(ctx, self, metrics, readings)
        self._views = OkrViews(self, metrics, readings)
        self._plans = PlanApplying(ctx, self, self._planning, metrics)

    # -- objectives and key results ------------------------------------------------

    def add_objective(self, objective: Objective) -> Objective:
        """Add an objective at the end of its quarter's list."""
        with write_transaction(self.db):
            refuse_if_closed(self.db, objective.quarter)
            if objective.parent_id is not None:
                self.get_objective(objective.parent_id)
            new_id = insert_objective(self.ctx, objective)
        return self.get_objective(new_id)

    def update_objective(self, objective: Objective) -> Objective:
        """Save an edited objective (title, why, owner)."""
        with write_transaction(self.db):
            refuse_if_closed(self.db, objective.quarter)
            update_row(self.ctx, "objective", OBJECTIVE_COLUMNS, objective,
                       f"objective {objective.id}")
        return self.get_objective(objective.id or 0)

    def add_key_result(self, key_result: KeyResult, guardrails: Sequence[Metric] = ()) -> KeyResult:
        """Add a key result (and its guardrail metrics) under its objective."""
        ids = [m.id or 0 for m in guardrails]
        with write_transaction(self.db):
            quarter = self.get_objective(key_result.objective_id).quarter
            refuse_if_closed(self.db, quarter)
            check_plan(self.db, key_result, quarter, ids)
            new_id = insert_key_result(self.ctx, key_result, ids)
        return self.get_key_result(new_id)

    def update_key_result(self, key_result: KeyResult, guardrails: Sequence[Metric]) -> KeyResult:
        """Save an edited key result and replace its guardrails."""
        ids = [m.id or 0 for m in guardrails]
        with write_transaction(self.db):
            quarter = self.quarter_of(key_result.id or 0)
            refuse_if_closed(self.db, quarter)
            check_plan(self.db, key_result, quarter, ids)
            update_row(self.ctx, "key_result", KEY_RESULT_COLUMNS, key_result,
                       f"key result {key_result.id}")
            set_guardrails(self.db, key_result.id or 0, ids)
        return self.get_key_result(key_result.id or 0)

    # -- from what a person typed (`okr_planning`) ------------------------------------

    def add_planned_key_result(self, objective_id: int, draft: KeyResultDraft, *,
                               today: date, create_metric: bool = False) -> KeyResult:
        """Add a key result as typed: its metric (created unwatched with
        `create_metric`), defaults, guardrails and plan checks, in one transaction."""
        return self._planning.add(objective_id, draft, today=today,
                                  create_metric=create_metric)

    def edit_planned_key_result(self, existing: KeyResult, draft: KeyResultDraft, *,
                                today: date) -> KeyResult:
        """Save an edited key result as typed, unless someone changed it meanwhile."""
        return self._planning.edit(existing, draft, today=today)

    def add_key_result_under(self, quarter: str, objective_title: str, draft: KeyResultDraft,
                             *, today: date, objective_owner: str = "") -> KeyResult:
        """Add a key result under the quarter's objective of that title (made if there is
        none), all in one transaction: a refusal leaves no new objective behind."""
        return self._planning.add_under(quarter, objective_title, draft, today=today,
                                        objective_owner=objective_owner)

    # -- a cycle's plan as text (`okr_plan_apply`) -----------------------------------

    def current_plan(self, cycle: str) -> tuple[PlannedObjective, ...]:
        """The cycle's objectives and key results as `core.plan_text` writes them."""
        return self._plans.current(cycle)

    def check_plan_names(self, diff: PlanDiff) -> None:
        """Refuse, by line, a diff naming metrics the database does not have."""
        self._plans.check_names(diff)

    def apply_plan(self, cycle: str, draft: PlanDraft, *, today: date,
                   expected: PlanDiff | None = None) -> PlanDiff:
        """Apply a plan's text to the cycle in one transaction (all of it or nothing)."""
        return self._plans.apply(cycle, draft, today=today, expected=expected)

    # -- views (`okr_views`) ---------------------------------------------------------

    def key_result_view(self, key_result_id: int, today: date) -> KeyResultView:
        """One key result as `quarter_views` shows it, reading only its own data."""
        return self._views.key_result_view(key_result_id, today)

    def quarter_views(self, quarter: str, today: date) -> Plan:
        """Each objective of the quarter with the views of its key results (a closed
        quarter's as they were frozen at close)."""
        return self._views.quarter_views(quarter, today)

    def live_views(self, quarter: str, today: date) -> list[KeyResultView]:
        """The quarter's key results with their numbers as they stand today, never the
        frozen ones (what closing freezes)."""
        return self._views.live_views(quarter, today)

    # -- check-ins -----------------------------------------------------------

    def check_in(
        self,
        key_result: KeyResult,
        value: float | None,
        *,
        today: date,
        at: date | None = None,
        confidence: int | None = None,
        comment: str = "",
        source: Source = "cli",
        recorded_at: datetime | None = None,
        correct: bool = False,
    ) -> CheckIn:
        """Record a check-in (and, with a value, the metric's reading), in one transaction.

        Every check-in is kept: another person's the same day stays beside this
        one, and so does the author's own unless `correct` says this one corrects
        it (their latest of that day; what is left out, value, confidence or
        comment, is kept from it). No value is a confidence-only check-in: no
        reading. The day follows `core.okr.check_in_refusal` and the cycle must
        be open. If the metric already has this very value for that day (a KPI
        reading, a "no change"), the check-in points at it rather than adding a
        correction that changes nothing.
        """
        at = at or today
        if confidence is not None and not 0 <= confidence <= 10:
            raise InvalidInput(f"confidence {confidence} is not between 0 and 10", "confidence")
        kr_id = key_result.id or 0
        with write_transaction(self.db):
            # Taken once it is our turn to write, so that the times follow the order
            # people saved in; to the second, as the row keeps it.
            now = (recorded_at or datetime.now(UTC)).replace(microsecond=0)
            current = self.get_key_result(kr_id)  # its start may have changed since
            refuse_if_closed(self.db, self.quarter_of(kr_id))
            refusal = check_in_refusal(current, at, today)
            if refusal is not None:
                raise InvalidInput(refusal, "date")
            corrects: CheckIn | None = None
            if correct:
                corrects = own_latest(self.check_ins(kr_id), self.ctx.user, at)
                if corrects is None:
                    raise InvalidInput(f"you have no check-in on key result {kr_id} for "
                                       f"{at.isoformat()} to correct", "correct")
                value = corrects.value if value is None else value
                confidence = corrects.confidence if confidence is None else confidence
                comment = comment.strip() or corrects.comment
            if value is None and confidence is None:
                raise InvalidInput("a check-in needs a value, a confidence, or both", "value")
            check = CheckIn(key_result_id=kr_id, at=at, value=value, confidence=confidence,
                            comment=comment, author=self.ctx.user, recorded_at=now,
                            corrects=None if corrects is None else corrects.id, source=source)
            reading_id = None if value is None else self._reading_for(check, current, source)
            new_id = sql.insert(self.db, "check_in", {
                "key_result_id": kr_id, "reading_id": reading_id, "at": at.isoformat(),
                "value": value, "confidence": check.confidence, "comment": check.comment,
                "author": check.author, "recorded_at": sql.utc_text(now),
                "corrects": check.corrects, "source": source})
        return check.model_copy(update={"id": new_id, "reading_id": reading_id})

    def _reading_for(self, check: CheckIn, key_result: KeyResult, source: Source) -> int:
        """The day's reading of the metric with the check-in's value: the current one if
        it has that value already, else a new one that supersedes it."""
        assert check.value is not None
        same = self.readings.current_reading_id(key_result.metric_id, check.at, check.value)
        if same is not None:
            return same
        return self.readings.insert_reading(Reading(
            metric_id=key_result.metric_id, at=check.at, value=check.value, note=check.comment,
            author=check.author, source=source, recorded_at=check.recorded_at))


class _WithOkrs(Protocol):
    """Anything that offers the OKR store (the `Repository`)."""

    @property
    def okrs(self) -> OkrRepository: ...


def quarter_views(repo: _WithOkrs, quarter: str, today: date) -> Plan:
    """Each objective of the quarter with the views of its key results (`core.okr`)."""
    return repo.okrs.quarter_views(quarter, today)
