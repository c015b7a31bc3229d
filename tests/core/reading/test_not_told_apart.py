"""Silently wrong readings found by the session that tried to break the reader (issue #23): a choice or an
item picked from words that do not tell it apart. Each kind on a menu built here with only its shape."""

from __future__ import annotations

import pytest

from app.core.reading.lines import said_lines
from app.errors import CartError
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
