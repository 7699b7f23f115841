"""The benchmark's pty harness: a key's time to the screen, and a terminal left restored."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("pyte")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from pty_harness import HarnessError, Terminal  # noqa: E402

# A tiny full-screen program: alternate screen, cursor hidden, "ready"; it echoes
# each key 50 ms after reading it; q quits, restoring the terminal unless told not to.
ECHO = r"""
import os, sys, termios, time, tty
restore = sys.argv[1] == "restore"
out = sys.stdout
out.write("\x1b[?1049h\x1b[?25l\x1b[?1000hready\r\n"); out.flush()
saved = termios.tcgetattr(0)
tty.setraw(0)
while True:
    key = os.read(0, 1).decode()
    if key == "q":
        break
    time.sleep(0.05)
    out.write(f"got {key}\r\n"); out.flush()
termios.tcsetattr(0, termios.TCSADRAIN, saved)
if restore:
    out.write("\x1b[?1000l\x1b[?1049l\x1b[?25h"); out.flush()
"""


def echo(restore: bool) -> Terminal:
    return Terminal([sys.executable, "-c", ECHO, "restore" if restore else "leave"])


def test_key_latency_and_restore() -> None:
    with echo(restore=True) as term:
        start = term.wait_ready(r"^ready$", settle=0.05)
        assert 0 < start.ready_s <= start.settled_s < 5
        step = term.press("x", expect=r"^got x$", settle=0.05)
        assert 0.05 <= step.shown_s < 1.0  # the program's 50 ms pause, and not much more
        assert step.first_change_s == step.shown_s and step.bytes == len("got x\r\n")
        other = term.press("y", settle=0.05)  # without a regex: the first change
        assert 0.05 <= other.first_change_s < 1.0
        assert term.text().splitlines() == ["ready", "got x", "got y"]
        assert term.peak_rss_mib() > 1
        done = term.quit("q")
    assert done.exit_s is not None and done.restored, done.checks


def test_a_program_that_leaves_the_terminal_as_it_set_it_is_caught() -> None:
    with echo(restore=False) as term:
        term.wait_ready(r"^ready$", settle=0.05)
        done = term.quit("q")
    assert done.exit_s is not None and not done.restored
    assert done.checks == {"alternate screen left": False, "cursor shown": False,
                           "mouse reporting off": False, "bracketed paste off": True,
                           "focus events off": True}


def test_an_expected_screen_that_is_already_there_is_refused() -> None:
    with echo(restore=True) as term:
        term.wait_ready(r"^ready$", settle=0.05)
        with pytest.raises(HarnessError, match="already matches"):
            term.press("x", expect="ready")


def test_the_pull_benchmark_runs_and_pulls_in_parallel() -> None:
    """A small run of benchmarks/pull.py: 12 sources, 4 of them slow, in about one delay
    (one after another, they would take 2 s before okrtui even started)."""
    import json
    import subprocess

    script = Path(__file__).resolve().parent.parent / "benchmarks" / "pull.py"
    done = subprocess.run([sys.executable, str(script), "--kpis", "12", "--slow", "4",
                           "--delay", "0.5", "--runs", "1", "--json"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    figures = json.loads(done.stdout)
    assert figures["median_s"]["all"] < 1.6
