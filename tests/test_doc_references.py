"""Every reference in the docs names something that exists.

In docstrings and comments of ``app/``, ``tests/`` and ``bench/``, in ``pyproject.toml``'s comments and
in the Markdown (README, ``docs/``, ``deploy/README.md``, ``app/core/README.md``): each Sphinx-style
``:func:``/``:mod:``/``:class:``/``:meth:``/``:data:``/``:attr:``/``:exc:`` reference and each dotted
``app.…`` name resolves to a module or attribute, and each repository path (``app/…``, ``tests/…``,
``bench/…``, ``docs/…``, ``deploy/…``; ``<x>``, ``{x}`` and ``*`` as wildcards) exists.
"""

from __future__ import annotations

import ast
import dataclasses
import importlib
import io
import re
import tokenize
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ROLE = re.compile(r":(?:func|mod|class|meth|data|attr|exc):`~?([\w.]+)`")
DOTTED = re.compile(r"(?<![\w./-])(app(?:\.\w+)++)(?![/@-])")  # not a domain (app.kubernetes.io/name)
PATH = re.compile(r"(?<![\w./-])((?:app|tests|bench|docs|deploy)/(?:[\w./*<>@-]|\{[^}\s]*\})+)")
MARKDOWN = [
    "README.md",
    "deploy/README.md",
    "app/core/README.md",
    *sorted(f"docs/{p.name}" for p in ROOT.glob("docs/*.md")),
]
NOT_PATHS = {"deploy/voicecart"}  # `kubectl exec deploy/voicecart`: a Deployment, not a file
NOT_YET: tuple[str, ...] = ()  # every file is checked (the reader rewrite, #23, has landed)


def _python_files() -> list[Path]:
    files = [p for top in ("app", "tests", "bench") for p in sorted((ROOT / top).rglob("*.py"))]
    return [p for p in files if not p.relative_to(ROOT).as_posix().startswith(NOT_YET)]


def _prose(path: Path) -> Iterator[tuple[int, str, str]]:
    """``(line, text, class)`` of every comment and docstring of a Python file; ``class``: the class a
    docstring is in (a method named there may be that class's), else ""."""
    source = path.read_text()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            yield token.start[0], token.string, ""

    def docstrings(node: ast.AST, owner: str) -> Iterator[tuple[int, str, str]]:
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            docstring = ast.get_docstring(node, clean=False)
            if docstring:
                yield node.body[0].lineno, docstring, node.name if isinstance(node, ast.ClassDef) else owner
        for child in ast.iter_child_nodes(node):
            yield from docstrings(child, node.name if isinstance(node, ast.ClassDef) else owner)

    yield from docstrings(ast.parse(source), "")


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] in ("__init__", "__main__") else parts)  # never run a __main__


def _has(owner: object, name: str) -> bool:
    if hasattr(owner, name):
        return True
    if isinstance(owner, type):  # a dataclass or NamedTuple field without a default, an annotated attribute
        fields = getattr(owner, "__dataclass_fields__", {})
        return name in fields or any(name in getattr(k, "__annotations__", {}) for k in owner.__mro__)
    return False


def _resolves(target: str, context: str | None = None) -> bool:
    """``target`` (absolute, ``.relative`` to ``context``'s package, or a name in ``context``) exists."""
    if target.startswith(".") and context:
        package = (
            context
            if importlib.import_module(context).__spec__.submodule_search_locations
            else context.rpartition(".")[0]
        )  # type: ignore[union-attr]
        target = package + target
    parts = target.split(".")
    for cut in range(len(parts), 0, -1):
        source = (ROOT / "/".join(parts[:cut])).with_suffix(".py")
        if parts[cut - 1] == "__main__":
            return source.exists()  # importing it would run it
        try:
            owner: object = importlib.import_module(".".join(parts[:cut]))
        except ImportError as exc:
            if source.exists() and exc.name and not exc.name.startswith(parts[0]):  # an optional package missing
                return len(parts) == cut or (len(parts) == cut + 1 and parts[cut] in _top_level_names(source))
            continue
        for i, name in enumerate(parts[cut:]):
            if not _has(owner, name):
                return False
            if i < len(parts[cut:]) - 1:
                owner = getattr(owner, name)
        return True
    if context:  # a name the module itself defines or imports
        try:
            owner = importlib.import_module(context)
        except ImportError:  # an optional package missing: read the module instead
            source = (ROOT / context.replace(".", "/")).with_suffix(".py")
            return parts[0] in _top_level_names(source if source.exists() else source.with_suffix("") / "__init__.py")
        for i, name in enumerate(parts):
            if not _has(owner, name):
                return False
            if i < len(parts) - 1:
                owner = getattr(owner, name)
        return True
    return False


