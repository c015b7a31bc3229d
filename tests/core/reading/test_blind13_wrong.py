"""Kinds blind13 read silently wrong (issue #23): each on a small menu built here, and its corpus case read
through the voice tool."""

from __future__ import annotations

import pytest

from tests.core.reading.menus import corpus_outcome, group, item, menu, noted_lines, option


def _drink(name: str) -> dict[str, object]:
    milk = group(
        "Milk",
        [
            option("Condensed Milk", default=True),
            option("No Milk", aliases=["o", "coffee o", "tea o"]),
        ],
        least=1,
    )
    sugar = group("Sugar", [option("Normal Sugar", default=True), option("No Sugar", aliases=["kosong"])], least=1)
    strength = group("Strength", [option("Normal Strength", default=True), option("Strong")], least=1)
    return item(name, milk, sugar, strength, aliases=[name.lower()])


def test_another_items_name_starting_a_single_one_is_that_item() -> None:
    """ "two coffee strong, one tea o kosong": the Tea's own name starts the single one, so it is a Tea — never
    one of the two coffees with the No Milk alias "tea o" that the drinks' shared group holds (blind13
    chicken-rice)."""
    m = menu(_drink("Coffee"), _drink("Tea"))
    assert noted_lines(m, "two coffee strong, one tea o kosong") == [
        ("Coffee", 2, ["Condensed Milk", "Normal Sugar", "Strong"], ""),
        ("Tea", 1, ["No Milk", "No Sugar", "Normal Strength"], ""),
    ]


def test_a_single_one_said_as_a_choice_that_is_also_an_items_name_is_one_of_them() -> None:
    """ "two plates, one chicken one beef": "chicken" names the item Chicken too, but said alone it is a choice of
    the counted plates — one of each (blind13 west-african)."""
    protein = group("Protein", [option("Chicken"), option("Beef")], least=1)
    m = menu(item("Plate", protein, aliases=["plates"]), item("Chicken"))
    assert noted_lines(m, "two plates, one chicken one beef") == [
        ("Plate", 1, ["Chicken"], ""),
        ("Plate", 1, ["Beef"], ""),
    ]


def _combo() -> dict[str, object]:
    meats = [option(n, max_quantity=2) for n in ("Duck", "Pork", "Chicken")]
    return item("Double Plate", group("Meats", meats, least=2, most=2), aliases=["two meat", "two meat plate"])


def test_a_count_that_is_the_items_own_name_is_its_name() -> None:
    """ "two meat: pork and chicken": "two meat" is the plate's alias, never a count of two plates whose Meats
    were announced (blind13 chicken-rice); "2 two meat plates, …" still counts two."""
    m = menu(_combo())
    assert noted_lines(m, "two meat: pork and chicken") == [("Double Plate", 1, ["Chicken", "Pork"], "")]
    assert noted_lines(m, "2 two meat plates, pork and chicken") == [("Double Plate", 2, ["Chicken", "Pork"], "")]


def test_one_choice_added_with_never_fills_a_group_of_two() -> None:
    """ "two meat plate with duck": one meat named for a plate of two is one of them, the other asked — never
    duck twice; "with duck and duck" says both (blind13 cantonese-bbq)."""
    m = menu(_combo())
    assert noted_lines(m, "a two meat plate with duck") == [("Double Plate", 1, ["Duck"], "")]  # Meats: one to ask
    assert noted_lines(m, "a two meat plate with duck and duck") == [("Double Plate", 1, ["Duck", "Duck"], "")]


def test_a_side_the_plate_comes_with_said_again_is_a_line() -> None:
    """ "rice with fish, and a side of plantain": the plate already comes with Plantain (a default of its Sides),
    so "a side of plantain" is the item Plantain, a line of its own; a side the plate does not come with stays
    its side (blind13 west-african)."""
    sides = group("Sides", [option("Plantain", default=True), option("Salad")], most=3)
    protein = group("Protein", [option("Fish"), option("Beef")], least=1)
    m = menu(
        item("Rice Plate", protein, sides, aliases=["rice"]),
        item("Plantain", aliases=["side of plantain"]),
        item("Salad", aliases=["side of salad"]),
    )
    assert noted_lines(m, "rice with fish, and a side of plantain") == [
        ("Rice Plate", 1, ["Fish", "Plantain"], ""),
        ("Plantain", 1, [], ""),
    ]
    assert noted_lines(m, "rice with fish, and a side of salad") == [
        ("Rice Plate", 1, ["Fish", "Plantain", "Salad"], "")
    ]


@pytest.mark.parametrize(
    "said",
    [
        "two kopi gao, one teh o kosong",
        "two meat: roast pork and steamed chicken, thigh",
        "two item rice with duck",
        "jollof with fish, and a side of dodo",
        "gimme two jollof, one chicken one beef",
    ],
)
def test_blind13_wrong_lines_on_the_corpus(said: str) -> None:
    assert corpus_outcome("blind13", said) == "right"


def test_a_bare_name_the_menu_qualifies_for_two_items_is_asked() -> None:
    """ "a pabellón": the arepa is also called "pabellon arepa", the plate "pabellon plate" — the menu qualifies
    the name for each, so the bare name chooses neither and is asked (blind13 arepa-bar; it added the arepa).
    Said with its own word it is that one; a name only one item qualifies ("a taco" beside the Taco Combo) is
    its own item."""
    from app.core.reading.order import read_order
    from app.errors import ItemAmbiguous

    m = menu(
        item("Pabellon", aliases=["pabellon arepa"]),
        item("Pabellon Criollo", aliases=["pabellon plate"]),
        item("Taco"),
        item("Taco Combo", aliases=["taco meal"]),
    )
    (asked,) = read_order(m, "a pabellon")
    assert isinstance(asked, ItemAmbiguous)
    assert {c["name"] for c in asked.details["candidates"]} == {"Pabellon", "Pabellon Criollo"}
    assert noted_lines(m, "a pabellon arepa") == [("Pabellon", 1, [], "")]
    assert noted_lines(m, "a pabellon plate") == [("Pabellon Criollo", 1, [], "")]
    assert noted_lines(m, "a taco") == [("Taco", 1, [], "")]
    assert corpus_outcome("blind13", "a pabellón") == "right"
