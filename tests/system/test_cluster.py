"""Three real replicas behind a real nginx (the shipped deploy/nginx.conf, round-robin): any
replica serves any turn, a killed replica costs the customer nothing, and a menu edit reaches
every replica."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app.core.menu import load_menu
from app.runtime.menu_reload import menu_version
from tests.conftest import DEMO, TEST_KEYS
from tests.fleet import Fleet, Nginx, demo_fleet
from tests.voice_session import Session, totals_consistent

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Fleet, Nginx, Path]]:
    fleet, nginx, menus = demo_fleet(tmp_path_factory.mktemp("cluster"), TEST_KEYS)
    try:
        fleet.start_all()
        nginx.start()
        yield fleet, nginx, menus
    finally:
        nginx.stop()
        fleet.stop_all()


def test_a_sessions_turns_land_on_every_replica_and_the_cart_is_exact(cluster: tuple[Fleet, Nginx, Path]) -> None:
    fleet, nginx, _ = cluster
    with httpx.Client(timeout=10) as client:
        sessions = [Session(client, nginx.url, seed=n) for n in range(4)]
        for session in sessions:
            session.start()
        for _ in range(12):
            for session in sessions:
                session.step()
        menu = client.get(f"{nginx.url}/v1/restaurants/{DEMO}/menu").json()
        for session in sessions:
            cart = session.cart()
            assert session.expected.lost(cart) == 0
            assert totals_consistent(cart, menu)
            assert set(session.served_by) >= set(replica_instances(fleet)), "round-robin should reach every replica"


def replica_instances(fleet: Fleet) -> list[str]:
    return [httpx.get(f"{fleet.url(i)}/healthz").headers["voicecart-instance"] for i in range(len(fleet.ports))]


def test_killing_a_replica_mid_session_costs_the_customer_nothing(cluster: tuple[Fleet, Nginx, Path]) -> None:
    fleet, nginx, _ = cluster
    with httpx.Client(timeout=10) as client:
        session = Session(client, nginx.url, seed=99)
        session.start()
        for _ in range(5):
            session.step()
        fleet.kill(1)
        for _ in range(9):  # nginx retries the dead upstream's share on the others (non_idempotent is safe)
            response = session.step()
            assert response.status_code < 500
        fleet.start(1)
        for _ in range(6):
            session.step()
        assert session.lost() == 0


def test_every_replica_converges_on_a_menu_edit(cluster: tuple[Fleet, Nginx, Path]) -> None:
    fleet, nginx, menus = cluster
    with httpx.Client(timeout=10) as client:
        session = Session(client, nginx.url, seed=7)
        session.start()
        line_id = session.send(session.expected.plan(session.rng)).json().get("line_id")
        while line_id is None:  # make sure the cart holds something
            line_id = session.send(session.expected.plan(session.rng)).json().get("line_id")
        item_id = session.expected.lines[line_id][0]

        path = menus / "demo-burger.json"
        menu = json.loads(path.read_text())
        old = next(i for i in menu["items"] if i["id"] == item_id)["price_cents"]
        next(i for i in menu["items"] if i["id"] == item_id)["price_cents"] = old + 25
        path.write_text(json.dumps(menu))

        expected = menu_version(load_menu(path))
        deadline = time.monotonic() + 15
        while any(httpx.get(f"{fleet.url(i)}/readyz").json()["menus"][DEMO] != expected for i in range(3)):
            assert time.monotonic() < deadline, "replicas did not converge on the new menu"
            time.sleep(0.1)

        cart = session.cart()
        warnings = [w for w in cart["warnings"] if w["line_id"] == line_id]
        assert [w["code"] for w in warnings] == ["price_changed"]
        assert warnings[0]["new_unit_price_cents"] - warnings[0]["old_unit_price_cents"] == 25
        assert totals_consistent(cart, menu)
        assert session.expected.lost(cart) == 0
