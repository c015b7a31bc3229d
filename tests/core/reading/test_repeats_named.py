"""A modifier said twice by a name that holds a shorter name of the same option ("extra cheese", "extra cheese"
of an option named Extra Cheese): counted like any other repeat — twice where the option allows it, else the id
form's answer ("chosen twice") — never read once silently (issue #23, found by a newcomer on the demo menu)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.core import cart
from app.core.menu import Menu, load_menu
from app.voice.cart_tools import ToolContext, add_to_order
from bench.matching import NOW
from tests.core.reading.menus import group, item, menu, option

ROOT = Path(__file__).resolve().parents[3]


def _answer(m: Menu, entry: dict[str, object]) -> dict[str, Any]:
    state = cart.new_cart(b"repeats0", m.restaurant_id, NOW)
    _, output = add_to_order.handler(state, {"items": [entry]}, ToolContext(m, NOW))
    return output


_BURGER = menu(
    item(
        "Burger",
        group("Doneness", [option("Medium"), option("Well Done")], least=1),
        group("Extras", [option("Extra Cheese"), option("Bacon"), option("Extra Pickles", max_quantity=2)], most=5),
    )
)


def test_a_once_only_option_said_twice_by_its_extra_name_is_asked_as_chosen_twice() -> None:
    for modifiers in (["medium", "extra cheese", "extra cheese"], ["medium", "extra cheese"] * 2):
        output = _answer(_BURGER, {"item": "burger", "modifiers": modifiers})
        assert not output["added"]
        (asked,) = output["not_added"]
        assert asked["modifier"] == "extra-cheese" and "chosen twice" in asked["message"]
    by_id = _answer(_BURGER, {"item": "burger", "modifiers": ["medium", "extra-cheese", "extra-cheese"]})
    assert not by_id["added"] and "chosen twice" in by_id["not_added"][0]["message"]


def test_the_phrase_form_asks_too() -> None:
    """Said twice in a row in one phrase it may be emphasis or a double: asked, never one silently."""
    output = _answer(_BURGER, {"item": "burger medium extra cheese extra cheese"})
    assert not output["added"] and output["not_added"]


def test_an_option_that_may_be_had_twice_is_chosen_twice() -> None:
    output = _answer(_BURGER, {"item": "burger", "modifiers": ["medium", "extra pickles", "extra pickles"]})
    (line,) = output["added"]
    assert sorted(line["options"]) == ["Medium", "two Extra Pickles"]


def test_the_demo_menu_example() -> None:
    demo = load_menu(ROOT / "app/menus/demo-burger.json")
    output = _answer(demo, {"item": "classic burger", "modifiers": ["medium", "extra cheese", "extra cheese"]})
    assert not output["added"] and output["not_added"][0]["modifier"] == "extra-cheese"
