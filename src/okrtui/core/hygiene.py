"""The plan's hygiene: where a quarter's plan breaks the domain's rules.

Each check cites the rule it enforces (DOMAIN.md) and says how to fix it.
Everything here is pure: the store gathers a `Plan`, `check_plan` judges it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from okrtui.core.models import KeyResult, Metric, Objective
from okrtui.core.noise import beyond_limit_fix, target_inside_limits

MAX_KPIS = 10
MAX_OBJECTIVES = 5
MAX_KEY_RESULTS = 5
CARRIED_LIMIT = 2  # quarters in a row before this one

# Verbs that start a task ("Launch the new pricing page"), not an outcome.
TASK_VERBS = frozenset({
    "add", "build", "complete", "create", "declare", "deliver", "deploy", "design",
    "develop", "do", "document", "draft", "finalise", "finalize", "finish", "hire", "hold",
    "host", "implement", "install", "introduce", "launch", "migrate", "organise",
    "organize", "prepare", "publish", "redesign", "refactor", "release", "replace", "roll",
    "run", "set", "setup", "ship", "start", "submit", "upgrade", "write",
})
_MAINTAIN = re.compile(r"\b(maintain\w*|keep\w*|kept|sustain\w*|preserv\w*)\b", re.IGNORECASE)
_FIRST_WORD = re.compile(r"[A-Za-z]+")


# DOMAIN.md's rules that the checks cite, in a few words.
RULES = {
    2: "objectives are qualitative, key results measurable outcomes",
    3: "'maintain' or 'keep' is a KPI in costume",
    4: "a KPI needs a healthy range",
    5: "OKRs end: the deadline test",
    6: "focus: 5–10 KPIs, 3–5 objectives, 2–5 key results each",
    7: "noise or trend: natural process limits",
    8: "guardrails: a push must not break another number",
    9: "a key result needs an owner, a target and a deadline",
}


@dataclass(frozen=True)
class Issue:
    """One problem: the check's id, the rule it cites, the item, and the words."""

    check: str
    rule: int
    kind: str  # "quarter", "kpi", "objective" or "key-result"
    item_id: int | None
    item: str
    message: str
    fix: str

    @property
    def rule_name(self) -> str:
        """`rule 4: a KPI needs a healthy range`."""
        return f"rule {self.rule}: {RULES.get(self.rule, '')}".rstrip(": ")

    def text(self) -> str:
        """The message and the fix, on one line."""
        return f"{self.message} ({self.rule_name}). Fix: {self.fix}"


@dataclass(frozen=True)
class Plan:
    """What the checks need to know about one quarter."""

    quarter: str
    kpis: Sequence[Metric]  # watched, unarchived, not a key result this quarter
    objectives: Sequence[Objective]
    key_results: Sequence[KeyResult]
    metric_names: Mapping[int, str]
    guardrails: Mapping[int, frozenset[int]] = field(default_factory=dict)  # by key result
    companions: Mapping[int, frozenset[int]] = field(default_factory=dict)  # by metric
    quarters_running: Mapping[int, int] = field(default_factory=dict)  # by key result
    # by key result: its metric's natural process limits (lower, upper) before it started
    limits: Mapping[int, tuple[float, float]] = field(default_factory=dict)


def check_plan(plan: Plan) -> list[Issue]:
    """Every problem in the plan: the quarter's first, then by objective, then KPIs."""
    issues = _focus(plan)
    by_objective: dict[int, list[KeyResult]] = {}
    for kr in plan.key_results:
        by_objective.setdefault(kr.objective_id, []).append(kr)
    for objective in plan.objectives:
        krs = by_objective.get(objective.id or 0, [])
        issues += _objective_issues(objective, krs)
        for kr in krs:
            issues += _key_result_issues(plan, kr)
    for metric in plan.kpis:
        if not metric.has_range:
            issues.append(Issue(
                "kpi-without-range", 4, "kpi", metric.id, metric.name,
                f"KPI {metric.name!r} has no healthy range: it guides nothing",
                "set a minimum, a maximum or both (e on the KPI, or okrtui metric edit "
                "NAME --min X --max Y)"))
    return issues


