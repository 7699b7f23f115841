"""`okrtui trend`: the trailing view of the weekly business review, as a table within 80
columns, as Markdown for a review document and as JSON."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from okrtui.core.models import Metric
from okrtui.store.database import open_database
from okrtui.store.repository import Repository

TODAY = date(2026, 11, 23)  # the run_cli fixture's today, a Monday


def _seed(db_path: Path) -> None:
    repo = Repository(open_database(db_path), "seed")
    churn = repo.add_metric(Metric(name="Churn", unit="%", range_max=3, direction="lower"))
    for week in range(60):  # weekly readings, leaving out the week of 2026-11-09
        day = TODAY - timedelta(weeks=week)
        if day != date(2026, 11, 9):
            repo.record_reading(churn, day, 2 + (week % 5) / 10, today=TODAY)
    repo.add_metric(Metric(name="Hidden", watched=False))
    repo.close()


def test_the_table_fits_80_columns_and_shows_gaps_and_both_changes(run_cli, db_path) -> None:
    _seed(db_path)
    result = run_cli("trend")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Churn" and "Hidden" not in result.stdout
    assert max(len(line) for line in lines) <= 80
    assert any(line.startswith("2026-11-09") and "no reading" in line for line in lines)
    assert "Week over week: -0.1 (-4.8%): 2% on 2026-11-23 vs 2.1% on 2026-11-16" in lines
    assert "Year over year: -0.2 (-9.1%): 2% on 2026-11-23 vs 2.2% on 2025-11-24" in lines
    assert "Healthy range ≤ 3% · limits" in result.stdout


def test_json_has_week_over_week_and_year_over_year(run_cli, db_path) -> None:
    _seed(db_path)
    result = run_cli("trend", "churn", "--format", "json")
    assert result.returncode == 0, result.stderr
    [kpi] = json.loads(result.stdout)["kpis"]
    assert kpi["metric"] == "Churn" and len(kpi["weeks"]) == 6 and len(kpi["months"]) == 12
    wow, yoy = kpi["week_over_week"], kpi["year_over_year"]
    assert round(wow["absolute"], 6) == -0.1 and wow["previous"]["at"] == "2026-11-16"
    assert yoy["previous"] == {"at": "2025-11-24", "value": 2.2}
    assert round(yoy["percent"], 1) == -9.1
    assert [w["value"] for w in kpi["weeks"]][3] is None  # the week left out: a gap


def test_markdown_is_a_table_per_kpi(run_cli, db_path) -> None:
    _seed(db_path)
    result = run_cli("trend", "Churn", "Hidden", "--format", "markdown")
    assert result.returncode == 0, result.stderr
    assert "### Churn\n\n| Week of | Value | Read on | Month | Value | Read on |" in result.stdout
    assert "### Hidden" in result.stdout
    assert "- Year over year: no reading this week" in result.stdout  # Hidden has none


def test_an_unknown_metric_is_a_clear_error(run_cli, db_path) -> None:
    _seed(db_path)
    result = run_cli("trend", "Churn", "Nope")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.strip() == "okrtui: no metric named 'Nope' (see `okrtui metric list`)"
