"""Needless questions of blind12 (issue #23) read as kinds: each on a small menu built here, and its corpus
examples read through the voice tool."""

from __future__ import annotations

from typing import Any

import pytest

from app.core.menu import Menu
from app.core.reading.lines import said_lines
from app.errors import CartError
from tests.core.reading.menus import corpus_outcome, group, item, menu, named_lines, option


def _sized(name: str, sizes: list[tuple[str, list[str]]], **more: Any) -> dict[str, Any]:
    variations = [{"id": n.lower(), "name": n, "price_cents": 300, "aliases": a} for n, a in sizes]
    made = item(name, variations=variations, **more)
    made.pop("price_cents")
    return made


def _cobs() -> Menu:
    return menu(_sized("Corn", [("Regular", ["one cob"]), ("Large", ["two cobs"])]), item("Bread"))


def test_a_number_alone_after_the_size_is_the_count() -> None:
    """ "corn, regular, 2" where the Large is called "two cobs": the size is said, so the number alone is no
    size (a line has one) but the count; with no size said, "corn, 2" still may be the two cobs."""
    m = _cobs()
    assert named_lines(m, "corn", ("regular", "2")) == [("Corn", ["Regular"], None)]
    assert [x.quantity for x in said_lines(m, "corn", ("regular", "2"))] == [2]
    assert [x.quantity for x in said_lines(m, "corn, regular, 2")] == [2]


def _quarters() -> Menu:
    heat = group("Heat", [option("Mild"), option("Hot")], least=1)
    sides = group("Sides", [option("Fries", aliases=["chips"]), option("Rice")], most=2)
    cuts = [("Breast", ["quarter breast"]), ("Leg", ["quarter leg"])]
    return menu(
        _sized("Quarter Chicken", cuts, aliases=["quarter"]).copy() | {"modifier_groups": [heat, sides]},
        item("Burger", heat, sides),
        item("Fries", aliases=["chips"]),
    )


def test_the_item_named_again_with_another_answer_of_a_one_choice_group_is_another_line() -> None:
    """ "quarter leg hot with chips, and quarter breast mild with rice": the item's alias again, with the Breast
    where the Leg was said (a line has one): two lines, never one line asking which cut."""
    m = _quarters()
    got = named_lines(m, "quarter leg hot with chips, and quarter breast mild with rice")
    assert got == [
        ("Quarter Chicken", ["Fries", "Hot", "Leg"], None),
        ("Quarter Chicken", ["Breast", "Mild", "Rice"], None),
    ]


def test_a_side_of_what_its_sides_offer_is_its_side() -> None:
    """ "a burger hot with rice and a side of chips": the burger's Sides offer chips, so the side is the
    burger's, never a line of the item Fries; an item with no Sides group leaves "a side of chips" a line."""
    m = _quarters()
    assert named_lines(m, "a burger hot with rice and a side of chips") == [("Burger", ["Fries", "Hot", "Rice"], None)]
    plain = menu(item("Hot Dog"), item("Fries", aliases=["chips"]))
    assert [n for n, _, _ in named_lines(plain, "a hot dog and a side of chips")] == ["Hot Dog", "Fries"]


def _plates() -> Menu:
    sides = [option("Fries", aliases=["chips"]), option("Rice"), option("Large Fries", aliases=["large chips"])]
    sides += [option("Large Rice")]
    return menu(item("Plate", group("Sides", sides, most=3)), item("Bowl", group("Sides", sides[:2], most=3)))


def test_a_group_announced_with_a_count_is_the_answers_listed() -> None:
    """ "a plate, two large sides, chips and rice": the two sides are the Large Fries and Large Rice the group
    names; "two regular sides, chips and rice": the plain ones; a size the group does not name ("two large
    sides" of a bowl whose sides have none) or a count the list does not make stays to be asked about."""
    m = _plates()
    assert named_lines(m, "a plate, two large sides, chips and rice") == [
        ("Plate", ["Large Fries", "Large Rice"], None)
    ]
    assert named_lines(m, "a plate with two regular sides, chips and rice") == [("Plate", ["Fries", "Rice"], None)]
    with pytest.raises(CartError):
        said_lines(m, "a bowl, two large sides, chips and rice")
    with pytest.raises(CartError):
        said_lines(m, "a plate, three large sides, chips and rice")


def _wraps() -> Menu:
    extras = group("Extras", [option("Halloumi", max_quantity=2), option("Cheese"), option("Pineapple")], most=4)
    return menu(item("Wrap", extras))


