"""The OKR half of a JSON export: objectives, key results, check-ins, closed quarters.

Things refer to each other by what people see, never by ids: a key result's
metric and guardrails by name, an objective's parent by quarter and title, a
carried key result by quarter, objective title and statement. An import
matches objectives by quarter and title, key results by objective and
statement, check-ins by key result, time, author, day and value: the same
file twice adds nothing, and what is already in the database is left as it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from okrtui.core.cycles import Calendar
from okrtui.core.errors import InvalidInput
from okrtui.core.models import CheckIn, KeyResult, Objective
from okrtui.core.parse import check_not_future
from okrtui.core.scoring import validate_score
from okrtui.core.text import name_key
from okrtui.store.closing import QuarterState
from okrtui.store.exchange_common import first_error, json_list

if TYPE_CHECKING:
    from okrtui.store.repository import Repository

OBJECTIVE_FIELDS = ("quarter", "title", "why", "owner", "team", "position", "reflection")
KEY_RESULT_FIELDS = ("statement", "baseline", "target", "start", "due", "owner", "position",
                     "final_score", "close_note", "next_step")
CHECK_IN_FIELDS = ("at", "value", "confidence", "comment", "author", "recorded_at")

@dataclass(frozen=True)
class IncomingKeyResult:
    """A key result from a file: ids unknown, its metric and guardrails by name."""

    key_result: KeyResult
    metric: str
    guardrails: tuple[str, ...]
    carried_from: tuple[str, str, str] | None  # quarter, objective title, statement
    check_ins: tuple[CheckIn, ...]


@dataclass(frozen=True)
class IncomingObjective:
    """An objective from a file, its parent named by (quarter, title)."""

    objective: Objective
    parent: tuple[str, str] | None
    key_results: tuple[IncomingKeyResult, ...]


@dataclass(frozen=True)
class OkrPlan:
    """Everything OKR a file holds, checked and ready to write."""

    objectives: tuple[IncomingObjective, ...] = ()
    closed: tuple[QuarterState, ...] = field(default_factory=tuple)


# -- export ----------------------------------------------------------------


def export_okrs(repo: Repository) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Every quarter's objectives (with their key results) and the closed quarters."""
    names = {m.id: m.name for m in repo.list_metrics(include_archived=True)}
    objectives = {o.id: o for q in repo.okrs.quarters() for o in repo.okrs.objectives(q)}
    key_results = {kr.id: kr for q in repo.okrs.quarters() for kr in repo.okrs.key_results(q)}
    out = []
    for objective in objectives.values():
        parent = objectives.get(objective.parent_id)
        entry: dict[str, Any] = {f: getattr(objective, f) for f in OBJECTIVE_FIELDS}
        entry["parent"] = None if parent is None else {"quarter": parent.quarter,
                                                       "title": parent.title}
        entry["key_results"] = [
            _export_key_result(repo, kr, names, objectives, key_results)
            for kr in key_results.values() if kr.objective_id == objective.id
        ]
        out.append(entry)
    closed = [{"quarter": s.quarter, "closed_at": s.closed_at.isoformat(),
               "closed_by": s.closed_by} for s in repo.closing.closed_quarters()]
    return out, closed


def _export_key_result(
    repo: Repository, kr: KeyResult, names: dict[int | None, str],
    objectives: dict[int | None, Objective], key_results: dict[int | None, KeyResult],
) -> dict[str, Any]:
    entry: dict[str, Any] = {f: _plain(getattr(kr, f)) for f in KEY_RESULT_FIELDS}
    entry["metric"] = names[kr.metric_id]
    entry["guardrails"] = sorted(names[m] for m in repo.okrs.guardrail_ids(kr.id or 0))
    origin = key_results.get(kr.carried_from)
    entry["carried_from"] = None if origin is None else {
        "quarter": objectives[origin.objective_id].quarter,
        "objective": objectives[origin.objective_id].title, "statement": origin.statement,
    }
    entry["check_ins"] = [
        {f: _plain(getattr(c, f)) for f in CHECK_IN_FIELDS}
        for c in repo.okrs.check_ins(kr.id or 0, corrected=True)
    ]
    return entry


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


# -- parse -----------------------------------------------------------------


