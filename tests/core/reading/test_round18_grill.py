"""Round 18 (fix18b): clear orders of blind15's korean-bbq and jianbing-cart that were asked needlessly (issue #23),
on a menu built here and on the corpus examples:

- "another order of kalbi", "one more order of brisket": one more, said as the count (never a word to ask about);
- "we'll do the galbi" / "galbi, well, two orders": "well" (the apostrophe of "we'll" dropped) is a hesitation;
- "galbi for the table": whom it is for, even where a category is called "For the Table" (a category is never
  ordered, so its words keep nothing the customer says);
- "makgeolli, two bottles" where the description sells it "By the bottle": the line's count;
- "one crepe regular": as it comes, where the item has no size and no choice called so.
"""

from __future__ import annotations

import pytest

from tests.core.reading.menus import corpus_outcome, group, item, menu, noted_lines, option

_SPICE = group("Spice", [option("Mild", aliases=["regular spicy"], default=True), option("Hot")], least=1)
_GRILL = menu(
    item("Galbi", aliases=["kalbi"], description="Short rib, per portion", category="Grill"),
    item("LA Galbi", description="Flanken short rib, per portion", category="Grill"),
    item("Brisket", description="Thin brisket, per portion", category="Grill"),
    item("Pancake", category="For the Table"),
    item("Rice Wine", description="By the bottle (750 ml)", category="Drinks"),
    item("Crepe", _SPICE, description="Bean crepe with one egg"),
    item("Water"),
)


def test_another_and_one_more_are_one() -> None:
    assert noted_lines(_GRILL, "can we get another order of kalbi and another pancake") == [
        ("Galbi", 1, [], ""),
        ("Pancake", 1, [], ""),
    ]
    assert noted_lines(_GRILL, "one more order of brisket please") == [("Brisket", 1, [], "")]


def test_well_is_a_hesitation() -> None:
    assert noted_lines(_GRILL, "we'll do the galbi") == [("Galbi", 1, [], "")]
    assert noted_lines(_GRILL, "galbi, well, two orders") == [("Galbi", 2, [], "")]


def test_for_the_table_is_whom_it_is_for_beside_a_category_so_named() -> None:
    assert noted_lines(_GRILL, "galbi for the table, two orders") == [("Galbi", 2, [], "")]


def test_a_count_in_the_unit_the_description_sells_by_is_the_count() -> None:
    assert noted_lines(_GRILL, "rice wine, two bottles") == [("Rice Wine", 2, [], "")]


def test_regular_of_an_item_with_no_such_choice_is_as_it_comes() -> None:
    assert noted_lines(_GRILL, "one crepe regular, and a water") == [
        ("Crepe", 1, ["Mild"], ""),
        ("Water", 1, [], ""),
    ]


@pytest.mark.parametrize(
    "said",
    [
        "one more order of brisket please",
        "can we get another order of kalbi and another rice",
        "galbi for the table, well, two orders",
        "ok so for the table, combo for three: bulgogi, spicy pork and brisket, doenjang stew and steamed egg, "
        "plus a seafood pancake and four cass",
        "uh lemme get like... one jianbing regular, and uh a water",
    ],
)
def test_blind15_clear_orders(said: str) -> None:
    assert corpus_outcome("blind15", said) == "right"
