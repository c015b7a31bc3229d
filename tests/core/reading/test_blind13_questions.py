"""Kinds blind13 asked about needlessly (issue #23, poboy-shop, arepa-bar and manakish-bakery): each on a small
menu built here, and its corpus cases read through the voice tool."""

from __future__ import annotations

from typing import Any

import pytest

from app.errors import CartError
from tests.core.reading.menus import corpus_outcome, group, item, menu, noted_lines, option

_read = noted_lines  # (item, count, sorted choices, notes) per line


def _on(name: str, **more: Any) -> dict[str, Any]:
    return option(name, default=True, **more)


_ROLLS = menu(
    item(
        "Crab Roll",
        group("Garnish", [_on("Slaw"), _on("Relish", aliases=["relishes"]), _on("Aioli")], most=3),
        group("Extras", [option("Capers"), option("Brown Mustard", aliases=["creole mustard"])], most=2),
        description="Garnished = slaw, relish and aioli. Say ungarnished for plain.",
    ),
    item("Chowder"),
)


def test_a_shorthand_negated_by_a_glued_prefix_is_none_of_it() -> None:
    """ "ungarnished" where the description says "Garnished = slaw, relish and aioli": none of what it lists, the
    defaults taken off — never a word left to ask about (blind13 poboy-shop "undressed")."""
    assert _read(_ROLLS, "a crab roll, ungarnished") == [("Crab Roll", 1, [], "")]
    assert _read(_ROLLS, "crab roll", ("ungarnished", "capers")) == [("Crab Roll", 1, ["Capers"], "")]
    assert _read(_ROLLS, "a crab roll, garnished") == [("Crab Roll", 1, ["Aioli", "Relish", "Slaw"], "")]


def test_a_choice_named_beside_the_shorthand_listing_it_is_one_choice() -> None:
    """ "garnished, extra relish": the Relish the shorthand lists and the one said are one choice (had once), so
    "extra" is more of it, a note — never the Relish twice, asked (blind13 poboy-shop "dressed … extra pickles")."""
    assert _read(_ROLLS, "a crab roll garnished but hold the slaw, extra relish") == [
        ("Crab Roll", 1, ["Aioli", "Relish"], "extra relish")
    ]


_TEA = menu(
    item(
        "Mint Tea",
        group(
            "Sweetness",
            [
                option("Bare", aliases=["no honey", "plain"]),
                option("Mid", aliases=["medium", "a little honey"]),
                option("Sweet", aliases=["honey", "sweetened"]),
            ],
            least=1,
        ),
    ),
    item("Sage Tea", group("Size", [option("Medium"), option("Large")], least=1)),
)


@pytest.mark.parametrize(("text", "modifiers"), [("mint tea, medium honey", ()), ("mint tea", ("medium honey",))])
def test_a_level_said_with_the_thing_it_measures_is_that_level(text: str, modifiers: tuple[str, ...]) -> None:
    """ "medium honey" where a one-choice group's names say "no honey", "a little honey", "honey": "honey" is
    what the group measures, so said after Mid's "medium" it is Mid — never Mid and Sweet, asked (blind13
    manakish-bakery "medium sugar")."""
    assert _read(_TEA, text, modifiers) == [("Mint Tea", 1, ["Mid"], "")]
    assert _read(_TEA, "mint tea, no honey") == [("Mint Tea", 1, ["Bare"], "")]


_WRAPS = menu(
    item(
        "Lamb Wrap",
        group(
            "Toppings",
            [_on("Peppers & Herbs", aliases=["peppers", "herbs"]), _on("Yogurt"), option("Chili Oil")],
            most=3,
        ),
    ),
    item(
        "Flatbread",
        group("Add-Ons", [option("Olives"), option("Mint"), option("Cucumber")], most=3),
        group("Style", [_on("Open"), option("Folded")], least=1),
    ),
)


@pytest.mark.parametrize("text", ["lamb wrap, hold the peppers and herbs", "lamb wrap, no peppers and herbs"])
def test_one_option_named_with_and_taken_off_is_taken_off_whole(text: str) -> None:
    """ "hold the peppers and herbs" where Peppers & Herbs is one option: it is taken off, never cut at its "and"
    with "herbs" read as added (blind13 manakish-bakery "hold the onions and parsley")."""
    assert _read(_WRAPS, text) == [("Lamb Wrap", 1, ["Yogurt"], "")]


def test_everything_then_the_list_is_that_list() -> None:
    """ "with everything, olives mint cucumber" of an item with no add-on that comes with it: the list said right
    after is what "everything" is (blind13 manakish-bakery); "everything" alone still asks."""
    assert _read(_WRAPS, "flatbread with everything, olives mint cucumber") == [
        ("Flatbread", 1, ["Cucumber", "Mint", "Olives", "Open"], "")
    ]
    with pytest.raises(CartError):
        _read(_WRAPS, "flatbread with everything")


_SALSAS = group("Salsa", [option("Verde"), option("Roja")], most=2)
_TACOS = menu(
    item("Al Pastor", _SALSAS, aliases=["pastor taco"], category="Tacos"),
    item("Suadero", _SALSAS, aliases=["beef taco"], category="Tacos"),
    item("Lengua", _SALSAS, category="Tacos"),
    item("Horchata", aliases=["rice drink"], category="Drinks"),
    item("Jamaica", aliases=["hibiscus drink"], category="Drinks"),
    item(
        "Tostada",
        group("Protein", [option("Chorizo"), option("Tinga")], least=1),
        category="Plates",
    ),
    item("Chorizo", aliases=["taco de chorizo"], category="Tacos"),
)


def test_of_before_a_name_said_whole_is_the_customers_word() -> None:
    """ "tostada de chorizo": "de" before Chorizo, a name said whole, is the customer's "of" — never the menu's
    "de chorizo" of the alias "taco de chorizo" (blind13 arepa-bar "patacón de pernil")."""
    assert _read(_TACOS, "tostada de chorizo") == [("Tostada", 1, ["Chorizo"], "")]
    assert _read(_TACOS, "taco de chorizo") == [("Chorizo", 1, [], "")]


@pytest.mark.parametrize(
    "said",
    [
        "a half half-and-half, undressed",
        {"item": "oyster po'boy", "modifiers": ["12 inch", "undressed"]},
        "a whole shrimp po'boy dressed but hold the lettuce, extra pickles",
        "patacón de pernil",
        "beef shawarma, hold the onions and parsley, extra tahini",
        "zaatar with everything, tomato mint olives cucumber",
        {"item": "arabic coffee", "modifiers": ["medium sugar"]},
    ],
)
def test_blind13_corpus_cases(said: object) -> None:
    assert corpus_outcome("blind13", said) == "right"
