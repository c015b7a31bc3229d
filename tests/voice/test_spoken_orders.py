"""Issue #15 end to end: whole spoken orders through add_to_order (voice) and POST …/cart/items (HTTP).

What the customer hears must match what the kitchen gets: every item said is added or asked about,
a restriction is said back, a question is about the one group that needs an answer, and a closed
restaurant is said on the first turn with its hours.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from starlette.testclient import TestClient

from app.core import turn
from app.core.menu import parse_menu
from app.core.token.codec import CartCodec
from app.voice.tools import TOOLS
from tests.conftest import DEMO_MENU_FILE, T0
from tests.support.tools import add, names, ok_call

BASE = "/v1/restaurants/demo-burger"


def test_a_restriction_is_kept_as_a_note_and_said_back(client: TestClient) -> None:
    body = add(client, {"item": "a classic burger well done gluten free"})
    assert body["ok"] is True
    (line,) = body["cart"]["lines"]
    assert (line["name"], line["notes"]) == ("Classic Burger", "gluten free")
    assert [m["name"] for m in line["modifiers"]] == ["Well Done"]
    assert "note: gluten free" in body["out"]["message"]


def test_every_item_of_a_phrase_is_added_or_asked_about(client: TestClient) -> None:
    body = add(client, {"item": "a cheeseburger medium with cheddar and fries and a coke"})
    assert names(body) == []  # all or nothing: the model retries the whole call with the answer
    assert [(r["item"], r["quantity"]) for r in body["out"]["ready"]] == [("Cheeseburger", 1), ("Mexican Coke", 1)]
    (fries,) = body["out"]["not_added"]
    assert (fries["error"], fries["group_name"]) == ("modifier_required", "Size")
    assert "Which Size would you like" in fries["message"] and "Doneness" not in fries["message"]
    assert body["ok"] is False and "Nothing was added yet. fry: Which Size" in body["out"]["message"]


def test_a_partly_clear_call_adds_nothing_so_a_retry_never_doubles(client: TestClient) -> None:
    """Finding #6: ok:false always means the cart is unchanged; the retry after the answer adds once."""
    asked = add(client, {"item": "cheeseburger", "modifiers": ["medium", "cheddar"]}, {"item": "shake"})
    assert asked["ok"] is False and names(asked) == []
    (shake,) = asked["out"]["not_added"]
    assert shake["error"] == "item_ambiguous"
    assert {c["name"] for c in shake["candidates"]} == {"Chocolate Shake", "Vanilla Shake"}  # not the sold-out one
    retry = add(
        client,
        {"item": "cheeseburger", "modifiers": ["medium", "cheddar"]},
        {"item": "vanilla shake", "modifiers": ["small"]},
        token=asked["cart_token"],
    )
    assert retry["ok"] is True and names(retry) == [("Cheeseburger", 1), ("Vanilla Shake", 1)]


def test_two_items_in_one_phrase_are_two_lines(client: TestClient) -> None:
    body = add(client, {"item": "a large sprite and a small fries"})
    lines = [(x["name"], [m["name"] for m in x["modifiers"]]) for x in body["cart"]["lines"]]
    assert lines == [("Fountain Soda", ["Large", "Lemon-Lime"]), ("French Fries", ["Small"])]


def test_modifiers_that_are_no_choice_are_asked_about_with_the_words(client: TestClient) -> None:
    body = add(client, {"item": "cheeseburger", "modifiers": ["medium", "cheddar", "extra pickles"]})
    assert body["ok"] is False and body["cart"]["lines"] == []
    (problem,) = body["out"]["not_added"]
    assert problem["error"] == "modifier_invalid" and "extra pickle" in problem["words"]


