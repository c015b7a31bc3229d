"""Kinds blind12 asked about needlessly (issue #23, silog-house and hibachi-express): each on a small menu
built here, and its corpus cases read through the voice tool."""

from __future__ import annotations

import pytest

from app.errors import CartError
from tests.core.reading.menus import corpus_outcome, group, item, menu, noted_lines, option

_read = noted_lines  # (item, count, sorted choices, notes) per line


_GRILL = menu(
    item(
        "Pan Noodles",
        group("Greens", [option("Cabbage", default=True), option("Sprouts", default=True)], most=2),
        group("Protein", [option("Pork"), option("Prawns")]),
    ),
    item(
        "Garden Plate",
        group("Vegetables", [option("Peppers", default=True), option("Okra", default=True)], most=2),
        group("Starch", [option("Yam", default=True), option("Cassava")], least=1),
    ),
    item("Cheese Puffs", aliases=["puffs"]),
    item("Bean Buns", aliases=["buns"]),
    item("Side Yam", aliases=["side of yam"]),
    item("Side Okra", aliases=["side of okra"]),
    {k: v for k, v in item("Yam Bowl", aliases=["yam"]).items() if k != "price_cents"}
    | {"variations": [{"id": "plain", "name": "Plain", "price_cents": 500},
                      {"id": "pork", "name": "Pork", "price_cents": 700}]},
)  # fmt: skip


def test_times_a_number_word_is_the_count() -> None:
    """ "crab rangoon times two": "times N" after an item is its count, as "x2" is (blind12 hibachi-express)."""
    assert _read(_GRILL, "cheese puffs times two") == [("Cheese Puffs", 2, [], "")]
    assert _read(_GRILL, "bean buns times 3") == [("Bean Buns", 3, [], "")]


def test_tagalog_number_words_are_counts() -> None:
    """ "dalawang tapsilog po, isang longsilog": Tagalog counts (with the linker "-ng") and the politeness
    particle "po", read as the reader's table reads other languages' (blind12 silog-house)."""
    assert _read(_GRILL, "dalawang cheese puffs po, isang bean buns") == [
        ("Cheese Puffs", 2, [], ""),
        ("Bean Buns", 1, [], ""),
    ]
    assert _read(_GRILL, "tatlong puffs") == [("Cheese Puffs", 3, [], "")]


@pytest.mark.parametrize(("text", "modifiers"), [("garden plate no veggies", ()), ("garden plate", ("no veggies",))])
def test_no_a_group_said_as_the_lexicon_says_it_takes_its_defaults_off(text: str, modifiers: tuple[str, ...]) -> None:
    """ "shrimp lo mein no veggies": "veggies" is the lexicon's word for vegetables, so "no veggies" names the
    group Vegetables and takes all its pre-chosen options off, as "no vegetables" does (blind12
    hibachi-express); a required group's default stays."""
    assert _read(_GRILL, text, modifiers) == [("Garden Plate", 1, ["Yam"], "")]


def test_a_hesitation_before_a_side_of_keeps_the_side_whole() -> None:
    """ "um a side of fried rice and a side of veggies": a hesitation before "a side of" is no item the side
    belongs to; the side is the item said ("Side Yam"), never the Yam Bowl asked about (blind12
    hibachi-express)."""
    assert _read(_GRILL, "um a side of yam and a side of okra") == [("Side Yam", 1, [], ""), ("Side Okra", 1, [], "")]


_DONENESS = group("Doneness", [option("Rare"), option("Medium"), option("Well Done")], least=1)
_PLATES = menu(
    item(
        "Two Meat Plate",
        group("Meats", [option("Pork"), option("Lamb", modifier_groups=[_DONENESS]), option("Duck")], least=2, most=2),
        aliases=["two meat"],
    ),
    item("Lamb Plate", _DONENESS, aliases=["lamb"]),
    item("Pork Plate", aliases=["pork"]),
)


