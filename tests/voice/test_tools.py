"""Voice tools over HTTP: Realtime tool specs, outputs for the model, ok:false problems, token errors."""

from __future__ import annotations

import json
from typing import Any

import pytest
from starlette.testclient import TestClient

from app.core.cart.pricing import format_money
from app.voice import tools as voice_tools
from app.voice.toolkit import ToolContext, tool
from tests.conftest import DEMO, TACO, FakeClock
from tests.support.tools import TOOLS, add, call, names, ok_call


def test_tool_specs_are_in_the_realtime_session_update_shape(client: TestClient) -> None:
    response = client.get(TOOLS)
    assert response.status_code == 200
    specs = response.json()["tools"]
    assert {s["name"] for s in specs} >= {  # confirm_order is listed from app/voice/order_tool.py
        "find_menu_items",
        "get_item_details",
        "add_to_order",
        "update_order_item",
        "remove_from_order",
        "get_current_order",
        "clear_order",
    }
    for spec in specs:
        assert set(spec) == {"type", "name", "description", "parameters"} and spec["type"] == "function"
        assert spec["parameters"]["type"] == "object" and len(spec["description"]) > 40
        assert set(spec["parameters"]["required"]) <= set(spec["parameters"]["properties"])
    assert client.get("/v1/restaurants/nowhere/tools").json()["error"]["code"] == "restaurant_not_found"


def test_first_call_without_a_token_starts_a_cart_and_adds_several_items(client: TestClient) -> None:
    arguments = json.dumps({"items": [{"item": "two large fries"}, {"item": "coca cola"}]})  # as Realtime sends it
    response = call(client, "add_to_order", arguments, call_id="call_7")
    body = response.json()
    assert response.status_code == 200 and body["ok"] is True and body["call_id"] == "call_7"
    assert response.headers["Cart-Token"] == body["cart_token"]
    assert names(body) == [("French Fries", 2), ("Mexican Coke", 1)]
    out = json.loads(body["output"])
    assert [a["item"] for a in out["added"]] == ["French Fries", "Mexican Coke"] and out["not_added"] == []
    assert format_money(body["cart"]["total_cents"]) in out["message"]
    assert out["cart"]["total"] == format_money(body["cart"]["total_cents"])


def test_next_call_continues_the_cart_from_the_token(client: TestClient) -> None:
    first = add(client, {"item": "onion rings", "modifiers": ["small"]})
    second = add(client, {"item": "brownie a la mode"}, token=first["cart_token"])
    assert names(second) == [("Onion Rings", 1), ("Fudge Brownie", 1)]
    assert second["cart"]["id"] == first["cart"]["id"]


def test_partial_add_says_exactly_what_was_and_was_not_added(client: TestClient) -> None:
    body = add(client, {"item": "cookie", "quantity": 3}, {"item": "pizza"}, {"item": "chicken"})
    assert body["ok"] is False and names(body) == []  # all or nothing: ok:false means the cart is unchanged
    out = body["out"]
    assert out["added"] == [] and [a["item"] for a in out["ready"]] == ["Chocolate Chip Cookie"]
    assert [(n["item"], n["error"]) for n in out["not_added"]] == [
        ("pizza", "item_not_found"),
        ("chicken", "item_ambiguous"),
    ]
    assert {c["name"] for c in out["not_added"][1]["candidates"]} >= {"Chicken Sandwich", "Chicken Tenders"}
    assert "pizza" in out["message"] and "Did you mean" in out["message"]


def test_required_choice_is_asked_not_guessed_and_the_cart_is_unchanged(client: TestClient) -> None:
    start = add(client, {"item": "water"})
    body = add(client, {"item": "cheeseburger", "modifiers": ["medium"]}, token=start["cart_token"])
    assert body["ok"] is False and names(body) == names(start)
    problem = body["out"]["not_added"][0]
    assert problem["error"] == "modifier_required" and problem["group_name"] == "Cheese"
    assert {o["name"] for o in problem["options"]} == {"American", "Cheddar", "Swiss", "Pepper Jack"}
    assert problem["message"].startswith("Which Cheese")


def test_unavailable_item_offers_alternatives(client: TestClient) -> None:
    body = add(client, {"item": "strawberry shake", "modifiers": ["small"]})
    problem = body["out"]["not_added"][0]
    assert body["ok"] is False and problem["error"] == "item_unavailable"
    assert {s["name"] for s in problem["suggestions"]} == {"Chocolate Shake", "Vanilla Shake"}
    assert body["cart"]["lines"] == []


def test_unknown_modifiers_are_refused_never_priced_at_zero(client: TestClient) -> None:
    body = add(client, {"item": "fries", "modifiers": ["large", "truffle oil"]})
    assert body["ok"] is False and body["cart"]["lines"] == []
    assert body["out"]["not_added"][0]["error"] == "modifier_invalid"


