"""Counts said as servings ("egg tarts, two orders", "two plates of lamb", "two of them") and counts of an item
sold per person ("sauce bar for two", "tea charge" + ["5 people"]): the line's count, never a question or another
item (issue #23, blind7's clear phrases asked), on menus built here and on the corpus examples."""

from __future__ import annotations

import pytest

from app.core.reading.lines import said_lines
from app.errors import CartError
from tests.core.reading.menus import corpus_lines, counted_lines, group, item, menu, option

_FILLINGS = group("Filling", [option("BBQ Pork"), option("Beef")], least=1)
_SAUCE = group("Sauce", [option("Sweet Soy Sauce", default=True)])
_TOFU = group("Style", [option("Fried Tofu Puffs"), option("Soft Tofu")], least=1)
_DIM_SUM = menu(
    item("Egg Tarts"),
    item("Rice Roll", _FILLINGS, _SAUCE),
    item("Tofu", _TOFU),
    item("Vegetable Platter", aliases=["veggie plate"]),
    item("Sliced Lamb"),
    item("Beef Tripe", aliases=["mao du"]),
    item("Tea Charge", description="Per person"),
    item("Sauce Bar", description="per person"),
)


def test_a_count_of_servings_said_after_the_item_is_its_count() -> None:
    assert counted_lines(_DIM_SUM, "egg tarts, two orders") == [("Egg Tarts", 2, [])]
    assert counted_lines(_DIM_SUM, "bbq pork rice roll, two of them, no sauce") == [("Rice Roll", 2, ["BBQ Pork"])]
    # never the Vegetable Platter that "plate" names: two plates of the tofu puffs (the silently wrong reading)
    assert counted_lines(_DIM_SUM, "fried tofu puffs, two plates") == [("Tofu", 2, ["Fried Tofu Puffs"])]


def test_a_count_of_servings_said_as_a_modifier_is_the_count() -> None:
    (line,) = said_lines(_DIM_SUM, "egg tarts", ("2 orders",))
    assert (line.item.name, line.quantity) == ("Egg Tarts", 2)


def test_plates_of_an_item_are_that_many_of_it() -> None:
    assert counted_lines(_DIM_SUM, "a plate of mao du") == [("Beef Tripe", 1, [])]
    assert counted_lines(_DIM_SUM, "three plates of lamb, two beef tripe") == [
        ("Beef Tripe", 2, []),
        ("Sliced Lamb", 3, []),
    ]


def test_a_count_of_people_is_the_count_of_an_item_sold_per_person() -> None:
    assert counted_lines(_DIM_SUM, "sauce bar for two") == [("Sauce Bar", 2, [])]
    assert counted_lines(_DIM_SUM, "tea charge for 3 people") == [("Tea Charge", 3, [])]
    (line,) = said_lines(_DIM_SUM, "tea charge", ("5 people",))
    assert (line.item.name, line.quantity) == ("Tea Charge", 5)


def test_people_never_count_an_item_sold_by_the_plate() -> None:
    with pytest.raises(CartError):
        said_lines(_DIM_SUM, "sliced lamb for two")
    with pytest.raises(CartError):
        said_lines(_DIM_SUM, "sliced lamb", ("2 people",))


@pytest.mark.parametrize(
    ("menu_id", "said", "want"),
    [
        ("dim-sum", "egg tarts, two orders", [("Egg Tarts", 2, ())]),
        ("dim-sum", "char siu cheung fun, two of them, no sauce", [("Cheung Fun", 2, ("BBQ Pork",))]),
        (
            "dim-sum",
            "a pot of guk bo and tea charge for three",
            [
                ("Pot of Tea", 1, ("Guk Bo",)),
                ("Tea Charge", 3, ()),
            ],
        ),
        ("hot-pot", "two plates of fei niu and one lamb", [("Sliced Fatty Beef", 2, ()), ("Sliced Lamb", 1, ())]),
        ("hot-pot", "a plate of fu zhu", [("Tofu Skin", 1, ())]),
        ("hot-pot", "sauce bar for two", [("Dipping Sauce Bar", 2, ())]),
        ("hot-pot", "fried tofu puffs, two plates", [("Tofu", 2, ("Fried Tofu Puffs",))]),
        (
            "cinema-concessions",
            "peanut m and ms and a box of sour patch kids",
            [("M&M's", 1, ("Peanut",)), ("Sour Patch Kids", 1, ())],
        ),
    ],
)
def test_the_corpus_examples(menu_id: str, said: str, want: list[tuple[str, int, tuple[str, ...]]]) -> None:
    assert corpus_lines(menu_id, said) == sorted(want)


