"""`p` on a KPI: its source runs now in a thread (the status line counts its seconds),
the value or the failure is recorded in the file, and a failing source shows on the
KPI's row and its detail screen. Real commands, a real SQLite file, a real seal."""

from __future__ import annotations

import asyncio
import os
import time
from datetime import date
from pathlib import Path

from textual.pilot import Pilot

from okrtui.accounts import load_or_create_key
from okrtui.core.models import KeyResult, Metric, Objective
from okrtui.core.sources import SourceSpec, sign
from okrtui.store.database import open_database
from okrtui.store.repository import Repository
from okrtui.tui.app import OkrApp
from okrtui.tui.screens.metric_detail import MetricScreen
from okrtui.tui.widgets.status_line import StatusLine
from tests.tui.conftest import reopen
from tests.tui.helpers import TODAY, run_app, screen_text

SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


def signups_db(path: Path, command: str | None) -> Path:
    """Signups (one reading of 40, by seed) and, if `command` is given, its source,
    sealed by this account as `okrtui source add` seals it."""
    repo = Repository(open_database(path), "seed")
    metric = repo.add_metric(Metric(name="Signups", range_min=10))
    repo.record_reading(metric, TODAY.replace(day=16), 40, today=TODAY)
    if command is not None:
        spec = SourceSpec(kind="command", command=command, timeout=10)
        uid = os.getuid()
        repo.sources.add(metric, spec, None, account="me", uid=uid,
                         signature=sign(spec, metric.id or 0, uid=uid,
                                        key=load_or_create_key()))
    repo.db.close()
    return path


def status(app: OkrApp) -> str:
    return app.dashboard.query_one(StatusLine).message


async def wait_for(pilot: Pilot[int], app: OkrApp, words: str, seconds: float = 8.0) -> None:
    """Let the app run until the status line says `words` (a pull ends in a thread)."""
    deadline = time.monotonic() + seconds
    while words not in status(app):
        assert time.monotonic() < deadline, f"status line says {status(app)!r}"
        await asyncio.sleep(0.05)
        await pilot.pause()


def pulls(path: Path) -> list[tuple[bool, float | None, str]]:
    repo = reopen(path)
    source = repo.sources.listing()[0]
    return [(p.ok, p.value, p.reason) for p in repo.sources.pulls(source.id or 0)]


def test_p_pulls_a_slow_source_in_a_thread_and_records_its_value(tmp_path: Path) -> None:
    path = signups_db(tmp_path / "pull.db", "sleep 1.5; echo 42")

    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        await pilot.press("p")
        assert status(app).startswith("Pulling Signups (command)… 0 s")
        await wait_for(pilot, app, "… 1 s")  # the timer keeps it counting
        assert "Pulling Signups (command)… 1 s" in screen_text(app)
        await pilot.press("p")  # again, while it runs
        assert "Signups is already being pulled" in status(app)
        await wait_for(pilot, app, "Signups: 42 from its source")
        row = next(line for line in screen_text(app).splitlines() if "Signups" in line
                   and "from its source" not in line)
        assert "42" in row and "40" not in row
        await pilot.press("enter")
        assert isinstance(app.screen, MetricScreen)
        line = next(x for x in screen_text(app).splitlines() if "From a source" in x)
        assert line.strip().startswith("From a source: command: sleep 1.5")
        assert line.strip().endswith(f" · every weekly · last pulled {TODAY}")

    run_app(path, scenario)
    assert pulls(path) == [(True, 42.0, "")]  # one pull: the second p started none
    repo = reopen(path)
    latest = repo.history(repo.get_metric("Signups").id or 0)[0]
    assert (latest.at, latest.value, latest.source) == (TODAY, 42.0, "pull")


def test_a_failing_source_says_why_and_shows_on_the_kpi_and_its_detail(tmp_path: Path
                                                                        ) -> None:
    # Its last words carry an escape sequence: they reach the screen as text.
    path = signups_db(tmp_path / "fail.db",
                      "printf 'boom \\033[2J [b]again[/b]\\n' >&2; exit 3")

    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        row = next(line for line in screen_text(app).splitlines() if "Signups" in line)
        assert "◦✗" not in row  # not failing before it ran
        await pilot.press("p")
        await wait_for(pilot, app, "Signups: source failed: ")
        said = status(app)
        assert said.startswith("Signups: source failed: exited with 3: boom ")
        assert said.endswith(" [b]again[/b]") and "\x1b" not in said
        text = screen_text(app)
        assert "◦✗ Signups" in text
        assert f"source failing since {TODAY:%m-%d}" in text  # the note under the panes
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        app.save_screenshot("kpi-pane-source-failing.svg", str(SCREENSHOTS))
        await pilot.press("enter")
        assert isinstance(app.screen, MetricScreen)
        text = screen_text(app)
        assert f"source failing since {TODAY:%m-%d}: " in text and "boom" in text
        await pilot.press("p")  # the detail screen pulls too, and stays
        await wait_for(pilot, app, "Signups: source failed: ")
        assert isinstance(app.screen, MetricScreen)

    run_app(path, scenario)
    found = pulls(path)
    assert len(found) == 2 and not any(ok for ok, _, _ in found)
    assert "boom" in found[0][2] and found[0][1] is None
    repo = reopen(path)
    assert [r.value for r in repo.history(repo.get_metric("Signups").id or 0)] == [40.0]


