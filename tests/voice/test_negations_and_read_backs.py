"""The newcomer's findings, as kinds: a negation never becomes the option it negates, a line that says X
and "not X" is asked about, and what the customer hears names the item, counts and punctuates.

The newcomer's findings #1 and #9, as kinds: "not X", "untoasted"/"un-" forms, "no X" close to an
option's name, a note against a chosen option, two options that contradict — over voice
``add_to_order`` and HTTP ``POST …/cart/items`` alike, on both bundled menus.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from app.core import cart, turn
from app.core.cart.pricing import price_cart
from app.core.menu import parse_menu
from app.server.app import create_app
from app.settings import Settings, bundled_menu_dir
from app.voice.speech import order_readback
from tests.conftest import T0, TEST_KEYS, FakeClock

BURGER, CAFE = "demo-burger", "demo-cafe"


@pytest.fixture
def bundled(tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(keys_spec=TEST_KEYS, menu_dir=bundled_menu_dir(), data_dir=tmp_path / "data")
    with TestClient(create_app(settings, clock=FakeClock(T0))) as client:
        yield client


def voice(client: TestClient, rid: str, entry: dict[str, Any]) -> dict[str, Any]:
    response = client.post(f"/v1/restaurants/{rid}/tools/add_to_order", json={"arguments": {"items": [entry]}})
    assert response.status_code == 200, response.text
    body = response.json()
    body["out"] = json.loads(body["output"])
    return body


def http(client: TestClient, rid: str, entry: dict[str, Any]) -> Any:
    token = client.post(f"/v1/restaurants/{rid}/cart").json()["cart_token"]
    return client.post(f"/v1/restaurants/{rid}/cart/items", json=entry, headers={"Cart-Token": token})


def chosen(lines: list[dict[str, Any]]) -> list[tuple[str, list[str], str]]:
    return [(x["name"], [m["name"] for m in x["modifiers"]], x["notes"]) for x in lines]


NEGATED = [
    (CAFE, {"item": "flat white", "modifiers": ["small", "not skim"]}, "Skim"),
    (CAFE, {"item": "latte", "modifiers": ["small", "dont want skim"]}, "Skim"),
    (CAFE, {"item": "banana bread", "modifiers": ["not toasted"]}, "Toasted"),
    (CAFE, {"item": "banana bread", "modifiers": ["untoasted"]}, "Toasted"),
    (CAFE, {"item": "banana bread, not toasted"}, "Toasted"),
    (CAFE, {"item": "untoasted banana bread"}, "Toasted"),
    (BURGER, {"item": "chicken tenders", "modifiers": ["5 piece", "ranch", "no sauce"]}, "Buffalo Sauce"),
    (BURGER, {"item": "chicken tenders", "modifiers": ["5 piece", "ranch", "not buffalo"]}, "Buffalo Sauce"),
]


@pytest.mark.parametrize(("rid", "entry", "option"), NEGATED)
def test_a_negated_option_is_never_chosen(bundled: TestClient, rid: str, entry: dict, option: str) -> None:
    said = voice(bundled, rid, entry)
    if said["ok"]:
        (line,) = said["cart"]["lines"]
        assert option not in [m["name"] for m in line["modifiers"]], said["out"]["message"]
    else:
        assert said["cart"]["lines"] == []  # asked about, nothing added
    over_http = http(bundled, rid, entry)
    if over_http.status_code == 200:
        (line,) = over_http.json()["cart"]["lines"]
        assert option not in [m["name"] for m in line["modifiers"]]
    else:
        assert over_http.status_code == 422


def test_not_a_default_takes_it_off_and_not_a_choice_is_said_back(bundled: TestClient) -> None:
    bread = voice(bundled, CAFE, {"item": "banana bread", "modifiers": ["untoasted"]})
    assert chosen(bread["cart"]["lines"]) == [("Banana Bread", [], "")]
    white = voice(bundled, CAFE, {"item": "flat white", "modifiers": ["small", "not skim"]})
    assert chosen(white["cart"]["lines"]) == [("Flat White", ["Full cream"], "not skim")]
    assert "note: not skim" in white["out"]["message"]


CONTRADICTIONS = [
    (CAFE, {"item": "banana bread", "notes": "not toasted", "modifiers": ["toasted"]}),
    (CAFE, {"item": "banana bread", "notes": "not toasted"}),  # the default is a choice too
    (BURGER, {"item": "vanilla shake", "modifiers": ["large", "whipped cream", "no whipped cream"]}),
    (BURGER, {"item": "cheeseburger", "modifiers": ["medium", "cheddar", "no onions", "grilled onions"]}),
    (BURGER, {"item": "a cheeseburger medium cheddar with grilled onions, no onions"}),
    (BURGER, {"item": "chicken tenders", "modifiers": ["5 piece", "bbq", "no sauce"]}),
]


@pytest.mark.parametrize(("rid", "entry"), CONTRADICTIONS)
def test_a_line_saying_x_and_not_x_is_asked_about(bundled: TestClient, rid: str, entry: dict) -> None:
    said = voice(bundled, rid, entry)
    assert said["ok"] is False and said["cart"]["lines"] == []
    (problem,) = said["out"]["not_added"]
    assert problem["error"] == "modifier_invalid" and len(problem["conflict"]) == 2
    assert "which one would you like" in problem["message"]
    over_http = http(bundled, rid, entry)
    assert over_http.status_code == 422 and over_http.json()["error"]["code"] == "modifier_invalid"


def test_a_note_against_a_choice_is_refused_on_update_too(bundled: TestClient) -> None:
    added = voice(bundled, BURGER, {"item": "cheeseburger", "modifiers": ["medium", "cheddar", "grilled onions"]})
    line_id = added["cart"]["lines"][0]["line_id"]
    response = bundled.post(
        f"/v1/restaurants/{BURGER}/tools/update_order_item",
        json={"arguments": {"line_id": line_id, "notes": "no onions"}},
        headers={"Cart-Token": added["cart_token"]},
    )
    body = response.json()
    assert body["ok"] is False and json.loads(body["output"])["error"] == "modifier_invalid"
    assert body["cart"]["lines"][0]["notes"] == ""


# --- finding #12 / #8 wording: what the customer hears ---------------------------------------------------


def test_the_add_read_back_is_the_one_line_wording_and_plural(bundled: TestClient) -> None:
    body = voice(bundled, BURGER, {"item": "cheeseburger", "quantity": 2, "modifiers": ["medium", "cheddar"]})
    assert body["out"]["message"].startswith("Added two Cheeseburgers with Medium and Cheddar.")


def test_a_question_names_the_item_and_how_many_to_choose(bundled: TestClient) -> None:
    misheard = voice(bundled, BURGER, {"item": "chese burgr"})
    assert "Which Doneness would you like for the Cheeseburger:" in misheard["out"]["message"]
    plate = voice(bundled, CAFE, {"item": "big plate"})
    (problem,) = plate["out"]["not_added"]
    assert problem["error"] == "modifier_required" and problem["min"] == 3
    assert f"for the Big Plate (choose {problem['min']})" in problem["message"]


def test_every_refusal_in_a_message_is_its_own_sentence(bundled: TestClient) -> None:
    many = voice(bundled, BURGER, {"item": "cookie", "quantity": 99})
    response = bundled.post(
        f"/v1/restaurants/{BURGER}/tools/add_to_order",
        json={"arguments": {"items": [{"item": "cookie"}, {"item": "water"}]}},
        headers={"Cart-Token": many["cart_token"]},
    )
    message = json.loads(response.json()["output"])["message"]
    assert "at most 99 per line. Once answered" in message


def test_an_order_with_nothing_available_is_said_as_such(tmp_path: Path) -> None:
    data = json.loads((bundled_menu_dir() / "demo-burger.json").read_text())
    menu = parse_menu(data)
    state = cart.new_cart(b"findings", menu.restaurant_id, T0)
    state, _ = turn.apply(state, turn.AddItem("cookie", 2, ("warm",)), menu, T0)
    for item in data["items"]:
        item["available"] = item["id"] != "cookie" and item.get("available", True)
    priced = price_cart(state, parse_menu(data), T0)
    message = order_readback(priced, menu)
    (line,) = priced.lines
    assert not line.available and [m["name"] for m in line.modifiers] == ["Warmed"]  # which line it is stays known
    assert "You have ." not in message
    assert message.startswith("Nothing in the order can be made right now") and "Note: " in message


def test_searching_a_category_word_finds_every_item_of_it(bundled: TestClient) -> None:
    response = bundled.post(f"/v1/restaurants/{CAFE}/tools/find_menu_items", json={"arguments": {"query": "coffee"}})
    found = json.loads(response.json()["output"])["items"]
    assert {"Flat White", "Latte", "Long Black"} <= {f["name"] for f in found}
    assert "Flat White (from A$4.50)" in json.loads(response.json()["output"])["message"]  # Large is A$5.20


def test_two_answers_to_a_one_choice_group_ask_naming_both(bundled: TestClient) -> None:
    """Finding #10: "large fries" with the modifier "small" is asked about, over HTTP and voice alike."""
    entry = {"item": "large fries", "modifiers": ["small"]}
    said = voice(bundled, BURGER, entry)
    (problem,) = said["out"]["not_added"]
    assert said["cart"]["lines"] == [] and sorted(problem["conflict"]) == ["Large", "Small"]
    assert "which Size would you like?" in problem["message"]
    refused = http(bundled, BURGER, entry)
    assert refused.status_code == 422 and sorted(refused.json()["error"]["conflict"]) == ["Large", "Small"]
