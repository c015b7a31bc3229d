"""Spoken names → items and options: normalisation, phrases, ambiguity, and the labelled set (one reader:
what an add reads, :func:`read_order`, is what a lookup reads, :func:`named_item`)."""

from __future__ import annotations

import pytest

from app.core.menu import Menu
from app.core.reading.choice_names import find_options, resolve_option
from app.core.reading.item import Reading
from app.core.reading.lookup import named_item
from app.core.reading.order import read_order
from app.core.reading.spoken import normalize
from app.errors import ItemAmbiguous, ItemNotFound, ModifierInvalid
from bench.matching_accuracy import evaluate_case, load_cases, load_menus

CASES = load_cases()
MENUS = load_menus()


@pytest.mark.parametrize(
    ("said", "normal"),
    [
        ("Jalapeños!", "jalapeno"),
        ("Cheese-Burgers", "cheese burger"),
        ("kid's  meal", "kid meal"),
        ("French Fries", "french fry"),
        ("Chips & Guac", "chip and guac"),
    ],
)
def test_normalize_case_accents_punctuation_plurals(said: str, normal: str) -> None:
    assert normalize(said) == normal


@pytest.mark.parametrize(
    ("said", "quantity", "item"),
    [
        ("two large fries", 2, "French Fries"),
        ("2 cookies", 2, "Chocolate Chip Cookie"),
        ("a coke", 1, "Mexican Coke"),
        ("fries", None, "French Fries"),
    ],
)
def test_a_leading_count_is_the_quantity(demo_menu: Menu, said: str, quantity: int | None, item: str) -> None:
    (reading,) = read_order(demo_menu, said)
    assert isinstance(reading, Reading) and (reading.quantity, reading.item.name) == (quantity, item)


@pytest.mark.parametrize("said", ["", "!!", ":\x83", "日本", "—", "   "])
def test_a_phrase_with_no_word_in_it_is_item_not_found(demo_menu: Menu, said: str) -> None:
    """Found by schemathesis: text that normalises to nothing was an IndexError (a 500 from the tools)."""
    assert isinstance(read_order(demo_menu, said)[0], ItemNotFound)
    with pytest.raises(ItemNotFound):
        named_item(demo_menu, said)


def test_kids_meal_side_is_an_option_not_a_second_item(demo_menu: Menu) -> None:
    phrase = named_item(demo_menu, "kids meal with fries")
    assert phrase.item.id == "kids-burger-meal"
    assert [o.id for o in phrase.options] == ["kids-fries"]


def test_two_close_items_are_ambiguous_with_candidates(demo_menu: Menu) -> None:
    with pytest.raises(ItemAmbiguous) as caught:
        named_item(demo_menu, "chicken")
    names = {c["name"] for c in caught.value.details["candidates"]}
    assert names == {"Chicken Sandwich", "Spicy Chicken Sandwich", "Chicken Tenders"}


def test_unknown_item_is_not_found_with_close_suggestions(demo_menu: Menu) -> None:
    with pytest.raises(ItemNotFound) as caught:
        named_item(demo_menu, "deluxe seafood platter")
    assert caught.value.details["query"] == "deluxe seafood platter"
    with pytest.raises(ItemNotFound) as nothing:
        named_item(demo_menu, "sushi")
    assert nothing.value.details["suggestions"] == []


def test_item_ids_pass_through_untouched(uuid_menu: Menu) -> None:
    burrito = next(i for i in uuid_menu.items if i.name == "Burrito")
    assert named_item(uuid_menu, burrito.id).item is burrito
    (reading,) = read_order(uuid_menu, burrito.id)
    assert isinstance(reading, Reading) and reading.item is burrito


def test_resolve_option_by_alias_and_typo(demo_menu: Menu) -> None:
    burger = demo_menu.item("classic-burger")
    assert resolve_option(burger, "hold the pickles").id == "no-pickles"
    assert resolve_option(burger, "medium wel").id == "medium-well"
    with pytest.raises(ModifierInvalid) as caught:
        resolve_option(burger, "anchovies")
    assert {o["id"] for o in caught.value.details["options"]} == {o.id for o in burger.options}


def test_find_options_reads_several_in_one_breath(demo_menu: Menu) -> None:
    burger = demo_menu.item("classic-burger")
    assert [o.id for o in find_options(burger, "no onions and extra cheese")] == ["no-onions", "extra-cheese"]
    with pytest.raises(ModifierInvalid):  # "anchovies" is unexplained: refuse rather than half-apply
        find_options(burger, "no onions and anchovies")


@pytest.mark.parametrize("case", [c for c in CASES if c["split"] == "tuning"], ids=lambda c: c["phrase"])
def test_labelled_tuning_phrases(case: dict) -> None:
    result = evaluate_case(MENUS, case)
    assert result["got"] == result["want"]


def test_labelled_set_covers_both_menus_and_holdout_accuracy_floor() -> None:
    assert len(CASES) >= 60 and {c["menu"] for c in CASES} == set(MENUS)
    holdout = [evaluate_case(MENUS, c) for c in CASES if c["split"] == "holdout"]
    assert len(holdout) >= 30
    assert sum(r["exact"] for r in holdout) / len(holdout) >= 0.9
