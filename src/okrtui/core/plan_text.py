"""A cycle's plan as Markdown: written for an editor, read back line by line.

```
## Grow activation {#o3}
owner: maria
> Activation is the gap the KPIs show.

- Lift activation from 32% to 40% {#kr12}
  metric: Activation
  baseline: 32
  target: 40
  due: 2026-12-31
  owner: li
  guardrail: Churn
```

A heading (`##` or deeper) is an objective, a bullet a key result; the
`{#o3}` / `{#kr12}` at a line's end is the item's identity, so an edited line
is an edit (a line without one is new). Fields are `name: value` lines, an
objective's right under its heading, a key result's indented under its
bullet; an objective's why is its `>` lines. A handbook page reads too: its
`#` title and prose are ignored (prose before an objective's first bullet is
its why), and a bullet saying "from 25% to 35%" gives its baseline and target.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from okrtui.core.errors import InvalidInput
from okrtui.core.okr import KeyResultDraft
from okrtui.core.parse import parse_number
from okrtui.core.plan_model import (
    KeyResultLines,
    LineError,
    ObjectiveLines,
    PlanDraft,
    PlannedKeyResult,
    PlannedObjective,
    PlanRefused,
)

# -- writing ---------------------------------------------------------------------------


def number_text(value: float) -> str:
    """A number as typed back: 32 rather than 32.0, every digit kept."""
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def render_plan(cycle: str, plan: Sequence[PlannedObjective]) -> str:
    """The cycle's plan as Markdown that `parse_plan` reads back as the same plan."""
    lines = [f"# {cycle}", "",
             "<!-- One objective per `##` heading, one key result per `-` bullet. Edit, add",
             "     or delete lines; {#o1} / {#kr1} keep an item's identity (new lines have",
             "     none). Fields: metric, baseline, target, due, owner, guardrail. -->"]
    for planned in plan:
        objective = planned.objective
        lines += ["", f"## {objective.title} {{#o{objective.id}}}"]
        lines += [f"{name}: {value}" for name, value in
                  (("owner", objective.owner), ("team", objective.team)) if value]
        lines += [f"> {row}".rstrip() for row in objective.why.strip("\n").split("\n")
                  if objective.why.strip()]
        for kr in planned.key_results:
            lines += ["", *_key_result_lines(kr)]
    return "\n".join(lines) + "\n"


def _key_result_lines(planned: PlannedKeyResult) -> list[str]:
    kr = planned.key_result
    fields = [("metric", planned.metric), ("baseline", number_text(kr.baseline)),
              ("target", number_text(kr.target)), ("due", kr.due.isoformat()),
              ("owner", kr.owner), *(("guardrail", g) for g in planned.guardrails)]
    return [f"- {kr.statement} {{#kr{kr.id}}}",
            *(f"  {name}: {value}" for name, value in fields if value)]


# -- reading -----------------------------------------------------------------------------

