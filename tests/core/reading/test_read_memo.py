"""The read memo: how an item reads some words is worked out once per read, and each caller gets its own copy."""

from __future__ import annotations

from app.core.reading.fit import item_fits
from app.core.reading.memo import read_memo, start_read
from app.core.reading.order import read_order
from tests.core.reading.menus import group, item, menu, named_lines, option

BURGERS = menu(
    item("Cheeseburger", group("Toppings", [option("Bacon"), option("Onions")], most=2)),
    item("Veggie Burger", group("Toppings", [option("Avocado"), option("Onions")], most=2)),
    item("Fries", group("Size", [option("Small"), option("Large")], least=1)),
)


def test_a_fit_changed_by_its_caller_leaves_the_next_answer_as_it_was() -> None:
    words = ("cheeseburger", "with", "bacon")
    cheeseburger = BURGERS.items[0]
    first = item_fits(BURGERS, cheeseburger, words)
    for fit in first:  # the reader sets a line's count on a fit it was handed (item.py)
        fit.quantity = 7
        fit.options = ()
    again = item_fits(BURGERS, cheeseburger, words)
    assert [(f.quantity, [o.name for o in f.options]) for f in again] != [(7, [])] * len(again)
    assert any("Bacon" in [o.name for o in f.options] for f in again)


def test_a_read_starts_with_no_answers_about_the_last_reads_words() -> None:
    read_order(BURGERS, "a veggie burger with avocado and a large fries")
    assert read_memo(BURGERS)  # the read asked how items read its words
    start_read(BURGERS)
    assert read_memo(BURGERS) == {}


def test_reads_in_any_order_say_what_each_says_alone() -> None:
    phrases = ["a cheeseburger with onions", "two veggie burgers, one with avocado", "small fries, no make it large"]
    alone = []
    for phrase in phrases:
        start_read(BURGERS)
        alone.append(named_lines(BURGERS, phrase))
    assert [named_lines(BURGERS, p) for p in reversed(phrases)] == list(reversed(alone))
    assert alone[0] == [("Cheeseburger", ["Onions"], None)]
