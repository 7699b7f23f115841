"""The store's shape: a facade over small stores, no import cycles, plain SQL in few places.

Every import counts, including those inside functions and under TYPE_CHECKING,
as import-linter counts them.
"""

from __future__ import annotations

import ast
from pathlib import Path

import okrtui.store

STORE = Path(okrtui.store.__file__).parent
MAX_MODULE_LINES, MAX_CLASS_LINES = 300, 250
# Where the connection is used directly: the helpers and the SQLite-specific modules.
RAW_SQL = {"sql", "database", "maintenance", "migrations", "migration_m007", "migration_m009",
           "migration_m010"}
SQLITE_ONLY = ("PRAGMA", "INSERT OR", "REPLACE INTO", " GLOB ", "IS NOT ?", " IS ?")


def _modules() -> dict[str, ast.Module]:
    return {p.stem: ast.parse(p.read_text(encoding="utf-8")) for p in STORE.glob("*.py")
            if p.stem != "__init__"}


def _store_imports(tree: ast.Module) -> set[str]:
    """The store modules a module imports, wherever the import statement is."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name.removeprefix("okrtui.store.") for a in node.names
                      if a.name.startswith("okrtui.store.")}
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "okrtui.store":
                found |= {a.name for a in node.names}
            elif node.module.startswith("okrtui.store."):
                found.add(node.module.removeprefix("okrtui.store.").split(".")[0])
    return found


def _graph() -> dict[str, set[str]]:
    return {name: _store_imports(tree) for name, tree in _modules().items()}


def _reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = list(graph[start])
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo += graph.get(module, ())
    return seen


def test_no_store_module_imports_itself_back() -> None:
    graph = _graph()
    cycles = sorted(m for m in graph if m in _reachable(graph, m))
    assert cycles == [], f"import cycles through {cycles}"


def test_the_small_stores_never_import_the_facade() -> None:
    graph = _graph()
    below = _reachable(graph, "repository")
    assert {"metrics", "readings", "okr_repository", "journal", "closing", "kpi_signals",
            "sql"} <= below
    assert not [m for m in below if "repository" in graph[m]]


def test_modules_and_classes_stay_small() -> None:
    too_long = []
    for path in STORE.glob("*.py"):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_MODULE_LINES:
            too_long.append(f"{path.name}: {lines} lines")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                size = (node.end_lineno or node.lineno) - node.lineno + 1
                if size > MAX_CLASS_LINES:
                    too_long.append(f"{path.name}: class {node.name}, {size} lines")
    assert too_long == []


def test_queries_go_through_the_sql_helpers_and_stay_plain() -> None:
    found = []
    for name, tree in _modules().items():
        if name in RAW_SQL:
            continue
        for node in ast.walk(tree):
            through_helpers = isinstance(node, ast.Attribute) and isinstance(
                node.value, ast.Name) and node.value.id == "sql"
            if isinstance(node, ast.Attribute) and not through_helpers and node.attr in (
                    "execute", "executemany", "fetchone", "fetchall", "cursor"):
                found.append(f"{name}.py:{node.lineno}: .{node.attr}")
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found += [f"{name}.py:{node.lineno}: {trick.strip()}" for trick in SQLITE_ONLY
                          if trick in node.value.upper()]
    assert found == []
