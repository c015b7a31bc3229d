"""The package's layers and the rooms of core import one way: import-linter's contracts hold.

The contracts live in ``pyproject.toml`` (``[tool.importlinter]``); this runs ``lint-imports`` on
them, so a cycle or an upward import fails the suite with import-linter's own report.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_hold() -> None:
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or "lint-imports"
    run = subprocess.run([exe, "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "0 broken" in run.stdout, run.stdout[-4000:]
