"""The whole OKR cycle from a shell script, as a cron job or a wiki export would run it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = """
set -euo pipefail
okrtui() { "$PYTHON" -m okrtui --db "$DB" "$@"; }
okrtui metric add Churn --unit % --lower-is-better --max 3
okrtui metric add "Support tickets" --max 100
okrtui record Churn 4 --at 2026-10-05
okrtui objective add "Customers stay" --quarter 2026-Q4 --owner maria
okrtui kr add 1 "Reduce churn from 4% to 2.5%" --metric Churn --target 2.5 \\
    --guardrail "Support tickets"
for week in 2026-10-12 2026-10-19 2026-10-26; do
  okrtui checkin 1 3.5 --confidence 6 --at "$week"
done
okrtui quarter grade 1 0.6 --note "half way" --next return-to-kpi
OKRTUI_TODAY=2027-01-04 okrtui quarter close 2026-Q4
okrtui quarter export 2026-Q4 --format markdown --out "$OUT"
OKRTUI_TODAY=2027-01-04 okrtui kpis --json
"""


def test_the_okr_cycle_runs_from_a_shell_script(tmp_path: Path) -> None:
    out = tmp_path / "q4.md"
    env = {**os.environ, "PYTHON": sys.executable, "DB": str(tmp_path / "team.db"),
           "OUT": str(out), "OKRTUI_TODAY": "2026-11-02"}
    env.pop("OKRTUI_DB", None)
    done = subprocess.run(["bash", "-c", SCRIPT], env=env, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    page = out.read_text()
    assert "Customers stay" in page and "Reduce churn from 4% to 2.5%" in page
    assert "0.6" in page and "return" in page.lower()
    assert '"role": "kpi"' in done.stdout  # a KPI again after the quarter
