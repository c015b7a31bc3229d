"""Kinds blind11 asked about needlessly (issue #23, round 14): each on a small menu built here, and its
examples read on the corpus menus through the voice tool."""

from __future__ import annotations

import pytest

from app.errors import CartError
from tests.core.reading.menus import corpus_lines, counted_lines, group, item, menu, option


def _curries() -> object:
    levels = [option("Mild", aliases=["no spice", "level 0"]), *(option(f"Level {n}") for n in range(1, 6))]
    toppings = group("Toppings", [option("Prawns", max_quantity=3), option("Cheese", max_quantity=2)], most=4)
    rice = group("Rice", [option("Small Rice", aliases=["200 grams"]), option("Regular Rice", default=True)], 1)
    return menu(item("Beef Stew", group("Heat Level", levels, least=1), rice, toppings))


def test_a_count_before_extra_counts_the_choice_never_a_level() -> None:
    """ "level 3 with two extra prawns": Prawns twice, never the "two" read as a second level (asked)."""
    got = counted_lines(_curries(), "beef stew level 3 with two extra prawns")
    assert got == [("Beef Stew", 1, ["Level 3", "Prawns", "Prawns", "Regular Rice"])]


def test_not_spicy_is_the_heat_level_an_alias_calls_no_spice() -> None:
    """A heat scale numbered from 1 whose Mild is said "no spice" by an alias: "not spicy" is Mild too."""
    assert counted_lines(_curries(), "beef stew, not spicy") == [("Beef Stew", 1, ["Mild", "Regular Rice"])]


def test_how_hungry_the_speaker_is_is_no_order() -> None:
    """ "…, I'm not that hungry", "we're starving": about the customer, never a word to ask about."""
    m = _curries()
    got = counted_lines(m, "beef stew level 3, and make it 200 grams, I'm not that hungry")
    assert got == [("Beef Stew", 1, ["Level 3", "Small Rice"])]
    assert counted_lines(m, "beef stew level 2, we're starving") == [("Beef Stew", 1, ["Level 2", "Regular Rice"])]


def _ventanita() -> object:
    sugar = group("Sugar", [option("Regular Sugar", default=True), option("No Sugar", aliases=["sin azucar"])], 1)
    cups = group("Cups", [option("2 Cups", aliases=["dos vasitos"]), option("6 Cups", aliases=["seis vasitos"])], 1)
    spread = [option("Butter", aliases=["mantequilla", "con mantequilla"]), option("Cheese", aliases=["queso"])]
    return menu(
        item("Toast", group("Spread", spread, most=2), aliases=["tostada", "pan con mantequilla"]),
        item("Colada", sugar, cups),
        item("Milk Coffee", sugar, aliases=["colada con leche"]),
        item("Coffee And Toast", group("Spread", spread, most=2), sugar, aliases=["cafe con tostada"]),
        item("Cafecito", sugar),
    )


def test_con_before_a_choice_also_said_alone_is_with() -> None:
    """ "con mantequilla" where Butter is also "mantequilla": "con" is "with", never the menu's word (so
    never the Coffee And Toast holding that alias too); "colada con seis vasitos" beside an alias "colada con
    leche" of another item: the Colada with six cups."""
    m = _ventanita()
    assert counted_lines(m, "una tostada con mantequilla") == [("Toast", 1, ["Butter"])]
    assert counted_lines(m, "colada con seis vasitos") == [("Colada", 1, ["6 Cups", "Regular Sugar"])]
    assert counted_lines(m, "colada con leche") == [("Milk Coffee", 1, ["Regular Sugar"])]


def test_the_part_of_an_earlier_items_name_adds_to_that_line() -> None:
    """ "coffee and toast, no sugar, and the toast with cheese": the toast of the Coffee And Toast said before
    ("the"), never a second item the word names alone (a Toast)."""
    got = counted_lines(_ventanita(), "coffee and toast, no sugar, and the toast with cheese")
    assert got == [("Coffee And Toast", 1, ["Cheese", "No Sugar"])]


def test_a_spanish_count_correction() -> None:
    """ "un cafecito, no espérate, que sean dos": two."""
    assert counted_lines(_ventanita(), "un cafecito, no espérate, que sean dos") == [("Cafecito", 2, ["Regular Sugar"])]


def _dumplings() -> object:
    style = group("Style", [option("Steamed"), option("Chilli Dumpling", aliases=["c dumpling"])], least=1)
    sauce = group("Sauce", [option("Tomato Sauce", default=True), option("Spicy Sauce")])
    return menu(
        item("Pork Dumpling", style, sauce),
        item("Beef Dumpling", style, sauce),
        item("Pork Noodles", group("Heat", [option("Mild"), option("Hot")], least=1)),
    )


def test_the_head_noun_said_inside_a_choice_names_the_item() -> None:
    """ "pork c dumpling": Pork Dumpling, style Chilli Dumpling — the style's last word says the item's head
    noun, the rest of the name is said beside it (never "c" left unexplained, asked)."""
    got = counted_lines(_dumplings(), "two pork c dumpling")
    assert got == [("Pork Dumpling", 2, ["Chilli Dumpling", "Tomato Sauce"])]


def test_extra_and_the_first_word_of_a_choice_is_no_choice() -> None:
    """ "extra spicy" says how hot: never the Spicy Sauce (its head noun unsaid), so it is asked about."""
    try:
        got = counted_lines(_dumplings(), "pork dumpling steamed extra spicy")
    except CartError:
        return
    assert all("Spicy Sauce" not in names for _, _, names in got)


@pytest.mark.parametrize(
    ("menu_id", "said", "want"),
    [
        (
            "japanese-curry",
            "shrimp curry level 3 with two extra shrimp",
            [("Fried Shrimp Curry", 1, ("300g Regular", "Fried Shrimp", "Fried Shrimp", "Level 3", "Pork Sauce"))],
        ),
        (
            "japanese-curry",
            "chicken katsu curry, not spicy",
            [("Chicken Katsu Curry", 1, ("300g Regular", "Mild", "Pork Sauce"))],
        ),
        (
            "japanese-curry",
            "katsu curry level 3, and make it 200 grams, I'm not that hungry",
            [("Pork Katsu Curry", 1, ("200g Small", "Level 3", "Pork Sauce"))],
        ),
        ("cuban-ventanita", "una tostada con mantequilla", [("Tostada Cubana", 1, ("Butter",))]),
        ("cuban-ventanita", "tostada con queso", [("Tostada Cubana", 1, ("Butter", "Cheese"))]),
        (
            "cuban-ventanita",
            "pan con bistec con queso",
            [("Pan con Bistec", 1, ("Grilled Onions", "Lettuce", "Potato Sticks", "Swiss Cheese", "Tomato"))],
        ),
        ("cuban-ventanita", "colada con seis vasitos", [("Colada", 1, ("6 Cups", "Regular Sugar"))]),
        ("cuban-ventanita", "un cafecito, no espérate, que sean dos", [("Cafecito", 2, ("Regular Sugar",))]),
        (
            "nepali-momo",
            "two chicken c-momo twelve pieces",
            [("Chicken Momo", 2, ("12 Pieces", "C-Momo", "Tomato Achar"))],
        ),
    ],
)
def test_blind11_examples(menu_id: str, said: str, want: list[tuple[str, int, tuple[str, ...]]]) -> None:
    assert corpus_lines(menu_id, said) == sorted((n, q, tuple(sorted(o))) for n, q, o in want)
