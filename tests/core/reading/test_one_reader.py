"""One reader: every tool and route that reads a customer's words reads them the same way."""

from __future__ import annotations

from typing import Any

from app.core import cart, turn
from app.core.menu import Menu, parse_menu
from app.voice.cart_tools import add_to_order, find_menu_items, get_item_details, remove_from_order
from app.voice.toolkit import ToolContext

NOW = 1_767_225_600


def _menu() -> Menu:
    """A deli whose one sandwich customers call "a sub" (the lexicon's word, not the menu's)."""
    return parse_menu(
        {
            "restaurant_id": "one-reader-deli",
            "name": "Deli",
            "currency": "USD",
            "tax_rate": "0",
            "items": [
                {"id": "italian", "name": "Italian Sandwich", "category": "sandwiches", "price_cents": 899,
                 "available": True},
                {"id": "club", "name": "Turkey Club", "category": "sandwiches", "price_cents": 999, "available": True},
                {"id": "coke", "name": "Coca-Cola", "category": "drinks", "price_cents": 199, "available": True},
                {"id": "chips", "name": "Kettle Chips", "category": "sides", "price_cents": 149, "available": True},
            ],
        }
    )  # fmt: skip


def _call(handler: Any, state: cart.CartState, args: dict[str, Any], menu: Menu) -> tuple[cart.CartState, dict]:
    return handler(state, args, ToolContext(menu, NOW))


def test_a_name_add_accepts_is_a_name_remove_finds() -> None:
    menu = _menu()
    state = cart.new_cart(b"onereadr", menu.restaurant_id, NOW)
    state, added = _call(add_to_order.handler, state, {"items": [{"item": "a sub"}, {"item": "a coke"}]}, menu)
    assert added["ok"] is True and [a["item"] for a in added["added"]] == ["Italian Sandwich", "Coca-Cola"]
    state, removed = _call(remove_from_order.handler, state, {"item": "a sub"}, menu)
    assert removed["message"].startswith("Removed one Italian Sandwich.")
    state, removed = _call(remove_from_order.handler, state, {"item": "the coke"}, menu)
    assert removed["message"].startswith("Removed one Coca-Cola.") and state.lines == ()


def test_details_and_search_read_the_name_like_an_add() -> None:
    menu = _menu()
    state = cart.new_cart(b"onereadr", menu.restaurant_id, NOW)
    _, details = _call(get_item_details.handler, state, {"item": "a sub"}, menu)
    assert details["item"]["name"] == "Italian Sandwich"
    _, found = _call(find_menu_items.handler, state, {"query": "sub"}, menu)
    assert [f["name"] for f in found["items"]][:1] == ["Italian Sandwich"]


def test_http_reads_the_same_words_as_the_voice_tools() -> None:
    menu = _menu()
    state = cart.new_cart(b"onereadr", menu.restaurant_id, NOW)
    state, (line_id,) = turn.apply(state, turn.AddItem("a sub", turn.AS_SAID), menu, NOW)
    assert menu.item_by_tag(state.line(line_id).item_tag).name == "Italian Sandwich"  # type: ignore[union-attr]


def test_a_count_among_the_modifiers_of_an_item_named_exactly_counts_it_on_http_too() -> None:
    """{"item": "Kettle Chips", "modifiers": ["three"]}: the count said among the modifiers is the line's count
    through HTTP as through the voice tool — by the item's name or its id (blind10: HTTP had asked about
    "three", because an item named exactly skipped the phrase reader)."""
    menu = _menu()
    empty = cart.new_cart(b"onereadr", menu.restaurant_id, NOW)
    _, added = _call(add_to_order.handler, empty, {"items": [{"item": "Kettle Chips", "modifiers": ["three"]}]}, menu)
    assert added["ok"] is True and [a["quantity"] for a in added["added"]] == [3]
    for said in ("Kettle Chips", "chips"):  # its name, its id
        state, _ = turn.apply(empty, turn.AddItem(said, turn.AS_SAID, ("three",)), menu, NOW)
        assert [(line.quantity, line.unit_price_cents) for line in state.lines] == [(3, 149)]  # the Kettle Chips
