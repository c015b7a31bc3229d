"""Kinds blind14 asked about needlessly on elote-stand, tteokbokki-bar and indo-chinese (issue #23, round 17): counts
split over lines, Spanish and Hindi function words, counts among structured modifiers, "the X one", words a
description says, "extra X" the menu sells nothing by, a size said with its serving noun. Each on a small menu
built here, and the corpus examples read through the voice tool."""

from __future__ import annotations

import pytest

from tests.core.reading.menus import corpus_outcome, counted_lines, group, item, menu, noted_lines, option

_TOPPINGS = ["Mayo", "Butter", "Cheese", "Chile"]


def _corn() -> object:
    toppings = group(
        "Toppings",
        [
            option("Mayo", aliases=["mayonesa"], default=True),
            option("Butter", default=True),
            option("Cheese", aliases=["queso"], default=True),
            option("Chile", default=True),
            option("Crema"),
        ],
        most=5,
    )
    add_ons = group("Add-Ons", [option("Hot Chips"), option("Peanuts", aliases=["cacahuates"])], most=2)
    cup_toppings = group("Toppings", [option("Mayo", default=True), option("Chile", default=True)], most=2)
    return menu(
        item("Corn", toppings, add_ons, aliases=["corns"]),
        _sized(
            item("Corn Cup", cup_toppings, aliases=["cup"]),
            {"id": "small", "name": "Small", "price_cents": 400, "aliases": ["chico"]},
            {"id": "large", "name": "Large", "price_cents": 600, "aliases": ["grande"]},
        ),
        item("Chips", group("Toppings", [option("Lime", default=True), option("Salsa", default=True)], most=2)),
    )


def test_spanish_con_todo_sin_ni_and_uno_are_the_readers_words() -> None:
    """ "con todo" is "with everything" (the defaults), "ni" a second "sin", "uno" alone one more ("y uno chico":
    never "a chico")."""
    m = _corn()
    assert counted_lines(m, "cinco corns con todo") == [("Corn", 5, _sorted(_TOPPINGS))]
    assert counted_lines(m, "un corn sin mayo ni chile") == [("Corn", 1, ["Butter", "Cheese"])]
    got = counted_lines(m, "dos cups grandes con todo y uno chico sin chile")
    assert got == [("Corn Cup", 1, ["Mayo", "Small"]), ("Corn Cup", 2, ["Chile", "Large", "Mayo"])]


def test_one_taking_off_what_the_count_was_said_with_is_one_more() -> None:
    """ "three corns with everything and one without mayo": the one answers otherwise what the three were said
    with (everything), so it is one more — 3 and 1; said after a comma ("…, one without mayo") it is one of the
    three, as before."""
    m = _corn()
    assert counted_lines(m, "three corns with everything and one without mayo") == [
        ("Corn", 1, ["Butter", "Cheese", "Chile"]),
        ("Corn", 3, _sorted(_TOPPINGS)),
    ]
    assert counted_lines(m, "three corns with everything, one without mayo") == [
        ("Corn", 1, ["Butter", "Cheese", "Chile"]),
        ("Corn", 2, _sorted(_TOPPINGS)),
    ]


def test_some_of_the_counted_said_with_everything_or_with_a_default_off() -> None:
    """ "four corns, two with everything and two with just butter and cheese"; "three corns with hot chips, two
    of them no mayo": some of those counted, each way — never a question."""
    m = _corn()
    assert counted_lines(m, "four corns, two with everything and two with just butter and cheese") == [
        ("Corn", 2, ["Butter", "Cheese"]),
        ("Corn", 2, _sorted(_TOPPINGS)),
    ]
    assert counted_lines(m, "three corns with hot chips, two of them no mayo") == [
        ("Corn", 1, _sorted([*_TOPPINGS, "Hot Chips"])),
        ("Corn", 2, ["Butter", "Cheese", "Chile", "Hot Chips"]),
    ]


