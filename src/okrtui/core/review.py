"""The weekly review note: what changed / why it matters / what to test next.

Pure and deterministic: the same inputs give the same note, word for word.
Every item names the numbers behind it. Movements inside normal variation are
not news: they are counted, not listed one by one (DOMAIN rules 7, 11, 12).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from okrtui.core.format import format_range, format_value
from okrtui.core.kpi import KpiHealth, Status, harmful_shift
from okrtui.core.models import NextTest, Objective
from okrtui.core.okr import KeyResultView
from okrtui.core.scoring import Status as KrStatus
from okrtui.core.scoring import whole_percent
from okrtui.core.signals import Verdict, XmR

HEADINGS = ("What changed", "Why it matters", "What to test next")
NOTHING_TO_TEST = "Keep the cadence: nothing calls for a test this week."
OUT_OF_RANGE = (Status.BELOW, Status.ABOVE)


@dataclass(frozen=True)
class KpiState:
    """A KPI at the last review and now, with its XmR chart at both times."""

    before: KpiHealth
    now: KpiHealth
    chart_before: XmR
    chart_now: XmR
    key_result_id: int | None = None  # the key result measuring it this quarter
    guards: tuple[int, ...] = ()  # key results this KPI is a guardrail of
    judged_from: date | None = None  # the first reading judged, when not all were

    @property
    def name(self) -> str:
        return self.now.metric.name

    @property
    def moved(self) -> bool:
        """A new reading since the last review."""
        return self.now.latest is not None and (
            self.before.latest is None or self.now.latest.at > self.before.latest.at)


@dataclass(frozen=True)
class KeyResultState:
    """A key result now, and its progress and confidence at the last review."""

    now: KeyResultView
    objective: Objective
    progress_before: float | None
    confidence_before: int | None


@dataclass(frozen=True)
class ReviewInputs:
    """Everything a week's note is made of."""

    week: date  # the Monday
    since: date  # the state compared against: the last review's end, or the week before
    until: date  # the state reported: the week's last day, or today if earlier
    quarter: str
    weeks_left: int
    kpis: Sequence[KpiState] = ()
    key_results: Sequence[KeyResultState] = ()
    tests_open: Sequence[NextTest] = ()  # earlier next tests still to answer
    tests_answered: Sequence[NextTest] = ()  # answered in this review


@dataclass(frozen=True)
class ReviewNote:
    """The three parts, each a list of one-line items."""

    week: date
    since: date
    until: date
    changed: list[str] = field(default_factory=list)
    matters: list[str] = field(default_factory=list)
    next_tests: list[str] = field(default_factory=list)


def _pct(share: float | None) -> str:
    return "no data" if share is None else f"{whole_percent(share)}%"


def _value(h: KpiHealth) -> str:
    if h.latest is None:
        return "no reading"
    return f"{format_value(h.latest.value, h.metric.unit)} on {h.latest.at}"


def build_note(data: ReviewInputs) -> ReviewNote:
    """The note for `data.week`, in a fixed order: KPIs by name, key results by id."""
    note = ReviewNote(data.week, data.since, data.until)
    krs = {k.now.key_result.id: k for k in data.key_results}
    noise_only: list[str] = []
    for kpi in sorted(data.kpis, key=lambda k: k.name.lower()):
        reported = _kpi_items(kpi, krs, data, note)
        if not reported and kpi.moved and kpi.chart_now.verdict is Verdict.NOISE:
            noise_only.append(kpi.name)
    if noise_only:
        note.changed.append(
            f"{len(noise_only)} KPI(s) moved within normal variation only (noise, no action): "
            + ", ".join(noise_only) + ".")
    for kr in sorted(data.key_results, key=lambda k: k.now.key_result.id or 0):
        _key_result_items(kr, data, note)
    for test in data.tests_answered:
        learnt = f": {one_line(test.learnt)}" if test.learnt.strip() else ""
        status = test.status.replace("-", " ")
        note.changed.append(f"Next test from {test.week} {status}: {test.text}{learnt}")
    # A suggestion already being tested is not suggested twice: it comes back as open.
    carried = {t.text for t in data.tests_open}
    fresh = list(dict.fromkeys(t for t in note.next_tests if t not in carried))
    note.next_tests[:] = fresh
    for test in data.tests_open:
        note.next_tests.append(f"{test.text} (still open since the review of {test.week})")
    if not note.changed:
        note.changed.append("Nothing left normal variation; no key result moved.")
    if not note.matters:
        note.matters.append(f"Nothing threatens the plan this week; {data.weeks_left} week(s) "
                            f"left in {data.quarter}.")
    if not note.next_tests:
        note.next_tests.append(NOTHING_TO_TEST)
    return note


