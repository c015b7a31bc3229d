"""Which item was said, and how many lines (issue #23, break10 kinds A and B): a wrong item rung up or a
line added or dropped is the worst reading; where the words do not tell, the question is asked."""

from __future__ import annotations

import pytest

from tests.core.reading.menus import corpus_lines, counted_lines, group, item, menu, option

Line = tuple[str, int, list[str]]


_lines = counted_lines
_corpus = corpus_lines


def _bagels() -> object:
    kind = [option("Plain"), option("Everything"), option("Sesame")]
    spreads = [option("Plain Cream Cheese", aliases=["cream cheese"]), option("Scallion Cream Cheese")]
    bagel = item("Bagel", group("Bagel Type", kind, least=1), group("Spread", spreads, most=2))
    lox_spread = [option("Plain Cream Cheese", default=True, aliases=["cream cheese"]), option("Scallion Cream Cheese")]
    lox = item("Lox & Cream Cheese", group("Bagel Type", kind, least=1), group("Spread", lox_spread, least=1))
    return menu(bagel, lox, item("Cream Cheese Tub"))


def test_a_choice_sharing_words_with_another_items_name_never_names_that_item() -> None:
    """ "an everything with cream cheese": the Bagel (named by its kind) with Plain Cream Cheese — never the
    Lox & Cream Cheese, whose name merely shares "cream cheese" while its own word "lox" was not said."""
    m = _bagels()
    assert _lines(m, "an everything with cream cheese") == [("Bagel", 1, ["Everything", "Plain Cream Cheese"])]
    assert _lines(m, "a sesame with scallion cream cheese") == [("Bagel", 1, ["Scallion Cream Cheese", "Sesame"])]
    assert _lines(m, "an everything lox and cream cheese")[0][0] == "Lox & Cream Cheese"


@pytest.mark.parametrize(
    "text",
    ["an everything with cream cheese", "a sesame with cream cheese", "an everything with scallion cream cheese"],
)
def test_corpus_bagel_with_cream_cheese_is_never_lox(text: str) -> None:
    got = _corpus("bagel-bakery", text)
    assert got == ["ask"] or [n for n, _, _ in got] == ["Bagel"], got  # type: ignore[misc]


def test_a_count_before_an_items_name_never_names_another_item_by_its_alias() -> None:
    """ "two tacos al pastor": two of the Taco — never the Taco Combo, aliased "two taco combo", whose
    drink would then take the pineapple said of the tacos."""
    meat = group("Meat", [option("Al Pastor", aliases=["pastor"]), option("Asada")], least=1)
    tops = group("Toppings", [option("Pineapple", aliases=["piña"]), option("Onion")], most=3)
    drink = group("Drink", [option("Horchata"), option("Jarritos Pineapple")], least=1)
    combo = item("Taco Combo", group("Meat", meat["options"], least=2, most=2), drink, aliases=["two taco combo"])
    m = menu(item("Taco", meat, tops), combo)
    assert _lines(m, "two tacos al pastor with pineapple") == [("Taco", 2, ["Al Pastor", "Pineapple"])]
    assert _lines(m, "a two taco combo, pastor and asada, horchata")[0][0] == "Taco Combo"


@pytest.mark.parametrize(
    "text", ["two tacos al pastor with pineapple", "dos tacos de pastor con piña", "two tacos, pastor, with piña"]
)
def test_corpus_two_tacos_are_never_the_combo(text: str) -> None:
    got = _corpus("taqueria", text)
    assert got == ["ask"] or [n for n, _, _ in got] == ["Taco"], got  # type: ignore[misc]
