"""The OKR half of a JSON export: objectives, key results, every check-in, closed cycles.

Each objective and key result carries its identity (`key`, see
`exchange_keys`); references (a parent, a carried key result) give the key
and the names people see. Check-ins are listed as they were recorded, each
one, with `corrects` naming the place of the check-in it corrects.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from okrtui.core.models import KeyResult, Objective
from okrtui.core.text import clean_line, clean_text
from okrtui.store import sql
from okrtui.store.exchange_check_ins import CHECK_IN_FIELDS
from okrtui.store.exchange_keys import KEY_RESULT, OBJECTIVE, database_key, row_key
from okrtui.store.exchange_okrs import KEY_RESULT_FIELDS, OBJECTIVE_FIELDS

if TYPE_CHECKING:
    from okrtui.store.repository import Repository


class _Keys:
    """The identities of the rows being exported."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    def objective(self, objective: Objective) -> str:
        return row_key(self.prefix, OBJECTIVE, objective.id or 0, objective.import_key)

    def key_result(self, kr: KeyResult) -> str:
        return row_key(self.prefix, KEY_RESULT, kr.id or 0, kr.import_key)


def export_okrs(repo: Repository) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Every cycle's objectives (with their key results) and the closed cycles."""
    keys = _Keys(database_key(repo.db))
    names = {m.id: m.name for m in repo.list_metrics(include_archived=True)}
    objectives = {o.id: o for q in repo.okrs.quarters() for o in repo.okrs.objectives(q)}
    key_results = {kr.id: kr for q in repo.okrs.quarters() for kr in repo.okrs.key_results(q)}
    out = []
    for objective in objectives.values():
        parent = objectives.get(objective.parent_id)
        entry: dict[str, Any] = {"key": keys.objective(objective)}
        entry |= {f: getattr(objective, f) for f in OBJECTIVE_FIELDS}
        entry["parent"] = None if parent is None else {
            "key": keys.objective(parent), "quarter": parent.quarter, "title": parent.title}
        entry["key_results"] = [
            _export_key_result(repo, kr, names, objectives, key_results, keys)
            for kr in key_results.values() if kr.objective_id == objective.id
        ]
        out.append(entry)
    closed = [{"quarter": s.quarter, "closed_at": s.closed_at.isoformat(),
               "closed_by": s.closed_by} for s in repo.closing.closed_quarters()]
    return out, closed


def _export_key_result(
    repo: Repository, kr: KeyResult, names: dict[int | None, str],
    objectives: dict[int | None, Objective], key_results: dict[int | None, KeyResult],
    keys: _Keys,
) -> dict[str, Any]:
    entry: dict[str, Any] = {"key": keys.key_result(kr)}
    entry |= {f: _plain(getattr(kr, f)) for f in KEY_RESULT_FIELDS}
    entry["metric"] = names[kr.metric_id]
    entry["guardrails"] = sorted(names[m] for m in repo.okrs.guardrail_ids(kr.id or 0))
    origin = key_results.get(kr.carried_from)
    entry["carried_from"] = None if origin is None else {
        "key": keys.key_result(origin),
        "quarter": objectives[origin.objective_id].quarter,
        "objective": objectives[origin.objective_id].title, "statement": origin.statement,
    }
    entry["frozen"] = _frozen(sql.value(repo.db, "SELECT frozen FROM key_result WHERE id = ?",
                                        [kr.id]))
    entry["check_ins"] = check_ins_out(repo, kr.id or 0)
    return entry


def check_ins_out(repo: Repository, key_result_id: int) -> list[dict[str, Any]]:
    """Every check-in of a key result as recorded, in order, corrections included."""
    rows = sql.rows(repo.db, "SELECT * FROM check_in WHERE key_result_id = ? ORDER BY id",
                    [key_result_id])
    place = {row["id"]: index for index, row in enumerate(rows)}
    out = []
    for row in rows:
        entry = {f: row[f] for f in CHECK_IN_FIELDS}
        entry["comment"], entry["author"] = clean_text(row["comment"]), clean_line(row["author"])
        entry["recorded_at"] = datetime.fromisoformat(row["recorded_at"]).isoformat()
        entry["corrects"] = place.get(row["corrects"])
        out.append(entry)
    return out


def _frozen(text: str | None) -> Any:
    """The frozen numbers as an object when they are JSON (they are), else as kept."""
    if text is None:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return text
    return value if isinstance(value, dict) else text


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value
