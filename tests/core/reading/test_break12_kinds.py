"""Kinds a black-box breaker (round 12) found read silently wrong (issue #23): each on a small menu built here,
and its examples read on the corpus menus through the voice tool."""

from __future__ import annotations

import pytest

from app.core.reading.lines import said_lines
from app.errors import CartError
from tests.core.reading.menus import corpus_lines, group, item, menu, named_lines, option


def _negated_heat() -> object:
    heat = group("Heat", [option("Regular", default=True), option("Not Spicy"), option("Extra Spicy")], least=1, most=1)
    syrup = group("Syrup", [option("Sugar-Free Hazelnut"), option("Caramel")], most=2)
    return menu(item("Kung Pao Shrimp", heat), item("Cold Coffee", syrup))


def test_a_bare_word_never_picks_the_option_that_negates_it() -> None:
    """ "kung pao shrimp spicy": never Not Spicy (its "spicy" without the "not"); which heat is asked, or the
    Extra Spicy when "extra" is said; "sugar" is never the Sugar-Free Hazelnut."""
    m = _negated_heat()
    with pytest.raises(CartError):
        said_lines(m, "kung pao shrimp spicy")  # type: ignore[arg-type]
    assert named_lines(m, "kung pao shrimp extra spicy") == [("Kung Pao Shrimp", ["Extra Spicy"], None)]  # type: ignore[arg-type]
    assert named_lines(m, "kung pao shrimp not spicy") == [("Kung Pao Shrimp", ["Not Spicy"], None)]  # type: ignore[arg-type]
    try:
        got = named_lines(m, "a cold coffee with sugar")  # type: ignore[arg-type]
    except CartError:
        return
    assert all("Sugar-Free Hazelnut" not in names for _, names, _ in got)


def _foamy() -> object:
    ice = group("Ice", [option("Light Ice"), option("Extra Ice")])
    temp = group("Temperature", [option("Iced", modifier_groups=[ice]), option("Warm")])
    foam = group("Foam", [option("Extra Foam"), option("Light Foam"), option("No Foam")])
    return menu(item("Flat White", temp, foam))


def test_with_a_thing_at_its_unnamed_plain_level_adds_nothing() -> None:
    """Where a group names only levels of one thing (Extra / Light / No Foam) and none is the default, the item
    comes with it: "with foam" adds nothing, never the Extra Foam; "with ice" on the Iced (Light / Extra Ice
    under it) the same; "extra foam" is still the Extra Foam."""
    m = _foamy()
    assert named_lines(m, "a flat white with foam") == [("Flat White", [], None)]  # type: ignore[arg-type]
    assert named_lines(m, "an iced flat white with ice") == [("Flat White", ["Iced"], None)]  # type: ignore[arg-type]
    assert named_lines(m, "a flat white with extra foam") == [("Flat White", ["Extra Foam"], None)]  # type: ignore[arg-type]
    try:
        got = named_lines(m, "a flat white with ice")  # type: ignore[arg-type]
    except CartError:
        return
    assert all("Extra Ice" not in names for _, names, _ in got)


@pytest.mark.parametrize(
    ("menu_id", "said", "wanted"),
    [
        ("chinese-takeout", "orange chicken spicy", None),
        ("grind-coffee", "a large latte with foam", [("Latte", 1, ("Large", "Whole Milk"))]),
        ("grind-coffee", "a large iced latte with ice", [("Latte", 1, ("Iced", "Large", "Whole Milk"))]),
    ],
)
def test_break12_negated_and_plain_levels(menu_id: str, said: str, wanted: list[object] | None) -> None:
    """The breaker's examples: asked, or the line said (never Not Spicy, Extra Foam, Extra Ice)."""
    got = corpus_lines(menu_id, said)
    assert got == (["ask"] if wanted is None else wanted)
