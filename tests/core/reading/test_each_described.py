"""A count, then each unit described without "with" ("two large pies one pepperoni one sausage", "two sodas,
a coke and a sprite"): one line per unit, never one line carrying every choice nor more than were counted;
parts that do not add up are asked (issue #23, the black-box breaker's silently wrong lines)."""

from __future__ import annotations

import pytest

from app.core.reading.lines import said_lines
from app.errors import CartError
from tests.core.reading.menus import corpus_lines, counted_lines, group, item, menu, option


def _shop() -> object:
    size = group("Size", [option("Small"), option("Large")], least=1)
    milk = group("Milk", [option("Whole Milk", default=True), option("Oat Milk"), option("Almond Milk")], least=1)
    return menu(
        item("Pie", size, group("Toppings", [option("Pepperoni"), option("Sausage"), option("Mushrooms")], most=5)),
        item("Soda", group("Flavor", [option("Coke"), option("Sprite")], least=1), category="Drinks"),
        item("Latte", size, milk, category="Drinks"),
        item("Flat White", milk, category="Drinks"),
        item("Cookie", category="Sweets"),
    )


def test_one_a_one_b_after_a_count_is_one_line_each() -> None:
    """ "two large pies one pepperoni one sausage": a large pie of each, never two carrying both."""
    assert counted_lines(_shop(), "two large pies one pepperoni one sausage") == [
        ("Pie", 1, ["Large", "Pepperoni"]),
        ("Pie", 1, ["Large", "Sausage"]),
    ]


def test_a_a_and_a_b_after_a_count_is_one_line_each() -> None:
    """ "two sodas, a coke and a sprite" / "two large lattes, an oat and an almond": one of each of those
    counted, never a third drink nor another item the choice also fits (the Flat White)."""
    m = _shop()
    assert counted_lines(m, "two sodas, a coke and a sprite") == [("Soda", 1, ["Coke"]), ("Soda", 1, ["Sprite"])]
    assert counted_lines(m, "two large lattes, an oat and an almond") == [
        ("Latte", 1, ["Almond Milk", "Large"]),
        ("Latte", 1, ["Large", "Oat Milk"]),
    ]


def test_parts_not_adding_up_to_the_count_are_asked() -> None:
    """Three described for two counted: which is meant cannot be known — asked, nothing added."""
    m = _shop()
    for said in (
        "two sodas, a coke, a sprite and a coke",
        "two large pies one pepperoni one sausage one mushrooms",
        "two large pies, one pepperoni one sausage one mushrooms",
    ):
        with pytest.raises(CartError):
            said_lines(m, said)  # type: ignore[arg-type]


def test_items_said_with_an_article_after_a_count_stay_items() -> None:
    """ "two sodas, a cookie and a pie": items of their own, never choices of the sodas."""
    got = counted_lines(_shop(), "two coke sodas, a cookie and a large pie")
    assert ("Cookie", 1, []) in got and ("Pie", 1, ["Large"]) in got


@pytest.mark.parametrize(
    ("menu_id", "said", "want"),
    [
        (
            "pizzeria",
            "two large pies one pepperoni one sausage",
            [
                ("Cheese Pie", 1, ("Hand-Tossed", 'Large 18"', "Pepperoni", "Regular Cheese", "Regular Sauce")),
                ("Cheese Pie", 1, ("Hand-Tossed", 'Large 18"', "Regular Cheese", "Regular Sauce", "Sausage")),
            ],
        ),
        ("korean-chicken", "two sodas, a coke and a sprite", [("Soda", 1, ("Coke",)), ("Soda", 1, ("Sprite",))]),
        (
            "grind-coffee",
            "two large lattes, an oat and an almond",
            [("Latte", 1, ("Almond Milk", "Large")), ("Latte", 1, ("Large", "Oat Milk"))],
        ),
    ],
)
def test_corpus_each_described_after_a_count(menu_id: str, said: str, want: list[tuple[str, int, tuple]]) -> None:
    assert corpus_lines(menu_id, said) == want


def test_corpus_burritos_each_described_never_one_line_with_both() -> None:
    """The choices said after the ones (white rice, black beans) are for both: added on both, or asked."""
    got = corpus_lines("burrito-bar", "two burritos, a chicken and a steak, white rice black beans")
    assert got == ["ask"] or all(q == 1 for _, q, _ in got)
