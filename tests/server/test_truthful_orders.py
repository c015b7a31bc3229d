"""Issue #24: what a customer is told about an order is true.

* a store that cannot be read is "we can't check right now" (``order_outcome_unknown``), never "no
  order" — on a retried checkout, a retry with an expected total, and the voice cancel/clear/review;
* checkout is idempotent over the cart's *content*: two carts from one token that share an id and a
  revision are not one order;
* a retry with other details answers with what the kitchen has and says that it differed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from app.settings import Settings
from tests.conftest import FakeClock
from tests.order_receiver import OrderReceiver
from tests.support.checkout import BURGERS, FRIES, ORDER, checkout
from tests.support.http import BASE, added, new_cart, send

TOOLS = f"{BASE}/tools"


def break_sqlite(settings: Settings) -> None:
    """The orders file can no longer be read (a damaged disk, a bad mount): every query fails."""
    path = settings.orders_db_path
    for sidecar in (Path(f"{path}-wal"), Path(f"{path}-shm")):
        sidecar.unlink(missing_ok=True)
    path.write_bytes(b"this is not a database " * 200)


def tool(client: TestClient, name: str, token: str | None, **arguments: Any) -> Any:
    headers = {"Cart-Token": token} if token else {}
    return client.post(f"{TOOLS}/{name}", json={"arguments": arguments}, headers=headers)


def output(response: Any) -> dict[str, Any]:
    assert response.status_code == 200, response.text
    return json.loads(response.json()["output"])


# --- 1. a store that cannot be read is never "no order" ---------------------------------------------------


def test_a_retried_checkout_while_the_store_cannot_be_read_is_unknown_not_nothing_ordered(
    client: TestClient, settings: Settings
) -> None:
    token = new_cart(client, BURGERS)
    total = checkout(client, token).json()["order"]["total_cents"]
    break_sqlite(settings)
    retry = checkout(client, token)
    assert retry.status_code == 504, retry.text  # was 502 order_delivery_failed: "nothing was ordered"
    error = retry.json()["error"]
    assert error["code"] == "order_outcome_unknown" and error["reason"] == "lookup_failed"
    assert "can't check" in error["message"] and "nothing was ordered" not in error["message"]
    # a moved price is not announced either: it would say "nothing was ordered: the total is now …"
    moved = checkout(client, token, {**ORDER, "expected_total_cents": total + 100})
    assert moved.status_code == 504 and moved.json()["error"]["code"] == "order_outcome_unknown"


def test_voice_never_says_cancelled_cleared_or_not_ordered_while_the_store_cannot_be_read(
    client: TestClient, settings: Settings
) -> None:
    added = tool(client, "add_to_order", None, items=[{"item": "cookie"}])
    token = added.json()["cart_token"]
    total = output(tool(client, "confirm_order", token, action="review"))["total_cents"]
    placed = tool(client, "confirm_order", token, action="checkout", customer_name="Ada", total_cents=total)
    assert output(placed)["created"] is True
    break_sqlite(settings)
    for name, arguments in [
        ("confirm_order", {"action": "cancel"}),
        ("clear_order", {}),
        ("confirm_order", {"action": "review"}),
        ("confirm_order", {"action": "checkout", "customer_name": "Ada", "total_cents": total}),
    ]:
        said = output(tool(client, name, token, **arguments))
        assert said["ok"] is False and said["error"] == "order_outcome_unknown", (name, said)
        assert "can't check" in said["message"], said
        assert added.json()["cart"]["lines"]  # the cart is unchanged
    # reading the cart back says it can't tell whether it was ordered ("You have one cookie", no more, read as
    # an open order: found by a breaker session)
    read = output(tool(client, "get_current_order", token))
    assert read["ok"] is True and "can't check right now whether this order was already placed" in read["message"]


def test_voice_review_does_not_queue_behind_hung_checkouts(client: TestClient) -> None:
    """README: voice tools never wait on a hung store. Only placing an order uses the order workers."""
    workers = client.app.state.order_workers  # type: ignore[attr-defined]
    token = tool(client, "add_to_order", None, items=[{"item": "cookie"}]).json()["cart_token"]
    workers._pending = workers.max_pending  # every order worker busy (a hung kitchen)
    try:
        review = output(tool(client, "confirm_order", token, action="review"))
        cancel = output(tool(client, "confirm_order", token, action="cancel"))
        busy = tool(client, "confirm_order", token, action="checkout", customer_name="Ada", total_cents=1)
    finally:
        workers._pending = 0
    assert review["ready"] is True and cancel["ok"] is True
    refused = output(busy)  # a tool answer like every order outcome, never a bare 503 to the voice model
    assert (busy.json()["ok"], refused["error"]) == (False, "overloaded") and "placed nothing" in refused["message"]


# --- 2. idempotency covers the cart's content -----------------------------------------------------------


def test_two_carts_from_one_token_with_one_revision_are_not_one_order(client: TestClient, settings: Settings) -> None:
    base = new_cart(client, BURGERS)
    with_fries = added(client, base, FRIES)  # a double-submitted form: two turns from one token
    with_cookie = added(client, base, {"item": "cookie"})
    assert with_fries != with_cookie
    placed = checkout(client, with_fries)
    assert placed.status_code == 201
    other = checkout(client, with_cookie)
    assert other.status_code == 409, other.text  # was 200 with the fries order: the cookie silently never ordered
    error = other.json()["error"]
    assert error["code"] == "cart_already_ordered" and error["order_id"] == placed.json()["order"]["order_id"]
    assert "French Fries" in error["message"] and "other items" in error["message"]
    assert [line["name"] for line in error["ordered_lines"]] == ["Classic Burger", "French Fries"]
    same = checkout(client, with_fries)  # the same content is still the same order
    assert same.status_code == 200 and same.json()["order"] == placed.json()["order"]


# --- 3. a retry with other details: what the kitchen has, and that it differed -----------------------------


def test_a_retry_with_other_details_answers_what_the_kitchen_has_and_says_so(
    client: TestClient, clock: FakeClock
) -> None:
    token = new_cart(client, BURGERS)
    first = checkout(client, token, {**ORDER, "notes": "ring the bell"}).json()["order"]
    clock.advance(60)
    retry = checkout(client, token, {"customer": {"name": "Bob"}, "fulfillment": "curbside"})
    assert retry.status_code == 200 and retry.json()["order"] == first
    (warning,) = retry.json()["warnings"]
    assert warning["code"] == "checkout_details_differ"
    assert warning["fields"] == ["customer.name", "customer.phone", "fulfillment", "notes"]
    assert warning["ordered"]["customer.name"] == "Ada Lovelace" and warning["ordered"]["fulfillment"] == "pickup"
    assert checkout(client, token, {**ORDER, "notes": "ring the bell"}).json()["warnings"] == []


def test_webhook_retry_with_other_details_answers_the_kitchens_copy(kitchen: tuple[TestClient, OrderReceiver]) -> None:
    client, receiver = kitchen
    token = new_cart(client, BURGERS)
    assert checkout(client, token).status_code == 201
    retry = checkout(client, token, {"customer": {"name": "Bob"}, "fulfillment": "curbside"})
    assert retry.status_code == 200
    order = retry.json()["order"]  # was the retry's: Bob, curbside — while the kitchen kept Ada, pickup
    assert order["customer"]["name"] == "Ada Lovelace" and order["fulfillment"] == "pickup"
    assert order == next(iter(receiver.orders.values()))
    assert retry.json()["warnings"][0]["code"] == "checkout_details_differ"
    receiver.send_kept = False  # a receiver that answers a repeat without the order it kept
    unsure = checkout(client, token, {"customer": {"name": "Bob"}, "fulfillment": "curbside"})
    assert unsure.status_code == 200 and unsure.json()["warnings"][0]["code"] == "checkout_details_unconfirmed"


def test_webhook_two_carts_from_one_token_are_a_conflict(kitchen: tuple[TestClient, OrderReceiver]) -> None:
    client, receiver = kitchen
    base = new_cart(client, BURGERS)
    with_fries, with_cookie = added(client, base, FRIES), added(client, base, {"item": "cookie"})
    assert checkout(client, with_fries).status_code == 201
    other = checkout(client, with_cookie)
    assert other.status_code == 409 and other.json()["error"]["code"] == "cart_already_ordered"
    assert len(receiver.orders) == 1


def test_a_refused_checkout_never_says_nothing_was_ordered_when_the_sink_keeps_no_orders(
    kitchen: tuple[TestClient, OrderReceiver],
) -> None:
    """The webhook cannot look an order up: a checkout refused after one may have reached the kitchen
    (here it did) says this call placed nothing, never that nothing was ordered (HTTP and voice)."""
    client, receiver = kitchen
    token = new_cart(client, BURGERS)
    assert checkout(client, token).status_code == 201
    moved = checkout(client, token, {**ORDER, "expected_total_cents": 1})
    error = moved.json()["error"]
    assert (moved.status_code, error["code"], error["may_be_ordered"]) == (409, "order_total_changed", True)
    assert "may already have reached the kitchen" in error["message"]
    said = output(tool(client, "confirm_order", token, action="checkout", customer_name="Ada", total_cents=1))
    assert said["error"] == "order_total_changed" and "Nothing was ordered" not in said["message"]
    assert "may already have reached the kitchen" in said["message"] and len(receiver.orders) == 1


def test_with_a_sink_that_keeps_no_orders_nothing_says_the_order_is_gone(
    kitchen: tuple[TestClient, OrderReceiver],
) -> None:
    """The webhook cannot look an order up: after a checkout reached the kitchen, a failed retry, a
    cancel and a clear on the cart's older token say this call placed or cleared nothing of it, never
    "nothing was ordered" or a bare "cancelled" (HTTP and voice)."""
    client, receiver = kitchen
    token = new_cart(client, BURGERS)
    assert checkout(client, token).status_code == 201
    receiver.fail_first, receiver.fail_status = 1_000, 422  # the kitchen now refuses every delivery
    failed = checkout(client, token)
    error = failed.json()["error"]
    assert (failed.status_code, error["code"], error["may_be_ordered"]) == (502, "order_delivery_failed", True)
    assert "nothing was ordered" not in error["message"]
    cancelled = output(tool(client, "confirm_order", token, action="cancel"))
    cleared = output(tool(client, "clear_order", token))
    for said in (cancelled["message"], cleared["message"]):
        assert "that order stands" in said and "can't be checked or cancelled from here" in said
    assert len(receiver.orders) == 1


def test_reading_an_older_token_of_an_ordered_cart_says_it_was_ordered(client: TestClient) -> None:
    """A copy of the cart forked before the order (a water added on it, the brownie on the copy ordered) read
    back "already placed …; what follows is this older copy: … one Bottled Water" with ``ok: true``: never
    what the kitchen had. It now answers as HTTP does (``cart_already_ordered``), with the order's lines."""
    added = tool(client, "add_to_order", None, items=[{"item": "cookie"}])
    older = added.json()["cart_token"]
    ordered_copy = tool(client, "add_to_order", older, items=[{"item": "brownie"}]).json()["cart_token"]
    other_copy = tool(client, "add_to_order", older, items=[{"item": "bottled water"}]).json()["cart_token"]
    total = output(tool(client, "confirm_order", ordered_copy, action="review"))["total_cents"]
    placed = tool(client, "confirm_order", ordered_copy, action="checkout", customer_name="Ada", total_cents=total)
    number = output(placed)["order"]["order_id"][-6:].upper()
    fork = tool(client, "add_to_order", None, items=[{"item": "bottled water"}])  # another cart: not ordered
    assert not output(tool(client, "get_current_order", fork.json()["cart_token"])).get("placed")
    for copy in (older, other_copy):  # the empty first token too: never "The order is empty."
        on_older = output(tool(client, "get_current_order", copy))
        assert (on_older["ok"], on_older["error"], on_older["placed"]) == (False, "cart_already_ordered", True)
        assert f"already placed as order number {number}" in on_older["message"]
        assert "Brownie" in on_older["message"] and "Water" not in on_older["message"]
        assert [line["name"] for line in on_older["ordered_lines"]] == ["Chocolate Chip Cookie", "Fudge Brownie"]
    # checking the other copy out: the same, in words (it answered "order ord_…: 1 × Chocolate Chip Cookie, …")
    refused = output(tool(client, "confirm_order", other_copy, action="checkout", customer_name="Bo", total_cents=1))
    assert (refused["ok"], refused["error"], refused["order_number"]) == (False, "cart_already_ordered", number)
    assert "which holds one Chocolate Chip Cookie; and one Fudge Brownie" in refused["message"]
    assert "ord_" not in refused["message"]
    on_placed = output(tool(client, "get_current_order", placed.json()["cart_token"]))
    assert on_placed["placed"] is True and on_placed["message"].startswith(
        f"This order has been placed as order number {number}."
    )


