"""Words about the customer, not the food ("for my son", "for everyone", "to start", "after dinner"): the line as
said, never a question about them nor a note; another language's "I want" and "but" alike; and the menu's own
names said there still read as its names (issue #23, the seen splits' needless questions;
app/core/reading/about_the_customer.py, app/core/reading/languages.py)."""

from __future__ import annotations

import pytest

from app.core.reading.lines import said_lines
from app.errors import CartError
from tests.core.reading.menus import corpus_lines, counted_lines, group, item, menu, named_lines, option

_SIZE = group("Size", [option("Small"), option("Large")], least=1)
_POUR = group("Pour", [option("Glass", default=True), option("Bottle")], least=1)
_BAR = menu(
    item("Lemonade", _SIZE),
    item("Olives"),
    item("Port", _POUR),
    item("Kids Lemonade", category="Kids"),
    item("After Dinner Mint"),
)


def test_who_an_item_is_for_after_a_possessive_is_not_read() -> None:
    assert named_lines(_BAR, "a large lemonade for my son") == [("Lemonade", ["Large"], None)]
    assert named_lines(_BAR, "a small lemonade for our little brother") == [("Lemonade", ["Small"], None)]
    assert named_lines(_BAR, "olives for my wife and a large lemonade") == [
        ("Olives", [], None),
        ("Lemonade", ["Large"], None),
    ]


def test_everyone_is_who_it_is_for() -> None:
    assert named_lines(_BAR, "olives for everyone") == [("Olives", [], None)]


def test_when_it_is_wanted_is_not_read() -> None:
    assert named_lines(_BAR, "some olives to start") == [("Olives", [], None)]
    assert named_lines(_BAR, "olives to begin with") == [("Olives", [], None)]
    assert named_lines(_BAR, "a port after dinner") == [("Port", ["Glass"], None)]
    assert named_lines(_BAR, "a bottle of port after the meal") == [("Port", ["Bottle"], None)]


def test_a_name_the_menu_writes_is_still_its_name() -> None:
    # "after dinner mint" is an item: never dropped as when the port is wanted
    assert sorted(line[0] for line in named_lines(_BAR, "a port and an after dinner mint")) == [
        "After Dinner Mint",
        "Port",
    ]
    # "kids" is a category here: who it is for may say which item, so it is asked, never dropped
    with pytest.raises(CartError):
        said_lines(_BAR, "a small lemonade for my kids")


_FILLING = group("Filling", [option("Jamon"), option("Pollo")], least=1)
_ONION = group("Onion", [option("Zwiebeln", default=True)])
_TAPAS = menu(item("Croqueta", _FILLING), item("Doner", _ONION))


def test_another_languages_i_want_and_but_are_its_function_words() -> None:
    # "quiero", "ponme", "ich möchte" say "I want"; "pero", "aber" say "but": the customer's words, never the food's
    assert counted_lines(_TAPAS, "ponme seis croquetas de jamon") == [("Croqueta", 6, ["Jamon"])]
    assert counted_lines(_TAPAS, "quiero dos croquetas de pollo") == [("Croqueta", 2, ["Pollo"])]
    assert counted_lines(_TAPAS, "ich möchte einen Doner, aber ohne Zwiebeln") == [("Doner", 1, [])]


@pytest.mark.parametrize(
    ("menu_id", "said", "want"),
    [
        ("wine-bar", "just tap water for everyone", [("Water", 1, ("Tap",))]),
        ("wine-bar", "could I get a glass of the port after dinner", [("10 Year Tawny Port", 1, ("3 oz Pour",))]),
        ("tapas-bar", "some olives to start", [("Aceitunas", 1, ())]),
        ("tapas-bar", "ponme seis croquetas de jamón", [("Croqueta", 6, ("Jamón",))]),
    ],
)
def test_the_corpus_examples(menu_id: str, said: str, want: list[tuple[str, int, tuple[str, ...]]]) -> None:
    assert corpus_lines(menu_id, said) == sorted(want)