def _kpi_items(kpi: KpiState, krs: dict[int | None, KeyResultState], data: ReviewInputs,
               note: ReviewNote) -> bool:
    """Add what one KPI says to the note; True if it said anything."""
    name, now, before = kpi.name, kpi.now, kpi.before
    m = now.metric
    said = False
    before_signal = kpi.chart_before.verdict is Verdict.SIGNAL
    now_signal = kpi.chart_now.verdict is Verdict.SIGNAL
    finding = kpi.chart_now.latest_finding
    started = now_signal and not before_signal and finding is not None
    if now.range_status in OUT_OF_RANGE and before.range_status not in OUT_OF_RANGE:
        said = True
        note.changed.append(
            f"{name} left its healthy range ({format_range(m.range_min, m.range_max, m.unit)}): "
            f"{_value(now)}, was {_value(before)}.")
        what = "left its healthy range" + (", and not by noise (rule 7)" if started else
                                           " by noise only" if not now_signal else "")
        note.matters.append(_why_kpi(kpi, krs, data, what, harmful=True))
        if not started:
            note.next_tests.append(f"Find why {name} left its healthy range.")
    elif now.range_status not in OUT_OF_RANGE and before.range_status in OUT_OF_RANGE \
            and now.latest is not None:
        said = True
        note.changed.append(f"{name} is back in its healthy range: {_value(now)}.")
    if started and finding is not None:
        said = True
        harmful = harmful_shift(finding.direction, m.direction)
        note.changed.append(f"{name}: a signal started: {finding.summary()} "
                            f"({finding.reason()}; centre {_centre(kpi.chart_now, m.unit)}).")
        if not any(item.startswith(f"{name} left its") for item in note.matters):
            what = ("is really getting worse, not by noise (rule 7)" if harmful else
                    "is really getting better, not by noise (rule 7)")
            note.matters.append(_why_kpi(kpi, krs, data, what, harmful=harmful))
        note.next_tests.append(
            f"Investigate what changed in {name} around {finding.since}; if it is real, "
            "start a new baseline" + (", or a key result for next quarter." if harmful else
                                      " so the new level is the one watched."))
    elif before_signal and not now_signal and kpi.chart_now.verdict is Verdict.NOISE:
        said = True
        note.changed.append(f"{name}: the signal ended; it is back within normal variation.")
    elif now_signal and finding is not None and kpi.key_result_id is None:
        summary = finding.summary()
        if kpi.judged_from is not None and finding.since <= kpi.judged_from:
            summary = summary.replace(" since ", " since at least ")
        note.next_tests.append(
            f"Explain {name}'s signal ({summary}, ongoing): once explained, start "
            "a new baseline, or a key result for next quarter.")
    if now.status is Status.STALE and before.status is not Status.STALE:
        said = True
        last = now.latest.at if now.latest else "-"
        note.changed.append(f"{name} went stale: last reading {last} "
                            f"({now.days_since} days ago; reviewed {m.cadence}).")
    if now.status is Status.STALE:
        note.next_tests.append(f"Record {name} (last reading "
                               f"{now.latest.at if now.latest else 'never'}).")
    elif now.status is Status.NO_DATA:
        note.next_tests.append(f"Record a first reading of {name}.")
    if (now.range_status in OUT_OF_RANGE and before.range_status in OUT_OF_RANGE
            and now.status is not Status.STALE and kpi.key_result_id is None):
        note.next_tests.append(
            f"Bring {name} back into its healthy range, or change the range if it no longer "
            f"fits (still {now.range_status}: {_value(now)}; range "
            f"{format_range(m.range_min, m.range_max, m.unit)}).")
    if not m.has_range and m.watched and kpi.key_result_id is None:
        note.next_tests.append(f"Give {name} a healthy range: a KPI without one guides nothing "
                               "(rule 4).")
    return said


