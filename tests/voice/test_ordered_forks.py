"""An older copy (fork) of an ordered cart, asked about by voice: the answer's cart is the order, not the copy;
with the webhook, which keeps no orders, an open cart is never reviewed as if it could not have been ordered.

Break16o §5: the cart ordered from a later token (cookie + fries); every voice tool called with the token from
before (cookie only) said truly "already placed as order number …", but the answer's ``cart`` and
``output.cart`` were the older copy — one cookie, $2.15, ``checked_out: false`` — which the demo page draws as
an unordered cart. They are now the order as stored (its lines, unit prices, taxes and total, checked out);
the token stays the caller's (nothing is minted from an older copy, as HTTP answers it 409).
"""

from __future__ import annotations

import json
from typing import Any

import jsonschema
from starlette.testclient import TestClient

from tests.order_receiver import OrderReceiver
from tests.support.http import BASE

TOOLS = f"{BASE}/tools"


def tool(client: TestClient, name: str, token: str | None, **arguments: Any) -> Any:
    headers = {"Cart-Token": token} if token else {}
    response = client.post(f"{TOOLS}/{name}", json={"arguments": arguments}, headers=headers)
    assert response.status_code == 200, response.text
    return response


def matches_the_cart_schema(client: TestClient, cart: dict[str, Any]) -> None:
    """``cart`` as /openapi.json describes a cart (the shown order, or the copy with its warning)."""
    doc = client.get("/openapi.json").json()
    jsonschema.validate(cart, {"$ref": "#/components/schemas/Cart", "components": doc["components"]})


def output(response: Any) -> dict[str, Any]:
    said: dict[str, Any] = json.loads(response.json()["output"])
    return said


def test_every_voice_tool_on_an_older_fork_shows_the_order_as_the_cart(client: TestClient) -> None:
    older = tool(client, "add_to_order", None, items=[{"item": "cookie"}]).json()["cart_token"]
    later = tool(client, "add_to_order", older, items=[{"item": "fries", "modifiers": ["large"]}]).json()["cart_token"]
    total = output(tool(client, "confirm_order", later, action="review"))["total_cents"]
    placed = tool(client, "confirm_order", later, action="checkout", customer_name="Ada", total_cents=total)
    order, placed_cart = output(placed)["order"], placed.json()["cart"]
    for name, arguments in [
        ("get_current_order", {}),
        ("add_to_order", {"items": [{"item": "brownie"}]}),
        ("update_order_item", {"line_id": 1, "quantity": 3}),
        ("remove_from_order", {"line_id": 1}),
        ("clear_order", {}),
        ("confirm_order", {"action": "review"}),
        ("confirm_order", {"action": "cancel"}),
        ("confirm_order", {"action": "checkout", "customer_name": "Bo", "total_cents": 215}),
        ("confirm_order", {"action": "checkout"}),  # no name, no total: still "already placed"
    ]:
        response = tool(client, name, older, **arguments)
        said, cart = output(response), response.json()["cart"]
        assert said["error"] == "cart_already_ordered", (name, said)
        assert cart["checked_out"] is True and cart["revision"] == order["cart_revision"], name
        assert cart["total_cents"] == order["total_cents"] != 215, name
        assert [line["name"] for line in cart["lines"]] == [line["name"] for line in order["lines"]], name
        assert cart["lines"] == placed_cart["lines"] and cart["taxes"] == placed_cart["taxes"], name
        assert said["cart"]["total"] == f"${order['total_cents'] / 100:.2f}" and len(said["cart"]["lines"]) == 2
        assert response.json()["cart_token"] == response.headers["Cart-Token"]
        matches_the_cart_schema(client, cart)
        # the token is the older copy's, still answered the same: never a checked-out token of other lines
        again = tool(client, "get_current_order", response.json()["cart_token"])
        assert output(again)["error"] == "cart_already_ordered" and again.json()["cart"] == cart | {
            "expires_at": again.json()["cart"]["expires_at"]
        }


def test_a_cart_never_ordered_and_the_placed_token_answer_as_before(client: TestClient) -> None:
    token = tool(client, "add_to_order", None, items=[{"item": "cookie"}]).json()["cart_token"]
    read = tool(client, "get_current_order", token)
    assert read.json()["cart"]["checked_out"] is False and output(read)["ok"] is True
    assert not [w for w in read.json()["cart"]["warnings"] if w["code"] == "cart_already_ordered"]


def test_webhook_a_forks_refused_checkout_is_never_reviewed_as_open(kitchen: tuple[TestClient, OrderReceiver]) -> None:
    """Break16o §7: after a fork's checkout got 409 ``cart_already_ordered`` from the kitchen, ``review`` on the
    same token said "Shall I place the order?" and ``get_current_order`` read it as open. The checkout's
    answer shows the kitchen's order as the cart; review and read-back say it may have been ordered, which
    can't be checked from here (the webhook keeps no orders), with ``may_be_ordered``."""
    client, receiver = kitchen
    older = tool(client, "add_to_order", None, items=[{"item": "cookie"}]).json()["cart_token"]
    later = tool(client, "add_to_order", older, items=[{"item": "fries", "modifiers": ["large"]}]).json()["cart_token"]
    total = output(tool(client, "confirm_order", later, action="review"))["total_cents"]
    placed = output(tool(client, "confirm_order", later, action="checkout", customer_name="Ada", total_cents=total))
    fork_total = output(tool(client, "confirm_order", older, action="review"))["total_cents"]
    refused = tool(client, "confirm_order", older, action="checkout", customer_name="Bo", total_cents=fork_total)
    said = output(refused)
    assert said["error"] == "cart_already_ordered" and len(receiver.orders) == 1
    cart = refused.json()["cart"]  # the kitchen sent back its order: that is the cart shown
    assert cart["checked_out"] is True and cart["total_cents"] == placed["order"]["total_cents"]
    review = output(tool(client, "confirm_order", older, action="review"))
    read = output(tool(client, "get_current_order", older))
    for answer in (review, read):
        assert answer["may_be_ordered"] is True, answer
        assert "can't be checked from here" in answer["message"], answer
        assert "the kitchen keeps that order and won't take a second one" in answer["message"]
    assert review["message"].index("can't be checked") < review["message"].index("Shall I place the order?")
    receiver.send_kept = False  # a kitchen that names the order without its copy: this copy, marked not ordered
    refused = tool(client, "confirm_order", older, action="checkout", customer_name="Bo", total_cents=fork_total)
    warnings = refused.json()["cart"]["warnings"]
    assert output(refused)["error"] == "cart_already_ordered" and refused.json()["cart"]["checked_out"] is False
    assert [w["code"] for w in warnings] == ["cart_already_ordered"] and "not what was ordered" in warnings[0][
        "message"
    ]
