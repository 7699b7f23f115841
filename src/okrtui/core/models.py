"""Domain models: frozen, validated where values enter the program.

Text fields pass through `clean_line`/`clean_text`, so whatever reaches a
model (a CLI argument, a CSV cell, a dialog, a row) is safe to show.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from okrtui.core.parse import LARGEST
from okrtui.core.text import clean_line, clean_text, no_surrogates

# Lone surrogates are replaced before pydantic's own string check would refuse them.
Text = Annotated[str, BeforeValidator(lambda v: no_surrogates(v) if isinstance(v, str) else v)]
Line = Annotated[Text, AfterValidator(clean_line)]


def _filled(value: str) -> str:
    if not value:
        raise ValueError("can't be empty")
    return value


# A name or title: one line, and something left once blanks are trimmed.
Title = Annotated[Text, AfterValidator(clean_line), AfterValidator(_filled)]
Prose = Annotated[Text, AfterValidator(clean_text)]
Direction = Literal["higher", "lower"]
Cadence = Literal["weekly", "monthly"]
Source = Literal["tui", "cli", "import", "demo", "pull"]  # "pull": from a KPI source

NAME_MAX = 60
# Limits real teams' text fits in (README "Limits"): statements and titles of
# a paragraph or two, journal entries of a few megabytes of Markdown.
TITLE_MAX = 1_000
STATEMENT_MAX = 2_000
NEXT_TEST_MAX = 2_000
BODY_MAX = 2 * 1024 * 1024


def _finite(value: float | None) -> float | None:
    if value is not None and not math.isfinite(value):
        raise ValueError("must be a finite number")
    if value is not None and abs(value) > LARGEST:
        raise ValueError("is too large (at most ±10^15)")
    return value


Number = Annotated[float, AfterValidator(_finite)]
OptionalNumber = Annotated[float | None, AfterValidator(_finite)]


class Frozen(BaseModel):
    """Base for every model: immutable, no unknown fields.

    Validators are built on first use (`defer_build`): reads construct models
    from already-validated rows, so a CLI read or the TUI's first screen never
    pays for them. `warm_up()` builds them ahead of the first save.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Metric(Frozen):
    """A number the business watches; as a KPI it has a healthy range and a cadence."""

    id: int | None = None
    name: Title = Field(max_length=NAME_MAX)
    unit: Line = Field(default="", max_length=20)
    direction: Direction = "higher"
    description: Prose = ""
    owner: Line = ""
    team: Line = ""
    watched: bool = True
    range_min: OptionalNumber = None
    range_max: OptionalNumber = None
    cadence: Cadence = "weekly"
    archived: bool = False
    version: int = 1  # bumped by every edit, so a stale edit is detected

    @model_validator(mode="after")
    def _range_in_order(self) -> Metric:
        if (
            self.range_min is not None
            and self.range_max is not None
            and self.range_min > self.range_max
        ):
            raise ValueError(
                f"the healthy range's minimum ({self.range_min:g}) is above "
                f"its maximum ({self.range_max:g})"
            )
        return self

    @property
    def has_range(self) -> bool:
        """True when at least one bound of the healthy range is set."""
        return self.range_min is not None or self.range_max is not None


class Reading(Frozen):
    """One value of a metric for a date. Corrections supersede, never overwrite."""

    id: int | None = None
    metric_id: int
    at: date
    value: Number
    note: Prose = ""
    author: Line = ""
    source: Source = "cli"
    recorded_at: datetime | None = None
    supersedes: int | None = None
    superseded: bool = False


class Point(Frozen):
    """A (date, value) pair: what the health and chart code needs of a reading."""

    at: date
    value: float


class IncomingReading(Frozen):
    """A reading arriving by import, naming its metric; `line` locates it in the file."""

    metric: Line = Field(min_length=1)
    at: date
    value: Number
    note: Prose = ""
    author: Line = ""
    source: Source = "import"
    recorded_at: datetime | None = None
    line: int | None = None


NextStep = Literal["carry-over", "return-to-kpi", "drop"]