_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_BULLET = re.compile(r"^(?:[-*+]|\d+[.)])\s+(.*)$")
_FIELD = re.compile(r"^([A-Za-z]+):(?:\s(.*))?$")
_ID = re.compile(r"\s*\{#(o|kr)(\d{1,12})\}\s*$", re.IGNORECASE)
_FROM_TO = re.compile(r"\bfrom\s+([-+]?[\d.,_]+)\s*%?\s+to\s+([-+]?[\d.,_]+)", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
OBJECTIVE_FIELDS = ("owner", "team", "why")
KEY_RESULT_FIELDS = ("metric", "baseline", "target", "due", "owner", "guardrail")


@dataclass
class _Objective:
    line: int
    id: int | None
    title: str
    fields: dict[str, str] = field(default_factory=dict)
    why: list[str] = field(default_factory=list)
    key_results: list[_KeyResult] = field(default_factory=list)


@dataclass
class _KeyResult:
    line: int
    id: int | None
    statement: str
    fields: dict[str, str] = field(default_factory=dict)
    guardrails: list[str] = field(default_factory=list)


def parse_plan(text: str) -> PlanDraft:
    """The plan a Markdown text gives; raises `PlanRefused` naming each bad line."""
    rows = _without_comments(text).split("\n")
    errors: list[LineError] = []
    ignored: list[int] = []
    objectives: list[_Objective] = []
    kr: _KeyResult | None = None
    for number, raw in enumerate(rows, start=1):
        row = raw.rstrip()
        if not row.strip():
            continue
        current = objectives[-1] if objectives else None
        if heading := _HEADING.match(row):
            kr = None
            if len(heading.group(1)) == 1:
                ignored.append(number)  # the page's title
                continue
            title, item_id = _identity(heading.group(2), "o", number, errors)
            objectives.append(_Objective(number, item_id, title))
        elif bullet := _BULLET.match(row):
            kr = None
            if current is None:
                errors.append(LineError(number, "a key result needs an objective above "
                                        "it: add a `## Objective` heading"))
                continue
            statement, item_id = _identity(bullet.group(1), "kr", number, errors)
            kr = _KeyResult(number, item_id, statement)
            current.key_results.append(kr)
        elif kr is not None and raw[:1].isspace():
            _key_result_field(kr, row.strip(), number, errors, ignored)
        elif current is not None and not current.key_results:
            _objective_line(current, row, number, errors)
        else:
            ignored.append(number)
    drafts = [_objective_lines(o, errors) for o in objectives]
    if errors:
        raise PlanRefused(sorted(errors, key=lambda e: e.line))
    return PlanDraft(tuple(drafts), tuple(ignored))


def _without_comments(text: str) -> str:
    """HTML comments blanked, their lines kept so that numbers stay right."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)


def _identity(text: str, kind: str, number: int, errors: list[LineError]) -> tuple[str, int | None]:
    found = _ID.search(text)
    item_id = None
    if found:
        if found.group(1).lower() != kind:
            errors.append(LineError(number, f"{{#{found.group(1)}{found.group(2)}}} is "
                                    f"not a{'n objective' if kind == 'o' else ' key result'}'s "
                                    "identity"))
        item_id = int(found.group(2))
        text = text[:found.start()]
    text = text.strip()
    if not text:
        errors.append(LineError(number, "the title is empty"))
    return text, item_id


def _objective_line(objective: _Objective, row: str, number: int,
                    errors: list[LineError]) -> None:
    """A field, a `>` line of its why, or prose (kept as its why, as a handbook has it)."""
    if row.startswith(">"):
        objective.why.append(row[2:] if row.startswith("> ") else row[1:])
        return
    found = _FIELD.match(row)
    if found and found.group(1).lower() in OBJECTIVE_FIELDS:
        name = found.group(1).lower()
        if name in objective.fields:
            errors.append(LineError(number, f"{name} is given twice"))
        objective.fields[name] = (found.group(2) or "").strip()
        return
    objective.why.append(row)


def _key_result_field(kr: _KeyResult, row: str, number: int, errors: list[LineError],
                      ignored: list[int]) -> None:
    found = _FIELD.match(row)
    if not found:
        ignored.append(number)  # a sub-bullet or a note under the key result
        return
    name, value = found.group(1).lower(), (found.group(2) or "").strip()
    if name not in KEY_RESULT_FIELDS:
        errors.append(LineError(number, f"{found.group(1)!r} is not a key result's field "
                                f"(fields: {', '.join(KEY_RESULT_FIELDS)})"))
    elif name == "guardrail":
        kr.guardrails.append(value)
    elif name in kr.fields:
        errors.append(LineError(number, f"{name} is given twice"))
    else:
        kr.fields[name] = value
        kr.fields[f"{name}@"] = str(number)


def _objective_lines(o: _Objective, errors: list[LineError]) -> ObjectiveLines:
    why = "\n".join(o.why).strip("\n") if o.why else o.fields.get("why", "")
    return ObjectiveLines(
        line=o.line, id=o.id, title=o.title, owner=o.fields.get("owner", ""),
        team=o.fields.get("team", ""), why=why,
        key_results=tuple(_key_result_lines_of(kr, errors) for kr in o.key_results))


def _key_result_lines_of(kr: _KeyResult, errors: list[LineError]) -> KeyResultLines:
    def where(name: str) -> int:
        return int(kr.fields.get(f"{name}@", kr.line))

    numbers: dict[str, float | None] = {"baseline": None, "target": None}
    inferred = _FROM_TO.search(kr.statement)
    for index, name in enumerate(("baseline", "target")):
        text = kr.fields.get(name) or (inferred.group(index + 1) if inferred else "")
        if text:
            try:
                numbers[name] = parse_number(text, name)
            except InvalidInput as error:
                errors.append(LineError(where(name), f"{name}: {error}"))
    due = None
    if kr.fields.get("due"):
        try:
            due = date.fromisoformat(kr.fields["due"])
        except ValueError:
            errors.append(LineError(where("due"), f"due: {kr.fields['due']!r} is not a "
                                    "date (YYYY-MM-DD)"))
    if not kr.fields.get("metric"):
        errors.append(LineError(kr.line, "which metric does it move? add a line "
                                "`  metric: NAME` under it"))
    if numbers["target"] is None and "target" not in kr.fields:
        errors.append(LineError(kr.line, "a key result needs a target: add a line "
                                "`  target: NUMBER` under it"))
    draft = KeyResultDraft(statement=kr.statement, metric=kr.fields.get("metric", ""),
                           target=numbers["target"], baseline=numbers["baseline"], due=due,
                           owner=kr.fields.get("owner", ""),
                           guardrails=tuple(g for g in kr.guardrails if g))
    return KeyResultLines(line=kr.line, id=kr.id, draft=draft)