@pytest.mark.parametrize("quantity", [0, 100])
def test_bad_quantities_are_refused_not_defaulted(client: TestClient, quantity: Any) -> None:
    body = add(client, {"item": "cookie", "quantity": quantity})
    assert body["ok"] is False and body["cart"]["lines"] == []
    assert body["out"]["not_added"][0]["error"] == "quantity_invalid"


@pytest.mark.parametrize(
    ("name", "arguments"),
    [
        ("add_to_order", {"items": [{"item": ":\x83"}]}),
        ("add_to_order", {"items": [{"item": "日本", "quantity": 2}]}),
        ("get_item_details", {"item": "!!"}),
        ("remove_from_order", {"item": "—"}),
    ],
)
def test_an_item_with_no_word_in_it_is_asked_about_not_a_500(client: TestClient, name: str, arguments: Any) -> None:
    token = ok_call(client, "find_menu_items")["cart_token"]
    body = ok_call(client, name, arguments, token)
    assert body["ok"] is False and body["cart"]["lines"] == []
    assert "item_not_found" in body["output"] or "not_in_order" in body["output"]


@pytest.mark.parametrize("quantity", [2.5, "2", True])
def test_quantities_that_are_not_integers_are_refused_as_the_schema_says(client: TestClient, quantity: Any) -> None:
    body = add(client, {"item": "cookie", "quantity": quantity})
    assert body["ok"] is False and body["cart"]["lines"] == []
    assert body["out"]["error"] == "invalid_request" and "items[0].quantity" in body["out"]["message"]


def test_integral_float_quantity_is_an_integer(client: TestClient) -> None:
    """Issue #13: 2.0 is an integer by JSON Schema (and by voicecart's own published schema)."""
    body = add(client, {"item": "cookie", "quantity": 2.0})
    assert body["ok"] is True and names(body) == [("Chocolate Chip Cookie", 2)]
    assert body["out"]["added"][0]["quantity"] == 2 and "Added two Chocolate Chip Cookies." in body["out"]["message"]


def test_kids_meal_with_fries_is_one_line(client: TestClient) -> None:
    body = add(client, {"item": "kids meal with fries", "modifiers": ["apple juice"]})
    assert names(body) == [("Kids Burger Meal", 1)]
    assert [m["name"] for m in body["cart"]["lines"][0]["modifiers"]] == ["Kids Fries", "Apple Juice"]


def test_update_changes_choices_and_quantity(client: TestClient) -> None:
    start = add(client, {"item": "burger", "modifiers": ["medium"]})
    line_id = start["cart"]["lines"][0]["line_id"]
    body = ok_call(
        client,
        "update_order_item",
        {"line_id": line_id, "quantity": 2, "modifiers": ["well done", "bacon and no pickles"]},
        start["cart_token"],
    )
    line = body["cart"]["lines"][0]
    assert body["ok"] is True and line["quantity"] == 2
    assert [m["name"] for m in line["modifiers"]] == ["Well Done", "Bacon", "No Pickles"]
    assert line["unit_price_cents"] > start["cart"]["lines"][0]["unit_price_cents"]
    # says what the line is now (it answered "Done." and the total: nothing the customer could check)
    assert body["out"]["message"].startswith("Changed to two Classic Burgers with Well Done, Bacon and No Pickles.")
    gone = ok_call(client, "update_order_item", {"line_id": line_id, "quantity": 0}, body["cart_token"])
    assert gone["cart"]["lines"] == [] and gone["out"]["message"].startswith("Removed two Classic Burgers")
    missing = ok_call(client, "update_order_item", {"line_id": 99}, body["cart_token"])
    assert missing["ok"] is False and missing["out"]["error"] == "line_not_found"


def test_remove_by_spoken_name_and_quantity(client: TestClient) -> None:
    start = add(client, {"item": "three medium fries"}, {"item": "cheese burger", "modifiers": ["medium", "swiss"]})
    fewer = ok_call(client, "remove_from_order", {"item": "fries", "quantity": 1}, start["cart_token"])
    assert names(fewer) == [("French Fries", 2), ("Cheeseburger", 1)]
    # "the burger" when the only burger in the cart is a Cheeseburger
    no_burger = ok_call(client, "remove_from_order", {"item": "the burger"}, fewer["cart_token"])
    assert no_burger["ok"] is True and names(no_burger) == [("French Fries", 2)]
    absent = ok_call(client, "remove_from_order", {"item": "onion rings"}, no_burger["cart_token"])
    assert absent["ok"] is False and absent["out"]["error"] == "not_in_order" and names(absent) == names(no_burger)


