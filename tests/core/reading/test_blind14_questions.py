"""Clear phrases blind14 asked about (hk-cafe, meat-and-three, cake-shop): each kind on a menu built here, and the
corpus examples read right (issue #23)."""

from __future__ import annotations

import pytest

from app.core.reading.lines import said_lines
from app.errors import CartError
from tests.core.reading.menus import corpus_outcome, group, item, menu, noted_lines, option


def _outcome(said: object) -> str:
    return corpus_outcome("blind14", said)


_FLAVOR = group("Flavor", [option("Vanilla", aliases=["white"]), option("Chocolate")], least=1)
_FROSTING = group("Frosting", [option("Buttercream", default=True), option("Fudge Icing")], least=1)
_CANDLES = group("Candles", [option("Sparkler", max_quantity=2), option("Birthday Candles")], most=3)
_WRITTEN = "Writing on top is free: tell us the words."
_BAKERY = menu(
    item("Layer Cake", _FLAVOR, _FROSTING, _CANDLES, aliases=["cake"], description=_WRITTEN),
    item("Cookie Tin", _FLAVOR, description="A dozen cookies."),
)


def test_a_message_lead_is_never_mended_into_a_menu_word() -> None:
    # "write" is one letter from Vanilla's alias "white": it leads the message, never a flavour
    assert noted_lines(_BAKERY, "chocolate cake, write its a girl in pink") == [
        ("Layer Cake", 1, ["Buttercream", "Chocolate"], "its a girl in pink")
    ]


def test_a_message_is_led_by_say_should_say_or_put_a_name() -> None:
    assert noted_lines(_BAKERY, "vanilla cake, and it should say happy birthday maya")[0][3] == "happy birthday maya"
    assert noted_lines(_BAKERY, "vanilla cake, says happy anniversary")[0][3] == "happy anniversary"
    assert noted_lines(_BAKERY, "a vanilla cake, just put his name, leo")[0][3] == "leo"


def test_an_item_offering_writing_takes_a_last_part_of_its_own_words_as_the_message() -> None:
    assert noted_lines(_BAKERY, "chocolate cake, two sparklers and happy graduation sam on it") == [
        ("Layer Cake", 1, ["Buttercream", "Chocolate", "Sparkler", "Sparkler"], '"happy graduation sam"')
    ]
    assert noted_lines(_BAKERY, "layer cake", ("chocolate", "happy graduation sam"))[0][3] == '"happy graduation sam"'


def test_words_left_on_an_item_offering_no_writing_or_about_a_choice_are_asked() -> None:
    with pytest.raises(CartError):
        said_lines(_BAKERY, "chocolate cookie tin, happy graduation sam")
    with pytest.raises(CartError):  # a head noun of a choice: a frosting the menu lacks, never a message
        said_lines(_BAKERY, "chocolate cake, mocha icing")
    with pytest.raises(CartError):  # one word is too little to be a message
        said_lines(_BAKERY, "chocolate cake, sprinkles")


@pytest.mark.parametrize(
    "said",
    [
        "I need a cake, uh, ten inch red velvet with cream cheese, raspberry filling, and it should say Congrats Maya",
        "quarter sheet carrot cake, cream cheese icing, with a pack of candles, and write Happy Retirement Linda",
        "a smash cake, vanilla with whipped cream, for my son's first birthday, just put his name, Leo",
        "quarter sheet vanilla with fresh berries and whipped cream, write It's a Girl in pink",
        "a half sheet chocolate with bavarian cream, chocolate icing, two sparklers and Happy Birthday Grandma on it",
        "a chocolate cake with chocolate frosting, happy birthday Jaden",
        {"item": "cookie cake", "modifiers": ["16 inch", "chocolate border", "Happy Graduation Sam"]},
    ],
)
def test_cake_shop_messages(said: object) -> None:
    assert _outcome(said) == "right"
