"""Levels said in words follow from a scale group's structure (issue #23: "levels on a scale").

The menus are built here, so the reading cannot lean on a word list written for one menu: the sugar
scale is percentages, the ice scale level words, the spice scale a bare "Spicy" with its neighbours.
"""

from __future__ import annotations

import pytest

from app.core.reading.levels import level_phrases
from app.core.reading.lines import said_lines
from app.errors import CartError
from tests.core.reading.menus import group, item, menu, option

SUGAR = group(
    "Sugar",
    [*(option(f"{n}% Sugar") for n in (0, 25, 50, 75)), option("100% Sugar", default=True)],
    least=1,
)
ICE = group(
    "Ice",
    [option("Regular Ice", default=True), option("Less Ice"), option("No Ice"), option("Extra Ice")],
    least=1,
)
SPICE = group("Spice Level", [option("Not Spicy"), option("Mild"), option("Spicy"), option("Extra Spicy")], least=1)
TEA = menu(item("Milk Tea", SUGAR, ICE), item("Popcorn Chicken", SPICE))


def _choices(text: str, modifiers: tuple[str, ...] = ()) -> list[str]:
    (line,) = said_lines(TEA, text, modifiers)
    return sorted(p.option.name for p in line.picks)


@pytest.mark.parametrize(
    ("said", "sugar", "ice"),
    [
        ("a milk tea half sweet light ice", "50% Sugar", "Less Ice"),  # "sweet" is how sugar is said
        ("milk tea quarter sugar, no ice", "25% Sugar", "No Ice"),
        ("a milk tea sugar free with easy ice", "0% Sugar", "Less Ice"),
        ("milk tea regular sugar extra ice", "100% Sugar", "Extra Ice"),
        ("milk tea 3/4 sugar", "75% Sugar", "Regular Ice"),
    ],
)
def test_a_level_said_in_words_is_the_option_at_that_level(said: str, sugar: str, ice: str) -> None:
    assert _choices(said) == sorted([sugar, ice])


def test_the_structured_form_reads_levels_too() -> None:
    assert _choices("milk tea", ("half sweet", "light ice")) == ["50% Sugar", "Less Ice"]


def test_a_little_is_the_neighbour_below_the_level_named() -> None:
    assert _choices("popcorn chicken just a little spicy") == ["Mild"]


def test_a_level_two_options_share_is_asked_never_guessed() -> None:
    """ "less sugar" is 25, 50 or 75 %: no phrase is given to any of them, so the customer is asked."""
    assert ("less", "sugar") not in [p for p, _ in level_phrases(TEA.items[0].modifier_groups[0])]
    with pytest.raises(CartError):
        said_lines(TEA, "a milk tea less sugar")


def test_a_group_that_is_no_scale_gets_no_level_words() -> None:
    toppings = menu(item("Bowl", group("Toppings", [option("Corn"), option("Mango")], most=2)))
    assert level_phrases(toppings.items[0].modifier_groups[0]) == []


RAMEN = menu(
    item("Shoyu Ramen", group("Spice Level", [option(f"Level {n}", default=n == 0) for n in range(6)], least=1)),
    item(
        "Vindaloo", group("Spice", [option(n) for n in ("Mild", "Medium", "Hot", "Extra Hot", "Indian Hot")], least=1)
    ),
    item("Bun Bo Hue", group("Spice Level", [option("Mild"), option("Medium", default=True), option("Extra Spicy")])),
)


@pytest.mark.parametrize(
    ("said", "level"),
    [
        ("a shoyu ramen spice level three", "Level 3"),
        ("shoyu ramen, a little spicy", "Level 1"),  # the first above none
        ("shoyu ramen, not spicy", "Level 0"),
        ("vindaloo, spice level four", "Extra Hot"),  # words in the menu's order, counted from 1
        ("vindaloo not too spicy", "Mild"),
    ],
)
def test_a_heat_scale_is_said_by_number_or_by_how_hot(said: str, level: str) -> None:
    (line,) = said_lines(RAMEN, said)
    assert [p.option.name for p in line.picks] == [level]


def test_a_little_spicy_where_the_heat_comes_at_a_default_is_asked() -> None:
    """Bun Bo Hue comes Medium: "a little spicy" may be Mild or the Medium it comes with."""
    with pytest.raises(CartError):
        said_lines(RAMEN, "bun bo hue", ("a little spicy",))
