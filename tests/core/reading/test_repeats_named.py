"""A modifier said twice by a name that holds a shorter name of the same option ("extra cheese", "extra cheese"
of an option named Extra Cheese): twice where the option allows it; where it may be had once, never read once
silently — asked as the id form asks ("chosen twice"; round 16: the name said again whole is a repeat, no more
the note "extra cheese" that blind12's "mustard, and extra mustard" keeps) (issue #23, found by a newcomer on
the demo menu)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.core.menu import load_menu
from tests.core.reading.menus import group, item, menu, option, tool_answer

ROOT = Path(__file__).resolve().parents[3]


_BURGER = menu(
    item(
        "Burger",
        group("Doneness", [option("Medium"), option("Well Done")], least=1),
        group("Extras", [option("Extra Cheese"), option("Bacon"), option("Extra Pickles", max_quantity=2)], most=5),
    )
)


def _said_back(output: dict[str, Any]) -> bool:
    """One Extra Cheese with the second said back as a note, or a question: never one in silence."""
    if not output["added"]:
        return bool(output["not_added"])
    (line,) = output["added"]
    return line["options"].count("Extra Cheese") == 1 and "extra cheese" in (line["notes"] or "")


def test_a_once_only_option_said_twice_by_its_extra_name_is_never_once_in_silence() -> None:
    for modifiers in (["medium", "extra cheese", "extra cheese"], ["medium", "extra cheese"] * 2):
        assert _said_back(tool_answer(_BURGER, {"item": "burger", "modifiers": modifiers})), modifiers
    by_id = tool_answer(_BURGER, {"item": "burger", "modifiers": ["medium", "extra-cheese", "extra-cheese"]})
    assert not by_id["added"] and "chosen twice" in by_id["not_added"][0]["message"]


def test_the_phrase_form_is_never_once_in_silence_either() -> None:
    """Said twice in a row in one phrase it may be emphasis or a double: said back or asked."""
    assert _said_back(tool_answer(_BURGER, {"item": "burger medium extra cheese extra cheese"}))


def test_an_option_that_may_be_had_twice_is_chosen_twice() -> None:
    output = tool_answer(_BURGER, {"item": "burger", "modifiers": ["medium", "extra pickles", "extra pickles"]})
    (line,) = output["added"]
    assert sorted(line["options"]) == ["Medium", "two Extra Pickles"]


def test_the_demo_menu_example() -> None:
    demo = load_menu(ROOT / "app/menus/demo-burger.json")
    output = tool_answer(demo, {"item": "classic burger", "modifiers": ["medium", "extra cheese", "extra cheese"]})
    assert _said_back(output)
