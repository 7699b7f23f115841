"""Build the benchmark databases: an empty one, and a large one.

Large: 100 watched metrics with ten years of weekly readings (52,100
readings), the size of a busy team's history. Deterministic for a date.
Usage: python benchmarks/generate.py [--out DIR] [--scale N]
"""

from __future__ import annotations

import argparse
import random
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from okrtui.core.models import IncomingReading, Metric
from okrtui.store.database import open_database
from okrtui.store.repository import Repository

TODAY = date(2026, 11, 23)
METRICS = 100
WEEKS = 520


def build_large(path: Path, scale: int = 1) -> None:
    """`METRICS * scale` metrics, each with `WEEKS` weekly readings up to TODAY."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    repo = Repository(open_database(path), "bench")
    rng = random.Random(1)
    metrics = [
        Metric(name=f"Metric {i:03d}", unit="%" if i % 3 == 0 else "",
               range_min=40 if i % 2 else None, range_max=60 if i % 5 else None,
               direction="lower" if i % 4 == 0 else "higher", owner=f"owner{i % 7}")
        for i in range(METRICS * scale)
    ]
    last_monday = TODAY - timedelta(days=TODAY.weekday())
    readings = []
    for metric in metrics:
        level = rng.uniform(35, 65)
        for week in range(WEEKS, 0, -1):
            at = last_monday - timedelta(weeks=week - 1)
            readings.append(IncomingReading(
                metric=metric.name, at=at, value=round(level + rng.gauss(0, 3), 2),
                author="bench", source="import",
                recorded_at=datetime.combine(at, time(9), UTC),
            ))
    repo.import_readings(readings, new_metrics=metrics)
    repo.db.close()


def build_empty(path: Path) -> None:
    """A migrated database with nothing in it."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    open_database(path).close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=str(Path(__file__).parent / "data"))
    parser.add_argument("--scale", type=int, default=1, help="metrics × N (10 for 10×)")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    build_empty(out / "empty.db")
    name = "large.db" if args.scale == 1 else f"large-x{args.scale}.db"
    build_large(out / name, args.scale)
    print(f"wrote {out / 'empty.db'} and {out / name}")


if __name__ == "__main__":
    main()
