"""A cycle's plan as `core.plan_text` reads and writes it: the database's side (what
is planned, and what keeps each item) and the text's side (items by line)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from okrtui.core.errors import InvalidInput
from okrtui.core.models import KeyResult, Objective
from okrtui.core.okr import KeyResultDraft


@dataclass(frozen=True)
class PlannedKeyResult:
    """A key result as the database holds it, with its names and what keeps it."""

    key_result: KeyResult
    metric: str
    guardrails: tuple[str, ...] = ()
    uses: tuple[str, ...] = ()  # "4 check-ins": why it cannot simply be removed


@dataclass(frozen=True)
class PlannedObjective:
    """An objective of the database's plan and its key results, in plan order."""

    objective: Objective
    key_results: tuple[PlannedKeyResult, ...] = ()
    uses: tuple[str, ...] = ()


@dataclass(frozen=True)
class KeyResultLines:
    """A key result as the text gives it: its bullet's line, identity and fields."""

    line: int
    id: int | None
    draft: KeyResultDraft


@dataclass(frozen=True)
class ObjectiveLines:
    """An objective as the text gives it."""

    line: int
    id: int | None
    title: str
    owner: str = ""
    team: str = ""
    why: str = ""
    key_results: tuple[KeyResultLines, ...] = ()


@dataclass(frozen=True)
class PlanDraft:
    """The plan a text gives, and the lines it did not read (prose, sub-bullets)."""

    objectives: tuple[ObjectiveLines, ...]
    ignored: tuple[int, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class LineError:
    """What is wrong on one line of the text (line 0: the text as a whole)."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


class PlanRefused(InvalidInput):
    """The text cannot be applied; every problem found, by line number."""

    def __init__(self, errors: Sequence[LineError]) -> None:
        self.errors = tuple(errors)
        super().__init__("; ".join(str(e) for e in self.errors), "plan")
