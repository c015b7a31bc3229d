"""Kinds blind9 read silently wrong (issue #23): each on a small menu built here, and its corpus case read
through the voice tool."""

from __future__ import annotations

from typing import Any

import pytest

from app.core.reading.lines import said_lines
from app.errors import CartError
from tests.core.reading.menus import corpus_outcome, counted_lines, group, item, menu, named_lines, option


def _right(said: object) -> str:
    return corpus_outcome("blind9", said)


_BAKERY = menu(
    item("Rainbow Cookies (Dozen)", aliases=["rainbow cookies"]),
    item("Knots", description="Priced by the dozen."),
    item("Sfogliatelle", group("Size", [option("Mini"), option("Large")], least=1), aliases=["dozen sfogliatelle"]),
    item("Biscotti"),
)


def test_a_count_of_dozens_of_an_item_sold_by_the_dozen_is_that_many_orders() -> None:
    assert counted_lines(_BAKERY, "two dozen rainbow cookies") == [("Rainbow Cookies (Dozen)", 2, [])]
    assert counted_lines(_BAKERY, "three dozen knots") == [("Knots", 3, [])]
    assert counted_lines(_BAKERY, "two dozen mini sfogliatelle") == [("Sfogliatelle", 2, ["Mini"])]
    # pieces said as a whole number of dozens: that many dozens
    assert counted_lines(_BAKERY, "36 knots") == [("Knots", 3, [])]
    assert counted_lines(_BAKERY, "12 rainbow cookies") == [("Rainbow Cookies (Dozen)", 1, [])]
    # a count below a dozen stays a count of orders; one no whole number of dozens makes is asked
    assert counted_lines(_BAKERY, "two knots") == [("Knots", 2, [])]
    for said in ("30 knots", "half a dozen rainbow cookies"):
        with pytest.raises(CartError):
            said_lines(_BAKERY, said)
    # an item sold by the piece keeps its count
    assert counted_lines(_BAKERY, "two dozen biscotti") == [("Biscotti", 24, [])]


@pytest.mark.parametrize(
    "said", ["two dozen rainbow cookies", "two dozen mini cannoli with pistachio ends", "36 garlic knots"]
)
def test_blind9_dozens(said: str) -> None:
    assert _right(said) == "right"


_SIZES = group(
    "Size", [option("Cup", aliases=["cup of"]), option("Bowl", aliases=["bowl of"]), option("Bread Bowl")], least=1
)
_SIDE = group("Side", [option("Baguette", aliases=["bread"], default=True), option("Chips")])
_SOUPS = menu(item("Potato Soup", _SIZES, _SIDE), item("Lentil Soup", _SIZES, _SIDE))


def test_a_choice_named_whole_beats_a_shorter_ones_alias() -> None:
    # "bread bowl" is the Bread Bowl said whole, never "bread" (the side) and "bowl of" (the Bowl)
    assert counted_lines(_SOUPS, "a bread bowl of potato soup") == [("Potato Soup", 1, ["Baguette", "Bread Bowl"])]
    assert counted_lines(_SOUPS, "a bowl of lentil soup") == [("Lentil Soup", 1, ["Baguette", "Bowl"])]


_EXTRAS = group("Extras", [option("Extra Pork"), option("Extra Slaw")], most=2)
_HOT = group("Peppers", [option("Hot Peppers", aliases=["hot"]), option("Sweet Peppers", aliases=["sweet"])], most=2)
_SANDWICHES = menu(
    item("Double", _EXTRAS, _HOT, aliases=["double pork"]),
    item("Pork Roll", _EXTRAS, _HOT, aliases=["pork"]),
)


def test_a_word_of_the_items_own_name_is_never_its_extra() -> None:
    # "pork" said with the name makes its alias "double pork" (turned round): the item, never its Extra Pork
    # (whose "extra" was left unsaid)
    assert counted_lines(_SANDWICHES, "a pork double, sweet and hot") == [
        ("Double", 1, ["Hot Peppers", "Sweet Peppers"])
    ]
    assert counted_lines(_SANDWICHES, "a double with extra pork") == [("Double", 1, ["Extra Pork"])]


_TOPPINGS = group(
    "Toppings", [option("Relish", default=True), option("Mustard", default=True), option("Onions")], most=3
)
_STAND = menu(item("Hot Dog", _TOPPINGS), item("Sausage", _TOPPINGS, aliases=["polish"]))


