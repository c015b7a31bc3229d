"""Kinds that were silently wrong when the customer said part of something: a negation over a list, counts
said as words that are no number, levels and names said partly (issue #23, the session that tried to break
the reader)."""

from __future__ import annotations

import pytest

from app.core.reading.lines import said_lines
from app.errors import CartError
from tests.core.reading.menus import group, item, menu, option


def _line(m: object, text: str, modifiers: tuple[str, ...] = ()) -> tuple[int | None, list[str], str | None]:
    (line,) = said_lines(m, text, modifiers)  # type: ignore[arg-type]
    names = sorted(p.option.name for p in line.picks) + ([line.variation.name] if line.variation else [])
    return line.quantity, sorted(names), "; ".join(line.notes) or None


_ON = ["Sausage", "Mushrooms", "Onions", "Olives"]
PIZZA = menu(
    item("Supreme", group("Toppings", [option(n, default=True) for n in _ON] + [option("Bacon")], most=6)),
    item(
        "Burger",
        group("Doneness", [option("Medium"), option("Well Done")], least=1),
        group("Remove", [option("No Onions"), option("No Pickles"), option("No Lettuce")], most=3),
        group("Extras", [option("Bacon")]),
    ),
    item("Onion Rings"),
)


@pytest.mark.parametrize(
    "said",
    [
        "a supreme without sausage and mushrooms",
        "a supreme no sausage and mushrooms",
        "a supreme hold the sausage and mushrooms",
        "a supreme hold the sausage, mushrooms",
        "a supreme minus the mushrooms, sausage",
    ],
)
def test_a_negation_takes_off_each_of_a_list_of_what_is_on(said: str) -> None:
    assert _line(PIZZA, said)[1] == ["Olives", "Onions"]


def test_a_bare_list_that_and_ends_is_one_negation() -> None:
    assert _line(PIZZA, "a supreme hold the onions mushrooms and sausage")[1] == ["Olives"]


def test_a_negation_ends_at_a_choice_that_is_not_on() -> None:
    assert _line(PIZZA, "a supreme no sausage and bacon")[1] == ["Bacon", "Mushrooms", "Olives", "Onions"]
    assert _line(PIZZA, "a medium burger no pickles and bacon")[1] == ["Bacon", "Medium", "No Pickles"]


@pytest.mark.parametrize(
    "said", ["a medium burger without onions and pickles", "a medium burger hold the pickles lettuce and onions"]
)
def test_a_negation_over_a_list_chooses_each_no_option(said: str) -> None:
    (line,) = said_lines(PIZZA, said)
    names = {p.option.name for p in line.picks}
    assert {"No Onions", "No Pickles"} <= names and "Bacon" not in names, names


SHOP = menu(
    item("Cookie"),
    item("Burger", group("Doneness", [option("Medium"), option("Well Done")], least=1)),
    item("Fries", group("Size", [option("Small"), option("Large")], least=1)),
)


@pytest.mark.parametrize("said", ["both cookies", "both of the cookies"])
def test_both_is_two(said: str) -> None:
    assert _line(SHOP, said)[0] == 2


def test_both_with_a_choice_after_is_two_of_that_choice() -> None:
    assert _line(SHOP, "both burgers medium")[:2] == (2, ["Medium"])


@pytest.mark.parametrize("said", ["to medium burgers", "for large fries", "a cookie and to large fries", "all cookies"])
def test_a_word_where_a_count_belongs_before_a_plural_is_asked(said: str) -> None:
    with pytest.raises(CartError):
        said_lines(SHOP, said)


@pytest.mark.parametrize("said", ["a cookie to go", "a cookie for my kid", "large fries for here"])
def test_to_and_for_that_say_how_or_who_are_no_count(said: str) -> None:
    assert _line(SHOP, said)[0] in (1, None)
