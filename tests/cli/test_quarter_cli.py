"""Ending a quarter from a shell: grade, carry over, return to KPI, reflect, close, export."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from okrtui.core.models import KeyResult, Metric, Objective
from okrtui.store.repository import Repository
from tests.export_schema import valid_export

Q3_ENV = {"OKRTUI_TODAY": "2026-09-28"}


def ok(run_cli, *args: str, env: dict[str, str] | None = None) -> str:  # noqa: ANN001
    result = run_cli(*args, env=env)
    assert result.returncode == 0, (args, result.stderr)
    return result.stdout


def refused(run_cli, *args: str) -> str:  # noqa: ANN001
    result = run_cli(*args)
    assert result.returncode == 1, (args, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1, result.stderr
    return result.stderr


@pytest.fixture
def planned(repo: Repository) -> None:
    """2026-Q3 planned and checked in (KRs 1–3), built through the store to keep CLI tests fast;
    `test_okr_cli` plans from the shell."""
    day = date(2026, 9, 28)
    churn = repo.add_metric(Metric(name="Churn", unit="%", direction="lower", range_max=3))
    activation = repo.add_metric(Metric(name="Activation", unit="%", watched=False))
    tickets = repo.add_metric(Metric(name="Tickets", range_max=100))
    shipped = repo.add_metric(Metric(name="Onboarding shipped", watched=False))
    repo.record_reading(churn, date(2026, 7, 6), 4, today=day)
    repo.record_reading(tickets, date(2026, 7, 6), 80, today=day)
    stay = repo.okrs.add_objective(Objective(quarter="2026-Q3", title="Customers stay"))
    ship = repo.okrs.add_objective(Objective(quarter="2026-Q3", title="Ship faster"))
    krs = [
        repo.okrs.add_key_result(KeyResult(
            objective_id=objective.id, metric_id=metric.id, statement=statement,
            baseline=baseline, target=target, start=date(2026, 7, 1), due=date(2026, 9, 30),
        ), guard)
        for objective, metric, statement, baseline, target, guard in (
            (stay, churn, "Reduce churn from 4% to 2.5%", 4, 2.5, [tickets]),
            (stay, activation, "Activation from 25% to 35%", 25, 35, []),
            (ship, shipped, "Ship the new onboarding", 0, 1, []),
        )
    ]
    repo.okrs.check_in(krs[0], 3.6, today=day, at=date(2026, 8, 3), confidence=6,
                       comment="price | plan")
    repo.okrs.check_in(krs[0], 3.2, today=day, at=date(2026, 9, 7), confidence=5)
    repo.okrs.check_in(krs[1], 33, today=day, confidence=8)


def test_a_quarter_is_graded_closed_and_exported_from_the_shell(
    run_cli, cli_env, planned, tmp_path: Path  # noqa: ANN001
) -> None:
    env = {**cli_env, **Q3_ENV}
    assert "cannot close 2026-Q3: key result(s) 1 (" in refused(run_cli, "quarter", "close",
                                                                 "2026-Q3")
    out = ok(run_cli, "quarter", "grade", "1", "0.45", "--note", "half way", "--next",
             "carry-over", env=env)
    assert "graded key result 1: 0.45 (below 0.70)" in out
    assert "carried over to 2026-Q4 as key result 4 (baseline 3.2, target 2.5)" in out
    out = ok(run_cli, "quarter", "grade", "2", "0.8", "--next", "return-to-kpi", "--min", "30")
    assert "0.80 (a success)" in out and "Activation is a watched KPI again, healthy range ≥ 30%" \
        in out
    ok(run_cli, "quarter", "grade", "3", "0", "--next", "drop")
    ok(run_cli, "quarter", "reflect", "1", "Pricing mattered more than onboarding.")
    result = run_cli("quarter", "close", env=env)  # today's quarter: 2026-Q3
    assert result.returncode == 0 and "closed 2026-Q3: it is read-only now" in result.stdout
    assert "objective(s) 2 have no reflection" in result.stderr

    kpis = {k["name"]: k for k in json.loads(ok(run_cli, "kpis", "--json"))}
    assert kpis["Activation"]["role"] == "kpi" and kpis["Activation"]["min"] == 30
    assert kpis["Churn"]["role"] == "key-result" and kpis["Churn"]["key_result"] == 4
    (stay,) = json.loads(ok(run_cli, "okrs", "--json"))
    assert stay["title"] == "Customers stay" and stay["key_results"][0]["baseline"] == 3.2

    page = tmp_path / "q3.md"
    result = run_cli("quarter", "export", "2026-Q3", "--format", "markdown", "--out", str(page))
    assert result.returncode == 0 and result.stdout == ""
    text = page.read_text(encoding="utf-8")
    assert text == ok(run_cli, "quarter", "export", "2026-Q3")
    assert text.startswith("# OKRs 2026-Q3\n") and "Closed on " in text
    assert "**0.80** ✓ success" in text and "**0.45** (below 0.70)" in text
    assert "**Lineage:** carried into 2026-Q4 KR4" in text
    assert re.search(r"\| 2026-08-03 \| \d\d:\d\d \| \S+ \| 3\.6% \| 6/10 \| price \\\| plan \|",
                     text), text
    assert "> Pricing mattered more than onboarding." in text


def test_a_closed_quarter_refuses_changes_until_reopened(
    run_cli, cli_env, planned  # noqa: ANN001
) -> None:
    env = {**cli_env, **Q3_ENV}
    for kr in ("1", "2", "3"):
        ok(run_cli, "quarter", "grade", kr, "0.5")
    ok(run_cli, "quarter", "close", "2026-Q3")
    closed = ("okrtui: 2026-Q3 is closed: reopen it first (Z on the dashboard, or okrtui "
              "quarter reopen 2026-Q3)\n")
    for args in (
        ["checkin", "1", "3.0", "--at", "2026-09-20"],
        ["objective", "add", "Late", "--quarter", "2026-Q3"],
        ["kr", "add", "1", "More", "--metric", "Tickets", "--target", "50", "--baseline", "80"],
        ["quarter", "grade", "1", "0.9"],
        ["quarter", "reflect", "1", "later"],
    ):
        assert refused(run_cli, *args) == closed, args
    assert "already closed" in refused(run_cli, "quarter", "close", "2026-Q3")
    assert "reopened 2026-Q3" in ok(run_cli, "quarter", "reopen", "2026-Q3")
    ok(run_cli, "checkin", "1", "3.0", "--at", "2026-09-20", env=env)
    assert "2026-Q3 is not closed" in refused(run_cli, "quarter", "reopen", "2026-Q3")


def test_bad_grades_are_refused_with_one_clear_line(run_cli, planned) -> None:  # noqa: ANN001
    cases = [
        (["quarter", "grade", "1", "1.2"], "1.2 is not a score (expected 0.0 to 1.0"),
        (["quarter", "grade", "1", "seven"], "'seven' is not a number"),
        (["quarter", "grade", "9", "0.5"], "no key result with id 9"),
        (["quarter", "grade", "1", "0.5", "--max", "3"], "only goes with --next return-to-kpi"),
        (["quarter", "grade", "3", "1", "--next", "return-to-kpi"],
         "'Onboarding shipped' has no healthy range: give it a minimum and/or a maximum"),
        (["quarter", "reflect", "7", "x"], "no objective with id 7"),
        (["quarter", "reopen", "2026-Q9"], "is not a quarter"),
        (["quarter", "export", "Q3"], "is not a quarter"),
    ]
    for args, message in cases:
        assert message in refused(run_cli, *args), args
    (stay, _) = json.loads(ok(run_cli, "okrs", "--json", "--quarter", "2026-Q3"))
    assert stay["key_results"][0]["id"] == 1
    assert json.loads(ok(run_cli, "okrs", "--json", "--quarter", "2026-Q4")) == []


def test_usage_mistakes_exit_2(run_cli) -> None:  # noqa: ANN001
    for args in (["quarter"], ["quarter", "grade", "1"], ["quarter", "reopen"],
                 ["quarter", "grade", "1", "0.5", "--next", "later"],
                 ["quarter", "export", "--format", "pdf"]):
        assert run_cli(*args).returncode == 2, args


def test_an_empty_quarter_exports_a_page_that_says_so(run_cli) -> None:  # noqa: ANN001
    ok(run_cli, "metric", "add", "Churn")
    text = ok(run_cli, "quarter", "export")
    assert text.startswith("# OKRs 2026-Q4\n") and "_No objectives this quarter._" in text


def test_json_export_round_trips_a_closed_quarter_through_the_shell(
    run_cli, planned, tmp_path: Path  # noqa: ANN001
) -> None:
    for kr in ("1", "2", "3"):
        ok(run_cli, "quarter", "grade", kr, "0.5")
    ok(run_cli, "quarter", "close", "2026-Q3")
    backup = tmp_path / "backup.json"
    ok(run_cli, "export", "--out", str(backup))
    other = ["--db", str(tmp_path / "other.db")]
    result = run_cli(*other, "import", str(backup), db=False)
    assert result.returncode == 0 and "2 objectives, 3 key results, 3 check-ins" \
        in result.stdout
    assert "2026-Q3 is closed" in run_cli(*other, "checkin", "1", "3", db=False).stderr
    first = json.loads(valid_export(backup.read_text()))
    second = json.loads(valid_export(run_cli(*other, "export", db=False).stdout))
    first.pop("exported_at")
    second.pop("exported_at")
    assert first == second