def test_choices_said_on_an_item_said_before_change_its_line() -> None:
    # "on the hot dog" names the hot dog already said: its relish off, never a second hot dog
    assert counted_lines(_STAND, "a polish and a hot dog, no relish on the hot dog") == [
        ("Hot Dog", 1, ["Mustard"]),
        ("Sausage", 1, ["Mustard", "Relish"]),
    ]
    assert counted_lines(_STAND, "a hot dog and a polish, onions on the hot dog") == [
        ("Hot Dog", 1, ["Mustard", "Onions", "Relish"]),
        ("Sausage", 1, ["Mustard", "Relish"]),
    ]


_SAUCES = group("Sauce", [option("Brava", default=True), option("Alioli", default=True)], most=2)
_TAPAS = menu(item("Potatoes", _SAUCES, group("Size", [option("Tapa"), option("Racion")], least=1)))


def test_just_the_one_of_what_comes_with_it_takes_the_others_off() -> None:
    assert counted_lines(_TAPAS, "potatoes, racion, just the alioli") == [("Potatoes", 1, ["Alioli", "Racion"])]
    assert counted_lines(_TAPAS, "potatoes, tapa, just brava") == [("Potatoes", 1, ["Brava", "Tapa"])]


@pytest.mark.parametrize(
    "said",
    [
        "a bread bowl of baked potato soup and a frontega on ciabatta",
        "a beef combo, dipped, sweet and hot",
        "I want a polish and a hot dog, no relish on the hot dog",
        "bravas, media ración, just the alioli",
    ],
)
def test_blind9_said_whole_own_name_on_the_item_just_the(said: str) -> None:
    assert _right(said) == "right"


_DRESSING = group("Dressing", [option("Greek Dressing", aliases=["greek"]), option("Ranch")])
_PROTEIN = group("Add Protein", [option("Chicken")])
_SALADS = menu(
    item("Greek Salad", _DRESSING, _PROTEIN, aliases=["greek"]),
    item("Apple Salad with Chicken", _DRESSING),
)


def test_an_item_named_whole_beats_a_part_of_another_name_holding_its_choice() -> None:
    # "greek salad" is the Greek Salad said whole; "salad with chicken" only a part of the other's name, and the
    # chicken is the Greek Salad's choice: never the Apple Salad with the Greek Dressing
    assert counted_lines(_SALADS, "a greek salad with chicken") == [("Greek Salad", 1, ["Chicken"])]
    assert counted_lines(_SALADS, "an apple salad with chicken, ranch") == [("Apple Salad with Chicken", 1, ["Ranch"])]


def test_blind9_named_whole() -> None:
    assert _right("can I get a greek salad with chicken and an iced tea, large") == "right"


def _tray(name: str, **more: Any) -> dict[str, Any]:
    sizes = [
        {"id": "half", "name": "Half Tray", "price_cents": 500},
        {"id": "full", "name": "Full Tray", "price_cents": 900},
    ]
    made = item(name, variations=sizes, **more)
    del made["price_cents"]
    return made


_CATERING = menu(_tray("Baked Ziti", aliases=["tray of ziti", "ziti"]), _tray("Lasagna"))


def test_the_end_every_size_shares_names_none_of_them() -> None:
    # "tray" ends both Half Tray and Full Tray: which is left to be asked, never the Full Tray (whose "full" is no
    # lead, where "half" is)
    assert counted_lines(_CATERING, "a tray of ziti") == [("Baked Ziti", 1, [])]
    assert counted_lines(_CATERING, "a full tray of ziti") == [("Baked Ziti", 1, ["Full Tray"])]
    assert counted_lines(_CATERING, "lasagna, half tray") == [("Lasagna", 1, ["Half Tray"])]


def test_blind9_tray() -> None:
    assert _right("and a tray of ziti") == "right"


_DOSAS = menu(
    item(
        "Onion Dosa",
        group("Sides", [option("Sambar", default=True, max_quantity=3), option("Chutney", default=True)], most=4),
    ),
)


