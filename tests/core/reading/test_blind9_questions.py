"""Kinds blind9's clear phrases were asked about needlessly (issue #23): each on a small menu built here,
and its examples read on the corpus menus through the voice tool."""

from __future__ import annotations

import pytest

from app.core.menu import Menu
from app.errors import CartError
from tests.core.reading.menus import corpus_lines, counted_lines, group, item, menu, option


def _steaks() -> Menu:
    cheese = group("Cheese", [option("Whiz"), option("American")], least=1)
    said = [option("Fried Onions", aliases=["wit"]), option("No Onions", aliases=["witout"])]
    onions, loose = group("Onions", said, least=1), group("Onions", said)
    toppings = group("Toppings", [option("Peppers"), option("Mushrooms")], most=2)
    roll = group("Roll", [option("Plain Roll", default=True), option("Seeded Roll", aliases=["seeded"])], least=1)
    return menu(
        item("Steak", cheese, onions, toppings, roll),
        item("Chicken Steak", cheese, onions, toppings, roll),
        item("Pizza Steak", cheese, loose, toppings, roll),
        item("Fries"),
    )


def test_choices_only_read_as_the_item_the_others_qualify() -> None:
    """ "a whiz wit": the Steak and the Chicken Steak both have those as required answers (the Pizza Steak's
    onions are optional), and the Chicken Steak is the Steak with a word more — the Steak is meant; "chicken"
    said has the other. An add-on said too ("peppers") reads on every one alike and changes nothing."""
    m = _steaks()
    assert counted_lines(m, "a whiz wit") == [("Steak", 1, ["Fried Onions", "Plain Roll", "Whiz"])]
    assert counted_lines(m, "two american witout peppers") == [
        ("Steak", 2, ["American", "No Onions", "Peppers", "Plain Roll"])
    ]
    chicken = [("Chicken Steak", 1, ["Fried Onions", "Plain Roll", "Whiz"])]
    assert counted_lines(m, "a chicken steak whiz wit") == chicken


def test_choices_only_still_asked_where_no_item_is_the_plain_one() -> None:
    """Two items answering alike whose names do not build on one another: asked, never one by menu order."""
    cheese = group("Cheese", [option("Whiz"), option("American")], least=1)
    onions = group("Onions", [option("Fried Onions", aliases=["wit"]), option("No Onions")], least=1)
    m = menu(item("Steak", cheese, onions), item("Chicken Hoagie", cheese, onions))
    with pytest.raises(CartError):
        counted_lines(m, "a whiz wit")


def test_all_said_after_several_pieces_of_choices_is_on_each() -> None:
    """ "one whiz wit, one american witout, all on seeded": the roll on every line, never on the last alone;
    where one of them cannot have it, asked."""
    m = _steaks()
    assert counted_lines(m, "one whiz wit, one american witout, all on seeded") == [
        ("Steak", 1, ["American", "No Onions", "Seeded Roll"]),
        ("Steak", 1, ["Fried Onions", "Seeded Roll", "Whiz"]),
    ]
    with pytest.raises(CartError):
        counted_lines(m, "a whiz wit and a fries, all on seeded")


@pytest.mark.parametrize(
    ("said", "want"),
    [
        ("one whiz wit", [("Cheesesteak", 1, ("Amoroso Roll", "Cheez Whiz", "Fried Onions", "Whole"))]),
        ("two provolone witout", [("Cheesesteak", 2, ("Amoroso Roll", "No Onions", "Provolone", "Whole"))]),
        (
            "one whiz wit, extra whiz",
            [("Cheesesteak", 1, ("Amoroso Roll", "Cheez Whiz", "Extra Cheese", "Fried Onions", "Whole"))],
        ),
        (
            "one whiz wit, one American witout, and one provolone wit peppers, all on seeded",
            [
                ("Cheesesteak", 1, ("American", "No Onions", "Seeded Roll", "Whole")),
                ("Cheesesteak", 1, ("Cheez Whiz", "Fried Onions", "Seeded Roll", "Whole")),
                ("Cheesesteak", 1, ("Fried Onions", "Fried Peppers", "Provolone", "Seeded Roll", "Whole")),
            ],
        ),
    ],
)
def test_blind9_cheesesteak_orders_said_philly_style(said: str, want: list[tuple[str, int, tuple[str, ...]]]) -> None:
    assert corpus_lines("cheesesteak-shop", said) == want


def _plates() -> Menu:
    sides = group("Sides", [option("Sambar", default=True), option("Chutney", default=True)], most=2)
    return menu(
        item("Idli", sides, aliases=["plate idli"], description="2 pieces per plate"),
        item("Vada", sides, description="2 pieces per plate"),
        item("Idli Vada", sides, description="2 idlis and 1 vada"),
        item("Coffee"),
    )


def test_a_count_said_in_the_unit_the_menu_sells_by_counts_orders() -> None:
    """ "two plate vada": "plate" is what one order is ("2 pieces per plate"), never a word of the Idli's
    alias "plate idli" left to ask about; "one plate idli vada" is the Idli Vada, "two plates of vada" two
    Vadas, and "two plate idli" the Idli (its alias said whole)."""
    m = _plates()
    assert counted_lines(m, "two plate vada") == [("Vada", 2, ["Chutney", "Sambar"])]
    assert counted_lines(m, "two plates of vada") == [("Vada", 2, ["Chutney", "Sambar"])]
    assert counted_lines(m, "one plate idli vada") == [("Idli Vada", 1, ["Chutney", "Sambar"])]
    assert counted_lines(m, "two plate idli") == [("Idli", 2, ["Chutney", "Sambar"])]


