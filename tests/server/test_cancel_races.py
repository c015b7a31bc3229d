"""Every door that cancels or empties a cart — voice ``confirm_order`` cancel, ``clear_order``, HTTP
``DELETE …/cart``, the last line removed by voice or HTTP (tests/support/doors.py) — against a checkout of
the same cart, with the SQLite store: the store decides, one of them wins, and each answer says which
(break16o §1: "cancelled" was answered while a slow checkout was in flight, then the order was stored and
the kitchen made it)."""

from __future__ import annotations

import json
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import replace
from typing import Any

import pytest
from starlette.testclient import TestClient

from app.orders.sqlite import SqliteSink
from app.server.app import create_app
from app.settings import Settings
from tests.conftest import FakeClock
from tests.support.checkout import BURGERS, FRIES, SECRET, checkout
from tests.support.doors import DOORS, Door, refusal_code, said_cancelled
from tests.support.http import BASE, new_cart, refused, send


def stored_orders(settings: Settings) -> int:
    with sqlite3.connect(settings.orders_db_path) as db:
        return int(db.execute("SELECT count(*) FROM orders").fetchone()[0])


@pytest.fixture(params=list(DOORS))
def door(request: pytest.FixtureRequest) -> Door:
    return DOORS[request.param]


def test_a_cancel_then_a_checkout_of_its_token_orders_nothing(
    client: TestClient, settings: Settings, door: Door
) -> None:
    token = new_cart(client, BURGERS)
    assert said_cancelled(door(client, token))
    error = refused(checkout(client, token), 409, "cart_cancelled")  # the token from before the cancel
    assert "nothing was ordered" in error["message"]
    assert not settings.orders_db_path.exists() or stored_orders(settings) == 0


def test_a_checkout_then_a_cancel_names_the_order(client: TestClient, settings: Settings, door: Door) -> None:
    token = new_cart(client, BURGERS)
    assert checkout(client, token).status_code == 201
    answer = door(client, token)  # the token from before the checkout
    assert not said_cancelled(answer) and refusal_code(answer) == "cart_already_ordered"
    assert stored_orders(settings) == 1


def test_cleared_then_added_again_is_ordered(client: TestClient, settings: Settings, door: Door) -> None:
    token = new_cart(client, BURGERS)
    cleared = door(client, token)
    assert said_cancelled(cleared)
    again = send(client, "POST", f"{BASE}/cart/items", cleared.json()["cart_token"], json=FRIES)
    placed = checkout(client, again.json()["cart_token"])
    assert placed.status_code == 201, placed.text
    assert [line["item_id"] for line in placed.json()["order"]["lines"]] == ["fries"]
    assert stored_orders(settings) == 1


def test_a_cancel_while_the_checkout_waits_on_the_store_one_of_them_wins(
    client: TestClient, settings: Settings, door: Door, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fault's run, made deterministic: another process holds the store's write lock; the checkout is
    seen reaching the store (it waits on the lock); then the cancel; then the lock is released."""
    assert checkout(client, new_cart(client, FRIES)).status_code == 201  # the store's file exists
    token = new_cart(client, BURGERS)
    reached = threading.Event()
    insert = SqliteSink._insert

    def reaching(sink: SqliteSink, *args: Any) -> Any:
        reached.set()
        return insert(sink, *args)

    monkeypatch.setattr(SqliteSink, "_insert", reaching)
    holder = sqlite3.connect(settings.orders_db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    with ThreadPoolExecutor(2) as pool:
        placing = pool.submit(checkout, client, token)
        assert reached.wait(10)
        cancelling = pool.submit(door, client, token)
        wait([cancelling], timeout=0.3)  # before the fix: "cancelled" at once, while the checkout waits
        holder.execute("COMMIT")
        placed, cancelled = placing.result(timeout=20), cancelling.result(timeout=20)
    holder.close()
    if said_cancelled(cancelled):  # the cancel won: the checkout says nothing was ordered, and nothing was
        assert refusal_code(placed) == "cart_cancelled" and placed.status_code == 409
        assert stored_orders(settings) == 1  # the other cart's only
    else:  # the checkout won: the cancel names the order
        assert placed.status_code == 201 and refusal_code(cancelled) == "cart_already_ordered"
        assert stored_orders(settings) == 2


def test_with_the_webhook_every_door_says_an_earlier_order_may_stand(
    settings: Settings, clock: FakeClock, door: Door
) -> None:
    """The webhook keeps no orders, so nothing decides between the two: the cart is emptied, and the answer
    says that an earlier checkout may already have reached the kitchen (never a bare "cancelled")."""
    hooked = replace(settings, order_webhook_url="http://127.0.0.1:1/orders", order_webhook_secret=SECRET)
    with TestClient(create_app(hooked, clock=clock)) as client:
        answer = door(client, new_cart(client, BURGERS))
    assert said_cancelled(answer)
    body = answer.json()
    if "output" in body:
        assert "that order stands" in json.loads(body["output"])["message"]
    else:
        assert body["may_be_ordered"] is True and "that order stands" in body["note"]
