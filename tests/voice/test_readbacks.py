"""Read-backs that sound right to a customer (issue #21): counts as words with the name in the plural,
a size said as a size ("one large French Fries", never "one French Fries with Large"), and a size
asked of an item whose sizes are a "Size" modifier group is that choice, never "comes in one size only".
The same in every sentence a line appears in (add, remove, read back, review, placed order) and at
every door (voice tools, HTTP)."""

from __future__ import annotations

import json
from pathlib import Path

from starlette.testclient import TestClient

from app.core.menu import load_menu
from app.settings import bundled_menu_dir
from app.voice.speech import line_phrase
from tests.conftest import DEMO
from tests.support.tools import add, ok_call

CART = f"/v1/restaurants/{DEMO}/cart"
BURGERS = {"item": "cheeseburger", "quantity": 3, "modifiers": ["medium", "cheddar"]}


def test_removing_some_says_how_many_in_words_and_the_plural(client: TestClient) -> None:
    start = add(client, BURGERS, {"item": "fries", "quantity": 4, "modifiers": ["large"]})
    burgers, fries = (line["line_id"] for line in start["cart"]["lines"])
    gone = ok_call(client, "remove_from_order", {"line_id": burgers}, start["cart_token"])
    assert gone["out"]["message"].startswith("Removed three Cheeseburgers with Medium and Cheddar. ")
    fewer = ok_call(client, "remove_from_order", {"item": "fries", "quantity": 3}, gone["cart_token"])
    assert fewer["out"]["message"].startswith("Removed three large French Fries. ")
    last = ok_call(client, "remove_from_order", {"line_id": fries}, fewer["cart_token"])
    assert last["out"]["message"].startswith("Removed one large French Fries. ")
    assert "Removed 3" not in gone["out"]["message"] + fewer["out"]["message"]


def test_a_size_from_a_size_group_is_said_before_the_name_everywhere(client: TestClient) -> None:
    added = add(
        client, {"item": "fries", "modifiers": ["large", "cajun"]}, {"item": "two medium cheddar cheeseburgers"}
    )
    assert added["out"]["message"].startswith("Added one large French Fries with Cajun Seasoning; ")
    said = [added["out"]["message"], json.dumps(added["cart"])]
    readback = ok_call(client, "get_current_order", {}, added["cart_token"])
    said.append(readback["out"]["message"])
    assert "You have one large French Fries with Cajun Seasoning; and two Cheeseburgers" in readback["out"]["message"]
    review = ok_call(client, "confirm_order", {"action": "review"}, added["cart_token"])
    said.append(review["out"]["message"])
    assert review["out"]["message"].startswith("One large French Fries with Cajun Seasoning; and two Cheeseburgers")
    placed = ok_call(
        client,
        "confirm_order",
        {"action": "checkout", "customer_name": "Ada", "total_cents": review["out"]["total_cents"]},
        added["cart_token"],
    )
    said.append(placed["out"]["message"])
    assert "One large French Fries with Cajun Seasoning" in placed["out"]["message"]
    assert not [s for s in said if "with Large" in s or "Fries with Large" in s]


def test_a_doneness_is_no_size() -> None:
    menu = load_menu(bundled_menu_dir() / "demo-burger.json")
    line = {
        "item_id": "cheeseburger",
        "name": "Cheeseburger",
        "quantity": 2,
        "modifiers": [{"id": "medium", "name": "Medium"}, {"id": "cheddar", "name": "Cheddar"}],
    }
    assert line_phrase(line, menu) == "two Cheeseburgers with Medium and Cheddar"


def test_variations_are_said_as_sizes_too(tmp_path: Path) -> None:
    cafe = load_menu(bundled_menu_dir() / "demo-cafe.json")
    line = {"item_id": "latte", "name": "Latte", "quantity": 2, "variation": {"name": "Large"}, "modifiers": []}
    assert line_phrase(line, cafe) == "two large Lattes"


