"""Silently wrong readings found by the session that tried to break the reader (issue #23): a choice or an
item picked from words that do not tell it apart. Each kind on a menu built here with only its shape."""

from __future__ import annotations

import pytest

from app.core.reading.lines import said_lines
from app.errors import CartError, QuantityInvalid
from tests.core.reading.menus import group, item, menu, option

_CHEESE = group("Cheese", [option("American"), option("Cheddar")])

BURGERS = menu(
    item("Cheeseburger", _CHEESE),
    item("Double Cheeseburger", _CHEESE),
    item("Hot Dog"),
)

COFFEE = menu(
    item("Latte", group("Size", [option("Small"), option("Large")], least=1), group("Syrup", [option("Vanilla")])),
    item(
        "Chai Latte",
        group("Size", [option("Small"), option("Large")], least=1),
        group("Add", [option("Dirty")]),
        aliases=["chai"],
    ),
)


def _names(m: object, text: str) -> tuple[str, list[str]]:
    (line,) = said_lines(m, text)  # type: ignore[arg-type]
    return line.item.name, sorted(p.option.name for p in line.picks)


def test_a_multiplier_before_a_choice_is_never_a_word_of_another_items_name() -> None:
    """ "cheeseburger with double cheddar" was the Double Cheeseburger: "double" says how much cheddar."""
    with pytest.raises(CartError):  # a Cheddar chosen once at most: "double" is asked about
        said_lines(BURGERS, "cheeseburger with double cheddar")
    assert _names(BURGERS, "a double cheeseburger with cheddar") == ("Double Cheeseburger", ["Cheddar"])
    assert _names(BURGERS, "cheeseburger with cheddar") == ("Cheeseburger", ["Cheddar"])


def test_a_choice_never_moves_the_order_to_another_item_sharing_the_name_said() -> None:
    """ "a large dirty latte" was the Chai Latte (its Dirty): the Latte is named whole; "dirty" is asked."""
    with pytest.raises(CartError):
        said_lines(COFFEE, "a large dirty latte")
    assert _names(COFFEE, "a large dirty chai") == ("Chai Latte", ["Dirty", "Large"])
    assert _names(COFFEE, "a large vanilla latte") == ("Latte", ["Large", "Vanilla"])


LEVELS = menu(
    item("Fries", group("Size", [option("Small"), option("Medium"), option("Large")], least=1)),
    item(
        "Burger",
        group("Doneness", [option("Medium Rare"), option("Medium"), option("Medium Well"), option("Well Done")]),
        group("Extras", [option("Bacon")], most=2),
    ),
    item("Latte", group("Syrup", [option("Vanilla"), option("Sugar Free Vanilla"), option("Caramel")], most=3)),
)


def _line(m: object, text: str) -> tuple[list[str], tuple[str, ...]]:
    (line,) = said_lines(m, text)  # type: ignore[arg-type]
    return sorted(p.option.name for p in line.picks), line.notes


def test_a_choice_said_after_not_too_is_never_that_choice() -> None:
    """ "not too well done" was Well Done ("done" alone read as it): the words are kept as said, never the
    choice they deny."""
    assert _line(LEVELS, "a burger not too well done") == ([], ("not too well done",))
    assert _line(LEVELS, "a burger well done") == (["Well Done"], ())


def test_a_choices_head_said_before_a_part_of_its_name_is_one_saying() -> None:
    """ "vanilla, sugar free" chose both Vanilla and Sugar-Free Vanilla: one saying, one choice."""
    assert _line(LEVELS, "a latte vanilla, sugar free") == (["Sugar Free Vanilla"], ())
    assert _line(LEVELS, "a latte vanilla and caramel") == (["Caramel", "Vanilla"], ())


def test_extra_before_a_size_the_menu_lacks_is_asked() -> None:
    """ "extra large fries" where no Extra Large is sold was the Large: "extra" is asked about."""
    with pytest.raises(CartError):
        said_lines(LEVELS, "extra large fries")
    assert _line(LEVELS, "a burger extra bacon") == (["Bacon"], ())


DINER = menu(
    item("Burger", group("Extras", [option("Extra Cheese"), option("Bacon")], most=2)),
    item("Bacon Burger"),
    item("Soda", group("Flavor", [option("Sprite"), option("Cola")], least=1)),
    item("Salad", group("Dressing", [option("Blue Cheese"), option("Ranch")])),
    item("Fries"),
)


def _all(text: str) -> list[tuple[str, list[str]]]:
    return [(line.item.name, sorted(p.option.name for p in line.picks)) for line in said_lines(DINER, text)]


def test_a_choice_after_the_second_item_goes_to_the_one_item_that_takes_it() -> None:
    """ "a burger and a sprite, extra cheese" added a third line (a Salad with Blue Cheese); "…, add bacon" a
    Bacon Burger: bare choices the last item does not take are the one earlier item's, never a new line."""
    assert _all("a burger and a sprite, extra cheese") == [("Burger", ["Extra Cheese"]), ("Soda", ["Sprite"])]
    assert _all("a burger and a sprite, add bacon") == [("Burger", ["Bacon"]), ("Soda", ["Sprite"])]
    assert _all("a burger and a sprite, add fries") == [("Burger", []), ("Soda", ["Sprite"]), ("Fries", [])]


SWEETS = menu(item("Chocolate Chip Cookie"), item("French Fries"), item("Pastry"))


def test_some_before_the_plural_of_a_thing_named_singular_asks_how_many() -> None:
    """ "some cookies" was one cookie: several are meant, how many is not said. "some fries" (the menu's own
    plural) stays one order; a count said answers it."""
    for said in ("some cookies", "can I get some pastries", "fries and some cookies"):
        with pytest.raises(QuantityInvalid):
            said_lines(SWEETS, said)
    assert [(line.item.name, line.quantity) for line in said_lines(SWEETS, "some fries")] == [("French Fries", None)]
    assert [line.quantity for line in said_lines(SWEETS, "some cookies, six of them")] == [6]
