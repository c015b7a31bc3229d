"""Clear phrases the reader asked about (issue #23, the seen splits' needless questions): each kind read from
the menu's structure on a small menu built here, and the corpus example it came from."""

from __future__ import annotations

import json
from typing import Any

import pytest

from app.core.reading.lines import said_lines
from app.errors import CartError
from bench import matching
from tests.core.reading.menus import counted_lines, group, item, menu, named_lines, option


def _judged(menu_id: str, said: str | dict[str, Any]) -> str:
    """How the reader does on the corpus case of ``menu_id`` said so: "right", "asked_unneeded", "wrong" …"""
    path = matching.NEW_CORPORA / "said" / f"{menu_id}.json"
    case = next(c for c in json.loads(path.read_text())["cases"] if c["said"] == said)
    return matching.judge(case, matching.read_voice(matching.new_menu(menu_id), case))


# -- "no X" of something the item does not have, where its only pre-chosen options are required choices

_BAR = menu(
    item("Old Fashioned", group("Whiskey", [option("House Bourbon", default=True), option("Rye")], least=1)),
    item("Pale Ale", group("Garnish", [option("Orange Slice", default=True)])),
    item("Stew", group("Base", [option("Injera", default=True), option("Rice")], least=1)),
)


def test_no_x_beside_only_required_defaults_is_a_note() -> None:
    # "no cherry" cannot take the required whiskey off: the kitchen note, never a question about the whiskey
    assert named_lines(_BAR, "an old fashioned, no cherry") == [("Old Fashioned", ["House Bourbon"], "no cherry")]
    assert named_lines(_BAR, "stew, not spicy please") == [("Stew", ["Injera"], "not spicy please")]


def test_no_x_beside_a_default_it_could_take_off_is_still_asked() -> None:
    # "no fruit" may mean the Orange Slice (blind the-tap-room): which is not known from the words
    with pytest.raises(CartError):
        named_lines(_BAR, "a pale ale, no fruit")


_SALAD = menu(item("Buffalo Salad", group("Comes With", [option("Romaine", default=True)], most=3)))


def test_not_too_x_is_a_degree_never_a_removal() -> None:
    assert named_lines(_SALAD, "a buffalo salad, not too spicy") == [("Buffalo Salad", ["Romaine"], "not too spicy")]


# -- a size said alone in the model's list, right after the combo choice it sizes

_SIZE = [option("Regular", default=True), option("Large")]
_COMBO = menu(
    item(
        "Tenders Combo",
        group("Side", [option(n, modifier_groups=[group("Side Size", _SIZE, least=1)]) for n in ("Fries", "Slaw")], 1),
        group("Drink", [option(n, modifier_groups=[group("Drink Size", _SIZE, least=1)]) for n in ("Cola", "Tea")], 1),
    )
)


def _tree(modifiers: tuple[str, ...]) -> dict[str, list[str]]:
    """Each top choice of the one combo line read, with the names of the choices nested under it."""
    (line,) = said_lines(_COMBO, "tenders combo", modifiers)
    return {p.option.name: [q.option.name for q in p.picks] for p in line.picks}


def test_a_size_listed_after_a_combo_choice_sizes_that_choice() -> None:
    assert _tree(("fries", "large", "tea", "large")) == {"Fries": ["Large"], "Tea": ["Large"]}
    assert _tree(("fries", "large", "cola")) == {"Fries": ["Large"], "Cola": ["Regular"]}


def test_a_size_listed_first_is_still_asked() -> None:
    with pytest.raises(CartError):  # before any choice: the side's or the drink's?
        named_lines(_COMBO, "tenders combo", ("large", "fries", "cola"))


# -- a size whose alias says the item with a count: that size, one line


def _sized(name: str, sizes: dict[str, list[str]], aliases: list[str]) -> dict[str, Any]:
    """An item sold in ``sizes`` (name → aliases), no price of its own."""
    out = item(name, aliases=aliases, variations=[
        {"id": n.lower().replace(" ", "-"), "name": n, "price_cents": 500, "aliases": a} for n, a in sizes.items()
    ])  # fmt: skip
    out.pop("price_cents")
    return out


_STACKS = menu(
    _sized("Buttermilk Pancakes", {"Short Stack": ["three pancakes"], "Full Stack": ["five pancakes"]}, ["pancakes"]),
    _sized("Tofu", {"Soft Tofu": ["nen dou fu"], "Frozen Tofu": ["dong dou fu"]}, ["dou fu"]),
)


def test_a_size_named_by_a_count_of_the_item_is_that_size() -> None:
    assert counted_lines(_STACKS, "three pancakes") == [("Buttermilk Pancakes", 1, ["Short Stack"])]
    assert counted_lines(_STACKS, "two five pancakes") == [("Buttermilk Pancakes", 2, ["Full Stack"])]


def test_a_count_before_the_item_named_beside_its_size_stays_the_count() -> None:
    assert counted_lines(_STACKS, "three dou fu, dong dou fu") == [("Tofu", 3, ["Frozen Tofu"])]
    (line,) = said_lines(_STACKS, "four pancakes")  # no size says four: four of a size still to be asked
    assert (line.quantity, line.variation) == (4, None)


# -- a number said alone right after the item: how many of it

_SKEWERS = menu(
    item("Pork Belly", group("Seasoning", [option("Shio"), option("Tare")], least=1), aliases=["pork belly skewer"]),
    _sized("Riesling", {"5 oz Glass": [], "9 oz Glass": [], "Bottle": []}, []),
)


def test_a_number_alone_after_the_item_is_its_count() -> None:
    assert counted_lines(_SKEWERS, "pork belly skewers, three, tare") == [("Pork Belly", 3, ["Tare"])]


def test_a_number_alone_that_a_choice_holds_is_never_the_count() -> None:
    with pytest.raises(CartError):  # counted once: a second number alone is asked about
        said_lines(_SKEWERS, "pork belly, two, two, shio")
    with pytest.raises(CartError):  # "nine" is the 9 oz Glass's number: not nine rieslings
        named_lines(_SKEWERS, "the riesling, nine")


# -- Spanish "en" (on, in) is a function word like "con" and "de"

_TACOS = menu(
    item(
        "Taco",
        group("Meat", [option("Birria"), option("Pastor")], least=1),
        group("Tortilla", [option("Corn Tortilla", default=True), option("Flour Tortilla", aliases=["harina"])], 1),
    )
)


def test_spanish_en_is_on() -> None:
    assert named_lines(_TACOS, "un taco de birria en harina") == [("Taco", ["Birria", "Flour Tortilla"], None)]


@pytest.mark.parametrize(
    ("menu_id", "said"),
    [
        ("cocktail-bar", "woodford old fashioned, no cherry"),
        ("salad-builder", "a buffalo chicken, not too spicy"),
        ("ethiopian", {"item": "shiro", "modifiers": ["hot", "no onions"]}),
        ("creperie", "jambon fromage, raclette, sans gluten"),
        ("pancake-house", "three pancakes"),
        ("taqueria", "tacos de swadero, two, with habanero"),
        ("taqueria", "un taco de birria en harina"),
        ("yakitori-bar", "pork belly skewers, three, tare"),
        (
            "fried-chicken",
            {"item": "tenders combo", "modifiers": ["5 piece", "mild", "cajun fries", "large", "lemonade", "large"]},
        ),
        (
            "fried-chicken",
            {"item": "chicken combo", "modifiers": ["3 piece", "spicy", "white", "green beans", "large", "dr pepper"]},
        ),
    ],
)
def test_corpus_examples(menu_id: str, said: str | dict[str, Any]) -> None:
    assert _judged(menu_id, said) == "right"
