"""The OKR cycle from a shell: objective, key results, check-ins, `okrs`, roles."""

from __future__ import annotations

import json


def _plan(run_cli) -> None:
    for args in (
        ["metric", "add", "Churn", "--unit", "%", "--lower-is-better", "--max", "3"],
        ["record", "Churn", "4", "--at", "2026-10-05"],
        ["metric", "add", "Support tickets", "--max", "100"],
        ["objective", "add", "Customers stay", "--owner", "maria", "--why", "growth"],
        ["kr", "add", "1", "Reduce churn from 4% to 2.5%", "--metric", "Churn", "--target",
         "2.5", "--guardrail", "Support tickets", "--owner", "maria"],
        ["checkin", "1", "3.6", "--confidence", "6", "--comment", "[b]price[/b]",
         "--at", "2026-10-26"],
        ["checkin", "1", "3.3", "--confidence", "7"],
    ):
        result = run_cli(*args)
        assert result.returncode == 0, (args, result.stderr)


def test_a_quarter_planned_and_checked_in_from_the_shell(run_cli) -> None:
    _plan(run_cli)
    result = run_cli("okrs", "--json")
    assert result.returncode == 0, result.stderr
    (objective,) = json.loads(result.stdout)
    assert (objective["id"], objective["title"], objective["owner"]) == (1, "Customers stay",
                                                                       "maria")
    (kr,) = objective["key_results"]
    assert kr["metric"] == "Churn" and kr["baseline"] == 4.0 and kr["target"] == 2.5
    assert kr["current"] == 3.3 and kr["confidence"] == 7 and kr["due"] == "2026-12-31"
    assert abs(kr["progress"] - (4 - 3.3) / 1.5) < 1e-9
    assert 0 < kr["expected"] < 1 and kr["status"] in ("on-track", "at-risk", "off-track")
    assert "time gone" in kr["reason"]
    text = run_cli("okrs").stdout
    assert "Customers stay" in text and "KR 1" in text and "confidence 7/10" in text


def test_a_metric_measured_by_a_key_result_is_labelled_so_and_a_kpi_again_after(
    run_cli, cli_env
) -> None:
    _plan(run_cli)
    rows = {k["name"]: k for k in json.loads(run_cli("kpis", "--json").stdout)}
    assert (rows["Churn"]["role"], rows["Churn"]["key_result"]) == ("key-result", 1)
    assert rows["Support tickets"]["role"] == "kpi"
    assert "→KR1 Churn" in run_cli("kpis").stdout
    next_quarter = run_cli("kpis", "--json", env={**cli_env, "OKRTUI_TODAY": "2027-01-15"})
    rows = {k["name"]: k for k in json.loads(next_quarter.stdout)}
    assert rows["Churn"]["role"] == "kpi" and rows["Churn"]["key_result"] is None


def test_bad_plans_are_refused_with_one_clear_line(run_cli) -> None:
    _plan(run_cli)
    cases = [
        (["objective", "add", "x", "--quarter", "2026-Q5"], "is not a quarter"),
        (["kr", "add", "9", "x", "--metric", "Churn", "--target", "1"], "no objective with id 9"),
        (["kr", "add", "1", "x", "--metric", "Nope", "--target", "1"], "--create-metric"),
        (["kr", "add", "1", "x", "--metric", "Churn", "--target", "4", "--baseline", "4"],
         "must move the metric"),
        (["checkin", "1", "3", "--confidence", "11"], "'11' is not a confidence from 0 to 10"),
        (["checkin", "1", "3", "--confidence", "x"], "'x' is not a confidence from 0 to 10"),
        (["checkin", "7", "3"], "no key result with id 7"),
    ]
    for args, message in cases:
        result = run_cli(*args)
        assert result.returncode == 1, (args, result.stderr)
        assert message in result.stderr and "Traceback" not in result.stderr, args
    assert len(json.loads(run_cli("okrs", "--json").stdout)[0]["key_results"]) == 1


def test_a_check_in_is_a_reading_of_the_metric_in_its_history(run_cli) -> None:
    _plan(run_cli)
    shown = run_cli("metric", "show", "Churn").stdout
    assert "3.3%" in shown and "3.6%" in shown and "[b]price[/b]" in shown


def test_a_guardrail_out_of_range_is_a_warning_on_its_key_result(run_cli) -> None:
    _plan(run_cli)
    assert run_cli("record", "Support tickets", "140").returncode == 0  # max is 100
    (objective,) = json.loads(run_cli("okrs", "--json").stdout)
    assert objective["key_results"][0]["guardrail_breaches"] == [
        {"metric": "Support tickets", "status": "above"}]
    assert "⚠ guardrail Support tickets is above" in run_cli("okrs").stdout


def test_an_empty_title_says_so_plainly(run_cli) -> None:
    result = run_cli("objective", "add", "   ")
    assert result.returncode == 1 and "title: can't be empty" in result.stderr