def _centre(chart: XmR, unit: str) -> str:
    return "-" if chart.centre is None else format_value(round(chart.centre, 2), unit)


def _why_kpi(kpi: KpiState, krs: dict[int | None, KeyResultState], data: ReviewInputs,
             what: str, harmful: bool = True) -> str:
    """Tie a KPI's change to the key results it measures or guards."""
    reasons = []
    if kpi.key_result_id in krs:
        kr = krs[kpi.key_result_id]
        reasons.append(f"it is the metric of KR{kpi.key_result_id} ({_kr_name(kr)}), "
                       f"{_pct(kr.now.progress)} done with {data.weeks_left} week(s) left")
    for kr_id in kpi.guards:
        if kr_id in krs and harmful:
            reasons.append(f"it guards KR{kr_id} ({_kr_name(krs[kr_id])}): the push may be "
                           "breaking it (rule 8)")
        elif kr_id in krs:
            reasons.append(f"it guards KR{kr_id} ({_kr_name(krs[kr_id])}), and it is holding")
    if not reasons:
        reasons.append("a vital sign the quarter's plan relies on staying healthy")
    return f"{kpi.name} {what}: " + "; ".join(reasons) + "."


def _kr_name(kr: KeyResultState) -> str:
    statement = kr.now.key_result.statement
    return statement if len(statement) <= 60 else statement[:59] + "…"


def _key_result_items(kr: KeyResultState, data: ReviewInputs, note: ReviewNote) -> None:
    v, k = kr.now, kr.now.key_result
    label = f"KR{k.id} {_kr_name(kr)}"
    confidence = "no confidence given" if v.confidence is None else (
        f"confidence {v.confidence}/10")
    if v.confidence is not None and v.confidence == kr.confidence_before:
        confidence += " (unchanged)"
    elif v.confidence is not None and kr.confidence_before is not None:
        confidence += f" (was {kr.confidence_before}/10)"
    if v.progress != kr.progress_before or v.confidence != kr.confidence_before:
        note.changed.append(
            f"{label}: {_pct(v.progress)} done (was {_pct(kr.progress_before)}), "
            f"{confidence}; {_pct(v.expected)} expected by now.")
    else:
        note.changed.append(f"{label}: unchanged since the last review ({_pct(v.progress)} "
                            f"done, {confidence}; {_pct(v.expected)} expected by now).")
    objective = f"objective {kr.objective.id} ({kr.objective.title})"
    if v.status in (KrStatus.AT_RISK, KrStatus.OFF_TRACK):
        note.matters.append(
            f"KR{k.id} is {str(v.status).replace('-', ' ')}: {v.reason}; {objective} depends "
            f"on it, with {data.weeks_left} week(s) left in {data.quarter}.")
    if (v.confidence is not None and kr.confidence_before is not None
            and v.confidence < kr.confidence_before):
        note.matters.append(f"KR{k.id}'s confidence fell from {kr.confidence_before} to "
                            f"{v.confidence}: its owner sees a risk the numbers may not show yet.")
        owner = k.owner or kr.objective.owner or "the owner"
        note.next_tests.append(f"Ask {owner} what would raise KR{k.id}'s confidence.")
    elif v.status is KrStatus.OFF_TRACK:
        note.next_tests.append(f"Decide whether KR{k.id} needs a new approach (off track).")
    for metric, side in v.breaches:
        note.changed.append(f"Guardrail tripped: {metric} is {side} its healthy range while "
                            f"KR{k.id} pushes {v.metric.name}.")
        note.matters.append(f"KR{k.id} may be bought at the cost of {metric} (rule 8).")
        note.next_tests.append(f"Check whether the push on {v.metric.name} (KR{k.id}) is "
                               f"what moved {metric}.")


def one_line(text: str) -> str:
    """Text on one line, runs of spaces and newlines as one space."""
    return " ".join(text.split())
