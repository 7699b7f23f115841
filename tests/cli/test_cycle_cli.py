"""`okrtui cycle`: fiscal quarters and named cycles, and every command that takes a cycle."""

from __future__ import annotations

import json


def _ok(run_cli, *args: str) -> str:
    result = run_cli(*args)
    assert result.returncode == 0, (args, result.stderr)
    return result.stdout


def test_a_fiscal_year_from_february_takes_key_results_due_in_its_quarters(run_cli) -> None:
    out = _ok(run_cli, "cycle", "fiscal-year", "February")
    assert "FY27-Q4 (2026-11-01 to 2027-01-31)" in out  # today is pinned to 2026-11-23
    _ok(run_cli, "metric", "add", "Hires")
    _ok(run_cli, "objective", "add", "Hire", "--quarter", "fy23-q2")
    _ok(run_cli, "kr", "add", "1", "Hire 5 engineers", "--metric", "Hires", "--baseline", "0",
        "--target", "5", "--due", "2022-07-29")
    _ok(run_cli, "checkin", "1", "2", "--at", "2022-06-01")
    (objective,) = json.loads(_ok(run_cli, "okrs", "--quarter", "FY23-Q2", "--json"))
    assert objective["quarter"] == "FY23-Q2"
    (kr,) = objective["key_results"]
    assert (kr["due"], kr["current"]) == ("2022-07-29", 2.0)
    listed = json.loads(_ok(run_cli, "cycle", "list", "--json"))
    assert listed["fiscal_year_first_month"] == 2
    names = {c["name"]: c for c in listed["cycles"]}
    assert names["FY23-Q2"]["start"] == "2022-05-01" and names["FY23-Q2"]["end"] == "2022-07-31"
    assert names["FY23-Q2"]["objectives"] == 1 and names["FY27-Q4"]["current"]


def test_a_due_date_outside_the_cycle_is_still_refused_with_its_dates(run_cli) -> None:
    _ok(run_cli, "cycle", "fiscal-year", "2")
    _ok(run_cli, "metric", "add", "Hires")
    _ok(run_cli, "objective", "add", "Hire", "--quarter", "FY23-Q2")
    result = run_cli("kr", "add", "1", "Hire", "--metric", "Hires", "--baseline", "0",
                     "--target", "5", "--due", "2022-08-02")
    assert result.returncode == 1
    assert "outside FY23-Q2 (2022-05-01 to 2022-07-31)" in result.stderr


def test_a_named_release_cycle_is_planned_closed_and_exported_by_name(run_cli) -> None:
    out = _ok(run_cli, "cycle", "add", "release 1.4", "--from", "2019-02-04", "--to",
              "2019-04-23")
    assert "2019-02-04 to 2019-04-23 (79 days)" in out
    _ok(run_cli, "metric", "add", "Open bugs", "--lower-is-better")
    _ok(run_cli, "objective", "add", "Ship a calm release", "--quarter", "Release 1.4")
    _ok(run_cli, "kr", "add", "1", "Cut open bugs to 20", "--metric", "Open bugs",
        "--baseline", "80", "--target", "20")
    (objective,) = json.loads(_ok(run_cli, "okrs", "--quarter", "release 1.4", "--json"))
    assert objective["quarter"] == "release 1.4"
    assert objective["key_results"][0]["due"] == "2019-04-23"  # the cycle's last day
    _ok(run_cli, "checkin", "1", "35", "--at", "2019-04-20")
    lint = run_cli("lint", "--quarter", "release 1.4", "--json")
    assert lint.returncode in (0, 1) and json.loads(lint.stdout)["quarter"] == "release 1.4"
    _ok(run_cli, "quarter", "grade", "1", "0.75")
    assert "closed release 1.4" in _ok(run_cli, "quarter", "close", "release 1.4")
    page = _ok(run_cli, "quarter", "export", "release 1.4")
    assert page.startswith("# OKRs release 1.4") and "Closed on" in page
    listed = {c["name"]: c for c in json.loads(_ok(run_cli, "cycle", "list", "--json"))["cycles"]}
    assert listed["release 1.4"]["state"] == "closed" and listed["release 1.4"]["kind"] == "named"
    assert "reopened release 1.4" in _ok(run_cli, "quarter", "reopen", "RELEASE 1.4")


def test_going_back_to_calendar_quarters_keeps_fiscal_cycles_in_use(run_cli) -> None:
    _ok(run_cli, "cycle", "fiscal-year", "feb")
    _ok(run_cli, "objective", "add", "Hire", "--quarter", "FY23-Q2")
    out = _ok(run_cli, "cycle", "fiscal-year", "1")
    assert "calendar quarters again" in out and "Kept with their dates" in out
    assert "FY23-Q2" in out
    (objective,) = json.loads(_ok(run_cli, "okrs", "--quarter", "FY23-Q2", "--json"))
    assert objective["title"] == "Hire"
    text = _ok(run_cli, "cycle", "list")
    assert "FY23-Q2  2022-05-01 to 2022-07-31" in text


def test_bad_cycles_are_refused_with_one_clear_line(run_cli) -> None:
    _ok(run_cli, "metric", "add", "X")
    cases = [
        (["cycle", "add", "2026-Q1", "--from", "2026-01-01", "--to", "2026-02-01"],
         "a quarter's name"),
        (["cycle", "add", "r1", "--from", "2026-02-01", "--to", "2026-01-01"],
         "ends (2026-01-01) before it starts"),
        (["cycle", "add", "r1", "--from", "2026-02-30", "--to", "2026-03-01"],
         "not a real date"),
        (["cycle", "fiscal-year", "13"], "not a month"),
        (["cycle", "fiscal-year", "ju"], "not a month"),  # June or July?
        (["okrs", "--quarter", "release-9"], "'release-9' is not a quarter or a cycle"),
    ]
    for args, message in cases:
        result = run_cli(*args)
        assert result.returncode == 1, (args, result.stderr)
        assert message in result.stderr and "Traceback" not in result.stderr, args
    _ok(run_cli, "cycle", "add", "r1", "--from", "2026-01-01", "--to", "2026-02-01")
    again = run_cli("cycle", "add", "R1", "--from", "2026-01-01", "--to", "2026-02-01")
    assert again.returncode == 1 and "already a cycle named 'R1'" in again.stderr


def test_a_named_cycle_whose_name_begins_with_fy_is_listed_as_named(run_cli) -> None:
    _ok(run_cli, "cycle", "add", "FYI planning", "--from", "2026-11-02", "--to", "2026-11-30")
    listed = {c["name"]: c for c in json.loads(_ok(run_cli, "cycle", "list", "--json"))
              ["cycles"]}
    assert listed["FYI planning"]["kind"] == "named"

