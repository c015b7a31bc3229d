"""Removal lists the session that broke the reader (break10, kind E) read silently wrong (issue #23): "hold
the A and (the) B" takes off both, on a small menu built here and on the corpus menus through the voice tool."""

from __future__ import annotations

import pytest

from tests.core.reading.menus import group, item, menu, option
from tests.core.reading.test_break10_kinds import _lines, _voice


def test_hold_the_a_and_b_takes_off_both_after_a_choice() -> None:
    """ "a torta de pastor, hold the mayo and the tomato": both off — the choice said before ("pastor") makes
    no list of what to add that "hold the" goes on (break10 kind E)."""
    meat = group("Meat", [option("Al Pastor", aliases=["pastor"]), option("Carne Asada")], least=1)
    comes = group("Comes With", [option(n, default=True) for n in ("Mayo", "Tomato", "Lettuce")], most=3)
    m = menu(item("Torta", meat, comes))
    for said in ("a torta de pastor, hold the mayo and the tomato", "a torta de pastor, hold the mayo and tomato"):
        assert _lines(m, said) == [("Torta", ["Al Pastor", "Lettuce"], None)]
    assert _lines(m, "a torta", ("pastor", "hold the mayo and tomato")) == [("Torta", ["Al Pastor", "Lettuce"], None)]


@pytest.mark.parametrize(
    ("menu_id", "said", "gone"),
    [
        ("taqueria", "a torta de pastor, hold the mayo and the tomato", ("Mayo", "Tomato")),
        ("taqueria", "a torta de pastor, hold the mayo and tomato", ("Mayo", "Tomato")),
        ("taqueria", "a torta de pastor, hold the lettuce and the avocado", ("Lettuce", "Avocado")),
        ("taqueria", "a torta asada, hold the beans and the jalapenos", ("Refried Beans", "Jalapeños")),
        ("route-66-diner", "a 1/4 lb burger with american, hold the lettuce and tomato", ("Lettuce", "Tomato")),
        ("bbq-smokehouse", "a stuffed potato with pulled pork, hold the butter and chives", ("Butter", "Chives")),
        (
            "bbq-smokehouse",
            {"item": "stuffed potato", "modifiers": ["brisket", "hold the butter and chives"]},
            ("Butter", "Chives"),
        ),
        ("fish-and-chips", "a large cod and chips, hold the salt and the vinegar", ("Salt", "Vinegar")),
    ],
)
def test_break10_removal_list_is_read_right(menu_id: str, said: object, gone: tuple[str, ...]) -> None:
    got = _voice(menu_id, said)
    assert len(got) == 1 and isinstance(got[0], tuple), got
    assert not set(gone) & set(got[0][2]) and not got[0][3], got