@pytest.mark.parametrize(
    "text",
    [
        "lamb and pork two meat plate, lamb medium",
        "pork and lamb two meat, lamb rare",
        "two meat plate pork lamb, lamb medium",
    ],
)
def test_a_chosen_option_said_again_before_its_own_choice_says_whose_it_is(text: str) -> None:
    """ "filet and chicken combo, filet rare": a once-only option said again right before a choice of its own
    nested group names whose choice follows (the combo's filet is rare), never a second filet left unexplained
    nor the Filet Mignon plate (blind12 hibachi-express). Said again with nothing of its own after it, it stays
    unexplained (asked)."""
    lines = _read(_PLATES, text)
    assert [(n, q) for n, q, _, _ in lines] == [("Two Meat Plate", 1)]
    assert {"Lamb", "Pork"} <= set(lines[0][2])
    assert "Lamb > Medium" in lines[0][2] or "Lamb > Rare" in lines[0][2]


def test_an_option_said_twice_with_nothing_after_it_is_still_asked() -> None:
    with pytest.raises(CartError):
        _read(_PLATES, "two meat plate lamb and pork, lamb, medium")


_BOWL = menu(
    item(
        "Teriyaki Bowl",
        group("Base or Noodles", [option("Fried Base", default=True), option("Brown Base", aliases=["brown"]),
                                  option("Udon")], least=1),
        group("Extras", [option("Extra Base"), option("Extra Sauce")], most=2),
    )
)  # fmt: skip


@pytest.mark.parametrize(
    ("text", "chosen"),
    [
        ("teriyaki bowl, swap the base for brown", "Brown Base"),
        ("teriyaki bowl, switch the noodles to brown", "Brown Base"),
        ("teriyaki bowl, swap base for udon", "Udon"),
    ],
)
def test_swap_the_groups_name_for_a_choice_chooses_it(text: str, chosen: str) -> None:
    """ "swap the rice for white": the words between "swap (the)" and "for" / "to" name the one-choice group
    (its name: Rice or Noodles), never an option (the Extra Rice "rice" also says); the choice after "for"
    replaces what the group had (blind12 hibachi-express)."""
    assert _read(_BOWL, text) == [("Teriyaki Bowl", 1, [chosen], "")]


def test_barbecue_and_bbq_are_one_word() -> None:
    """ "four pork barbecue sticks": "barbecue" is how "BBQ" is said, and the other way round (the lexicon's
    spelling variants, as "doughnut" and "donut"; blind12 silog-house)."""
    skewers = menu(item("Beef BBQ Skewer", aliases=["beef bbq stick"]), item("Barbecue Wings"))
    assert _read(skewers, "two beef barbecue sticks") == [("Beef BBQ Skewer", 2, [], "")]
    assert _read(skewers, "bbq wings") == [("Barbecue Wings", 1, [], "")]


_HASH = menu(
    item(
        "Pork Hash",
        group("Heat", [option("Mild", default=True, aliases=["not spicy"]), option("Spicy")], least=1),
        group("Toppings", [option("Egg on Top", default=True, aliases=["egg"]), option("Crackling")], most=2),
    )
)


@pytest.mark.parametrize("text", ["pork hash no egg, make it spicy", "pork hash no egg and spicy"])
def test_a_choice_named_by_anothers_negated_alias_is_no_removal(text: str) -> None:
    """ "sizzling sisig no egg, make it spicy": Mild aliased "not spicy" beside the choice Spicy of its group
    never makes "spicy" a thing on the line that "no egg and …" takes off; "spicy" answers the Heat (blind12
    silog-house)."""
    assert _read(_HASH, text) == [("Pork Hash", 1, ["Spicy"], "")]


@pytest.mark.parametrize(
    "said",
    [
        "crab rangoon times two",
        "dalawang tapsilog po, isang longsilog",
        "shrimp lo mein no veggies",
        {"item": "shrimp lo mein", "modifiers": ["no veggies"]},
        "um a side of fried rice and a side of veggies",
        "filet and chicken combo, filet rare, fried rice, no sauce",
        "hibachi steak medium, no wait, medium well, and swap the rice for white",
        "sizzling sisig no egg, make it spicy",
        "four pork barbecue sticks and a plain rice",
    ],
)
def test_on_the_corpus(said: object) -> None:
    assert corpus_outcome("blind12", said) == "right"