# --- 4. voice tools on an older token of an ordered cart; a tool called without its token ------------------


def test_a_voice_checkout_retried_after_the_token_expired_gets_its_order(client: TestClient, clock: FakeClock) -> None:
    """confirm_order checkout retried past the cart's expiry answered 401 ``token_expired`` though the order was
    placed (HTTP checkout: tests/server/test_checkout_api.py). It answers the order placed before (a repeat).
    Asked about after the expiry (get_current_order, review, cancel), the order is said too: they answered
    ``token_expired`` (found by a breaker session), and an agent starts over. A cart never ordered, and any
    change to an ordered one, is still ``token_expired``."""
    token = tool(client, "add_to_order", None, items=[{"item": "cookie"}]).json()["cart_token"]
    total = output(tool(client, "confirm_order", token, action="review"))["total_cents"]
    arguments = {"action": "checkout", "customer_name": "Ada", "total_cents": total}
    checked_out = tool(client, "confirm_order", token, **arguments)
    placed, placed_token = output(checked_out), checked_out.json()["cart_token"]
    never_ordered = tool(client, "add_to_order", None, items=[{"item": "brownie"}]).json()["cart_token"]
    clock.advance(31 * 60)
    again = output(tool(client, "confirm_order", token, **arguments))
    assert (again["ok"], again["created"], again["order"]) == (True, False, placed["order"])
    assert again["message"].startswith("That order was already placed, Ada: order number")
    number = placed["order"]["order_id"][-6:].upper()
    for on in (token, placed_token):  # the token it was placed from, the placed order's own: both expired
        read = output(tool(client, "get_current_order", on))
        assert read["ok"] is True and read["message"].startswith(f"This order has been placed as order number {number}")
        for action in ("review", "cancel"):
            said = output(tool(client, "confirm_order", on, action=action))
            assert (said["ok"], said["error"], said["order_number"]) == (False, "cart_already_ordered", number)
    for name, call, on in (
        ("confirm_order", arguments, never_ordered),
        ("confirm_order", {"action": "review"}, never_ordered),
        ("confirm_order", {"action": "cancel"}, never_ordered),
        ("get_current_order", {}, never_ordered),
        ("add_to_order", {"items": [{"item": "cookie"}]}, token),
    ):
        response = tool(client, name, on, **call)
        assert (response.status_code, response.json()["error"]["code"]) == (401, "token_expired"), name


