"""Answers carry what was understood as an add's own fields, beside the spoken read-back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.core import cart, turn
from app.core.menu import load_menu
from app.core.reading.understood import understood_line
from app.voice.cart_tools import add_to_order
from app.voice.toolkit import ToolContext

ROOT = Path(__file__).resolve().parents[3]
CAFE = load_menu(ROOT / "app" / "menus" / "demo-cafe.json")


def _resend(understood: Any) -> list[str]:
    """The option ids, each as many times as chosen (what an add takes)."""
    return [o["id"] for o in understood["options"] for _ in range(o["quantity"])]


def test_the_voice_answer_says_the_line_as_ids_and_resending_them_adds_the_same_line() -> None:
    state = cart.new_cart(b"underst1", CAFE.restaurant_id, 0)
    said = {"items": [{"item": "small latte with two extra shots and oat milk, gluten free"}]}
    state, output = add_to_order.handler(state, said, ToolContext(CAFE, 0))
    (added,) = output["added"]
    understood = added["understood"]
    assert set(added) >= {"line_id", "item", "variation", "options", "notes", "spoken"}  # nothing renamed
    assert (understood["item_id"], understood["variation_id"]) == ("latte", "latte-small")
    assert {o["id"]: o["quantity"] for o in understood["options"]}["extra-shot"] == 2
    again = cart.new_cart(b"underst2", CAFE.restaurant_id, 0)
    op = turn.AddItem(understood["item_id"], understood["quantity"], tuple(_resend(understood)),
                      understood["notes"], understood["variation_id"])  # fmt: skip
    again, (line_id,) = turn.apply(again, op, CAFE, 0)
    assert understood_line(CAFE, again.line(line_id)) == understood


def test_the_http_answer_says_the_line_as_ids(client: Any) -> None:
    token = client.post("/v1/restaurants/demo-burger/cart").json()["cart_token"]
    body = client.post(
        "/v1/restaurants/demo-burger/cart/items",
        json={"item": "a cheeseburger medium with cheddar, no pickles"},
        headers={"Cart-Token": token},
    ).json()
    understood = body["understood"]
    assert body["line_id"] == 1 and understood["item_id"] == "cheeseburger"
    assert {o["id"] for o in understood["options"]} >= {"medium", "cheddar"}


def test_the_http_answer_says_every_line_a_phrase_added(client: Any) -> None:
    """ "two cheeseburgers medium cheddar, one no pickles" added two lines, and the answer's ``line_id`` and
    ``understood`` spoke of the first alone (quantity 1, no No Pickles): a model comparing it with what it
    heard could not see the second. ``added`` has each line, as ids."""
    token = client.post("/v1/restaurants/demo-burger/cart").json()["cart_token"]
    body = client.post(
        "/v1/restaurants/demo-burger/cart/items",
        json={"item": "two cheeseburgers medium cheddar, one no pickles"},
        headers={"Cart-Token": token},
    ).json()
    lines = body["cart"]["lines"]
    assert [a["line_id"] for a in body["added"]] == [line["line_id"] for line in lines] and len(lines) == 2
    assert body["added"][0]["understood"] == body["understood"] and body["line_id"] == lines[0]["line_id"]
    options = [{o["id"] for o in a["understood"]["options"]} for a in body["added"]]
    assert [a["understood"]["quantity"] for a in body["added"]] == [line["quantity"] for line in lines] == [1, 1]
    assert "no-pickles" not in options[0] and "no-pickles" in options[1]
