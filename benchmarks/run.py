"""okrtui's benchmark: ratios measured in one interleaved run, against the goals.

    python benchmarks/run.py [--runs 9] [--writers N] [--only NAME] [--json] [--dump]

Needs nothing beyond the test extras (`pyte`). Builds benchmarks/data/ once
(generate.py), works on copies in benchmarks/data/work/, and runs every program
in a real 80×24 pty (pty_harness.py). One warm-up round, then each run does one
of every measure in turn (A B C A B C ...), so the ratios compare like with like
on a noisy machine:

  start    start-up to a complete dashboard on the large database, against the
           empty one (goal ≤ 1.2×) and against the floor, a bare Textual app
           (floor.py; goal ≤ 1.3×); peak RSS against the floor (≤ 1.5×); the
           terminal handed back at quit
  reading  the key that saves a reading → the screen showing it (p95 ≤ 33 ms)
  checkin  the key that saves a check-in → the screen showing it (p95 ≤ 33 ms)
  record   `okrtui record` against `python -c "import sqlite_utils, pydantic"` (≤ 1.5×)
  note     building the weekly note on the large database, in-process (≤ 100 ms)

With --writers N, start, reading and checkin run again while N processes check
in on the large database (goal: save p95 ≤ 50 ms with 8). --dump prints the
screen at the end of each measured step of the first run, to check what was timed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from statistics import median
from typing import Any

from pty_harness import HarnessError, Terminal

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
FLOOR = HERE / "floor.py"
TODAY = "2026-11-23"
SETTLE = 0.3  # seconds without a change for a start-up screen to count as settled
# A complete dashboard: all three panes have drawn their contents and counts.
DASHBOARD = r"(?s)\d+ watched.*\d+ key results.*\d+ entr"
EMPTY_DASHBOARD = r"(?s)No KPIs yet.*No objectives this quarter.*0 entries"
FLOOR_READY = r"^ready"
MEASURES = ("start", "reading", "checkin", "record", "note")
READINGS_PER_SESSION = 4
CHECK_INS_PER_SESSION = 3  # the three key results of this quarter's first objective

# A teammate checking in on one of this quarter's key results every quarter second.
WRITER = """
import sys, time
from datetime import date, timedelta
from okrtui.store.database import open_database
from okrtui.store.repository import Repository
repo = Repository(open_database(sys.argv[1]), "writer")
today = date.fromisoformat(sys.argv[3])
krs = repo.okrs.key_results("2026-Q4")
kr = krs[int(sys.argv[2]) % len(krs)]
i = 0
while True:
    day = kr.start + timedelta(days=i % max((today - kr.start).days, 1))
    repo.okrs.check_in(kr, 10.0 + i % 7, today=today, at=day, confidence=i % 11)
    i += 1
    time.sleep(0.25)
