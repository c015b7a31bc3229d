"""A note never says something about a choice the menu offers: a removal, a repeat, or a question."""

from __future__ import annotations

import pytest

from app.core.reading.item import Reading
from app.core.reading.lines import said_lines
from app.core.reading.order import read_order
from app.errors import CartError
from tests.core.reading.menus import group, item, menu, option

TEA = menu(
    item("Milk Tea", group("Sugar", [option("0% Sugar"), option("50% Sugar"), option("100% Sugar", default=True)],
                           least=1),
         group("Ice", [option("Regular Ice", default=True), option("Less Ice"), option("Hot")], least=1)),
    item("Mocha", group("Topping", [option("Whipped Cream", default=True), option("Drizzle")])),
    item("Pancakes", group("Syrup", [option("Warm Syrup", default=True)], most=1),
         group("Extras", [option("Bananas"), option("Extra Bacon")], most=2)),
    item("Salad", group("Dressing", [option("House Vinaigrette", default=True), option("Ranch")]),
         group("Add", [option("Feta"), option("Balsamic")], most=2)),
)  # fmt: skip


def _one(said: str, *modifiers: str) -> Reading:
    (reading,) = read_order(TEA, said, modifiers)
    assert isinstance(reading, Reading), reading
    return reading


def test_no_x_takes_a_pre_chosen_x_off_never_a_note_beside_it() -> None:
    """Issue #23: "no whip" on a Mocha that comes with Whipped Cream; the kitchen got both before."""
    (line,) = said_lines(TEA, "a mocha, no whip")
    assert [p.option.name for p in line.picks] == [] and line.notes == ()


def test_no_and_a_groups_name_takes_its_pre_chosen_options_off() -> None:
    (line,) = said_lines(TEA, "a salad, no dressing, add feta")
    assert [p.option.name for p in line.picks] == ["Feta"] and line.notes == ()


def test_no_x_takes_off_every_pre_chosen_option_named_x() -> None:
    """ "no onions" on a bowl that comes with Sweet Onion and Green Onion: both off (each is named by the word),
    never the Onionette Rings the word only starts."""
    names = ("Sweet Onion", "Green Onion", "Onionette Rings", "Cucumber")
    comes = group("Comes With", [option(n, default=True) for n in names], most=4)
    (line,) = said_lines(menu(item("Bowl", comes)), "a bowl, no onions")
    assert [p.option.name for p in line.picks] == ["Onionette Rings", "Cucumber"] and line.notes == ()


@pytest.mark.parametrize("said", ["a milk tea less sugar", "a milk tea, not too sweet"])
def test_a_level_said_in_words_of_a_group_with_a_choice_on_is_asked(said: str) -> None:
    (asked,) = read_order(TEA, said)
    assert isinstance(asked, CartError) and asked.details.get("group_name") in ("Sugar", "Ice")


def test_more_of_what_is_on_is_said_back_never_dropped() -> None:
    (line,) = said_lines(TEA, "pancakes", ("bananas", "extra syrup"))
    assert "extra warm syrup" in line.notes or "extra syrup" in " ".join(line.notes)


def test_extra_names_the_option_that_starts_with_it() -> None:
    assert [o.name for o in _one("pancakes with extra bacon").options] == ["Extra Bacon"]


def test_on_the_side_says_what_is_on_the_side() -> None:
    reading = _one("a salad with feta and balsamic on the side")
    assert "balsamic on the side" in reading.notes
