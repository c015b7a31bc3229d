"""The HTTP contract through Starlette's TestClient: status codes, bodies, headers, errors."""

from __future__ import annotations

import json
from typing import Any

import pytest
from starlette.testclient import TestClient

from app.server.app import create_app
from app.settings import Settings
from tests.conftest import DEMO, TACO, FakeClock
from tests.support.http import BASE, add, new_cart


def error_of(response: Any) -> dict[str, Any]:
    body = response.json()
    assert set(body) == {"error"}
    assert {"code", "message"} <= set(body["error"])
    return body["error"]


def test_healthz_and_menu(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    menu = client.get(f"{BASE}/menu").json()
    assert menu["restaurant_id"] == DEMO and menu["items"]
    assert error_of(client.get("/v1/restaurants/nowhere/menu"))["code"] == "restaurant_not_found"


def test_new_cart_shape(client: TestClient) -> None:
    r = client.post(f"{BASE}/cart")
    body = r.json()
    assert r.status_code == 201
    assert r.headers["Cart-Token"] == body["cart_token"]
    cart = body["cart"]
    assert cart["restaurant_id"] == DEMO and cart["lines"] == [] and cart["revision"] == 0
    assert cart["expires_at"] == "2027-01-15T08:30:00Z"  # T0 + 30 min
    assert {"id", "currency", "item_count", "subtotal_cents", "tax_cents", "total_cents", "warnings"} <= set(cart)


def test_order_flow(client: TestClient) -> None:
    token = new_cart(client)
    r = add(client, token, {"item": "cheese burgers", "quantity": 2, "modifiers": ["medium", "swiss", "bacon"]})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["line_id"] == 1
    line = body["cart"]["lines"][0]
    assert (line["name"], line["quantity"], line["unit_price_cents"], line["line_total_cents"]) == (
        "Cheeseburger",
        2,
        1199,
        2398,
    )
    token = body["cart_token"]
    r = add(client, token, {"item": "coca cola", "quantity": 1})
    token = r.json()["cart_token"]
    cart = r.json()["cart"]
    assert cart["subtotal_cents"] == 2398 + 349
    assert cart["tax_cents"] == 227  # round_half_up(2747 * 0.0825 = 226.6275)
    assert cart["total_cents"] == 2747 + 227
    assert cart["item_count"] == 3

    r = client.patch(
        f"{BASE}/cart/items/1", headers={"Cart-Token": token}, json={"quantity": 1, "notes": "well wrapped"}
    )
    token = r.json()["cart_token"]
    assert r.json()["cart"]["lines"][0]["notes"] == "well wrapped"
    r = client.delete(f"{BASE}/cart/items/2", headers={"Cart-Token": token})
    token = r.json()["cart_token"]
    assert [ln["line_id"] for ln in r.json()["cart"]["lines"]] == [1]
    r = client.get(f"{BASE}/cart", headers={"Cart-Token": token})
    assert r.json()["cart"]["revision"] == 4
    r = client.delete(f"{BASE}/cart", headers={"Cart-Token": token})
    assert r.json()["cart"]["lines"] == [] and r.json()["cart"]["id"] == r.json()["cart"]["id"]


def test_failed_turn_keeps_previous_token_valid(client: TestClient) -> None:
    token = new_cart(client)
    token = add(client, token, {"item": "mexican coke"}).json()["cart_token"]
    for bad in (
        {"item": "unicorn steak"},
        {"item": "mexican coke", "quantity": 500},
        {"item": "cheeseburger"},
        {"item": 5},
        {"itme": "typo"},
    ):
        r = add(client, token, bad)
        assert r.status_code in (400, 422)
        assert "cart_token" not in r.json()
    r = add(client, token, {"item": "mexican coke"})
    assert r.status_code == 200 and r.json()["cart"]["lines"][0]["quantity"] == 2


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"item": "lobster"}, 422, "item_not_found"),
        ({"item": "shake"}, 422, "item_ambiguous"),
        ({"item": "strawberry shake", "modifiers": ["small"]}, 422, "item_unavailable"),
        ({"item": "cheeseburger", "modifiers": ["medium"]}, 422, "modifier_required"),
        ({"item": "mexican coke", "modifiers": ["large"]}, 422, "modifier_invalid"),
        ({"item": "mexican coke", "quantity": 0}, 422, "quantity_invalid"),
        ({"item": "mexican coke", "notes": "x" * 500}, 422, "cart_too_large"),
        ({"item": "mexican coke", "extra": 1}, 400, "invalid_request"),
        ({"item": "mexican coke", "modifiers": "large"}, 400, "invalid_request"),
    ],
)
def test_error_catalogue(client: TestClient, body: dict, status: int, code: str) -> None:
    r = add(client, new_cart(client), body)
    assert r.status_code == status
    assert error_of(r)["code"] == code


