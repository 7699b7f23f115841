"""`okrtui due`: by owner, what the review is owed; exit 1 when anything is, for cron."""

from __future__ import annotations

import json


def _ok(run_cli, *args: str) -> None:
    result = run_cli(*args)
    assert result.returncode == 0, (args, result.stderr)


def _plan(run_cli) -> None:
    _ok(run_cli, "metric", "add", "Churn", "--max", "3", "--owner", "maria")
    _ok(run_cli, "record", "Churn", "2.5", "--at", "2026-11-16")  # last week: due now
    _ok(run_cli, "metric", "add", "NPS", "--min", "20", "--owner", "li")
    _ok(run_cli, "record", "NPS", "31", "--at", "2026-11-23")  # this week: not due
    _ok(run_cli, "metric", "add", "Signups", "--owner", "li")
    _ok(run_cli, "objective", "add", "Grow", "--owner", "li")
    _ok(run_cli, "kr", "add", "1", "Double signups", "--metric", "Signups", "--baseline", "10",
        "--target", "20")


def test_due_lists_each_owners_items_and_exits_1(run_cli) -> None:
    _plan(run_cli)
    result = run_cli("due", "--json")
    assert result.returncode == 1, result.stderr
    due = json.loads(result.stdout)
    assert due["week"] == "2026-11-23" and due["cycle"] == "2026-Q4"
    assert [(i["kind"], i["name"]) for i in due["due"]["maria"]] == [("kpi", "Churn")]
    assert [(i["kind"], i["name"]) for i in due["due"]["li"]] == [
        ("key-result", "KR1 Double signups")]
    assert "last reading 2026-11-16" in due["due"]["maria"][0]["why"]
    text = run_cli("due", "--owner", "MARIA")
    assert text.returncode == 1 and text.stdout.startswith("maria: 1 due")


def test_nothing_due_exits_0(run_cli) -> None:
    _plan(run_cli)
    _ok(run_cli, "record", "Churn", "2.4")
    _ok(run_cli, "checkin", "1", "12", "--confidence", "6")
    result = run_cli("due")
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip() == "nothing due in the week of 2026-11-23"
    assert run_cli("due", "--owner", "nobody").returncode == 0
