"""Rows of the OKR tables: columns, models from rows, the closed-quarter guard, plan
rules, and the inserts that planning, closing and imports share.

The write helpers run inside the caller's transaction (`write_transaction`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from okrtui.core.errors import InvalidInput, NotFound, QuarterClosed, conflict
from okrtui.core.models import CheckIn, KeyResult, Objective
from okrtui.core.text import clean_line, clean_text
from okrtui.store import sql
from okrtui.store.cycles import cycle_named
from okrtui.store.sql import StoreContext

OBJECTIVE_COLUMNS = ("quarter", "title", "why", "owner", "team", "parent_id", "position",
                     "reflection", "official_score", "import_key")
KEY_RESULT_COLUMNS = ("objective_id", "metric_id", "statement", "baseline", "target", "start",
                      "due", "owner", "position", "final_score", "close_note", "next_step",
                      "carried_from", "not_graded", "official_score", "import_key")
_STAMPS = ("created_at", "updated_at", "updated_by", "frozen")


def objective_from_row(row: dict[str, Any]) -> Objective:
    """A row as a model (validated when written; text cleaned again)."""
    data = {k: v for k, v in row.items() if k not in _STAMPS}
    for key in ("title", "owner", "team"):
        data[key] = clean_line(data[key])
    data["why"] = clean_text(data["why"])
    data["reflection"] = clean_text(data["reflection"])
    return Objective.model_construct(**data)


def key_result_from_row(row: dict[str, Any]) -> KeyResult:
    """A row as a model (validated when written; text cleaned again)."""
    data = {k: v for k, v in row.items() if k not in _STAMPS}
    data["statement"] = clean_line(data["statement"])
    data["owner"] = clean_line(data["owner"])
    data["close_note"] = clean_text(data["close_note"])
    data["start"] = date.fromisoformat(data["start"])
    data["due"] = date.fromisoformat(data["due"])
    data["not_graded"] = bool(data["not_graded"])
    return KeyResult.model_construct(**data)


def check_in_from_row(row: dict[str, Any]) -> CheckIn:
    """A check-in row as a model (its own day and value; no value: confidence only)."""
    row = {**row, "at": date.fromisoformat(row["at"]),
           "recorded_at": datetime.fromisoformat(row["recorded_at"]),
           "comment": clean_text(row["comment"]), "author": clean_line(row["author"])}
    return CheckIn.model_construct(**row)


def row_values(model: Any, columns: tuple[str, ...]) -> dict[str, Any]:
    """A model's columns as the database keeps them (dates as ISO text)."""
    values = {c: getattr(model, c) for c in columns}
    return {c: v.isoformat() if isinstance(v, date) else v for c, v in values.items()}


# -- the closed-quarter guard and the plan's rules ------------------------------------


def is_closed(db: sqlite3.Connection, quarter: str) -> bool:
    """True when the quarter was closed (and not reopened since)."""
    return sql.exists(db, "SELECT 1 FROM quarter_state WHERE quarter = ?", [quarter])


def refuse_if_closed(db: sqlite3.Connection, quarter: str) -> None:
    """Refuse a change to a closed quarter; call it inside the write transaction."""
    if is_closed(db, quarter):
        raise QuarterClosed(
            f"{quarter} is closed: reopen it first (Z on the dashboard, or "
            f"okrtui quarter reopen {quarter})"
        )


def check_plan(db: sqlite3.Connection, key_result: KeyResult, quarter: str,
               guardrail_ids: Sequence[int] = ()) -> None:
    """A key result lives inside its quarter, is the only one measuring its metric,
    and is not its own guardrail."""
    span = cycle_named(db, quarter)
    if not span.start <= key_result.due <= span.end:
        raise InvalidInput(f"the due date {key_result.due} is outside {quarter} "
                           f"({span.start} to {span.end})", "due")
    other = sql.value(
        db, "SELECT kr.id FROM key_result kr JOIN objective o ON o.id = kr.objective_id "
        "WHERE o.quarter = ? AND kr.metric_id = ? AND kr.id <> ? ORDER BY kr.id",
        [quarter, key_result.metric_id, key_result.id or 0],
    )
    if other is not None:
        raise InvalidInput(f"this metric is already measured by key result {other} in "
                           f"{quarter}: one key result per metric per quarter", "metric")
    if key_result.metric_id in guardrail_ids:
        raise InvalidInput("a key result cannot guard its own metric", "guardrails")


# -- inserts -----------------------------------------------------------------------------


def insert_objective(ctx: StoreContext, objective: Objective, *, at_end: bool = True) -> int:
    """Insert an objective (at the end of its quarter's list, unless `at_end` is False:
    an import keeps the position it brings)."""
    if at_end:
        position = sql.next_position(ctx.db, "objective", "quarter", objective.quarter)
        objective = objective.model_copy(update={"position": position})
    return sql.insert_stamped(ctx, "objective", row_values(objective, OBJECTIVE_COLUMNS))


def insert_key_result(ctx: StoreContext, key_result: KeyResult, guardrail_ids: Sequence[int],
                      *, at_end: bool = True) -> int:
    """Insert a key result and its guardrails (at the end of its objective's list,
    unless `at_end` is False). The plan's rules are the caller's to check."""
    if at_end:
        position = sql.next_position(ctx.db, "key_result", "objective_id",
                                     key_result.objective_id)
        key_result = key_result.model_copy(update={"position": position})
    new_id = sql.insert_stamped(ctx, "key_result", row_values(key_result, KEY_RESULT_COLUMNS))
    set_guardrails(ctx.db, new_id, guardrail_ids)
    return new_id


def set_guardrails(db: sqlite3.Connection, key_result_id: int,
                   guardrail_ids: Sequence[int]) -> None:
    """Replace a key result's guardrail metrics (DOMAIN rule 8)."""
    sql.execute(db, "DELETE FROM key_result_guardrail WHERE key_result_id = ?", [key_result_id])
    sql.execute_many(db, "INSERT INTO key_result_guardrail (key_result_id, metric_id) "
                     "VALUES (?, ?)", [(key_result_id, m) for m in dict.fromkeys(guardrail_ids)])


def update_row(ctx: StoreContext, table: str, columns: tuple[str, ...], model: Any,
               label: str) -> None:
    """Save an edited objective or key result unless someone changed it since it was
    loaded (then both versions are shown)."""
    values = row_values(model, columns)
    if sql.versioned_update(ctx, table, values, model.id, model.version):
        return
    row = sql.first(ctx.db, f"SELECT * FROM {table} WHERE id = ?", [model.id])
    if row is None:
        raise NotFound(f"{label} no longer exists")
    raise conflict(label, {c: row[c] for c in columns}, values,
                   who=clean_line(row["updated_by"]) or "someone else")
