"""Needless questions blind13 asked at the counter (issue #23): each kind on a small menu built here, and its
corpus cases read through the voice tool."""

from __future__ import annotations

import pytest

from tests.core.reading.menus import corpus_outcome, group, item, menu, noted_lines, option


def test_a_combo_named_with_its_number_then_its_picks_listed_is_one_combo() -> None:
    """ "two meat rice, duck and pork": the number starts the combo's own alias ("two meat rice"), so the
    phrase is that one combo with its two meats listed after a comma — never two of a "meat rice", nor the
    listed meats as items of their own (which the menu also sells) whose sizes are asked (blind13
    chicken-rice, cantonese-bbq)."""
    meats = group("Meats", [option("Duck", max_quantity=2), option("Pork", max_quantity=2)], least=2, most=2)
    sizes = [{"id": "half", "name": "Half", "price_cents": 0}, {"id": "whole", "name": "Whole", "price_cents": 0}]
    m = menu(
        item("Two Meat Combo", meats, aliases=["two meat rice"]),
        *({k: v for k, v in item(n).items() if k != "price_cents"} | {"variations": sizes} for n in ("Duck", "Pork")),
    )
    assert noted_lines(m, "two meat rice, duck and pork") == [("Two Meat Combo", 1, ["Duck", "Pork"], "")]
    assert noted_lines(m, "two meat rice, duck and duck") == [("Two Meat Combo", 1, ["Duck", "Duck"], "")]


def test_meats_over_rice_name_the_plate_whose_name_says_over_rice() -> None:
    """ "duck over rice", "duck and pork over rice": the plates named "… Over Rice", their Base said "over rice" in
    words of their name, the one whose Meats take as many as said — never the item Duck with "rice" left to ask
    about, nor Duck and a plate of Pork (blind13 cantonese-bbq)."""
    base = group("Base", [option("Rice", default=True, aliases=["over rice"]), option("Noodles")], least=1)
    meat = [option("Duck", max_quantity=2), option("Pork", max_quantity=2)]
    m = menu(
        item("One Item Over Rice", group("Meats", meat, least=1, most=1), base),
        item("Two Item Over Rice", group("Meats", meat, least=2, most=2), base),
        item("Duck", aliases=["roast duck"]),
        item("Pork"),
    )
    assert noted_lines(m, "duck over rice") == [("One Item Over Rice", 1, ["Duck", "Rice"], "")]
    assert noted_lines(m, "duck and pork over rice") == [("Two Item Over Rice", 1, ["Duck", "Pork", "Rice"], "")]


@pytest.mark.parametrize(
    "said",
    [
        "duck over rice",
        "char siu and roast pork over rice",
        "char siu over rice sauce on the side",
        "two meat rice, roasted chicken and char siu",
        "three meat, steamed chicken, char siew, sio bak, more rice",
        "three meat with roasted chicken drumstick, char siu and roast pork, no ginger",
        "two item rice, duck and char siu, extra sauce",
        "two item rice, duck and duck",
        "two item, soy chicken and crispy pork, no veggies",
    ],
)
def test_combo_lists_on_the_corpus(said: str) -> None:
    assert corpus_outcome("blind13", said) == "right"
