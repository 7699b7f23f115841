"""What a weekly note is made of, and the note itself (core.review builds one)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from okrtui.core.kpi import KpiHealth
from okrtui.core.models import NextTest, Objective, Point
from okrtui.core.okr import KeyResultView
from okrtui.core.review_since import PreviousReview
from okrtui.core.signals import XmR


@dataclass(frozen=True)
class KpiState:
    """A KPI as the previous review saw it and now, with its XmR chart at both times,
    and the readings that review did not see."""

    before: KpiHealth
    now: KpiHealth
    chart_before: XmR
    chart_now: XmR
    key_result_id: int | None = None  # the key result measuring it this quarter
    guards: tuple[int, ...] = ()  # key results this KPI is a guardrail of
    judged_from: date | None = None  # the first reading judged, when not all were
    # Current readings the previous review did not see, oldest first: recorded after
    # it was saved (whatever day they are dated), or dated after the day it covered.
    unseen: tuple[Point, ...] = ()

    @property
    def name(self) -> str:
        return self.now.metric.name

    @property
    def moved(self) -> bool:
        """A reading the previous review did not see."""
        return bool(self.unseen)


@dataclass(frozen=True)
class KeyResultState:
    """A key result now, and its progress and confidence at the last review."""

    now: KeyResultView
    objective: Objective
    progress_before: float | None
    confidence_before: int | None

    @property
    def short_statement(self) -> str:
        """The statement, cut to 60 characters for a line of the note."""
        statement = self.now.key_result.statement
        return statement if len(statement) <= 60 else statement[:59] + "…"


@dataclass(frozen=True)
class ReviewInputs:
    """Everything a week's note is made of."""

    week: date  # the Monday
    since: date  # the last day the compared state covers (`review_since.compared_day`)
    until: date  # the state reported: the week's last day, or today if earlier
    quarter: str
    weeks_left: int
    kpis: Sequence[KpiState] = ()
    key_results: Sequence[KeyResultState] = ()
    tests_open: Sequence[NextTest] = ()  # earlier next tests still to answer
    tests_answered: Sequence[NextTest] = ()  # answered in this review
    previous: PreviousReview | None = None  # the review compared with, if there is one
    # By test id: what the KPI a test names has shown since it began (next_test_target).
    test_verdicts: Mapping[int, str] = field(default_factory=dict)

    @property
    def since_words(self) -> str:
        """`since the last review`, or `this week` when there was none."""
        return "since the last review" if self.previous is not None else "this week"


@dataclass(frozen=True)
class ReviewNote:
    """The three parts, each a list of one-line items, and what they compare with."""

    week: date
    since: date
    until: date
    changed: list[str] = field(default_factory=list)
    matters: list[str] = field(default_factory=list)
    next_tests: list[str] = field(default_factory=list)
    previous: PreviousReview | None = None

    @property
    def compared_with(self) -> str:
        """What "What changed" compares with, in words."""
        if self.previous is None:
            return f"{self.since}: no earlier review in the journal"
        return (f"{self.previous.words()}: readings recorded since count as new, whatever "
                "day they are dated")
