"""Grades: a key result's score (graded, not graded, or computed from progress), an
objective's score (the mean of its key results', saying what was left out), and an
official grade brought from elsewhere shown beside the computed one.

Scores run from 0.0 to 1.0 and show two decimals (`scoring.format_score`);
success is judged on the stored value (`scoring.is_success`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from okrtui.core.errors import InvalidInput
from okrtui.core.models import KeyResult
from okrtui.core.parse import parse_number
from okrtui.core.scoring import computed_score, format_score, validate_score

# What a person types for "not graded": the key result no longer applies.
NOT_GRADED_WORDS = frozenset({"n/a", "na", "n.a.", "not graded"})
NOT_GRADED = "n/a"


def parse_grade(text: str, field: str = "score") -> float | None:
    """A grade as typed: a score from 0.0 to 1.0, or `n/a` (None: not graded)."""
    if text.strip().lower() in NOT_GRADED_WORDS:
        return None
    try:
        return validate_score(parse_number(text, field))
    except InvalidInput as error:
        raise InvalidInput(f"{error}; or n/a when it is not graded", field) from None


def key_result_score(key_result: KeyResult, progress: float | None) -> float | None:
    """The key result's score: its final score once graded, none when not graded (n/a),
    else what its progress earns so far (none without a value yet)."""
    if key_result.not_graded:
        return None
    if key_result.final_score is not None:
        return key_result.final_score
    return None if progress is None else computed_score(progress)


@dataclass(frozen=True)
class ObjectiveScore:
    """An objective's score and what it was made of: the mean of the key results that
    have a score; those not graded (n/a) and those without a value yet are left out."""

    score: float | None
    counted: int = 0
    not_graded: int = 0
    no_value: int = 0

    @property
    def total(self) -> int:
        """All the objective's key results, counted or not."""
        return self.counted + self.not_graded + self.no_value

    def basis(self) -> str:
        """What the score counts, e.g. "2 of 3 key results; 1 not graded"."""
        if not self.total:
            return "no key results"
        text = f"{self.counted} of {self.total} key result{'s' * (self.total != 1)}"
        if self.not_graded:
            text += f"; {self.not_graded} not graded"
        if self.no_value:
            text += f"; {self.no_value} without a value yet"
        return text

    def short_basis(self) -> str:
        """The basis in a few characters, for a pane: "2 of 3", "2 of 3, 1 n/a"."""
        text = f"{self.counted} of {self.total}"
        return text + (f", {self.not_graded} n/a" if self.not_graded else "")

    def text(self) -> str:
        """The score with its basis: "0.55 (2 of 3 key results; 1 not graded)"."""
        shown = "no score" if self.score is None else format_score(self.score)
        return f"{shown} ({self.basis()})"


def objective_score(key_results: Sequence[tuple[float | None, bool]]) -> ObjectiveScore:
    """The mean score of an objective's key results, each given as (its score, whether it
    is not graded): one not graded, or without a score (no value yet), is left out and
    counted as such."""
    scores: list[float] = []
    not_graded = no_value = 0
    for score, is_not_graded in key_results:
        if is_not_graded:
            not_graded += 1
        elif score is None:
            no_value += 1
        else:
            scores.append(score)
    mean = math.fsum(scores) / len(scores) if scores else None
    # A mean of scores in [0, 1] stays there, whatever the rounding.
    mean = None if mean is None else min(max(mean, 0.0), 1.0)
    return ObjectiveScore(score=mean, counted=len(scores), not_graded=not_graded,
                          no_value=no_value)


def differs(score: float | None, official: float | None) -> bool:
    """True when an official grade says something the computed score does not, as shown
    (two decimals): 0.401 and 0.40 are one grade."""
    if official is None:
        return False
    return score is None or format_score(score) != format_score(official)


def official_beside(score: float | None, official: float | None) -> str:
    """` · official 0.30` where an official grade differs from the score; else nothing."""
    if official is None or not differs(score, official):
        return ""
    return f" · official {format_score(official)}"


def with_official(score: float | None, official: float | None, none: str = "no score") -> str:
    """A score and, where it differs, the official one beside it: "0.40 · official 0.30"."""
    return (none if score is None else format_score(score)) + official_beside(score, official)
