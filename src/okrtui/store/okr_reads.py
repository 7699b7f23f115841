"""Reading the plan: objectives, key results, their guardrails and check-ins."""

from __future__ import annotations

from okrtui.core.check_ins import counted
from okrtui.core.errors import NotFound
from okrtui.core.models import CheckIn, KeyResult, Objective
from okrtui.store import sql
from okrtui.store.okr_rows import check_in_from_row, key_result_from_row, objective_from_row
from okrtui.store.sql import StoreContext

_IN_QUARTER = ("SELECT kr.* FROM key_result kr JOIN objective o ON o.id = kr.objective_id "
               "WHERE o.quarter = ?")
_PLAN_ORDER = "o.position, o.id, kr.position, kr.id"
_CHECK_IN = ("id, key_result_id, reading_id, at, value, confidence, comment, author, "
             "recorded_at, corrects, source")


class OkrReads:
    """The quarter's plan as models; nothing here writes."""

    def __init__(self, ctx: StoreContext) -> None:
        self.ctx = ctx
        self.db = ctx.db

    # -- objectives ----------------------------------------------------------

    def get_objective(self, objective_id: int) -> Objective:
        """One objective by id."""
        row = sql.first(self.db, "SELECT * FROM objective WHERE id = ?", [objective_id])
        if row is None:
            raise NotFound(f"no objective with id {objective_id} (see `okrtui okrs`)")
        return objective_from_row(row)

    def objectives(self, quarter: str) -> list[Objective]:
        """A quarter's objectives in their order."""
        rows = sql.rows(self.db, "SELECT * FROM objective WHERE quarter = ? "
                        "ORDER BY position, id", [quarter])
        return [objective_from_row(r) for r in rows]

    def quarters(self) -> list[str]:
        """Every quarter that has objectives, oldest first."""
        return sql.column(self.db, "SELECT DISTINCT quarter FROM objective ORDER BY quarter")

    # -- key results ---------------------------------------------------------

    def get_key_result(self, key_result_id: int) -> KeyResult:
        """One key result by id."""
        row = sql.first(self.db, "SELECT * FROM key_result WHERE id = ?", [key_result_id])
        if row is None:
            raise NotFound(f"no key result with id {key_result_id} (see `okrtui okrs`)")
        return key_result_from_row(row)

    def key_results(self, quarter: str) -> list[KeyResult]:
        """The quarter's key results, by objective then position."""
        rows = sql.rows(self.db, f"{_IN_QUARTER} ORDER BY {_PLAN_ORDER}", [quarter])
        return [key_result_from_row(r) for r in rows]

    def every_key_result(self) -> list[tuple[KeyResult, str]]:
        """Every key result of every cycle, with its cycle's name (cycle, then plan order)."""
        rows = sql.rows(self.db, "SELECT kr.*, o.quarter AS cycle_name FROM key_result kr "
                        "JOIN objective o ON o.id = kr.objective_id "
                        f"ORDER BY o.quarter, {_PLAN_ORDER}")
        return [(key_result_from_row(r), str(cycle)) for r in rows
                if (cycle := r.pop("cycle_name")) is not None]

    def quarter_of(self, key_result_id: int) -> str:
        """The quarter a key result belongs to (its objective's)."""
        quarter = sql.value(
            self.db, "SELECT o.quarter FROM key_result kr JOIN objective o "
            "ON o.id = kr.objective_id WHERE kr.id = ?", [key_result_id])
        if quarter is None:
            raise NotFound(f"no key result with id {key_result_id} (see `okrtui okrs`)")
        return str(quarter)

    def guardrail_ids(self, key_result_id: int) -> list[int]:
        """The metrics that guard a key result (DOMAIN rule 8)."""
        return sql.column(self.db, "SELECT metric_id FROM key_result_guardrail "
                          "WHERE key_result_id = ? ORDER BY metric_id", [key_result_id])

    def key_result_by_metric(self, quarter: str) -> dict[int, KeyResult]:
        """Metric id → the key result measuring it this quarter (a metric's derived role)."""
        return {kr.metric_id: kr for kr in self.key_results(quarter)}

    def key_result_measuring(self, metric_id: int, quarter: str) -> KeyResult | None:
        """The key result of the quarter measuring the metric, as `key_result_by_metric`
        gives it (the last in plan order, should an import have left two)."""
        order = ", ".join(f"{c} DESC" for c in _PLAN_ORDER.split(", "))
        row = sql.first(self.db, f"{_IN_QUARTER} AND kr.metric_id = ? ORDER BY {order} "
                        "LIMIT 1", [quarter, metric_id])
        return None if row is None else key_result_from_row(row)

    def carried_to(self, key_result_id: int) -> KeyResult | None:
        """The key result this one was carried over to, if any."""
        row = sql.first(self.db, "SELECT * FROM key_result WHERE carried_from = ? ORDER BY id",
                        [key_result_id])
        return None if row is None else key_result_from_row(row)

    # -- check-ins -----------------------------------------------------------

    def check_ins(self, key_result_id: int) -> list[CheckIn]:
        """Every check-in of a key result, by day, then in the order they were recorded.

        Nothing is hidden: a teammate's check-in the same day stays beside yours,
        and a correction is listed with the one it `corrects` (which
        `core.check_ins.counted` then leaves out).
        """
        rows = sql.rows(self.db, f"SELECT {_CHECK_IN} FROM check_in WHERE key_result_id = ? "
                        "ORDER BY at, recorded_at, id", [key_result_id])
        return [check_in_from_row(r) for r in rows]

    def earlier_same_day(self, check: CheckIn) -> list[CheckIn]:
        """The check-ins that count on that key result and day, recorded before `check`
        (the one it corrects left out): whom to tell the person saving about."""
        rows = sql.rows(self.db, f"SELECT {_CHECK_IN} FROM check_in WHERE key_result_id = ? "
                        "AND at = ? AND id <= ? ORDER BY recorded_at, id",
                        [check.key_result_id, check.at.isoformat(), check.id or 0])
        return [c for c in counted([check_in_from_row(r) for r in rows]) if c.id != check.id]
