"""What a key result's record holds beyond its plan: the numbers its cycle froze when
it closed, and its lineage (where it came from, where it went).

A closed cycle is a record (DOMAIN rule 15): `FrozenNumbers` keeps a key
result's value, progress, status, confidence and score as they were on the
day its cycle closed, as JSON text in `key_result.frozen`, so that later
readings of its metric (it may be a KPI again) never change them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from pydantic import ValidationError

from okrtui.core.models import Frozen, KeyResult
from okrtui.core.scoring import Status
from okrtui.core.symbols import S


class FrozenNumbers(Frozen):
    """A key result's numbers as they were on `as_of`, the day its cycle closed."""

    shape: Literal[1] = 1  # the JSON's shape, should it ever change
    as_of: date
    value: float | None  # the metric's value then (`current`)
    progress: float | None
    expected: float
    status: Status
    reason: str
    confidence: int | None
    forecast: float | None = None
    score: float | None  # the final score; None when not graded (n/a)
    not_graded: bool = False
    breaches: tuple[tuple[str, str], ...] = ()  # guardrails outside their range then

    def to_json(self) -> str:
        """The JSON text kept in `key_result.frozen`."""
        return self.model_dump_json()

    @classmethod
    def from_json(cls, text: str | None) -> FrozenNumbers | None:
        """The numbers kept in `key_result.frozen`; None when there are none (or the text
        is not numbers this program wrote, which then counts as not frozen)."""
        if not text:
            return None
        try:
            return cls.model_validate_json(text)
        except ValidationError:
            return None


@dataclass(frozen=True)
class KeyResultRef:
    """A key result as people name it across cycles: "2019-Q2 KR4"."""

    cycle: str
    key_result_id: int

    def __str__(self) -> str:
        return f"{self.cycle} KR{self.key_result_id}"


@dataclass(frozen=True)
class Lineage:
    """Where a key result came from (a carry-over) and where it went."""

    carried_from: KeyResultRef | None = None
    carried_into: KeyResultRef | None = None


def lineage_words(key_result: KeyResult, lineage: Lineage, metric_name: str) -> list[str]:
    """Its lineage in full words: "carried from 2019-Q2 KR4", "carried into 2019-Q3
    KR19", "returned to the KPIs as Churn", "dropped"."""
    words = []
    if lineage.carried_from is not None:
        words.append(f"carried from {lineage.carried_from}")
    step = key_result.next_step
    if lineage.carried_into is not None:
        words.append(f"carried into {lineage.carried_into}")
    elif step == "carry-over":
        words.append("carried over")
    if step == "return-to-kpi":
        words.append(f"returned to the KPIs as {metric_name}")
    elif step == "drop":
        words.append("dropped")
    return words


def lineage_marker(key_result: KeyResult, lineage: Lineage) -> str:
    """Its lineage in a few characters, for a list: "←KR4", "→KR19", "→KPI", "dropped"."""
    marks = []
    if lineage.carried_from is not None:
        marks.append(f"{S.back}KR{lineage.carried_from.key_result_id}")
    if lineage.carried_into is not None:
        marks.append(f"{S.to}KR{lineage.carried_into.key_result_id}")
    if key_result.next_step == "return-to-kpi":
        marks.append(f"{S.to}KPI")
    elif key_result.next_step == "drop":
        marks.append("dropped")
    return " ".join(marks)


def frozen_words(count: int, verb: str = "are") -> str:
    """What reopening lets go: "4 key results' frozen numbers are live again" (`verb`
    "become" before it happens)."""
    if count == 0:
        return "no key result has frozen numbers"
    whose = "1 key result's" if count == 1 else f"{count} key results'"
    return f"{whose} frozen numbers {verb} live again"


def unfrozen_words(count: int) -> str:
    """What reopening let go: "4 key results' frozen numbers are live again"."""
    return "no key result had frozen numbers" if count == 0 else frozen_words(count)
