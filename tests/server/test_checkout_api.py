"""POST /v1/restaurants/{rid}/cart/checkout over HTTP: one order per cart, every refusal code."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from app.orders.order import order_id_for
from app.server.app import create_app
from app.settings import Settings
from tests.conftest import DEMO, TACO, FakeClock
from tests.order_receiver import OrderReceiver
from tests.support.checkout import BURGERS, FRIES, ORDER, SECRET, checkout
from tests.support.http import BASE, new_cart, refused, send


def error_code(response: Any) -> str:
    return response.json()["error"]["code"]


def stored_orders(settings: Settings) -> list[dict[str, Any]]:
    with sqlite3.connect(settings.orders_db_path) as db:
        return [json.loads(r[0]) for r in db.execute("SELECT body FROM orders")]


# --- the happy path and exactly-once --------------------------------------------------------------------


def test_first_checkout_is_201_and_the_order_is_stored(client: TestClient, settings: Settings) -> None:
    token = new_cart(client, BURGERS, FRIES)
    cart = send(client, "GET", f"{BASE}/cart", token).json()["cart"]
    response = checkout(client, token)
    assert response.status_code == 201
    body = response.json()
    order = body["order"]
    assert order["order_id"] == order_id_for(bytes.fromhex(cart["id"]))
    assert (order["cart_id"], order["restaurant_id"], order["fulfillment"]) == (cart["id"], DEMO, "pickup")
    for field in ("subtotal_cents", "tax_cents", "total_cents"):
        assert order[field] == cart[field]
    assert order["customer"] == ORDER["customer"]
    assert order["placed_at"] == "2027-01-15T08:00:00Z"
    assert body["cart"]["checked_out"] is True
    assert response.headers["Cart-Token"] == body["cart_token"] != token
    assert stored_orders(settings) == [order]


def test_customer_details_never_enter_the_token(client: TestClient) -> None:
    token = new_cart(client, FRIES)
    placed = checkout(client, token, {**ORDER, "customer": {"name": "Zebedee Quux", "phone": "+44 20 7946 0018"}})
    out = placed.json()["cart_token"]
    inspected = send(client, "GET", f"{BASE}/cart", out).json()
    assert "Zebedee" not in json.dumps(inspected) and "7946" not in json.dumps(inspected)
    assert len(out) <= len(token) + 8  # the checked-out token is the same cart, one flag more


def test_retry_double_tap_and_replayed_token_return_the_same_order(client: TestClient, settings: Settings) -> None:
    token = new_cart(client, BURGERS)
    first = checkout(client, token)
    retry = checkout(client, token)
    replayed = checkout(client, first.json()["cart_token"])  # the checked-out token sent again
    assert (first.status_code, retry.status_code, replayed.status_code) == (201, 200, 200)
    assert first.json()["order"] == retry.json()["order"] == replayed.json()["order"]
    assert retry.json()["cart"]["checked_out"] is True
    assert len(stored_orders(settings)) == 1


def test_the_stored_order_wins_even_if_the_retry_says_otherwise(client: TestClient, clock: FakeClock) -> None:
    token = new_cart(client, BURGERS)
    first = checkout(client, token).json()["order"]
    clock.advance(60)
    retry = checkout(client, token, {**ORDER, "fulfillment": "dine_in"})
    assert retry.status_code == 200
    assert retry.json()["order"] == first  # same placed_at, same fulfillment: one order, as placed


def test_another_revision_of_an_ordered_cart_is_409(client: TestClient, settings: Settings) -> None:
    token = new_cart(client, BURGERS)
    order_id = checkout(client, token).json()["order"]["order_id"]
    response = send(client, "POST", f"{BASE}/cart/items", token, json=FRIES)  # the token from before the checkout
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "cart_already_ordered"
    assert response.json()["error"]["order_id"] == order_id
    assert "Cart-Token" not in response.headers
    assert len(stored_orders(settings)) == 1


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/cart/items", FRIES),
        ("PATCH", "/cart/items/1", {"quantity": 3}),
        ("DELETE", "/cart/items/1", None),
        ("DELETE", "/cart", None),
    ],
)
def test_changing_a_checked_out_cart_is_409(client: TestClient, method: str, path: str, body: Any) -> None:
    out = checkout(client, new_cart(client, BURGERS)).json()["cart_token"]
    response = send(client, method, BASE + path, out, json=body)
    assert (response.status_code, error_code(response)) == (409, "cart_checked_out")
    assert send(client, "GET", f"{BASE}/cart", out).json()["cart"]["checked_out"] is True


def test_two_carts_are_two_orders(client: TestClient, settings: Settings) -> None:
    a = checkout(client, new_cart(client, FRIES)).json()["order"]["order_id"]
    b = checkout(client, new_cart(client, FRIES)).json()["order"]["order_id"]
    assert a != b and len(stored_orders(settings)) == 2


# --- repricing at checkout -----------------------------------------------------------------------------------


def edit_menu(client: TestClient, menu_dir: Path, edit: Any) -> None:
    path = menu_dir / "demo-burger.json"
    data = json.loads(path.read_text())
    edit(data)
    path.write_text(json.dumps(data))
    assert client.app.state.reloader.reload()


def set_price(item_id: str, cents: int) -> Any:
    def edit(data: dict[str, Any]) -> None:
        next(i for i in data["items"] if i["id"] == item_id)["price_cents"] = cents

    return edit


def set_tax_rate(rate: str) -> Any:
    def edit(data: dict[str, Any]) -> None:
        data["tax_rate"] = rate

    return edit


def remove_item(item_id: str) -> Any:
    def edit(data: dict[str, Any]) -> None:
        data["items"] = [i for i in data["items"] if i["id"] != item_id]

    return edit


def remove_option(item_id: str, option_id: str) -> Any:
    def edit(data: dict[str, Any]) -> None:
        for group in next(i for i in data["items"] if i["id"] == item_id)["modifier_groups"]:
            group["options"] = [o for o in group["options"] if o["id"] != option_id]

    return edit


# what moves on the menu after an order was placed: a price, the tax rate (demo-burger's 8.25 % → 10 %), an
# item or a chosen option taken off the menu
CHANGES_AFTER_ORDER = {
    "price rise": set_price("classic-burger", 1999),
    "tax rise": set_tax_rate("0.10"),
    "item removed": remove_item("classic-burger"),
    "option removed": remove_option("fries", "large"),
}


def test_checkout_reprices_after_a_menu_change(client: TestClient, menu_dir: Path) -> None:
    token = new_cart(client, BURGERS, FRIES)
    quoted = send(client, "GET", f"{BASE}/cart", token).json()["cart"]
    edit_menu(client, menu_dir, set_price("classic-burger", 999))  # was 899
    response = checkout(client, token)
    assert response.status_code == 201
    order = response.json()["order"]
    assert order["subtotal_cents"] == quoted["subtotal_cents"] + 2 * 100
    assert order["lines"][0]["unit_price_cents"] == quoted["lines"][0]["unit_price_cents"] + 100
    assert order["tax_cents"] > quoted["tax_cents"]
    warnings = response.json()["warnings"]
    assert [(w["code"], w["line_id"]) for w in warnings] == [("price_changed", 1)]
    assert response.json()["cart"]["total_cents"] == order["total_cents"]


def test_expected_total_guards_against_a_price_change(client: TestClient, menu_dir: Path) -> None:
    token = new_cart(client, BURGERS)
    quoted = send(client, "GET", f"{BASE}/cart", token).json()["cart"]["total_cents"]
    edit_menu(client, menu_dir, set_price("classic-burger", 999))
    response = checkout(client, token, {**ORDER, "expected_total_cents": quoted})
    assert (response.status_code, error_code(response)) == (409, "order_total_changed")
    now = response.json()["error"]["total_cents"]
    assert now > quoted
    assert checkout(client, token, {**ORDER, "expected_total_cents": now}).status_code == 201


# --- every refusal: the caller's token stays valid -------------------------------------------------------------


def checkout_refused(
    client: TestClient, token: str | None, status: int, code: str, body: Any = ORDER
) -> dict[str, Any]:
    return refused(checkout(client, token, body), status, code)


def test_token_refusals(client: TestClient, clock: FakeClock) -> None:
    token = new_cart(client, FRIES)
    checkout_refused(client, None, 401, "token_missing")
    checkout_refused(client, token[:-2] + ("AA" if token[-2:] != "AA" else "BB"), 401, "token_invalid")
    taco = send(client, "POST", f"/v1/restaurants/{TACO}/cart").json()["cart_token"]
    checkout_refused(client, taco, 403, "token_wrong_restaurant")
    response = send(client, "POST", "/v1/restaurants/nowhere/cart/checkout", token, json=ORDER)
    assert (response.status_code, error_code(response)) == (404, "restaurant_not_found")
    clock.advance(31 * 60)
    checkout_refused(client, token, 401, "token_expired")


@pytest.mark.parametrize("which", ["placed token", "token before checkout"])
def test_a_retry_after_the_token_expired_gets_its_order(client: TestClient, clock: FakeClock, which: str) -> None:
    """A checkout retried after the cart's 30 minutes of inactivity answered 401 ``token_expired`` ("the cart
    expired …") though the order was placed, and the browser client starts over on ``token_expired``: the
    customer orders twice. The order placed from the cart is answered (200), nothing new is placed; a cart
    never ordered is still ``token_expired``, and the new token is the placed order's own."""
    before = new_cart(client, BURGERS)
    placed = checkout(client, before)
    never_ordered = new_cart(client, FRIES)
    clock.advance(31 * 60)
    again = checkout(client, placed.json()["cart_token"] if which == "placed token" else before)
    assert again.status_code == 200 and again.json()["order"] == placed.json()["order"]
    assert again.json()["cart"]["checked_out"] is True
    assert checkout(client, again.json()["cart_token"]).json()["order"] == placed.json()["order"]
    checkout_refused(client, never_ordered, 401, "token_expired")
    view = send(client, "GET", f"{BASE}/cart", before)  # a cart turn on it stays refused: only checkout looks
    assert (view.status_code, error_code(view)) == (401, "token_expired")


