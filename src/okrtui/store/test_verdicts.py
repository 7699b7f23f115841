"""What each next test's KPI has shown since the test began (core.next_test_target),
gathered for the review's dialog, the note and `okrtui journal tests`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from okrtui.core.models import NextTest
from okrtui.core.next_test_target import Judgement, judge
from okrtui.store import sql

if TYPE_CHECKING:
    from okrtui.store.repository import Repository


def verdicts(repo: Repository, tests: Iterable[NextTest], today: date) -> dict[int, Judgement]:
    """By test id, the verdict of each test that names a KPI (one chart per KPI)."""
    out: dict[int, Judgement] = {}
    for test in tests:
        if test.metric_id is None or test.direction == "" or test.id is None:
            continue
        metric = repo.metrics.find_metric(test.metric_id)
        if metric is None:
            continue
        days = [date.fromisoformat(d) for d in sql.column(
            repo.context.db, "SELECT at FROM reading WHERE metric_id = ? AND superseded = 0 "
            "AND at >= ? AND at <= ?", [test.metric_id, test.week.isoformat(),
                                        today.isoformat()])]
        out[test.id] = judge(metric.name, test.direction, test.week,
                             repo.signals.chart(test.metric_id, today), days)
    return out
