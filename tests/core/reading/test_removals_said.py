"""A negation's list and "just X" (issue #23, the session that broke the reader): every member of "without X
and Y" is negated — a default taken off, the menu's "No Y" chosen, else a "no y" note — and never added
silently; where it may also be an addition it is asked. "just X" keeps X alone of its group's defaults."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.menu import Menu, load_menu
from app.core.reading.contradictions import check_consistent
from app.core.reading.lines import said_lines
from app.errors import CartError
from app.settings import bundled_menu_dir
from tests.core.reading.menus import group, item, menu, option

DEMO = load_menu(bundled_menu_dir() / "demo-burger.json")


def _corpus(name: str) -> Menu:
    return load_menu(Path(__file__).resolve().parents[2] / "corpus" / "menus" / f"{name}.json")


def _line(m: Menu, text: str, modifiers: tuple[str, ...] = ()) -> tuple[list[str], list[str]]:
    (line,) = said_lines(m, text, modifiers)
    return sorted(p.option.name for p in line.picks), sorted(line.notes)


def _asked(m: Menu, text: str) -> bool:
    """Is ``text`` asked about, by the reader or by the contradiction check every add runs (app.core.turn)?"""
    try:
        for line in said_lines(m, text):
            check_consistent(line.item, line.picks, "; ".join(line.notes))
    except CartError:
        return True
    return False


def _burger() -> Menu:
    toppings = group(
        "Toppings",
        [option("Lettuce", default=True), option("Onions", default=True), option("Ketchup", default=True)],
        most=4,
    )
    toppings["options"].append(option("Mayo"))
    extras = group("Extras", [option("Bacon"), option("Cheese"), option("Sour Cream")], most=3)
    remove = group("Remove", [option("No Tomato"), option("No Pickles")], most=2)
    return menu(item("Burger", toppings, extras, remove))


def test_each_member_of_a_negated_list_is_negated() -> None:
    m = _burger()
    assert _line(m, "a burger, hold the lettuce and the onions") == (["Ketchup"], [])
    assert _line(m, "a burger no tomato no pickles") == (
        ["Ketchup", "Lettuce", "No Pickles", "No Tomato", "Onions"],
        [],
    )
    assert _line(m, "a burger without sour cream and cheese") == (
        ["Ketchup", "Lettuce", "Onions"],
        ["no cheese", "without sour cream"],
    )


def test_a_member_that_may_be_an_addition_is_asked() -> None:
    """ "without onions and mayo" (one group): mayo off or on? Asked, never added silently; a choice of
    another group after the list ("no onions, medium") is not read into it."""
    assert _asked(_burger(), "a burger without onions and mayo")
    assert _asked(_burger(), "a burger, lettuce, without sour cream and cheese")
    assert _line(_burger(), "a burger no onions and extra cheese") == (["Cheese", "Ketchup", "Lettuce"], [])


def test_just_x_keeps_x_alone_of_its_groups_defaults() -> None:
    assert _line(_burger(), "a burger with just ketchup") == (["Ketchup"], [])


@pytest.mark.parametrize(
    ("where", "said"),
    [
        ("burrito-bar", "a chicken burrito, white rice, black beans, without sour cream and cheese"),
        ("burrito-bar", "a chicken bowl, white rice, black beans, without cheese and lettuce"),
    ],
)
def test_corpus_negated_lists_are_asked(where: str, said: str) -> None:
    assert _asked(DEMO if where == "demo" else _corpus(where), said)


def test_corpus_removals_read_exactly() -> None:
    assert _line(DEMO, "a medium burger, hold the onions and the tomato")[0] == ["Medium", "No Onions", "No Tomato"]
    assert _line(DEMO, "a medium burger no lettuce no tomato")[0] == ["Medium", "No Lettuce", "No Tomato"]
    assert _line(_corpus("drive-thru-express"), "an express burger with just ketchup")[0] == ["Ketchup"]
    assert _line(_corpus("steakhouse"), "a baked potato with just butter")[0] == ["Butter"]
