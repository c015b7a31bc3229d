"""Kinds blind8 asked about needlessly (issue #23): clear phrases the reader asked a question about. Each on a
small menu built here, and its corpus examples read through the voice tool."""

from __future__ import annotations

from typing import Any

import pytest

from app.core.menu import Menu
from app.core.reading.lines import said_lines
from app.errors import CartError
from tests.core.reading.menus import corpus_outcome, group, item, menu, named_lines, option, pick_names


def _right(said: object) -> str:
    return corpus_outcome("blind8", said)


def _size(name: str, *aliases: str) -> dict[str, Any]:
    return {"id": name.lower().replace(" ", "-").replace(".", "-"), "name": name, "price_cents": 100,
            "aliases": list(aliases)}  # fmt: skip


def _sized(name: str, *groups: dict[str, Any], **more: Any) -> dict[str, Any]:
    """An item sold in ``more["variations"]`` (no price of its own)."""
    out = item(name, *groups, **more)
    del out["price_cents"]
    return out


def _seasonings() -> list[dict[str, Any]]:
    return [
        group("Seasoning", [option("Cajun"), option("Lemon Pepper")], least=1),
        group("Heat", [option("Mild"), option("Hot")], least=1),
    ]


def _boil() -> Menu:
    pounds = [_size("1/2 lb", "half a pound"), _size("1 lb", "a pound"), _size("1.5 lb", "a pound and a half")]
    catch = group(
        "Catch",
        [
            option("1 lb Shrimp", aliases=["shrimp"], modifier_groups=_seasonings(), max_quantity=2),
            option("1 Crab", aliases=["crab"], modifier_groups=_seasonings(), max_quantity=2),
        ],
        least=2,
        most=2,
    )
    return menu(
        _sized("Shrimp", *_seasonings(), variations=pounds),
        item("Pick Two", catch, aliases=["pick two combo"]),
    )


# --- an amount and a half the menu sells itself ------------------------------------------------------


def test_an_amount_and_a_half_the_menu_sells_is_that_amount() -> None:
    """ "a pound and a half of shrimp": the menu's own 1.5 lb (said by its alias), never a pound and a half
    pound as two lines (the menu sells that amount: blind8 seafood-boil)."""
    assert named_lines(_boil(), "a pound and a half of shrimp, cajun, mild") == [
        ("Shrimp", ["1.5 lb", "Cajun", "Mild"], None)
    ]
    assert named_lines(_boil(), "half a pound of shrimp, lemon pepper, hot") == [
        ("Shrimp", ["1/2 lb", "Hot", "Lemon Pepper"], None)
    ]


# --- a pick's nested choices -------------------------------------------------------------------------


def _picks(text: str, modifiers: tuple[str, ...] = ()) -> list[list[str]]:
    return [pick_names(line.picks) for line in said_lines(_boil(), text, modifiers)]


_EACH = sorted(
    ["1 Crab", "1 Crab > Cajun", "1 Crab > Mild", "1 lb Shrimp", "1 lb Shrimp > Cajun", "1 lb Shrimp > Mild"]
)


def test_nested_choices_said_after_each_pick_are_that_picks() -> None:
    """ "the pick two with crab cajun mild and shrimp lemon pepper hot": each seasoning and heat right after
    its pick (with only nested choices between) is that pick's."""
    got = _picks("the pick two with crab cajun mild and shrimp lemon pepper hot")
    want = [
        "1 Crab",
        "1 Crab > Cajun",
        "1 Crab > Mild",
        "1 lb Shrimp",
        "1 lb Shrimp > Hot",
        "1 lb Shrimp > Lemon Pepper",
    ]
    assert got == [sorted(want)]


@pytest.mark.parametrize(
    ("text", "modifiers"),
    [
        ("pick two combo, shrimp and crab, both cajun mild", ()),
        ("pick two combo, shrimp and crab, cajun mild for each", ()),
        ("pick two combo", ("shrimp", "crab", "cajun", "cajun", "mild", "mild")),
    ],
)
def test_a_nested_choice_said_for_both_picks_is_each_ones(text: str, modifiers: tuple[str, ...]) -> None:
    """ "both cajun mild", or cajun said once for each pick: one under each pick said that offers it."""
    assert _picks(text, modifiers) == [_EACH]


@pytest.mark.parametrize(
    ("text", "modifiers"),
    [
        ("pick two combo, shrimp and crab, cajun mild", ()),
        ("pick two combo", ("shrimp", "crab", "cajun", "lemon pepper", "mild", "mild")),
        ("pick two combo", ("shrimp", "crab", "cajun", "mild", "mild")),
    ],
)
def test_a_nested_choice_said_once_for_two_picks_is_asked(text: str, modifiers: tuple[str, ...]) -> None:
    """Said once with no "both" (or two different ones with nothing placing them): which pick is asked."""
    with pytest.raises(CartError):
        _picks(text, modifiers)


# --- the item built to order, when only its choices are said -----------------------------------------


