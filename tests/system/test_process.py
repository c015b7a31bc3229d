"""The real `voicecart serve`: kill -9 and carry on; two processes serving alternate turns."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.conftest import DEMO, TEST_KEYS
from tests.servers import ServerProcess

pytestmark = pytest.mark.slow

ITEMS = f"/v1/restaurants/{DEMO}/cart/items"


def turn(server: ServerProcess, token: str, body: dict) -> str:
    r = httpx.post(server.url + ITEMS, headers={"Cart-Token": token}, json=body, timeout=10)
    assert r.status_code == 200, r.text
    return r.json()["cart_token"]


def quantities(server: ServerProcess, token: str) -> dict[str, int]:
    r = httpx.get(f"{server.url}/v1/restaurants/{DEMO}/cart", headers={"Cart-Token": token}, timeout=10)
    assert r.status_code == 200, r.text
    return {ln["item_id"]: ln["quantity"] for ln in r.json()["cart"]["lines"]}


def test_sigkill_and_restart_continue_the_cart_dev_keys(tmp_path: Path) -> None:
    """No CART_KEYS: the generated development key is kept in the data dir across restarts."""
    env = {"CART_DATA_DIR": str(tmp_path / "data"), "CART_KEYS": ""}
    server = ServerProcess(env).start()
    try:
        token = httpx.post(f"{server.url}/v1/restaurants/{DEMO}/cart", timeout=10).json()["cart_token"]
        token = turn(server, token, {"item": "two cheese burgers", "quantity": 2, "modifiers": ["medium", "swiss"]})
        server.kill()
        with pytest.raises(httpx.HTTPError):
            httpx.get(f"{server.url}/healthz", timeout=1)
        server.start()  # same port, same data dir, new process
        token = turn(server, token, {"item": "large fries", "modifiers": ["large"]})
        assert quantities(server, token) == {"cheeseburger": 2, "fries": 1}
    finally:
        server.stop()


def test_two_processes_serve_alternate_turns(tmp_path: Path) -> None:
    env = {"CART_KEYS": TEST_KEYS, "CART_DATA_DIR": str(tmp_path)}
    with ServerProcess(env) as a, ServerProcess(env) as b:
        token = httpx.post(f"{a.url}/v1/restaurants/{DEMO}/cart", timeout=10).json()["cart_token"]
        servers = [a, b]
        for n in range(6):
            token = turn(servers[n % 2], token, {"item": "mexican coke"})
        token = turn(b, token, {"item": "cookie"})
        assert quantities(a, token) == {"mexican-coke": 6, "cookie": 1}
        assert quantities(b, token) == {"mexican-coke": 6, "cookie": 1}
