"""app.agents talks to voicecart over HTTP only: it imports no other part of ``app``."""

from __future__ import annotations

import ast
from pathlib import Path

AGENTS = Path(__file__).resolve().parents[2] / "app" / "agents"


def app_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
    return [name for name in found if name == "app" or name.startswith("app.")]


def test_app_agents_imports_only_its_own_modules() -> None:
    modules = sorted(AGENTS.glob("*.py"))
    assert modules
    outside = {p.name: [m for m in app_imports(p) if not m.startswith("app.agents")] for p in modules}
    assert not {name: found for name, found in outside.items() if found}


def test_the_check_sees_an_import_of_the_core(tmp_path: Path) -> None:
    planted = tmp_path / "planted.py"
    planted.write_text("from app.core.cart import Cart\nimport app.agents.client\n")
    assert app_imports(planted) == ["app.core.cart", "app.agents.client"]