def test_not_found_suggests(client: TestClient) -> None:
    err = error_of(add(client, new_cart(client), {"item": "cheseburgr deluxe platter with fries"}))
    assert err["code"] in ("item_not_found", "item_ambiguous", "words_not_understood")
    # a misspelt name is mended against the menu (#23): the question names the item understood and the words left
    assert err.get("suggestions") or err.get("candidates") or (err.get("item") and err.get("words"))


def test_token_errors(client: TestClient, clock: FakeClock) -> None:
    assert error_of(client.get(f"{BASE}/cart"))["code"] == "token_missing"
    r = client.get(f"{BASE}/cart", headers={"Cart-Token": "garbage"})
    assert (r.status_code, error_of(r)["code"]) == (401, "token_invalid")
    token = new_cart(client)
    r = client.get(f"/v1/restaurants/{TACO}/cart", headers={"Cart-Token": token})
    assert (r.status_code, error_of(r)["code"]) == (403, "token_wrong_restaurant")
    clock.advance(1801)
    r = client.get(f"{BASE}/cart", headers={"Cart-Token": token})
    assert (r.status_code, error_of(r)["code"]) == (401, "token_expired")


def test_line_not_found_and_bad_json(client: TestClient) -> None:
    token = new_cart(client)
    r = client.delete(f"{BASE}/cart/items/9", headers={"Cart-Token": token})
    assert (r.status_code, error_of(r)["code"]) == (404, "line_not_found")
    r = client.post(
        f"{BASE}/cart/items", headers={"Cart-Token": token, "Content-Type": "application/json"}, content=b"{nope"
    )
    assert (r.status_code, error_of(r)["code"]) == (400, "invalid_request")
    for nothing in ({}, {"quantity": None}, {"notes": None, "modifiers": None}):
        r = client.patch(f"{BASE}/cart/items/1", headers={"Cart-Token": token}, json=nothing)
        assert (r.status_code, error_of(r)["code"]) == (400, "field_required")


def test_body_too_large(client: TestClient) -> None:
    r = add(client, new_cart(client), {"item": "x" * 20_000})
    assert (r.status_code, error_of(r)["code"]) == (413, "request_too_large")


def test_unknown_route_is_json_404(client: TestClient) -> None:
    r = client.get("/nope")
    assert r.status_code == 404 and error_of(r)["code"] == "not_found"


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("TRACE", f"{BASE}/cart", {"GET", "HEAD", "POST", "DELETE"}),
        ("PUT", "/healthz", {"GET", "HEAD"}),
        ("POST", "/static/cart-client.js", {"GET", "HEAD"}),
    ],
)
def test_a_wrong_method_is_405_with_allow(client: TestClient, method: str, path: str, allowed: set[str]) -> None:
    """Found by schemathesis: the JSON 405 dropped Starlette's Allow header (RFC 9110 requires it)."""
    response = client.request(method, path)
    assert response.status_code == 405 and response.json()["error"]["code"] == "method_not_allowed"
    assert {m.strip() for m in response.headers["allow"].split(",")} == allowed


