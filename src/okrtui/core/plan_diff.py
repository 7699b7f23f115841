"""What a plan's text changes in the database's plan: added, edited, removed.

Order is not a change (new items go to the end). A key result the text leaves
out is removed only while nothing keeps it: one with check-ins (or carried on,
or linked from the journal) is a record, and its removal is refused by line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from okrtui.core.okr import KeyResultDraft
from okrtui.core.plan_model import (
    KeyResultLines,
    LineError,
    ObjectiveLines,
    PlanDraft,
    PlannedKeyResult,
    PlannedObjective,
    PlanRefused,
)
from okrtui.core.plan_text import number_text
from okrtui.core.text import name_key

Kind = Literal["added", "edited", "removed"]
Item = Literal["objective", "key result"]


@dataclass(frozen=True)
class Change:
    """One change: for an objective its fields, for a key result its full draft."""

    kind: Kind
    item: Item
    id: int | None  # the database's id (None: added)
    line: int  # where the text has it (0: removed)
    title: str
    fields: tuple[tuple[str, str, str], ...] = ()  # edited: (field, was, becomes)
    objective_id: int | None = None  # a key result's objective (None: a new one)
    objective_line: int = 0  # ... found by its heading's line when it is new
    owner: str = ""
    team: str = ""
    why: str = ""
    draft: KeyResultDraft | None = None

    def describe(self) -> str:
        """One line for a person: `~ key result 12 "Lift…": target 40 → 45`."""
        mark = {"added": "+", "edited": "~", "removed": "-"}[self.kind]
        name = self.item if self.id is None else f"{self.item} {self.id}"
        text = f"{mark} {self.kind} {name} {self.title!r}"
        if self.fields:
            text += ": " + ", ".join(f"{f} {was or '(none)'} → {new or '(none)'}"
                                     for f, was, new in self.fields)
        return text + (f" (line {self.line})" if self.line else "")


@dataclass(frozen=True)
class PlanDiff:
    """Every change a text makes: removals, then additions, then edits, in the text's order."""

    cycle: str
    changes: tuple[Change, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.changes

    def count(self, kind: Kind) -> int:
        return sum(1 for c in self.changes if c.kind == kind)

    def summary(self) -> str:
        """`2 added, 1 edited, 0 removed`, or that nothing changes."""
        if self.empty:
            return f"no change to {self.cycle}'s plan"
        return ", ".join(f"{self.count(k)} {k}" for k in ("added", "edited", "removed"))


def _why(text: str) -> str:
    return "\n".join(row.rstrip() for row in text.strip("\n").split("\n")).strip()


def diff_plan(cycle: str, current: Sequence[PlannedObjective], draft: PlanDraft) -> PlanDiff:
    """The changes `draft` makes to `current`; raises `PlanRefused` for ids that are not
    the cycle's (or given twice) and for removals of what a record keeps."""
    errors: list[LineError] = []
    objectives = {p.objective.id: p for p in current}
    key_results = {k.key_result.id: k for p in current for k in p.key_results}
    _check_ids(draft, objectives, key_results, cycle, errors)
    removed, added, edited = [], [], []
    seen_o = {o.id for o in draft.objectives if o.id is not None}
    seen_kr = {k.id for o in draft.objectives for k in o.key_results if k.id is not None}
    for kr_id, planned_kr in key_results.items():
        if kr_id not in seen_kr:
            statement = planned_kr.key_result.statement
            if planned_kr.uses:
                errors.append(LineError(0, f"key result {kr_id} {statement!r} has "
                                        f"{' and '.join(planned_kr.uses)}: it is a record "
                                        "and is not removed; put its line back"))
            removed.append(Change("removed", "key result", kr_id, 0, statement))
    for o_id, planned in objectives.items():
        if o_id not in seen_o:
            if planned.uses:
                errors.append(LineError(0, f"objective {o_id} {planned.objective.title!r} "
                                        f"has {' and '.join(planned.uses)}: it is not "
                                        "removed; put its heading back"))
            removed.append(Change("removed", "objective", o_id, 0, planned.objective.title))
    for o in draft.objectives:
        existing = objectives.get(o.id)
        if existing is None:
            added.append(Change("added", "objective", None, o.line, o.title, owner=o.owner,
                                team=o.team, why=o.why))
        elif fields := _objective_fields(existing, o):
            edited.append(Change("edited", "objective", o.id, o.line, o.title, fields,
                                 owner=o.owner, team=o.team, why=o.why))
        for line in o.key_results:
            change = _key_result_change(line, key_results.get(line.id), o, existing)
            if change is not None:
                (added if change.kind == "added" else edited).append(change)
    if errors:
        raise PlanRefused(sorted(errors, key=lambda e: e.line))
    return PlanDiff(cycle, tuple(removed + added + edited))


def _check_ids(draft: PlanDraft, objectives: dict[int | None, PlannedObjective],
               key_results: dict[int | None, PlannedKeyResult], cycle: str,
               errors: list[LineError]) -> None:
    seen: set[tuple[str, int]] = set()
    for o in draft.objectives:
        items = [("o", o.id, o.line, objectives)] + [
            ("kr", k.id, k.line, key_results) for k in o.key_results]
        for kind, item_id, line, known in items:
            if item_id is None:
                continue
            name = "objective" if kind == "o" else "key result"
            if item_id not in known:
                errors.append(LineError(line, f"{{#{kind}{item_id}}}: {cycle} has no {name} "
                                        f"{item_id} (remove the mark to add it as new)"))
            elif (kind, item_id) in seen:
                errors.append(LineError(line, f"{{#{kind}{item_id}}} is given twice"))
            seen.add((kind, item_id))


def _objective_fields(planned: PlannedObjective,
                      o: ObjectiveLines) -> tuple[tuple[str, str, str], ...]:
    old = planned.objective
    pairs = (("title", old.title, o.title), ("owner", old.owner, o.owner),
             ("team", old.team, o.team), ("why", _why(old.why), _why(o.why)))
    return tuple((f, *_differing(a, b)) for f, a, b in pairs if a != b)


def _short(text: str) -> str:
    line = text.replace("\n", " ")
    return line if len(line) <= 40 else line[:39] + "…"


def _differing(was: str, new: str) -> tuple[str, str]:
    """Both texts short enough for one line, cut so that what changed stays in view:
    a long title edited at its end shows "…first week" → "…first week (edited)"."""
    a, b = was.replace("\n", " "), new.replace("\n", " ")
    same = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y),
                min(len(a), len(b)))
    start = max(same - 12, 0)
    if max(len(a), len(b)) <= 40 or start == 0:
        return _short(a), _short(b)
    return _short("…" + a[start:]), _short("…" + b[start:])


