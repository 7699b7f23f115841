"""`okrtui kr add` is one store call: a refusal leaves nothing behind, not even a metric."""

from __future__ import annotations

import json


def _objective(run_cli) -> None:  # noqa: ANN001
    for args in (["metric", "add", "Churn", "--unit", "%", "--lower-is-better"],
                 ["record", "Churn", "4", "--at", "2026-10-05"],
                 ["objective", "add", "Customers stay", "--owner", "maria"]):
        assert run_cli(*args).returncode == 0, args


def test_a_new_metric_without_a_baseline_is_refused_and_not_created(run_cli) -> None:  # noqa: ANN001
    _objective(run_cli)
    result = run_cli("kr", "add", "1", "stmt", "--metric", "New", "--target", "5",
                     "--create-metric")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "'New' has no reading yet" in result.stderr and "--baseline" in result.stderr
    names = [m["name"] for m in json.loads(run_cli("metric", "list", "--json").stdout)]
    assert names == ["Churn"]
    assert json.loads(run_cli("okrs", "--json").stdout)[0]["key_results"] == []


def test_a_new_metric_with_a_baseline_comes_with_its_key_result(run_cli) -> None:  # noqa: ANN001
    _objective(run_cli)
    result = run_cli("kr", "add", "1", "Deploy daily", "--metric", "Deploys", "--target", "5",
                     "--baseline", "1", "--create-metric")
    assert result.returncode == 0, result.stderr
    (kr,) = json.loads(run_cli("okrs", "--json").stdout)[0]["key_results"]
    assert (kr["metric"], kr["baseline"], kr["owner"]) == ("Deploys", 1.0, "maria")


def test_an_unknown_guardrail_is_refused_by_its_flag_and_saves_nothing(run_cli) -> None:  # noqa: ANN001
    _objective(run_cli)
    result = run_cli("kr", "add", "1", "Churn to 2.5%", "--metric", "Churn", "--target", "2.5",
                     "--guardrail", "Nope")
    assert result.returncode == 1
    assert result.stderr.startswith("okrtui: --guardrail: no metric named 'Nope'")
    assert json.loads(run_cli("okrs", "--json").stdout)[0]["key_results"] == []


def test_a_statement_over_the_limit_is_refused_in_okrtuis_words(run_cli) -> None:  # noqa: ANN001
    _objective(run_cli)
    result = run_cli("kr", "add", "1", "x" * 2_311, "--metric", "Churn", "--target", "2.5")
    assert result.returncode == 1
    assert result.stderr == ("okrtui: a key result statement has at most 2,000 characters "
                             "(this one has 2,311)\n")
    long = "Reduce churn " + "by making every renewal conversation count " * 24
    assert len(long) > 1_000
    assert run_cli("kr", "add", "1", long[:2_000], "--metric", "Churn", "--target",
                   "2.5").returncode == 0
    (kr,) = json.loads(run_cli("okrs", "--json").stdout)[0]["key_results"]
    assert kr["statement"] == long[:2_000].strip()
