"""Cutting a whole phrase into items (:mod:`app.core.reading.order`)."""

from __future__ import annotations

from app.core.reading.item import Reading
from app.core.reading.order import read_order
from tests.core.reading.menus import group, item, menu, option

DINER = menu(
    item("Patty Melt", group("Side", [option("Fries", default=True), option("Salad")], least=1)),
    item("Burger Meal", group("Side", [option("Fries"), option("Onion Rings")], least=1)),
    item("French Fries"),
    item("Soft Pretzel"),
    item("Donut", group("Count", [option("Single", default=True), option("Dozen")], least=1)),
)


def _lines(said: str) -> list[tuple[str, int | None, list[str]]]:
    out = []
    for reading in read_order(DINER, said):
        assert isinstance(reading, Reading), reading
        out.append((reading.item.name, reading.quantity, [o.name for o in reading.options]))
    return out


def test_and_a_named_item_after_an_answered_item_is_another_item() -> None:
    """Issue #23: "a patty melt and an order of fries" added only the melt, with fries as its side."""
    assert _lines("a patty melt and an order of fries") == [("Patty Melt", 1, []), ("French Fries", None, [])]
    assert _lines("a soft pretzel and a basket of fries") == [("Soft Pretzel", 1, []), ("French Fries", 1, [])]


def test_and_a_named_item_answering_an_open_choice_stays_that_choice() -> None:
    assert _lines("a burger meal and an order of fries") == [("Burger Meal", 1, ["Fries"])]


def test_a_serving_word_before_an_item_with_amounts_is_never_dropped() -> None:
    readings = read_order(DINER, "a soft pretzel and a box of donuts")
    assert not all(isinstance(r, Reading) for r in readings)  # asked about, never one single donut
    assert not any(isinstance(r, Reading) and r.item.name == "Donut" and r.quantity == 1 for r in readings)
