"""schemathesis against a live ``voicecart serve``, over every operation of its own ``/openapi.json``.

Three restaurants are served, menu formats v1 and v2, voice is configured against a
local fake of the Realtime API (so the session route answers 200, not 503), and every case carries
a real ``Cart-Token`` for its restaurant from ``tests/system/schemathesis_hooks.py`` — a cart with
three lines, so reads, edits, removals, tool calls and checkout all get past the 401s. Every
check schemathesis has is on (``tests/system/schemathesis.toml`` says which statuses a schema-valid
request may still get, and why the voice tools are exempt from negative-data rejection): no 5xx,
every status, header, content type and body as documented. The case count and the statuses each
operation reached are printed (``-s``) and must cover a success answer for every operation.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from app.settings import bundled_menu_dir
from tests.conftest import TEST_KEYS, UUID_MENU_FILE
from tests.fleet import REPO
from tests.servers import ServerProcess
from tests.support.realtime import API_KEY, FakeUpstream, upstream_fixture  # noqa: F401 (the fixture)

CONFIG = REPO / "tests" / "system" / "schemathesis.toml"
MAX_EXAMPLES = 20  # per operation and phase: about 1,500 cases, a minute or two on a shared CI machine
SEED = 18  # a fixed seed: the same cases every run, so a failure reproduces


def operation_of(path: str, templates: list[str]) -> str | None:
    """The documented path template ``path`` falls under; concrete paths win over templated ones."""
    ordered = sorted(templates, key=lambda t: (t.count("{"), -len(t)))
    for template in ordered:
        pattern = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$"
        if re.match(pattern, path):
            return template
    return None


@pytest.mark.slow
def test_schemathesis_finds_nothing_over_every_operation(tmp_path: Path, upstream: FakeUpstream) -> None:
    if importlib.util.find_spec("schemathesis") is None:
        pytest.fail("schemathesis is not installed (pip install -e '.[test]')")
    upstream.mode = "ok"
    menus = tmp_path / "menus"
    menus.mkdir()
    for menu in (*bundled_menu_dir().glob("*.json"), UUID_MENU_FILE):  # menu formats v1 and v2
        shutil.copy(menu, menus / menu.name)
    env = {
        "CART_KEYS": TEST_KEYS,
        "CART_DATA_DIR": str(tmp_path / "data"),
        "CART_MENU_DIR": str(menus),
        "OPENAI_API_KEY": API_KEY,
        "CART_OPENAI_BASE_URL": upstream.url,
        "CART_REALTIME_SESSIONS_PER_MINUTE": "10000",  # one client (this test) mints many; 429 is tested in-process
    }
    report = tmp_path / "report"
    with ServerProcess(env, log_path=tmp_path / "serve.log") as server:
        document = httpx.get(f"{server.url}/openapi.json").json()
        argv = [
            sys.executable,
            "-m",
            "schemathesis.cli",
            "--config-file",
            str(CONFIG),
            "run",
            f"{server.url}/openapi.json",
            "--seed",
            str(SEED),
            "--max-examples",
            str(MAX_EXAMPLES),
            "--workers",
            "1",
            "--report",
            "json,har",
            "--report-dir",
            str(report),
            "--no-shrink",
        ]
        run_env = {
            **os.environ,
            "SCHEMATHESIS_HOOKS": "tests.system.schemathesis_hooks",
            "VOICECART_URL": server.url,
            "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
            "NO_COLOR": "1",
        }
        result = subprocess.run(argv, cwd=tmp_path, env=run_env, capture_output=True, text=True, timeout=540)
    output = result.stdout + result.stderr
    (summary,) = [json.loads(p.read_text()) for p in report.glob("json-*.json")]
    (har,) = [json.loads(p.read_text()) for p in report.glob("har-*.json")]

    reached: dict[str, set[int]] = defaultdict(set)
    templates = list(document["paths"])
    for entry in har["log"]["entries"]:
        template = operation_of(urlsplit(entry["request"]["url"]).path, templates)
        if template is not None and entry["request"]["method"].lower() in document["paths"][template]:
            reached[f"{entry['request']['method']} {template}"].add(entry["response"]["status"])
    generated = summary["test_cases"]["generated"]
    print(f"\nschemathesis {summary['schemathesis_version']}: {generated} cases, seed {SEED}, exit {result.returncode}")
    for operation in sorted(reached):
        print(f"  {operation}: {sorted(reached[operation])}")

    assert result.returncode == 0, output[-6000:]
    assert summary["operations"]["tested"] == summary["operations"]["total"]
    assert generated >= 1000
    server_errors = {op: s for op, s in reached.items() if any(code >= 500 for code in s)}
    assert server_errors == {}
    documented = {
        f"{m.upper()} {p}": set(map(int, op["responses"]))
        for p, ops in document["paths"].items()
        for m, op in ops.items()
    }
    assert set(reached) == set(documented) - {"GET /openapi.json"}  # schemathesis does not test its own source
    # every operation that can succeed, but .../tools/{name}: it succeeds only for a name that has its own path
    succeeds = {op for op, codes in documented.items() if any(200 <= s < 300 for s in codes) and "{name}" not in op}
    no_success = [op for op in succeeds & set(reached) if not any(200 <= code < 300 for code in reached[op])]
    assert no_success == []  # every operation that can succeed got past the token checks to a real answer
    undocumented = {op: sorted(reached[op] - documented[op]) for op in reached if reached[op] - documented[op]}
    assert undocumented == {}
