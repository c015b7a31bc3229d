"""A restaurant's menu removed after an order: a retried checkout still answers the stored order.

Break16o §7 (t22.py): the menu file removed (the restaurant dropped from the menu directory) after an order
was placed; a retried checkout with the placed token answered 404 ``restaurant_not_found`` (HTTP and
voice), not the stored order. The order store is keyed by cart, not by menu: where it holds the cart's
order, a retry is 200 with it (the cart shown as ordered); where it cannot say, the error never suggests
nothing was ordered.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from starlette.testclient import TestClient

from tests.order_receiver import OrderReceiver
from tests.support.checkout import BURGERS, FRIES, ORDER, checkout
from tests.support.http import BASE, added, new_cart, send

TOOLS = f"{BASE}/tools"


def remove_menu(client: TestClient, menu_dir: Path) -> None:
    """The restaurant dropped from the menu directory, and the menus reloaded."""
    (menu_dir / "demo-burger.json").unlink()
    assert client.app.state.reloader.check() is True
    assert client.get(f"{BASE}/menu").status_code == 404


def tool(client: TestClient, name: str, token: str, **arguments: Any) -> Any:
    return client.post(f"{TOOLS}/{name}", json={"arguments": arguments}, headers={"Cart-Token": token})


def test_a_retried_checkout_after_the_menu_was_removed_answers_the_stored_order(
    client: TestClient, menu_dir: Path
) -> None:
    token = new_cart(client, BURGERS)
    placed = checkout(client, token)
    assert placed.status_code == 201
    order, placed_token, placed_cart = placed.json()["order"], placed.json()["cart_token"], placed.json()["cart"]
    never_ordered = new_cart(client, FRIES)
    remove_menu(client, menu_dir)
    for retried in (token, placed_token):  # the token it was placed from, the placed order's own
        again = checkout(client, retried)
        assert again.status_code == 200, again.text  # was 404 restaurant_not_found
        assert again.json()["order"] == order and again.json()["cart"]["checked_out"] is True
        assert again.json()["cart"]["lines"] == placed_cart["lines"]
        assert again.json()["cart"]["total_cents"] == order["total_cents"]
    read = send(client, "GET", f"{BASE}/cart", placed_token)
    assert read.status_code == 200 and read.json()["cart"]["total_cents"] == order["total_cents"]
    assert read.json()["cart"]["warnings"] == []
    voice = tool(client, "confirm_order", token, action="checkout", customer_name="Ada", total_cents=1)
    said = json.loads(voice.json()["output"])
    assert (voice.status_code, said["ok"], said["created"], said["order"]) == (200, True, False, order)
    read_back = json.loads(tool(client, "get_current_order", placed_token).json()["output"])
    assert read_back["placed"] is True and order["order_id"][-6:].upper() in read_back["message"]
    # a cart the store holds no order of: the restaurant is gone, and that is true (nothing was ordered)
    gone = checkout(client, never_ordered)
    assert gone.status_code == 404 and gone.json()["error"]["code"] == "restaurant_not_found"
    assert "may_be_ordered" not in gone.json()["error"]


def test_an_older_copy_after_the_menu_was_removed_names_the_order(client: TestClient, menu_dir: Path) -> None:
    older = new_cart(client, BURGERS)
    order = checkout(client, added(client, older, FRIES)).json()["order"]
    remove_menu(client, menu_dir)
    refused = checkout(client, older)
    error = refused.json()["error"]
    assert (refused.status_code, error["code"], error["order_id"]) == (409, "cart_already_ordered", order["order_id"])
    assert send(client, "GET", f"{BASE}/cart", older).json()["error"]["code"] == "cart_already_ordered"
    voice = tool(client, "get_current_order", older)
    assert json.loads(voice.json()["output"])["error"] == "cart_already_ordered"
    assert voice.json()["cart"]["total_cents"] == order["total_cents"] and voice.json()["cart"]["checked_out"]


def test_webhook_after_the_menu_was_removed_never_says_nothing_was_ordered(
    kitchen: tuple[TestClient, OrderReceiver], menu_dir: Path
) -> None:
    """The webhook keeps no orders to look up: the placed order's own token is ``cart_already_ordered``
    naming it; the token it was placed from is ``restaurant_not_found`` saying an earlier checkout may have
    reached the kitchen (``may_be_ordered``)."""
    client, receiver = kitchen
    token = new_cart(client, BURGERS)
    placed = checkout(client, token, ORDER)
    remove_menu(client, menu_dir)
    own = checkout(client, placed.json()["cart_token"])
    assert (own.status_code, own.json()["error"]["code"]) == (409, "cart_already_ordered")
    assert own.json()["error"]["order_id"] == placed.json()["order"]["order_id"]
    unsure = checkout(client, token)
    error = unsure.json()["error"]
    assert (unsure.status_code, error["code"], error["may_be_ordered"]) == (404, "restaurant_not_found", True)
    assert "may have reached the kitchen" in error["message"] and len(receiver.orders) == 1
