"""Command sources, run for real by /bin/sh."""

from __future__ import annotations

import os
import time
from datetime import date
from pathlib import Path

from okrtui.core.sources import Fetched, SourceSpec
from okrtui.fetch.run import fetch

TODAY = date(2026, 11, 23)
ENV = {"PATH": os.environ["PATH"]}


def run(command: str, json_path: str = "", timeout: float = 10,
        env: dict[str, str] | None = None) -> Fetched:
    spec = SourceSpec(kind="command", command=command, json_path=json_path, timeout=timeout)
    return fetch(spec, today=TODAY, env=ENV if env is None else env)


def alive(pid: int) -> bool:
    """A process that runs (a zombie waiting for its parent to reap it is gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


def test_the_last_line_printed_is_the_value() -> None:
    got = run("echo starting; printf '1,234.5\\n\\n'")
    assert got.ok and got.value == 1234.5
    assert got.seconds > 0


def test_json_at_a_path() -> None:
    got = run("""echo '{"data": {"items": [1, 2.5]}}'""", json_path="$.data.items[1]")
    assert got.value == 2.5 and got.error == ""


def test_a_failing_command_shows_the_last_line_of_its_stderr() -> None:
    got = run("echo 5; echo first >&2; echo '  disk   full ' >&2; echo >&2; exit 2")
    assert got.value is None
    assert got.error == "exited with 2: disk full"


def test_a_long_stderr_line_is_shortened() -> None:
    got = run("printf 'x%.0s' $(seq 200) >&2; exit 1")
    assert got.error.startswith("exited with 1: xxx") and got.error.endswith("…")
    assert len(got.error) < 100


def test_text_that_is_not_a_number() -> None:
    got = run("echo 'all good'")
    assert got.error == "the last line printed is 'all good', not a number"


def test_printing_nothing() -> None:
    assert "printed nothing" in run("true").error


def test_a_timeout_ends_the_command_and_what_it_started(tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    started = time.monotonic()
    got = run(f"echo $$ > {pids}; sleep 30 & echo $! >> {pids}; sleep 30", timeout=0.5)
    took = time.monotonic() - started
    assert got.error == "timed out after 0.5 s"
    assert took < 3
    numbers = [int(line) for line in pids.read_text().split()]
    assert len(numbers) == 2
    until = time.monotonic() + 3
    while any(alive(pid) for pid in numbers) and time.monotonic() < until:
        time.sleep(0.05)
    assert not any(alive(pid) for pid in numbers)


def test_a_background_child_holding_stdout_does_not_hold_the_value() -> None:
    started = time.monotonic()
    got = run("sleep 30 & echo 3", timeout=10)
    assert got.value == 3
    assert time.monotonic() - started < 5


def test_output_over_a_mebibyte_is_refused_early() -> None:
    started = time.monotonic()
    got = run("yes 1", timeout=20)
    assert got.error == "printed more than 1 MiB"
    assert time.monotonic() - started < 10


def test_it_sees_only_the_environment_it_is_given() -> None:
    assert os.environ.get("OKRTUI_TODAY")  # set for every test by conftest
    got = run('echo "${OKRTUI_TODAY:-7}$KPI_SCALE"', env={**ENV, "KPI_SCALE": "5"})
    assert got.value == 75


def test_stdin_is_closed() -> None:
    assert run("cat; echo 4").value == 4
