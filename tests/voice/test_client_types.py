"""``app/static/cart-client.d.ts``: the hand-written types of the browser client hold.

``tsc --noEmit`` (the TypeScript compiler from the npm registry, installed on first use into a
cache directory with ``npm install``) checks ``client-usage.ts`` beside this file, which uses the
client as a TypeScript app would, against the declarations; a wrong use must fail the same check.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from tests.fleet import require_binary

REPO = Path(__file__).resolve().parents[2]
STATIC = REPO / "app" / "static"
MODULES = ("cart-client", "realtime-adapter")  # cart-client.js re-exports realtime-adapter.js
USAGE = Path(__file__).with_name("client-usage.ts")
TYPESCRIPT = "typescript@7.0.2"
CACHE = Path(os.environ.get("VOICECART_NPM_CACHE", Path.home() / ".cache" / "voicecart" / "npm")) / TYPESCRIPT
TSC_FLAGS = ["--noEmit", "--strict", "--target", "es2022", "--module", "es2022", "--moduleResolution", "bundler"]
TSC_FLAGS += ["--lib", "es2022,dom,dom.iterable", "--skipLibCheck", "false"]


def exported_names(text: str, pattern: str) -> set[str]:
    return set(re.findall(pattern, text, flags=re.M))


def test_every_export_of_the_module_is_declared() -> None:
    """What ``/static/cart-client.js`` exports when loaded (node imports it) is what the .d.ts files declare."""
    node = require_binary("node")
    listed = subprocess.run(
        [
            node,
            "--input-type=module",
            "-e",
            "import * as m from './cart-client.js'; console.log(JSON.stringify(Object.keys(m)))",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=STATIC,
        check=True,
    )
    runtime = set(json.loads(listed.stdout))
    assert {"CartClient", "CartClientError", "RealtimeAdapter", "RecordingChannel", "playScript"} <= runtime
    declared = set()
    for module in MODULES:
        declared |= exported_names((STATIC / f"{module}.d.ts").read_text(), r"^export (?:class|function|const) (\w+)")
    assert runtime == declared


def tsc() -> Path:
    """The pinned compiler from the cache, installed there with npm when missing."""
    binary = CACHE / "node_modules" / ".bin" / "tsc"
    if not binary.exists():
        npm = require_binary("npm")
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [npm, "install", "--prefix", str(CACHE), "--no-audit", "--no-fund", "--no-save", TYPESCRIPT],
            check=True,
            capture_output=True,
            timeout=300,
        )
    return binary


def check(source: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(tsc()), *TSC_FLAGS, str(source)], capture_output=True, text=True, timeout=120, cwd=source.parent
    )


@pytest.mark.slow
def test_a_typescript_app_type_checks_against_the_declarations(tmp_path: Path) -> None:
    result = check(USAGE)
    assert result.returncode == 0, result.stdout + result.stderr

    # the same check refuses a wrong use: callTool's ok is a boolean, restore's answer has no ok, a
    # cart-reset's message is a string
    wrong = USAGE.with_name("client-misuse.ts")
    try:
        wrong.write_text(
            'import { CartClient } from "../../app/static/cart-client.js";\n'
            "export async function f(): Promise<string> {\n"
            '  const client = new CartClient({ restaurantId: "demo-burger" });\n'
            "  const restored = await client.restore();\n"
            '  return (await client.callTool("add_to_order", {})).ok || restored.ok;\n'
            "}\n"
            'new CartClient({ restaurantId: "x" }).addEventListener("cart-reset", (e) => {\n'
            "  const words: number = e.detail.message;\n"
            "});\n"
        )
        refused = check(wrong)
    finally:
        wrong.unlink()
    assert refused.returncode != 0
    errors = re.findall(r"client-misuse\.ts\((\d+),\d+\): error (TS\d+)", refused.stdout)
    assert errors == [("5", "TS2322"), ("8", "TS2322")], refused.stdout  # and an event's detail is typed
