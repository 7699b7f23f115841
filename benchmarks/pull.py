"""How long `okrtui pull` takes for many KPI sources, some of them slow.

    python benchmarks/pull.py [--runs 5] [--kpis 100] [--slow 10] [--delay 1.0] [--json]

Builds a database of `--kpis` KPIs, each with a source: `--slow` of them are
URLs on a local HTTP server that answers after `--delay` seconds, the rest are
quick (a command, a CSV file, an SQLite query, a quick URL, in turn). Then, A B
A B on fresh copies of it, times the real command:

  all      `okrtui pull`: every source, all due
  slowest  `okrtui pull SLOW`: the slowest source alone

Goal: all / slowest ≤ 1.5×, i.e. a pull takes about as long as its slowest
source, not the sum of them. Sources are sealed with a key made for the run
(its own configuration folder), so the user's own key is never touched.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from statistics import median
from typing import Any

TODAY = "2026-11-23"
GOAL = 1.5


class Slow(BaseHTTPRequestHandler):
    """`/slow/N` answers after the run's delay; `/quick/N` at once."""

    delay = 1.0

    def do_GET(self) -> None:  # noqa: N802 - the standard library's name
        if self.path.startswith("/slow/"):
            time.sleep(self.delay)
        body = json.dumps({"value": len(self.path)}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        return None


def build(folder: Path, kpis: int, slow: int, base_url: str) -> Path:
    """The database, with one sealed source per KPI; returns its path."""
    from okrtui.accounts import account, load_or_create_key
    from okrtui.core.models import Metric
    from okrtui.core.sources import SourceSpec, sign
    from okrtui.store.database import open_database
    from okrtui.store.repository import Repository

    csv_file = folder / "export.csv"
    csv_file.write_text("week,value\n2026-11-16,3\n2026-11-23,4\n")
    shop = folder / "shop.db"
    with sqlite3.connect(shop) as conn:
        conn.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY)")
        conn.executemany("INSERT INTO orders VALUES (?)", [(i,) for i in range(500)])
    quick = [
        SourceSpec(kind="command", command="echo 42"),
        SourceSpec(kind="csv", csv_path=str(csv_file), column="value"),
        SourceSpec(kind="sql", dsn=f"sqlite:///{shop}", query="SELECT count(*) FROM orders"),
    ]
    path = folder / "pull.db"
    repo = Repository(open_database(path), "bench")
    name, uid = account()
    key = load_or_create_key()
    for i in range(kpis):
        metric = repo.add_metric(Metric(name=f"KPI {i:03d}", cadence="weekly"))
        if i < slow:
            spec = SourceSpec(kind="url", url=f"{base_url}/slow/{i}", json_path="$.value")
        elif i % 4 == 3:
            spec = SourceSpec(kind="url", url=f"{base_url}/quick/{i}", json_path="$.value")
        else:
            spec = quick[i % 4 % 3]
        repo.sources.add(metric, spec, None, account=name, uid=uid,
                         signature=sign(spec, metric.id or 0, uid, key))
    repo.close()
    return path


def timed_pull(db: Path, work: Path, env: dict[str, str], *names: str) -> float:
    """Seconds for one `okrtui pull` on a fresh copy of the database."""
    copy = work / "copy" / "pull.db"  # a folder of its own: no WAL left from a run before
    shutil.rmtree(copy.parent, ignore_errors=True)
    copy.parent.mkdir()
    shutil.copyfile(db, copy)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "okrtui", "--db", str(copy), "pull", *names],
                          env=env, capture_output=True, text=True, timeout=300)
    took = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"okrtui pull failed:\n{done.stdout}{done.stderr}")
    return took


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--kpis", type=int, default=100)
    parser.add_argument("--slow", type=int, default=10)
    parser.add_argument("--delay", type=float, default=1.0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    Slow.delay = args.delay
    server = ThreadingHTTPServer(("127.0.0.1", 0), Slow)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    work = Path(tempfile.mkdtemp(prefix="okrtui-pull-bench-"))
    try:
        os.environ["XDG_CONFIG_HOME"] = str(work / "config")  # this run's own key
        env = dict(os.environ, OKRTUI_TODAY=TODAY)
        env.pop("OKRTUI_DB", None)
        db = build(work, args.kpis, args.slow, f"http://127.0.0.1:{server.server_port}")
        timed_pull(db, work, env)  # warm-up
        samples: dict[str, list[float]] = {"all": [], "slowest": []}
        for _ in range(args.runs):
            samples["all"].append(timed_pull(db, work, env))
            samples["slowest"].append(timed_pull(db, work, env, "KPI 000"))
    finally:
        server.shutdown()
        shutil.rmtree(work, ignore_errors=True)
    result = {name: round(median(values), 3) for name, values in samples.items()}
    ratio = result["all"] / result["slowest"]
    if args.json:
        print(json.dumps({"median_s": result, "ratio": round(ratio, 2), "goal": GOAL,
                          "kpis": args.kpis, "slow": args.slow, "delay_s": args.delay}))
    else:
        print(f"{args.kpis} KPIs, {args.slow} sources taking {args.delay:g} s, "
              f"{args.runs} runs A B A B (median):")
        print(f"  okrtui pull (all)          {result['all']:.3f} s")
        print(f"  okrtui pull (slowest only) {result['slowest']:.3f} s")
        print(f"  all / slowest              {ratio:.2f}×  (goal ≤ {GOAL}×: "
              f"{'met' if ratio <= GOAL else 'MISSED'})")
    return 0 if ratio <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
