"""Many sources at once: a bounded pool, results handed back in the caller's thread."""

from __future__ import annotations

import os
import threading
import time
from datetime import date

from okrtui.core.sources import Fetched, SourceSpec
from okrtui.fetch.run import fetch_all

TODAY = date(2026, 11, 23)
ENV = {"PATH": os.environ["PATH"]}


def test_slow_sources_run_side_by_side() -> None:
    jobs = [(n, SourceSpec(kind="command", command="sleep 1; echo 1" if n % 5 == 0
                           else f"echo {n}")) for n in range(20)]
    calls: list[tuple[int, int]] = []

    def done(key: int, fetched: Fetched) -> None:
        calls.append((key, threading.get_ident()))

    started = time.monotonic()
    got = fetch_all(jobs, today=TODAY, env=ENV, workers=16, on_done=done)
    assert time.monotonic() - started < 2.5
    assert {key: fetched.value for key, fetched in got.items()} == {
        n: 1 if n % 5 == 0 else n for n in range(20)}
    assert sorted(key for key, _ in calls) == list(range(20))
    assert {thread for _, thread in calls} == {threading.get_ident()}


def test_failures_are_results_too() -> None:
    jobs = [("bad", SourceSpec(kind="command", command="exit 3")),
            ("csv", SourceSpec(kind="csv", csv_path="/nonexistent/x.csv", column="n"))]
    got = fetch_all(jobs, today=TODAY, env=ENV)
    assert got["bad"].error == "exited with 3"
    assert got["csv"].error == "no file at /nonexistent/x.csv"
    assert fetch_all([], today=TODAY, env=ENV) == {}
