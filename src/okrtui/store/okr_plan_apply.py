"""A cycle's plan as the text editor sees it, and a parsed text applied to it.

`current` gathers what `core.plan_text.render_plan` writes; `apply` computes
`core.plan_diff.diff_plan` again inside one write transaction and makes each
change through the planning rules (`okr_planning`), so that a refusal anywhere
(an unknown metric, a due date outside the cycle, a metric measured twice)
names its line and leaves nothing applied.
"""

from __future__ import annotations

from datetime import date

from pydantic import ValidationError

from okrtui.core.errors import InvalidInput, NotFound, OkrtuiError, validation_problem
from okrtui.core.models import Objective
from okrtui.core.plan_diff import Change, PlanDiff, diff_plan
from okrtui.core.plan_model import (
    LineError,
    PlanDraft,
    PlannedKeyResult,
    PlannedObjective,
    PlanRefused,
)
from okrtui.store import sql
from okrtui.store.cycles import cycle_named
from okrtui.store.database import write_transaction
from okrtui.store.metrics import Metrics
from okrtui.store.okr_planning import KeyResultPlanning
from okrtui.store.okr_reads import OkrReads
from okrtui.store.okr_rows import OBJECTIVE_COLUMNS, insert_objective, refuse_if_closed, update_row
from okrtui.store.sql import StoreContext


class PlanApplying:
    """The plan of one cycle, read for the editor and written back from it."""

    def __init__(self, ctx: StoreContext, reads: OkrReads, planning: KeyResultPlanning,
                 metrics: Metrics) -> None:
        self.ctx = ctx
        self.db = ctx.db
        self.reads = reads
        self.planning = planning
        self.metrics = metrics

    def current(self, cycle: str) -> tuple[PlannedObjective, ...]:
        """The cycle's objectives and key results, with names and what keeps each."""
        names = {m.id: m.name for m in self.metrics.list_metrics(include_archived=True)}
        by_objective: dict[int, list[PlannedKeyResult]] = {}
        for kr in self.reads.key_results(cycle):
            kr_id = kr.id or 0
            by_objective.setdefault(kr.objective_id, []).append(PlannedKeyResult(
                kr, names.get(kr.metric_id, ""),
                tuple(names.get(g, "") for g in self.reads.guardrail_ids(kr_id)),
                self._uses("key_result", kr_id)))
        return tuple(PlannedObjective(o, tuple(by_objective.get(o.id or 0, [])),
                                      self._uses("objective", o.id or 0))
                     for o in self.reads.objectives(cycle))

    def _uses(self, kind: str, item_id: int) -> tuple[str, ...]:
        """What keeps an item from being removed: its trail and what points at it."""
        queries = [("journal entries", "SELECT count(*) FROM journal_link WHERE kind = ? AND "
                    "item_id = ?", [kind, item_id])]
        if kind == "key_result":
            queries += [("check-ins", "SELECT count(*) FROM check_in WHERE key_result_id = ?",
                         [item_id]),
                        ("carried-over key results", "SELECT count(*) FROM key_result WHERE "
                         "carried_from = ?", [item_id])]
        else:
            queries += [("objectives under it", "SELECT count(*) FROM objective WHERE "
                         "parent_id = ?", [item_id])]
        counts = ((name, int(sql.value(self.db, query, args) or 0))
                  for name, query, args in queries)
        return tuple(f"{n} {name}" for name, n in counts if n)

    def apply(self, cycle: str, draft: PlanDraft, *, today: date,
              expected: PlanDiff | None = None) -> PlanDiff:
        """Apply the text's plan to the cycle in one transaction; the changes made.

        `expected` is the diff a person was shown: if the plan changed since, the
        diff differs and nothing is applied.
        """
        name = str(cycle_named(self.db, cycle))
        with write_transaction(self.db):
            refuse_if_closed(self.db, name)
            diff = diff_plan(name, self.current(name), draft)
            if expected is not None and diff != expected:
                raise OkrtuiError(f"{name}'s plan changed while you were editing it: "
                                  "nothing was applied; open it again")
            self.check_names(diff)
            self._apply(name, diff, today)
        return diff

    def check_names(self, diff: PlanDiff) -> None:
        """Every unknown metric, by line, before anything is written."""
        errors = []
        for change in diff.changes:
            if change.draft is None:
                continue
            for name in (change.draft.metric, *change.draft.guardrails):
                try:
                    self.metrics.get_metric(name)
                except NotFound:
                    errors.append(LineError(change.line, f"there is no metric named {name!r} "
                                            "(okrtui metric add, or a in the KPI pane)"))
        if errors:
            raise PlanRefused(errors)

    def _apply(self, cycle: str, diff: PlanDiff, today: date) -> None:
        new_objectives: dict[int, Objective] = {}
        # Objectives are removed last: their key results may have moved out first.
        for change in sorted(diff.changes, key=_order):
            try:
                self._one(cycle, change, today, new_objectives)
            except PlanRefused:
                raise
            except InvalidInput as error:
                raise PlanRefused([LineError(change.line, str(error))]) from None

    def _one(self, cycle: str, change: Change, today: date,
             new_objectives: dict[int, Objective]) -> None:
        if change.item == "objective":
            if change.kind == "removed":
                sql.execute(self.db, "DELETE FROM objective WHERE id = ?", [change.id])
            elif change.kind == "added":
                made = self._objective(cycle, change, None)
                new_objectives[change.line] = self.reads.get_objective(
                    insert_objective(self.ctx, made))
            else:
                old = self.reads.get_objective(change.id or 0)
                update_row(self.ctx, "objective", OBJECTIVE_COLUMNS,
                           self._objective(cycle, change, old), f"objective {old.id}")
            return
        if change.kind == "removed":
            sql.execute(self.db, "DELETE FROM key_result_guardrail WHERE key_result_id = ?",
                        [change.id])
            sql.execute(self.db, "DELETE FROM key_result WHERE id = ?", [change.id])
            return
        assert change.draft is not None
        objective = (self.reads.get_objective(change.objective_id)
                     if change.objective_id is not None
                     else new_objectives[change.objective_line])
        if change.kind == "added":
            self.planning.add_in(objective, change.draft, today)
        else:
            existing = self.reads.get_key_result(change.id or 0)
            self.planning.edit_in(existing, change.draft, today, objective)

    def _objective(self, cycle: str, change: Change, old: Objective | None) -> Objective:
        fields = {"quarter": cycle, "title": change.title, "owner": change.owner,
                  "team": change.team, "why": change.why}
        try:
            if old is None:
                return Objective.model_validate(fields)
            return Objective.model_validate({**old.model_dump(), **fields})
        except ValidationError as error:
            raise InvalidInput(validation_problem(error)[1], "objective") from None


def _order(change: Change) -> int:
    """Removed key results, objectives added and edited, key results, removed objectives."""
    if change.item == "objective":
        return 3 if change.kind == "removed" else 1
    return 0 if change.kind == "removed" else 2
