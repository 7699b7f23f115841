"""The OKR half of a JSON export: objectives, key results, check-ins, closed quarters.

Things refer to each other by what people see, never by ids: a key result's
metric and guardrails by name, an objective's parent by quarter and title, a
carried key result by quarter, objective title and statement. An import
matches objectives by quarter and title, key results by objective and
statement, check-ins by key result, time, author, day and value: the same
file twice adds nothing, and what is already in the database is left as it is.
A correction names the check-in it `corrects` by that one's `recorded_at` (the
same author's, on the same key result). Confidences are read on one scale for
the whole file (`core.parse.confidence_scale`: 0–10, fractions or percentages),
and the day of each check-in follows `core.okr.check_in_refusal`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from okrtui.core.cycles import Calendar
from okrtui.core.errors import InvalidInput
from okrtui.core.models import CheckIn, KeyResult, Objective
from okrtui.core.okr import check_in_refusal
from okrtui.core.parse import ConfidenceScale, confidence_scale, read_confidence
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
    # For each check-in (or none at all): when the one it corrects was recorded.
    corrects: tuple[datetime | None, ...] = ()


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
    confidence_scale: ConfidenceScale = "0-10"  # how the file's confidences were read


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
    # In the order they were recorded, so that a correction follows what it corrects.
    check_ins = sorted(repo.okrs.check_ins(kr.id or 0), key=lambda c: c.id or 0)
    recorded = {c.id: c.recorded_at for c in check_ins}
    entry["check_ins"] = [
        {**{f: _plain(getattr(c, f)) for f in CHECK_IN_FIELDS},
         "corrects": _plain(recorded.get(c.corrects)) if c.corrects is not None else None}
        for c in check_ins
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
    raw_objectives = _list(document.get("objectives"), "objectives", problems)
    scale = confidence_scale(_raw_confidences(raw_objectives))
    for index, raw in enumerate(raw_objectives):
        where = f"objectives[{index}]"
        try:
            objective = _objective(raw, where, metric_names, _Reading(today, scale), problems)
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
    return OkrPlan(objectives=tuple(objectives), closed=tuple(closed),
                   confidence_scale=scale)


@dataclass(frozen=True)
class _Reading:
    """How this file's check-ins are read: today, and the scale of its confidences."""

    today: date
    scale: ConfidenceScale


def _raw_confidences(objectives: list[Any]) -> list[Any]:
    """Every check-in's confidence as the file has it, for `confidence_scale`."""
    return [check.get("confidence")
            for objective in objectives if isinstance(objective, dict)
            for kr in objective.get("key_results") or [] if isinstance(kr, dict)
            for check in kr.get("check_ins") or [] if isinstance(check, dict)]


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
    raw: Any, where: str, metric_names: set[str], how: _Reading, problems: list[str]
) -> IncomingObjective:
    objective = _validated(Objective, _fields(raw, OBJECTIVE_FIELDS))
    parent = _ref(raw.get("parent"), ("quarter", "title"), "parent")
    krs = []
    for index, item in enumerate(_list(raw.get("key_results"), f"{where}.key_results",
                                       problems)):
        place = f"{where}.key_results[{index}]"
        try:
            krs.append(_key_result(item, place, metric_names, how, problems))
        except InvalidInput as error:
            problems.append(f"{place}: {error}")
    return IncomingObjective(objective, parent, tuple(krs))  # type: ignore[arg-type]


def _key_result(
    raw: Any, where: str, metric_names: set[str], how: _Reading, problems: list[str]
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
    check_ins, corrects = [], []
    for index, item in enumerate(_list(raw.get("check_ins"), f"{where}.check_ins", problems)):
        try:
            check, corrected = _check_in(item, kr, how)
        except InvalidInput as error:
            problems.append(f"{where}.check_ins[{index}]: {error}")
            continue
        check_ins.append(check)
        corrects.append(corrected)
    return IncomingKeyResult(kr, metric, tuple(guardrails), carried,  # type: ignore[arg-type]
                             tuple(check_ins), tuple(corrects))


def _check_in(raw: Any, key_result: KeyResult,
              how: _Reading) -> tuple[CheckIn, datetime | None]:
    """A check-in of the file, and when the one it corrects was recorded (if it does)."""
    data = _fields(raw, CHECK_IN_FIELDS)
    data["confidence"] = _confidence(data.get("confidence"), how.scale)
    check: CheckIn = _validated(CheckIn, {**data, "key_result_id": 0})
    refusal = check_in_refusal(key_result, check.at, how.today)
    if refusal is not None:
        raise InvalidInput(refusal)
    if check.recorded_at is None:
        raise InvalidInput("recorded_at is missing (it tells check-ins apart)")
    if check.value is None and check.confidence is None:
        raise InvalidInput("a check-in needs a value, a confidence, or both")
    corrects = raw.get("corrects")
    try:
        corrected = None if corrects is None else _utc(datetime.fromisoformat(str(corrects)))
    except ValueError:
        raise InvalidInput(f"corrects {corrects!r} is not the time of a check-in") from None
    return check.model_copy(update={"recorded_at": _utc(check.recorded_at)}), corrected


def _confidence(raw: Any, scale: ConfidenceScale) -> int | None:
    """A confidence cell read on the file's scale (a number or a text such as "40%")."""
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise InvalidInput(f"confidence {raw!r} is not a number")
    text = raw if isinstance(raw, str) else repr(raw)
    try:
        read = read_confidence(text, "confidence", scale)
    except InvalidInput as error:
        raise InvalidInput(f"confidence: {error}", "confidence") from None
    return None if read is None else read.value


def _closed_quarter(raw: Any) -> QuarterState:
    data = _fields(raw, ("quarter", "closed_at", "closed_by"))
    state: QuarterState = _validated(QuarterState, data)
    quarter = state.quarter.strip()  # placed by name: the importer checks the cycle
    return state.model_copy(update={"quarter": quarter, "closed_at": _utc(state.closed_at)})


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
