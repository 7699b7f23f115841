"""okrtui's benchmark: ratios measured in one interleaved run, against goals.

    python benchmarks/run.py [--runs 9] [--tuibench PATH]

Builds the databases (benchmarks/generate.py) if missing, then measures with
tuibench in a real 80×24 pty:
  1. TUI start to a complete dashboard: large database / empty one (goal ≤ 1.2×),
     and both against the floor, a bare Textual app (PERFORMANCE.md: ≤ 1.3×);
  2. the key that saves a reading → the screen showing it (goal p95 ≤ 50 ms;
     PERFORMANCE.md: ≤ 33 ms);
  3. `okrtui record` against `python -c "import sqlite_utils, pydantic"` (≤ 1.5×).
tuibench needs `pyte` (in the test extras).
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
DEFAULT_TUIBENCH = HERE.parent.parent / "shared" / "tools" / "tuibench.py"
FLOOR = DEFAULT_TUIBENCH.parent / "floor" / "hello.py"
TODAY = "2026-11-23"
DASHBOARD_READY = r"\d+ watched"


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


def start_writers(database: Path, count: int) -> list[subprocess.Popen]:
    """`count` background processes checking in on `database` until stopped."""
    return [subprocess.Popen([sys.executable, "-c", WRITER, str(database), str(n), TODAY],
                             env=_env(), stderr=subprocess.PIPE)
            for n in range(count)]


def stop_writers(writers: list[subprocess.Popen]) -> None:
    for writer in writers:
        if writer.poll() is not None:  # it died: say why, it would skew the figures
            sys.exit(f"a background writer failed:\n{writer.stderr.read().decode()}")
        writer.terminate()
    for writer in writers:
        writer.wait()


def tuibench(tool: Path, *args: str) -> dict:
    """Run tuibench with --json; returns its parsed output."""
    command = [sys.executable, str(tool), "--json", *args]
    done = subprocess.run(command, capture_output=True, text=True, env=_env(), check=False)
    if done.returncode != 0:
        sys.exit(f"tuibench failed:\n{done.stderr}\n{done.stdout}")
    return json.loads(done.stdout)


def _env() -> dict[str, str]:
    env = dict(os.environ, OKRTUI_TODAY=TODAY)
    env.pop("OKRTUI_DB", None)
    return env


def okrtui(*args: str) -> str:
    """The okrtui command line, as a shell-quoted string for tuibench."""
    return shlex.join([sys.executable, "-m", "okrtui", *args])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--tuibench", type=Path, default=DEFAULT_TUIBENCH)
    parser.add_argument("--large", type=Path, default=DATA / "large.db")
    parser.add_argument("--writers", type=int, default=0, metavar="N",
                        help="also measure start-up and saving with N processes checking in "
                        "in the background (issue 7 asks for 8)")
    args = parser.parse_args()
    if not args.tuibench.exists():
        sys.exit(f"tuibench not found at {args.tuibench}: pass --tuibench PATH")
    if not (DATA / "empty.db").exists() or not args.large.exists():
        subprocess.run([sys.executable, str(HERE / "generate.py")], check=True)
    # Work on copies: the save benchmark adds corrections.
    work = DATA / "work"
    work.mkdir(exist_ok=True)
    empty, large = work / "empty.db", work / "large.db"
    for source, target in ((DATA / "empty.db", empty), (args.large, large)):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        shutil.copy(source, target)
        # Bring the copy to this version's schema now, not inside the first measured run.
        from okrtui.store.database import open_database

        open_database(target).close()

    runs = str(args.runs)
    start = tuibench(
        args.tuibench, "--runs", runs, "--compare", f"{sys.executable} {FLOOR}",
        okrtui("--db", str(empty)), okrtui("--db", str(large)),
        "--ready", "^ready", "--ready", "No KPIs yet", "--ready", DASHBOARD_READY,
    )
    save = tuibench(
        args.tuibench, "--runs", runs, "--keys", "r,enter",
        "--expect", "Record a reading", "--expect", "Saved|Corrected",
        "--ready", DASHBOARD_READY, "--", *shlex.split(okrtui("--db", str(large))),
    )
    record = tuibench(
        args.tuibench, "--wall", "--runs", runs, "--compare",
        f'{sys.executable} -c "import sqlite_utils, pydantic"',
        okrtui("--db", str(large), "record", "Metric 001", "50"),
    )
    note_ms = time_note(large, args.runs)

    (DATA / "last-run.json").write_text(json.dumps({"start": start, "save": save,
                                                    "record": record, "note_ms": note_ms}))
    report(start, save, record)
    print(f"{'weekly note, large database, median':48} {_percentile(note_ms, 0.5):5.1f} ms  "
          f"(goal ≤ 100 ms){'  ok' if _percentile(note_ms, 0.5) <= 100 else '  OVER'}")
    print(f"{'':48} p95 {_percentile(note_ms, 0.95):.1f} ms; n={len(note_ms)} "
          "(in-process: the note, not Python's start)")
    if args.writers:
        writers = start_writers(large, args.writers)
        try:
            start_busy = tuibench(
                args.tuibench, "--runs", runs, "--compare", f"{sys.executable} {FLOOR}",
                okrtui("--db", str(empty)), okrtui("--db", str(large)),
                "--ready", "^ready", "--ready", "No KPIs yet", "--ready", DASHBOARD_READY)
            save_busy = tuibench(
                args.tuibench, "--runs", runs, "--keys", "r,enter",
                "--expect", "Record a reading", "--expect", "Saved|Corrected",
                "--ready", DASHBOARD_READY, "--", *shlex.split(okrtui("--db", str(large))))
        finally:
            stop_writers(writers)
        checked = _check_ins(large)
        print(f"\nWith {args.writers} processes checking in meanwhile "
              f"({checked} check-ins in the large database by then):")
        report(start_busy, save_busy, record)


def _check_ins(database: Path) -> int:
    import sqlite3

    with sqlite3.connect(database) as conn:
        return conn.execute("SELECT count(*) FROM check_in").fetchone()[0]


def time_note(database: Path, runs: int) -> list[float]:
    """Milliseconds to build this week's note from `database`, one warm-up run first."""
    import time
    from datetime import date

    from okrtui.store.database import open_database
    from okrtui.store.repository import Repository
    from okrtui.store.review_data import weekly_note

    repo = Repository(open_database(database), "bench")
    today = date.fromisoformat(TODAY)
    weekly_note(repo, today)
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        weekly_note(repo, today)
        out.append((time.perf_counter() - start) * 1000)
    repo.db.close()
    return out