class Objective(Frozen):
    """A qualitative goal for a quarter; its key results say how it is measured."""

    id: int | None = None
    quarter: Title = Field(max_length=40)  # its cycle's name (`core.cycles`)
    title: Title = Field(max_length=TITLE_MAX)
    why: Prose = ""
    owner: Line = ""
    team: Line = ""
    parent_id: int | None = None
    position: int = 0
    reflection: Prose = ""
    official_score: OptionalNumber = None  # a grade brought from elsewhere
    import_key: str | None = None  # the identity an imported file gave it
    version: int = 1


class KeyResult(Frozen):
    """A measurable outcome: move a metric from a baseline to a target by a date."""

    id: int | None = None
    objective_id: int
    metric_id: int
    statement: Title = Field(max_length=STATEMENT_MAX)
    baseline: Number
    target: Number
    start: date
    due: date
    owner: Line = ""
    position: int = 0
    final_score: OptionalNumber = None
    close_note: Prose = ""
    next_step: NextStep | None = None
    carried_from: int | None = None
    not_graded: bool = False  # scored n/a; the reason is `close_note`
    official_score: OptionalNumber = None  # a grade brought from elsewhere
    import_key: str | None = None  # the identity an imported file gave it
    version: int = 1

    @model_validator(mode="after")
    def _measurable(self) -> KeyResult:
        if self.baseline == self.target:
            raise ValueError("the target equals the baseline: a key result must move the metric")
        if self.due < self.start:
            raise ValueError(f"the due date {self.due} is before the start {self.start}")
        return self

    @property
    def is_binary(self) -> bool:
        """A 0 → 1 key result: done or not, which is closer to a task than an outcome."""
        return {self.baseline, self.target} == {0.0, 1.0}


class CheckIn(Frozen):
    """A key result's weekly reading, with a confidence (0–10) and a comment."""

    id: int | None = None
    key_result_id: int
    reading_id: int | None = None
    at: date
    value: OptionalNumber = None  # None: a confidence-only check-in
    confidence: int | None = Field(default=None, ge=0, le=10)
    comment: Prose = ""
    author: Line = ""
    recorded_at: datetime | None = None
    corrects: int | None = None  # the author's own earlier check-in this one replaces
    source: Source = "cli"


EntryKind = Literal["note", "decision", "review"]
LinkKind = Literal["metric", "objective", "key_result"]
TestStatus = Literal["open", "done", "not-done", "dropped"]
TestDirection = Literal["", "up", "down"]  # "": the test names no KPI to move


class Link(Frozen):
    """What a journal entry is about: a metric, an objective or a key result."""

    kind: LinkKind
    item_id: int


class JournalEntry(Frozen):
    """A dated Markdown entry: a note, a decision, or a weekly review's note."""

    id: int | None = None
    kind: EntryKind = "note"
    at: date
    week: date | None = None  # a review note's week (its Monday)
    body: Prose = Field(max_length=BODY_MAX)
    author: Line = ""
    links: tuple[Link, ...] = ()
    created_at: datetime | None = None
    updated_at: datetime | None = None
    version: int = 1

    @model_validator(mode="after")
    def _has_text(self) -> JournalEntry:
        if not self.body.strip():
            raise ValueError("an entry needs some text")
        return self

    @property
    def title(self) -> str:
        """The first line with text, without Markdown's heading marks."""
        first = next((line for line in self.body.splitlines() if line.strip()), "")
        return first.lstrip("#").strip()


class NextTest(Frozen):
    """Something a review said to test next; the next review asks how it went."""

    id: int | None = None
    text: Title = Field(max_length=NEXT_TEST_MAX)
    week: date  # the review that set it
    entry_id: int | None = None
    author: Line = ""
    status: TestStatus = "open"
    learnt: Prose = ""
    resolved_week: date | None = None
    metric_id: int | None = None  # the KPI it should move (core.next_test_target)
    direction: TestDirection = ""


def warm_up() -> None:
    """Build every model's validator now (≈50 ms), so the first save is fast."""
    for model in (Metric, Reading, Point, IncomingReading, Objective, KeyResult, CheckIn,
                  Link, JournalEntry, NextTest):
        model.model_rebuild(force=True)
