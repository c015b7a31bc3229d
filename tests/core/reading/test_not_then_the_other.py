""" "not X, Y" where X and Y are choices of one group that takes one: a correction to Y, as "Y, not X" is
(issue #23, found by a newcomer on the demo menu) — never both taken off, never asked."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core import cart
from app.core.menu import load_menu
from app.voice.cart_tools import ToolContext, add_to_order
from bench.matching import NOW
from tests.core.reading.menus import group, item, menu, named_lines, option

ROOT = Path(__file__).resolve().parents[3]

_STEAK = menu(
    item(
        "Steak",
        group("Temperature", [option("Rare"), option("Medium"), option("Medium Well"), option("Well Done")], least=1),
        group("Sauce", [option("Peppercorn"), option("Chimichurri")], least=1),
    )
)


@pytest.mark.parametrize(
    ("said", "wanted"),
    [
        ("a steak not rare, medium with peppercorn", "Medium"),
        ("a steak not medium, well done with peppercorn", "Well Done"),  # never "not Medium Well", "done"
        ("a steak medium, not rare with peppercorn", "Medium"),
    ],
)
def test_not_x_then_y_of_a_one_choice_group_is_y(said: str, wanted: str) -> None:
    assert named_lines(_STEAK, said) == [("Steak", sorted([wanted, "Peppercorn"]), None)]


def test_two_ways_to_part_the_words_are_asked() -> None:
    """ "not medium well medium": Medium Well then Medium; where Well Done is also said "well", Medium then
    Well… is another way: not read either way silently."""
    said = "a steak, not medium well, medium with peppercorn"
    assert named_lines(_STEAK, said) == [("Steak", ["Medium", "Peppercorn"], None)]
    temperature = [option("Rare"), option("Medium"), option("Medium Well"), option("Well Done", aliases=["well"])]
    steak = menu(item("Steak", group("Temperature", temperature, least=1), group("Sauce", [option("Peppercorn")])))
    state = cart.new_cart(b"notother", steak.restaurant_id, NOW)
    _, output = add_to_order.handler(state, {"items": [{"item": said}]}, ToolContext(steak, NOW))
    assert not output["added"] and output["not_added"]


def test_the_demo_menu_example() -> None:
    demo = load_menu(ROOT / "app/menus/demo-burger.json")
    assert named_lines(demo, "one cheeseburger not medium, well done with american") == [
        ("Cheeseburger", ["American", "Well Done"], None)
    ]