def _top_level_names(source: Path) -> set[str]:
    """What a module defines or imports at its top level, read without importing it."""
    names = set()
    for node in ast.parse(source.read_text()).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names |= {t.id for t in targets if isinstance(t, ast.Name)}
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names |= {(a.asname or a.name).partition(".")[0] for a in node.names}
    return names


def _path_exists(text: str) -> bool:
    """``text`` exists: ``{a,b}`` names each of them, ``<x>``, ``{x}`` and ``*`` stand for anything."""
    choice = re.search(r"\{([^}]*,[^}]*)\}", text)
    if choice:
        return all(_path_exists(text[: choice.start()] + alt + text[choice.end() :]) for alt in choice[1].split(","))
    pattern = re.sub(r"<[^>]*>|\{[^}]*\}", "*", text)
    return any(ROOT.glob(pattern)) if "*" in pattern else (ROOT / pattern).exists()


def _problems_in(where: str, text: str, context: str | None, owner: str = "") -> Iterator[str]:
    for match in ROLE.finditer(text):
        target = match.group(1)
        if not _resolves(target, context) and not (owner and _resolves(f"{owner}.{target}", context)):
            yield f"{where}: {match.group(0)} does not resolve"
    for match in DOTTED.finditer(text):
        if match.group(1).rpartition(".")[2] in ("py", "json", "md"):
            continue  # a file name (app.py), checked as a path where it has one
        if not _resolves(match.group(1)):
            yield f"{where}: {match.group(1)} does not resolve"
    for match in PATH.finditer(text):
        path = match.group(1).rstrip("./-")  # the end of a sentence is not part of the path
        if path not in NOT_PATHS and not _path_exists(path):
            yield f"{where}: {path} does not exist"


def test_docstring_and_comment_references_exist() -> None:
    problems = []
    for path in _python_files():
        context = _module_name(path)
        for line, text, owner in _prose(path):
            problems += _problems_in(f"{path.relative_to(ROOT)}:{line}", text, context, owner)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", [*MARKDOWN, "pyproject.toml"])
def test_document_references_exist(name: str) -> None:
    text = (ROOT / name).read_text()
    if name.endswith(".toml"):
        text = "\n".join(line.partition("#")[2] for line in text.splitlines())  # comments only
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        problems += _problems_in(f"{name}:{number}", line, None)
    assert not problems, "\n".join(problems)


def test_markdown_links_to_files_and_sections_exist() -> None:
    """Relative links (``[x](docs/menu-format.md#section)``) name a file, and a heading in it."""
    problems = []
    for name in MARKDOWN:
        base = (ROOT / name).parent
        for target in re.findall(r"\]\(([^)\s]+)\)", (ROOT / name).read_text()):
            if re.match(r"[a-z]+:", target):
                continue  # https:, mailto:
            file, _, anchor = target.partition("#")
            path = (base / file) if file else ROOT / name
            if not path.exists():
                problems.append(f"{name}: link to {target}: no {file}")
            elif anchor and path.suffix == ".md" and anchor not in _anchors(path.read_text()):
                problems.append(f"{name}: link to {target}: no such heading")
    assert not problems, "\n".join(problems)


def _anchors(markdown: str) -> set[str]:
    """GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens."""
    headings = re.findall(r"^#+\s+(.*)$", markdown, re.M)
    return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in headings}


def test_the_checker_finds_what_is_stale() -> None:
    assert list(_problems_in("x", ":func:`app.core.turn.no_such_function`", None))
    assert list(_problems_in("x", "see app/no_such_module.py", None))
    assert list(_problems_in("x", "`tests/core/{menu,no_such_room}`", None))
    assert not list(_problems_in("x", "`tests/core/{menu,cart}` and `tests/golden/v<N>.json`", None))
    assert not list(_problems_in("x", ":meth:`Settings.__post_init__` in app/settings.py", "app.settings"))
    assert dataclasses.is_dataclass(importlib.import_module("app.settings").Settings)
