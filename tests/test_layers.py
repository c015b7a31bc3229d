"""The package's layers import one way, and no import cycle can arrive silently.

leaves (errors, settings, json_input, logs) ← core ← orders ← voice ← context ← server ← cli;
agents (an HTTP client of the server) imports no other layer at all (tests/agents/test_isolation.py).
Read from the source text with ``ast`` (nothing is imported), so a cycle that would only bite at
run time, or an import hidden under ``TYPE_CHECKING``, is caught too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[1] / "app"

# lower rank = lower layer; a module may import only from its own rank or below
RANKS = {"leaf": 0, "agents": 0, "core": 1, "orders": 2, "voice": 3, "context": 4, "server": 5, "cli": 6}
LEAVES = {"errors", "settings", "json_input", "logs"}
# what the core may import besides the standard library: no web framework, no HTTP client, no database
CORE_THIRD_PARTY = {"msgpack", "zstandard", "itsdangerous", "rapidfuzz", "babel"}


def module_name(path: Path) -> str:
    parts = path.relative_to(APP.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1 or parts[1] in ("__main__",):
        return "cli"  # `app` itself and `python -m app` sit on top
    if parts[1] in LEAVES:
        return "leaf"
    return parts[1]


def imports(path: Path) -> list[tuple[str, int]]:
    """Every ``app…`` module and top-level package ``path`` imports, with the line."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            base = node.module
            found.append((base, node.lineno))
            if base == "app" or base.startswith("app."):  # `from app.server import http` names a module too
                found += [(f"{base}.{alias.name}", node.lineno) for alias in node.names]
    return found


MODULES = {module_name(p): p for p in sorted(APP.rglob("*.py"))}


def app_imports(module: str) -> set[str]:
    return {name for name, _ in imports(MODULES[module]) if name in MODULES and name != module}


def test_every_module_belongs_to_a_layer() -> None:
    assert {layer(m) for m in MODULES} <= set(RANKS)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_down_the_layers(module: str) -> None:
    mine = RANKS[layer(module)]
    upward = [f"{name} (line {line})" for name, line in imports(MODULES[module]) if name in MODULES]
    upward = [u for u in upward if RANKS[layer(u.split()[0])] > mine]
    assert not upward, f"{module} ({layer(module)}) imports a higher layer: {upward}"


def test_core_uses_no_web_framework_http_client_or_database() -> None:
    for module, path in MODULES.items():
        if layer(module) != "core":
            continue
        for name, line in imports(path):
            top = name.split(".")[0]
            if top == "app" or top in CORE_THIRD_PARTY:
                continue
            assert not _is_third_party(top), f"{module}:{line} imports {name}"


def _is_third_party(top: str) -> bool:
    import sys

    return top not in sys.stdlib_module_names and top != "__future__"


def test_there_is_no_import_cycle() -> None:
    graph = {m: app_imports(m) for m in MODULES}
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            cycle = [*path[path.index(module) :], module]
            pytest.fail("import cycle: " + " -> ".join(cycle))
        if module in done:
            return
        for target in sorted(graph[module]):
            visit(target, [*path, module])
        done.add(module)

    for module in sorted(graph):
        visit(module, [])


def test_the_checker_sees_a_planted_cycle(tmp_path: Path) -> None:
    planted = tmp_path / "planted.py"
    planted.write_text("from app.server.http import read_json\nimport app.cli\n")
    assert [name for name, _ in imports(planted)] == ["app.server.http", "app.server.http.read_json", "app.cli"]


def test_no_module_is_too_long_to_read_in_one_sitting() -> None:
    long = {m: n for m, p in MODULES.items() if (n := len(p.read_text().splitlines())) > 450}
    assert not long, f"split these modules: {long}"