def test_http_reads_the_same_phrases(client: TestClient) -> None:
    token = client.post(f"{BASE}/cart").json()["cart_token"]
    two = client.post(f"{BASE}/cart/items", json={"item": "two twelve ounce lemonades"}, headers={"Cart-Token": token})
    assert two.status_code == 200
    (line,) = two.json()["cart"]["lines"]
    assert (line["name"], line["quantity"], [m["name"] for m in line["modifiers"]]) == ("Lemonade", 2, ["Small"])
    token = two.json()["cart_token"]
    both = client.post(f"{BASE}/cart/items", json={"item": "a coke and a water"}, headers={"Cart-Token": token})
    assert [x["name"] for x in both.json()["cart"]["lines"]] == ["Lemonade", "Mexican Coke", "Bottled Water"]
    unclear = client.post(
        f"{BASE}/cart/items",
        json={"item": "a cheeseburger medium with cheddar and fries"},
        headers={"Cart-Token": both.json()["cart_token"]},
    )
    assert unclear.status_code == 422  # a turn is all or nothing: the fries' size is asked, nothing added
    assert unclear.json()["error"]["code"] == "modifier_required" and unclear.json()["error"]["group_name"] == "Size"


def test_an_explicit_quantity_that_contradicts_the_phrase_is_asked(client: TestClient) -> None:
    """It used to win silently ("two large fries" × 3 = three): a count the customer said must not vanish."""
    token = client.post(f"{BASE}/cart").json()["cart_token"]
    body = {"item": "two large fries", "quantity": 3}
    response = client.post(f"{BASE}/cart/items", json=body, headers={"Cart-Token": token})
    assert response.status_code == 422 and response.json()["error"]["code"] == "quantity_invalid"
    agreeing = client.post(f"{BASE}/cart/items", json={**body, "quantity": 2}, headers={"Cart-Token": token})
    assert agreeing.json()["cart"]["lines"][0]["quantity"] == 2


def _closed_menu() -> Any:
    data = json.loads(Path(DEMO_MENU_FILE).read_text())
    data["hours"] = {"timezone": "UTC", "weekly": {"fri": ["11:00-22:00"]}}  # T0 is a Friday, 08:00 UTC
    return parse_menu(data)


def test_a_closed_restaurant_is_said_on_the_first_voice_turn(codec: CartCodec) -> None:
    menu = _closed_menu()
    inputs = turn.TurnInputs(menu, codec, T0, ())
    outcome = TOOLS.run("add_to_order", {"items": [{"item": "a coke"}]}, None, inputs, new_cart_id=bytes(8))
    message = outcome.output["message"]
    assert message.startswith("Sorry, Voicecart Burger Bar is closed right now") and "11:00-22:00" in message
    assert outcome.output["restaurant_closed"]["hours_today"] == ["11:00-22:00"]
    later = TOOLS.run("get_current_order", {}, outcome.result.token, inputs, new_cart_id=bytes(8))
    assert not later.output["message"].startswith("Sorry")  # said once, then kept as a cart warning
    assert any("closed" in w for w in later.output["cart"]["warnings"])


def test_a_closed_restaurant_is_a_warning_on_the_first_http_turn(codec: CartCodec) -> None:
    result = turn.run_turn(None, turn.NewCart(bytes(8)), _closed_menu(), codec, T0)
    (warning,) = result.cart_json()["warnings"]
    assert warning["code"] == "restaurant_closed" and warning["hours_today"] == ["11:00-22:00"]
    assert (
        turn.run_turn(None, turn.NewCart(bytes(8)), _closed_menu(), codec, T0 + 4 * 3600).cart_json()["warnings"] == []
    )  # noon: open


def test_a_restriction_said_when_changing_a_line_is_kept_as_a_note(client: TestClient) -> None:
    first = add(client, {"item": "classic burger", "modifiers": ["medium"]})
    line_id = first["cart"]["lines"][0]["line_id"]
    body = ok_call(
        client,
        "update_order_item",
        {"line_id": line_id, "modifiers": ["well done", "gluten free"]},
        first["cart_token"],
    )
    (line,) = body["cart"]["lines"]
    assert [m["name"] for m in line["modifiers"]] == ["Well Done"] and line["notes"] == "gluten free"