"""


def env() -> dict[str, str]:
    """The environment of every measured program: a pinned day, no default database."""
    out = dict(os.environ, OKRTUI_TODAY=TODAY)
    out.pop("OKRTUI_DB", None)
    return out


def okrtui(*args: str) -> list[str]:
    return [sys.executable, "-m", "okrtui", *args]


class Bench:
    """The databases, the samples gathered so far and the screens kept for --dump."""

    def __init__(self, empty: Path, large: Path, dump: bool) -> None:
        self.empty, self.large = empty, large
        self.dump = dump
        self.screens: list[tuple[str, str]] = []
        self.restored: list[bool] = []

    def keep(self, label: str, term: Terminal, first_run: bool) -> None:
        if self.dump and first_run:
            self.screens.append((label, term.text()))

    # -- one run of each measure ------------------------------------------------

    def start(self, first_run: bool) -> dict[str, dict[str, float]]:
        """Floor, empty and large database, one start-up each, to a ready screen and quit."""
        out = {}
        for name, argv, ready in (
                ("floor", [sys.executable, str(FLOOR)], FLOOR_READY),
                ("empty", okrtui("--db", str(self.empty)), EMPTY_DASHBOARD),
                ("large", okrtui("--db", str(self.large)), DASHBOARD)):
            with Terminal(argv, env=env()) as term:
                shown = term.wait_ready(ready, settle=SETTLE)
                self.keep(f"start, {name}: settled {shown.settled_s:.3f} s", term, first_run)
                done = term.quit("ctrl+q")
                if name != "floor":
                    self.restored.append(done.restored)
                if done.exit_s is None:
                    raise HarnessError(f"{name}: ctrl+q did not quit", term.text())
                out[name] = {"ready_s": shown.ready_s, "settled_s": shown.settled_s,
                             "bytes": shown.bytes, "rss_mib": term.peak_rss_mib(),
                             "restored": done.restored}
        return out

    def reading(self, first_run: bool) -> list[dict[str, Any]]:
        """Correct today's reading of the KPI under the cursor, a new value each time."""
        steps = []
        with self._dashboard("reading", first_run) as term:
            for i in range(READINGS_PER_SESSION):
                value = f"{40 + i}.{13 + 2 * i}"  # a new value each time: its own regex
                term.press("r", expect="Record a reading")
                term.type("ctrl+u", "ctrl+k", value, expect=rf"Value\s+{re.escape(value)}\s")
                saved = term.press(
                    "enter", expect=rf"(Saved|Corrected) Metric \d+ = {re.escape(value)}(?!\d)")
                self.keep(f"reading {i + 1}: saved {value}, shown after "
                          f"{saved.shown_s * 1000:.1f} ms", term, first_run)
                steps.append(asdict(saved))
            self.restored.append(term.quit().restored)
        return steps

    def checkin(self, first_run: bool) -> list[dict[str, Any]]:
        """Check in on this quarter's first key results, each with a new confidence."""
        steps = []
        with self._dashboard("check-in", first_run) as term:
            term.press("tab")  # to the OKR pane, on the first objective
            for i in range(CHECK_INS_PER_SESSION):
                term.press("down")
                term.press("c", expect=r"Check in: KR\d+")
                kr = re.search(r"Check in: KR(\d+)", term.text()).group(1)
                was = re.search(r"Confidence\s+(\d+)", term.text())
                confidence = "5" if was is None or was.group(1) != "5" else "6"
                value = f"{60 + i}.5"
                term.type("ctrl+u", "ctrl+k", value, "tab", "tab", "ctrl+u", "ctrl+k",
                          confidence,  # the value, past the date (today), the confidence
                          expect=rf"(?s)Value now\s+{value}\s.*Confidence\s+{confidence}\s")
                # Shown: the status line (or, if a teammate checked in today, the notice
                # saying so) and the key result's row with its new confidence, or, when the
                # next key result due this week opens at once, its dialog.
                saved = term.press("enter", expect=(
                    rf"(?s)(Checked in on KR{kr}\b|checked in [^\n]* today\b).*"
                    rf"KR{kr}\b[^\n]*\b{confidence}/10|Check in: KR(?!{kr}\b)\d+"))
                self.keep(f"check-in {i + 1} on KR{kr}: shown after "
                          f"{saved.shown_s * 1000:.1f} ms", term, first_run)
                steps.append(asdict(saved) | {"kr": int(kr)})
                if "Check in: KR" in term.text():  # the next one opened: not part of this run
                    term.press("escape")
            self.restored.append(term.quit().restored)
        return steps

    def _dashboard(self, name: str, first_run: bool) -> Terminal:
        term = Terminal(okrtui("--db", str(self.large)), env=env())
        try:
            term.wait_ready(DASHBOARD, settle=SETTLE)
            term.settle(0.5)  # the plan check's markers have arrived: nothing moves by itself
        except BaseException:
            term.close()
            raise
        self.keep(f"{name}: the dashboard before the keys", term, first_run)
        return term

    def record(self, first_run: bool) -> dict[str, float]:
        """`okrtui record` and the imports it cannot avoid, spawn to exit each."""
        out = {}
        for name, argv in (
                ("imports", [sys.executable, "-c", "import sqlite_utils, pydantic"]),
                ("record", okrtui("--db", str(self.large), "record", "Metric 001", "50"))):
            with Terminal(argv, env=env()) as term:
                out[name] = term.wait_exit()
                self.keep(f"{name}: exited after {out[name]:.3f} s", term, first_run)
                if term.proc.returncode != 0:
                    raise HarnessError(f"{name} exited with {term.proc.returncode}", term.text())
        return out

    def note(self, first_run: bool) -> float:
        """Milliseconds to build this week's note from the large database (warm)."""
        from datetime import date

        from okrtui.store.database import open_database
        from okrtui.store.repository import Repository
        from okrtui.store.review_data import weekly_note

        repo = Repository(open_database(self.large), "bench")
        today = date.fromisoformat(TODAY)
        weekly_note(repo, today)  # warm: the query planner and the page cache
        started = time.perf_counter()
        weekly_note(repo, today)
        took = (time.perf_counter() - started) * 1000
        repo.db.close()
        return took