def test_a_size_for_fries_whose_sizes_are_a_group_is_that_choice(client: TestClient) -> None:
    token = client.post(CART).headers["Cart-Token"]
    added = client.post(f"{CART}/items", json={"item": "fries", "variation": "large"}, headers={"Cart-Token": token})
    assert added.status_code == 200, added.text
    assert [m["name"] for m in added.json()["cart"]["lines"][0]["modifiers"]] == ["Large"]
    token = added.headers["Cart-Token"]
    resized = client.patch(f"{CART}/items/1", json={"variation": "small"}, headers={"Cart-Token": token})
    assert resized.status_code == 200, resized.text
    assert [m["name"] for m in resized.json()["cart"]["lines"][0]["modifiers"]] == ["Small"]
    wrong = client.patch(f"{CART}/items/1", json={"variation": "jumbo"}, headers={"Cart-Token": token})
    assert wrong.json()["error"]["code"] == "modifier_invalid"
    assert "one size only" not in wrong.json()["error"]["message"]
    # by voice: a size alone, as update_order_item says, changes only the size
    voice = add(client, {"item": "fries", "modifiers": ["medium", "cajun"]})
    assert voice["out"]["message"].startswith("Added one medium French Fries with Cajun Seasoning. ")
    line_id = voice["cart"]["lines"][0]["line_id"]
    larger = ok_call(client, "update_order_item", {"line_id": line_id, "modifiers": ["large"]}, voice["cart_token"])
    assert larger["out"]["cart"]["lines"][0]["description"] == "one large French Fries with Cajun Seasoning"


def test_an_item_with_no_sizes_still_says_it_has_one_size(client: TestClient) -> None:
    token = client.post(CART).headers["Cart-Token"]
    coke = client.post(
        f"{CART}/items", json={"item": "mexican coke", "variation": "large"}, headers={"Cart-Token": token}
    )
    assert coke.json()["error"]["message"] == "Mexican Coke comes in one size only"


def test_a_tax_included_total_is_said_as_included(tmp_path: Path) -> None:
    from app.core import turn
    from app.core.cart.pricing import price_cart
    from app.voice.speech import total_sentence

    cafe = load_menu(bundled_menu_dir() / "demo-cafe.json")
    burger = load_menu(bundled_menu_dir() / "demo-burger.json")
    cafe_cart = turn.apply(turn.cart.new_cart(b"gstgstgs", cafe.restaurant_id, 0), turn.AddItem("banana bread"), cafe)[
        0
    ]
    burger_cart = turn.apply(turn.cart.new_cart(b"taxtaxta", DEMO, 0), turn.AddItem("mexican coke"), burger)[0]
    assert total_sentence(price_cart(cafe_cart, cafe)) == "Your total is now A$6.00, including GST."
    assert total_sentence(price_cart(burger_cart, burger)) == "Your total is now $3.78 with tax."


def test_removing_a_line_gone_from_the_menu_says_so() -> None:
    from app.voice.speech import removed_sentence

    menu = load_menu(bundled_menu_dir() / "demo-burger.json")
    gone = {"item_id": None, "name": "Item no longer on the menu", "quantity": 2, "modifiers": []}
    assert removed_sentence(gone, 2, menu) == "Removed the item that is no longer on the menu."


def test_an_add_says_what_it_added_when_it_joins_a_line(client: TestClient) -> None:
    """Two entries of one item merge into one line: each is said at its own count, never the line's
    total as if it were added again ("two …; five …" for a cart of five)."""
    added = add(client, {"item": "cheeseburger", "quantity": 2, "modifiers": ["medium", "cheddar"]}, BURGERS)
    (line,) = added["cart"]["lines"]
    assert line["quantity"] == 5
    assert added["out"]["message"].startswith(
        "Added two Cheeseburgers with Medium and Cheddar; three Cheeseburgers with Medium and Cheddar (five in all). "
    )
    assert [(a["quantity"], a["line_quantity"]) for a in added["out"]["added"]] == [(2, 2), (3, 5)]


def test_a_count_said_against_the_quantity_is_asked_by_voice_too(client: TestClient) -> None:
    """The voice door reads counts as HTTP does: "2 cheeseburgers" sent with quantity 3 is a question."""
    asked = add(client, {"item": "2 cheeseburgers medium cheddar", "quantity": 3}, {"item": "mexican coke"})
    assert asked["out"]["ok"] is False and asked["cart"]["lines"] == []
    (question,) = asked["out"]["not_added"]
    assert question["error"] == "quantity_invalid" and question["said_quantity"] == 2
