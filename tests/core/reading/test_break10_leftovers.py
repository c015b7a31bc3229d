"""Leftover kinds the session that broke the reader (break10) found read silently wrong (issue #23): each on
a small menu built here, and its examples read on the corpus menus through the voice tool."""

from __future__ import annotations

import pytest

from app.errors import CartError
from tests.core.reading.menus import corpus_lines, counted_lines, group, item, menu, option


def _bowls() -> object:
    noodles = group("Noodles", [option("Regular", default=True), option("Firm"), option("Soft")], least=1)
    toppings = group("Toppings", [option("Egg"), option("Corn")], most=2)
    return menu(item("Tonkotsu Ramen", noodles, toppings), item("Shoyu Ramen", noodles, toppings),
                item("Miso Ramen", noodles, toppings))  # fmt: skip


def test_the_item_said_before_with_a_choice_is_that_line() -> None:
    """ "a tonkotsu and a miso, the tonkotsu firm": the tonkotsu's noodles, never a third bowl; "both firm"
    is on both lines."""
    m = _bowls()
    got = counted_lines(m, "a tonkotsu and a shoyu, both firm, the shoyu with an egg")
    assert got == [("Shoyu Ramen", 1, ["Egg", "Firm"]), ("Tonkotsu Ramen", 1, ["Firm"])]
    got = counted_lines(m, "two tonkotsu and a miso, the miso with corn")
    assert got == [("Miso Ramen", 1, ["Corn", "Regular"]), ("Tonkotsu Ramen", 2, ["Regular"])]
    got = counted_lines(m, "a tonkotsu and a miso, the tonkotsu firm")
    assert got == [("Miso Ramen", 1, ["Regular"]), ("Tonkotsu Ramen", 1, ["Firm"])]


@pytest.mark.parametrize(
    ("menu_id", "said", "lines"),
    [
        ("ramen-shop", "a tonkotsu and a shoyu, both firm, the shoyu with an egg", 2),
        ("ramen-shop", "two tonkotsu and a miso, the miso with corn", 2),
        ("ramen-shop", "a tonkotsu and a miso, the tonkotsu firm", 2),
        ("taqueria", "a regular asada burrito and a chicken quesadilla, the quesadilla with guac", 2),
    ],
)
def test_the_item_said_before_on_the_corpus(menu_id: str, said: str, lines: int) -> None:
    """break10's back-references: as many lines as items said (or a question), never one more."""
    got = corpus_lines(menu_id, said)
    assert got == ["ask"] or len(got) == lines


def test_a_word_before_another_items_head_after_an_item_is_never_that_item() -> None:
    """ "a tonkotsu ramen, make it spicy" / "a tonkotsu ramen, spicy": "spicy" is a word of the Spicy Miso
    Ramen's name before its head, said of the tonkotsu — its choice, or asked; never the other bowl."""
    level = group("Spice Level", [option("Level 0", default=True), option("Level 2")], least=1)
    m = menu(item("Tonkotsu Ramen", level), item("Spicy Miso Ramen", level), item("Gyoza"))
    for said in ("a tonkotsu ramen, make it spicy", "a tonkotsu ramen, spicy"):
        with pytest.raises(CartError):
            counted_lines(m, said)
    assert counted_lines(m, "a tonkotsu ramen, gyoza") == [("Gyoza", 1, []), ("Tonkotsu Ramen", 1, ["Level 0"])]
    assert counted_lines(m, "a tonkotsu ramen, actually a spicy miso") == [("Spicy Miso Ramen", 1, ["Level 0"])]


@pytest.mark.parametrize("said", ["a tonkotsu ramen, make it spicy", "a shoyu ramen, spicy", "a tonkotsu ramen, spicy"])
def test_a_word_of_another_items_name_on_the_corpus(said: str) -> None:
    """break10: the bowl said, with its spice asked — never a Spicy Miso Ramen."""
    got = corpus_lines("ramen-shop", said)
    assert got == ["ask"] or all(name != "Spicy Miso Ramen" for name, _, _ in got)


