"""Round 16 kinds found on the demo menu and older splits (issue #23): a choice said again whole by its
"extra" name is a repeat (as the id form counts it); "extra X" of a dish with no choices is a note; one
question for a required group missing from several lines of one item; a size said of an item that comes
one way names where that size is."""

from __future__ import annotations

from pathlib import Path

from app.core.menu import load_menu
from app.errors import CartError
from tests.core.reading.menus import group, item, menu, named_lines, option, tool_answer

ROOT = Path(__file__).resolve().parents[3]
_DEMO = load_menu(ROOT / "app/menus/demo-burger.json")


_BURGER = menu(
    item(
        "Burger",
        group("Doneness", [option("Medium"), option("Well Done")], least=1),
        group("Extras", [option("Extra Cheese"), option("Extra Pickles", max_quantity=2)], most=5),
    ),
    item("Fudge Brownie"),
    item("Crab", group("Heat", [option("Mild"), option("Extra Hot", aliases=["extra spicy"])], least=1)),
    item("Corn"),
)


def test_a_once_only_choice_said_twice_whole_is_asked_as_the_id_form_asks() -> None:
    for said in (["medium", "extra cheese", "extra cheese"], ["medium", "extra-cheese", "extra-cheese"]):
        output = tool_answer(_BURGER, {"item": "burger", "modifiers": said})
        assert not output["added"] and "chosen twice" in output["not_added"][0]["message"], said
    output = tool_answer(_DEMO, {"item": "classic burger", "modifiers": ["medium", "extra cheese", "extra cheese"]})
    assert not output["added"] and "chosen twice" in output["not_added"][0]["message"]


def test_a_choice_that_may_be_had_twice_said_twice_whole_is_two() -> None:
    output = tool_answer(_BURGER, {"item": "burger", "modifiers": ["medium", "extra pickles", "extra pickles"]})
    assert sorted(output["added"][0]["options"]) == ["Medium", "two Extra Pickles"]


def test_extra_of_a_dish_with_no_choices_is_a_note() -> None:
    output = tool_answer(_BURGER, {"item": "fudge brownie", "modifiers": ["extra powdered sugar"]})
    assert output["added"][0]["notes"] == "extra powdered sugar"
    assert named_lines(_BURGER, "a fudge brownie, extra powdered sugar") == [
        ("Fudge Brownie", [], "extra powdered sugar")
    ]


def test_extra_said_by_another_items_choice_is_never_the_dish_note() -> None:
    # "extra spicy" is the crab's Extra Hot: never a note on the corn beside it
    try:
        lines = named_lines(_BURGER, "a crab, corn, extra spicy")
    except CartError:
        return  # asked: never wrong
    assert ("Corn", [], "extra spicy") not in lines


def test_one_question_for_a_group_missing_from_two_lines_of_one_item() -> None:
    output = tool_answer(_DEMO, {"item": "two cheeseburgers, one no pickles"})
    assert output["message"].count("Which Doneness") == 1 and "one question for both" in output["message"]
    assert len(output["not_added"]) == 2


def test_a_size_said_of_an_item_that_comes_one_way_names_where_it_is() -> None:
    output = tool_answer(_DEMO, {"item": "a large coke"})
    assert not output["added"]
    (asked,) = output["not_added"]
    assert "has no Size" in asked["message"] and "Fountain Soda" in asked["message"]
