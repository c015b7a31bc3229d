"""Kinds the session that broke the reader (break10) found read silently wrong (issue #23): each on a small
menu built here, and its examples read on the corpus menus through the voice tool."""

from __future__ import annotations

from typing import Any

import pytest

from bench import matching
from tests.core.reading.menus import group, item, menu, named_lines, option

_lines = named_lines


def _voice(menu_id: str, said: object) -> Any:
    """What the voice tool adds for ``said`` on the corpus menu ``menu_id``: its lines or its question."""
    m = matching.all_menus()[menu_id]
    answer = matching.read_voice(m, {"said": said, "lines": [], "ask": []})
    return answer.lines or answer.asks


def _burgers() -> object:
    temp = group("Temperature", [option("Medium"), option("Well Done")], least=1)
    adds = group("Add-ons", [option("Bacon"), option("Avocado"), option("Fried Egg", aliases=["egg"])], most=3)
    comes = group("Comes With", [option("Onions", default=True), option("Pickles", default=True)], most=2)
    return menu(item("Classic Burger", temp, adds, comes))


def test_make_that_x_replaces_the_option_of_its_group_said_last() -> None:
    """ "with avocado, make that bacon" / "with an egg, make it bacon instead": the bacon only, never both."""
    m = _burgers()
    for said in ("a burger medium with avocado, make that bacon", "a burger medium with an egg, make it bacon instead"):
        assert _lines(m, said) == [("Classic Burger", ["Bacon", "Medium", "Onions", "Pickles"], None)]
    got = _lines(m, "a burger", ("medium", "avocado", "make that bacon"))
    assert got == [("Classic Burger", ["Bacon", "Medium", "Onions", "Pickles"], None)]
    got = _lines(m, "a burger", ("medium", "no onions", "actually no pickles"))
    assert got == [("Classic Burger", ["Medium", "Onions"], None)]


def test_never_mind_an_option_said_takes_it_off() -> None:
    """ "a burger with bacon, never mind the bacon": no bacon, never bacon and a note against it."""
    got = _lines(_burgers(), "a burger medium with bacon, never mind the bacon")
    assert got == [("Classic Burger", ["Medium", "Onions", "Pickles"], None)]


def test_a_take_back_replaces_the_option_sharing_its_name_and_just_keeps_the_defaults() -> None:
    """ "protein and chia, actually plant protein": the whey replaced, the chia kept; "spinach and kale,
    actually just kale": the spinach taken back, the blend's defaults stay."""
    blend = group("Blend", [option("Banana", default=True), option("Spinach"), option("Kale")], most=4)
    boosts = group(
        "Boosts", [option("Whey Protein", aliases=["protein"]), option("Plant Protein"), option("Chia")], most=3
    )
    m = menu(item("Smoothie", blend, boosts))
    got = _lines(m, "a smoothie with protein and chia, actually plant protein")
    assert got == [("Smoothie", ["Banana", "Chia", "Plant Protein"], None)]
    got = _lines(m, "a smoothie with spinach and kale, actually just kale")
    assert got == [("Smoothie", ["Banana", "Kale"], None)]


def test_a_list_said_again_replaces_the_list() -> None:
    """ "pepperoni and sausage, no wait, pepperoni and mushrooms": the sausage taken back."""
    toppings = group("Toppings", [option("Pepperoni"), option("Sausage"), option("Mushrooms")], most=3)
    m = menu(item("Cheese Pie", toppings))
    got = _lines(m, "a cheese pie with pepperoni and sausage, no wait, pepperoni and mushrooms")
    assert got == [("Cheese Pie", ["Mushrooms", "Pepperoni"], None)]


@pytest.mark.parametrize(
    ("menu_id", "said", "gone", "kept"),
    [
        ("demo-burger", "a burger medium with avocado, make that bacon", "Avocado", "Bacon"),
        ("demo-burger", "a burger medium with jalapenos, make that grilled onions", "Jalapenos", "Grilled Onions"),
        ("demo-burger", "a burger medium with an egg, make it bacon instead", "Fried Egg", "Bacon"),
        ("grind-coffee", "a medium latte with vanilla, make that caramel", "Vanilla", "Caramel"),
        (
            "demo-burger",
            {"item": "burger", "modifiers": ["medium", "jalapenos", "make that grilled onions"]},
            "Jalapenos",
            "Grilled Onions",
        ),
        (
            "demo-burger",
            {"item": "burger", "modifiers": ["medium", "no onions", "actually no pickles"]},
            "No Onions",
            "No Pickles",
        ),
        ("demo-burger", "a burger medium with bacon, never mind the bacon", "Bacon", "Medium"),
        ("bbq-smokehouse", "a brisket sandwich, no onions, no wait, no pickles", "Pickles", "Onions"),
        (
            "slice-house",
            "a large pie with pepperoni and sausage, no wait, pepperoni and mushrooms",
            "Sausage",
            "Mushrooms",
        ),
        (
            "smoothie-bar",
            "a medium strawberry banana with protein and chia, actually plant protein",
            "Whey Protein",
            "Chia Seeds",
        ),
        ("smoothie-bar", "a large strawberry banana with spinach and kale, actually just kale", "Spinach", "Banana"),
        ("drive-thru-express", "an express burger, no pickles, actually no onions", "Onions", "Pickles"),
        ("demo-burger", "a large fries with cheese, never mind the cheese", "Cheese Sauce", "Large"),
    ],
)
def test_break10_correction_is_read_right(menu_id: str, said: object, gone: str, kept: str) -> None:
    got = _voice(menu_id, said)
    assert len(got) == 1 and isinstance(got[0], tuple), got
    assert gone not in got[0][2] and kept in got[0][2] and not got[0][3], got
