"""Shorthand an item's description defines, said in the description's own words (issue #23, blind11 bodega-deli
and poutine-shop): "Regular = milk and two sugars", "'Everything' on it: lettuce, tomato, …", "All dressed (tout
garni): mustard, relish, …" — each kind on a small menu built here, and its corpus cases read through the voice
tool."""

from __future__ import annotations

from typing import Any

import pytest

from app.core.reading.shorthand import described_shorthand
from tests.core.reading.menus import corpus_outcome, counted_lines, group, item, menu, option


def _right(said: object) -> str:
    return corpus_outcome("blind11", said)


_SIZES = [{"id": s.lower(), "name": s, "price_cents": 200} for s in ("Small", "Large")]


def _sized(name: str, *groups: dict[str, Any], description: str) -> dict[str, Any]:
    shape = item(name, *groups, description=description, variations=_SIZES)
    del shape["price_cents"]
    return shape


_DAIRY = group("Dairy", [option("Milk"), option("Extra Milk", aliases=["heavy"]), option("Oat Milk")], most=2)
_SWEET = group("Sweetener", [option("Honey", aliases=["honeys"], max_quantity=4), option("Stevia")], most=4)
_TOPS = group(
    "Toppings",
    [option(n) for n in ("Lettuce", "Tomato", "Onions", "Salt & Pepper", "Oil & Vinegar", "Pickles", "Mustard")],
    most=7,
)
_CART = menu(
    _sized(
        "Tea",
        _DAIRY,
        _SWEET,
        description="Usual = milk and two honeys. Heavy and sweet = heavy (a lot of "
        "milk) and three honeys. Plain = no milk.",
    ),
    _sized("Matcha", _DAIRY, _SWEET, description="'The bee' means oat milk, honey x3."),
    item(
        "Hoagie",
        _TOPS,
        description="Sliced to order. 'Loaded' on it: lettuce, tomato, onions, salt & pepper, oil & vinegar.",
    ),
    item("Frank", _TOPS, description="Chicago-ish. Dragged (garden style): mustard, onions, pickles, tomato."),
    item("Wrap", _TOPS, description="Toppings: lettuce, tomato. No meat, no cheese: lettuce, pickles."),
    item("Roll", _TOPS, description="Garden (lettuce, tomato, onions)."),
)


def test_a_description_says_its_shorthand_in_its_own_words() -> None:
    """ "X = a and two Ys", "'X' on it: a, b, c", "X (Y): a, b", "'X' means a, b x3", "X (a, b, c)": the listed
    option names and aliases, joined by commas and "and", each as many times as its count says ("two", "3", "x3");
    a gloss in brackets beside a listed word is no word of the list."""
    assert counted_lines(_CART, "a large tea usual") == [("Tea", 1, ["Honey", "Honey", "Large", "Milk"])]
    assert counted_lines(_CART, "small tea heavy and sweet") == [
        ("Tea", 1, ["Extra Milk", "Honey", "Honey", "Honey", "Small"])
    ]
    assert counted_lines(_CART, "a small matcha the bee") == [
        ("Matcha", 1, ["Honey", "Honey", "Honey", "Oat Milk", "Small"])
    ]
    hoagie = ["Lettuce", "Oil & Vinegar", "Onions", "Salt & Pepper", "Tomato"]
    assert counted_lines(_CART, "a hoagie loaded") == [("Hoagie", 1, hoagie)]
    frank = ["Mustard", "Onions", "Pickles", "Tomato"]
    assert counted_lines(_CART, "two franks dragged") == [("Frank", 2, frank)]
    assert counted_lines(_CART, "a frank garden style") == [("Frank", 1, frank)]
    assert counted_lines(_CART, "a roll garden") == [("Roll", 1, ["Lettuce", "Onions", "Tomato"])]


def test_a_shorthand_for_no_addition_is_the_item_as_it_comes() -> None:
    """ "Plain = no milk" (milk no default): said of the item, nothing is added."""
    assert counted_lines(_CART, "a small tea plain") == [("Tea", 1, ["Small"])]


def test_a_heading_or_a_list_is_no_shorthand() -> None:
    """ "Toppings: lettuce, tomato" names a group, "No meat, no cheese: …" is a list said: neither is a word that
    says those options."""
    assert described_shorthand(_CART.items[4]) == ()


@pytest.mark.parametrize(
    "said",
    [
        "medium coffee light and sweet",
        "chopped cheese on a hero everything",
        {"item": "chopped cheese", "modifiers": ["hero", "everything"]},
        {"item": "coffee", "modifiers": ["medium", "light and sweet"]},
        "sausage egg n cheese on a roll over easy, and a medium iced coffee light and sweet",
        "large coffee black no sugar",
        "small coffee black",
        {"item": "coffee", "modifiers": ["small", "black"]},
        {"item": "iced coffee", "modifiers": ["large", "regular"]},
        "and a large regular",
        "lemme get a, um, turkey hero, half, with everything",
        "deux hot-dogs steamés all dressed",
        "a steamed hamburger all dressed with cheese",
        {"item": "hot dog", "modifiers": ["steamé", "all dressed"]},
    ],
)
def test_the_corpus_shorthands(said: object) -> None:
    assert _right(said) == "right"
