"""A cycle's plan as Markdown: what is written reads back as the same plan, and as no
change; handbook pages read; every bad line is named."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from okrtui.core.models import KeyResult, Objective
from okrtui.core.plan_diff import diff_plan
from okrtui.core.plan_model import PlannedKeyResult, PlannedObjective, PlanRefused
from okrtui.core.plan_text import parse_plan, render_plan

CYCLE = "2026-Q4"
START, END = date(2026, 10, 1), date(2026, 12, 31)

# One-line text as people type it, the Markdown characters included.
_alphabet = st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"),
                          blacklist_characters="\x85")
line_text = st.text(_alphabet, min_size=1, max_size=30).map(str.strip).filter(bool)
why_text = st.lists(st.text(_alphabet, max_size=20).map(str.rstrip), max_size=3).map(
    lambda rows: "\n".join(rows).strip("\n"))
numbers = st.one_of(st.integers(-10**6, 10**6).map(float),
                    st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False))
names = st.text(st.characters(whitelist_categories=("L", "N")), min_size=1, max_size=12)


@st.composite
def plans(draw: st.DrawFn) -> tuple[PlannedObjective, ...]:
    objectives = []
    kr_id = 1
    for o_id in range(1, draw(st.integers(0, 3)) + 1):
        krs = []
        for _ in range(draw(st.integers(0, 3))):
            baseline, target = draw(numbers), draw(numbers)
            if baseline == target:
                target = baseline + 1
            kr = KeyResult(id=kr_id, objective_id=o_id, metric_id=kr_id,
                           statement=draw(line_text), baseline=baseline, target=target,
                           start=START, due=draw(st.dates(START, END)),
                           owner=draw(st.one_of(st.just(""), names)))
            krs.append(PlannedKeyResult(kr, f"M{kr_id}{draw(names)}",
                                        tuple(draw(st.lists(names, max_size=2)))))
            kr_id += 1
        objective = Objective(id=o_id, quarter=CYCLE, title=draw(line_text),
                              owner=draw(st.one_of(st.just(""), names)),
                              team=draw(st.one_of(st.just(""), names)), why=draw(why_text))
        objectives.append(PlannedObjective(objective, tuple(krs)))
    return tuple(objectives)


@given(plans())
def test_a_rendered_plan_reads_back_as_the_same_plan(plan: tuple[PlannedObjective, ...]) -> None:
    draft = parse_plan(render_plan(CYCLE, plan))
    assert [o.id for o in draft.objectives] == [p.objective.id for p in plan]
    for read, planned in zip(draft.objectives, plan, strict=True):
        o = planned.objective
        assert (read.title, read.owner, read.team, read.why) == (
            o.title, o.owner, o.team, o.why.strip("\n"))
        assert [k.id for k in read.key_results] == [k.key_result.id for k in planned.key_results]
        for kr_read, kr in zip(read.key_results, planned.key_results, strict=True):
            d, k = kr_read.draft, kr.key_result
            assert (d.statement, d.metric, d.baseline, d.target, d.due, d.owner,
                    d.guardrails) == (k.statement, kr.metric, k.baseline, k.target, k.due,
                                      k.owner, kr.guardrails)


@given(plans())
def test_a_rendered_plan_saved_unchanged_changes_nothing(
        plan: tuple[PlannedObjective, ...]) -> None:
    assert diff_plan(CYCLE, plan, parse_plan(render_plan(CYCLE, plan))).empty


@given(plans(), st.data())
def test_an_edited_title_is_one_edit(plan: tuple[PlannedObjective, ...],
                                     data: st.DataObject) -> None:
    krs = [k for p in plan for k in p.key_results]
    if not krs:
        return
    kr = data.draw(st.sampled_from(krs)).key_result
    text = render_plan(CYCLE, plan).replace(f"- {kr.statement} {{#kr{kr.id}}}",
                                            f"- {kr.statement} again {{#kr{kr.id}}}")
    diff = diff_plan(CYCLE, plan, parse_plan(text))
    assert [(c.kind, c.id, c.fields[0][0]) for c in diff.changes] == [
        ("edited", kr.id, "statement")]


def _plan() -> tuple[PlannedObjective, ...]:
    o = Objective(id=3, quarter=CYCLE, title="Grow activation", owner="maria")
    kr = KeyResult(id=12, objective_id=3, metric_id=1, statement="Lift activation",
                   baseline=32, target=40, start=START, due=END, owner="li")
    return (PlannedObjective(o, (PlannedKeyResult(kr, "Activation", uses=("4 check-ins",)),)),)


def test_a_handbook_page_reads_as_a_plan() -> None:
    page = """# Q4 OKRs

Some words about the quarter.

## Make onboarding delightful
owner: maria
New users get stuck on day one.

- Increase activation from 25% to 35%
  metric: Activation
  - initiative: a new tour
- Cut time to first report from 3 to 1 days · ours
  metric: Time to report
  due: 2026-12-15
"""
    draft = parse_plan(page)
    (objective,) = draft.objectives
    assert (objective.title, objective.owner, objective.why) == (
        "Make onboarding delightful", "maria", "New users get stuck on day one.")
    first, second = (k.draft for k in objective.key_results)
    assert (first.baseline, first.target, first.metric) == (25, 35, "Activation")
    assert (second.baseline, second.target, second.due) == (3, 1, date(2026, 12, 15))
    assert draft.ignored == (1, 3, 11)
    diff = diff_plan(CYCLE, (), draft)
    assert [c.kind for c in diff.changes] == ["added"] * 3


def test_every_bad_line_is_named_by_number() -> None:
    text = """- a key result before any objective
## Fine {#kr4}
- No metric here
  target: forty
  colour: blue
  due: tomorrow
"""
    with pytest.raises(PlanRefused) as refused:
        parse_plan(text)
    assert [e.line for e in refused.value.errors] == [1, 2, 3, 4, 5, 6]
    assert "line 4: target: 'forty' is not a number" in str(refused.value)


def test_a_key_result_with_check_ins_is_never_removed_silently() -> None:
    text = render_plan(CYCLE, _plan()).split("\n- ")[0]
    with pytest.raises(PlanRefused, match="key result 12 'Lift activation' has 4 check-ins"):
        diff_plan(CYCLE, _plan(), parse_plan(text))


def test_identities_must_be_the_cycles_own_and_once() -> None:
    text = render_plan(CYCLE, _plan()) + "\n- Copy {#kr12}\n  metric: X\n  target: 1\n" \
        "\n## Other {#o99}\n"
    with pytest.raises(PlanRefused) as refused:
        diff_plan(CYCLE, _plan(), parse_plan(text))
    assert "{#kr12} is given twice" in str(refused.value)
    assert "2026-Q4 has no objective 99" in str(refused.value)


def test_an_edit_says_what_was_and_what_becomes() -> None:
    text = render_plan(CYCLE, _plan()).replace("target: 40", "target: 45")
    (change,) = diff_plan(CYCLE, _plan(), parse_plan(text)).changes
    assert change.describe() == ("~ edited key result 12 'Lift activation': "
                                 "target 40 → 45 (line 10)")


def test_an_edit_at_the_end_of_a_long_title_stays_in_view() -> None:
    from okrtui.core.plan_diff import _differing

    was = "New customers find value in their first week"
    assert _differing(was, was + " (edited)") == ("…r first week", "…r first week (edited)")
    assert _differing("Hire", "Hire two") == ("Hire", "Hire two")