def test_a_webhook_retry_after_the_token_expired_never_says_nothing_was_ordered(
    hook_client: tuple[TestClient, OrderReceiver], clock: FakeClock
) -> None:
    """The webhook keeps no orders to look up: the placed order's own token, expired, is
    ``cart_already_ordered`` naming the order; the token from before the checkout stays ``token_expired``, and
    says an earlier checkout may have reached the kitchen (``may_be_ordered``)."""
    client, receiver = hook_client
    before = new_cart(client, BURGERS)
    placed = checkout(client, before)
    clock.advance(31 * 60)
    error = checkout_refused(client, placed.json()["cart_token"], 409, "cart_already_ordered")
    assert error["order_id"] == placed.json()["order"]["order_id"]
    error = checkout_refused(client, before, 401, "token_expired")
    assert error["may_be_ordered"] is True and "may already have reached the kitchen" in error["message"]
    assert list(receiver.orders) == [placed.json()["order"]["order_id"]]


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"fulfillment": "pickup"}, "invalid_request"),
        ({**ORDER, "fulfillment": "teleport"}, "invalid_request"),
        ({**ORDER, "customer": {"name": ""}}, "field_required"),
        ({**ORDER, "customer": {"name": "Ada\u202e"}}, "field_invalid"),
        ({**ORDER, "total_cents": 1}, "invalid_request"),  # the client does not get to say what things cost
        ([ORDER], "invalid_request"),
    ],
)
def test_bad_bodies_are_400(client: TestClient, body: Any, code: str) -> None:
    checkout_refused(client, new_cart(client, FRIES), 400, code, body)


