"""Shorthand an item's description defines, said in the description's own words (issue #23, blind11 bodega-deli
and poutine-shop): "Regular = milk and two sugars", "'Everything' on it: lettuce, tomato, …", "All dressed (tout
garni): mustard, relish, …" — each kind on a small menu built here, and its corpus cases read through the voice
tool."""

from __future__ import annotations

from typing import Any

import pytest

from app.core.reading.lines import said_lines
from app.core.reading.shorthand import described_shorthand
from app.errors import CartError
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
_CART_ITEMS = (
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
_CART = menu(*_CART_ITEMS)


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


_DEFAULTS = group("Toppings", [option("Lettuce", default=True), option("Onions", default=True), option("Oil")], most=3)
_DELI = menu(item("Sub", _DEFAULTS, description="'Everything' on it: lettuce, onions, oil."), *_CART_ITEMS)


def test_a_shorthand_less_what_is_taken_off() -> None:
    """ "loaded, no onions": what the shorthand lists, less the one taken off — off the line, never a word left to
    ask about; one that comes with the item is taken off it too."""
    assert counted_lines(_CART, "a hoagie loaded no onions") == [
        ("Hoagie", 1, ["Lettuce", "Oil & Vinegar", "Salt & Pepper", "Tomato"])
    ]
    assert counted_lines(_DELI, "a sub everything no onions") == [("Sub", 1, ["Lettuce", "Oil"])]


_BOWL = menu(
    item(
        "Bowl",
        group("Gravy", [option("Brown Gravy", default=True), option("Pepper Gravy")], least=1),
        group("Extras", [option("Pickles"), option("Bacon")], most=2),
    )
)


def test_swap_to_a_choice_is_that_choice_in_place_of_the_groups() -> None:
    """ "swap to pepper gravy": the one choice of its group, now this one — never words left to ask about."""
    assert counted_lines(_BOWL, "a bowl, swap to pepper gravy") == [("Bowl", 1, ["Pepper Gravy"])]


def test_throw_some_on_there_says_put_it_on() -> None:
    """ "throw some pickles on there": the choice added, the words around it said loosely."""
    assert counted_lines(_BOWL, "a bowl, and throw some pickles on there") == [("Bowl", 1, ["Brown Gravy", "Pickles"])]


_GRAVY = group("Gravy", [option("Classic Gravy", default=True), option("Veg Gravy")], least=1)
_STAND = menu(
    item("Classic Bowl", _GRAVY),
    item("Veggie Bowl", _GRAVY),
    item("Dog", group("Style", [option("Steamed", aliases=["steamie"]), option("Grilled")], least=1)),
    item("Steamed Burger", aliases=["burger steamie"]),
)


def test_the_one_items_plain_first_word_names_it() -> None:
    """ "a classic": the first word of the one item whose name starts so, though a word like "classic" says little
    alone — no other item's name holds it (its Classic Gravy is a choice, named whole)."""
    assert counted_lines(_STAND, "two classics, veg gravy") == [("Classic Bowl", 2, ["Veg Gravy"])]


def test_the_end_of_an_alias_that_is_another_items_choice_names_that_choice() -> None:
    """ "a steamie": the Dog's style Steamed, never the Steamed Burger by the end of its alias "burger
    steamie" — its own name still names it."""
    assert counted_lines(_STAND, "a steamie") == [("Dog", 1, ["Steamed"])]
    assert counted_lines(_STAND, "a steamed burger") == [("Steamed Burger", 1, [])]


def test_who_the_customer_speaks_to_before_the_request_is_no_word_of_the_order() -> None:
    """ "papi lemme get …", "yo boss can I get …": a word or two before the request, none of them the menu's, are
    said to the counter; a menu word there is still read ("a bowl can I get" keeps the bowl)."""
    assert counted_lines(_BOWL, "papi lemme get a bowl with bacon") == [("Bowl", 1, ["Bacon", "Brown Gravy"])]
    assert counted_lines(_BOWL, "yo boss can I get a bowl") == [("Bowl", 1, ["Brown Gravy"])]
    with pytest.raises(CartError):
        said_lines(_BOWL, "zorbly bowl can I get")


_DRESS = group("Toppings", [option("Mustard"), option("Relish"), option("Lettuce"), option("Tomato")], most=4)
_DRESSED = menu(
    item("Dog", _DRESS, description="Dressed: mustard, relish. Loaded: lettuce."),
    item("Burger", _DRESS, description="Dressed: mustard, relish. Loaded: tomato."),
    item("Dog Combo", _DRESS, group("Drink", [option("Cola")], least=1), description="Two dogs and a drink."),
)


def test_a_shorthand_every_item_defines_alike_is_the_menus() -> None:
    """ "Dressed" written alike on the Dog and the Burger: the Dog Combo, named, whose options include all it
    lists, is those options too; a word items define otherwise ("Loaded") is no word of the menu, asked."""
    assert counted_lines(_DRESSED, "a dog combo dressed with a cola") == [
        ("Dog Combo", 1, ["Cola", "Mustard", "Relish"])
    ]
    with pytest.raises(CartError):
        said_lines(_DRESSED, "a dog combo loaded with a cola")


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
        {"item": "italian combo", "modifiers": ["half", "everything", "no onions"]},
        "three toasté all dressed, one of them no onions",
        "whole italian combo, everything on it, and throw some hot peppers on there",
        "large veggie, swap to peppercorn gravy",
        "large classic, extra curds, veggie gravy",
        "hot dog trio toasté all dressed with a coke",
        "papi lemme get a SEC on a hero no cheese with hot sauce",
        "yo boss lemme get two bacon egg and cheese on a roll salt pepper ketchup and a large coffee regular",
        "two regular classics and a large frite sauce",
        "a large classic, extra gravy, extra curds, and add bacon and green onions",
        "two large classics, extra curds on both",
        "ok so a large bacon poutine, a regular classic, and three steamés all dressed",
    ],
)
def test_the_corpus_shorthands(said: object) -> None:
    assert _right(said) == "right"
