"""The soak in its short form (bench/soak.py): 50 sessions for ~20 s through nginx while every
replica is SIGKILLed and restarted, the key is rotated in three steps and a price changes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fleet import REPO, require_binary

pytestmark = pytest.mark.slow


def test_short_soak_loses_nothing_and_serves_no_5xx(tmp_path: Path) -> None:
    require_binary("nginx")
    out = tmp_path / "soak.json"
    run = subprocess.run(
        [sys.executable, "-m", "bench.soak", "--sessions", "50", "--duration", "20", "--json", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    result = json.loads(out.read_text())
    assert result["turns"] > 0 and result["acknowledged_mutations"] > 0 and result["carts_verified"] > 0
    assert result["lost"] == 0
    assert result["5xx"] == 0
    assert result["rejected_401_403"] == 0
    assert result["other_errors"] == 0
    assert result["inconsistent_totals"] == 0
    events = "\n".join(result["events"])
    for event in ("restart: replica 2", "key rotation step 3: replica 2", "price of fries changed"):
        assert event in events
