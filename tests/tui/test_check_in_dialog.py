"""The check-in dialog by keys at 80×24: its date field, confidence only, a fraction read
as tenths, a teammate's same-day check-in told in the status line and listed in the
detail, and "correct mine"."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from okrtui.core.models import KeyResult, Metric, Objective
from okrtui.store.database import open_database
from okrtui.store.repository import Repository
from okrtui.tui.screens.key_result_detail import KeyResultScreen
from okrtui.tui.widgets.check_in_dialog import CheckInDialog
from tests.tui.conftest import reopen
from tests.tui.helpers import TODAY, run_app, screen_text, type_text


@pytest.fixture(autouse=True)
def utc_clock() -> Iterator[None]:
    """Times on screen in UTC, whatever this machine's zone."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "okr.db"
    repo = Repository(open_database(path), "seed")
    activation = repo.add_metric(Metric(name="Activation", watched=False))
    repo.record_reading(activation, date(2026, 10, 1), 0.3, today=TODAY)
    objective = repo.okrs.add_objective(Objective(quarter="2026-Q4", title="Onboard"))
    repo.okrs.add_key_result(KeyResult(
        objective_id=objective.id or 0, metric_id=activation.id or 0,
        statement="Lift activation", baseline=0.3, target=0.5, start=date(2026, 10, 1),
        due=date(2026, 12, 31), owner="maria"))
    repo.db.close()
    return path


def seed_check_in(path: Path, user: str, value: float | None, hour: int, minute: int = 0,
                  confidence: int | None = None) -> None:
    repo = Repository(open_database(path), user)
    repo.okrs.check_in(repo.okrs.get_key_result(1), value, today=TODAY, confidence=confidence,
                       recorded_at=datetime(2026, 11, 23, hour, minute, tzinfo=UTC))
    repo.db.close()


async def open_dialog(pilot, app) -> str:  # noqa: ANN001
    await pilot.press("tab", "j", "c")  # the OKR pane, KR1, check in
    await pilot.pause()
    assert isinstance(app.screen, CheckInDialog)
    return screen_text(app)


def test_the_dialog_has_a_date_field_and_takes_a_backdated_check_in(plan: Path) -> None:
    async def scenario(pilot, app) -> None:  # noqa: ANN001
        text = await open_dialog(pilot, app)
        assert re.search(r"Date +2026-11-23", text), text
        await type_text(pilot, "0.36")
        await pilot.press("tab")
        await type_text(pilot, "2026-09-30")  # before the key result's start
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CheckInDialog)
        assert "key result 1 starts on 2026-10-01: a check-in for" in screen_text(app)
        await type_text(pilot, "yesterday")  # the refused date is selected: typing replaces it
        await pilot.press("tab")
        await type_text(pilot, "7")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, CheckInDialog)
        assert "Checked in on KR1 for 2026-11-22" in screen_text(app)

    run_app(plan, scenario)
    (check,) = reopen(plan).okrs.check_ins(1)
    assert (check.at, check.value, check.confidence, check.source) == (
        date(2026, 11, 22), 0.36, 7, "tui")


def test_a_confidence_only_check_in_and_a_fraction_read_as_tenths(plan: Path) -> None:
    async def scenario(pilot, app) -> None:  # noqa: ANN001
        await open_dialog(pilot, app)
        await pilot.press("backspace")  # the prefilled value is selected: now empty
        await pilot.press("tab", "tab")
        await type_text(pilot, "0.4")
        await pilot.press("tab")
        await type_text(pilot, "no new number yet")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, CheckInDialog)
        assert "Checked in on KR1 · read confidence 0.4 as 4/10" in screen_text(app)
        assert re.search(r"Lift activation +4/10", screen_text(app))

    run_app(plan, scenario)
    repo = reopen(plan)
    (check,) = repo.okrs.check_ins(1)
    assert (check.value, check.confidence, check.reading_id) == (None, 4, None)
    assert len(repo.history(1)) == 1  # no reading was written


def test_a_teammates_same_day_check_in_is_told_and_both_are_listed(plan: Path) -> None:
    seed_check_in(plan, "li", 0.42, 10, 2, confidence=6)

    async def scenario(pilot, app) -> None:  # noqa: ANN001
        await open_dialog(pilot, app)
        await type_text(pilot, "0.45")
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert ("li checked in 0.42 at 10:02 today; yours becomes today's value, both are "
                "kept") in text
        assert re.search(r"KR1: 2 check-ins on 2026-11-23: li 0.42 at 10:02, tester 0.45 at "
                         r"\d\d:\d\d", text), text  # the line under the panes
        await pilot.press("enter")  # the key result's detail
        await pilot.pause()
        assert isinstance(app.screen, KeyResultScreen)
        text = screen_text(app)
        assert "Check-ins: 2" in text
        assert re.search(r"2026-11-23 +10:02 +0\.42 +6/10 +li", text), text
        assert re.search(r"2026-11-23 +\d\d:\d\d +0\.45 +6/10 +tester", text), text

    run_app(plan, scenario)
    assert [(c.author, c.value) for c in reopen(plan).okrs.check_ins(1)] == [
        ("li", 0.42), ("tester", 0.45)]


def test_the_dialog_offers_to_correct_your_own_check_in_of_today(plan: Path) -> None:
    seed_check_in(plan, "tester", 0.40, 9, confidence=6)

    async def scenario(pilot, app) -> None:  # noqa: ANN001
        text = await open_dialog(pilot, app)
        assert "You checked in 0.4 at 09:00 today: tick \"correct mine\" to replace" in text
        assert "[ ] correct mine" in text
        await type_text(pilot, "0.41")
        await pilot.press("tab", "tab", "tab", "tab", "space")  # to the box, tick it
        assert "[x] correct mine" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert "Corrected your check-in on KR1" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "Check-ins: 2 (1 corrected)" in text
        assert re.search(r"09:00 +0\.4 +6/10 +tester +\(corrected\)", text), text
        assert re.search(r"0\.41 +6/10 +tester +\(correction\)", text), text

    run_app(plan, scenario)
    first, fixed = reopen(plan).okrs.check_ins(1)
    assert fixed.corrects == first.id and fixed.value == 0.41
    assert reopen(plan).okrs.key_result_view(1, TODAY).current == 0.41


def test_without_the_tick_a_second_check_in_of_your_own_is_kept_too(plan: Path) -> None:
    seed_check_in(plan, "tester", 0.40, 9, confidence=6)

    async def scenario(pilot, app) -> None:  # noqa: ANN001
        await open_dialog(pilot, app)
        await type_text(pilot, "0.41")
        await pilot.press("enter")
        await pilot.pause()
        assert "you checked in 0.4 at 09:00 today too; both are kept" in screen_text(app)

    run_app(plan, scenario)
    assert [(c.value, c.corrects) for c in reopen(plan).okrs.check_ins(1)] == [
        (0.40, None), (0.41, None)]


def test_with_a_teammate_and_your_own_earlier_one_the_notice_still_fits_its_line(
        plan: Path) -> None:
    seed_check_in(plan, "li", 0.42, 10, 2)
    seed_check_in(plan, "tester", 0.40, 10, 30)

    async def scenario(pilot, app) -> None:  # noqa: ANN001
        await open_dialog(pilot, app)
        await type_text(pilot, "0.45")
        await pilot.press("enter")
        await pilot.pause()
        assert screen_text(app).splitlines()[0].strip() == (
            "li checked in 0.42 at 10:02 today; yours becomes today's value, all are kept")

    run_app(plan, scenario)