def prepare() -> tuple[Path, Path]:
    """Copies of the benchmark databases (saving adds rows), at this version's schema."""
    if not (DATA / "empty.db").exists() or not (DATA / "large.db").exists():
        subprocess.run([sys.executable, str(HERE / "generate.py")], check=True)
    from okrtui.store.database import open_database

    work = DATA / "work"
    work.mkdir(exist_ok=True)
    copies = []
    for name in ("empty.db", "large.db"):
        target = work / name
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        shutil.copy(DATA / name, target)
        open_database(target).close()  # migrate now, not inside the first measured run
        copies.append(target)
    return copies[0], copies[1]


def measure(bench: Bench, measures: list[str], runs: int) -> dict[str, list[Any]]:
    """One warm-up round, then `runs` rounds of every measure in turn."""
    samples: dict[str, list[Any]] = {name: [] for name in measures}
    steps: dict[str, Callable[[bool], Any]] = {name: getattr(bench, name) for name in measures}
    for name, step in steps.items():  # warm-up: compiled files, the page cache
        if name != "note":
            dump, bench.dump = bench.dump, False
            step(False)
            bench.dump = dump
    bench.restored.clear()
    for run in range(runs):
        for name, step in steps.items():
            samples[name].append(step(run == 0))
    return samples


def start_writers(database: Path, count: int) -> list[subprocess.Popen[bytes]]:
    """`count` background processes checking in on `database` until stopped."""
    return [subprocess.Popen([sys.executable, "-c", WRITER, str(database), str(n), TODAY],
                             env=env(), stderr=subprocess.PIPE)
            for n in range(count)]


def stop_writers(writers: list[subprocess.Popen[bytes]]) -> None:
    failed = [w for w in writers if w.poll() is not None]
    for writer in writers:
        writer.terminate()
    for writer in writers:
        writer.wait()
    if failed:  # a writer that died would have made the figures look better than they are
        sys.exit(f"a background writer failed:\n{failed[0].stderr.read().decode()}")


def check_ins(database: Path) -> int:
    import sqlite3

    with sqlite3.connect(database) as conn:
        return conn.execute("SELECT count(*) FROM check_in").fetchone()[0]


# -- figures ------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def figures(samples: dict[str, list[Any]], save_goal_ms: float,
            restored: list[bool]) -> list[dict[str, Any]]:
    """Rows of (figure, value, unit, goal, detail), from the samples of one interleaved run."""
    rows: list[dict[str, Any]] = []

    def row(name: str, value: float, unit: str, goal: float | None, detail: str = "",
            ok: bool | None = None) -> None:
        rows.append({"figure": name, "value": round(value, 4), "unit": unit, "goal": goal,
                     "ok": ok if goal is None else value <= goal, "detail": detail})

    if samples.get("start"):
        runs = samples["start"]

        def med(who: str, what: str) -> float:
            return median(run[who][what] for run in runs)

        detail = (f"medians: floor {med('floor', 'ready_s'):.3f} s, empty "
                  f"{med('empty', 'ready_s'):.3f} s, large {med('large', 'ready_s'):.3f} s")
        row("start-up, large / empty database", med("large", "ready_s") / med("empty", "ready_s"),
            "×", 1.2, detail)
        row("start-up, large database / floor", med("large", "ready_s") / med("floor", "ready_s"),
            "×", 1.3)
        row("start-up, empty database / floor", med("empty", "ready_s") / med("floor", "ready_s"),
            "×", None)
        row("start-up to settled, large / floor",
            med("large", "settled_s") / med("floor", "settled_s"), "×", None,
            f"settled: large {med('large', 'settled_s'):.3f} s (plan-check markers in), "
            f"floor {med('floor', 'settled_s'):.3f} s")
        row("peak RSS, large database / floor", med("large", "rss_mib") / med("floor", "rss_mib"),
            "×", 1.5, f"medians: large {med('large', 'rss_mib'):.1f} MiB, "
            f"floor {med('floor', 'rss_mib'):.1f} MiB")
        row("bytes drawn to the first dashboard, large", med("large", "bytes"), "B", None,
            f"floor {med('floor', 'bytes'):.0f} B")
    for name, label in (("reading", "a reading"), ("checkin", "a check-in")):
        if samples.get(name):
            steps = [step for run in samples[name] for step in run]
            shown = [step["shown_s"] * 1000 for step in steps]
            first = [step["first_change_s"] * 1000 for step in steps]
            settled = [step["settled_s"] * 1000 for step in steps]
            row(f"key that saves {label} → shown, p95", percentile(shown, 0.95), "ms",
                save_goal_ms,
                f"p50 {percentile(shown, 0.5):.1f} ms, max {max(shown):.1f} ms; first change "
                f"p50 {percentile(first, 0.5):.1f} ms; settled p50 "
                f"{percentile(settled, 0.5):.1f} ms; {median(s['bytes'] for s in steps):.0f} B "
                f"drawn; n={len(shown)}")
    if samples.get("record"):
        runs = samples["record"]
        rec, imports = median(r["record"] for r in runs), median(r["imports"] for r in runs)
        row("okrtui record / import sqlite_utils, pydantic", rec / imports, "×", 1.5,
            f"medians: record {rec:.3f} s, imports {imports:.3f} s")
    if samples.get("note"):
        note = samples["note"]
        row("weekly note, large database, median", median(note), "ms", 100.0,
            f"p95 {percentile(note, 0.95):.1f} ms; n={len(note)} (in-process: the note only)")
    if restored:
        row("terminal restored at quit, okrtui runs", restored.count(True),
            f"of {len(restored)}", None, "left the alternate screen, showed the cursor, "
            "switched mouse, paste and focus reports off", ok=all(restored))
    return rows