@pytest.mark.parametrize("quantity", [0, -1])
def test_removing_zero_or_fewer_is_refused_not_the_whole_line(client: TestClient, quantity: int) -> None:
    start = add(client, {"item": "three medium fries"})
    body = ok_call(client, "remove_from_order", {"item": "fries", "quantity": quantity}, start["cart_token"])
    assert body["ok"] is False and body["out"]["error"] == "quantity_invalid"
    assert names(body) == [("French Fries", 3)]


def test_remove_by_name_with_two_matching_lines_asks_which(client: TestClient) -> None:
    start = add(client, {"item": "small fries"}, {"item": "large fries"})
    body = ok_call(client, "remove_from_order", {"item": "fries"}, start["cart_token"])
    assert body["ok"] is False and body["out"]["error"] == "line_ambiguous"
    assert len(body["out"]["lines"]) == 2 and len(body["cart"]["lines"]) == 2
    precise = ok_call(client, "remove_from_order", {"item": "large fries"}, start["cart_token"])
    assert [m["name"] for line in precise["cart"]["lines"] for m in line["modifiers"]] == ["Small"]


def test_item_details_list_required_choices(client: TestClient) -> None:
    body = ok_call(client, "get_item_details", {"item": "cheesburger"})
    item = body["out"]["item"]
    assert item["name"] == "Cheeseburger" and item["price"] == format_money(item["price_cents"])
    required = [c["group"] for c in item["choices"] if c["required"]]
    assert required == ["Doneness", "Cheese"]
    assert all(group in body["out"]["message"] for group in required)


def test_find_menu_items_filters(client: TestClient) -> None:
    body = ok_call(client, "find_menu_items", {"category": "drinks", "max_price_cents": 250})
    found = body["out"]["items"]
    assert found and all(i["category"] == "drinks" for i in found)
    menu = {i["name"]: i["price_cents"] for i in client.get(f"/v1/restaurants/{DEMO}/menu").json()["items"]}
    assert all(menu[i["name"]] <= 250 for i in found)
    shakes = ok_call(client, "find_menu_items", {"query": "shake"})["out"]["items"]
    assert {"Chocolate Shake", "Vanilla Shake"} <= {i["name"] for i in shakes}


def test_current_order_and_clear(client: TestClient) -> None:
    start = add(client, {"item": "2 chocolate chip cookies"})
    read = ok_call(client, "get_current_order", {}, start["cart_token"])
    assert format_money(start["cart"]["total_cents"]) in read["out"]["message"]
    cleared = ok_call(client, "clear_order", None, read["cart_token"])
    assert cleared["cart"]["lines"] == [] and cleared["cart"]["id"] == start["cart"]["id"]
    assert ok_call(client, "get_current_order", "", cleared["cart_token"])["out"]["message"] == "The order is empty."


def test_taqueria_tools_with_uuid_ids(client: TestClient) -> None:
    response = client.post(
        f"/v1/restaurants/{TACO}/tools/add_to_order",
        json={"arguments": {"items": [{"item": "three al pastor tacos on corn"}, {"item": "quesadila"}]}},
    )
    body = response.json()
    assert body["ok"] is True
    assert [(line["name"], line["quantity"]) for line in body["cart"]["lines"]] == [
        ("Street Taco", 3),
        ("Quesadilla", 1),
    ]


def test_token_problems_keep_the_core_status_codes(client: TestClient, clock: FakeClock) -> None:
    token = add(client, {"item": "water"})["cart_token"]
    tampered = token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1]
    assert call(client, "get_current_order", {}, tampered).status_code == 401
    other = client.post(f"/v1/restaurants/{TACO}/tools/get_current_order", json={}, headers={"Cart-Token": token})
    assert other.status_code == 403 and other.json()["error"]["code"] == "token_wrong_restaurant"
    clock.advance(31 * 60)
    expired = call(client, "get_current_order", {}, token)
    assert expired.status_code == 401 and expired.json()["error"]["code"] == "token_expired"
    assert "Cart-Token" not in expired.headers


@pytest.mark.parametrize(
    ("name", "arguments", "status", "code"),
    [
        ("order_pizza", {}, 404, "tool_not_found"),
        ("add_to_order", "{not json", 400, "invalid_request"),
        ("add_to_order", [1, 2], 400, "invalid_request"),
    ],
)
def test_unknown_tool_and_unparseable_arguments(
    client: TestClient, name: str, arguments: Any, status: int, code: str
) -> None:
    response = call(client, name, arguments)
    assert response.status_code == status and response.json()["error"]["code"] == code
    assert "Cart-Token" not in response.headers


def test_arguments_that_parse_but_do_not_fit_are_ok_false(client: TestClient) -> None:
    wrong_field = ok_call(client, "add_to_order", {"item": "fries"})
    assert wrong_field["ok"] is False and wrong_field["out"]["error"] == "invalid_request"
    token = wrong_field["cart_token"]
    wrong_type = ok_call(client, "update_order_item", {"line_id": "one"}, token)
    assert wrong_type["ok"] is False and "line_id" in wrong_type["out"]["message"]


