"""Confidence calibration: how the confidences people gave compared with the scores their
key results ended at, for each owner and for the team.

A graded key result counts with the last confidence its owner gave before the cycle
closed (the one a person would call "I was at 8/10"), bucketed by that 0–10 value.
Key results not graded (n/a) are left out: they no longer applied. A bucket resting on
fewer than `MIN_KEY_RESULTS` key results or `MIN_CYCLES` cycles is too short to tell.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from okrtui.core.scoring import format_score

MIN_KEY_RESULTS = 3
MIN_CYCLES = 2
TEAM = ""  # the owner of the team's calibration


@dataclass(frozen=True)
class GradedKeyResult:
    """One graded key result of a closed cycle: whose, which cycle, its final score and
    the last confidence given before close (None: no check-in gave one)."""

    key_result_id: int
    owner: str
    cycle: str
    score: float
    confidence: int | None


@dataclass(frozen=True)
class Bucket:
    """One confidence level: the mean final score of the key results last held at it."""

    confidence: int
    mean: float
    key_results: int
    cycles: int

    @property
    def enough(self) -> bool:
        """Whether the bucket rests on enough history to say anything."""
        return self.key_results >= MIN_KEY_RESULTS and self.cycles >= MIN_CYCLES

    def basis(self) -> str:
        """"4 graded key results over 2 cycles"."""
        return (f"{self.key_results} graded key result{'s' * (self.key_results != 1)} "
                f"over {self.cycles} cycle{'s' * (self.cycles != 1)}")

    def sentence(self, subject: str) -> str:
        """"your 8/10s ended at 0.30 on average: 4 graded key results over 2 cycles", or
        that it is too short to tell."""
        if not self.enough:
            return f"{subject} {self.confidence}/10s: too short to tell ({self.basis()})"
        return (f"{subject} {self.confidence}/10s ended at {format_score(self.mean)} on "
                f"average: {self.basis()}")


@dataclass(frozen=True)
class Calibration:
    """An owner's (or the team's, `owner == TEAM`) buckets, lowest confidence first."""

    owner: str
    buckets: tuple[Bucket, ...]
    key_results: int  # graded ones with a confidence
    cycles: int
    without_confidence: int = 0  # graded, but no check-in gave a confidence

    @property
    def enough(self) -> bool:
        """Whether any bucket has enough history to tell."""
        return any(b.enough for b in self.buckets)

    def subject(self) -> str:
        """Whose confidences: "the team's", "sam's"."""
        return "the team's" if self.owner == TEAM else f"{self.owner}'s"

    def lines(self, subject: str | None = None) -> list[str]:
        """One sentence per confidence level, or one saying the history is too short."""
        who = subject or self.subject()
        if not self.buckets:
            return [f"{who} confidences: too short to tell (no graded key result with a "
                    "confidence yet)"]
        if not self.enough:
            return [f"{who} confidences: too short to tell ({self.key_results} graded key "
                    f"result{'s' * (self.key_results != 1)} over {self.cycles} "
                    f"cycle{'s' * (self.cycles != 1)})"]
        told = [b.sentence(who) for b in self.buckets if b.enough]
        short = [b for b in self.buckets if not b.enough]
        if short:
            # The levels too short to tell share one line, so the ones that tell stand out.
            levels = ", ".join(f"{b.confidence}/10s" for b in short)
            count = sum(b.key_results for b in short)
            told.append(f"{who} {levels}: too short to tell ({count} graded key "
                        f"result{'s' * (count != 1)} in all)")
        return told


def calibrate(graded: Sequence[GradedKeyResult], owner: str = TEAM) -> Calibration:
    """The calibration of `owner`'s graded key results (TEAM: everyone's)."""
    mine = [g for g in graded if owner == TEAM or g.owner == owner]
    rated = [g for g in mine if g.confidence is not None]
    levels: dict[int, list[GradedKeyResult]] = {}
    for g in rated:
        levels.setdefault(g.confidence or 0, []).append(g)
    buckets = tuple(_bucket(level, levels[level]) for level in sorted(levels))
    return Calibration(owner=owner, buckets=buckets, key_results=len(rated),
                       cycles=len({g.cycle for g in rated}),
                       without_confidence=len(mine) - len(rated))


def calibrations(graded: Sequence[GradedKeyResult]) -> list[Calibration]:
    """The team's calibration first, then each owner's, by name."""
    owners = sorted({g.owner for g in graded})
    return [calibrate(graded)] + [calibrate(graded, o) for o in owners]


def _bucket(level: int, graded: Sequence[GradedKeyResult]) -> Bucket:
    mean = math.fsum(g.score for g in graded) / len(graded)
    # A mean of scores in [0, 1] stays there, whatever the rounding.
    return Bucket(confidence=level, mean=min(max(mean, 0.0), 1.0), key_results=len(graded),
                  cycles=len({g.cycle for g in graded}))


def owner_line(graded: Sequence[GradedKeyResult], owner: str,
               confidence: int | None = None) -> str:
    """One line of an owner's calibration for a form: the level `confidence` when the
    history has it, else the first level with enough history, else why there is none."""
    calibration = calibrate(graded, owner.strip())
    if not calibration.buckets and calibration.owner != TEAM:
        return calibration.lines()[0]
    chosen = [b for b in calibration.buckets if b.confidence == confidence]
    chosen = chosen or [b for b in calibration.buckets if b.enough]
    return chosen[0].sentence(calibration.subject()) if chosen else calibration.lines()[0]
