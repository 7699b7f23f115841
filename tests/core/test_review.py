"""The weekly note from fixed inputs: what each change says, and that it never varies."""

from __future__ import annotations

from datetime import date, timedelta

from okrtui.core.kpi import kpi_health
from okrtui.core.models import KeyResult, Metric, NextTest, Objective, Point
from okrtui.core.okr import key_result_view
from okrtui.core.review import KeyResultState, KpiState, ReviewInputs, build_note
from okrtui.core.review_text import next_tests_in, note_json, render_markdown
from okrtui.core.signals import xmr

WEEK = date(2026, 11, 16)
SINCE, UNTIL = WEEK - timedelta(days=1), WEEK + timedelta(days=6)


def points(values: list[float], end: date) -> list[Point]:
    return [Point(at=end - timedelta(weeks=len(values) - 1 - i), value=v)
            for i, v in enumerate(values)]


def state(metric: Metric, values: list[float], **kw: object) -> KpiState:
    now = points(values, UNTIL - timedelta(days=6))
    before = [p for p in now if p.at <= SINCE]
    return KpiState(before=kpi_health(metric, before, SINCE), now=kpi_health(metric, now, UNTIL),
                    chart_before=xmr(before), chart_now=xmr(now),
                    unseen=tuple(p for p in now if p.at > SINCE), **kw)  # type: ignore[arg-type]


CHURN = Metric(id=1, name="Churn", unit="%", direction="lower", range_max=3)
UPTIME = Metric(id=2, name="Uptime", unit="%", range_min=99.5)
SIGNUPS = Metric(id=3, name="Signups", range_min=10)
NPS = Metric(id=4, name="NPS")
OBJECTIVE = Objective(id=1, quarter="2026-Q4", title="Customers stay", owner="maria")
KR = KeyResult(id=7, objective_id=1, metric_id=3, statement="Grow signups from 10 to 20",
               baseline=10, target=20, start=date(2026, 10, 1), due=date(2026, 12, 31),
               owner="li")


def inputs() -> ReviewInputs:
    from okrtui.core.models import CheckIn

    noise = [2.0, 2.2] * 12
    checks = [CheckIn(key_result_id=7, at=date(2026, 11, 9), value=12, confidence=7),
              CheckIn(key_result_id=7, at=date(2026, 11, 16), value=13, confidence=4)]
    guard = kpi_health(CHURN, points(noise[:-1] + [3.5], WEEK), UNTIL)
    view = key_result_view(KR, SIGNUPS, checks, 13, UNTIL, [guard])
    return ReviewInputs(
        week=WEEK, since=SINCE, until=UNTIL, quarter="2026-Q4", weeks_left=6,
        kpis=[state(CHURN, noise[:-1] + [3.5], guards=(7,)),  # leaves its range
              state(UPTIME, [99.9, 99.8] * 12),  # noise
              state(SIGNUPS, [10, 11] * 10 + [12, 13], key_result_id=7),
              state(NPS, [30, 31] * 3)],  # no range
        key_results=[KeyResultState(now=view, objective=OBJECTIVE, progress_before=0.2,
                                    confidence_before=7)],
        tests_open=[NextTest(id=1, text="Call three churned customers", week=date(2026, 11, 9))],
        tests_answered=[NextTest(id=2, text="Try the new onboarding email", week=date(
            2026, 11, 9), status="done", learnt="opens up 20%")],
    )


def test_the_note_names_the_numbers_behind_each_change() -> None:
    note = build_note(inputs())
    changed = "\n".join(note.changed)
    assert "Churn left its healthy range (≤ 3%): 3.5% on 2026-11-16, was 2% on 2026-11-09." \
        in changed
    assert "moved within normal variation only (noise, no action): NPS, Signups, Uptime" \
        in changed
    assert "KR7 Grow signups from 10 to 20: 30% done (was 20%), confidence 4/10 (was 7/10)" \
        in changed
    assert "Guardrail tripped: Churn is above its healthy range while KR7 pushes Signups." \
        in changed
    assert "Next test from 2026-11-09 done: Try the new onboarding email: opens up 20%" in changed
    matters = "\n".join(note.matters)
    assert "Churn left its healthy range, and not by noise (rule 7): it guards KR7 (Grow" \
        in matters
    assert "KR7's confidence fell from 7 to 4" in matters
    tests = "\n".join(note.next_tests)
    assert "Ask li what would raise KR7's confidence." in tests
    assert "Give NPS a healthy range" in tests
    assert "Call three churned customers (still open since the review of 2026-11-09)" in tests


