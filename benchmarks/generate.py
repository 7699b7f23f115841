"""Build the benchmark databases: an empty one, and a large one.

Large: 100 watched metrics with ten years of weekly readings (52,000
readings), forty quarters of OKRs (360 key results, ~4,700 check-ins, past
quarters graded and closed) and last week's review, which this week's note
compares with: a busy team's history. Deterministic.
Usage: python benchmarks/generate.py [--out DIR] [--scale N]
"""

from __future__ import annotations

import argparse
import random
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from okrtui.core.models import IncomingReading, KeyResult, Metric, Objective
from okrtui.core.periods import Quarter
from okrtui.store.database import open_database
from okrtui.store.repository import Repository

TODAY = date(2026, 11, 23)
METRICS = 100
WEEKS = 520
QUARTERS = 40


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
    build_quarters(repo, rng)
    # Saved last Monday after that morning's readings: this week's note compares with it.
    previous = last_monday - timedelta(weeks=1)
    repo.journal.save_review("# Weekly review\n\n## What to test next\n\n- Check Metric 001\n",
                             previous, previous,
                             saved_at=datetime.combine(previous, time(11), UTC))
    repo.db.close()


def build_quarters(repo: Repository, rng: random.Random) -> None:
    """Forty quarters up to TODAY's: 3 objectives × 3 key results, weekly check-ins,
    every past quarter graded and closed (the history a team builds in ten years)."""
    repo.db.execute("PRAGMA synchronous = OFF")  # a generator, not user data
    quarter = Quarter.of(TODAY)
    quarters = [quarter]
    for _ in range(QUARTERS - 1):
        quarters.insert(0, quarters[0].previous())
    metric_ids = [m.id or 0 for m in repo.list_metrics()]
    for q in quarters:
        end = min(q.end, TODAY)
        for o in range(3):
            objective = repo.okrs.add_objective(
                Objective(quarter=str(q), title=f"Objective {o + 1} of {q}", owner="bench"))
            for k in range(3):
                metric_id = metric_ids[(o * 3 + k + q.q * 7) % len(metric_ids)]
                points = repo.current_points(metric_id, q.start, limit=1)
                baseline = points[-1].value if points else 50.0
                kr = repo.okrs.add_key_result(KeyResult(
                    objective_id=objective.id or 0, metric_id=metric_id,
                    statement=f"Move metric {metric_id} by 10%", baseline=baseline,
                    target=round(baseline * 1.1, 2), start=q.start, due=q.end))
                monday = q.start + timedelta(days=(7 - q.start.weekday()) % 7)
                while monday <= end:
                    value = repo.current_points(metric_id, monday, limit=1)[-1].value
                    repo.okrs.check_in(kr, value, today=TODAY, at=monday,
                                       confidence=rng.randint(3, 9), source="import",
                                       recorded_at=datetime.combine(monday, time(10), UTC))
                    monday += timedelta(weeks=1)
                if q != quarter:
                    repo.closing.grade(kr.id or 0, round(rng.uniform(0.3, 1.0), 1),
                                       today=TODAY, next_step="drop")
        if q != quarter:
            repo.closing.close_quarter(str(q), today=TODAY)


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
