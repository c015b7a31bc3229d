"""Spoken orders → cart lines: words normalised, several items split, every word accounted for.

Each kind of fault from issue #15 has a test here on the menus in ``tests/menus`` (the café, the
pizzeria and the combo menu were written for the labelled corpus), and the corpus itself is a
test: no utterance of either split may end silently wrong, on the voice path or the HTTP path.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from app.core.menu import Menu, load_menu
from app.core.reading.item import Reading
from app.core.reading.order import read_order
from app.core.reading.spoken import normalize
from app.errors import CartError, ItemAmbiguous, ItemNotFound, ModifierInvalid, WordsNotUnderstood
from bench import matching

MENUS = Path(__file__).resolve().parent.parent / "menus"


@cache
def menu(name: str) -> Menu:
    return load_menu(MENUS / f"{name}.json")


def lines(found: list[Reading | CartError]) -> list[tuple[int, str, list[str], tuple[str, ...]]]:
    """Readings as (quantity, item, sorted option and variation names, notes); a question fails the test."""
    problems = [r for r in found if isinstance(r, CartError)]
    assert not problems, problems
    out = []
    for r in found:
        assert isinstance(r, Reading)
        names = [o.name for o in r.options] + ([r.variation.name] if r.variation else [])
        out.append((r.quantity or 1, r.item.name, sorted(names), r.notes))
    return out


# --- normalisation: numbers, ordinals, units, money, dates -------------------------------------------------


@pytest.mark.parametrize(
    ("said", "menu_text"),
    [
        ("February 14th", "FEB 14"),
        ("14th of february", "FEB 14"),
        ("2/14", "FEB 14"),
        ("march seventh", "MAR 7"),
        ("two twelve ounce lemonades", "2 12 oz lemonade"),
        ("a six inch cake", 'a 6" cake'),
        ("six inches", '6"'),
        ("a twenty five dollar gift card", "a $25 gift card"),
        ("one hundred dollars", "$100"),
        ("12oz", "12 ounce"),
        ("Seven Up", "7 up"),
    ],
)
def test_spoken_and_written_forms_normalise_alike(said: str, menu_text: str) -> None:
    assert normalize(said) == normalize(menu_text)


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("two twelve ounce lemonades", [(2, "Lemonade", ["Small"], ())]),
        ("a sixteen ounce strawberry lemonade", [(1, "Lemonade", ["Medium", "Strawberry"], ())]),
    ],
)
def test_units_pick_the_size_on_the_demo_menu(demo_menu: Menu, said: str, expected: list) -> None:
    assert lines(read_order(demo_menu, said)) == expected


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("a six inch lemon cake", (1, "Lemon Drizzle Cake", ['6"'], ())),
        ("a twenty five dollar gift card", (1, "Gift Card", ["$25"], ())),
        ("the latte art workshop on February 14th", (1, "Latte Art Workshop", ["FEB 14"], ())),
        ("two latte art workshops on the 21st of february", (2, "Latte Art Workshop", ["FEB 21"], ())),
    ],
)
def test_inches_money_and_dates_match_their_options(said: str, expected: tuple) -> None:
    assert lines(read_order(menu("corner-cafe"), said)) == [expected]


# --- nothing said may vanish ---------------------------------------------------------------------------------


def test_a_restriction_the_menu_has_no_option_for_is_kept_as_a_note(demo_menu: Menu) -> None:
    assert lines(read_order(demo_menu, "a classic burger well done gluten free")) == [
        (1, "Classic Burger", ["Well Done"], ("gluten free",))
    ]


@pytest.mark.parametrize(
    ("said", "note"),
    [
        ("cheeseburger well done cheddar no sesame", "no sesame"),
        ("a burger medium without cheese", "without cheese"),
        ("burger medium with ranch on the side", "ranch on the side"),
        ("chicken burrito pinto beans mexican rice no sour cream", "no sour cream"),
    ],
)
def test_no_x_is_a_note_never_the_x_option(said: str, note: str, demo_menu: Menu, uuid_menu: Menu) -> None:
    found = read_order(demo_menu if "burrito" not in said else uuid_menu, said)
    (reading,) = found
    assert isinstance(reading, Reading) and note in reading.notes
    assert not any(o.name.lower() in ("sour cream", "extra cheese", "ranch") for o in reading.options)


def test_several_items_in_one_phrase_each_become_a_line_or_a_question(demo_menu: Menu) -> None:
    first, fries, coke = read_order(demo_menu, "a cheeseburger medium with cheddar and fries and a coke")
    assert isinstance(first, Reading) and (first.item.name, sorted(o.name for o in first.options)) == (
        "Cheeseburger",
        ["Cheddar", "Medium"],
    )
    assert isinstance(fries, Reading) and fries.item.name == "French Fries" and not fries.options  # size asked later
    assert isinstance(coke, Reading) and coke.item.name == "Mexican Coke"


def test_a_large_sprite_and_a_small_fries_are_two_lines(demo_menu: Menu) -> None:
    assert lines(read_order(demo_menu, "a large sprite and a small fries")) == [
        (1, "Fountain Soda", ["Large", "Lemon-Lime"], ()),
        (1, "French Fries", ["Small"], ()),
    ]


def test_words_that_fit_nothing_are_asked_about_not_dropped(demo_menu: Menu) -> None:
    (problem,) = read_order(menu("quickbite"), "a big stack with mayo")
    assert isinstance(problem, WordsNotUnderstood) and problem.details["words"] == "mayo"
    (shrimp,) = read_order(menu("uuid-taqueria"), "a shrimp taco")
    assert isinstance(shrimp, ItemNotFound)  # another item, not a taco with an unknown choice
    (extra,) = read_order(demo_menu, "cheeseburger", ("medium", "cheddar", "extra pickles"))
    assert isinstance(extra, ModifierInvalid) and "extra pickle" in extra.details["words"]


def test_a_wrong_size_asks_about_the_one_size_group() -> None:
    (problem,) = read_order(menu("corner-cafe"), "a large cappuccino")
    assert isinstance(problem, WordsNotUnderstood)
    assert problem.details["group_name"] == "Size"
    assert [o["name"] for o in problem.details["options"]] == ["Small", "Medium"]


# --- the food lexicon and distinctive words ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("menu_name", "said", "expected"),
    [
        ("quickbite", "a large coke", (1, "Soft Drink", ["Coca-Cola", "Large"], ())),
        ("quickbite", "a large fries", (1, "Belgian Fresh Homemade Fries", ["Large"], ())),
        ("quickbite", "a veggie", (1, "Veggie Wrap", [], ())),
        ("tonys-pizzeria", "a veggie pizza large", (1, "Pizza Vegetarian", ['Large 14"'], ())),
        ("tonys-pizzeria", "a twelve inch meatball sub", (1, "Meatball Parm Sandwich", ['12"'], ())),
        ("corner-cafe", "an avocado toast with a sunny side up egg", (1, "Avocado Toast", ["Fried Egg"], ())),
        ("corner-cafe", "a small cappuccino with skinny milk", (1, "Cappuccino", ["Skim Milk", "Small"], ())),
    ],
)
def test_everyday_names_reach_the_menu_item(menu_name: str, said: str, expected: tuple) -> None:
    assert lines(read_order(menu(menu_name), said)) == [expected]


def test_a_name_two_items_share_is_a_question() -> None:
    (problem,) = read_order(menu("tonys-pizzeria"), "a coke")  # the can or the 2 liter?
    assert isinstance(problem, ItemAmbiguous)
    assert {c["name"] for c in problem.details["candidates"]} == {"Canned Soda", "2 Liter Soda"}


# --- ranking on the whole phrase, longest option first -------------------------------------------------------


def test_the_choices_said_pick_the_item_they_fit() -> None:
    (reading,) = read_order(menu("quickbite"), "a matcha, normal size, rainbow sprinkles")
    assert isinstance(reading, Reading) and reading.item.name == "Soft Serve"  # the pint has no size or sprinkles
    assert sorted(o.name for o in reading.options) == ["Matcha", "Normal", "Rainbow Sprinkles"]


def test_the_longest_option_name_wins() -> None:
    said = "a matcha soft serve normal size in a waffle cone with rainbow sprinkles"
    (reading,) = lines(read_order(menu("quickbite"), said))
    assert reading[2] == ["Matcha", "Normal", "Rainbow Sprinkles", "Waffle Cone"]  # not Waffle Pieces + Cake Cone


def test_a_name_said_whole_does_not_lend_a_word_to_a_choice() -> None:
    (reading,) = read_order(menu("quickbite"), "a big stack meal with onion rings and a sprite")
    assert isinstance(reading, Reading) and reading.item.name == "#1 Big Stack Combo"
    assert "Large" not in [o.name for o in reading.options]  # "big" is part of the name, not the size


# --- the labelled corpus: never silently wrong ---------------------------------------------------------------


@cache
def outcomes(reader: str) -> list[dict]:
    return matching.evaluate(reader)


@pytest.mark.parametrize("reader", matching.READERS)
@pytest.mark.parametrize("split", matching.SPLITS)
def test_no_labelled_utterance_is_silently_wrong(reader: str, split: str) -> None:
    results = [r for r in outcomes(reader) if r["split"] == split]
    assert results
    assert [(r["menu"], r["said"], r["got_lines"]) for r in results if r["outcome"] == "wrong"] == []


def test_the_corpus_covers_five_menus_and_both_shapes() -> None:
    corpus = matching.load_corpus()
    cases = corpus["cases"]
    assert len(cases) >= 300 and len(corpus["menus"]) >= 5
    assert {c["menu"] for c in cases} == set(corpus["menus"])
    assert any(isinstance(c["said"], dict) for c in cases) and any(isinstance(c["said"], str) for c in cases)
    for rid in corpus["menus"]:  # every third case of each menu's frozen cases is held out
        frozen = [c for c in cases if c["menu"] == rid and "added" not in c]
        assert len([c for c in frozen if c["split"] == "held_out"]) == len(frozen) // 3


def test_a_size_is_read_as_the_items_variation_on_a_v2_menu() -> None:
    (reading,) = read_order(menu("corner-cafe"), "a twelve ounce oat milk latte")
    assert isinstance(reading, Reading) and reading.variation is not None
    assert (reading.item.name, reading.variation.name, [o.name for o in reading.options]) == (
        "Caffe Latte",
        "Small",
        ["Oat Milk"],
    )


@pytest.mark.parametrize(
    ("said", "quantity", "item"),
    [
        ("a dozen cookies", 12, "Chocolate Chip Cookie"),
        ("half a dozen cookies", 6, "Chocolate Chip Cookie"),
        ("a half dozen cookies", 6, "Chocolate Chip Cookie"),
        ("two dozen cookies", 24, "Chocolate Chip Cookie"),
        ("a pair of brownies", 2, "Fudge Brownie"),
        ("cookie x3", 3, "Chocolate Chip Cookie"),
        ("cookies, three of them", 3, "Chocolate Chip Cookie"),
    ],
)
def test_spoken_counts_are_the_quantity_never_dropped(demo_menu: Menu, said: str, quantity: int, item: str) -> None:
    """Finding #5: a count said in words ("a dozen", "x3", "three of them") is the line's quantity."""
    assert lines(read_order(demo_menu, said)) == [(quantity, item, [], ())]


def test_a_count_before_a_repeatable_option_chooses_it_that_often() -> None:
    """Finding #5: "two extra shots" is the Extra shot twice; beyond its max_quantity it is asked about."""
    cafe = load_menu(Path(__file__).resolve().parents[2] / "app" / "menus" / "demo-cafe.json")
    (latte,) = read_order(cafe, "small latte with two extra shots")
    assert isinstance(latte, Reading) and [o.name for o in latte.options].count("Extra shot") == 2
    (too_many,) = read_order(cafe, "small latte with three extra shots")
    assert isinstance(too_many, WordsNotUnderstood) and "3" in too_many.details["words"]