def _dogs() -> object:
    toppings = group("Toppings", [option("Ketchup"), option("Relish")], most=2)
    return menu(
        item("Hot Dog", toppings, aliases=["chicago style hot dog", "chicago dog"], category="dogs"),
        item("Polish Sausage", toppings, aliases=["polish"], category="dogs"),
        item("Soda", category="drinks"),
    )


def test_one_named_as_the_counted_item_is_one_of_them() -> None:
    """ "two hot dogs, one with ketchup and one chicago style": the Hot Dog's own name is one of the two,
    never a third dog; "…, and one polish" (an item of the same kind) makes the two a total or not — asked."""
    m = _dogs()
    got = counted_lines(m, "two hot dogs, one with ketchup and one chicago style")
    assert got == [("Hot Dog", 1, []), ("Hot Dog", 1, ["Ketchup"])]
    with pytest.raises(CartError):
        counted_lines(m, "two hot dogs, one with ketchup and one polish")
    with pytest.raises(CartError):  # "chicago" placed nowhere on the line: asked, never a third dog
        counted_lines(m, "two hot dogs, one with ketchup and one chicago dog")
    got = counted_lines(m, "two hot dogs, one with ketchup and one with relish")
    assert got == [("Hot Dog", 1, ["Ketchup"]), ("Hot Dog", 1, ["Relish"])]


def test_one_named_as_the_counted_item_on_the_corpus() -> None:
    """break10: two dogs (or a question), never three."""
    got = corpus_lines("hot-dog-stand", "two hot dogs, one with ketchup and one chicago style")
    assert got == ["ask"] or sum(q for _, q, _ in got) == 2


def test_just_a_count_of_an_item_said_before_replaces_from_it_on() -> None:
    """ "a large latte and two muffins, actually just one muffin": the muffins' piece is the last, so only it
    changes (the latte stays); "a cookie and a brownie, actually just two cookies": from the cookie on, all
    is said again (tests/core/reading/test_corrections.py)."""
    m = menu(item("Latte", group("Size", [option("Large"), option("Small")], least=1)), item("Muffin"),
             item("Cookie"), item("Brownie"))  # fmt: skip
    got = counted_lines(m, "a large latte and two muffins, actually just one muffin")
    assert got == [("Latte", 1, ["Large"]), ("Muffin", 1, [])]
    assert counted_lines(m, "a cookie and a brownie, actually just two cookies") == [("Cookie", 2, [])]
    got = counted_lines(m, "a large latte, a cookie and a brownie, actually just two cookies")
    assert got == [("Cookie", 2, []), ("Latte", 1, ["Large"])]


def test_just_a_count_on_the_corpus() -> None:
    """break10: the latte kept, one muffin."""
    got = corpus_lines("grind-coffee", "a large latte and two muffins, actually just one muffin")
    assert got == ["ask"] or [(n, q) for n, q, _ in got] == [("Blueberry Muffin", 1), ("Latte", 1)]


def test_make_that_an_added_choice_of_another_group_is_asked() -> None:
    """ "a burger with american, make that bacon": Bacon (an added choice) after American of another group may
    replace it or come with it — asked, never both kept silently; a required group's choice is only added."""
    cheese = group("Cheese", [option("American"), option("Swiss")])
    adds = group("Add-ons", [option("Bacon"), option("Avocado")], most=2)
    temp = group("Temperature", [option("Medium"), option("Well Done")], least=1)
    m = menu(item("Classic Burger", temp, cheese, adds))
    for said in ("a burger medium with american, make that bacon", "a burger medium with bacon, actually swiss"):
        with pytest.raises(CartError):
            counted_lines(m, said)
    got = counted_lines(m, "a burger with american, make that medium")
    assert got == [("Classic Burger", 1, ["American", "Medium"])]
    got = counted_lines(m, "a burger medium with bacon, make that avocado")
    assert got == [("Classic Burger", 1, ["Avocado", "Medium"])]