def print_table(title: str, rows: list[dict[str, Any]]) -> None:
    print(f"\n{title}")
    print(f"{'figure':46} {'value':>9}  {'goal':>9}")
    for r in rows:
        unit = r["unit"]
        value = (f"{r['value']:.2f}×" if unit == "×" else f"{r['value']:.1f} ms" if unit == "ms"
                 else f"{r['value']:.0f} {unit}")
        goal = ("all" if r["ok"] is not None else "") if r["goal"] is None else (
            f"≤ {r['goal']}×" if unit == "×" else f"≤ {r['goal']:.0f} {unit}")
        verdict = "" if r["ok"] is None else ("ok" if r["ok"] else "OVER")
        print(f"{r['figure']:46} {value:>9}  {goal:>9}  {verdict}")
        if r["detail"]:
            print(f"{'':6}{r['detail']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=9, help="interleaved runs (default 9)")
    parser.add_argument("--writers", type=int, default=0, metavar="N",
                        help="then measure start-up and saving again with N processes "
                        "checking in meanwhile")
    parser.add_argument("--only", action="append", choices=MEASURES, metavar="NAME",
                        help=f"run only this measure (repeatable): {', '.join(MEASURES)}")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--dump", action="store_true",
                        help="print the screen at the end of each measured step (first run)")
    args = parser.parse_args()
    measures = [m for m in MEASURES if m in (args.only or MEASURES)]
    empty, large = prepare()
    bench = Bench(empty, large, args.dump)
    report: dict[str, Any] = {"runs": args.runs, "size": "80x24"}
    try:
        samples = measure(bench, measures, args.runs)
        report["figures"] = figures(samples, 33.0, bench.restored)
        report["samples"] = samples
        busy = [m for m in measures if m in ("start", "reading", "checkin")]
        if args.writers and busy:
            screens, bench.screens = bench.screens, []
            writers = start_writers(large, args.writers)
            try:
                busy_samples = measure(bench, busy, args.runs)
            finally:
                stop_writers(writers)
            report["writers"] = {"count": args.writers, "check_ins_by_then": check_ins(large),
                                 "figures": figures(busy_samples, 50.0, bench.restored),
                                 "samples": busy_samples}
            bench.screens = screens + [(f"[{args.writers} writers] {label}", text)
                                       for label, text in bench.screens]
    except HarnessError as error:
        sys.exit(f"benchmark failed: {error}")
    (DATA / "last-run.json").write_text(json.dumps(report, indent=1))
    if args.dump:
        for label, text in bench.screens:
            print(f"--- {label} ---\n{text}\n", file=sys.stderr if args.json else sys.stdout)
    if args.json:
        print(json.dumps(report, indent=1))
        return
    print_table(f"okrtui benchmark: 80×24 pty, {args.runs} interleaved run(s), medians unless "
                "said", report["figures"])
    if "writers" in report:
        print_table(f"With {args.writers} processes checking in meanwhile "
                    f"({report['writers']['check_ins_by_then']} check-ins in the large "
                    "database by then)", report["writers"]["figures"])


if __name__ == "__main__":
    main()
