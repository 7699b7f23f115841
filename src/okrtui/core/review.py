"""The weekly review note: what changed / why it matters / what to test next.

Pure and deterministic: the same inputs give the same note, word for word.
"What changed" compares with what the previous review saw (core.review_since):
every reading it did not see is named with its day, whenever it was dated.
Every item names the numbers behind it. Movements inside normal variation are
not news: they are gathered in one line, not told one by one (DOMAIN rules 7,
11, 12).
"""

from __future__ import annotations

from okrtui.core.review_kpis import OUT_OF_RANGE, grouped_days, kpi_items
from okrtui.core.review_model import KeyResultState, KpiState, ReviewInputs, ReviewNote
from okrtui.core.review_since import PreviousReview
from okrtui.core.scoring import Status as KrStatus
from okrtui.core.scoring import whole_percent
from okrtui.core.signals import Verdict

__all__ = ["HEADINGS", "NOTHING_TO_TEST", "OUT_OF_RANGE", "KeyResultState", "KpiState",
           "PreviousReview", "ReviewInputs", "ReviewNote", "build_note", "one_line"]

HEADINGS = ("What changed", "Why it matters", "What to test next")
NOTHING_TO_TEST = "Keep the cadence: nothing calls for a test this week."


def _pct(share: float | None) -> str:
    return "no data" if share is None else f"{whole_percent(share)}%"


def build_note(data: ReviewInputs) -> ReviewNote:
    """The note for `data.week`, in a fixed order: KPIs by name, key results by id."""
    note = ReviewNote(data.week, data.since, data.until, previous=data.previous)
    krs = {k.now.key_result.id: k for k in data.key_results}
    noise_only: list[KpiState] = []
    unchanged: list[KpiState] = []
    for kpi in sorted(data.kpis, key=lambda k: k.name.lower()):
        if not kpi_items(kpi, krs, data, note) and kpi.moved:
            (noise_only if kpi.chart_now.verdict is Verdict.NOISE else unchanged).append(kpi)
    # Every reading the last review did not see is named, with its day.
    if noise_only:
        note.changed.append(
            f"{len(noise_only)} KPI(s) moved within normal variation only (noise, no action): "
            + grouped_days(noise_only) + ".")
    if unchanged:
        note.changed.append(f"{len(unchanged)} KPI(s) got new readings {data.since_words} "
                            f"without a change of status: {grouped_days(unchanged)}.")
    for kr in sorted(data.key_results, key=lambda k: k.now.key_result.id or 0):
        _key_result_items(kr, data, note)
    for test in data.tests_answered:
        learnt = f": {one_line(test.learnt)}" if test.learnt.strip() else ""
        status = test.status.replace("-", " ")
        verdict = data.test_verdicts.get(test.id or 0)
        judged = f" ({verdict})" if verdict else ""
        note.changed.append(f"Next test from {test.week} {status}: {test.text}{learnt}{judged}")
    # A test that names a KPI judges itself: has the KPI moved that way since?
    answered = {t.id for t in data.tests_answered}
    for test in data.tests_open:
        if test.id not in answered and (verdict := data.test_verdicts.get(test.id or 0)):
            note.changed.append(f"Next test from {test.week}, {test.text}: {verdict}.")
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


def _key_result_items(kr: KeyResultState, data: ReviewInputs, note: ReviewNote) -> None:
    v, k = kr.now, kr.now.key_result
    label = f"KR{k.id} {kr.short_statement}"
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
