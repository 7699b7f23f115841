"""Noise or signal and the plan check, driven by keys and read off the screen."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot

from okrtui.core.models import KeyResult, Metric, Objective
from okrtui.store.database import open_database
from okrtui.store.repository import Repository
from okrtui.tui.app import OkrApp
from okrtui.tui.screens.metric_detail import MetricScreen
from okrtui.tui.screens.plan_check import PlanCheckScreen
from tests.tui.conftest import reopen
from tests.tui.helpers import TODAY, run_app, screen_text, type_text

WEEKS = 30
SHIFT_WEEKS_AGO = 10


@pytest.fixture
def signal_db(tmp_path: Path) -> Path:
    """Latency steps up ten weeks ago (a signal); signups only wobble (noise)."""
    path = tmp_path / "signals.db"
    repo = Repository(open_database(path), "seed")
    latency = repo.add_metric(Metric(name="Latency", unit="ms", direction="lower",
                                     range_max=400, owner="lee"))
    signups = repo.add_metric(Metric(name="Signups", range_min=5))
    for week in range(WEEKS):
        at = TODAY - timedelta(weeks=WEEKS - 1 - week)
        jump = 60 if WEEKS - 1 - week < SHIFT_WEEKS_AGO else 0
        repo.record_reading(latency, at, 300 + ((week + 1) % 2) * 10 + jump, today=TODAY)
        repo.record_reading(signups, at, 10 + (week % 2), today=TODAY)
    repo.db.close()
    return path


SHIFT = TODAY - timedelta(weeks=SHIFT_WEEKS_AGO - 1)


def test_the_pane_says_signal_or_noise_and_the_note_says_since_when(signal_db: Path) -> None:
    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        lines = screen_text(app).splitlines()
        latency = next(line for line in lines if "Latency" in line)
        signups = next(line for line in lines if "Signups" in line)
        assert "✓ healthy" in latency and "▲ shift" in latency  # in range, still shifting
        assert "noise" in signups
        assert f"Latency: signal ▲ shift since {SHIFT}" in screen_text(app)
        await pilot.press("j")
        assert "Signups: noise, within normal variation: no action" in screen_text(app)

    run_app(signal_db, scenario)


def test_the_detail_view_draws_the_xmr_chart_and_a_new_baseline_recomputes_it(
        signal_db: Path) -> None:
    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MetricScreen)
        text = screen_text(app)
        assert f"Signal: ▲ shift since {SHIFT} (rule 3: 10 in a row above the centre line" \
            in text
        assert "upper" in text and "centre" in text and "lower" in text
        assert "◆" in text and "•" in text and "╌" in text  # flagged, plain, limits
        await pilot.press("b")  # the form offers the shift's date
        await pilot.pause()
        assert SHIFT.isoformat() in screen_text(app)
        await pilot.press("tab", "tab")
        await type_text(pilot, "new CDN <b>[red]")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MetricScreen)
        text = screen_text(app)
        assert "Too few readings for limits" not in text
        assert "Noise: within normal variation: no action" in text
        assert f"── limits from {SHIFT} on (its first 20 readings) (tester" in text
        assert "new CDN <b>[red]" in text  # people's text is shown, not read as markup

    run_app(signal_db, scenario, size=(100, 40))
    repo = reopen(signal_db)
    (change, *_) = repo.signals.baseline_history(repo.get_metric("Latency").id or 0)
    assert change.baseline.start == SHIFT and change.note == "new CDN <b>[red]"


def test_a_bad_baseline_date_keeps_the_form_open_and_saves_nothing(signal_db: Path) -> None:
    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        await pilot.press("b")
        await pilot.pause()
        await type_text(pilot, "2099-01-01")
        await pilot.press("enter")
        await pilot.pause()
        assert "in the future" in screen_text(app)
        await pilot.press("escape")

    run_app(signal_db, scenario)
    repo = reopen(signal_db)
    assert repo.signals.baseline_history(repo.get_metric("Latency").id or 0) == []


def test_noise_offers_no_key_result_and_a_signal_starts_one_for_next_quarter(
        signal_db: Path) -> None:
    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        await pilot.press("j", "n")  # Signups: noise
        await pilot.pause()
        assert "Signups: within normal variation: no action" in screen_text(app)
        await pilot.press("k", "n")  # Latency: a signal
        await pilot.pause()
        text = screen_text(app)
        assert "A key result for 2027-Q1 from a signal" in text
        assert "Bring Latency back from 360 ms to 305 ms" in text  # to the old centre line
        await pilot.press("enter")  # no objective yet
        await pilot.pause()
        assert "which objective" in screen_text(app)
        await type_text(pilot, "Pages feel instant again")
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "OKRs · 2027-Q1 (next quarter)" in text and "Pages feel instant again" in text

    run_app(signal_db, scenario)
    repo = reopen(signal_db)
    (objective,) = repo.okrs.objectives("2027-Q1")
    (kr,) = repo.okrs.key_results("2027-Q1")
    assert kr.objective_id == objective.id and kr.owner == "lee"
    assert kr.baseline == 360 and kr.target == 305 and kr.start.isoformat() == "2027-01-01"


def test_the_plan_check_marks_items_explains_on_focus_and_lists_everything(
        signal_db: Path) -> None:
    repo = Repository(open_database(signal_db), "seed")
    repo.add_metric(Metric(name="Mood"))  # a KPI without a healthy range
    objective = repo.okrs.add_objective(Objective(quarter="2026-Q4", title="Keep [b]calm[/b]"))
    latency = repo.get_metric("Latency")
    repo.okrs.add_key_result(KeyResult(
        objective_id=objective.id or 0, metric_id=latency.id or 0, statement="Ship the CDN",
        baseline=0, target=1, start=TODAY.replace(month=10, day=1),
        due=TODAY.replace(month=12, day=31), owner="lee"))
    repo.db.close()

    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        text = screen_text(app)
        assert "⚑ Mood" in text and "⚑ 1. Keep [b]calm[/b]" in text and "⚑ Ship the CDN" in text
        await pilot.press("j")  # Mood
        assert "⚑ KPI 'Mood' has no healthy range" in screen_text(app)
        await pilot.press("tab")  # the objective
        assert "is a KPI in a costume" in screen_text(app)
        await pilot.press("j")  # the key result
        assert "KR1 reads like a task" in screen_text(app)
        await pilot.press("L")
        await pilot.pause()
        assert isinstance(app.screen, PlanCheckScreen)
        text = screen_text(app)
        assert "Plan check · 2026-Q4 · 3 finding(s)" in text
        assert "maintain-objective" in text and "task-like-key-result" in text
        assert "fix: set a minimum" in text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, PlanCheckScreen)

    run_app(signal_db, scenario)


def test_the_prefilled_statement_follows_a_changed_target(signal_db: Path) -> None:
    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        await pilot.press("n")
        await pilot.pause()
        await type_text(pilot, "Pages feel instant")
        await pilot.press("tab", "tab", "tab", "tab")  # to the target
        await type_text(pilot, "290")
        await pilot.press("enter")
        await pilot.pause()

    run_app(signal_db, scenario)
    (kr,) = reopen(signal_db).okrs.key_results("2027-Q1")
    assert kr.statement == "Bring Latency back from 360 ms to 290 ms" and kr.target == 290


def test_a_reset_without_a_baseline_is_refused(signal_db: Path) -> None:
    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        await pilot.press("j", "b")  # Signups: noise, no baseline of its own
        await pilot.pause()
        assert "Now: limits from the first 20 readings" in screen_text(app)
        await pilot.press("enter")  # From is blank
        await pilot.pause()
        assert "already come from the first 20 readings" in screen_text(app)
        await pilot.press("escape")

    run_app(signal_db, scenario)
    repo = reopen(signal_db)
    assert repo.signals.baseline_history(repo.get_metric("Signups").id or 0) == []


def test_a_baseline_change_can_be_read_whole_under_the_history(signal_db: Path) -> None:
    repo = Repository(open_database(signal_db), "seed")
    latency = repo.get_metric("Latency")
    repo.signals.set_baseline(latency.id or 0, SHIFT, None, today=TODAY,
                              note="moved to the new CDN in Frankfurt, after the outage " * 2)
    repo.db.close()

    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        await pilot.press("enter")
        await pilot.pause()
        for _ in range(10):  # down the history to the baseline line
            await pilot.press("j")
        await pilot.pause()
        text = screen_text(app)
        assert f"limits from {SHIFT} on (its first 20 readings) (seed" in text
        assert "after the outage moved to the new CDN" in text.replace("\n", " ")

    run_app(signal_db, scenario, size=(80, 40))


def test_a_refused_key_result_from_a_signal_leaves_no_objective_behind(
        signal_db: Path) -> None:
    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        await pilot.press("n")  # Latency: a signal
        await pilot.pause()
        await type_text(pilot, "Pages feel instant")
        for _ in range(7):  # to the guardrails
            await pilot.press("tab")
        await type_text(pilot, "No such metric")
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "A key result for 2027-Q1 from a signal" in text  # the form stays open
        assert "No such metric" in text.split("Guardrails")[1]  # said by the field

    run_app(signal_db, scenario)
    repo = reopen(signal_db)
    assert repo.okrs.objectives("2027-Q1") == [] and repo.okrs.key_results("2027-Q1") == []
