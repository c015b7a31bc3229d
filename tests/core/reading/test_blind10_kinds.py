"""Kinds blind10 (and the generated reads of its menus) read silently wrong (issue #23): each on a small menu
built here, and its corpus examples judged right through the voice tool."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import pytest

from app.core.menu import Menu
from app.core.reading.lines import said_lines
from bench import matching
from tests.core.reading.menus import group, item, menu, named_lines, option


@cache
def _cases() -> dict[str, dict[str, Any]]:
    return {json.dumps(c["said"]): c for c in matching.load_new_cases("blind10")}


def _judged(said: object) -> str:
    case = _cases()[json.dumps(said)]
    return matching.judge(case, matching.read_voice(matching.new_menu(case["menu"]), case))


def _plates() -> Menu:
    sauces = group(
        "Sauces",
        [option("Red Sauce", default=True), option("Chili Sauce"), option("Red Sauce on the Side")],
        most=3,
    )
    apart = group("Served Apart", [option("Gravy on the Side")])
    gravy = group("Gravy", [option("Gravy", default=True), option("Mushroom Gravy")])
    return menu(item("Lamb Plate", sauces, gravy, apart))


def test_an_option_on_the_side_replaces_the_default_it_serves_apart() -> None:
    """ "… red sauce on the side": the default Red Sauce is moved to the side, never kept beside it; in its
    own group or another ("gravy on the side" of a Gravy group's default Gravy); said or listed."""
    m = _plates()
    assert named_lines(m, "lamb plate, red sauce on the side") == [
        ("Lamb Plate", ["Gravy", "Red Sauce on the Side"], None)
    ]
    assert named_lines(m, "lamb plate gravy on the side") == [("Lamb Plate", ["Gravy on the Side", "Red Sauce"], None)]
    assert named_lines(m, "lamb plate", ("red sauce on the side", "chili sauce")) == [
        ("Lamb Plate", ["Chili Sauce", "Gravy", "Red Sauce on the Side"], None)
    ]


@pytest.mark.parametrize(
    "said",
    [
        "chicken over rice, white sauce on the side",
        {"item": "gyro over rice", "modifiers": ["white sauce on the side", "hot sauce on the side"]},
        "medium oxtail gravy on the side",
        {"item": "curry goat", "modifiers": ["medium", "rice and peas", "gravy on the side"]},
        {"item": "jerk chicken", "modifiers": ["large", "jerk sauce on the side", "dark meat"]},
    ],
)
def test_blind10_on_the_side(said: object) -> None:
    assert _judged(said) == "right"


def _combos() -> Menu:
    flavor = group("Flavor", [option("Vanilla"), option("Mango")], least=1)
    drink = group("Drink", [option("Cola"), option("Shake", modifier_groups=[flavor])], least=1)
    return menu(
        item("#2 Burger Combo", drink, aliases=["#2", "number 2"], category="Combos"),
        item("Shake", flavor, category="Drinks"),
    )


def test_a_number_before_an_item_name_counts_it_never_names_a_numbered_combo() -> None:
    """ "2 shakes" + ["vanilla"]: two Shakes, never the #2 combo with a shake (the number alone names the combo,
    the words after it name the Shake whole); "a number 2" with a shake stays the combo."""
    m = _combos()
    assert named_lines(m, "2 shakes", ("vanilla",)) == [("Shake", ["Vanilla"], None)]
    assert [x.quantity for x in said_lines(m, "2 shakes", ("vanilla",))] == [2]
    assert named_lines(m, "a number 2", ("shake", "mango")) == [("#2 Burger Combo", ["Shake"], None)]


def test_blind10_count_before_a_plural_name() -> None:
    assert _judged({"item": "2 shakes", "modifiers": ["strawberry"]}) == "right"
    got = matching.read_voice(
        matching.new_menu("burger-stand-secret"), {"said": {"item": "one shakes", "modifiers": ["strawberry"]}}
    )
    assert got.lines == [("Shake", 1, ("Strawberry",), "")]


def _packs() -> Menu:
    flavours = group("Flavours", [option("Glazed", max_quantity=4), option("Sprinkle", max_quantity=4)], most=4)
    toppings = group("Toppings", [option("Olives"), option("Peppers")], most=2)
    holes = item("Holes", flavours, variations=[
        {"id": "10", "name": "10 Pack", "price_cents": 300}, {"id": "20", "name": "20 Pack", "price_cents": 500}
    ])  # fmt: skip
    holes.pop("price_cents")
    return menu(holes, item("Flatbread", toppings), item("Brownie", category="Sweets"))


def test_a_split_of_a_packs_kinds_is_no_note_and_to_go_is_about_the_order() -> None:
    """ "20 holes, half glazed half sprinkle": the pack's kinds share its pieces, no note repeating them (a
    topping split still keeps its note: it covers half of one thing); "… a brownie to go": how the order is
    served, never a kitchen note on the brownie."""
    m = _packs()
    assert named_lines(m, "20 holes, half glazed half sprinkle") == [("Holes", ["20 Pack", "Glazed", "Sprinkle"], None)]
    assert named_lines(m, "a flatbread half olives half peppers") == [
        ("Flatbread", ["Olives", "Peppers"], "half olive half pepper")
    ]
    assert named_lines(m, "a flatbread with olives and a brownie to go") == [
        ("Flatbread", ["Olives"], None),
        ("Brownie", [], None),
    ]


@pytest.mark.parametrize(
    "said", ["20 timbits, half chocolate half birthday cake", "a lamb over rice and some baklava to go"]
)
def test_blind10_no_note_repeating_what_is_placed(said: str) -> None:
    assert _judged(said) == "right"
