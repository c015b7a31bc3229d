"""Round 18's kinds from blind15 oyster-bar and tamale-shop (issue #23), each on a small menu built here: counts
of kinds that add up to a box the menu sells mixed fill that box; a count of pieces of an item sold by the
piece and by the half dozen (its sizes called "one" and "six") is that many of the piece; a word that is the one
required choice of two items, said alone, is asked."""

from __future__ import annotations

from typing import Any

from tests.core.reading.menus import asked, group, item, menu, noted_lines, option

_BY_THE_PIECE = [
    {"id": "each", "name": "Each", "price_cents": 300, "aliases": ["one", "single"]},
    {"id": "half", "name": "Half Dozen", "price_cents": 1600, "aliases": ["six", "half"]},
    {"id": "dozen", "name": "Dozen", "price_cents": 3000, "aliases": ["twelve"]},
]


def _piece(name: str, *groups: dict[str, Any], **more: Any) -> dict[str, Any]:
    """An item sold by the piece, the half dozen and the dozen (its variations)."""
    sold = item(name, *groups, variations=_BY_THE_PIECE, **more)
    sold.pop("price_cents")
    return sold


def _kinds(most: int) -> dict[str, Any]:
    return group(
        "Pieces",
        [option("Plum", price_cents=250, max_quantity=most), option("Fig", price_cents=300, max_quantity=most)],
        least=most,
        most=most,
    )


_WRAP = group("Wrap", [option("Paper", default=True), option("Gift Box", price_cents=100)], least=1)
_PASTRIES = menu(
    _piece("Plum Tart", aliases=["plums", "plum"]),
    _piece("Fig Tart", aliases=["figs", "fig"]),
    item("Tart Box of Four", _kinds(4), _WRAP, aliases=["box of four", "tart box"], price_cents=0),
    item("Tart Box of Six", _kinds(6), _WRAP, aliases=["box of six"], price_cents=0),
)


def test_counts_of_kinds_that_add_up_to_a_box_sold_mixed_fill_that_box() -> None:
    # never a half dozen of each by "six" … nor two of each when the box takes four
    assert noted_lines(_PASTRIES, "two plums and two figs") == [
        ("Tart Box of Four", 1, ["Fig", "Fig", "Paper", "Plum", "Plum"], "")
    ]
    assert noted_lines(_PASTRIES, "three plums and three figs in a gift box") == [
        ("Tart Box of Six", 1, ["Fig", "Fig", "Fig", "Gift Box", "Plum", "Plum", "Plum"], "")
    ]
    # the box's size said before its kinds
    assert noted_lines(_PASTRIES, "a box, four plums and two figs")[0][0] == "Tart Box of Six"


def test_counts_of_kinds_that_fill_no_box_stay_lines_of_their_own() -> None:
    assert noted_lines(_PASTRIES, "five plums and two figs") == [
        ("Plum Tart", 5, ["Each"], ""),
        ("Fig Tart", 2, ["Each"], ""),
    ]
    # one kind alone is that item, sized by its count
    assert noted_lines(_PASTRIES, "six plums") == [("Plum Tart", 1, ["Half Dozen"], "")]


def test_a_count_of_an_item_sold_by_the_piece_is_that_many_pieces() -> None:
    # its sizes are called "one", "six", "twelve": "four" is four of the one
    assert noted_lines(_PASTRIES, "four fig tarts") == [("Fig Tart", 4, ["Each"], "")]
    assert noted_lines(_PASTRIES, "a dozen fig tarts") == [("Fig Tart", 1, ["Dozen"], "")]


def _sized(name: str, *groups: dict[str, Any], **more: Any) -> dict[str, Any]:
    sizes = [{"id": "m", "name": "Medium", "price_cents": 300}, {"id": "l", "name": "Large", "price_cents": 400}]
    sold = item(name, *groups, variations=sizes, **more)
    sold.pop("price_cents")
    return sold


_DRINKS = menu(
    _sized("Fresh Water", group("Flavor", [option("Guava", aliases=["guayaba"]), option("Lime")], least=1)),
    item("Bottled Soda", group("Soda Flavor", [option("Guayaba", aliases=["guava"]), option("Cola")], least=1)),
)


def test_a_word_that_is_the_one_required_choice_of_two_items_said_alone_isasked() -> None:
    # the soda needs nothing more, the fresh water still its size: neither is meant over the other
    assert asked(_DRINKS, "a guava")
    assert noted_lines(_DRINKS, "a bottled soda guava") == [("Bottled Soda", 1, ["Guayaba"], "")]
    assert noted_lines(_DRINKS, "a cola") == [("Bottled Soda", 1, ["Cola"], "")]


_SHELLFISH = menu(
    _piece("Cove Oysters", group("Sauces", [option("Lemon", default=True), option("Horseradish")], most=2)),
    _piece("Bay Oysters", group("Sauces", [option("Lemon", default=True), option("Horseradish")], most=2)),
    item("Mixed Half Dozen", _kinds(6), price_cents=0),
)


def test_a_part_of_a_box_name_that_is_a_size_said_with_an_item_name_is_that_size() -> None:
    # "half dozen" is the box's name in part and the Cove Oysters' size: the oysters named say which
    assert noted_lines(_SHELLFISH, "a half dozen cove oysters") == [("Cove Oysters", 1, ["Half Dozen", "Lemon"], "")]


_OYSTER_KINDS = [option("Cove", aliases=["coves"], max_quantity=6), option("Bay", aliases=["bays"], max_quantity=6)]
_OYSTER_BOX = menu(
    _piece("Cove Oysters", aliases=["coves"]),
    _piece("Bay Oysters", aliases=["bays"]),
    item("Mixed Half Dozen", group("Oysters", _OYSTER_KINDS, least=6, most=6), price_cents=0),
)


def test_a_size_said_by_a_part_of_a_box_name_keeps_the_count_said() -> None:
    # generated oyster-bar "3 kumies with 1/2 dozen, 2 lemon": the Kumamoto Oysters' Half Dozen, three of them
    assert noted_lines(_OYSTER_BOX, "two half dozen coves") == [("Cove Oysters", 2, ["Half Dozen"], "")]
    assert noted_lines(_OYSTER_BOX, "3 bays with half dozen") == [("Bay Oysters", 3, ["Half Dozen"], "")]


def test_a_last_choice_every_line_of_one_kind_takes_goes_on_each() -> None:
    assert noted_lines(_SHELLFISH, "a dozen cove oysters and a half dozen bay oysters, no horseradish") == [
        ("Cove Oysters", 1, ["Dozen", "Lemon"], "no horseradish"),
        ("Bay Oysters", 1, ["Half Dozen", "Lemon"], "no horseradish"),
    ]


_TAMALES = menu(
    _piece("Rajas con Queso Tamale", group("Add-Ons", [option("Queso Fresco", aliases=["queso"])], most=2)),
    _piece("Red Pork Tamale", group("Add-Ons", [option("Queso Fresco", aliases=["queso"])], most=2)),
)


def test_a_name_said_out_of_order_where_others_read_the_word_as_their_choice_isasked() -> None:
    # "tamales de queso": the Rajas con Queso, or a Red Pork Tamale with Queso Fresco
    assert asked(_TAMALES, "two tamales de queso")
    assert noted_lines(_TAMALES, "two rajas con queso tamales") == [("Rajas con Queso Tamale", 2, ["Each"], "")]
