"""The short form of ``bench/fuzz.py`` (CI), and proof that the harness notices a planted bug."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.core.token import codec as codec_module
from app.server import cart_routes
from bench import Config
from bench.fuzz import run

ROOT = Path(__file__).resolve().parents[2]


def test_quick_fuzz_run_passes(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bench.fuzz", "--quick", "--out", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = (tmp_path / "fuzz.md").read_text()
    assert done.returncode == 0, report
    assert report.count("0 (must be 0)") == 2
    assert "**PASS**" in report


def test_harness_counts_an_accepted_forgery(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(codec_module.CartCodec, "_raise_bad_signature", lambda *a, **k: None)  # planted bug
    assert not run(Config(out=tmp_path, quick=True), tokens=3000, requests=10)
    assert "forged token accepted" in (tmp_path / "fuzz.md").read_text()


def test_harness_counts_a_500(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("planted bug")

    monkeypatch.setattr(cart_routes, "object_fields", broken)
    assert not run(Config(out=tmp_path, quick=True), tokens=10, requests=300)
    assert "500 on POST" in (tmp_path / "fuzz.md").read_text()