def _focus(plan: Plan) -> list[Issue]:
    out = []
    if len(plan.kpis) > MAX_KPIS:
        out.append(Issue(
            "too-many-kpis", 6, "quarter", None, plan.quarter,
            f"{len(plan.kpis)} KPIs are watched: more than {MAX_KPIS} is noise",
            "keep the 5–10 vital signs; stop watching the rest (they keep their history)"))
    if len(plan.objectives) > MAX_OBJECTIVES:
        out.append(Issue(
            "too-many-objectives", 6, "quarter", None, plan.quarter,
            f"{plan.quarter} has {len(plan.objectives)} objectives: more than "
            f"{MAX_OBJECTIVES} means nothing was prioritised",
            "keep the 3–5 that matter most; move the others to a later quarter"))
    return out


def _objective_issues(objective: Objective, krs: Sequence[KeyResult]) -> list[Issue]:
    out = []
    label = f"O{objective.id} {objective.title}"
    if not krs:
        out.append(Issue(
            "objective-without-key-results", 2, "objective", objective.id, label,
            f"objective {objective.id} has no key result: without one it is a slogan",
            "add 2–5 key results that say how you will know it happened"))
    if len(krs) > MAX_KEY_RESULTS:
        out.append(Issue(
            "too-many-key-results", 6, "objective", objective.id, label,
            f"objective {objective.id} has {len(krs)} key results: more than "
            f"{MAX_KEY_RESULTS} mirrors the dashboard",
            "keep the 2–5 that prove the objective; watch the rest as KPIs"))
    if _MAINTAIN.search(objective.title):
        out.append(Issue(
            "maintain-objective", 3, "objective", objective.id, label,
            f"objective {objective.id} asks to maintain or keep something: "
            "that is a KPI in a costume, not a change",
            "watch the number as a KPI with a healthy range, or say what should change"))
    return out


def _key_result_issues(plan: Plan, kr: KeyResult) -> list[Issue]:
    out = []
    label = f"KR{kr.id} {kr.statement}"
    name = plan.metric_names.get(kr.metric_id, f"metric {kr.metric_id}")
    if not kr.owner.strip():
        out.append(Issue(
            "key-result-without-owner", 9, "key-result", kr.id, label,
            f"KR{kr.id} has no owner: passive monitoring does not create change",
            "name the person who moves it (e on the key result in the OKR pane)"))
    if is_task_like(kr):
        out.append(Issue(
            "task-like-key-result", 2, "key-result", kr.id, label,
            f"KR{kr.id} reads like a task, not a measurable outcome",
            "say which number moves, from what to what (e.g. 'raise activation "
            "from 25% to 35%'); track the task elsewhere"))
    running = plan.quarters_running.get(kr.id or 0, 0)
    if running >= CARRIED_LIMIT:
        out.append(Issue(
            "carried-over", 5, "key-result", kr.id, label,
            f"KR{kr.id} ({name}) has been a key result {running + 1} quarters running: "
            "OKRs end",
            "return it to a KPI with a healthy range, or change what it asks"))
    limits = plan.limits.get(kr.id or 0)
    if limits is not None and target_inside_limits(kr.baseline, kr.target, *limits):
        out.append(Issue(
            "target-inside-noise", 7, "key-result", kr.id, label,
            f"KR{kr.id}'s target {kr.target:g} lies within {name}'s natural process limits "
            f"({limits[0]:g} to {limits[1]:g})",
            beyond_limit_fix(kr.baseline, kr.target, *limits)))
    companions = plan.companions.get(kr.metric_id, frozenset()) - {kr.metric_id}
    if companions and not plan.guardrails.get(kr.id or 0):
        names = ", ".join(sorted(plan.metric_names.get(m, str(m)) for m in companions))
        out.append(Issue(
            "missing-guardrail", 8, "key-result", kr.id, label,
            f"KR{kr.id} pushes {name} with no guardrail, though {names} "
            "can show when the push breaks something",
            f"add {names} as {'guardrails' if len(companions) > 1 else 'a guardrail'} "
            "(e on the key result in the OKR pane)"))
    return out


def is_task_like(kr: KeyResult) -> bool:
    """Binary (0 → 1), or it starts with an action verb and names no number."""
    if kr.is_binary:
        return True
    first = _FIRST_WORD.match(kr.statement.strip())
    verb = first.group(0).lower() if first else ""
    return verb in TASK_VERBS and not any(ch.isdigit() for ch in kr.statement)
