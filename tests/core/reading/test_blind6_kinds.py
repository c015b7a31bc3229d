"""Kinds blind6 read silently wrong (issue #23): each on a small menu built here, and its corpus cases read
through the voice tool."""

from __future__ import annotations

import json

import pytest

from app.core.reading.item import Reading
from app.core.reading.lines import said_lines
from app.core.reading.order import read_order
from app.errors import ModifierRequired
from tests.core.reading.menus import corpus_outcome, group, item, menu, named_lines, option

_lines = named_lines


def _right(said: object) -> str:
    return corpus_outcome("blind6", said)


def _salads() -> object:
    greens = group("Greens", [option("Kale"), option("Romaine")], least=1, most=2)
    protein = group("Protein", [option("Salmon"), option("Chicken")], most=2)
    balsamic = group("Dressing", [option("Balsamic", default=True), option("Caesar")], least=1)
    caesar = group("Dressing", [option("Balsamic"), option("Caesar", default=True)], least=1)
    return menu(item("Harvest Bowl", greens, protein, balsamic), item("Kale Caesar", greens, protein, caesar))


def test_a_take_back_naming_another_item_replaces_the_item() -> None:
    """ "the harvest bowl, no wait, make it a kale caesar": the caesar, never the bowl with its words."""
    got = _lines(_salads(), "the harvest bowl, no wait, make it a kale caesar with salmon")
    assert got == [("Kale Caesar", ["Caesar", "Salmon"], None)]


def test_make_the_x_y_changes_the_x_said_before() -> None:
    """ "a kale caesar and a lemonade, make the lemonade strawberry": the lemonade changed, never a second."""
    flavour = group("Flavor", [option("Classic", default=True), option("Strawberry")], least=1)
    m = menu(item("Kale Caesar"), item("Lemonade", flavour))
    got = _lines(m, "a kale caesar and a lemonade, make the lemonade strawberry")
    assert got == [("Kale Caesar", [], None), ("Lemonade", ["Strawberry"], None)]


def test_a_negation_is_said_of_the_choice_right_after_it() -> None:
    """ "no onions gravy on the side": the onions off, the gravy on the side — never a note of it all."""
    comes = group("Comes With", [option("Grilled Onions", default=True, aliases=["onions"])])
    gravy = group("Gravy", [option("Gravy All Over", default=True), option("Gravy On The Side")])
    m = menu(item("Hamburger Steak", comes, gravy))
    got = _lines(m, "a hamburger steak no onions gravy on the side")
    assert got == [("Hamburger Steak", ["Gravy On The Side"], None)]


def test_extra_x_never_picks_an_extra_of_another_thing() -> None:
    """ "extra tahini" beside a Dressing Amount group with Extra Dressing: the Lemon Tahini on, once only,
    so a note "extra tahini" — never Extra Dressing."""
    dressing = group("Dressing", [option("Lemon Tahini", default=True), option("Ranch")], most=2)
    amount = group("Dressing Amount", [option("Light Dressing"), option("Extra Dressing")])
    m = menu(item("Falafel Bowl", dressing, amount))
    assert _lines(m, "a falafel bowl with extra tahini") == [("Falafel Bowl", ["Lemon Tahini"], "extra tahini")]
    assert _lines(m, "a falafel bowl with extra dressing") == [
        ("Falafel Bowl", ["Extra Dressing", "Lemon Tahini"], None)
    ]


def test_double_x_on_the_line_is_the_option_extra_x() -> None:
    """ "double salmon" where Roasted Salmon comes with the bowl once only: the option Extra Roasted Salmon."""
    protein = group("Protein", [option("Roasted Salmon", default=True), option("Extra Roasted Salmon")], most=2)
    m = menu(item("Salmon Bowl", protein))
    got = _lines(m, "salmon bowl", ("double salmon",))
    assert got == [("Salmon Bowl", ["Extra Roasted Salmon", "Roasted Salmon"], None)]


def test_x_and_y_on_the_side_is_said_back_whole() -> None:
    """ "salt and vinegar on the side" of a group "Salt & Vinegar": both, never the vinegar alone."""
    seasoning = group("Salt & Vinegar", [option("Salt", default=True), option("Vinegar", default=True)], most=2)
    m = menu(item("Haddock", seasoning))
    got = _lines(m, "haddock, salt and vinegar on the side")
    assert got == [("Haddock", ["Salt", "Vinegar"], "salt and vinegar on the side")]


def test_pick_n_with_fewer_picks_asks_for_the_rest() -> None:
    """ "a pick five board with the brie and the manchego": five picks named, two said — asked, never added."""
    picks = group("Selections", [option("Brie"), option("Manchego"), option("Gouda")], least=2, most=5)
    sizes = [
        {"id": "pick-2", "name": "Pick 2", "price_cents": 900},
        {"id": "pick-5", "name": "Pick 5", "price_cents": 1900},
    ]
    board = item("Board", picks, variations=sizes)
    del board["price_cents"]
    m = menu(board)
    with pytest.raises(ModifierRequired):
        said_lines(m, "a pick five board with the brie and the manchego")  # type: ignore[arg-type]
    assert _lines(m, "a pick two board with the brie and the manchego") == [
        ("Board", ["Brie", "Manchego", "Pick 2"], None)
    ]


def test_a_singular_name_never_chooses_a_size() -> None:
    """ "spam musubi" + ["egg"]: one musubi is meant, but "1 Piece" or "3 Piece" is asked — a count implied
    by a singular name alone never chooses a size."""
    extras = group("Extras", [option("Egg"), option("Furikake")], most=2)
    sizes = [
        {"id": "one", "name": "1 Piece", "price_cents": 400},
        {"id": "three", "name": "3 Piece", "price_cents": 1000},
    ]
    musubi = item("Spam Musubi", extras, variations=sizes)
    del musubi["price_cents"]
    m = menu(musubi)
    read = read_order(m, "spam musubi", ("egg",))
    assert isinstance(read[0], Reading) and read[0].variation is None  # left to be asked
    assert _lines(m, "a 3 piece spam musubi with egg") == [("Spam Musubi", ["3 Piece", "Egg"], None)]


CORPUS = [
    "pick five board with the brie, the manchego and the prosciutto",
    '{"item": "salmon bowl", "modifiers": ["double salmon", "no edamame"]}',
    "large haddock and chips, salt and vinegar on the side",
    "a falafel bowl with extra tahini",
    "a chopped cobb, no bacon, extra avocado",
    '{"item": "kale caesar", "modifiers": ["no croutons", "no bread", "extra parmesan"]}',
    "a regular hamburger steak no onions gravy on the side",
    "a kale caesar and a lemonade, make the lemonade strawberry",
    "the harvest bowl, no wait, make it a kale caesar with salmon",
    '{"item": "spam musubi", "modifiers": ["egg", "teri glaze"]}',
]


@pytest.mark.parametrize("said", CORPUS)
def test_blind6_case_is_read_right(said: str) -> None:
    assert _right(json.loads(said) if said.startswith("{") else said) == "right"
