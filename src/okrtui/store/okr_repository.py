"""Objectives, key results and check-ins: the quarter's plan and its weekly trail.

A key result measures a metric; a check-in is a reading of that metric plus
a confidence and a comment, written together in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from okrtui.core.errors import InvalidInput, NotFound, QuarterClosed, conflict
from okrtui.core.models import CheckIn, KeyResult, Metric, Objective, Reading
from okrtui.core.parse import check_not_future
from okrtui.core.text import clean_line, clean_text
from okrtui.store.database import write_transaction

if TYPE_CHECKING:
    from okrtui.core.okr import KeyResultDraft, KeyResultView
    from okrtui.store.repository import Repository

OBJECTIVE_COLUMNS = ("quarter", "title", "why", "owner", "team", "parent_id", "position",
                     "reflection")
KEY_RESULT_COLUMNS = ("objective_id", "metric_id", "statement", "baseline", "target", "start",
                      "due", "owner", "position", "final_score", "close_note", "next_step",
                      "carried_from")


def _objective(row: dict[str, Any]) -> Objective:
    data = {k: v for k, v in row.items() if k not in ("created_at", "updated_at", "updated_by")}
    for key in ("title", "owner", "team"):
        data[key] = clean_line(data[key])
    data["why"] = clean_text(data["why"])
    data["reflection"] = clean_text(data["reflection"])
    return Objective.model_construct(**data)


def _key_result(row: dict[str, Any]) -> KeyResult:
    data = {k: v for k, v in row.items() if k not in ("created_at", "updated_at", "updated_by")}
    data["statement"] = clean_line(data["statement"])
    data["owner"] = clean_line(data["owner"])
    data["close_note"] = clean_text(data["close_note"])
    data["start"] = date.fromisoformat(data["start"])
    data["due"] = date.fromisoformat(data["due"])
    return KeyResult.model_construct(**data)


def _value(column: str, value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


def is_closed(db: Any, quarter: str) -> bool:
    """True when the quarter was closed (and not reopened since)."""
    row = db.execute("SELECT 1 FROM quarter_state WHERE quarter = ?", [quarter]).fetchone()
    return row is not None


def refuse_if_closed(db: Any, quarter: str) -> None:
    """Refuse a change to a closed quarter; call it inside the write transaction."""
    if is_closed(db, quarter):
        raise QuarterClosed(
            f"{quarter} is closed: reopen it first (Z on the dashboard, or "
            f"okrtui quarter reopen {quarter})"
        )


def _check_in_period(key_result: KeyResult, quarter: str, at: date) -> None:
    """A check-in describes the key result's quarter, not another one."""
    from okrtui.core.periods import Quarter

    span = Quarter.parse(quarter)
    if not span.start <= at <= span.end:
        raise InvalidInput(f"key result {key_result.id} belongs to {quarter} ({span.start} to "
                           f"{span.end}); a check-in for {at} would describe another quarter",
                           "date")


def _check_plan(db: Any, key_result: KeyResult, quarter: str) -> None:
    """A key result lives inside its quarter and is the only one measuring its metric."""
    from okrtui.core.periods import Quarter

    span = Quarter.parse(quarter)
    if not span.start <= key_result.due <= span.end:
        raise InvalidInput(f"the due date {key_result.due} is outside {quarter} "
                           f"({span.start} to {span.end})", "due")
    other = db.execute(
        "SELECT kr.id FROM key_result kr JOIN objective o ON o.id = kr.objective_id "
        "WHERE o.quarter = ? AND kr.metric_id = ? AND kr.id IS NOT ?",
        [quarter, key_result.metric_id, key_result.id],
    ).fetchone()
    if other is not None:
        raise InvalidInput(f"this metric is already measured by key result {other[0]} in "
                           f"{quarter}: one key result per metric per quarter", "metric")


