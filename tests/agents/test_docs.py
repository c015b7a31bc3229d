"""docs/agents.md runs as written: every Python example imports and defines what it shows, and the
client and MCP examples run against a live voicecart and print what the page says they print."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.servers import ServerProcess

DOC = Path(__file__).resolve().parents[2] / "docs" / "agents.md"
FENCE = re.compile(r"```(\w+)\n(.*?)```", re.S)


def blocks(language: str) -> list[str]:
    return [body for lang, body in FENCE.findall(DOC.read_text()) if lang == language]


def example(marker: str) -> str:
    (found,) = [b for b in blocks("python") if marker in b]
    return found


def run_example(code: str, tmp_path: Path, url: str) -> str:
    script = tmp_path / "example.py"
    script.write_text(code)
    bin_dir = str(Path(sys.executable).parent)  # where pip put the `voicecart` command
    env = {**os.environ, "VOICECART_URL": url, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}
    done = subprocess.run([sys.executable, str(script)], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.slow  # imports each framework
@pytest.mark.filterwarnings("ignore:'audioop' is deprecated:DeprecationWarning")  # pipecat's own import
@pytest.mark.parametrize("index", range(len(blocks("python"))))
def test_every_python_example_imports_and_defines_what_it_shows(index: int) -> None:
    code = blocks("python")[index]
    for module in ("livekit.agents", "pipecat", "agents", "mcp"):
        if re.search(rf"^(from|import) {re.escape(module)}\b", code, re.M):
            pytest.importorskip(module, reason=f"the extra for {module} is not installed")
    namespace: dict[str, object] = {"__name__": "docs_example"}  # not __main__: nothing starts
    exec(compile(code, f"{DOC.name} example {index}", "exec"), namespace)
    assert any(callable(v) and getattr(v, "__module__", None) == "docs_example" for v in namespace.values())


def test_the_client_example_prints_what_the_page_shows(voicecart: ServerProcess, tmp_path: Path) -> None:
    printed = run_example(example("CartClient(URL"), tmp_path, voicecart.url).splitlines()
    shown = next(b for b in blocks("text") if "Your order is placed" in b).splitlines()
    assert printed[:2] == shown[:2]
    number = re.compile(r"order number [0-9A-F]{6}")
    assert number.sub("#", printed[2]) == number.sub("#", shown[2])
    assert len(printed) == 3


@pytest.mark.slow
def test_the_mcp_example_runs_voicecart_mcp(voicecart: ServerProcess, tmp_path: Path) -> None:
    pytest.importorskip("mcp", reason="the mcp extra is not installed")
    names, added = run_example(example("from mcp import Client"), tmp_path, voicecart.url).splitlines()
    assert names.startswith("['find_menu_items', 'get_item_details', 'add_to_order'")
    answer = json.loads(added)
    assert answer["ok"] and answer["message"].startswith("Added two")


def test_the_mcp_configuration_names_the_command_the_cli_has() -> None:
    (config,) = blocks("json")
    assert '"command": "voicecart"' in config and '"args": ["mcp", "--url"' in config