def _ices() -> Menu:
    def groups(*defaults: str) -> list[dict[str, Any]]:
        flavours = [option(n, default=n in defaults) for n in ("Strawberry", "Lilikoi", "Mango", "Blue Vanilla")]
        tops = [option(n, default=n in defaults) for n in ("Snow Cap", "Mochi")]
        return [group("Flavors", flavours, least=1, most=3), group("Toppings", tops, most=2)]

    sizes = [_size("Small"), _size("Large")]
    return menu(
        _sized("Shave Ice", *groups(), aliases=["snow cone"], variations=sizes),
        _sized("Rainbow", *groups("Strawberry", "Mango", "Blue Vanilla"), variations=sizes),
        _sized("Sunrise", *groups("Lilikoi", "Snow Cap"), variations=sizes),
    )


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("small strawberry", ["Small", "Strawberry"]),
        ("large lilikoi and mango", ["Large", "Lilikoi", "Mango"]),
        ("a small strawberry, mango and blue vanilla with mochi", ["Blue Vanilla", "Mango", "Mochi", "Small",
                                                                     "Strawberry"]),
        ("large mango with snow cap", ["Large", "Mango", "Snow Cap"]),
    ],
)  # fmt: skip
def test_only_choices_said_name_the_item_built_to_order(text: str, want: list[str]) -> None:
    """No item named, only choices every item offers alike: the one whose groups said come with nothing (the
    Shave Ice), not a specialty that comes with its flavours (had by naming it) — even where a choice shares a
    word with its alias ("snow cap", "snow cone")."""
    assert named_lines(_ices(), text) == [("Shave Ice", want, None)]


def test_a_specialty_named_keeps_its_own_flavours() -> None:
    assert named_lines(_ices(), "a small rainbow") == [("Rainbow", ["Blue Vanilla", "Mango", "Small", "Strawberry"],
                                                        None)]  # fmt: skip


@pytest.mark.parametrize(
    "said",
    [
        "lemme get a pound and a half of shrimp, garlic butter, mild",
        "pick two combo, shrimp and crawfish, both cajun medium",
        "the pick two with snow crab garlic butter mild and shrimp the works hot",
        {"item": "pick two combo", "modifiers": ["shrimp", "crawfish", "cajun", "cajun", "hot", "hot"]},
        {"item": "pick two combo", "modifiers": ["lobster tail garlic butter mild", "snow crab cajun hot"]},
        "keiki strawberry",
        "small cotton candy with gummy bears",
        "a large banana and grape with gummy bears and mochi and snow cap and haupia",
        "a medium with strawberry, lilikoi and coconut, snow cap, ice cream on the bottom",
        "acht Sigara Börek bitte",
        "four cheese rolls and a turkish tea",
        "bir dürüm tavuk, acılı",
        "beef curry 300 grams sweet with karaage, no onions",
        {"item": "pork curry", "modifiers": ["300 g", "standard", "no fukujinzuke"]},
    ],
)
def test_blind8_clear_phrases_are_read(said: object) -> None:
    assert _right(said) == "right"


# --- a count in the menu's language, of an item sold in pieces ----------------------------------------


def _grill() -> Menu:
    pieces = [_size("4 Stück", "vier stück"), _size("8 Stück", "acht stück")]
    meat = group("Fleisch", [option("Kalb"), option("Hähnchen", aliases=["tavuk"])], least=1)
    return menu(_sized("Börek", variations=pieces, aliases=["cheese rolls"]), item("Dürüm", meat))


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("acht Börek bitte", [("Börek", ["8 Stück"], None)]),
        ("four cheese rolls", [("Börek", ["4 Stück"], None)]),
        ("bir dürüm tavuk", [("Dürüm", ["Hähnchen"], None)]),
        ("einmal Dürüm Kalb", [("Dürüm", ["Kalb"], None)]),
    ],
)
def test_a_count_said_in_the_menus_language_counts(text: str, want: list[tuple[str, list[str], None]]) -> None:
    """ "acht Börek" where the Börek comes in "4 Stück" / "8 Stück": the count is the pieces (Stück is "piece"),
    one order; "bir" (Turkish) and "einmal" (German) are one."""
    assert named_lines(_grill(), text) == want


# --- "no X" of a thing no default could be -------------------------------------------------------------


def _curries() -> Menu:
    spice = group("Spice Level", [option("Sweet"), option("Standard", default=True)], least=1)
    sides = group("Sides", [option("Pickles", default=True), option("Slaw")], most=2)
    return menu(item("Beef Curry", spice), item("Katsu Curry", spice, sides), item("Fukujinzuke"))


@pytest.mark.parametrize("text", ["beef curry sweet, no onions", "beef curry, no fukujinzuke"])
def test_no_x_where_only_a_required_choice_comes_with_it_is_a_note(text: str) -> None:
    """ "no onions" where all that comes with the curry is its one required Spice Level (replaced, never taken
    off): a kitchen note said back, never a question about the spice."""
    (line,) = named_lines(_curries(), text)
    assert line[0] == "Beef Curry" and line[2] is not None and line[2].startswith("no ")


def test_no_x_where_a_default_may_be_taken_off_is_asked() -> None:
    """ "no onions" where Pickles come with it and may go: X might be them under another name — asked."""
    with pytest.raises(CartError):
        named_lines(_curries(), "katsu curry, no onions")
