"""Several real processes sharing one database file, as a team on one host does.

Each worker is a separate Python process. They all get ready (imports done,
database open), report it, and wait for one "go" line on stdin, so their
writes really overlap.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

from okrtui.core.models import Metric
from okrtui.store.database import open_database
from okrtui.store.migrations import KNOWN_STEPS
from okrtui.store.repository import Repository

RECORDER = textwrap.dedent(
    """
    import sys
    from datetime import date, timedelta
    from okrtui.store.database import open_database
    from okrtui.store.repository import Repository

    path, name, count, offset = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    today = date(2026, 11, 23)
    repo = Repository(open_database(path), "worker-" + name)
    metric = repo.get_metric(name)
    print("ready", flush=True)
    sys.stdin.readline()
    for i in range(count):
        day = today - timedelta(days=offset + i)
        repo.record_reading(metric, day, float(offset + i), today=today, note=name)
    print("done", flush=True)
    """
)

OPENER = textwrap.dedent(
    """
    import sys
    from okrtui.store.database import open_database, schema_steps

    print("ready", flush=True)
    sys.stdin.readline()
    db = open_database(sys.argv[1])
    print(",".join(schema_steps(db)), flush=True)
    """
)


def start_together(scripts_and_args: list[list[str]]) -> list[subprocess.CompletedProcess[str]]:
    """Start every worker, wait until all are ready, then release them at once."""
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", *argv],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for argv in scripts_and_args
    ]
    for worker in workers:
        assert worker.stdout is not None
        line = worker.stdout.readline()
        assert line == "ready\n", worker.communicate()[1]
    for worker in workers:
        assert worker.stdin is not None
        worker.stdin.write("go\n")
        worker.stdin.flush()
    results = []
    for worker in workers:
        out, err = worker.communicate(timeout=120)
        results.append(subprocess.CompletedProcess(worker.args, worker.returncode, out, err))
    return results


def test_four_processes_recording_at_once_lose_nothing(db_path: Path, today: date) -> None:
    names = [f"metric {n}" for n in range(4)]
    setup = Repository(open_database(db_path), "setup")
    for name in names:
        setup.add_metric(Metric(name=name, range_min=0))
    setup.db.close()

    per_worker = 200
    results = start_together(
        [[RECORDER, str(db_path), name, str(per_worker), "0"] for name in names]
    )

    for result in results:
        assert result.returncode == 0, result.stderr
        assert result.stdout == "done\n"
        assert result.stderr == ""
    check = Repository(open_database(db_path), "checker")
    assert check.reading_count() == 4 * per_worker
    for name in names:
        metric = check.get_metric(name)
        values = [p.value for p in check.current_points(metric.id or 0)]
        assert sorted(values) == [float(i) for i in range(per_worker)]
        assert {r.author for r in check.history(metric.id or 0)} == {f"worker-{name}"}
    assert check.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    check.db.close()


def test_processes_correcting_the_same_days_at_once_keep_one_current_reading_per_day(
    db_path: Path,
) -> None:
    setup = Repository(open_database(db_path), "setup")
    setup.add_metric(Metric(name="shared", range_min=0))
    setup.db.close()

    per_worker = 50
    results = start_together(
        [[RECORDER, str(db_path), "shared", str(per_worker), "0"] for _ in range(3)]
    )

    for result in results:
        assert result.returncode == 0, result.stderr
    check = Repository(open_database(db_path), "checker")
    metric = check.get_metric("shared")
    history = check.history(metric.id or 0)
    assert len(history) == 3 * per_worker
    current = [r for r in history if not r.superseded]
    assert len(current) == per_worker
    assert len({r.at for r in current}) == per_worker
    # each day's corrections form one chain: every superseded row is pointed at once
    pointed = [r.supersedes for r in history if r.supersedes is not None]
    assert len(pointed) == len(set(pointed)) == 2 * per_worker
    assert set(pointed) == {r.id for r in history if r.superseded}
    check.db.close()


def test_three_processes_creating_a_new_database_at_once_migrate_it_once(
    db_path: Path,
) -> None:
    results = start_together([[OPENER, str(db_path)] for _ in range(3)])

    for result in results:
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == ",".join(KNOWN_STEPS)
    conn = sqlite3.connect(db_path)
    rows = conn.execute(
        "SELECT migration_set, name FROM _sqlite_migrations ORDER BY rowid"
    ).fetchall()
    conn.close()
    assert rows == [("okrtui", step) for step in KNOWN_STEPS]
