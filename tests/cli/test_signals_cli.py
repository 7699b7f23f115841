"""`kpis --json` signal fields, `metric baseline`, companions and `okrtui lint`, run for real."""

from __future__ import annotations

import json
from datetime import date, timedelta

from okrtui.core.models import Metric
from okrtui.store.repository import Repository

START = date(2026, 6, 1)


def shifted_metric(repo: Repository, today: date) -> None:
    """Twelve quiet weeks, then twelve weeks a step higher."""
    m = repo.add_metric(Metric(name="Signups", range_min=0))
    for i, value in enumerate([10, 11] * 6 + [20, 21] * 6):
        repo.record_reading(m, START + timedelta(weeks=i), value, today=today)


def test_kpis_json_says_signal_with_rules_and_limits(run_cli, repo, today) -> None:
    shifted_metric(repo, today)
    (kpi,) = json.loads(run_cli("kpis", "--json").stdout)
    assert kpi["signal"] == "signal"
    shift = (START + timedelta(weeks=12)).isoformat()
    assert kpi["signal_summary"] == f"signal ▲ shift since {shift}"
    rule3 = [r for r in kpi["rules"] if r["rule"] == 3 and r["direction"] == "up"]
    assert rule3 and rule3[0]["since"] == shift and rule3[0]["direction"] == "up"
    assert len(rule3[0]["dates"]) == 12
    assert kpi["lower_limit"] < kpi["centre"] < kpi["upper_limit"]
    assert kpi["baseline"] == {"points": 20, "from": START.isoformat(),
                               "to": (START + timedelta(weeks=19)).isoformat()}


def test_a_new_baseline_after_the_shift_makes_it_noise_and_shows_in_the_history(
        run_cli, repo, today) -> None:
    shifted_metric(repo, today)
    shift = (START + timedelta(weeks=12)).isoformat()
    result = run_cli("metric", "baseline", "signups", "--from", shift, "--note", "new campaign")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Signups: limits from {shift} on (its first 20 readings); now noise\n"
    (kpi,) = json.loads(run_cli("kpis", "--json").stdout)
    assert (kpi["signal"], kpi["centre"]) == ("noise", 20.5)
    shown = run_cli("metric", "show", "Signups").stdout
    assert "signal: noise (centre 20.5" in shown
    assert f"limits from {shift} on (its first 20 readings): new campaign" in shown
    reset = run_cli("metric", "baseline", "Signups", "--reset")
    assert reset.returncode == 0 and "the first 20 readings" in reset.stdout
    assert json.loads(run_cli("kpis", "--json").stdout)[0]["signal"] == "signal"


def test_a_bad_baseline_is_refused_and_changes_nothing(run_cli, repo, today) -> None:
    shifted_metric(repo, today)
    for args in (["--from", "2026-09-01", "--to", "2026-08-01"], ["--from", "2027-01-01"],
                 ["--from", "soon"], ["--reset", "--to", "2026-08-01"]):
        result = run_cli("metric", "baseline", "Signups", *args)
        assert result.returncode == 1 and result.stderr.startswith("okrtui: "), args
    assert run_cli("metric", "baseline", "Signups").returncode == 2  # --from or --reset
    assert repo.signals.baseline_history(repo.get_metric("Signups").id or 0) == []


def test_companions_from_the_command_line(run_cli, repo) -> None:
    assert run_cli("metric", "add", "Repeat contacts", "--max", "15").returncode == 0
    added = run_cli("metric", "add", "Tickets closed", "--min", "50",
                    "--companion", "repeat contacts")
    assert added.returncode == 0, added.stderr
    assert "companions: Tickets closed" in run_cli("metric", "show", "Repeat contacts").stdout
    unknown = run_cli("metric", "edit", "Tickets closed", "--companion", "Nope")
    assert unknown.returncode == 1 and "no metric named 'Nope'" in unknown.stderr
    cleared = run_cli("metric", "edit", "Tickets closed", "--no-companions")
    assert cleared.returncode == 0
    assert "companions" not in run_cli("metric", "show", "Repeat contacts").stdout


def test_lint_is_clean_on_the_demo(run_cli, tmp_path, cli_env) -> None:
    env = {**cli_env, "TMPDIR": str(tmp_path)}
    result = run_cli("--demo", "lint", env=env, db=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "the plan follows the rules" in result.stdout


def test_lint_finds_a_bad_plan_and_exits_one(run_cli) -> None:
    for args in (["metric", "add", "Deploys", "--min", "1"],
                 ["metric", "add", "Defect rate", "--companion", "Deploys"],
                 ["record", "Deploys", "2"],
                 ["objective", "add", "Maintain our velocity"],
                 ["kr", "add", "1", "Ship the new pipeline", "--metric", "Deploys",
                  "--baseline", "0", "--target", "1"],
                 ["objective", "add", "Customers love us"]):
        assert run_cli(*args).returncode == 0, args
    result = run_cli("lint")
    assert result.returncode == 1
    for check in ("maintain-objective (rule 3: ", "task-like-key-result (rule 2: ",
                  "key-result-without-owner (rule 9: ", "missing-guardrail (rule 8: ",
                  "objective-without-key-results (rule 2: ", "kpi-without-range (rule 4: "):
        assert check in result.stdout
    assert "2026-Q4: 6 finding(s)" in result.stdout
    data = json.loads(run_cli("lint", "--json").stdout)
    assert data["quarter"] == "2026-Q4" and len(data["findings"]) == 6
    assert {"check", "rule", "rule_name", "kind", "id", "item", "message", "fix"} == set(
        data["findings"][0])
    other = run_cli("lint", "--quarter", "2026-Q3")  # an empty quarter: only the KPI's range
    assert other.returncode == 1 and "2026-Q3: 1 finding(s)" in other.stdout


def test_lint_that_cannot_check_exits_two(run_cli, repo) -> None:
    result = run_cli("lint", "--quarter", "someday")
    assert result.returncode == 2 and "not a quarter" in result.stderr