def parse_okrs(
    document: dict[str, Any], metric_names: set[str], today: date, problems: list[str],
    known: Calendar | None = None,
) -> OkrPlan:
    """The file's OKRs, checked whole; each problem is added to `problems` with its place.

    `metric_names` are the metric names (as `name_key` gives them) the file
    or the database provides; a key result naming another is a problem.
    """
    objectives = []
    known = known or Calendar()
    for index, raw in enumerate(_list(document.get("objectives"), "objectives", problems)):
        where = f"objectives[{index}]"
        try:
            objective = _objective(raw, where, metric_names, today, problems)
            cycle = known.find(objective.objective.quarter)
            if cycle is None:
                try:
                    known.parse(objective.objective.quarter)
                except InvalidInput as error:
                    raise InvalidInput(f"quarter: {error}") from None
            elif cycle.name != objective.objective.quarter:
                objective = replace(objective, objective=objective.objective.model_copy(
                    update={"quarter": cycle.name}))
            objectives.append(objective)
        except InvalidInput as error:
            problems.append(f"{where}: {error}")
    closed = []
    for index, raw in enumerate(_list(document.get("closed_quarters"), "closed_quarters",
                                      problems)):
        try:
            closed.append(_closed_quarter(raw))
        except InvalidInput as error:
            problems.append(f"closed_quarters[{index}]: {error}")
    return OkrPlan(objectives=tuple(objectives), closed=tuple(closed))


def _list(value: Any, what: str, problems: list[str]) -> list[Any]:
    try:
        return json_list(value, what)
    except InvalidInput as error:
        problems.append(str(error))
        return []


def _validated(model: Any, data: dict[str, Any]) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise InvalidInput(first_error(error)) from None


def _fields(raw: Any, names: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise InvalidInput("expected an object")
    return {k: v for k, v in raw.items() if k in names}


def _ref(raw: Any, keys: tuple[str, ...], what: str) -> tuple[str, ...] | None:
    """A reference such as {"quarter": ..., "title": ...}, or None."""
    if raw is None:
        return None
    if not isinstance(raw, dict) or not all(isinstance(raw.get(k), str) for k in keys):
        raise InvalidInput(f"{what} should be an object with {', '.join(keys)}")
    return tuple(raw[k] for k in keys)


def _objective(
    raw: Any, where: str, metric_names: set[str], today: date, problems: list[str]
) -> IncomingObjective:
    objective = _validated(Objective, _fields(raw, OBJECTIVE_FIELDS))
    parent = _ref(raw.get("parent"), ("quarter", "title"), "parent")
    krs = []
    for index, item in enumerate(_list(raw.get("key_results"), f"{where}.key_results",
                                       problems)):
        place = f"{where}.key_results[{index}]"
        try:
            krs.append(_key_result(item, place, metric_names, today, problems))
        except InvalidInput as error:
            problems.append(f"{place}: {error}")
    return IncomingObjective(objective, parent, tuple(krs))  # type: ignore[arg-type]


def _key_result(
    raw: Any, where: str, metric_names: set[str], today: date, problems: list[str]
) -> IncomingKeyResult:
    data = _fields(raw, KEY_RESULT_FIELDS)
    kr = _validated(KeyResult, {**data, "objective_id": 0, "metric_id": 0})
    if kr.final_score is not None:
        validate_score(kr.final_score)
    metric, guardrails = raw.get("metric"), raw.get("guardrails") or []
    if not isinstance(guardrails, list):
        raise InvalidInput("guardrails should be a list of metric names")
    for name in (metric, *guardrails):
        if not isinstance(name, str) or name_key(name) not in metric_names:
            raise InvalidInput(f"unknown metric {name!r} (not in the file nor the database)")
    carried = _ref(raw.get("carried_from"), ("quarter", "objective", "statement"),
                   "carried_from")
    check_ins = []
    for index, item in enumerate(_list(raw.get("check_ins"), f"{where}.check_ins", problems)):
        try:
            check_ins.append(_check_in(item, today))
        except InvalidInput as error:
            problems.append(f"{where}.check_ins[{index}]: {error}")
    return IncomingKeyResult(kr, metric, tuple(guardrails), carried,  # type: ignore[arg-type]
                             tuple(check_ins))


def _check_in(raw: Any, today: date) -> CheckIn:
    check: CheckIn = _validated(CheckIn, {**_fields(raw, CHECK_IN_FIELDS), "key_result_id": 0})
    check_not_future(check.at, today)
    if check.recorded_at is None:
        raise InvalidInput("recorded_at is missing (it tells check-ins apart)")
    return check.model_copy(update={"recorded_at": _utc(check.recorded_at)})


def _closed_quarter(raw: Any) -> QuarterState:
    data = _fields(raw, ("quarter", "closed_at", "closed_by"))
    state: QuarterState = _validated(QuarterState, data)
    quarter = state.quarter.strip()  # placed by name: the importer checks the cycle
    return state.model_copy(update={"quarter": quarter, "closed_at": _utc(state.closed_at)})


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
