"""The arrows point one way: core imports nothing of the project's outer layers."""

from __future__ import annotations

import subprocess
import sys

CORE = ["errors", "format", "kpi", "models", "okr", "parse", "periods", "report", "scoring",
        "signals", "text", "hygiene", "xmr_plot", "review", "people"]
PROBE = """
import sys
import okrtui.core.{modules}
bad = sorted(n for n in sys.modules
             if n.split(".")[0] in ("textual", "rich", "sqlite3", "sqlite_utils", "platformdirs")
             or n.startswith(("okrtui.store", "okrtui.tui", "okrtui.cli")))
print(bad)
"""


def test_core_imports_no_io_storage_or_ui() -> None:
    for module in CORE:
        done = subprocess.run([sys.executable, "-c", PROBE.format(modules=module)],
                              capture_output=True, text=True, check=True)
        assert done.stdout.strip() == "[]", f"okrtui.core.{module} pulls in {done.stdout}"


def test_store_imports_no_textual() -> None:
    probe = ("import sys, okrtui.store.repository, okrtui.store.exchange\n"
             "print(sorted(n for n in sys.modules if n.split('.')[0] in ('textual', 'rich')))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"
