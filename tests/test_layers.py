"""The arrows point one way: core imports nothing of the project's outer layers.

import-linter's contracts (pyproject.toml, run by tests/test_static.py) see
every import statement but not when it runs; these tests run the imports and
look at `sys.modules`, so an import delayed into a function is judged too.
"""

from __future__ import annotations

import importlib.util
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import okrtui.core

# Every module of the core, found rather than listed, so a new one is checked too.
CORE = sorted(m.name for m in pkgutil.iter_modules(okrtui.core.__path__))
PROBE = """
import sys
import okrtui.core.{modules}
bad = sorted(n for n in sys.modules
             if n.split(".")[0] in ("textual", "rich", "sqlite3", "sqlite_utils", "platformdirs")
             or n.startswith(("okrtui.store", "okrtui.tui", "okrtui.cli", "okrtui.config",
                              "okrtui.demo", "okrtui.entry")))
print(bad)
"""


def test_the_core_modules_are_all_found() -> None:
    assert {"models", "parse", "periods", "kpi", "okr", "signals", "review"} <= set(CORE)


def test_core_imports_no_io_storage_or_ui() -> None:
    for module in CORE:
        done = subprocess.run([sys.executable, "-c", PROBE.format(modules=module)],
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == "[]", f"okrtui.core.{module} pulls in {done.stdout}"


def test_store_imports_no_textual() -> None:
    probe = ("import sys, okrtui.store.repository, okrtui.store.exchange\n"
             "print(sorted(n for n in sys.modules if n.split('.')[0] in ('textual', 'rich')))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


# What a script's command must never load: the TUI, and Rich which it brings along.
UI = ("textual", "rich")
CLI_PROBE = """
import json, sys
ui = lambda: sorted(n for n in sys.modules if n.split(".")[0] in {ui!r})
import okrtui.cli
imported = ui()
db = sys.argv[1]
codes = [okrtui.cli.main(["--db", db, "metric", "add", "Uptime", "--min", "1"]),
         okrtui.cli.main(["--db", db, "record", "Uptime", "2"]),
         okrtui.cli.main(["--db", db, "kpis", "--json"])]
print(json.dumps({{"imported": imported, "codes": codes, "ran": ui()}}))
"""


def _cli_is_a_package() -> bool:
    spec = importlib.util.find_spec("okrtui.cli")
    return spec is not None and spec.submodule_search_locations is not None


needs_cli_package = pytest.mark.skipif(
    not _cli_is_a_package(),
    reason="okrtui.cli is not a package yet (okrtui/cli/__init__.py is missing)")


@needs_cli_package
def test_the_cli_package_and_its_script_commands_import_no_ui(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", CLI_PROBE.format(ui=UI), str(tmp_path / "okrtui.db")],
        capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.splitlines()[-1])
    assert seen["imported"] == [], f"import okrtui.cli pulls in {seen['imported']}"
    assert seen["codes"] == [0, 0, 0], done.stderr
    assert seen["ran"] == [], f"the script commands pull in {seen['ran']}"


@needs_cli_package
def test_the_okrtui_program_running_a_script_command_imports_no_ui(tmp_path: Path) -> None:
    # The whole program as cron would run it (`python -m okrtui`, the same
    # code as the `okrtui` script), import by import.
    db = str(tmp_path / "okrtui.db")
    for args in (["metric", "add", "Uptime", "--min", "1"], ["kpis"]):
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "okrtui", "--db", db, *args],
            capture_output=True, text=True, timeout=60)
        imports = [line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()
                   if line.startswith("import time:")]
        assert done.returncode == 0, done.stderr[-2000:]
        assert "okrtui.cli" in imports
        loaded = sorted({name for name in imports if name.split(".")[0] in UI})
        assert loaded == [], f"okrtui {' '.join(args)} imports {loaded}"
