"""Next tests: what a review said to try, and how each went at a later review.

The bullets under a review note's "What to test next" heading become the
week's next tests (`Journal.save_review`); the following reviews ask about
each until it is done or dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from okrtui.core.errors import InvalidInput, NotFound
from okrtui.core.models import NextTest, TestStatus
from okrtui.core.next_test_target import parse_target
from okrtui.core.text import clean_line, clean_text
from okrtui.store import sql
from okrtui.store.database import write_transaction
from okrtui.store.sql import StoreContext


def test_from_row(row: dict[str, Any]) -> NextTest:
    """A row as a model (validated when written; text cleaned again)."""
    return NextTest.model_construct(
        id=row["id"], text=clean_line(row["text"]), week=date.fromisoformat(row["week"]),
        entry_id=row["entry_id"], author=clean_line(row["author"]), status=row["status"],
        learnt=clean_text(row["learnt"]),
        resolved_week=row["resolved_week"] and date.fromisoformat(row["resolved_week"]),
        metric_id=row["metric_id"], direction=row["direction"])


class NextTests:
    """The next tests of every review."""

    def __init__(self, ctx: StoreContext) -> None:
        self.ctx = ctx
        self.db = ctx.db

    def _select(self, where: str, params: Sequence[Any], order: str = "week, id"
                ) -> list[NextTest]:
        return [test_from_row(r) for r in sql.rows(
            self.db, f"SELECT * FROM next_test {where} ORDER BY {order}", params)]

    def to_review(self, week: date) -> list[NextTest]:
        """Next tests set by earlier reviews and not yet done or dropped."""
        return self._select("WHERE week < ? AND status IN ('open', 'not-done')",
                            [week.isoformat()])

    def every(self) -> list[NextTest]:
        """Every next test, oldest week first (for exports)."""
        return self._select("", [])

    def set_in(self, week: date) -> list[NextTest]:
        """The next tests a week's review set."""
        return self._select("WHERE week = ?", [week.isoformat()], order="id")

    def resolved_in(self, week: date) -> list[NextTest]:
        """The next tests answered during a week's review."""
        return self._select("WHERE resolved_week = ?", [week.isoformat()])

    def resolve(self, test_id: int, status: TestStatus, learnt: str, week: date,
                target: tuple[int | None, str] | None = None) -> NextTest:
        """Say how a next test went: done, not done (it comes back) or dropped; with
        `target`, also (in the same transaction) the KPI it should move and which way."""
        if status == "open":
            raise InvalidInput("say done, not done or dropped", "status")
        with write_transaction(self.db):
            if target is not None:
                self._write_target(test_id, *target)
            changed = sql.execute(
                self.db, "UPDATE next_test SET status = ?, learnt = ?, resolved_week = ?, "
                "resolved_at = ?, resolved_by = ? WHERE id = ?",
                [status, clean_text(learnt), week.isoformat(), sql.now_utc(), self.ctx.user,
                 test_id])
            if not changed:
                raise NotFound(f"no next test with id {test_id}")
        return self._select("WHERE id = ?", [test_id])[0]

    def replace_open(self, week: date, entry_id: int, texts: Sequence[str]) -> None:
        """Inside the caller's transaction: the week's unanswered tests become `texts`,
        except those already answered this week or still tested since an earlier one."""
        day = week.isoformat()
        sql.execute(self.db, "DELETE FROM next_test WHERE week = ? AND status = 'open'", [day])
        ids = {name: i for i, name in sql.tuples(self.db, "SELECT id, name FROM metric")}
        tracked = set(sql.column(
            self.db, "SELECT text FROM next_test WHERE week = ? OR (week < ? AND status IN "
            "('open', 'not-done'))", [day, day]))
        for text in texts:
            if text not in tracked:
                # `→ Churn down` at its end: the KPI it should move, and which way.
                target = parse_target(text, ids)
                sql.insert(self.db, "next_test", {
                    "text": text, "week": day, "entry_id": entry_id, "author": self.ctx.user,
                    "metric_id": target and ids[target.metric],
                    "direction": target.direction if target else ""})

    def insert_missing(self, tests: Sequence[NextTest]) -> None:
        """Inside an import's transaction: add each test its week does not have yet
        (the KPI its text names is this database's, by name)."""
        ids = {name: i for i, name in sql.tuples(self.db, "SELECT id, name FROM metric")}
        for test in tests:
            target = parse_target(test.text, ids)
            if sql.exists(self.db, "SELECT 1 FROM next_test WHERE week = ? AND text = ?",
                          [test.week.isoformat(), test.text]):
                continue
            sql.insert(self.db, "next_test", {
                "text": test.text, "week": test.week.isoformat(), "author": test.author,
                "status": test.status, "learnt": test.learnt,
                "resolved_week": test.resolved_week and test.resolved_week.isoformat(),
                "metric_id": target and ids[target.metric],
                "direction": target.direction if target else ""})

    def set_target(self, test_id: int, metric_id: int | None, direction: str) -> NextTest:
        """Name the KPI a next test should move and which way (None, '': none)."""
        with write_transaction(self.db):
            self._write_target(test_id, metric_id, direction)
        return self._select("WHERE id = ?", [test_id])[0]

    def _write_target(self, test_id: int, metric_id: int | None, direction: str) -> None:
        if (metric_id is None) != (direction == ""):
            raise InvalidInput("name both the KPI and the direction (up or down)", "direction")
        if direction not in ("", "up", "down"):
            raise InvalidInput(f"{direction!r} is not up or down", "direction")
        if not sql.execute(self.db, "UPDATE next_test SET metric_id = ?, direction = ? "
                           "WHERE id = ?", [metric_id, direction, test_id]):
            raise NotFound(f"no next test with id {test_id}")