def test_oversized_body_is_413(client: TestClient) -> None:
    checkout_refused(client, new_cart(client, FRIES), 413, "request_too_large", {**ORDER, "notes": "x" * 20000})


def test_empty_cart_is_422(client: TestClient) -> None:
    checkout_refused(client, new_cart(client), 422, "cart_empty")


def test_unavailable_items_are_422_and_fixable(client: TestClient, menu_dir: Path) -> None:
    token = new_cart(client, BURGERS, FRIES)
    edit_menu(client, menu_dir, lambda d: next(i for i in d["items"] if i["id"] == "fries").update(available=False))
    error = checkout_refused(client, token, 422, "cart_has_unavailable_items")
    assert error["line_ids"] == [2]
    fixed = send(client, "DELETE", f"{BASE}/cart/items/2", token).json()["cart_token"]
    assert checkout(client, fixed).status_code == 201


def test_a_required_choice_added_to_the_menu_is_422(client: TestClient, menu_dir: Path) -> None:
    token = new_cart(client, FRIES)

    def require_extras(data: dict[str, Any]) -> None:
        fries = next(i for i in data["items"] if i["id"] == "fries")
        next(g for g in fries["modifier_groups"] if g["id"] == "extras")["min"] = 1

    edit_menu(client, menu_dir, require_extras)
    error = checkout_refused(client, token, 422, "modifier_required")
    assert (error["line_id"], error["group"]) == (1, "extras")


