"""A database opened read-only (a file you cannot write, or --read-only) is never changed."""

from __future__ import annotations

import asyncio
from pathlib import Path

from okrtui.core.models import Metric
from okrtui.store.database import open_database
from okrtui.store.repository import Repository
from okrtui.tui.app import OkrApp
from tests.tui.helpers import TODAY, screen_text, type_text


def seeded(db_path: Path) -> bytes:
    repo = Repository(open_database(db_path), "seed")
    churn = repo.add_metric(Metric(name="Churn", range_max=3))
    repo.record_reading(churn, TODAY, 2.5, today=TODAY)
    repo.db.close()
    return db_path.read_bytes()


def test_read_only_commands_read_and_refuse_to_write(run_cli, db_path: Path) -> None:
    before = seeded(db_path)
    shown = run_cli("--read-only", "kpis")
    assert shown.returncode == 0 and "Churn" in shown.stdout
    for args in (["record", "Churn", "2.7", "--read-only"],
                 ["journal", "add", "hello", "--read-only"],
                 ["--read-only", "metric", "add", "Mood"]):
        refused = run_cli(*args)
        assert refused.returncode == 1, args
        assert "open read-only" in refused.stderr and "nothing was saved" in refused.stderr
    assert db_path.read_bytes() == before
    missing = run_cli("--read-only", "--db", str(db_path.parent / "nope.db"), "kpis", db=False)
    assert missing.returncode == 1 and "no database at" in missing.stderr


def test_the_dashboard_says_read_only_and_saves_nothing(db_path: Path) -> None:
    before = seeded(db_path)

    async def main() -> None:
        repo = Repository(open_database(db_path, read_only=True), "viewer")
        app = OkrApp(repo, TODAY)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert "READ-ONLY: nothing can be saved" in screen_text(app)
            await pilot.press("r")
            await pilot.pause()
            await type_text(pilot, "2.9")
            await pilot.press("enter")
            await pilot.pause()
            assert "open read-only" in screen_text(app)
            await pilot.press("escape")
        repo.db.close()

    asyncio.run(main())
    assert db_path.read_bytes() == before


def test_a_reader_never_creates_files_next_to_the_database(db_path: Path) -> None:
    seeded(db_path)  # closed: no -wal, no -shm
    assert not Path(f"{db_path}-shm").exists()
    reader = open_database(db_path, read_only=True)
    assert reader.execute("SELECT count(*) FROM reading").fetchone()[0] == 1
    assert not Path(f"{db_path}-shm").exists() and not Path(f"{db_path}-wal").exists()
    reader.close()
    # With a writer at work, a reader shares its -shm and sees what it commits.
    writer = Repository(open_database(db_path), "writer")
    reader = open_database(db_path, read_only=True)
    writer.record_reading(writer.get_metric("Churn"), TODAY.replace(day=16), 2.7, today=TODAY)
    assert reader.execute("SELECT count(*) FROM reading").fetchone()[0] == 2
    reader.close()
    writer.db.close()


def test_the_editor_says_up_front_that_nothing_can_be_kept(db_path: Path) -> None:
    seeded(db_path)

    async def main() -> None:
        repo = Repository(open_database(db_path, read_only=True), "viewer")
        app = OkrApp(repo, TODAY)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("w")
            await pilot.pause()
            assert "READ-ONLY: what you type here cannot be saved" in screen_text(app)
            await type_text(pilot, "a thought")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert "open read-only" in screen_text(app)
        repo.db.close()

    asyncio.run(main())