class OkrRepository:
    """The OKR half of the store; shares the connection and user of a `Repository`."""

    def __init__(self, repo: Repository) -> None:
        self.repo = repo
        self.db = repo.db

    def _insert(self, table: str, columns: tuple[str, ...], model: Any) -> int:
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        values = [_value(c, getattr(model, c)) for c in columns]
        cursor = self.db.execute(
            f"INSERT INTO {table} ({', '.join(columns)}, created_at, updated_at, updated_by) "
            f"VALUES ({', '.join('?' * len(columns))}, ?, ?, ?)",
            [*values, stamp, stamp, self.repo.user],
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    # -- objectives ----------------------------------------------------------

    def add_objective(self, objective: Objective) -> Objective:
        """Add an objective at the end of its quarter's list."""
        with write_transaction(self.db):
            refuse_if_closed(self.db, objective.quarter)
            if objective.parent_id is not None:
                self.get_objective(objective.parent_id)
            new_id = self.insert_objective(objective)
        return self.get_objective(new_id)

    def insert_objective(self, objective: Objective) -> int:
        """Insert at the end of its quarter's list, inside the caller's transaction."""
        position = self.db.execute(
            "SELECT coalesce(max(position), 0) + 1 FROM objective WHERE quarter = ?",
            [objective.quarter],
        ).fetchone()[0]
        return self._insert("objective", OBJECTIVE_COLUMNS,
                            objective.model_copy(update={"position": position}))

    def get_objective(self, objective_id: int) -> Objective:
        """One objective by id."""
        rows = self.repo._rows("SELECT * FROM objective WHERE id = ?", [objective_id])
        if not rows:
            raise NotFound(f"no objective with id {objective_id} (see `okrtui okrs`)")
        return _objective(rows[0])

    def objectives(self, quarter: str) -> list[Objective]:
        """A quarter's objectives in their order."""
        rows = self.repo._rows(
            "SELECT * FROM objective WHERE quarter = ? ORDER BY position, id", [quarter]
        )
        return [_objective(r) for r in rows]

    def quarters(self) -> list[str]:
        """Every quarter that has objectives, oldest first."""
        rows = self.db.execute("SELECT DISTINCT quarter FROM objective ORDER BY quarter")
        return [quarter for (quarter,) in rows]

    # -- key results ---------------------------------------------------------

    def add_key_result(self, key_result: KeyResult, guardrails: Sequence[Metric] = ()) -> KeyResult:
        """Add a key result (and its guardrail metrics) under its objective."""
        with write_transaction(self.db):
            quarter = self.get_objective(key_result.objective_id).quarter
            refuse_if_closed(self.db, quarter)
            new_id = self.insert_key_result(key_result, quarter, guardrails)
        return self.get_key_result(new_id)

    def insert_key_result(self, key_result: KeyResult, quarter: str,
                          guardrails: Sequence[Metric]) -> int:
        """Check the plan and insert, inside the caller's transaction."""
        _check_plan(self.db, key_result, quarter)
        position = self.db.execute(
            "SELECT coalesce(max(position), 0) + 1 FROM key_result WHERE objective_id = ?",
            [key_result.objective_id],
        ).fetchone()[0]
        new_id = self._insert("key_result", KEY_RESULT_COLUMNS,
                              key_result.model_copy(update={"position": position}))
        self._set_guardrails(new_id, key_result.metric_id, guardrails)
        return new_id

    def _set_guardrails(self, key_result_id: int, metric_id: int,
                        guardrails: Sequence[Metric]) -> None:
        """Replace a key result's guardrails, inside the caller's transaction."""
        self.db.execute("DELETE FROM key_result_guardrail WHERE key_result_id = ?",
                        [key_result_id])
        for metric in guardrails:
            if metric.id == metric_id:
                raise InvalidInput("a key result cannot guard its own metric", "guardrails")
            self.db.execute("INSERT OR IGNORE INTO key_result_guardrail VALUES (?, ?)",
                            [key_result_id, metric.id])

    def get_key_result(self, key_result_id: int) -> KeyResult:
        """One key result by id."""
        rows = self.repo._rows("SELECT * FROM key_result WHERE id = ?", [key_result_id])
        if not rows:
            raise NotFound(f"no key result with id {key_result_id} (see `okrtui okrs`)")
        return _key_result(rows[0])

    def key_results(self, quarter: str) -> list[KeyResult]:
        """The quarter's key results, by objective then position."""
        rows = self.repo._rows(
            "SELECT kr.* FROM key_result kr JOIN objective o ON o.id = kr.objective_id "
            "WHERE o.quarter = ? ORDER BY o.position, o.id, kr.position, kr.id",
            [quarter],
        )
        return [_key_result(r) for r in rows]

    def quarter_of(self, key_result_id: int) -> str:
        """The quarter a key result belongs to (its objective's)."""
        row = self.db.execute(
            "SELECT o.quarter FROM key_result kr JOIN objective o ON o.id = kr.objective_id "
            "WHERE kr.id = ?", [key_result_id],
        ).fetchone()
        if row is None:
            raise NotFound(f"no key result with id {key_result_id} (see `okrtui okrs`)")
        return str(row[0])

    def guardrail_ids(self, key_result_id: int) -> list[int]:
        """The metrics that guard a key result (DOMAIN rule 8)."""
        rows = self.db.execute(
            "SELECT metric_id FROM key_result_guardrail WHERE key_result_id = ? ORDER BY metric_id",
            [key_result_id],
        )
        return [metric_id for (metric_id,) in rows]

    def key_result_by_metric(self, quarter: str) -> dict[int, KeyResult]:
        """Metric id → the key result measuring it this quarter (a metric's derived role)."""
        return {kr.metric_id: kr for kr in self.key_results(quarter)}

    def key_result_measuring(self, metric_id: int, quarter: str) -> KeyResult | None:
        """The key result of the quarter measuring the metric, as `key_result_by_metric`
        gives it (the last in plan order, should an import have left two)."""
        rows = self.repo._rows(
            "SELECT kr.* FROM key_result kr JOIN objective o ON o.id = kr.objective_id "
            "WHERE o.quarter = ? AND kr.metric_id = ? "
            "ORDER BY o.position DESC, o.id DESC, kr.position DESC, kr.id DESC LIMIT 1",
            [quarter, metric_id],
        )
        return _key_result(rows[0]) if rows else None

    # -- check-ins -----------------------------------------------------------

    def check_in(
        self,
        key_result: KeyResult,
        value: float,
        *,
        today: date,
        at: date | None = None,
        confidence: int | None = None,
        comment: str = "",
        source: str = "cli",
        recorded_at: datetime | None = None,
    ) -> CheckIn:
        """Record the key result's metric and the confidence, in one transaction.

        If the metric already has this very value for that date (a KPI reading,
        a "no change" the same day), the check-in points at it rather than
        adding a correction that changes nothing.
        """
        at = check_not_future(at or today, today)
        if confidence is not None and not 0 <= confidence <= 10:
            raise InvalidInput(f"confidence {confidence} is not between 0 and 10", "confidence")
        now = recorded_at or datetime.now(UTC)
        check = CheckIn(key_result_id=key_result.id or 0, at=at, value=value,
                        confidence=confidence, comment=comment, author=self.repo.user,
                        recorded_at=now)
        reading = Reading(metric_id=key_result.metric_id, at=at, value=value, note=check.comment,
                          author=self.repo.user, source=source, recorded_at=now)  # type: ignore[arg-type]
        with write_transaction(self.db):
            quarter = self.quarter_of(key_result.id or 0)
            refuse_if_closed(self.db, quarter)
            _check_in_period(key_result, quarter, at)
            same = self.db.execute(
                "SELECT id FROM reading WHERE metric_id = ? AND at = ? AND superseded = 0 "
                "AND value = ?", [key_result.metric_id, at.isoformat(), value],
            ).fetchone()
            reading_id = same[0] if same else self.repo._insert_reading(reading)
            cursor = self.db.execute(
                "INSERT INTO check_in (key_result_id, reading_id, confidence, comment, author, "
                "recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
                [check.key_result_id, reading_id, check.confidence, check.comment, check.author,
                 now.isoformat(timespec="seconds")],
            )
        return check.model_copy(update={"id": cursor.lastrowid, "reading_id": reading_id})

    def check_ins(self, key_result_id: int, corrected: bool = False) -> list[CheckIn]:
        """A key result's check-ins by date, with the value each recorded.

        A second check-in for the same day corrects the first, so only the last
        of a day counts, unless `corrected` asks for every row (exports).
        """
        last_of_day = (
            "" if corrected else
            "AND c.id = (SELECT max(c2.id) FROM check_in c2 JOIN reading r2 "
            "ON r2.id = c2.reading_id WHERE c2.key_result_id = c.key_result_id "
            "AND r2.at = r.at) "
        )
        rows = self.repo._rows(
            "SELECT c.id, c.key_result_id, c.reading_id, r.at, r.value, c.confidence, "
            "c.comment, c.author, c.recorded_at FROM check_in c "
            "JOIN reading r ON r.id = c.reading_id WHERE c.key_result_id = ? "
            + last_of_day + ("ORDER BY c.id" if corrected else "ORDER BY r.at, c.id"),
            [key_result_id],
        )
        out = []
        for row in rows:
            row["at"] = date.fromisoformat(row["at"])
            row["recorded_at"] = datetime.fromisoformat(row["recorded_at"])
            row["comment"] = clean_text(row["comment"])
            row["author"] = clean_line(row["author"])
            out.append(CheckIn.model_construct(**row))
        return out


    # -- edits ---------------------------------------------------------------

    def _update(self, table: str, columns: tuple[str, ...], model: Any, label: str) -> None:
        """Save an edited row unless someone changed it since it was loaded."""
        values = [_value(c, getattr(model, c)) for c in columns]
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        cursor = self.db.execute(
            f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in columns)}, "
            "version = version + 1, updated_at = ?, updated_by = ? WHERE id = ? AND version = ?",
            [*values, stamp, self.repo.user, model.id, model.version],
        )
        if cursor.rowcount == 0:
            row = self.repo._rows(f"SELECT * FROM {table} WHERE id = ?", [model.id])
            if not row:
                raise NotFound(f"{label} no longer exists")
            raise conflict(label, {c: row[0][c] for c in columns},
                           dict(zip(columns, values, strict=True)),
                           who=clean_line(row[0]["updated_by"]) or "someone else")

    def update_objective(self, objective: Objective) -> Objective:
        """Save an edited objective (title, why, owner)."""
        with write_transaction(self.db):
            refuse_if_closed(self.db, objective.quarter)
            self._update("objective", OBJECTIVE_COLUMNS, objective,
                         f"objective {objective.id}")
        return self.get_objective(objective.id or 0)

    def update_key_result(self, key_result: KeyResult, guardrails: list[Metric]) -> KeyResult:
        """Save an edited key result and replace its guardrails."""
        with write_transaction(self.db):
            quarter = self.quarter_of(key_result.id or 0)
            refuse_if_closed(self.db, quarter)
            self.write_key_result_edit(key_result, quarter, guardrails)
        return self.get_key_result(key_result.id or 0)

    def write_key_result_edit(self, key_result: KeyResult, quarter: str,
                              guardrails: Sequence[Metric]) -> None:
        """Check the plan, save the edit (version-checked), replace the guardrails;
        inside the caller's transaction."""
        _check_plan(self.db, key_result, quarter)
        self._update("key_result", KEY_RESULT_COLUMNS, key_result,
                     f"key result {key_result.id}")
        self._set_guardrails(key_result.id or 0, key_result.metric_id, guardrails)

    # -- views ---------------------------------------------------------------

    def key_result_view(self, key_result_id: int, today: date) -> KeyResultView:
        """One key result as `quarter_views` shows it, reading only its own data."""
        return self.view_of(self.get_key_result(key_result_id), today)

    def view_of(self, kr: KeyResult, today: date) -> KeyResultView:
        """A key result's view today: its metric's latest value, check-ins, guardrails."""
        from okrtui.core.kpi import kpi_health
        from okrtui.core.okr import key_result_view

        repo = self.repo
        latest = repo.current_points(kr.metric_id, today, limit=1)
        guards = [kpi_health(repo.get_metric_by_id(m), repo.current_points(m, today, 2), today)
                  for m in self.guardrail_ids(kr.id or 0)]
        return key_result_view(kr, repo.get_metric_by_id(kr.metric_id),
                               self.check_ins(kr.id or 0),
                               latest[-1].value if latest else None, today, guards)

    # -- planning from what a person typed (`store.okr_planning`) ----------------

    def add_planned_key_result(self, objective_id: int, draft: KeyResultDraft, *,
                               today: date, create_metric: bool = False) -> KeyResult:
        """Add a key result as typed: its metric (created unwatched with
        `create_metric`), defaults, guardrails and plan checks, in one transaction."""
        from okrtui.store.okr_planning import KeyResultPlanning

        return KeyResultPlanning(self).add(objective_id, draft, today=today,
                                           create_metric=create_metric)

    def edit_planned_key_result(self, existing: KeyResult, draft: KeyResultDraft, *,
                                today: date) -> KeyResult:
        """Save an edited key result as typed, unless someone changed it meanwhile."""
        from okrtui.store.okr_planning import KeyResultPlanning

        return KeyResultPlanning(self).edit(existing, draft, today=today)

    def add_key_result_under(self, quarter: str, objective_title: str, draft: KeyResultDraft,
                             *, today: date, objective_owner: str = "") -> KeyResult:
        """Add a key result under the quarter's objective of that title (made if there is
        none), all in one transaction: a refusal leaves no new objective behind."""
        from okrtui.store.okr_planning import KeyResultPlanning

        return KeyResultPlanning(self).add_under(quarter, objective_title, draft, today=today,
                                                 objective_owner=objective_owner)


def quarter_views(repo: Repository, quarter: str, today: date) -> list[tuple[Objective, list]]:
    """Each objective of the quarter with the views of its key results (`core.okr`)."""
    results = repo.okrs.key_results(quarter)
    return [(objective, [repo.okrs.view_of(kr, today) for kr in results
                         if kr.objective_id == objective.id])
            for objective in repo.okrs.objectives(quarter)]