def test_closed_restaurant_is_422(client: TestClient, menu_dir: Path, clock: FakeClock) -> None:
    token = new_cart(client, FRIES)
    # the fake clock says Friday 08:00 UTC
    edit_menu(client, menu_dir, lambda d: d.update(hours={"timezone": "UTC", "weekly": {"fri": ["11:00-22:00"]}}))
    error = checkout_refused(client, token, 422, "restaurant_closed")
    assert error["hours_today"] == ["11:00-22:00"]
    # worded as the cart's warning is, hours included (checkout said only "… is closed right now")
    assert error["message"] == "Voicecart Burger Bar is closed right now; today's hours are 11:00-22:00 (UTC time)"
    clock.advance(3 * 3600)  # 11:00: open (the old token has expired meanwhile)
    assert checkout(client, new_cart(client, FRIES)).status_code == 201


# --- the webhook sink through HTTP -------------------------------------------------------------------------------


@pytest.fixture
def hook_client(settings: Settings, clock: FakeClock) -> Iterator[tuple[TestClient, OrderReceiver]]:
    with OrderReceiver(SECRET, fail_first=2) as receiver:
        hooked = replace(settings, order_webhook_url=receiver.url, order_webhook_secret=SECRET)
        with TestClient(create_app(hooked, clock=clock)) as test_client:
            yield test_client, receiver


def test_webhook_checkout_retries_and_delivers_exactly_once(
    hook_client: tuple[TestClient, OrderReceiver], settings: Settings
) -> None:
    client, receiver = hook_client
    token = new_cart(client, BURGERS)
    first = checkout(client, token)
    again = checkout(client, token)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["order"]["order_id"] == again.json()["order"]["order_id"]
    assert list(receiver.orders) == [first.json()["order"]["order_id"]]
    assert receiver.attempts == 4  # two failures, the delivery, the replay
    assert not settings.orders_db_path.exists()  # the webhook replaces the SQLite file