def test_a_bag_of_an_item_that_only_comes_with_toppings_is_how_it_is_served() -> None:
    """ "two bags of chips": the toppings the chips come with are no amount a bag could mean."""
    assert counted_lines(_corn(), "a corn and two bags of chips") == [
        ("Chips", 2, ["Lime", "Salsa"]),
        ("Corn", 1, _sorted(_TOPPINGS)),
    ]


def _rolls() -> object:
    portion = group("Portion", [option("Whole Roll", default=True), option("Half Roll", aliases=["half"])], least=1)
    pieces = [
        {"id": "two", "name": "2 Pieces", "price_cents": 400, "aliases": ["2 pcs", "half"]},
        {"id": "four", "name": "4 Pieces", "price_cents": 700, "aliases": ["4 pcs", "full"]},
    ]
    return menu(
        item("Beef Roll", portion),
        _sized(item("Spring Rolls", aliases=["spring roll"]), *pieces),
        item("Ice Cream"),
    )


def test_a_count_said_x2_among_the_modifiers_is_the_lines_count() -> None:
    """{"item": "beef roll", "modifiers": ["x2"]}, ["2 pcs", "x2"]: two of the item, as "beef roll, x2" is."""
    m = _rolls()
    assert noted_lines(m, "beef roll", ("x2",)) == [("Beef Roll", 2, ["Whole Roll"], "")]
    assert noted_lines(m, "spring rolls", ("2 pcs", "x2")) == [("Spring Rolls", 2, ["2 Pieces"], "")]
    assert noted_lines(m, "ice cream", ("x3",)) == [("Ice Cream", 3, [], "")]


def test_a_serving_noun_after_a_size_is_how_the_size_is_served() -> None:
    """ "half plate spring rolls": "half" is the 2 Pieces, "plate" how it comes — never a word to ask about."""
    assert counted_lines(_rolls(), "half plate spring rolls") == [("Spring Rolls", 1, ["2 Pieces"])]


def _tteokbokki() -> object:
    level = group("Spice Level", [option("Level 1", aliases=["level one"]), option("Level 2")], least=1)
    ramen = group("Add-Ons", [option("Ramen", aliases=["rabokki"]), option("Egg")], most=2)
    return menu(
        item("Classic Tteokbokki", level, ramen, description="Add ramen to make it rabokki."),
        item("Cheese Tteokbokki", level, ramen),
        item("Black Bean Tteokbokki", ramen, aliases=["jjajang"]),
        item("Soup", group("Broth", [option("Broth", default=True)])),
    )


def test_one_that_ends_a_choices_name_is_the_choice() -> None:
    """ "a cheese tteokbokki level one and a classic level one, both with ramen": "level one" is Level 1, never
    "one" said for the tteokbokki."""
    assert counted_lines(_tteokbokki(), "a cheese tteokbokki level one and a classic level one, both with ramen") == [
        ("Cheese Tteokbokki", 1, ["Level 1", "Ramen"]),
        ("Classic Tteokbokki", 1, ["Level 1", "Ramen"]),
    ]


def test_the_named_one_is_that_item() -> None:
    """ "the jjajang one, with ramen": "one" after the item's name is the item, never a word left over."""
    assert counted_lines(_tteokbokki(), "the jjajang one, with ramen") == [("Black Bean Tteokbokki", 1, ["Ramen"])]


def test_a_word_one_description_says_names_its_item() -> None:
    """ "rabokki" is a choice of several tteokbokki; the one whose description says it makes rabokki is meant."""
    got = noted_lines(_tteokbokki(), "rabokki", ("level 1", "egg"))
    assert got == [("Classic Tteokbokki", 1, ["Egg", "Level 1", "Ramen"], "")]


