"""Nested choices in a combo, each placed under the option that holds it (issue #23): on a combo built here with
the drive-thru shape — a burger with its add-ons, a side with its size, a drink with its flavour and its size."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from app.core.cart.choices import Pick
from app.core.reading.item import Reading
from app.core.reading.lines import said_choices, said_lines
from app.core.reading.order import read_order
from app.errors import WordsNotUnderstood
from tests.core.reading.menus import group, item, menu, option


def _sizes(name: str) -> dict[str, object]:
    return group(name, [option("Medium", default=True), option("Large", price_cents=50)], least=1)


def _combo() -> object:
    add_ons = group("Burger Add-Ons", [option("Cheese"), option("Bacon")], most=2)
    burger = group(
        "Burger",
        [option("Express Burger", modifier_groups=[add_ons]), option("Double Cheeseburger", modifier_groups=[add_ons])],
        least=1,
    )
    side = group(
        "Side",
        [
            option("Fries", default=True, modifier_groups=[_sizes("Side Size")]),
            option("Onion Rings", modifier_groups=[_sizes("Side Size")]),
        ],
        least=1,
    )
    flavor = group("Flavor", [option("Coca-Cola", aliases=["coke"]), option("Sprite")], least=1)
    tea = group("Tea", [option("Sweet", default=True), option("Unsweetened")], least=1)
    drink = group(
        "Drink",
        [
            option("Soft Drink", modifier_groups=[flavor, _sizes("Drink Size")]),
            option("Iced Tea", modifier_groups=[tea, _sizes("Drink Size")]),
        ],
        least=1,
    )
    return menu(item("Burger Combo", burger, side, drink, aliases=["burger meal"]), item("Cookie"))


def _tree(picks: Iterable[Pick]) -> list[str]:
    """Each pick as "Name" or "Name[its picks]", in a fixed order."""
    return sorted(p.option.name + (f"[{', '.join(_tree(p.picks))}]" if p.picks else "") for p in picks)


def _said(text: str, modifiers: tuple[str, ...] = ()) -> list[str]:
    (line,) = said_lines(_combo(), text, modifiers)  # type: ignore[arg-type]
    return _tree(line.picks)


def test_a_large_coke_in_a_combo_is_the_drink_its_flavour_and_its_size() -> None:
    """The corpus's "a double cheeseburger combo with a large coke": Coca-Cola implies the Soft Drink that alone
    offers it; "large" is the size of what is named right after it, never the side's; the side's default stays."""
    assert _said("a double cheeseburger combo with a large coke") == [
        "Double Cheeseburger",
        "Fries[Medium]",
        "Soft Drink[Coca-Cola, Large]",
    ]
    assert _said("a burger combo with a coke") == ["Fries[Medium]", "Soft Drink[Coca-Cola, Medium]"]


def test_each_size_goes_to_what_it_is_said_with() -> None:
    assert _said("an express burger meal, large fries and a sprite") == [
        "Express Burger",
        "Fries[Large]",
        "Soft Drink[Medium, Sprite]",
    ]
    assert _said("burger combo", ("double cheeseburger", "large fries", "large coke")) == [
        "Double Cheeseburger",
        "Fries[Large]",
        "Soft Drink[Coca-Cola, Large]",
    ]
    assert _said("a burger combo, express burger with bacon, onion rings large, and an iced tea") == [
        "Express Burger[Bacon]",
        "Iced Tea[Medium, Sweet]",
        "Onion Rings[Large]",
    ]


def test_a_size_next_to_nothing_it_could_size_is_asked_about() -> None:
    """ "make it a large" could be the side's or the drink's: asked, naming the two, nothing added."""
    with pytest.raises(WordsNotUnderstood) as asked:
        said_lines(_combo(), "an express burger combo, make it a large, with a coke")  # type: ignore[arg-type]
    assert [o["name"] for o in asked.value.details["options"]] == ["Fries", "Soft Drink"]


def test_the_ids_a_reading_hands_on_name_the_same_places() -> None:
    """The voice tool adds a reading by its option ids: each nested id follows what holds it, so the two Larges
    land where they were said."""
    m = _combo()
    (reading,) = read_order(m, "burger combo", ("double cheeseburger", "large fries", "large coke"))  # type: ignore[arg-type]
    assert isinstance(reading, Reading)
    _, picks, _ = said_choices(m, reading.item, reading.choice_texts())  # type: ignore[arg-type]
    assert _tree(picks) == ["Double Cheeseburger", "Fries[Large]", "Soft Drink[Coca-Cola, Large]"]


def test_the_items_own_size_is_the_size_said_next_to_nothing_else() -> None:
    """A meal with its own size and a drink with one: "large" before the meal's name is the meal's, before the
    coke the drink's; the voice tool's ids land in the same places."""
    flavor = group("Flavor", [option("Coca-Cola", aliases=["coke"]), option("Sprite")], least=1)
    drink = group("Drink", [option("Soft Drink", modifier_groups=[flavor, _sizes("Drink Size")])], least=1)
    m = menu(item("Meal", _sizes("Meal Size"), drink))
    for text, placed in [
        ("a large meal with a medium coke", ["Large", "Soft Drink[Coca-Cola, Medium]"]),
        ("a meal with a large coke", ["Medium", "Soft Drink[Coca-Cola, Large]"]),
    ]:
        (line,) = said_lines(m, text)
        (reading,) = read_order(m, text)
        assert isinstance(reading, Reading)
        assert _tree(line.picks) == _tree(said_choices(m, reading.item, reading.choice_texts())[1]) == placed


def test_a_size_only_one_chosen_choice_offers_is_that_ones() -> None:
    """A combo whose side has no sizes: "large" can only be the drink's — the one chosen choice that offers a
    Large (the corpus's {"item": "dog combo", "modifiers": [..., "diet coke", "large"]}), never asked about; with
    no drink said nothing chosen offers it, so it is still asked."""
    flavor = group("Flavor", [option("Coca-Cola", aliases=["coke"]), option("Sprite")], least=1)
    drink = group(
        "Drink",
        [
            option("Soft Drink", modifier_groups=[flavor, _sizes("Drink Size")]),
            option("Lemonade", modifier_groups=[_sizes("Lemonade Size")]),
        ],
        least=1,
    )
    side = group("Side", [option("Fries", default=True), option("Onion Rings")], least=1)
    m = menu(item("Dog Combo", side, drink))
    (line,) = said_lines(m, "dog combo", ("coke", "large"))
    assert _tree(line.picks) == ["Fries", "Soft Drink[Coca-Cola, Large]"]
    with pytest.raises(WordsNotUnderstood):
        said_lines(m, "dog combo, large")
