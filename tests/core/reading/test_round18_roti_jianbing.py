"""Round 18 (fix18b): what an item's description says it comes with or what its house word is, on menus built
here and on the corpus examples (issue #23; blind15 roti-shop and jianbing-cart, silently wrong lines).

- "with everything" where the description says "'everything' means every topping" / "all five chutneys": every
  option of that group, less one said after "but" (no note) or apart ("…, no coleslaw": a note beside it);
- "double egg", "three eggs" where the description says the item comes with one egg and the option is "Extra Egg":
  the whole counted, so only the rest are extra.
"""

from __future__ import annotations

import pytest

from app.core.reading.lines import said_lines
from app.errors import CartError
from tests.core.reading.menus import corpus_outcome, group, item, menu, noted_lines, option

_SAUCES = [option("Tamarind", max_quantity=2), option("Mango", max_quantity=2), option("Garlic", max_quantity=2)]
_STALL = menu(
    item(
        "Chana Wrap",
        group("Heat", [option("No Heat"), option("Slight Heat", aliases=["slight"])], least=1),
        group("Sauces", _SAUCES, most=6),
        description="Flatbread with chickpeas. 'Everything' means all three sauces.",
    ),
    item(
        "Fish Bun",
        group("Toppings", [option("Lettuce"), option("Pickles"), option("Slaw")], most=3),
        description="Fried fish. Toppings bar: 'everything' means every topping.",
    ),
    item("Plain Bun", group("Toppings", [option("Lettuce"), option("Pickles")], most=2)),
)

_EGGS = group("Extra Eggs", [option("Extra Egg", aliases=["egg"], max_quantity=2)], most=2)
_CART = menu(
    item("Crepe", _EGGS, description="Bean crepe with one egg, scallion and sauce"),
    item("Noodle Soup", group("Extra Eggs", [option("Extra Egg", aliases=["egg"], max_quantity=2)], most=2)),
)


def test_everything_is_every_option_of_the_group_its_description_names() -> None:
    assert noted_lines(_STALL, "two chana wraps, slight, with everything") == [
        ("Chana Wrap", 2, ["Garlic", "Mango", "Slight Heat", "Tamarind"], "")
    ]
    assert noted_lines(_STALL, "a fish bun with everything") == [("Fish Bun", 1, ["Lettuce", "Pickles", "Slaw"], "")]


def test_everything_but_one_leaves_it_out_and_everything_no_one_keeps_a_note() -> None:
    assert noted_lines(_STALL, "a chana wrap with everything but mango, slight") == [
        ("Chana Wrap", 1, ["Garlic", "Slight Heat", "Tamarind"], "")
    ]
    assert noted_lines(_STALL, "fish bun", ("everything", "no slaw")) == [
        ("Fish Bun", 1, ["Lettuce", "Pickles"], "no slaw")
    ]
    assert noted_lines(_STALL, "fish bun no lettuce, everything else") == [
        ("Fish Bun", 1, ["Pickles", "Slaw"], "no lettuce")
    ]


def test_everything_the_menu_never_defines_is_asked_never_dropped() -> None:
    with pytest.raises(CartError):
        said_lines(_STALL, "a plain bun with everything")


def test_a_count_of_a_thing_the_item_includes_one_of_counts_the_included_one() -> None:
    assert noted_lines(_CART, "crepe with double egg") == [("Crepe", 1, ["Extra Egg"], "")]
    assert noted_lines(_CART, "crepe with three eggs") == [("Crepe", 1, ["Extra Egg", "Extra Egg"], "")]
    assert noted_lines(_CART, "crepe with two extra eggs") == [("Crepe", 1, ["Extra Egg", "Extra Egg"], "")]
    assert noted_lines(_CART, "crepe with egg") == [("Crepe", 1, ["Extra Egg"], "")]
    with pytest.raises(CartError):
        said_lines(_CART, "crepe with four eggs")  # three extra of two allowed: asked


def test_a_count_of_a_thing_no_description_counts_is_extra_as_said() -> None:
    assert noted_lines(_CART, "noodle soup with double egg") == [("Noodle Soup", 1, ["Extra Egg", "Extra Egg"], "")]


@pytest.mark.parametrize(
    "said",
    [
        "two doubles, slight pepper, with everything",
        "gimme a doubles with everything but kuchela, slight pepper",
        "bake and shark with everything but pineapple",
        "bake and shark no pepper, everything else",
        {"item": "bake and shark", "modifiers": ["everything", "no coleslaw"]},
        {"item": "doubles", "modifiers": ["slight", "everything"]},
    ],
)
def test_roti_shop_everything(said: object) -> None:
    assert corpus_outcome("blind15", said) == "right"


@pytest.mark.parametrize("said", ["jianbing with double egg", "jianbing with three eggs"])
def test_jianbing_cart_eggs(said: object) -> None:
    assert corpus_outcome("blind15", said) == "right"