def test_webhook_failure_is_502_and_a_retry_is_safe(settings: Settings, clock: FakeClock) -> None:
    with OrderReceiver(SECRET, fail_first=1000) as receiver:
        hooked = replace(
            settings, order_webhook_url=receiver.url, order_webhook_secret=SECRET, order_webhook_deadline_seconds=1
        )
        with TestClient(create_app(hooked, clock=clock)) as client:
            token = new_cart(client, BURGERS)
            error = checkout_refused(client, token, 502, "order_delivery_failed")
            assert error["attempts"] == receiver.attempts >= 1  # retries: tests/orders/test_sinks.py
            receiver.fail_first = 0  # the kitchen is back
            placed = checkout(client, token)  # the same token still works
            assert placed.status_code == 201
    assert list(receiver.orders) == [placed.json()["order"]["order_id"]]


def test_a_retry_gets_its_order_even_after_the_menu_or_hours_changed(
    client: TestClient, menu_dir: Path, clock: FakeClock
) -> None:
    token = new_cart(client, BURGERS, FRIES)
    first = checkout(client, token)
    assert first.status_code == 201

    def sold_out_and_closed(data: dict[str, Any]) -> None:
        next(i for i in data["items"] if i["id"] == "fries").update(available=False, price_cents=1)
        data["hours"] = {"timezone": "UTC", "weekly": {}}  # closed all week

    edit_menu(client, menu_dir, sold_out_and_closed)
    clock.advance(60)
    retry = checkout(client, token)
    assert retry.status_code == 200
    assert retry.json()["order"] == first.json()["order"]
    # a new cart is refused as it should be
    checkout_refused(client, new_cart(client, BURGERS), 422, "restaurant_closed")


def test_another_revision_is_409_before_any_other_check(client: TestClient) -> None:
    """Emptying the token from before the checkout was 200, and its checkout then 409 (not ``cart_empty``):
    the emptying itself is now the 409, so no emptied copy of an ordered cart is ever minted."""
    token = new_cart(client, BURGERS)
    checkout(client, token)
    emptied = send(client, "DELETE", f"{BASE}/cart", token)
    assert (emptied.status_code, error_code(emptied)) == (409, "cart_already_ordered")


@pytest.mark.parametrize("change", CHANGES_AFTER_ORDER)
@pytest.mark.parametrize("which", ["placed token", "token before checkout"])
def test_a_repeat_after_a_menu_change_shows_the_cart_as_it_was_ordered(
    client: TestClient, menu_dir: Path, which: str, change: str
) -> None:
    """After a price rise, a repeat checkout answered the order placed at $28.65 beside a cart of $52.47 with a
    "price changed" warning, and reading the placed order's token did the same: a checked-out cart describes
    the order, at the prices it was ordered at. After a tax rise, both showed the order's lines with the tax
    at the new rate, a total the order does not have: the order's taxes too. After the burger left the menu
    (or the fries' Large), both showed that line unavailable with an ``item_unavailable`` warning and a total
    without it (found by a breaker session): a placed order's lines are the kitchen's, whatever the menu says."""
    before = new_cart(client, BURGERS, FRIES)
    placed = checkout(client, before)
    assert placed.status_code == 201
    order = placed.json()["order"]
    edit_menu(client, menu_dir, CHANGES_AFTER_ORDER[change])  # 899 → 1999, or 8.25 % → 10 %
    token = placed.json()["cart_token"] if which == "placed token" else before
    again = checkout(client, token)
    assert again.status_code == 200 and again.json()["order"] == order
    read = send(client, "GET", f"{BASE}/cart", again.json()["cart_token"]).json()["cart"]
    for cart in (again.json()["cart"], read):
        assert cart["checked_out"] is True and cart["warnings"] == []
        assert (cart["subtotal_cents"], cart["total_cents"]) == (order["subtotal_cents"], order["total_cents"])
        assert (cart["tax_cents"], cart["taxes"]) == (order["tax_cents"], order["taxes"])
        assert [line["unit_price_cents"] for line in cart["lines"]] == [
            line["unit_price_cents"] for line in order["lines"]
        ]
        assert [{k: v for k, v in line.items() if k != "available"} for line in cart["lines"]] == order["lines"]
        assert all(line["available"] for line in cart["lines"])
