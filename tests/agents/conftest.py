"""A real ``voicecart serve`` on loopback for each agents test, restartable on the same port and keys."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import TEST_KEYS
from tests.servers import ServerProcess


def server_env(data_dir: Path) -> dict[str, str]:
    """The same key ring and data directory on every start, so tokens and orders survive a restart."""
    return {"CART_KEYS": TEST_KEYS, "CART_DATA_DIR": str(data_dir), "CART_MENU_RELOAD_SECONDS": "0"}


@pytest.fixture
def voicecart(tmp_path: Path) -> Iterator[ServerProcess]:
    with ServerProcess(server_env(tmp_path), log_path=tmp_path / "serve.log") as server:
        yield server


def restart(server: ServerProcess) -> None:
    """SIGKILL the server (no shutdown hooks) and start it again on the same port with the same env."""
    server.kill()
    server.start()
