"""Check-ins from a shell: two people the same day, confidence only, --correct, fractions
and percentages, the date rule, `kr show`, and `okrtui check`."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

NOTICE = re.compile(r"li checked in 0\.42 at (\d\d:\d\d) today; yours becomes today's value, "
                    r"both are kept")


@pytest.fixture
def as_user(run_cli, cli_env):  # noqa: ANN001, ANN201
    """Run the CLI for a named person (OKRTUI_USER), clocks shown in UTC."""

    def run(user: str, *args: str, today: str | None = None):  # noqa: ANN202
        env = {**cli_env, "OKRTUI_USER": user, "TZ": "UTC"}
        if today:
            env["OKRTUI_TODAY"] = today
        return run_cli(*args, env=env)

    return run


@pytest.fixture
def planned(as_user) -> None:  # noqa: ANN001
    for args in (["metric", "add", "Activation", "--unwatched"],
                 ["record", "Activation", "0.3", "--at", "2026-10-01"],
                 ["objective", "add", "Onboard better", "--owner", "maria"],
                 ["kr", "add", "1", "Lift activation from 0.3 to 0.5", "--metric", "Activation",
                  "--target", "0.5", "--owner", "maria"]):
        result = as_user("maria", *args)
        assert result.returncode == 0, (args, result.stderr)


def ok(result) -> str:  # noqa: ANN001
    assert result.returncode == 0, result.stderr
    return result.stdout


def shown(as_user, user: str = "maria", today: str | None = None) -> dict:  # noqa: ANN001
    return json.loads(ok(as_user(user, "kr", "show", "1", "--json", today=today)))


def test_two_accounts_the_same_day_both_kept_and_the_second_is_told(as_user, planned) -> None:
    first = ok(as_user("li", "checkin", "1", "0.42", "--confidence", "6", "--comment", "trial"))
    assert first == "checked in on key result 1: Activation = 0.42, confidence 6/10\n"
    second = ok(as_user("maria", "checkin", "1", "0.45", "--confidence", "7"))
    lines = second.splitlines()
    assert lines[0] == "checked in on key result 1: Activation = 0.45, confidence 7/10"
    told = NOTICE.fullmatch(lines[1])
    assert told, second
    kr = shown(as_user)
    assert [(c["author"], c["value"], c["confidence"], c["counted"]) for c in kr["check_ins"]] \
        == [("li", 0.42, 6, True), ("maria", 0.45, 7, True)]
    assert told.group(1) == kr["check_ins"][0]["recorded_at"][11:16]  # li's time, in UTC
    assert kr["current"] == 0.45 and kr["confidence"] == 7
    assert kr["progress"] == pytest.approx(0.75) and kr["status"] == "on-track"
    text = ok(as_user("maria", "kr", "show", "1"))
    assert "2 check-in(s):" in text and re.search(r"#1 +2026-11-23 +\d\d:\d\d +li +0\.42 +6/10 "
                                                  r"+trial", text), text


def test_kr_show_json_has_every_number(as_user, planned) -> None:
    ok(as_user("maria", "checkin", "1", "0.35", "--confidence", "6", "--at", "2026-11-09"))
    ok(as_user("maria", "checkin", "1", "0.38", "--confidence", "7", "--at", "2026-11-16"))
    kr = shown(as_user)
    assert {k: kr[k] for k in ("id", "objective_id", "quarter", "statement", "metric",
                               "baseline", "target", "start", "due", "owner", "current",
                               "confidence")} == {
        "id": 1, "objective_id": 1, "quarter": "2026-Q4",
        "statement": "Lift activation from 0.3 to 0.5", "metric": "Activation",
        "baseline": 0.3, "target": 0.5, "start": "2026-10-01", "due": "2026-12-31",
        "owner": "maria", "current": 0.38, "confidence": 7}
    assert kr["progress"] == pytest.approx(0.4)
    assert kr["expected"] == pytest.approx(53 / 91, abs=0.02)
    assert kr["forecast"] == pytest.approx(0.38 + 0.03 / 7 * 45)  # 0.03 a week on, to 12-31
    assert [sorted(c) for c in kr["check_ins"]][0] == sorted(
        ["id", "at", "recorded_at", "author", "value", "confidence", "comment", "source",
         "corrects", "corrected_by", "counted"])
    assert "corrected_by" in ok(as_user("maria", "kr", "show", "--help"))


def test_a_confidence_only_check_in_from_the_shell(as_user, planned) -> None:
    ok(as_user("maria", "checkin", "1", "0.35", "--confidence", "7", "--at", "2026-11-16"))
    out = ok(as_user("maria", "checkin", "1", "--confidence", "4", "--comment",
                     "fell to 4, no new number yet"))
    assert out == ("checked in on key result 1: no value (the reading of Activation is "
                   "unchanged), confidence 4/10\n")
    kr = shown(as_user)
    assert kr["current"] == 0.35 and kr["confidence"] == 4
    assert kr["check_ins"][-1]["value"] is None
    assert "—" in ok(as_user("maria", "kr", "show", "1"))
    readings = json.loads(ok(as_user("maria", "export")))["metrics"][0]["readings"]
    assert [r["value"] for r in readings] == [0.3, 0.35]
    refused = as_user("maria", "checkin", "1", "--comment", "just words")
    assert refused.returncode == 1
    assert "give the value, a --confidence, or both" in refused.stderr


def test_correct_replaces_your_own_latest_of_the_day_and_is_refused_without_one(
        as_user, planned) -> None:
    refused = as_user("maria", "checkin", "1", "0.41", "--correct")
    assert refused.returncode == 1 and refused.stderr == (
        "okrtui: --correct: you have no check-in on key result 1 for 2026-11-23 to correct; "
        "leave out --correct to add a check-in\n")
    ok(as_user("maria", "checkin", "1", "0.40", "--confidence", "6"))
    again = ok(as_user("maria", "checkin", "1", "0.44"))
    assert re.search(r"you checked in 0\.4 at \d\d:\d\d today too; both are kept "
                     r"\(--correct replaces yours\)", again), again
    fixed = ok(as_user("maria", "checkin", "1", "0.41", "--correct")).splitlines()
    assert re.fullmatch(r"corrected your check-in of \d\d:\d\d on key result 1 \(2026-11-23\): "
                        r"Activation = 0\.41", fixed[0]), fixed  # its latest: 0.44
    assert fixed[1].startswith("you checked in 0.4 at ")  # the first one still counts
    checks = shown(as_user)["check_ins"]
    assert [(c["id"], c["value"], c["corrects"], c["corrected_by"], c["counted"])
            for c in checks] == [(1, 0.40, None, None, True), (2, 0.44, None, 3, False),
                                 (3, 0.41, 2, None, True)]
    assert shown(as_user)["current"] == 0.41
    text = ok(as_user("maria", "kr", "show", "1"))
    assert "corrected" in text and "corrects #2" in text
    assert as_user("li", "checkin", "1", "0.5", "--correct").returncode == 1  # not li's


@pytest.mark.parametrize(("typed", "said", "stored"), [
    ("0.4", "read confidence 0.4 as 4/10", 4), ("40%", "read confidence 40% as 4/10", 4),
    ("0.75", "read confidence 0.75 as 8/10 (rounded)", 8), ("7", "", 7)])
def test_a_fraction_or_percentage_is_read_as_tenths_and_said(as_user, planned, typed: str,
                                                             said: str, stored: int) -> None:
    out = ok(as_user("maria", "checkin", "1", "0.35", "--confidence", typed))
    assert out.splitlines()[0] == (said or "checked in on key result 1: Activation = 0.35, "
                                   "confidence 7/10")
    assert shown(as_user)["confidence"] == stored


def test_the_final_check_in_after_the_due_date_is_taken_before_the_start_is_not(
        as_user, planned) -> None:
    out = ok(as_user("maria", "checkin", "1", "0.47", "--comment", "actual score", "--at",
                     "2027-01-06", today="2027-01-07"))
    assert out == "checked in on key result 1 for 2027-01-06: Activation = 0.47\n"
    for day, message in (("2026-09-30", "--at: key result 1 starts on 2026-10-01: a check-in "
                                        "for 2026-09-30 is before it"),
                         ("2027-01-08", "--at: 2027-01-08 is in the future")):
        refused = as_user("maria", "checkin", "1", "0.5", "--at", day, today="2027-01-07")
        assert refused.returncode == 1 and message in refused.stderr, refused.stderr
    kr = shown(as_user, today="2027-01-07")
    assert [(c["at"], c["value"]) for c in kr["check_ins"]] == [("2027-01-06", 0.47)]
    assert kr["current"] == 0.47 and kr["progress"] == pytest.approx(0.85)


def test_check_reports_check_ins_that_break_the_date_rule(as_user, planned,
                                                          db_path: Path) -> None:
    ok(as_user("maria", "checkin", "1", "0.35"))
    assert as_user("maria", "check").returncode == 0
    raw = sqlite3.connect(db_path)
    with raw:
        raw.execute("INSERT INTO check_in (key_result_id, at, value, author, recorded_at) "
                    "VALUES (1, '2026-09-01', 0.3, 'script', '2026-11-23T09:00:00+00:00')")
    raw.close()
    result = as_user("maria", "check")
    assert result.returncode == 1
    assert "check-in 2 on key result 1: key result 1 starts on 2026-10-01" in result.stderr


def test_without_a_name_in_okrtui_user_the_account_checks_in(as_user, planned) -> None:
    import os
    import pwd

    ok(as_user("  ", "checkin", "1", "0.35"))
    (check,) = shown(as_user)["check_ins"]
    assert check["author"] == pwd.getpwuid(os.getuid()).pw_name
