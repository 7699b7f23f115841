"""Jump anywhere: a cycle, a KPI or a key result, found by a few typed letters.

The picker (`tui/screens/jump.py`) lists `Target`s and shows `matches(query,
targets)`, the best first: the exact name or id ("2019-Q2", "KR5"), then names
that start with the words, words inside a name, and last the letters in order
("chrn" finds "churn"), listed only when nothing matches better.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from okrtui.core.text import clean_line

CYCLE, KPI, KEY_RESULT = "cycle", "kpi", "key-result"
_ORDER = {CYCLE: 0, KEY_RESULT: 1, KPI: 2}
LOOSE = 5  # the rank of letters found in order ("chrn" in "churn")


@dataclass(frozen=True)
class Target:
    """One place to jump to."""

    kind: str  # CYCLE, KPI or KEY_RESULT
    key: str  # the exact name or id a person types: "2019-Q2", "KR5", "Churn"
    label: str  # the line in the picker
    item_id: int | None = None  # the KPI's or key result's id
    cycle: str = ""  # a key result's cycle (a cycle's own name)


def cycle_target(name: str, kind: str, objectives: int, closed: bool) -> Target:
    """A cycle: "2019-Q2  quarter · 3 objectives · closed"."""
    facts = [kind, f"{objectives} objective{'s' * (objectives != 1)}"]
    if closed:
        facts.append("closed")
    return Target(CYCLE, name, f"{name}  {' · '.join(facts)}", cycle=name)


def kpi_target(metric_id: int, name: str) -> Target:
    """A KPI: "KPI churn"."""
    return Target(KPI, clean_line(name), f"KPI {clean_line(name)}", metric_id)


def key_result_target(key_result_id: int, statement: str, cycle: str) -> Target:
    """A key result of any cycle: "KR5 Reduce churn to 2% · 2026-Q4"."""
    return Target(KEY_RESULT, f"KR{key_result_id}",
                  f"KR{key_result_id} {clean_line(statement)} · {cycle}", key_result_id, cycle)


def _rank(query: str, target: Target) -> int | None:
    """How well `query` (casefolded, stripped) names `target`: 0 best, None not at all."""
    key, text = target.key.casefold(), target.label.casefold()
    if query == key:
        return 0
    if key.startswith(query) or text.startswith(query):
        return 1
    if f" {query}" in f" {text}":
        return 2
    if query in text:
        return 3
    words = query.split()
    if len(words) > 1 and all(w in text for w in words):
        return 4
    rest = iter(text)
    if all(char in rest for char in query.replace(" ", "")):
        return LOOSE
    return None


def matches(query: str, targets: Sequence[Target], limit: int = 50) -> list[Target]:
    """The targets `query` names, the best first (all of them, in order, for no query)."""
    wanted = " ".join(query.casefold().split())
    if not wanted:
        return list(targets[:limit])
    ranked = []
    for index, target in enumerate(targets):
        rank = _rank(wanted, target)
        if rank is not None:
            ranked.append((rank, _ORDER.get(target.kind, 3), index, target))
    ranked.sort(key=lambda item: item[:3])
    if ranked and ranked[0][0] < LOOSE:  # letters in order only when nothing says it better
        ranked = [item for item in ranked if item[0] < LOOSE]
    return [item[3] for item in ranked[:limit]]
