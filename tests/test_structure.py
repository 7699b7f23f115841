"""The whole tree's shape: no import cycles, small modules and classes, an App
without mixins, and no connection outside the store.

Every import counts, including those inside functions and under TYPE_CHECKING.
"""

from __future__ import annotations

import ast
from pathlib import Path

import okrtui

ROOT = Path(okrtui.__file__).parent
MAX_MODULE_LINES, MAX_CLASS_LINES = 300, 250


def _name(path: Path) -> str:
    parts = ["okrtui", *path.relative_to(ROOT).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _trees() -> dict[str, ast.Module]:
    return {_name(p): ast.parse(p.read_text(encoding="utf-8")) for p in ROOT.rglob("*.py")}


def _imports(tree: ast.Module, modules: set[str]) -> set[str]:
    """The project's modules a module imports (a package's name counts as itself)."""
    found: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # `from package import module` depends on that module, not the package.
            subs = [f"{node.module}.{a.name}" for a in node.names]
            names = [n for n in subs if n in modules] or [node.module]
        found |= {n for n in names if n in modules}
    return found


def _cycles() -> list[str]:
    trees = _trees()
    graph = {name: _imports(tree, set(trees)) - {name} for name, tree in trees.items()}
    stuck = []
    for start in graph:
        seen: set[str] = set()
        todo = list(graph[start])
        while todo:
            module = todo.pop()
            if module == start:
                stuck.append(start)
                break
            if module not in seen:
                seen.add(module)
                # A package's __init__ importing its own modules is not a cycle back.
                todo += [m for m in graph.get(module, ()) if not start.startswith(m + ".")]
    return sorted(stuck)


def test_no_module_imports_itself_back() -> None:
    assert _cycles() == []


def test_modules_and_classes_stay_small() -> None:
    too_long = []
    for path in ROOT.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if len(text.splitlines()) > MAX_MODULE_LINES:
            too_long.append(f"{_name(path)}: {len(text.splitlines())} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ClassDef):
                size = (node.end_lineno or node.lineno) - node.lineno + 1
                if size > MAX_CLASS_LINES:
                    too_long.append(f"{_name(path)}.{node.name}: {size} lines")
    assert too_long == []


def test_the_app_is_composed_not_mixed_in() -> None:
    from textual.app import App

    from okrtui.tui.app import OkrApp

    assert OkrApp.__bases__ == (App,)


# The SQL sources query a KPI's own database (someone else's, read-only), never okrtui's.
SQL_SOURCES = {"okrtui.fetch.sql", "okrtui.fetch.postgres"}


def test_only_the_store_touches_the_connection() -> None:
    touching = []
    for name, tree in _trees().items():
        if name.startswith("okrtui.store") or name in SQL_SOURCES:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in ("db", "execute"):
                touching.append(f"{name}: .{node.attr}")
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                         else [node.module or ""])
                touching += [f"{name}: imports {n}" for n in names
                             if n.split(".")[0] in ("sqlite3", "sqlite_utils")]
    assert touching == []