def test_a_source_whose_owner_was_changed_in_the_file_is_refused(tmp_path: Path) -> None:
    path = signups_db(tmp_path / "forged.db", "echo 99")
    repo = reopen(path)
    repo.db.execute("UPDATE source SET uid = ?", [os.getuid() + 1])  # a teammate's edit
    repo.db.close()

    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        await pilot.press("p")
        await pilot.pause()
        said = status(app)
        assert said.startswith("Signups: not pulled: defined by me (uid ")
        assert "runs only for the account that defined it" in said
        assert not app.pull.running

    run_app(path, scenario)
    assert pulls(path) == []
    assert [r.value for r in reopen(path).history(1)] == [40.0]


def test_a_kpi_without_a_source_says_how_to_give_it_one(tmp_path: Path) -> None:
    path = signups_db(tmp_path / "none.db", None)

    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        await pilot.press("p")
        await pilot.pause()
        assert status(app) == "Signups has no source: okrtui source add Signups --command …"

    run_app(path, scenario)


def test_p_is_not_offered_on_a_read_only_database_nor_in_the_okr_pane(tmp_path: Path
                                                                     ) -> None:
    path = signups_db(tmp_path / "ro.db", "echo 1")

    async def main() -> None:
        repo = Repository(open_database(path, read_only=True), "tester")
        app = OkrApp(repo, TODAY, where="test")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert app.check_action("act", ("pull",)) is False
            await pilot.press("p")
            await pilot.pause()
            assert not app.pull.running
        repo.db.close()

    asyncio.run(main())
    assert pulls(path) == []

    repo = reopen(path)  # a key result measures Signups: in the OKR pane p is not offered
    objective = repo.okrs.add_objective(Objective(quarter="2026-Q4", title="Grow"))
    repo.okrs.add_key_result(KeyResult(
        objective_id=objective.id or 0, metric_id=1, statement="More signups", baseline=40,
        target=80, start=date(2026, 10, 1), due=date(2026, 12, 31)))
    repo.db.close()

    async def okr_pane(pilot: Pilot[int], app: OkrApp) -> None:
        assert app.check_action("act", ("pull",)) is True
        await pilot.press("tab", "j")  # the OKR pane, its key result
        assert app.selection.pane == "okrs" and app.selection.metric() is not None
        assert app.check_action("act", ("pull",)) is False

    run_app(path, okr_pane)


def test_quitting_while_a_pull_runs_records_nothing_and_draws_nothing(tmp_path: Path
                                                                     ) -> None:
    path = signups_db(tmp_path / "quit.db", "sleep 1; echo 7")

    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        await pilot.press("p")
        assert "Pulling Signups" in status(app)
        await pilot.press("q")  # the fetch's result comes back to an app that has gone

    started = time.monotonic()
    run_app(path, scenario)
    # The fetch ran to its end (its command is never left running alone), then was dropped.
    assert time.monotonic() - started >= 1
    assert pulls(path) == []


def test_a_persons_reading_of_the_day_is_kept_and_the_status_line_says_so(tmp_path: Path
                                                                         ) -> None:
    path = signups_db(tmp_path / "kept.db", "echo 42")
    repo = reopen(path)
    repo.record_reading(repo.get_metric("Signups"), TODAY, 40, today=TODAY)  # by checker
    repo.db.close()

    async def scenario(pilot: Pilot[int], app: OkrApp) -> None:
        await pilot.press("p")
        await wait_for(pilot, app, "Signups: kept ")
        assert status(app) == (f"Signups: kept checker's reading 40 of {TODAY}; the source "
                               "gave 42")

    run_app(path, scenario)
    assert pulls(path) == [(True, 42.0, f"kept checker's reading 40 of {TODAY}; the source "
                            "gave 42")]
