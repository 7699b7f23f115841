"""`okrtui init --shared`, `check` and `backup`, run for real."""

from __future__ import annotations

import grp
import os
import sqlite3
import stat
from pathlib import Path

MY_GROUP = grp.getgrgid(os.getgid()).gr_name


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_shared_database_belongs_to_the_group_and_no_one_else(run_cli, tmp_path) -> None:
    db = tmp_path / "team" / "okr.db"
    result = run_cli("init", str(db), "--shared", "--group", MY_GROUP, db=False)
    assert result.returncode == 0, result.stderr
    assert f"Members of {MY_GROUP} can now run: okrtui --db {db}" in result.stdout
    assert mode(db) == 0o660 and mode(db.parent) == 0o2770
    assert grp.getgrgid(db.stat().st_gid).gr_name == MY_GROUP
    from okrtui.store.database import open_database

    old = os.umask(0o077)  # a member with a strict umask opens it first...
    try:
        conn = open_database(db)  # (the -wal and -shm live while someone has it open)
    finally:
        os.umask(old)
    try:
        assert run_cli("--db", str(db), "metric", "add", "Churn", db=False).returncode == 0
        for suffix in ("-wal", "-shm"):  # ...and the files SQLite adds are the group's too
            extra = Path(f"{db}{suffix}")
            assert mode(extra) == 0o660, suffix
            assert extra.stat().st_gid == db.stat().st_gid
    finally:
        conn.close()


def test_init_refuses_what_it_cannot_do_well(run_cli, tmp_path) -> None:
    db = tmp_path / "okr.db"
    for args in (["init", str(db), "--shared"], ["init", str(db), "--group", MY_GROUP],
                 ["init", str(db), "--shared", "--group", "no-such-group-xyz"]):
        result = run_cli(*args, db=False)
        assert result.returncode == 1 and result.stderr.startswith("okrtui: "), args
    assert not db.exists()
    assert run_cli("init", str(db), db=False).returncode == 0
    assert mode(db) == 0o600  # a private database: its owner only
    again = run_cli("init", str(db), "--shared", "--group", MY_GROUP, db=False)
    assert again.returncode == 1 and "already exists" in again.stderr


def test_check_finds_a_healthy_file_and_changes_nothing(run_cli, repo, db_path) -> None:
    from okrtui.core.models import Metric

    repo.add_metric(Metric(name="Churn"))
    repo.db.close()
    before = db_path.read_bytes()
    result = run_cli("check")
    assert result.returncode == 0, result.stderr
    assert "schema up to date" in result.stdout and result.stdout.rstrip().endswith(": ok")
    assert db_path.read_bytes() == before


def test_check_reports_a_damaged_file(run_cli, repo, db_path) -> None:
    from okrtui.core.models import Metric

    for i in range(200):
        repo.add_metric(Metric(name=f"M{i}", description="x" * 200))
    repo.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    repo.db.close()
    data = bytearray(db_path.read_bytes())
    data[8192:8192 + 512] = b"\x00" * 512  # a page of the metric table, zeroed
    db_path.write_bytes(bytes(data))
    result = run_cli("check")
    assert result.returncode == 1
    assert "PROBLEM" in result.stderr and "Traceback" not in result.stderr


def test_a_backup_while_writing_is_a_consistent_single_file(run_cli, repo, db_path,
                                                            tmp_path, today) -> None:
    from okrtui.core.models import Metric

    churn = repo.add_metric(Metric(name="Churn"))
    repo.record_reading(churn, today, 2.5, today=today)
    repo.db.execute("BEGIN IMMEDIATE")  # someone is in the middle of a write
    repo.db.execute("UPDATE metric SET unit = 'x'")
    target = tmp_path / "copy.db"
    result = run_cli("backup", str(target))
    repo.db.execute("ROLLBACK")
    assert result.returncode == 0, result.stderr
    assert "the copy checks ok" in result.stdout
    assert not Path(f"{target}-wal").exists() and mode(target) == 0o600
    copy = sqlite3.connect(target)
    assert copy.execute("SELECT name, unit FROM metric").fetchall() == [("Churn", "")]
    assert copy.execute("SELECT value FROM reading").fetchall() == [(2.5,)]
    refused = run_cli("backup", str(target))
    assert refused.returncode == 1 and "already exists" in refused.stderr


def test_init_never_changes_a_folder_it_did_not_make(run_cli, tmp_path) -> None:
    folder = tmp_path / "open"
    folder.mkdir(mode=0o755)
    result = run_cli("init", str(folder / "okr.db"), "--shared", "--group", MY_GROUP, db=False)
    assert result.returncode == 1 and "chmod 2770" in result.stderr
    assert mode(folder) == 0o755 and not (folder / "okr.db").exists()
    os.chmod(folder, 0o2770)  # as its owner would, following the message
    again = run_cli("init", str(folder / "okr.db"), "--shared", "--group", MY_GROUP, db=False)
    assert again.returncode == 0, again.stderr
    assert mode(folder) == 0o2770 and mode(folder / "okr.db") == 0o660
