"""One item read from the words: names said whole beat names pieced from options, slips of spelling."""

from __future__ import annotations

from app.core.reading.item import Reading
from app.core.reading.order import read_order
from tests.core.reading.menus import group, item, menu, option

DONENESS = group("Doneness", [option("Medium"), option("Well Done")], least=1)
BURGERS = menu(
    item("Classic Burger", DONENESS, group("Extras", [option("Extra Cheese", aliases=["double cheese"])], most=3),
         aliases=["burger"]),
    item("Double Cheeseburger", DONENESS, aliases=["double cheese burger"], price_cents=1299),
    item("Chocolate Shake"),
    item("Vanilla Shake"),
    item("Onion Rings"),
    item("Spicy Chicken Sandwich", group("Heat", [option("Mild"), option("Hot", aliases=["spicy"])], least=1),
         aliases=["spicy chicken"]),
)  # fmt: skip


def _read(said: str) -> Reading:
    (reading,) = read_order(BURGERS, said)
    assert isinstance(reading, Reading), reading
    return reading


def test_an_alias_holding_another_items_name_and_option_is_that_alias() -> None:
    """Issue #23: "double cheese burger" is the Double Cheeseburger's alias, never a Classic Burger + Extra Cheese."""
    reading = _read("double cheese burger medium")
    assert (reading.item.name, [o.name for o in reading.options]) == ("Double Cheeseburger", ["Medium"])
    other = _read("a burger medium with double cheese")  # the option is still the option when the name is another
    assert (other.item.name, [o.name for o in other.options]) == ("Classic Burger", ["Medium", "Extra Cheese"])


def test_a_name_one_letter_off_or_with_two_letters_swapped_is_that_name() -> None:
    assert _read("a choclate shake").item.name == "Chocolate Shake"
    assert _read("vanila shake").item.name == "Vanilla Shake"
    assert _read("oinon rings").item.name == "Onion Rings"


def test_two_words_the_menu_writes_as_one_are_its_word() -> None:
    cheese = menu(item("Cheeseburger"), item("Cheese Fries"))
    (reading,) = read_order(cheese, "a cheese burger")
    assert isinstance(reading, Reading) and reading.item.name == "Cheeseburger"


def test_an_alias_saying_a_word_of_the_items_own_kind_leaves_its_required_choice_open() -> None:
    """ "spicy chicken" names the sandwich; the heat is still asked, never taken from the name."""
    (reading,) = read_order(BURGERS, "spicy chicken")
    assert isinstance(reading, Reading) and reading.options == ()