def test_served_with_everything_said_in_a_description_names_that_item() -> None:
    """ "dos de pastor con todo": of a taco and a torta both with pastor, the taco "served con todo"."""
    meat = group("Meat", [option("Al Pastor", aliases=["pastor"]), option("Asada")], least=1)
    greens = group("Toppings", [option("Onion", default=True), option("Cilantro", default=True)], most=2)
    torta_toppings = group(
        "Toppings",
        [option("Lettuce", default=True), option("Tomato", default=True), option("Mayo", default=True)],
        most=3,
    )
    size = group("Size", [option("Single", default=True), option("Plate")], least=1)
    m = menu(
        item("Taco", size, meat, greens, description="Served con todo (onion and cilantro)."),
        item("Torta", meat, torta_toppings),
    )
    assert counted_lines(m, "dos de pastor con todo") == [("Taco", 2, ["Al Pastor", "Cilantro", "Onion", "Single"])]


def test_extra_what_the_menu_sells_nothing_by_is_a_note_on_an_item_with_choices() -> None:
    """ "a classic, level two, extra sauce": no choice is a sauce and the menu sells nothing called so — the
    kitchen's note, as on a dish with no choices."""
    got = noted_lines(_tteokbokki(), "a classic tteokbokki, level two, extra sauce")
    assert got == [("Classic Tteokbokki", 1, ["Level 2"], "extra sauce")]


def _wok() -> object:
    style = group("Style", [option("Dry"), option("Gravy")], least=1)
    return menu(
        item("Gobi Manchurian", style),
        item("Chicken Manchurian", style),
        item("Noodles", group("Protein", [option("Veg"), option("Chicken")], least=1)),
    )


def test_one_more_said_by_a_choice_made_the_other_way() -> None:
    """ "one gobi manchurian dry, one gravy": another gobi manchurian with gravy, never a question about which item
    has gravy."""
    assert counted_lines(_wok(), "one gobi manchurian dry, one gravy") == [
        ("Gobi Manchurian", 1, ["Dry"]),
        ("Gobi Manchurian", 1, ["Gravy"]),
    ]


def test_hindi_ek_and_aur() -> None:
    """ "ek … aur ek …": one and one."""
    assert counted_lines(_wok(), "ek chicken manchurian dry aur ek noodles chicken") == [
        ("Chicken Manchurian", 1, ["Dry"]),
        ("Noodles", 1, ["Chicken"]),
    ]


@pytest.mark.parametrize(
    "said",
    [
        "three elotes con todo and one sin mayo",
        "five elotes con todo",
        "un chicharrón preparado con todo",
        {"item": "two elotes", "modifiers": ["con todo"]},
        "dos esquites grandes con todo y uno chico sin chile",
        "two dorilocos con todo y un tostilocos sin cueritos ni cacahuates",
        "okay so uh three esquites, one small one medium one large, all con todo",
        "four elotes, two con todo and two with just butter and cheese",
        "three elotes with hot cheetos, two of them no mayo",
        "a chicharron preparado, no crema, and two bags of duritos",
        {"item": "esquites", "modifiers": ["con todo"]},
        "a plate of soondae, dip in tteokbokki sauce, no salt",
        "the jjajang one, with ramen",
        "a cheese tteokbokki level one and a rosé level one, both with ramen",
        "a rosé, level two, extra sauce",
        {"item": "bulgogi kimbap", "modifiers": ["x2"]},
        {"item": "odeng skewer", "modifiers": ["spicy", "x4"]},
        {"item": "rabokki", "modifiers": ["level 1", "egg"]},
        "half plate lollipop",
        "one gobi manchurian dry, one gravy",
        "paneer manchurian dry, extra sauce",
        "ek chicken manchurian dry aur ek schezwan noodles chicken",
        {"item": "chicken spring rolls", "modifiers": ["2 pcs", "x2"]},
        {"item": "darsaan", "modifiers": ["x2"]},
    ],
)
def test_the_corpus_examples(said: object) -> None:
    assert corpus_outcome("blind14", said) == "right"


def _sorted(names: list[str]) -> list[str]:
    return sorted(names)


def _sized(shape: dict[str, object], *sizes: dict[str, object]) -> dict[str, object]:
    del shape["price_cents"]
    return shape | {"variations": list(sizes)}