@pytest.mark.parametrize(
    ("text", "modifiers", "sambars"),
    [
        ("onion dosa", ("extra sambar", "extra sambar"), 3),  # blind9 dosa-house: each "extra" one more
        ("onion dosa extra sambar extra sambar", (), 3),
        ("onion dosa extra sambar", (), 2),
        ("onion dosa, sambar and extra sambar", (), 2),  # the sambar said is the one it comes with
    ],
)
def test_each_extra_of_what_comes_with_it_is_one_more(text: str, modifiers: tuple[str, ...], sambars: int) -> None:
    (line,) = named_lines(_DOSAS, text, modifiers)
    assert line[1].count("Sambar") == sambars


def test_blind9_extra_said_twice() -> None:
    assert _right({"item": "onion dosa", "modifiers": ["extra sambar", "extra sambar"]}) == "right"


_PICKS = menu(
    item(
        "Pick Two",
        group(
            "Picks",
            [
                option("Half Veggie", aliases=["veggie"], max_quantity=2),
                option("Cup of Chili", aliases=["chili"], max_quantity=2),
                option("Cup of Broccoli Cheddar", aliases=["broccoli cheddar"], max_quantity=2),
            ],
            least=2,
            most=2,
        ),
    ),
)


@pytest.mark.parametrize(
    "text",
    [
        "a pick two, half veggie and a cup of chili, no wait, make the chili a broccoli cheddar",  # blind9
        "pick two with half veggie and cup of chili, actually make the cup of chili a broccoli cheddar",
    ],
)
def test_make_the_choice_a_other_replaces_that_choice(text: str) -> None:
    """ "make the X a Y" after a take-back: Y in X's place on the line, the other pick kept (never both
    picks re-read from the correction)."""
    assert named_lines(_PICKS, text) == [("Pick Two", ["Cup of Broccoli Cheddar", "Half Veggie"], None)]


def test_a_pick_said_once_for_two_fills_one() -> None:
    """ "pick two with broccoli cheddar": the count ends the name, so nothing says both picks are it — one
    pick read, the other left to be asked (the cart's check of the group's least)."""
    assert named_lines(_PICKS, "pick two with broccoli cheddar") == [("Pick Two", ["Cup of Broccoli Cheddar"], None)]
    assert _right("pick two with broccoli cheddar") == "right"  # asked on the corpus menu, through the tool


_RAVAS = menu(
    item("Rava Dosa", group("Sides", [option("Sambar", default=True), option("Chutney", default=True)], most=2)),
    item("Onion Rava Dosa", group("Sides", [option("Sambar", default=True), option("Chutney", default=True)], most=2)),
)


def test_plain_in_a_correction_names_the_item_without_the_other_word() -> None:
    """ "onion rava dosa, no wait, plain rava dosa": the Rava Dosa (the one without onion), its sambar and
    chutney kept — "plain" says which item, not "nothing on it" (blind9 dosa-house)."""
    assert named_lines(_RAVAS, "an onion rava dosa, no wait, plain rava dosa") == [
        ("Rava Dosa", ["Chutney", "Sambar"], None)
    ]
    assert _right("rava dosa, onion rava, no no, just plain rava, with ghee") == "right"


_TRAYS = menu(
    item("Penne alla Vodka", group("Size", [option("Half Tray"), option("Full Tray")], least=1)),
    item(
        "Pasta Tray",
        group("Size", [option("Half Tray"), option("Full Tray")], least=1),
        group("Pasta", [option("Penne"), option("Rigatoni")], least=1),
        group("Sauce", [option("Marinara"), option("Pesto")], least=1),
    ),
    item("French Fries"),
    item("Burger Meal", group("Side", [option("Fries"), option("Salad")], least=1)),
)


def test_a_name_part_that_is_a_named_items_required_choice_is_asked() -> None:
    """ "a half tray of penne": the Penne alla Vodka by "penne", or the Pasta Tray ("tray" said) with its Penne —
    which is asked, never the first (blind9 catering-trays). "a large fries" stays the French Fries: the meal
    whose side is Fries is not named."""
    with pytest.raises(CartError):
        said_lines(_TRAYS, "a half tray of penne")
    assert named_lines(_TRAYS, "a half tray of penne alla vodka") == [("Penne alla Vodka", ["Half Tray"], None)]
    assert named_lines(_TRAYS, "fries") == [("French Fries", [], None)]
    assert _right("and a half tray of penne") != "wrong"