def test_price_change_between_turns(client: TestClient, settings: Settings, clock: FakeClock) -> None:
    token = add(client, new_cart(client), {"item": "mexican coke"}).json()["cart_token"]
    menu_file = settings.menu_dir / "demo-burger.json"
    doc = json.loads(menu_file.read_text())
    next(i for i in doc["items"] if i["id"] == "mexican-coke")["price_cents"] = 399
    menu_file.write_text(json.dumps(doc))
    other = TestClient(create_app(settings, clock=clock))  # a replica that loaded the new menu
    r = other.get(f"{BASE}/cart", headers={"Cart-Token": token})
    cart = r.json()["cart"]
    assert cart["subtotal_cents"] == 399
    [warning] = cart["warnings"]
    assert warning["code"] == "price_changed" and warning["old_unit_price_cents"] == 349


def test_cors_exposes_the_token_header(settings: Settings, clock: FakeClock) -> None:
    from dataclasses import replace

    app = create_app(replace(settings, cors_origins=("https://kiosk.example",)), clock=clock)
    with TestClient(app) as c:
        r = c.post(f"{BASE}/cart", headers={"Origin": "https://kiosk.example"})
        assert r.headers["access-control-allow-origin"] == "https://kiosk.example"
        assert "cart-token" in r.headers["access-control-expose-headers"].lower()


# --- integers: JSON Schema's rule (2.0 is an integer; 2.5, true and "2" are not) ---------------------------


@pytest.mark.parametrize("quantity", [2, 2.0])
def test_integral_float_quantity_is_a_whole_number(client: TestClient, quantity: Any) -> None:
    r = add(client, new_cart(client), {"item": "mexican coke", "quantity": quantity})
    assert r.status_code == 200, r.text
    line = r.json()["cart"]["lines"][0]
    assert line["quantity"] == 2 and isinstance(line["quantity"], int)


@pytest.mark.parametrize("quantity", [2.5, True, "2", None])
def test_non_integer_quantity_is_a_malformed_request(client: TestClient, quantity: Any) -> None:
    """Not an integer is 400 invalid_request (as the README's errors table and the voice tools say);
    422 quantity_invalid is for an integer the cart cannot take."""
    r = add(client, new_cart(client), {"item": "mexican coke", "quantity": quantity})
    assert (r.status_code, error_of(r)["code"], error_of(r)["field"]) == (400, "invalid_request", "quantity")


def test_patch_takes_integral_floats_and_zero_point_zero_removes(client: TestClient) -> None:
    token = add(client, new_cart(client), {"item": "mexican coke"}).json()["cart_token"]
    r = client.patch(f"{BASE}/cart/items/1", headers={"Cart-Token": token}, json={"quantity": 3.0})
    assert r.status_code == 200 and r.json()["cart"]["lines"][0]["quantity"] == 3
    for bad in (2.5, False, "3"):
        refused = client.patch(f"{BASE}/cart/items/1", headers={"Cart-Token": token}, json={"quantity": bad})
        assert (refused.status_code, error_of(refused)["code"]) == (400, "invalid_request")
    refused = client.patch(f"{BASE}/cart/items/1", headers={"Cart-Token": token}, json={"quantity": 100})
    assert (refused.status_code, error_of(refused)["code"]) == (422, "quantity_invalid")
    r = client.patch(f"{BASE}/cart/items/1", headers={"Cart-Token": r.json()["cart_token"]}, json={"quantity": 0.0})
    assert r.status_code == 200 and r.json()["cart"]["lines"] == []


def test_a_trailing_slash_is_a_json_404_not_a_redirect(client: TestClient) -> None:
    token = client.post(f"/v1/restaurants/{DEMO}/cart").json()["cart_token"]
    response = client.post(f"/v1/restaurants/{DEMO}/cart/items/", json={"item": "fries"}, headers={"Cart-Token": token})
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
