"""The OKR pane by keys at 80×24: see the plan, check in week after week."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from pathlib import Path

from okrtui.core.models import KeyResult, Metric, Objective
from okrtui.store.database import open_database
from okrtui.store.repository import Repository
from okrtui.tui.app import OkrApp
from okrtui.tui.screens.key_result_detail import KeyResultScreen
from okrtui.tui.widgets.check_in_dialog import CheckInDialog
from tests.tui.conftest import reopen
from tests.tui.helpers import screen_text, type_text

QUARTER_START = date(2026, 10, 1)


def _plan(path: Path) -> None:
    repo = Repository(open_database(path), "seed")
    churn = repo.add_metric(Metric(name="Churn", unit="%", direction="lower", range_max=3))
    repo.record_reading(churn, date(2026, 10, 5), 4.0, today=date(2026, 10, 5))
    signups = repo.add_metric(Metric(name="Signups", watched=False))
    objective = repo.okrs.add_objective(Objective(quarter="2026-Q4", title="Customers stay",
                                                  owner="maria"))
    for metric, baseline, target in ((churn, 4.0, 2.5), (signups, 100, 200)):
        repo.okrs.add_key_result(KeyResult(
            objective_id=objective.id or 0, metric_id=metric.id or 0,
            statement=f"Move {metric.name}", baseline=baseline, target=target,
            start=QUARTER_START, due=date(2026, 12, 31)))
    repo.db.close()


def _week(path: Path, today: date, scenario) -> None:  # noqa: ANN001
    async def main() -> None:
        repo = Repository(open_database(path), "tester")
        app = OkrApp(repo, today, where="test")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await scenario(pilot, app)
        repo.db.close()

    asyncio.run(main())


def test_three_weeks_of_check_ins_by_keys(tmp_path: Path) -> None:
    path = tmp_path / "okr.db"
    _plan(path)
    first = date(2026, 11, 9)

    async def week_one(pilot, app) -> None:  # noqa: ANN001
        text = screen_text(app)
        assert "This quarter's OKRs · 2026-Q4" in text and "Customers stay" in text
        assert "→KR1 Churn" in text  # the KPI pane labels it by its role
        await pilot.press("tab", "j", "c")  # into the OKR pane, onto KR1, check in
        assert isinstance(app.screen, CheckInDialog)
        await type_text(pilot, "3.6")
        await pilot.press("tab", "tab")  # past the date (today)
        await type_text(pilot, "11")  # not a confidence
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CheckInDialog)
        assert "not a confidence from 0 to 10" in screen_text(app)
        await type_text(pilot, "6")
        await pilot.press("tab")
        await type_text(pilot, "price change")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CheckInDialog)  # the next key result due opens
        assert "Move Signups" in screen_text(app)
        await type_text(pilot, "120")
        await pilot.press("tab", "tab")
        await type_text(pilot, "5")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, CheckInDialog)
        assert "6/10" in screen_text(app) and "5/10" in screen_text(app)

    async def no_change_week(pilot, app) -> None:  # noqa: ANN001
        await pilot.press("tab", "j", "c", "ctrl+n")  # KR1: no change
        await pilot.pause()
        await pilot.press("ctrl+n")  # KR2: no change
        await pilot.pause()
        assert not isinstance(app.screen, CheckInDialog)

    _week(path, first, week_one)
    _week(path, first + timedelta(weeks=1), no_change_week)

    async def last_week(pilot, app) -> None:  # noqa: ANN001
        await pilot.press("tab", "j", "c")
        await type_text(pilot, "3.1")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("escape")  # leave KR2 for later
        await pilot.pause()
        await pilot.press("enter")  # open KR1
        await pilot.pause()
        assert isinstance(app.screen, KeyResultScreen)
        text = screen_text(app)
        assert "Check-ins: 3" in text and "price change" in text and "3.1%" in text

    _week(path, first + timedelta(weeks=2), last_week)
    repo = reopen(path)
    trail = [(c.at, c.value, c.confidence) for c in repo.okrs.check_ins(1)]
    assert trail == [(first, 3.6, 6), (first + timedelta(weeks=1), 3.6, 6),
                     (first + timedelta(weeks=2), 3.1, 6)]
    assert [(c.value, c.confidence) for c in repo.okrs.check_ins(2)] == [(120, 5), (120, 5)]


def test_quarters_can_be_browsed_with_brackets(tmp_path: Path) -> None:
    path = tmp_path / "okr.db"
    _plan(path)

    async def scenario(pilot, app) -> None:  # noqa: ANN001
        await pilot.press("left_square_bracket")
        await pilot.pause()
        text = screen_text(app)
        assert "2026-Q3 (past quarter)" in text and "No objectives" in text
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert "2027-Q1 (next quarter)" in screen_text(app)

    _week(path, date(2026, 11, 9), scenario)


def test_a_quarter_is_planned_by_keys_with_validation_by_the_field(tmp_path: Path) -> None:
    path = tmp_path / "plan.db"
    repo = Repository(open_database(path), "seed")
    churn = repo.add_metric(Metric(name="Churn", unit="%", direction="lower", range_max=3))
    repo.record_reading(churn, date(2026, 11, 2), 4.0, today=date(2026, 11, 2))
    repo.add_metric(Metric(name="Support tickets", range_max=100))
    repo.db.close()

    async def scenario(pilot, app) -> None:  # noqa: ANN001
        assert "press A to add one" in screen_text(app)
        await pilot.press("A")
        await type_text(pilot, "Customers stay")
        await pilot.press("tab")
        await type_text(pilot, "churn eats growth")
        await pilot.press("enter")
        await pilot.pause()
        assert "Customers stay" in screen_text(app)
        await pilot.press("a")  # the OKR pane has the keyboard now: add a KR to it
        await type_text(pilot, "Reduce churn from 4% to 2.5%")
        await pilot.press("tab")
        await type_text(pilot, "Chrun")  # a typo
        await pilot.press("tab", "tab")
        await type_text(pilot, "2.5")
        await pilot.press("tab", "tab", "tab")
        await type_text(pilot, "Support tickets")
        await pilot.press("enter")
        await pilot.pause()
        assert "no metric named 'Chrun'" in screen_text(app)
        await type_text(pilot, "Churn")  # the field is focused with its text selected
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "→KR1 Churn" in text
        # No owner: the plan check marks the key result and says why under the panes.
        assert "⚑ Reduce churn from 4%" in text and "KR1 has no owner" in text

    _week(path, date(2026, 11, 9), scenario)
    repo = reopen(path)
    (kr,) = repo.okrs.key_results("2026-Q4")
    assert (kr.baseline, kr.target, kr.due) == (4.0, 2.5, date(2026, 12, 31))
    assert [repo.get_metric_by_id(m).name for m in repo.okrs.guardrail_ids(kr.id or 0)] == [
        "Support tickets"]


def test_closing_a_quarter_by_keys_with_a_carry_over_and_a_return_to_kpi(
    tmp_path: Path,
) -> None:
    path = tmp_path / "close.db"
    _plan(path)
    repo = Repository(open_database(path), "seed")
    for kr_id, value in ((1, 3.0), (2, 150.0)):
        repo.okrs.check_in(repo.okrs.get_key_result(kr_id), value, today=date(2026, 12, 21),
                           confidence=6)
    repo.db.close()

    async def scenario(pilot, app) -> None:  # noqa: ANN001
        await pilot.press("Z")
        await pilot.pause()
        assert "grade KR1" in screen_text(app)
        # 4 → 3 of the way to 2.5 is 66.7%: offered as 0.66, never rounded into a success.
        assert "suggested 0.66" in screen_text(app)
        await pilot.press("tab")
        await type_text(pilot, "pricing worked")
        await pilot.press("tab", "left", "left")  # drop → return to KPI → carry over
        assert "(•) carry over" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert "grade KR2" in screen_text(app)
        await type_text(pilot, "1.5")  # not a score
        await pilot.press("enter")
        await pilot.pause()
        assert "grade KR2" in screen_text(app) and "is not a score" in screen_text(app)
        await type_text(pilot, "0.5")
        await pilot.press("tab", "tab", "left")  # → return to KPI
        await pilot.press("tab")
        await type_text(pilot, "150")  # healthy from 150 signups
        await pilot.press("enter")
        await pilot.pause()
        assert "reflect on: Customers stay" in screen_text(app)
        await type_text(pilot, "retention beats acquisition")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        text = screen_text(app)
        assert "closed (Z reopens)" in text and "· score 0.66" in text
        await pilot.press("tab", "j", "c")  # a closed quarter is read-only: no dialog
        await pilot.pause()
        assert not isinstance(app.screen, CheckInDialog)
        assert "2026-Q4 is closed: Z reopens it" in screen_text(app)

    _week(path, date(2026, 12, 28), scenario)
    repo = reopen(path)
    kr1, kr2 = repo.okrs.get_key_result(1), repo.okrs.get_key_result(2)
    assert (kr1.final_score, kr1.next_step, kr1.close_note) == (0.66, "carry-over",
                                                                "pricing worked")
    assert (kr2.final_score, kr2.next_step) == (0.5, "return-to-kpi")
    signups = repo.get_metric("Signups")
    assert signups.watched and signups.range_min == 150
    (carried,) = repo.okrs.key_results("2027-Q1")
    assert (carried.carried_from, carried.baseline, carried.target) == (1, 3.0, 2.5)
    assert repo.okrs.objectives("2026-Q4")[0].reflection == "retention beats acquisition"
    assert repo.closing.is_closed("2026-Q4")


def test_objectives_and_key_results_are_edited_by_keys(tmp_path: Path) -> None:
    path = tmp_path / "edit.db"
    _plan(path)

    async def scenario(pilot, app) -> None:  # noqa: ANN001
        await pilot.press("tab", "e")  # on the objective
        await type_text(pilot, "Customers stay and grow")
        await pilot.press("enter")
        await pilot.pause()
        assert "Customers stay and grow" in screen_text(app)
        await pilot.press("j", "e")  # on KR1
        await pilot.press("tab", "tab", "tab")  # statement, metric, baseline → target
        await type_text(pilot, "abc")
        await pilot.press("enter")
        await pilot.pause()
        assert "'abc' is not a number" in screen_text(app)
        await type_text(pilot, "2")
        await pilot.press("enter")
        await pilot.pause()

    _week(path, date(2026, 11, 9), scenario)
    repo = reopen(path)
    assert repo.okrs.get_objective(1).title == "Customers stay and grow"
    kr = repo.okrs.get_key_result(1)
    assert (kr.target, kr.version) == (2.0, 2)


def test_the_whole_quarter_by_keys_plan_check_in_three_weeks_close(tmp_path: Path) -> None:
    """Plan a quarter, check in three weeks, close it with a carry-over and a return to KPI."""
    path = tmp_path / "cycle.db"
    repo = Repository(open_database(path), "seed")
    churn = repo.add_metric(Metric(name="Churn", unit="%", direction="lower", range_max=3))
    repo.record_reading(churn, date(2026, 10, 5), 4.0, today=date(2026, 10, 5))
    signups = repo.add_metric(Metric(name="Signups", watched=False))
    repo.record_reading(signups, date(2026, 10, 5), 100, today=date(2026, 10, 5))
    repo.db.close()

    async def plan(pilot, app) -> None:  # noqa: ANN001
        await pilot.press("A")
        await type_text(pilot, "Customers stay")
        await pilot.press("enter")
        await pilot.pause()
        for statement, metric, target in (("Cut churn to 2.5%", "Churn", "2.5"),
                                          ("Double signups", "Signups", "200")):
            await pilot.press("g", "a")  # on the objective: add a key result
            await type_text(pilot, statement)
            await pilot.press("tab")
            await type_text(pilot, metric)
            await pilot.press("tab", "tab")
            await type_text(pilot, target)
            await pilot.press("enter")
            await pilot.pause()
        assert "Cut churn to 2.5%" in screen_text(app) and "Double signups" in screen_text(app)

    async def check_in(pilot, app) -> None:  # noqa: ANN001
        await pilot.press("tab", "j", "c")
        await type_text(pilot, str(3.8 - 0.2 * app.today.isocalendar().week % 3))
        await pilot.press("enter")
        await pilot.pause()
        await type_text(pilot, "140")
        await pilot.press("enter")
        await pilot.pause()

    async def close(pilot, app) -> None:  # noqa: ANN001
        await pilot.press("Z")
        await pilot.press("tab", "tab", "left", "left", "enter")  # KR1: carry over
        await pilot.pause()
        await pilot.press("tab", "tab", "left", "tab")  # KR2: return to KPI, min…
        await type_text(pilot, "150")
        await pilot.press("enter")
        await pilot.pause()
        await type_text(pilot, "focus paid off")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert "closed (Z reopens)" in screen_text(app)

    _week(path, date(2026, 11, 2), plan)
    for week in range(3):
        _week(path, date(2026, 11, 9) + timedelta(weeks=week), check_in)
    _week(path, date(2026, 12, 28), close)

    repo = reopen(path)
    assert repo.closing.is_closed("2026-Q4")
    kr1, kr2 = repo.okrs.key_results("2026-Q4")
    assert len(repo.okrs.check_ins(kr1.id or 0)) == 3 == len(repo.okrs.check_ins(kr2.id or 0))
    assert (kr1.next_step, kr2.next_step) == ("carry-over", "return-to-kpi")
    assert [k.carried_from for k in repo.okrs.key_results("2027-Q1")] == [kr1.id]
    signups = repo.get_metric("Signups")
    assert signups.watched and signups.range_min == 150
