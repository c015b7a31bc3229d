"""A kitchen note keeps what it is about (issue #23, kinds seen in the blind split's first look).

"hash browns extra crispy" and "light on the cheese" lost the choice they named to the options (the
note said "extra crispy" / "light on the"): the kitchen would not know what to make crispy or light.
The choice is said back with the note, or the group it belongs to is asked about — never dropped.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.menu import load_menu
from app.core.reading.lines import said_lines
from app.settings import bundled_menu_dir

DEMO = load_menu(bundled_menu_dir() / "demo-burger.json")


@pytest.mark.parametrize(
    "said",
    ["a cheeseburger medium with cheddar and bacon extra crispy", "cheeseburger medium cheddar, bacon extra crispy"],
)
def test_how_to_make_a_choice_is_said_with_the_choice(said: str) -> None:
    (line,) = said_lines(DEMO, said, (), None)
    assert "bacon extra crispy" in line.notes and "Bacon" in [p.option.name for p in line.picks]


def test_a_note_that_stops_before_its_choice_keeps_it_or_asks() -> None:
    # "light on the" alone would reach the kitchen: the Grilled Onions it is about are said back with it
    (line,) = said_lines(DEMO, "a cheeseburger medium cheddar light on the grilled onions", (), None)
    assert "Grilled Onions" in [p.option.name for p in line.picks]
    assert any(n.startswith("light on the grilled onion") for n in line.notes)  # the words as read (singular)


def test_no_x_takes_off_the_option_it_names_not_one_sharing_a_stem() -> None:
    """ "no peppers" on a pizza with Green Peppers and Pepperoni by default took both off."""
    menu = load_menu(Path(__file__).resolve().parents[2] / "corpus" / "menus" / "slice-house.json")
    (line,) = said_lines(menu, "the works", ("small", "no onions", "no peppers"), None)
    kept = {p.option.name for p in line.picks}
    assert "Pepperoni" in kept and "Green Peppers" not in kept and "Onions" not in kept
