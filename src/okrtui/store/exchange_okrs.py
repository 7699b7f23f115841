"""The OKRs an import brings, as one plan (`OkrPlan`), and reading them from JSON.

Both okrtui's JSON (`parse_okrs`, here) and an OKR spreadsheet
(`okr_sheet.parse_okr_sheet`) become an `OkrPlan`, and `okr_import.OkrImport`
writes it: one path, one set of rules. Things are found by their identity in
the file (`key`), never by their title: two teams' "Hire" objectives stay two.
Files from okrtui before version 4 have no keys; their objectives are told
apart by quarter, title and place among same-titled ones. Metrics and
guardrails are named; check-ins are matched by key result, time, author, day
and value, so the same file twice adds nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from okrtui.core.cycles import Calendar
from okrtui.core.errors import InvalidInput
from okrtui.core.models import KeyResult, Metric, Objective
from okrtui.core.parse import confidence_scale, scale_note
from okrtui.core.scoring import validate_score
from okrtui.core.text import clean_line, name_key
from okrtui.store.closing import QuarterState
from okrtui.store.exchange_check_ins import (
    IncomingCheckIn,
    Reading,
    fields,
    parse_check_in,
    raw_confidences,
    utc,
    validated,
)
from okrtui.store.exchange_common import json_list

OBJECTIVE_FIELDS = ("quarter", "title", "why", "owner", "team", "position", "reflection",
                    "official_score")
KEY_RESULT_FIELDS = ("statement", "baseline", "target", "start", "due", "owner", "position",
                     "final_score", "close_note", "next_step", "not_graded", "official_score")
KEY_MAX = 500


@dataclass(frozen=True)
class Ref:
    """How a file points at an objective or key result: its key, else the names people see
    ((quarter, title) for an objective, (quarter, objective, statement) for a key result)."""

    key: str | None
    names: tuple[str, ...] | None


@dataclass(frozen=True)
class IncomingKeyResult:
    """A key result from a file: ids unknown, its metric and guardrails by name; its
    identity in `key_result.import_key` (None: an older file's)."""

    key_result: KeyResult
    metric: str
    guardrails: tuple[str, ...] = ()
    carried_from: Ref | None = None
    check_ins: tuple[IncomingCheckIn, ...] = ()
    frozen: str | None = None  # the numbers its close froze, as the database keeps them
    where: str = ""
    new_metric: Metric | None = None  # to make with it (a spreadsheet's); else `metric` is
    from_statement: bool = False  # that metric is named from the statement
    assumed: tuple[str, ...] = ()  # what the file left out and the import chose


@dataclass(frozen=True)
class IncomingObjective:
    """An objective from a file; its identity in `objective.import_key`."""

    objective: Objective
    parent: Ref | None
    key_results: tuple[IncomingKeyResult, ...]
    where: str = ""


@dataclass(frozen=True)
class Skipped:
    """Something a file holds that the import left out, where it was and why."""

    what: str  # "check-in", "key result", "objective"
    where: str  # "line 88"
    why: str  # "no date"


@dataclass(frozen=True)
class OkrPlan:
    """Everything OKR a file holds, checked and ready to write."""

    objectives: tuple[IncomingObjective, ...] = ()
    closed: tuple[QuarterState, ...] = field(default_factory=tuple)
    skipped: tuple[Skipped, ...] = ()
    notes: tuple[str, ...] = ()  # what reading the file assumed, for its summary


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
    scale = confidence_scale(raw_confidences(raw_objectives))
    how = Reading(today, scale)
    for index, raw in enumerate(raw_objectives):
        where = f"objectives[{index}]"
        try:
            objective = _objective(raw, where, metric_names, how, problems)
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
    problems += duplicate_keys(objectives)
    closed = []
    for index, raw in enumerate(_list(document.get("closed_quarters"), "closed_quarters",
                                      problems)):
        try:
            state = _closed_quarter(raw)
            cycle = known.find(state.quarter)
            if cycle is None:
                try:
                    known.parse(state.quarter)
                except InvalidInput as error:
                    raise InvalidInput(f"quarter: {error}") from None
            closed.append(state if cycle is None else state.model_copy(
                update={"quarter": cycle.name}))
        except InvalidInput as error:
            problems.append(f"closed_quarters[{index}]: {error}")
    notes = tuple(n for n in (scale_note(scale),) if n)
    return OkrPlan(objectives=tuple(objectives), closed=tuple(closed), notes=notes)


def duplicate_keys(objectives: list[IncomingObjective]) -> list[str]:
    """A key names one objective or key result: a second use of it is a problem."""
    seen: dict[str, str] = {}
    problems = []
    items = [(o.objective.import_key, o.where) for o in objectives] + [
        (kr.key_result.import_key, kr.where) for o in objectives for kr in o.key_results]
    for key, where in items:
        if key is None:
            continue
        if key in seen:
            problems.append(f"{where}: its key {key!r} is already {seen[key]}'s")
        seen.setdefault(key, where)
    return problems


def _list(value: Any, what: str, problems: list[str]) -> list[Any]:
    try:
        return json_list(value, what)
    except InvalidInput as error:
        problems.append(str(error))
        return []


def _key(raw: dict[str, Any]) -> str | None:
    """An identity from a file: a line of text, or absent (older files)."""
    key = raw.get("key")
    if key is None:
        return None
    if not isinstance(key, str) or not clean_line(key).strip() or len(key) > KEY_MAX:
        raise InvalidInput(f'"key" should be a text of 1 to {KEY_MAX} characters')
    return clean_line(key).strip()


def _ref(raw: Any, names: tuple[str, ...], what: str) -> Ref | None:
    """A reference such as {"key": ..., "quarter": ..., "title": ...}, or None."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise InvalidInput(f"{what} should be an object with a key or {', '.join(names)}")
    key = _key(raw)
    named = all(isinstance(raw.get(k), str) for k in names)
    if key is None and not named:
        raise InvalidInput(f"{what} should be an object with a key or {', '.join(names)}")
    return Ref(key, tuple(raw[k] for k in names) if named else None)


def _objective(
    raw: Any, where: str, metric_names: set[str], how: Reading, problems: list[str]
) -> IncomingObjective:
    data = {**fields(raw, OBJECTIVE_FIELDS), "import_key": _key(raw)}
    objective = validated(Objective, data)
    parent = _ref(raw.get("parent"), ("quarter", "title"), "parent")
    krs = []
    for index, item in enumerate(_list(raw.get("key_results"), f"{where}.key_results",
                                       problems)):
        place = f"{where}.key_results[{index}]"
        try:
            krs.append(_key_result(item, place, metric_names, how, problems))
        except InvalidInput as error:
            problems.append(f"{place}: {error}")
    return IncomingObjective(objective, parent, tuple(krs), where)


def _key_result(
    raw: Any, where: str, metric_names: set[str], how: Reading, problems: list[str]
) -> IncomingKeyResult:
    data = fields(raw, KEY_RESULT_FIELDS)
    kr: KeyResult = validated(KeyResult, {**data, "objective_id": 0, "metric_id": 0,
                                           "import_key": _key(raw)})
    for score in (kr.final_score, kr.official_score):
        if score is not None:
            validate_score(score)
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
        place = f"{where}.check_ins[{index}]"
        try:
            check_ins.append(parse_check_in(item, index, kr, how, place))
        except InvalidInput as error:
            problems.append(f"{place}: {error}")
    return IncomingKeyResult(kr, metric, tuple(guardrails), carried,
                             tuple(check_ins), _frozen(raw.get("frozen")), where)


def _frozen(raw: Any) -> str | None:
    """The numbers a close froze: kept as the database keeps them (JSON text)."""
    if raw is None or isinstance(raw, str):
        return raw
    if isinstance(raw, dict):
        return json.dumps(raw, ensure_ascii=False)
    raise InvalidInput('"frozen" should be an object or a text')


def _closed_quarter(raw: Any) -> QuarterState:
    data = fields(raw, ("quarter", "closed_at", "closed_by"))
    state: QuarterState = validated(QuarterState, data)
    quarter = state.quarter.strip()  # placed by name: the importer checks the cycle
    return state.model_copy(update={"quarter": quarter, "closed_at": utc(state.closed_at)})