def test_an_amount_corrected_replaces_the_amount_said() -> None:
    """ "a wrap with extra halloumi, actually double halloumi": two Halloumi, the "extra" going with the one it
    was said of (never a stray word asked about); "…, double halloumi actually": the "actually" said last takes
    the part back as one said first does."""
    m = _wraps()
    for said in (
        "a wrap with extra halloumi, actually double halloumi",
        "a wrap with extra halloumi, double halloumi actually",
    ):
        assert named_lines(m, said) == [("Wrap", ["Halloumi", "Halloumi"], None)]


def _bowls() -> Menu:
    toppings = [option("Banana", default=True), option("Blueberry", default=True), option("Mango")]
    sizes = [("Small", []), ("Large", [])]
    bowl = _sized("Bowl", sizes) | {"modifier_groups": [group("Toppings", toppings, most=3)]}
    return menu(bowl)


def test_the_other_one_is_the_one_left() -> None:
    """ "two large bowls, one with no blueberries, the other one normal": the other of the two, as it comes."""
    m = _bowls()
    got = named_lines(m, "two large bowls, one with no blueberries, the other one normal")
    assert sorted(got) == [("Bowl", ["Banana", "Blueberry", "Large"], None), ("Bowl", ["Banana", "Large"], None)]


def test_sub_what_it_comes_with_for_another_takes_it_off() -> None:
    """ "a large bowl, sub the blueberries for mango": the bowl comes with blueberries and not mango, so the
    blueberries go and the mango comes — which comes with it says which way round."""
    m = _bowls()
    assert named_lines(m, "a large bowl, sub the blueberries for mango") == [
        ("Bowl", ["Banana", "Large", "Mango"], None)
    ]


def test_extra_of_a_once_only_choice_already_chosen_is_a_note() -> None:
    """ "a dog with mustard, and extra mustard": Mustard may be had once, so the extra is a note said back with
    it, never an unexplained word asked about nor another item read from the two mustards."""
    sauces = group("Sauces", [option("Mustard"), option("Ketchup")], most=2)
    m = menu(item("Dog", sauces), item("Combo", group("Dog", [option("Dog")], least=1), sauces))
    assert named_lines(m, "a dog with mustard, and extra mustard") == [("Dog", ["Mustard"], "extra mustard")]


def test_an_alias_saying_on_is_read_whole() -> None:
    """ "a dog, go easy on the sugar" where Light Sugar is called "go easy on the sugar": the alias as the menu
    says it, never "easy on the sugar" joined into another name with the "go" left over to be asked about."""
    sugar = [option("Sugar", default=True), option("Light Sugar", aliases=["go easy on the sugar"]), option("No Sugar")]
    m = menu(item("Dog", group("Sugar", sugar, least=1)))
    assert named_lines(m, "a dog, and go easy on the sugar") == [("Dog", ["Light Sugar"], None)]


def test_no_naming_a_default_exactly_takes_it_off_beside_a_choice_sharing_its_word() -> None:
    """ "a tea, no boba, popping boba": the Boba that comes with it, named exactly, goes — the Popping Boba
    chosen shares the word but is no contradiction of it (never a note asked about)."""
    toppings = group("Toppings", [option("Boba", default=True), option("Popping Boba"), option("Jelly")], most=2)
    m = menu(item("Tea", toppings))
    assert named_lines(m, "tea", ("no boba", "popping boba")) == [("Tea", ["Popping Boba"], None)]


@pytest.mark.parametrize(
    "said",
    [
        {"item": "bubble tea", "modifiers": ["large", "taro", "no boba", "popping boba", "0% sugar"]},
        "a rice cake corn dog, potato, and go easy on the sugar",
        "a mozzarella dog with mustard, and extra mustard",
        "two large acai bowls, one with no blueberries, the other one normal",
        "a large pitaya bowl, sub the blueberries for mango",
        "chicken pitta medium with extra halloumi, double halloumi actually",
        "lemme get ten wings plain-ish with two regular sides, rice and corn",
        "a whole chicken lemon and herb, two large sides, chips and macho peas",
        {"item": "corn on the cob", "modifiers": ["regular", "2"]},
        "quarter leg extra hot with chips and rice, and quarter breast plain with mash",
        "chicken burger lemon and herb with halloumi and a side of chips",
    ],
)
def test_blind12_examples_read_right(said: object) -> None:
    assert corpus_outcome("blind12", said) == "right"