def test_a_unit_no_description_sells_by_is_still_asked() -> None:
    """ "two cups of vada": "cup" is no unit the menu sells by — the word stays, to be asked about."""
    with pytest.raises(CartError):
        counted_lines(_plates(), "two cups vada")


@pytest.mark.parametrize(
    ("said", "want"),
    [
        ("two plate vada", [("Medu Vada", 2, ("Coconut Chutney", "Sambar", "Tomato Chutney"))]),
        (
            "three plate idly, two plate vada, and four coffee",
            [
                ("Filter Coffee", 4, ("With Sugar",)),
                ("Idli", 3, ("Coconut Chutney", "Sambar", "Tomato Chutney")),
                ("Medu Vada", 2, ("Coconut Chutney", "Sambar", "Tomato Chutney")),
            ],
        ),
    ],
)
def test_blind9_dosa_plates_counted(said: str, want: list[tuple[str, int, tuple[str, ...]]]) -> None:
    assert corpus_lines("dosa-house", said) == want


def test_a_greeting_or_hesitation_carries_no_order() -> None:
    """ "yo can I get …", "…, eh, make that two": said around an order, never a word to ask about."""
    m = _steaks()
    assert counted_lines(m, "yo can I get a chicken steak whiz wit") == [
        ("Chicken Steak", 1, ["Fried Onions", "Plain Roll", "Whiz"])
    ]
    assert counted_lines(m, "a whiz wit, eh, make that two") == [("Steak", 2, ["Fried Onions", "Plain Roll", "Whiz"])]


def test_how_it_is_served_before_an_item_read_by_its_choice() -> None:
    """ "a pack of butterscotch krimpets": the word before "of" is how it comes, the flavour names the one
    item that has it; where the choice is several items' alike, still asked."""
    flavor = group("Flavor", [option("Butterscotch Krimpets"), option("Kandy Kakes")], least=1)
    m = menu(item("Tastykake", flavor), item("Fries"))
    assert counted_lines(m, "a pack of butterscotch krimpets") == [("Tastykake", 1, ["Butterscotch Krimpets"])]
    shared = group("Flavor", [option("Butterscotch Krimpets")], least=1)
    two = menu(item("Tastykake", flavor), item("Snack Box", shared))
    with pytest.raises(CartError):
        counted_lines(two, "a pack of butterscotch krimpets")


def _beefs() -> Menu:
    dip = group("Dip", [option("Dry"), option("Juicy", default=True), option("Dipped")], least=1)
    peppers = group("Peppers", [option("Hot", aliases=["hot"]), option("Sweet")], most=2)
    side = group("Side", [option("Fries")])
    return menu(item("Beef", dip, peppers, side), item("Hot Dog"), item("Fries"))


def test_some_of_a_counted_item_said_by_a_count_and_choices() -> None:
    """ "four beefs, two dry hot, two dipped sweet": two of the four each way, as "two with …" is; words
    naming an item ("two fries", though the beef has a side of fries) never split the counted ones."""
    m = _beefs()
    assert counted_lines(m, "four beefs, two dry hot, two dipped sweet") == [
        ("Beef", 2, ["Dipped", "Sweet"]),
        ("Beef", 2, ["Dry", "Hot"]),
    ]
    assert counted_lines(m, "two beefs, two hot dogs") == [("Beef", 2, ["Juicy"]), ("Hot Dog", 2, [])]
    assert counted_lines(m, "two beefs, two fries") == [("Beef", 2, ["Juicy"]), ("Fries", 2, [])]


def test_a_count_and_choices_said_after_and_or_answering_again_is_more() -> None:
    """ "four whiz wit and two whiz witout": two more, another way (the onions answered again), never two of
    the four; "four beefs and two dry": never two of the four split off."""
    m = _steaks()
    assert counted_lines(m, "four whiz wit and two whiz witout") == [
        ("Steak", 2, ["No Onions", "Plain Roll", "Whiz"]),
        ("Steak", 4, ["Fried Onions", "Plain Roll", "Whiz"]),
    ]
    assert counted_lines(m, "four steaks whiz wit, two whiz witout") != [
        ("Steak", 2, ["Fried Onions", "Plain Roll", "Whiz"]),
        ("Steak", 2, ["No Onions", "Plain Roll", "Whiz"]),
    ]
    beefs = _beefs()
    try:
        got = counted_lines(beefs, "four beefs and two dry")
    except CartError:
        return
    assert ("Beef", 4, ["Juicy"]) in got


def test_blind9_italian_beefs_split_by_count() -> None:
    assert corpus_lines("italian-beef", "four italian beefs, two dry hot, two dipped sweet") == [
        ("Italian Beef", 2, ("Dipped", "Sweet Peppers")),
        ("Italian Beef", 2, ("Dry", "Hot Giardiniera")),
    ]
