from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from okrtui.core.models import Metric
from okrtui.store.database import open_database
from okrtui.store.repository import Repository
from tests.tui.helpers import TODAY


@pytest.fixture
def kpi_db(tmp_path: Path) -> Path:
    """A database with two KPIs: churn (3 weekly readings) and uptime (one)."""
    path = tmp_path / "tui.db"
    repo = Repository(open_database(path), "seed")
    churn = repo.add_metric(Metric(name="Churn", unit="%", direction="lower", range_max=3))
    for weeks, value in ((2, 2.4), (1, 2.6), (0, 3.2)):
        repo.record_reading(churn, TODAY - timedelta(weeks=weeks), value, today=TODAY)
    uptime = repo.add_metric(Metric(name="Uptime", unit="%", range_min=99.5))
    repo.record_reading(uptime, TODAY, 99.9, today=TODAY)
    repo.db.close()
    return path


def reopen(path: Path) -> Repository:
    """A fresh connection, to check what really reached the file."""
    return Repository(open_database(path), "checker")


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    """The demo database (`okrtui --demo`'s data) for TODAY, in a file of the test's."""
    from okrtui.demo import build_demo

    path = tmp_path / "demo.db"
    repo = Repository(open_database(path), "demo")
    build_demo(repo, TODAY)
    repo.db.close()
    return path
