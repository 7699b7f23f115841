"""Two people, two processes, one key result, one day: both check-ins are listed
everywhere (kr show, the exports, the TUI), and the second saver was told."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from okrtui.tui.screens.key_result_detail import KeyResultScreen
from tests.tui.helpers import run_app, screen_text


def _start(user: str, db_path: Path, env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "okrtui", "--db", str(db_path), *args],
        env={**env, "OKRTUI_USER": user, "TZ": "UTC"}, stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_processes_check_in_on_one_key_result_on_one_day(run_cli, cli_env,
                                                             db_path: Path) -> None:
    for args in (["metric", "add", "Activation", "--unwatched"],
                 ["record", "Activation", "0.3", "--at", "2026-10-01"],
                 ["objective", "add", "Onboard better"],
                 ["kr", "add", "1", "Lift activation from 0.3 to 0.5", "--metric", "Activation",
                  "--target", "0.5"]):
        assert run_cli(*args).returncode == 0, args

    # At the same moment, as two people: the database orders them, and whoever saves
    # second is told about the first.
    li = _start("li", db_path, cli_env, "checkin", "1", "0.42", "--comment", "li's number")
    maria = _start("maria", db_path, cli_env, "checkin", "1", "0.45", "--comment", "mine")
    outputs = {}
    for name, process in (("li", li), ("maria", maria)):
        out, err = process.communicate(timeout=60)
        assert process.returncode == 0 and err == "", err
        outputs[name] = out

    shown = json.loads(run_cli("kr", "show", "1", "--json").stdout)
    checks = shown["check_ins"]
    assert sorted((c["author"], c["value"], c["comment"]) for c in checks) == [
        ("li", 0.42, "li's number"), ("maria", 0.45, "mine")]
    assert all(c["counted"] and c["at"] == "2026-11-23" for c in checks)
    first, second = checks[0]["author"], checks[1]["author"]  # in the order saved
    value = {"li": "0.42", "maria": "0.45"}
    time = checks[0]["recorded_at"][11:16]
    assert (f"{first} checked in {value[first]} at {time} today; yours becomes today's value, "
            "both are kept") in outputs[second]
    assert len(outputs[first].splitlines()) == 1  # the first was told nothing more
    assert shown["current"] == float(value[second])

    exported = json.loads(run_cli("export").stdout)
    (kr,) = exported["objectives"][0]["key_results"]
    assert [(c["author"], c["value"]) for c in kr["check_ins"]] == [
        (first, float(value[first])), (second, float(value[second]))]
    page = run_cli("quarter", "export", "2026-Q4").stdout
    for name in ("li", "maria"):
        assert re.search(rf"\| 2026-11-23 \| \d\d:\d\d \| {name} \| {value[name]} \|", page), page

    async def detail(pilot, app) -> None:  # noqa: ANN001
        await pilot.press("tab", "j", "enter")  # the OKR pane, KR1, its detail
        await pilot.pause()
        assert isinstance(app.screen, KeyResultScreen)
        text = screen_text(app)
        assert "Check-ins: 2" in text
        rows = [line for line in text.splitlines() if "2026-11-23" in line]
        assert len(rows) == 2
        assert any("li" in r and "0.42" in r for r in rows)
        assert any("maria" in r and "0.45" in r for r in rows)

    run_app(db_path, detail)
