"""The static checks are part of the test command: lint, types and the layers' contracts.

Each tool runs as it would from a shell at the repository root, with the
configuration in `pyproject.toml`, from the environment running pytest (so
`pip install '.[test]' && pytest` needs nothing else). A failure shows the
tool's own report.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# The console script `lint-imports`, found through its entry point in this
# environment rather than on PATH (import-linter has no `python -m` form).
LINT_IMPORTS = (
    "import sys\n"
    "from importlib.metadata import entry_points\n"
    "(script,) = entry_points(group='console_scripts', name='lint-imports')\n"
    "sys.exit(script.load()())\n"
)


def _passes(tool: str, *args: str, env: dict[str, str] | None = None) -> None:
    """Run `python *args` at the root; fail with the tool's own report unless it exits 0."""
    done = subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True,
                          env=env, timeout=600)
    if done.returncode != 0:
        pytest.fail(f"{tool} exited {done.returncode}:\n{done.stdout}{done.stderr}",
                    pytrace=False)


def test_ruff_finds_nothing_to_fix() -> None:
    _passes("ruff check", "-m", "ruff", "check", "src", "tests", "benchmarks", "scripts")


def test_mypy_finds_no_type_errors() -> None:
    # No paths given: mypy checks the `files` configured in pyproject.toml,
    # keeping its cache in .mypy_cache so a second run takes a second or two.
    _passes("mypy", "-m", "mypy")


def test_import_contracts_are_kept() -> None:
    # The source tree comes first on the path, so the contracts judge the code
    # being tested, not a copy installed earlier into the environment.
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT / "src"), *filter(None, [os.environ.get("PYTHONPATH")])])}
    _passes("lint-imports", "-c", LINT_IMPORTS, env=env)