def test_every_voice_tool_that_changes_an_ordered_cart_refuses_on_an_older_token(client: TestClient) -> None:
    added = tool(client, "add_to_order", None, items=[{"item": "cookie"}, {"item": "bottled water"}])
    older = added.json()["cart_token"]
    total = output(tool(client, "confirm_order", older, action="review"))["total_cents"]
    placed = output(tool(client, "confirm_order", older, action="checkout", customer_name="Ada", total_cents=total))
    number = placed["order"]["order_id"][-6:].upper()
    for name, arguments in [
        ("clear_order", {}),  # was "I've cleared the order" while the kitchen has it
        ("add_to_order", {"items": [{"item": "cookie"}]}),
        ("update_order_item", {"line_id": 1, "quantity": 3}),
        ("remove_from_order", {"line_id": 2}),
        ("confirm_order", {"action": "cancel"}),
    ]:
        response = tool(client, name, older, **arguments)
        said = output(response)
        assert said["ok"] is False and said["error"] == "cart_already_ordered", (name, said)
        assert number in said["message"] and "already placed" in said["message"]
        assert len(response.json()["cart"]["lines"]) == 2  # nothing changed


# --- 5. the HTTP cart API on an older token of an ordered cart: what the voice tools say, as an error -----


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/cart", None),  # was the older lines, "checked_out": false: as if nothing was ordered
        ("DELETE", "/cart", None),
        ("POST", "/cart/items", {"item": "cookie"}),  # was 200: added to an order the kitchen already has
        ("PATCH", "/cart/items/1", {"quantity": 3}),
        ("DELETE", "/cart/items/1", None),
    ],
)
def test_every_cart_turn_on_an_older_token_of_an_ordered_cart_names_the_order(
    client: TestClient, method: str, path: str, body: dict[str, Any] | None
) -> None:
    older = new_cart(client, BURGERS)
    after = added(client, older, FRIES)  # the order is placed at a later revision than ``older``
    order = checkout(client, after).json()["order"]
    for token in (older, after):  # an earlier revision, and the ordered one whose checkout answer was lost
        response = send(client, method, BASE + path, token, **({"json": body} if body is not None else {}))
        assert response.status_code == 409, response.text
        error = response.json()["error"]
        assert error["code"] == "cart_already_ordered" and error["order_id"] == order["order_id"]
        assert [line["name"] for line in error["ordered_lines"]] == [line["name"] for line in order["lines"]]
        assert "Cart-Token" not in response.headers  # nothing minted: the caller's token stays as it was


