"""Shared fixtures: a fixed key ring, an injectable clock, the two test menus, a TestClient; the run's order."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from app.core.menu import Menu, load_menu
from app.core.token.codec import CartCodec, TokenPolicy
from app.core.token.keys import KeyRing
from app.server.app import create_app
from app.settings import Settings, bundled_menu_dir
from tests.order_receiver import OrderReceiver
from tests.postgres_server import PostgresServer

TESTS = Path(__file__).parent
UUID_MENU_FILE = TESTS / "menus" / "uuid-taqueria.json"
DEMO_MENU_FILE = bundled_menu_dir() / "demo-burger.json"
DEMO = "demo-burger"
TACO = "9b2f1c3e-4d5a-4e6b-8c7d-0e1f2a3b4c5d"
TEST_KEYS = "test1:" + "t" * 40 + ",test0:" + "o" * 40
T0 = 1_800_000_000  # a fixed "now" (2027-01-15T08:00:00Z)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Modules that hold a slow test run first, each module's tests kept together and in order: the parallel
    workers (pytest-xdist) then share the long tests out early and finish together, where a 2-minute test
    collected last kept one core busy while the other idled."""
    slow = {item.path for item in items if item.get_closest_marker("slow")}
    items.sort(key=lambda item: item.path not in slow)  # a stable sort: the collected order otherwise


class FakeClock:
    """Injected time: tests move it explicitly."""

    def __init__(self, now: float = T0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def keys() -> KeyRing:
    return KeyRing.parse(TEST_KEYS)


@pytest.fixture
def codec(keys: KeyRing) -> CartCodec:
    return CartCodec(keys, TokenPolicy())


@pytest.fixture(scope="session")
def demo_menu() -> Menu:
    return load_menu(DEMO_MENU_FILE)


@pytest.fixture(scope="session")
def uuid_menu() -> Menu:
    return load_menu(UUID_MENU_FILE)


@pytest.fixture
def menu_dir(tmp_path: Path) -> Path:
    """A writable menu directory with both test menus (tests may edit the files)."""
    directory = tmp_path / "menus"
    directory.mkdir()
    shutil.copy(DEMO_MENU_FILE, directory)
    shutil.copy(UUID_MENU_FILE, directory)
    return directory


@pytest.fixture
def settings(tmp_path: Path, menu_dir: Path) -> Settings:
    return Settings(keys_spec=TEST_KEYS, menu_dir=menu_dir, data_dir=tmp_path / "data")


@pytest.fixture
def client(settings: Settings, clock: FakeClock) -> Iterator[TestClient]:
    # from loopback, like an operator on the box (CART_OPERATOR_NETWORKS): /readyz in full, Voicecart-Instance
    with TestClient(create_app(settings, clock=clock), client=("127.0.0.1", 50000)) as test_client:
        yield test_client


@pytest.fixture
def kitchen(settings: Settings, clock: FakeClock) -> Iterator[tuple[TestClient, OrderReceiver]]:
    """A TestClient whose order sink is the webhook, to the fake kitchen receiver (tests/order_receiver.py)."""
    from tests.support.checkout import SECRET  # tests.support imports this module: not at its top

    with OrderReceiver(SECRET) as receiver:
        hooked = replace(settings, order_webhook_url=receiver.url, order_webhook_secret=SECRET)
        with TestClient(create_app(hooked, clock=clock)) as test_client:
            yield test_client, receiver


@pytest.fixture(scope="module")
def postgres() -> Iterator[PostgresServer]:
    """A real PostgreSQL on loopback for one test module (tests/postgres_server.py)."""
    server = PostgresServer().start()
    try:
        yield server
    finally:
        server.destroy()
