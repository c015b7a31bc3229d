"""What is said after an item is said of that item (issue #23, kinds found by a session that tried to break
the reader): each silently added a line nobody asked for, or put a choice on the wrong line."""

from __future__ import annotations

import pytest

from app.core.menu import Menu
from app.core.reading.lines import said_lines
from app.errors import CartError
from tests.core.reading.menus import group, item, menu, option


def _lines(m: Menu, text: str, modifiers: tuple[str, ...] = ()) -> list[tuple[str, list[str]]]:
    return [
        (line.item.name, sorted(p.option.name for p in line.picks) + ([line.variation.name] if line.variation else []))
        for line in said_lines(m, text, modifiers)
    ]


def _asked(m: Menu, text: str, modifiers: tuple[str, ...] = ()) -> CartError:
    with pytest.raises(CartError) as asked:
        said_lines(m, text, modifiers)
    return asked.value


_DONENESS = group("Doneness", [option("Medium Rare"), option("Medium"), option("Well Done")], least=1)
SHOP = menu(
    item("Burger", _DONENESS, group("Extras", [option("Bacon"), option("Extra Cheese")], most=3)),
    item("Spicy Sandwich", group("Heat Level", [option("Mild"), option("Hot")], least=1)),
    item("Cookie", group("Warm It Up", [option("Warmed")])),
    item("Brownie", group("Add", [option("A La Mode")])),
    item("Veggie Burger", group("Bun", [option("Brioche Bun"), option("Gluten-Free Bun")], least=1)),
    item("Mozzarella Sticks", group("Dip", [option("Ranch"), option("Marinara")], least=1)),
    item("Soda", group("Flavor", [option("Cola"), option("Diet Cola")], least=1), category="drinks"),
)


@pytest.mark.parametrize(
    "said",
    [
        "medium burger, hot",
        "medium burger and mild",
        "medium burger, warmed",
        "medium burger, gluten free bun",
        "a medium burger, ranch",
        "a medium burger and ranch",
        "a medium burger with a side of ranch",
        "cookie, warmed, a la mode",
    ],
)
def test_a_bare_choice_after_an_item_is_never_another_item(said: str) -> None:
    """A piece of only choices, with no count or article of its own, is said of the item before it: asked
    when it is none of that item's choices — never the item whose choice it is."""
    asked = _asked(SHOP, said)
    assert asked.details.get("item") in ("Burger", "Cookie")


def test_a_bare_choice_of_the_item_before_is_taken() -> None:
    assert _lines(SHOP, "a medium burger, bacon") == [("Burger", ["Bacon", "Medium"])]
    assert _lines(SHOP, "a cookie, warmed") == [("Cookie", ["Warmed"])]


def test_a_choice_said_as_an_item_is_the_item_whose_choice_it_is() -> None:
    assert _lines(SHOP, "a medium burger and a diet cola") == [("Burger", ["Medium"]), ("Soda", ["Diet Cola"])]
    assert _lines(SHOP, "a diet cola") == [("Soda", ["Diet Cola"])]


def test_a_side_the_menu_sells_stays_an_item() -> None:
    sold = menu(item("Burger", _DONENESS), item("Ranch", price_cents=50), item("Pie"))
    assert _lines(sold, "a medium burger with a side of ranch") == [("Burger", ["Medium"]), ("Ranch", [])]
    assert _lines(sold, "a medium burger and a ranch") == [("Burger", ["Medium"]), ("Ranch", [])]


DRIVE_IN = menu(
    item("Burger", _DONENESS, group("Remove", [option("No Onions"), option("No Pickles")], most=2)),
    item("Cheeseburger", group("Remove", [option("No Onions")])),
    item(
        "Soda",
        group("Size", [option("Small"), option("Large")], least=1),
        group("Flavor", [option("Sprite")], least=1),
        group("Ice", [option("No Ice")]),
        category="drinks",
    ),
    item("Fries", group("Extras", [option("No Salt")]), category="sides"),
)


@pytest.mark.parametrize(
    ("said", "modifiers"),
    [
        ("a medium burger and a large sprite", ("no onions",)),
        ("a medium burger and a large sprite, no onions on the burger", ()),
        ("a medium burger and a large sprite, no onions", ()),
    ],
)
def test_a_choice_of_another_item_said_goes_to_that_item(said: str, modifiers: tuple[str, ...]) -> None:
    """A negated choice trailing an item that has no such thing, which exactly one other item said has, is
    that item's — never a note on the line that cannot have it."""
    assert _lines(DRIVE_IN, said, modifiers) == [("Burger", ["Medium", "No Onions"]), ("Soda", ["Large", "Sprite"])]


def test_no_ice_after_a_burger_is_the_drinks() -> None:
    assert _lines(DRIVE_IN, "a large sprite and a medium burger no ice") == [
        ("Soda", ["Large", "No Ice", "Sprite"]),
        ("Burger", ["Medium"]),
    ]
    assert _lines(DRIVE_IN, "fries and a large sprite, no salt") == [
        ("Fries", ["No Salt"]),
        ("Soda", ["Large", "Sprite"]),
    ]


def test_a_choice_several_other_items_have_is_asked() -> None:
    asked = _asked(DRIVE_IN, "a medium burger, a cheeseburger and a large sprite, no onions")
    assert {c["name"] for c in asked.details["candidates"]} >= {"Burger", "Cheeseburger"}


def _sized(name: str, *sizes: str, **more: object) -> dict[str, object]:
    shape = item(name, **more)
    del shape["price_cents"]
    return shape | {"variations": [{"id": s.lower(), "name": s, "price_cents": 300} for s in sizes]}


COUNTER = menu(
    _sized("Fries", "Small", "Medium", "Large"),
    item("Hot Wings", group("Heat", [option("Hot"), option("Mild")], least=1)),
)


@pytest.mark.parametrize(
    ("said", "modifiers", "variation"),
    [
        ("large fries", (), "small"),
        ("a large fries", ("medium",), None),
    ],
)
def test_two_sizes_said_for_one_line_are_asked(said: str, modifiers: tuple[str, ...], variation: str | None) -> None:
    """A one-choice group answered twice, differently, between the phrase and the split fields is asked —
    never one of them settled silently."""
    with pytest.raises(CartError):
        said_lines(COUNTER, said, modifiers, variation)


def test_the_same_size_said_twice_or_a_choice_the_name_says_is_no_second_answer() -> None:
    (line,) = said_lines(COUNTER, "large fries", (), "large")
    assert line.variation is not None and line.variation.name == "Large"
    (line,) = said_lines(COUNTER, "a large fries", ("large",))
    assert line.variation is not None and line.variation.name == "Large"
    assert _lines(COUNTER, "hot wings", ("mild",)) == [("Hot Wings", ["Mild"])]