def test_the_http_cart_api_reads_a_cart_that_was_not_ordered_and_the_placed_token_as_before(
    client: TestClient,
) -> None:
    other = new_cart(client, FRIES)  # another cart: never ordered
    assert send(client, "GET", BASE + "/cart", other).status_code == 200
    placed = checkout(client, new_cart(client, BURGERS)).json()["cart_token"]
    viewed = send(client, "GET", BASE + "/cart", placed)  # the placed order's own token: its lines are the order
    assert viewed.status_code == 200 and viewed.json()["cart"]["checked_out"] is True


def test_while_the_store_cannot_be_read_an_older_token_is_read_and_changed_but_never_cleared(
    client: TestClient, settings: Settings
) -> None:
    older = new_cart(client, BURGERS)
    checkout(client, added(client, older, FRIES))
    break_sqlite(settings)
    assert send(client, "GET", BASE + "/cart", older).status_code == 200  # says nothing either way
    assert send(client, "POST", BASE + "/cart/items", older, json={"item": "cookie"}).status_code == 200
    cleared = send(client, "DELETE", BASE + "/cart", older)  # "cleared" could be false: the kitchen may have it
    assert cleared.status_code == 504 and cleared.json()["error"]["code"] == "order_outcome_unknown"


@pytest.mark.parametrize(
    ("name", "arguments"),
    [
        ("get_current_order", {}),  # was "Your cart is empty."
        ("clear_order", {}),
        ("confirm_order", {"action": "review"}),  # was "Your cart is empty."
        ("confirm_order", {"action": "cancel"}),  # was "OK, I've cancelled the order"
        ("confirm_order", {"action": "checkout", "customer_name": "Ada", "total_cents": 100}),
        ("update_order_item", {"line_id": 1, "quantity": 2}),
        ("remove_from_order", {"item": "cookie"}),
    ],
)
def test_a_tool_that_needs_the_cart_called_without_its_token_says_what_to_send(
    client: TestClient, name: str, arguments: dict[str, Any]
) -> None:
    response = tool(client, name, None, **arguments)
    assert response.status_code == 401, response.text
    error = response.json()["error"]
    assert error["code"] == "token_missing" and error["tool"] == name
    assert "couldn't find the order in this call" in error["message"] and "Cart-Token" in error["message"]
    assert "Cart-Token" not in response.headers  # no new, empty cart to adopt by mistake


