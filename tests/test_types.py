"""``app/`` type-checks: mypy with the settings in ``pyproject.toml`` (``[tool.mypy]``, strict) reports nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow  # ~10 s from a cold cache (CI); `mypy` alone re-checks in about a second
def test_app_type_checks() -> None:
    run = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert run.stdout.startswith("Success: no issues found"), run.stdout[-4000:]
