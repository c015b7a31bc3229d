"""Two real ``voicecart serve`` processes sharing one SQLite order file: still one order per cart."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.conftest import DEMO, TEST_KEYS
from tests.servers import ServerProcess, server_pair

pytestmark = pytest.mark.slow

ORDER = {"customer": {"name": "Grace Hopper"}, "fulfillment": "dine_in"}
BASE = f"/v1/restaurants/{DEMO}"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {
        "CART_KEYS": TEST_KEYS,
        "CART_DATA_DIR": str(tmp_path / "data"),
        "CART_ORDERS_DB": str(tmp_path / "shared" / "orders.sqlite3"),
        "CART_MENU_RELOAD_SECONDS": "0",
    }


@pytest.fixture
def pair(env: dict[str, str], tmp_path: Path) -> Iterator[tuple[ServerProcess, ServerProcess]]:
    with server_pair(env, tmp_path) as servers:
        yield servers


def cart_with_burgers(url: str) -> str:
    token = httpx.post(f"{url}{BASE}/cart").json()["cart_token"]
    added = httpx.post(
        f"{url}{BASE}/cart/items",
        headers={"Cart-Token": token},
        json={"item": "cheeseburger", "quantity": 2, "modifiers": ["medium", "cheddar"]},
    )
    assert added.status_code == 200, added.text
    return added.json()["cart_token"]


def checkout(url: str, token: str) -> httpx.Response:
    return httpx.post(f"{url}{BASE}/cart/checkout", headers={"Cart-Token": token}, json=ORDER, timeout=30)


def cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", "orders", *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_sequential_submits_on_two_replicas(pair: tuple[ServerProcess, ServerProcess], env: dict[str, str]) -> None:
    a, b = pair
    token = cart_with_burgers(a.url)
    first, second = checkout(a.url, token), checkout(b.url, token)
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["order"] == second.json()["order"]
    # the ordered cart's token cannot be changed on the other replica either: nothing is minted
    # that could be submitted as a second order
    changed = httpx.post(
        f"{b.url}{BASE}/cart/items", headers={"Cart-Token": token}, json={"item": "fries", "modifiers": ["small"]}
    )
    assert changed.status_code == 409
    assert "cart_token" not in changed.json()
    assert changed.json()["error"]["code"] == "cart_already_ordered"
    assert changed.json()["error"]["order_id"] == first.json()["order"]["order_id"]

    listed = cli(env, "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout) == [first.json()["order"]]
    shown = cli(env, "show", first.json()["order"]["order_id"])
    assert json.loads(shown.stdout) == first.json()["order"]
    assert cli(env, "show", "ord_nope").returncode == 1


def test_concurrent_double_submit_across_two_processes(
    pair: tuple[ServerProcess, ServerProcess], env: dict[str, str]
) -> None:
    a, b = pair
    tokens = [cart_with_burgers(a.url) for _ in range(3)]
    # every cart submitted 8 times at once, alternating replicas: 24 racing requests
    jobs = [(server.url, token) for token in tokens for server in (a, b) * 4]
    with ThreadPoolExecutor(len(jobs)) as pool:
        responses = list(pool.map(lambda job: checkout(*job), jobs))
    by_cart: dict[str, list[httpx.Response]] = {}
    for (_, token), response in zip(jobs, responses, strict=True):
        by_cart.setdefault(token, []).append(response)
    for answers in by_cart.values():
        assert sorted(r.status_code for r in answers) == [200] * 7 + [201]
        assert len({json.dumps(r.json()["order"], sort_keys=True) for r in answers}) == 1
    listed = cli(env, "list", "--json", "--limit", "100")
    assert len(json.loads(listed.stdout)) == 3
