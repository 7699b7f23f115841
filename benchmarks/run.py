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


def median(result: dict, key: str) -> float:
    return result["summary"][key][1] if "summary" in result else result[key][1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--tuibench", type=Path, default=DEFAULT_TUIBENCH)
    parser.add_argument("--large", type=Path, default=DATA / "large.db")
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
    report(start, save, record)


def _summaries(result: dict | list) -> list[dict]:
    items = result if isinstance(result, list) else result.get("results", [result])
    return [item.get("summary", item) for item in items]


def report(start: dict, save: dict, record: dict) -> None:
    floor, empty, large = _summaries(start)
    startup = {name: s["startup"][1] for name, s in
               (("floor", floor), ("empty", empty), ("large", large))}
    rss = {name: s["maxrss_mb"][1] for name, s in
           (("floor", floor), ("large", large))}
    (saved,) = _summaries(save)
    save_key = saved["key_settled"]
    base, rec = _summaries(record)
    rows = [
        ("start, large / empty database", large["startup"][1] / empty["startup"][1], 1.2),
        ("start, large database / floor", startup["large"] / startup["floor"], 1.3),
        ("start, empty database / floor", startup["empty"] / startup["floor"], None),
        ("peak RSS, large / floor", rss["large"] / rss["floor"], 1.5),
        ("okrtui record / import sqlite_utils, pydantic", rec["wall"][1] / base["wall"][1], 1.5),
    ]
    print(f"start-up medians (s): floor {startup['floor']:.3f}, empty {startup['empty']:.3f}, "
          f"large {startup['large']:.3f}")
    for label, ratio, goal in rows:
        verdict = "" if goal is None else ("  ok" if ratio <= goal else "  OVER")
        print(f"{label:48} {ratio:5.2f}x" + (f"  (goal ≤ {goal}x){verdict}" if goal else ""))
    p95_ms = save_key["p95"] * 1000
    print(f"{'save key → reading on screen, p95':48} {p95_ms:5.1f} ms  (goal ≤ 50 ms, "
          f"PERFORMANCE.md ≤ 33 ms){'  ok' if p95_ms <= 50 else '  OVER'}  "
          f"(p50 {save_key['p50'] * 1000:.1f} ms, n={save_key['n']})")


if __name__ == "__main__":
    main()
