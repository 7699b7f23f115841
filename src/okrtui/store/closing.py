"""Closing a quarter: grade each key result, decide what comes next, reflect, lock.

OKRs end (DOMAIN rule 5): each key result gets a final score from 0.0 to 1.0,
where about 0.7 is success (rule 10), or n/a (not graded, with the reason:
it no longer applies), and a next step: carry it over to the next quarter,
return its metric to the KPIs (with a healthy range, rule 4), or drop it.
Closing freezes each key result's numbers (`okr_record`): a closed quarter is
a record (rule 15), read-only until reopened on purpose; the guard is
`okr_rows.refuse_if_closed`, called inside every write transaction.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import ValidationError

from okrtui.core.errors import InvalidInput, QuarterClosed, validation_problem
from okrtui.core.models import Frozen, KeyResult, Metric, NextStep, Objective
from okrtui.core.okr import freeze
from okrtui.core.scoring import validate_score
from okrtui.core.text import clean_line, clean_text
from okrtui.store import sql
from okrtui.store.cycles import calendar, cycle_named
from okrtui.store.database import write_transaction
from okrtui.store.metrics import Metrics
from okrtui.store.okr_record import clear_frozen, write_frozen
from okrtui.store.okr_repository import OkrRepository
from okrtui.store.okr_rows import insert_key_result, insert_objective, is_closed, refuse_if_closed
from okrtui.store.sql import StoreContext


class QuarterState(Frozen):
    """A closed quarter: when and by whom it was closed."""

    quarter: str
    closed_at: datetime
    closed_by: str = ""


class Graded(Frozen):
    """What grading did: the graded key result and what its next step made."""

    key_result: KeyResult
    carried: KeyResult | None = None  # the new key result, for carry-over
    metric: Metric | None = None  # the metric watched again, for return-to-kpi
    warning: str = ""


class QuarterClosing:
    """Grading, reflections and the closed state of quarters."""

    def __init__(self, ctx: StoreContext, okrs: OkrRepository, metrics: Metrics) -> None:
        self.ctx = ctx
        self.db = ctx.db
        self.okrs = okrs
        self.metrics = metrics

    # -- state ---------------------------------------------------------------

    def _name(self, text: str) -> str:
        """A cycle's name, checked and normalised (`2026-q4` → `2026-Q4`)."""
        return str(cycle_named(self.db, text))

    def is_closed(self, quarter: str) -> bool:
        """True when the quarter is closed (read-only)."""
        return is_closed(self.db, self._name(quarter))

    def state(self, quarter: str) -> QuarterState | None:
        """When and by whom the quarter was closed; None while it is open."""
        row = sql.first(self.db, "SELECT * FROM quarter_state WHERE quarter = ?",
                        [self._name(quarter)])
        return None if row is None else _state(row)

    def closed_quarters(self) -> list[QuarterState]:
        """Every closed quarter, oldest first."""
        return [_state(r) for r in sql.rows(self.db, "SELECT * FROM quarter_state "
                                            "ORDER BY quarter")]

    def close_quarter(self, quarter: str, *, today: date) -> QuarterState:
        """Close a quarter whose key results are all graded (or not graded, n/a): it
        becomes read-only, and each key result's value, progress, status, confidence
        and score are frozen as they are `today`."""
        quarter = self._name(quarter)
        with write_transaction(self.db):
            already = self.state(quarter)
            if already is not None:
                raise QuarterClosed(f"{quarter} is already closed (since "
                                    f"{already.closed_at.date()}, by {already.closed_by or '?'})")
            if not self.okrs.objectives(quarter):
                raise InvalidInput(f"{quarter} has no objectives: there is nothing to close")
            ungraded = [kr for kr in self.okrs.key_results(quarter)
                        if kr.final_score is None and not kr.not_graded]
            if ungraded:
                names = ", ".join(f"{kr.id} ({_short(kr.statement)})" for kr in ungraded)
                raise InvalidInput(
                    f"cannot close {quarter}: key result(s) {names} have no final score yet; "
                    "grade each with `okrtui quarter grade KR_ID SCORE` (or n/a --note WHY)"
                )
            write_frozen(self.db, {v.key_result.id or 0: freeze(v, today)
                                  for v in self.okrs.live_views(quarter, today)})
            sql.execute(self.db, "INSERT INTO quarter_state (quarter, closed_at, closed_by) "
                        "VALUES (?, ?, ?)", [quarter, sql.now_utc(), self.ctx.user])
        state = self.state(quarter)
        assert state is not None
        return state

    def reopen_quarter(self, quarter: str) -> int:
        """Make a closed quarter changeable again, its numbers live again; returns how
        many key results' frozen numbers were let go."""
        quarter = self._name(quarter)
        with write_transaction(self.db):
            if not sql.execute(self.db, "DELETE FROM quarter_state WHERE quarter = ?",
                               [quarter]):
                raise InvalidInput(f"{quarter} is not closed: there is nothing to reopen")
            return clear_frozen(self.db, quarter)

    # -- grading -------------------------------------------------------------

    def reflect(self, objective_id: int, text: str) -> Objective:
        """Set an objective's end-of-quarter reflection (what we learned)."""
        with write_transaction(self.db):
            objective = self.okrs.get_objective(objective_id)
            refuse_if_closed(self.db, objective.quarter)
            sql.versioned_update(self.ctx, "objective", {"reflection": clean_text(text).strip()},
                                 objective_id)
        return self.okrs.get_objective(objective_id)

    def grade(
        self,
        key_result_id: int,
        score: float | None,
        *,
        today: date,
        note: str = "",
        next_step: NextStep | None = None,
        range_min: float | None = None,
        range_max: float | None = None,
    ) -> Graded:
        """Give a key result its final score, a note and a next step, in one transaction.

        A `score` of None grades it n/a (not graded: it no longer applies), which
        needs the reason as `note`; a number clears an earlier n/a.
        `range_min`/`range_max` set the healthy range for return-to-kpi; a
        bound not given keeps the metric's own. Grading again replaces the
        grade; a carry-over is made once, and undone if the step changes and
        the new key result has no check-ins yet.
        """
        note = clean_text(note).strip()
        if score is None and not note:
            raise InvalidInput("say why it is not graded: n/a needs a note",
                               "note")
        if score is not None:
            validate_score(score)
        if next_step != "return-to-kpi" and (range_min is not None or range_max is not None):
            raise InvalidInput("a healthy range (--min/--max) only goes with "
                               "--next return-to-kpi", "range")
        okrs = self.okrs
        with write_transaction(self.db):
            kr = okrs.get_key_result(key_result_id)
            refuse_if_closed(self.db, okrs.quarter_of(key_result_id))
            carried = self.carried_to(key_result_id)
            if carried is not None and next_step != "carry-over":
                self._undo_carry_over(kr, carried)
                carried = None
            sql.versioned_update(self.ctx, "key_result", {
                "final_score": score, "not_graded": int(score is None), "close_note": note,
                "next_step": next_step}, key_result_id)
            metric: Metric | None = None
            warning = ""
            if next_step == "carry-over":
                carried = carried or self._carry_over(kr, today)
                warning = self._carried_again_warning(kr)
            if next_step == "return-to-kpi":
                metric = self._return_to_kpi(kr, range_min, range_max)
        return Graded(key_result=okrs.get_key_result(key_result_id), carried=carried,
                      metric=metric, warning=warning)

    # -- next steps (inside the grading transaction) -------------------------

    def carried_to(self, key_result_id: int) -> KeyResult | None:
        """The key result this one was carried over to, if any."""
        return self.okrs.carried_to(key_result_id)

    def _undo_carry_over(self, kr: KeyResult, carried: KeyResult) -> None:
        """Remove the carried key result, unless it has begun a life of its own."""
        quarter = self.okrs.quarter_of(carried.id or 0)
        used = sql.value(
            self.db, "SELECT (SELECT count(*) FROM check_in WHERE key_result_id = ?) + "
            "(SELECT count(*) FROM key_result WHERE carried_from = ?)", [carried.id, carried.id])
        refuse_if_closed(self.db, quarter)
        if used:
            raise InvalidInput(
                f"key result {kr.id} was carried over to {quarter} as key result {carried.id}, "
                "which is already in use (check-ins or a later carry-over): keep --next "
                "carry-over"
            )
        sql.execute(self.db, "DELETE FROM key_result_guardrail WHERE key_result_id = ?",
                    [carried.id])
        sql.execute(self.db, "DELETE FROM key_result WHERE id = ?", [carried.id])

    def _carry_over(self, kr: KeyResult, today: date) -> KeyResult:
        """A new key result in the next quarter: baseline the metric's last value."""
        okrs = self.okrs
        objective = okrs.get_objective(kr.objective_id)
        known = calendar(self.db)
        following = known.successor(known.parse(objective.quarter))
        refuse_if_closed(self.db, str(following))
        latest = okrs.readings.latest_value(kr.metric_id, today)
        baseline = kr.baseline if latest is None else latest
        objective_id = self._objective_in(objective, str(following))
        try:
            new = KeyResult(
                objective_id=objective_id, metric_id=kr.metric_id, statement=kr.statement,
                baseline=baseline, target=kr.target, start=following.start, due=following.end,
                owner=kr.owner, carried_from=kr.id,
            )
        except ValidationError:
            raise InvalidInput(
                f"key result {kr.id}'s metric already stands at its target ({baseline:g}): "
                "there is nothing left to carry over; choose return-to-kpi or drop"
            ) from None
        new_id = insert_key_result(self.ctx, new, okrs.guardrail_ids(kr.id or 0))
        return okrs.get_key_result(new_id)

    def _objective_in(self, objective: Objective, quarter: str) -> int:
        """The same-titled objective of `quarter`, made as a copy if there is none."""
        found = sql.value(self.db, "SELECT id FROM objective WHERE quarter = ? AND title = ? "
                          "ORDER BY position, id", [quarter, objective.title])
        if found is not None:
            return int(found)
        copy = objective.model_copy(update={"quarter": quarter, "parent_id": None,
                                            "reflection": ""})
        return insert_objective(self.ctx, copy)

    def _carried_again_warning(self, kr: KeyResult) -> str:
        """DOMAIN rule 5: a key result carried on and on is a KPI in the wrong document."""
        if kr.carried_from is None:
            return ""
        return (f"key result {kr.id} was itself carried over: a key result that never leaves "
                "the plan is a KPI in the wrong document; consider return-to-kpi")

    def _return_to_kpi(
        self, kr: KeyResult, range_min: float | None, range_max: float | None
    ) -> Metric:
        """Watch the metric again, with a healthy range (a KPI without one guides nothing)."""
        metric = self.metrics.get_metric_by_id(kr.metric_id)
        if metric.archived:
            raise InvalidInput(f"{metric.name!r} is archived: unarchive it "
                               "(okrtui metric unarchive) before returning it to the KPIs")
        low = metric.range_min if range_min is None else range_min
        high = metric.range_max if range_max is None else range_max
        if low is None and high is None:
            raise InvalidInput(
                f"{metric.name!r} has no healthy range: give it a minimum and/or a maximum so "
                "that, as a KPI again, it can tell you when to act", "range",
            )
        try:
            Metric.model_validate({**metric.model_dump(), "range_min": low, "range_max": high})
        except ValidationError as error:
            raise InvalidInput(validation_problem(error)[1], "range") from None
        sql.versioned_update(self.ctx, "metric", {"watched": 1, "range_min": low,
                                                  "range_max": high}, metric.id or 0)
        return self.metrics.get_metric_by_id(metric.id or 0)


def _state(row: dict[str, Any]) -> QuarterState:
    return QuarterState.model_construct(
        quarter=str(row["quarter"]), closed_at=datetime.fromisoformat(str(row["closed_at"])),
        closed_by=clean_line(str(row["closed_by"])),
    )


def _short(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
