"""Key results: as a person types one (a draft and its defaults), and as a manager
reads it today (where it is, where it should be)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import ValidationError

from okrtui.core.check_ins import counted, latest_confidence, value_trail
from okrtui.core.cycles import Cycle
from okrtui.core.errors import InvalidInput, validation_problem
from okrtui.core.grades import ObjectiveScore, key_result_score, objective_score
from okrtui.core.kpi import KpiHealth
from okrtui.core.kpi import Status as KpiStatus
from okrtui.core.models import CheckIn, KeyResult, Metric, Objective
from okrtui.core.record import FrozenNumbers, Lineage
from okrtui.core.scoring import Status, expected_progress, forecast, kr_status, progress


@dataclass(frozen=True)
class KeyResultDraft:
    """A key result as a person typed it, before defaults and names are resolved."""

    statement: str
    metric: str  # a metric's name
    target: float | None  # required: None is refused (field "target")
    baseline: float | None = None  # None: the metric's latest value by min(today, cycle end)
    due: date | None = None  # None: the cycle's (quarter's) end
    owner: str = ""  # blank: the objective's owner
    guardrails: tuple[str, ...] = ()  # metric names


def baseline_day(cycle: Cycle, today: date) -> date:
    """The day a draft's default baseline is read on: today, or a past cycle's end."""
    return min(today, cycle.end)


def planned_key_result(
    draft: KeyResultDraft,
    *,
    objective: Objective,
    cycle: Cycle,
    metric: Metric,
    latest: float | None,
    existing: KeyResult | None = None,
) -> KeyResult:
    """The key result a draft asks for under `objective` (of `cycle`), its defaults applied.

    `latest` is the metric's value on `baseline_day` (None: no reading yet),
    used when the draft has no baseline. An `existing` key result keeps its
    id, version, start and grade. Refusals are `InvalidInput` naming the
    field a form shows them under.
    """
    if draft.target is None:
        raise InvalidInput("a key result needs a target", "target")
    baseline = draft.baseline if draft.baseline is not None else latest
    if baseline is None:
        raise InvalidInput(f"{metric.name!r} has no reading yet: give a baseline", "baseline")
    quarter = cycle
    fields: dict[str, Any] = {
        "objective_id": objective.id, "metric_id": metric.id, "statement": draft.statement,
        "baseline": baseline, "target": draft.target, "start": quarter.start,
        "due": draft.due or quarter.end, "owner": draft.owner.strip() or objective.owner,
    }
    if existing is not None:
        fields = {**existing.model_dump(), **fields, "start": existing.start}
    try:
        return KeyResult.model_validate(fields)
    except ValidationError as error:
        field, message = validation_problem(error)
        # A rule across fields (the model's own check) belongs to the field it is about.
        if not field:
            field = "target" if baseline == draft.target else "due"
        raise InvalidInput(message, field) from None


@dataclass(frozen=True)
class KeyResultView:
    """Everything the OKR pane and `okrtui okrs` show for one key result."""

    key_result: KeyResult
    metric: Metric
    current: float | None
    progress: float | None
    expected: float
    status: Status
    reason: str
    confidence: int | None
    forecast: float | None
    check_ins: tuple[CheckIn, ...]  # the ones that count (no corrected ones), by day
    history: tuple[CheckIn, ...] = ()  # every check-in, corrected ones too, by day
    # Guardrail metrics outside their healthy range (DOMAIN rule 8): name → "above"/"below".
    breaches: tuple[tuple[str, str], ...] = ()
    # The numbers its closed cycle froze (the view shows them), or None while live.
    frozen: FrozenNumbers | None = None
    lineage: Lineage = field(default_factory=Lineage)

    @property
    def score(self) -> float | None:
        """Its score: the final one once graded, none when not graded (n/a), else what
        its progress earns (`grades.key_result_score`); as frozen, once closed."""
        if self.frozen is not None:
            return self.frozen.score
        return key_result_score(self.key_result, self.progress)


def views_score(views: Sequence[KeyResultView]) -> ObjectiveScore:
    """An objective's score from its key results' views (`grades.objective_score`)."""
    return objective_score([(v.score, v.key_result.not_graded) for v in views])


def key_result_view(
    key_result: KeyResult,
    metric: Metric,
    check_ins: Sequence[CheckIn],
    current: float | None,
    today: date,
    guardrails: Sequence[KpiHealth] = (),
) -> KeyResultView:
    """Progress from the metric's latest value; confidence from the latest check-in.

    `current` is the metric's latest reading up to today (a reading recorded
    outside a check-in counts too: the metric is one number). `check_ins` are
    every check-in of the key result by day (`core.check_ins`: corrected ones
    are listed in `history` but do not count). The forecast follows the
    check-ins with a value; the confidence, the latest check-in giving one.
    Check-ins after `today` are not known yet (a view as of an earlier day,
    say for a past week's note).
    """
    known = tuple(c for c in check_ins if c.at <= today)
    kept = counted(known)
    done = None if current is None else progress(key_result.baseline, key_result.target, current)
    expected = expected_progress(key_result.start, key_result.due, today)
    confidence = latest_confidence(known)
    status, reason = kr_status(done, expected, confidence)
    return KeyResultView(
        key_result=key_result, metric=metric, current=current, progress=done,
        expected=expected, status=status, reason=reason, confidence=confidence,
        forecast=forecast(value_trail(known), key_result.due), check_ins=tuple(kept),
        history=known,
        breaches=tuple((g.metric.name, str(g.range_status)) for g in guardrails
                       if g.range_status in (KpiStatus.BELOW, KpiStatus.ABOVE)),
    )


def freeze(view: KeyResultView, as_of: date) -> FrozenNumbers:
    """The view's numbers as its cycle closes on `as_of`, to be kept as they are."""
    return FrozenNumbers(
        as_of=as_of, value=view.current, progress=view.progress, expected=view.expected,
        status=view.status, reason=view.reason, confidence=view.confidence,
        forecast=view.forecast, score=view.score, not_graded=view.key_result.not_graded,
        breaches=view.breaches)


def frozen_view(key_result: KeyResult, metric: Metric, check_ins: Sequence[CheckIn],
                frozen: FrozenNumbers, lineage: Lineage | None = None) -> KeyResultView:
    """A closed cycle's key result as it was when the cycle closed: the frozen numbers,
    whatever its metric read since; its check-ins up to that day."""
    known = tuple(c for c in check_ins if c.at <= frozen.as_of)
    return KeyResultView(
        key_result=key_result, metric=metric, current=frozen.value, progress=frozen.progress,
        expected=frozen.expected, status=frozen.status, reason=frozen.reason,
        confidence=frozen.confidence, forecast=frozen.forecast,
        check_ins=tuple(counted(known)), history=known,
        breaches=frozen.breaches, frozen=frozen, lineage=lineage or Lineage())


def check_in_refusal(key_result: KeyResult, at: date, today: date) -> str | None:
    """Why a check-in for `at` cannot be taken, or None: the one rule for check-in dates.

    A key result takes check-ins from its start on, after its due date too (the
    grading week after a cycle ends), never for a day still to come. Whether its
    cycle is closed is the store's to say (`refuse_if_closed`).
    """
    if at > today:
        return f"{at.isoformat()} is in the future (today is {today.isoformat()})"
    if at < key_result.start:
        which = f"key result {key_result.id}" if key_result.id else "the key result"
        return (f"{which} starts on {key_result.start.isoformat()}: a check-in for "
                f"{at.isoformat()} is before it")
    return None


def checked_in_since(view: KeyResultView, week: date) -> bool:
    """Whether the key result has a check-in on or after `week` (its Monday)."""
    return any(c.at >= week for c in view.check_ins)


def due_key_results(views: Sequence[KeyResultView], week: date) -> list[KeyResultView]:
    """The key results, in plan order, with no check-in in the week of `week`."""
    return [v for v in views if not checked_in_since(v, week)]


def due_after(views: Sequence[KeyResultView], key_result_id: int,
              week: date) -> list[KeyResultView]:
    """The key results after `key_result_id` in plan order still due this week:
    where "save and next" goes."""
    ids = [v.key_result.id for v in views]
    after = views[ids.index(key_result_id) + 1:] if key_result_id in ids else []
    return due_key_results(after, week)