def _key_result_change(kr: KeyResultLines, planned: PlannedKeyResult | None,
                       o: ObjectiveLines, objective: PlannedObjective | None) -> Change | None:
    objective_id = None if objective is None else objective.objective.id
    if planned is None:
        return Change("added", "key result", None, kr.line, kr.draft.statement,
                      objective_id=objective_id, objective_line=o.line, draft=kr.draft)
    old = planned.key_result
    # Left out, a baseline, a due date or an owner stays as it is.
    draft = replace(kr.draft, baseline=old.baseline if kr.draft.baseline is None
                    else kr.draft.baseline, due=kr.draft.due or old.due,
                    owner=kr.draft.owner.strip() or old.owner)
    owner = draft.owner
    pairs = [("statement", old.statement, draft.statement),
             ("baseline", number_text(old.baseline), _number(draft.baseline)),
             ("target", number_text(old.target), _number(draft.target)),
             ("due", old.due.isoformat(), draft.due.isoformat() if draft.due else ""),
             ("owner", old.owner, owner)]
    fields = [(f, _short(a), _short(b)) for f, a, b in pairs if a != b]
    if name_key(planned.metric) != name_key(draft.metric):
        fields.append(("metric", planned.metric, draft.metric))
    if [name_key(g) for g in planned.guardrails] != [name_key(g) for g in draft.guardrails]:
        fields.append(("guardrails", ", ".join(planned.guardrails), ", ".join(draft.guardrails)))
    if old.objective_id != objective_id:
        fields.append(("objective", str(old.objective_id), o.title))
    if not fields:
        return None
    if not owner and o.owner:  # an edit gives an owner-less key result its objective's
        fields.append(("owner", "", o.owner))
    return Change("edited", "key result", old.id, kr.line, draft.statement, tuple(fields),
                  objective_id=objective_id, objective_line=o.line, draft=draft)


def _number(value: float | None) -> str:
    return "" if value is None else number_text(value)


def diff_json(diff: PlanDiff) -> dict[str, object]:
    """The diff for `okrtui plan --json`."""
    return {"cycle": diff.cycle, "changes": [
        {"kind": c.kind, "item": c.item, "id": c.id, "line": c.line or None, "title": c.title,
         "fields": [{"field": f, "was": a, "becomes": b} for f, a, b in c.fields]}
        for c in diff.changes]}
