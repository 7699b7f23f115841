"""What one KPI says in the weekly note: its healthy range left or regained (also
in between, by a reading the previous review did not see), a signal started or
ended, gone stale; every reading that review did not see is named with its day.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from okrtui.core.format import format_range, format_value
from okrtui.core.kpi import KpiHealth, Status, harmful_shift, range_status
from okrtui.core.models import Point
from okrtui.core.review_model import KeyResultState, KpiState, ReviewInputs, ReviewNote
from okrtui.core.scoring import whole_percent
from okrtui.core.signals import Verdict, XmR

OUT_OF_RANGE = (Status.BELOW, Status.ABOVE)


def value_on(h: KpiHealth) -> str:
    """`3.5% on 2026-11-16`, or `no reading`."""
    if h.latest is None:
        return "no reading"
    return f"{format_value(h.latest.value, h.metric.unit)} on {h.latest.at}"


def readings_on(points: Sequence[Point], unit: str) -> str:
    """`3.9% on 2026-11-18, 2.8% on 2026-11-23`."""
    return ", ".join(f"{format_value(p.value, unit)} on {p.at}" for p in points)


def grouped_days(kpis: Sequence[KpiState]) -> str:
    """KPIs with the days of their new readings, those sharing days together:
    `Churn, Uptime (2026-11-23); NPS (2026-11-18, 2026-11-23)`."""
    groups: dict[tuple[date, ...], list[str]] = {}
    for kpi in kpis:
        on = tuple(dict.fromkeys(p.at for p in kpi.unseen))
        groups.setdefault(on, []).append(kpi.name)
    return "; ".join(", ".join(names) + " (" + ", ".join(map(str, on)) + ")"
                     for on, names in groups.items())


def kpi_items(kpi: KpiState, krs: dict[int | None, KeyResultState], data: ReviewInputs,
              note: ReviewNote) -> bool:
    """Add what one KPI says to the note; True if it said anything under "What changed"."""
    name, now, before = kpi.name, kpi.now, kpi.before
    m = now.metric
    first, named = len(note.changed), set[date]()
    before_signal = kpi.chart_before.verdict is Verdict.SIGNAL
    now_signal = kpi.chart_now.verdict is Verdict.SIGNAL
    finding = kpi.chart_now.latest_finding
    started = now_signal and not before_signal and finding is not None
    outside = [p for p in kpi.unseen if range_status(m, p.value) in OUT_OF_RANGE]
    healthy = format_range(m.range_min, m.range_max, m.unit)
    latest = {now.latest.at} if now.latest is not None else set()
    if now.range_status in OUT_OF_RANGE and before.range_status not in OUT_OF_RANGE:
        text = f"{name} left its healthy range ({healthy}): {value_on(now)}, was {value_on(before)}"
        if outside and now.latest is not None and outside[0].at < now.latest.at:
            text += f"; first outside on {outside[0].at} ({format_value(outside[0].value, m.unit)})"
            named.add(outside[0].at)
        note.changed.append(text + ".")
        named |= latest
        what = "left its healthy range" + (", and not by noise (rule 7)" if started else
                                           " by noise only" if not now_signal else "")
        note.matters.append(_why_kpi(kpi, krs, data, what, harmful=True))
        if not started:
            note.next_tests.append(f"Find why {name} left its healthy range.")
    elif now.range_status not in OUT_OF_RANGE and before.range_status in OUT_OF_RANGE \
            and now.latest is not None:
        note.changed.append(f"{name} is back in its healthy range: {value_on(now)}.")
        named |= latest
    elif outside and before.range_status not in OUT_OF_RANGE:
        # Out and back between two reviews: only a reading the last one did not see shows it.
        note.changed.append(f"{name} was outside its healthy range ({healthy}) "
                            f"{data.since_words}: {readings_on(outside, m.unit)}; back in it: "
                            f"{value_on(now)}.")
        named.update(p.at for p in outside)
        named |= latest
        if not started:  # a signal asks for its own investigation, below
            note.next_tests.append(f"Find why {name} left its healthy range on "
                                   f"{outside[0].at}.")
    if started and finding is not None:
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
        note.changed.append(f"{name}: the signal ended; it is back within normal variation.")
    elif now_signal and finding is not None and kpi.key_result_id is None:
        summary = finding.summary()
        if kpi.judged_from is not None and finding.since <= kpi.judged_from:
            summary = summary.replace(" since ", " since at least ")
        note.next_tests.append(
            f"Explain {name}'s signal ({summary}, ongoing): once explained, start "
            "a new baseline, or a key result for next quarter.")
    # Stale now, fresh when the last review looked (a KPI it never saw was not fresh).
    if now.status is Status.STALE and before.status not in (Status.STALE, Status.NO_DATA):
        last = now.latest.at if now.latest else "-"
        note.changed.append(f"{name} went stale {data.since_words}: last reading {last} "
                            f"({now.days_since} days ago; reviewed {m.cadence}).")
        named |= latest
    _next_tests(kpi, note)
    said = len(note.changed) > first
    rest = [p for p in kpi.unseen if p.at not in named]
    if said and rest:
        note.changed[first] = (f"{note.changed[first]} Also recorded {data.since_words}: "
                               f"{readings_on(rest, m.unit)}.")
    return said


def _next_tests(kpi: KpiState, note: ReviewNote) -> None:
    """What a KPI's state asks for, whatever changed: a reading, its range, a range."""
    name, now, before, m = kpi.name, kpi.now, kpi.before, kpi.now.metric
    if now.status is Status.STALE:
        note.next_tests.append(f"Record {name} (last reading "
                               f"{now.latest.at if now.latest else 'never'}).")
    elif now.status is Status.NO_DATA:
        note.next_tests.append(f"Record a first reading of {name}.")
    if (now.range_status in OUT_OF_RANGE and before.range_status in OUT_OF_RANGE
            and now.status is not Status.STALE and kpi.key_result_id is None):
        note.next_tests.append(
            f"Bring {name} back into its healthy range, or change the range if it no longer "
            f"fits (still {now.range_status}: {value_on(now)}; range "
            f"{format_range(m.range_min, m.range_max, m.unit)}).")
    if not m.has_range and m.watched and kpi.key_result_id is None:
        note.next_tests.append(f"Give {name} a healthy range: a KPI without one guides nothing "
                               "(rule 4).")


def _centre(chart: XmR, unit: str) -> str:
    return "-" if chart.centre is None else format_value(round(chart.centre, 2), unit)


def _pct(share: float | None) -> str:
    return "no data" if share is None else f"{whole_percent(share)}%"


def _why_kpi(kpi: KpiState, krs: dict[int | None, KeyResultState], data: ReviewInputs,
             what: str, harmful: bool = True) -> str:
    """Tie a KPI's change to the key results it measures or guards."""
    reasons = []
    if kpi.key_result_id in krs:
        kr = krs[kpi.key_result_id]
        reasons.append(f"it is the metric of KR{kpi.key_result_id} ({kr.short_statement}), "
                       f"{_pct(kr.now.progress)} done with {data.weeks_left} week(s) left")
    for kr_id in kpi.guards:
        if kr_id in krs and harmful:
            reasons.append(f"it guards KR{kr_id} ({krs[kr_id].short_statement}): the push may "
                           "be breaking it (rule 8)")
        elif kr_id in krs:
            reasons.append(f"it guards KR{kr_id} ({krs[kr_id].short_statement}), and it is "
                           "holding")
    if not reasons:
        reasons.append("a vital sign the quarter's plan relies on staying healthy")
    return f"{kpi.name} {what}: " + "; ".join(reasons) + "."