def test_tools_that_start_or_only_read_the_menu_need_no_token(client: TestClient) -> None:
    for name, arguments in [
        ("find_menu_items", {}),
        ("get_item_details", {"item": "cookie"}),
        ("add_to_order", {"items": [{"item": "cookie"}]}),
    ]:
        assert output(tool(client, name, None, **arguments))["ok"] is True


def test_a_voice_checkout_retried_after_expiry_while_the_store_cannot_be_read_is_unknown_not_expired(
    client: TestClient, clock: FakeClock, settings: Settings
) -> None:
    """confirm_order checkout on the expired token of an ordered cart, the store unreadable, answered 401
    ``token_expired`` (found by a breaker session): the client starts a new cart and the customer orders
    twice. HTTP checkout said 504 ``order_outcome_unknown`` there; the voice door says the same."""
    token = tool(client, "add_to_order", None, items=[{"item": "cookie"}]).json()["cart_token"]
    total = output(tool(client, "confirm_order", token, action="review"))["total_cents"]
    arguments = {"action": "checkout", "customer_name": "Ada", "total_cents": total}
    output(tool(client, "confirm_order", token, **arguments))
    clock.advance(31 * 60)
    break_sqlite(settings)
    response = tool(client, "confirm_order", token, **arguments)
    assert response.status_code == 504, response.text
    assert response.json()["error"]["code"] == "order_outcome_unknown"


