"""``voicecart mcp`` without the mcp extra: one clear line and exit 2, and the rest of the CLI unaffected."""

from __future__ import annotations

import sys

import pytest

from app.cli import main


def test_voicecart_mcp_without_the_mcp_package_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    loaded = [name for name in sys.modules if name.split(".")[0] in ("mcp", "mcp_types")]
    for name in {"mcp", "mcp_types", *loaded}:  # as if not installed: importing any of them raises ImportError
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.delitem(sys.modules, "app.agents.mcp_server", raising=False)
    assert main(["mcp", "--url", "http://127.0.0.1:8000", "--restaurant", "demo-burger"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("voicecart mcp: needs the mcp extra (pip install 'voicecart[mcp]')")
    assert err.count("\n") == 1


def test_voicecart_mcp_requires_url_and_restaurant(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["mcp", "--url", "http://127.0.0.1:8000"])
    assert exited.value.code == 2
    assert "--restaurant" in capsys.readouterr().err
