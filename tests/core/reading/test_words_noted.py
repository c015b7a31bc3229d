"""Words about a choice the reader reads as a note said back, or asks about — never a needless question
on a clear phrase (issue #23: questions on clear phrases), on menus built here with only the shape each
kind needs."""

from __future__ import annotations

import pytest

from app.core.reading.lines import said_lines
from app.errors import CartError
from tests.core.reading.menus import group, item, menu, option


def _line(m: object, text: str, modifiers: tuple[str, ...] = ()) -> tuple[str, list[str], str | None]:
    (line,) = said_lines(m, text, modifiers)  # type: ignore[arg-type]
    names = sorted(p.option.name for p in line.picks) + ([line.variation.name] if line.variation else [])
    return line.item.name, sorted(names), "; ".join(line.notes) or None


def test_less_of_a_choice_that_is_on_is_a_note_said_back() -> None:
    """ "light ponzu" (chosen), "light tahini" (pre-chosen): less of a choice the menu offers no level of
    is the choice with a note; on a scale ("light ice" where Ice has no Light level) it is asked."""
    sauce = group("Sauce", [option("Ponzu"), option("Shoyu"), option("Tahini", default=True)], most=3)
    ice = group("Ice", [option("Regular Ice", default=True), option("No Ice"), option("Extra Ice")], least=1)
    m = menu(item("Bowl", sauce), item("Tea", ice))
    assert _line(m, "a bowl with light ponzu") == ("Bowl", ["Ponzu", "Tahini"], "light ponzu")
    assert _line(m, "a bowl, light tahini") == ("Bowl", ["Tahini"], "light tahini")
    with pytest.raises(CartError):
        said_lines(m, "a tea, light ice")


def test_more_of_what_its_description_says_it_comes_with_is_a_note_said_back() -> None:
    """ "extra grilled onions" on a melt described "with swiss and grilled onions" (a choice of another
    item, none of the melt's): a note said back. Words its own name or description does not say ("extra
    bacon", another item's choice) or another item's name ("extra fries" where Fries are sold) are asked."""
    melt = item("Patty Melt", group("Add-Ons", [option("Jalapenos")], most=1))
    melt["description"] = "Beef patty, Swiss and grilled onions on rye, served with fries"
    burger = item("Burger", group("Toppings", [option("Grilled Onions"), option("Bacon")], most=2))
    m = menu(melt, burger, item("Fries"))
    assert _line(m, "patty melt", ("jalapenos", "extra grilled onions")) == (
        "Patty Melt",
        ["Jalapenos"],
        "extra grilled onion",
    )
    for said in ("a patty melt with extra bacon", "a patty melt with extra fries"):
        with pytest.raises(CartError):
            said_lines(m, said)


def test_add_before_an_article_and_a_choice_is_that_choice() -> None:
    """ "and add a fried egg on top": "add" with an article before the choice said, as "add fried egg"."""
    m = menu(item("Fried Rice", group("Add-Ons", [option("Fried Egg"), option("Cashews")], most=2)))
    assert _line(m, "fried rice, and add a fried egg") == ("Fried Rice", ["Fried Egg"], None)
    assert _line(m, "fried rice and add the cashews") == ("Fried Rice", ["Cashews"], None)