def test_a_voice_checkout_without_its_total_on_an_ordered_cart_says_it_was_ordered(
    client: TestClient, clock: FakeClock
) -> None:
    """confirm_order checkout without ``total_cents`` (or a name) on a cart already ordered answered
    ``field_required`` "Read the order back first" — on the expired token as a bare 400 — never saying the
    order was placed (found by a breaker session): the model reviewed, got ``token_expired`` and started a new
    cart. An order placed before is said whatever the call lacks; a cart never ordered still needs both."""
    token = tool(client, "add_to_order", None, items=[{"item": "cookie"}]).json()["cart_token"]
    total = output(tool(client, "confirm_order", token, action="review"))["total_cents"]
    placed = tool(client, "confirm_order", token, action="checkout", customer_name="Ada", total_cents=total)
    number = output(placed)["order"]["order_id"][-6:].upper()
    for on in (token, placed.json()["cart_token"]):  # the token it was placed from, the placed order's own
        for lacking in ({"customer_name": "Ada"}, {"total_cents": total}):
            said = output(tool(client, "confirm_order", on, action="checkout", **lacking))
            assert (said["ok"], said["error"], said["order_number"]) == (False, "cart_already_ordered", number)
    fresh = tool(client, "add_to_order", None, items=[{"item": "brownie"}]).json()["cart_token"]
    said = output(tool(client, "confirm_order", fresh, action="checkout", customer_name="Ada"))
    assert (said["ok"], said["error"]) == (False, "field_required")
    clock.advance(31 * 60)
    again = output(tool(client, "confirm_order", token, action="checkout", customer_name="Ada"))
    assert (again["ok"], again["created"], again["order"]["order_id"][-6:].upper()) == (True, False, number)
    never = tool(client, "confirm_order", fresh, action="checkout", customer_name="Ada")
    assert (never.status_code, never.json()["error"]["code"]) == (401, "token_expired")
