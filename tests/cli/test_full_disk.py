"""A full disk: a clear message, nothing half-written, everything back once there is room.

Needs a small filesystem of its own (a tmpfs mounted for the test); skipped, with
the reason, where mounting is not allowed.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from okrtui.core.models import Metric
from okrtui.store.database import open_database
from okrtui.store.repository import Repository


@pytest.fixture
def small_disk(tmp_path: Path):  # noqa: ANN201
    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=400k", "tmpfs", str(folder)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small filesystem here: {mounted.stderr.strip()[:120]}")
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_full_disk_says_so_and_keeps_the_file_whole(small_disk: Path, run_cli, today) -> None:
    db = small_disk / "team.db"
    repo = Repository(open_database(db), "seed")
    metric = repo.add_metric(Metric(name="Churn"))
    repo.record_reading(metric, today, 2.0, today=today)
    filler = small_disk / "filler"
    fd = os.open(filler, os.O_CREAT | os.O_WRONLY)  # take every byte left
    try:
        while os.write(fd, b"\0" * 4096):
            pass
    except OSError:
        pass
    finally:
        os.close(fd)
    # Someone has it open (the -shm exists): a write fails whole.
    result = run_cli("--db", str(db), "journal", "add", "x" * 50_000, db=False)
    assert result.returncode == 1, result.stdout
    assert "disk is full" in result.stderr and "nothing was saved" in result.stderr
    repo.db.close()
    # Nobody has it open: even opening needs room, and says so.
    opened = run_cli("--db", str(db), "kpis", db=False)
    assert "Traceback" not in opened.stderr
    if opened.returncode:
        assert "is full" in opened.stderr and "left untouched" in opened.stderr
    filler.unlink()
    check = run_cli("--db", str(db), "check", db=False)
    assert check.returncode == 0, check.stdout + check.stderr
    again = run_cli("--db", str(db), "journal", "add", "now there is room", db=False)
    assert again.returncode == 0, again.stderr
    repo = Repository(open_database(db), "check")
    assert [e.body for e in repo.journal.entries()] == ["now there is room"]
    assert [p.value for p in repo.current_points(metric.id or 0)] == [2.0]