def test_a_new_tool_is_one_function_and_one_list_entry(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    @tool("say_hello", "Greets the customer; a test tool with enough words to describe it.", {})
    def say_hello(state: Any, args: dict[str, Any], ctx: ToolContext) -> tuple[Any, dict[str, Any]]:
        return state, {"message": f"Welcome to {ctx.menu.name}.", "order": {"id": "demo"}}

    monkeypatch.setattr(
        voice_tools.TOOLS, "tools", {**voice_tools.TOOLS.tools, "say_hello": say_hello}
    )  # as if listed in app.voice.tools

    assert "say_hello" in {s["name"] for s in client.get(TOOLS).json()["tools"]}
    body = ok_call(client, "say_hello")
    assert body["ok"] is True and body["out"]["order"] == {"id": "demo"}


def test_remove_by_the_name_of_another_item_asks_never_guesses(client: TestClient) -> None:
    """Cart: one Vanilla Shake. "chocolate shake" is another item: asked about, nothing removed."""
    added = add(client, {"item": "vanilla shake", "modifiers": ["regular"]})
    assert added["ok"], added["out"]
    wrong = ok_call(client, "remove_from_order", {"item": "chocolate shake"}, added["cart_token"])
    assert wrong["ok"] is False and wrong["out"]["error"] == "not_in_order"
    assert "Did you mean the Vanilla Shake?" in wrong["out"]["message"]
    assert [line["line_id"] for line in wrong["out"]["lines"]] == [added["out"]["added"][0]["line_id"]]
    assert wrong["cart"]["item_count"] == 1
    loose = ok_call(client, "remove_from_order", {"item": "the shake"}, added["cart_token"])
    assert loose["ok"] is True and loose["cart"]["item_count"] == 0  # a looser name of the one in the cart


def test_an_add_that_would_not_fit_the_token_is_ok_false_and_the_cart_unchanged(client: TestClient) -> None:
    """Every change fitting the cart's rules but not its 4096-character token was a bare HTTP 422 from the
    tool route, not the ``ok: false`` answer (with what to say) every other refusal of a tool is."""
    import random
    import string

    rng = random.Random(7)

    def note() -> str:  # 140 characters zstd cannot shrink
        return "".join(rng.choice(string.ascii_letters) for _ in range(140))

    token = add(client, {"item": "cookie", "notes": note()})["cart_token"]
    for _ in range(60):
        answer = call(client, "add_to_order", {"items": [{"item": "cookie", "notes": note()}]}, token)
        if answer.status_code != 200 or not answer.json()["ok"]:
            break
        token = answer.json()["cart_token"]
    assert answer.status_code == 200, answer.text
    body = answer.json()
    out = json.loads(body["output"])
    assert (body["ok"], out["error"]) == (False, "cart_too_large") and out["limit"] == 4096
    before = client.get(f"/v1/restaurants/{DEMO}/cart", headers={"Cart-Token": token}).json()["cart"]["lines"]
    assert len(body["cart"]["lines"]) == len(before)  # nothing was added


@pytest.mark.parametrize("change", ["price rise", "tax rise", "item removed"])
def test_a_placed_orders_cart_is_shown_at_the_prices_it_was_ordered_at(
    client: TestClient, menu_dir: Any, change: str
) -> None:
    """After a price rise, get_current_order said the order was placed at $28.65 ("Your total is $28.65")
    while its cart said total $52.47 with "the price of Classic Burger changed": every tool answer on the
    placed order's token shows the cart as ordered, never repriced — after a tax rise, at the order's tax; after
    the burger left the menu, get_current_order said the order's total while its cart showed $0.00."""
    from tests.server.test_checkout_api import CHANGES_AFTER_ORDER, edit_menu

    token = add(client, {"item": "classic burger", "quantity": 2, "modifiers": ["medium", "bacon"]})["cart_token"]
    review = ok_call(client, "confirm_order", {"action": "review"}, token)
    total = review["out"]["total_cents"]
    placed = ok_call(
        client, "confirm_order", {"action": "checkout", "customer_name": "Ada", "total_cents": total}, token
    )
    order = placed["out"]["order"]
    assert placed["out"]["cart"]["total"] == format_money(order["total_cents"])  # the checkout's own answer
    edit_menu(client, menu_dir, CHANGES_AFTER_ORDER[change])
    for name, arguments in (("get_current_order", {}), ("confirm_order", {"action": "review"}), ("clear_order", {})):
        said = ok_call(client, name, arguments, placed["cart_token"])
        assert said["out"]["cart"]["total"] == format_money(order["total_cents"]), name
        assert said["out"]["cart"]["warnings"] == [] and said["cart"]["warnings"] == [], name
        assert said["cart"]["total_cents"] == order["total_cents"], name