def _summaries(result: dict) -> list[dict]:
    """tuibench's per-command summaries, in the order the commands were given."""
    return [result["summary"][command] for command in result["commands"]]


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def report(start: dict, save: dict, record: dict) -> None:
    """Print each figure, its goal and whether it is met."""
    floor, empty, large = _summaries(start)
    base, rec = _summaries(record)
    # The second key of "r,enter" is the one that saves: time until "Saved" shows.
    (runs,) = save["results"].values()
    save_ms = [run["key_settled"][1] * 1000 for run in runs if run["ok"]]
    first_ms = [run["key_first"][1] * 1000 for run in runs if run["ok"]]
    rows = [
        ("start, large / empty database", large["startup"][1] / empty["startup"][1], 1.2),
        ("start, large database / floor", large["startup"][1] / floor["startup"][1], 1.3),
        ("start, empty database / floor", empty["startup"][1] / floor["startup"][1], None),
        ("peak RSS, large / floor", large["maxrss_mb"][1] / floor["maxrss_mb"][1], 1.5),
        ("okrtui record / import sqlite_utils, pydantic", rec["wall"][1] / base["wall"][1], 1.5),
    ]
    print(f"start-up medians (s): floor {floor['startup'][1]:.3f}, "
          f"empty {empty['startup'][1]:.3f}, large {large['startup'][1]:.3f}")
    for label, ratio, goal in rows:
        verdict = "" if goal is None else ("  ok" if ratio <= goal else "  OVER")
        print(f"{label:48} {ratio:5.2f}x" + (f"  (goal ≤ {goal}x){verdict}" if goal else ""))
    p95 = _percentile(save_ms, 0.95)
    print(f"{'save key → reading on screen, p95':48} {p95:5.1f} ms  (goal ≤ 50 ms; "
          f"PERFORMANCE.md ≤ 33 ms){'  ok' if p95 <= 50 else '  OVER'}")
    print(f"{'':48} p50 {_percentile(save_ms, 0.5):.1f} ms; first change p50 "
          f"{_percentile(first_ms, 0.5):.1f} / p95 {_percentile(first_ms, 0.95):.1f} ms; "
          f"n={len(save_ms)}")


if __name__ == "__main__":
    main()