_SIZES = [
    {"id": "small", "name": 'Small 12"', "price_cents": 1400, "aliases": ["small", "12 inch", "twelve inch"]},
    {"id": "large", "name": 'Large 18"', "price_cents": 2100, "aliases": ["large", "18 inch", "eighteen inch"]},
]
_CRUST = group("Crust", [option("Hand-Tossed", default=True), option("Thin Crust", aliases=["thin"])], least=1)
_CHEESE = group("Cheese", [option("Regular Cheese", default=True), option("Extra Cheese")], least=1)
_TOPPINGS = group("Toppings", [option("Pepperoni"), option("Sausage")], most=5)


def _pie(name: str, *groups: dict[str, object], **more: object) -> dict[str, object]:
    shape = item(name, *groups, **more)
    del shape["price_cents"]
    return shape | {"variations": _SIZES}


_PIES = menu(
    _pie("Cheese Pie", _CRUST, _CHEESE, _TOPPINGS, aliases=["pie", "plain pie"]),
    _pie("Meat Lovers Pie", _CRUST, _CHEESE, _TOPPINGS),
    _pie("White Pie", _CRUST, _TOPPINGS),
)


def test_an_item_named_by_its_size_alone_is_the_one_the_menu_calls_by_the_bare_noun() -> None:
    """ "an eighteen inch with pepperoni": every pie has the size; the Cheese Pie, which the menu calls "pie",
    is the one built from the choices said (its groups hold every other's); the others are named to be had."""
    assert counted_lines(_PIES, "an eighteen inch with pepperoni") == [
        ("Cheese Pie", 1, ["Hand-Tossed", 'Large 18"', "Pepperoni", "Regular Cheese"])
    ]
    assert counted_lines(_PIES, "a small thin crust with extra cheese") == [
        ("Cheese Pie", 1, ["Extra Cheese", 'Small 12"', "Thin Crust"])
    ]


def test_no_bare_noun_item_or_words_left_over_are_still_asked() -> None:
    no_plain = menu(_pie("Meat Lovers Pie", _CRUST, _TOPPINGS), _pie("White Pie", _CRUST, _TOPPINGS))
    with pytest.raises(CartError):
        said_lines(no_plain, "an eighteen inch with pepperoni")
    with pytest.raises(CartError):  # a word no choice explains: never settled on the plain pie
        said_lines(_PIES, "an eighteen inch with pepperoni and oregano")


@pytest.mark.parametrize(
    "said",
    [
        "a fourteen inch sausage and peppers, well done",
        "let me get a medium thin crust with light sauce and extra cheese",
        "an eighteen inch with double pepperoni and jalapenos, well done",
        "a large no sauce",
        "large with broccoli and ricotta",
    ],
)
def test_the_corpus_pies_named_by_size(said: str) -> None:
    assert {line[0] for line in corpus_lines("pizzeria", said)} == {"Cheese Pie"}


def test_a_serving_noun_a_name_also_has_is_still_how_it_is_served() -> None:
    """ "a box of sour patch kids" where a Kids Pack comes with a "juice box": the box is how the candy comes;
    where the words as said name an item whole ("a juice box") that item stays."""
    m = menu(item("Sour Patch Kids"), item("Kids Pack", aliases=["juice box"]))
    assert counted_lines(m, "a box of sour patch kids") == [("Sour Patch Kids", 1, [])]
    assert counted_lines(m, "a juice box") == [("Kids Pack", 1, [])]


def test_one_of_those_counted_named_by_the_counted_items_own_name_is_one_of_them() -> None:
    """ "three large pies, one plain, one pepperoni and one sausage": "plain" names the Cheese Pie ("plain pie"),
    the very pie counted — one of the three as it comes, never another line."""
    assert counted_lines(_PIES, "two large pies, one plain and one pepperoni") == [
        ("Cheese Pie", 1, ["Hand-Tossed", 'Large 18"', "Pepperoni", "Regular Cheese"]),
        ("Cheese Pie", 1, ["Hand-Tossed", 'Large 18"', "Regular Cheese"]),
    ]
    assert corpus_lines("pizzeria", "three large pies, one plain, one pepperoni and one sausage") == [
        ("Cheese Pie", 1, ("Hand-Tossed", 'Large 18"', "Pepperoni", "Regular Cheese", "Regular Sauce")),
        ("Cheese Pie", 1, ("Hand-Tossed", 'Large 18"', "Regular Cheese", "Regular Sauce")),
        ("Cheese Pie", 1, ("Hand-Tossed", 'Large 18"', "Regular Cheese", "Regular Sauce", "Sausage")),
    ]