def test_the_same_inputs_give_the_same_note_word_for_word() -> None:
    first = render_markdown(build_note(inputs()))
    assert all(render_markdown(build_note(inputs())) == first for _ in range(3))
    assert first.startswith("# Weekly review, week of 2026-11-16\n")
    assert [line for line in first.splitlines() if line.startswith("## ")] == [
        "## What changed", "## Why it matters", "## What to test next"]
    assert set(note_json(build_note(inputs()))) == {
        "week", "since", "until", "compared_with", "previous_review", "what_changed",
        "why_it_matters", "what_to_test_next"}


def test_a_quiet_week_says_so_in_each_part() -> None:
    quiet = ReviewInputs(week=WEEK, since=SINCE, until=UNTIL, quarter="2026-Q4", weeks_left=6,
                         kpis=[state(UPTIME, [99.9, 99.8] * 12)])
    note = build_note(quiet)
    assert len(note.changed) == len(note.matters) == len(note.next_tests) == 1
    assert "6 week(s) left in 2026-Q4" in note.matters[0]


def test_next_tests_are_the_bullets_under_their_heading_even_after_editing() -> None:
    body = render_markdown(build_note(inputs())) + "- [ ] My own idea: pricing page A/B\n"
    tests = next_tests_in(body)
    assert "My own idea: pricing page A/B" in tests
    assert "Ask li what would raise KR7's confidence." in tests
    assert not any("still open since" in t for t in tests)  # already tracked
    edited = "# Notes\n\n### what to test next:\n\n* one\n1. two\nplain text\n## Other\n- three"
    assert next_tests_in(edited) == ["one", "two"]


def test_a_suggestion_already_being_tested_is_not_suggested_twice() -> None:
    base = inputs()
    again = NextTest(id=9, text="Give NPS a healthy range: a KPI without one guides nothing "
                     "(rule 4).", week=date(2026, 11, 9))
    note = build_note(ReviewInputs(**{**base.__dict__, "tests_open": [again]}))
    matching = [t for t in note.next_tests if t.startswith("Give NPS a healthy range")]
    assert matching == [f"{again.text} (still open since the review of 2026-11-09)"]


def test_a_signal_in_the_good_direction_is_not_a_broken_guardrail() -> None:
    good = [2.6, 2.8] * 12 + [1.0]  # churn falls: lower is better
    base = inputs()
    kpis = [state(CHURN, good, guards=(7,)), *base.kpis[1:]]
    note = build_note(ReviewInputs(**{**base.__dict__, "kpis": kpis}))
    matters = "\n".join(note.matters)
    assert "Churn is really getting better" in matters and "and it is holding" in matters
    assert "breaking it" not in matters.split("Churn is really getting better")[1].split("\n")[0]


def test_a_view_as_of_an_earlier_day_ignores_later_check_ins() -> None:
    from okrtui.core.models import CheckIn

    checks = [CheckIn(key_result_id=7, at=date(2026, 11, 16), value=12, confidence=6),
              CheckIn(key_result_id=7, at=date(2026, 11, 23), value=13, confidence=8)]
    then = key_result_view(KR, SIGNUPS, checks, 12, date(2026, 11, 22))
    assert then.confidence == 6 and [c.at for c in then.check_ins] == [date(2026, 11, 16)]
    now = key_result_view(KR, SIGNUPS, checks, 13, date(2026, 11, 23))
    assert now.confidence == 8 and len(now.check_ins) == 2
