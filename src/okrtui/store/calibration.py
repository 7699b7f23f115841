"""Gather the graded key results of closed cycles, each with its owner and the last
confidence given before close, for `core.calibration`; and the successes of a cycle
whose metric never showed a signal (`core.noise`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from okrtui.core.calibration import GradedKeyResult
from okrtui.core.check_ins import latest_confidence
from okrtui.core.models import CheckIn
from okrtui.core.noise import success_without_signal, unsignalled_note
from okrtui.core.scoring import format_score
from okrtui.store import sql
from okrtui.store.okr_rows import check_in_from_row

if TYPE_CHECKING:
    from okrtui.store.repository import Repository

_GRADED = ("SELECT kr.id, kr.owner, o.owner AS objective_owner, o.quarter, kr.final_score "
           "FROM key_result kr JOIN objective o ON o.id = kr.objective_id "
           "JOIN quarter_state q ON q.quarter = o.quarter "
           "WHERE kr.final_score IS NOT NULL AND kr.not_graded = 0 ORDER BY o.quarter, kr.id")


_CHECK_IN = ", ".join(f"c.{c}" for c in (
    "id", "key_result_id", "reading_id", "at", "value", "confidence", "comment", "author",
    "recorded_at", "corrects", "source"))


def graded_key_results(repo: Repository) -> list[GradedKeyResult]:
    """Every graded key result of a closed cycle (n/a ones left out), in two queries;
    a key result without an owner counts as its objective's owner's."""
    rows = sql.rows(repo.db, _GRADED)
    by_kr: dict[int, list[CheckIn]] = {int(r["id"]): [] for r in rows}
    for row in sql.rows(
            repo.db, f"SELECT {_CHECK_IN} FROM check_in c "
            "JOIN key_result kr ON kr.id = c.key_result_id "
            "JOIN objective o ON o.id = kr.objective_id "
            "JOIN quarter_state q ON q.quarter = o.quarter ORDER BY c.at, c.recorded_at, c.id"):
        if int(row["key_result_id"]) in by_kr:
            by_kr[int(row["key_result_id"])].append(check_in_from_row(row))
    return [GradedKeyResult(
        key_result_id=int(r["id"]), owner=(r["owner"] or r["objective_owner"] or "").strip(),
        cycle=str(r["quarter"]), score=float(r["final_score"]),
        confidence=latest_confidence(by_kr[int(r["id"])])) for r in rows]


def unsignalled_successes(repo: Repository, cycle: str) -> list[str]:
    """A note for each key result of the cycle graded a success whose metric showed no
    signal from its start to its due date."""
    names = {m.id: m.name for m in repo.list_metrics(include_archived=True)}
    notes = []
    for kr in repo.okrs.key_results(cycle):
        if kr.not_graded or kr.final_score is None:
            continue
        chart = repo.signals.chart(kr.metric_id, kr.due)
        if success_without_signal(kr.final_score, chart, kr.start, kr.due):
            notes.append(unsignalled_note(kr.id or 0, format_score(kr.final_score),
                                          names.get(kr.metric_id, "its metric")))
    return notes
