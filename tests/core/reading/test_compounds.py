"""Silently wrong readings found by a session that tried to break the reader without reading it (issue #23):
each kind on a small menu built here, and the example it was found on via the voice tool."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core import cart
from app.core.menu import Menu, load_menu
from app.core.reading.lines import said_lines
from app.core.reading.order import read_order
from app.errors import CartError
from app.voice.cart_tools import ToolContext, add_to_order
from bench.matching import NOW, read_voice
from tests.core.reading.menus import group, item, menu, option

ROOT = Path(__file__).resolve().parents[3]


def _corpus(rid: str) -> Menu:
    folder = "app/menus" if rid == "demo-burger" else "tests/corpus/menus"
    return load_menu(ROOT / folder / f"{rid}.json")


def _line(m: Menu, text: str, modifiers: tuple[str, ...] = ()) -> tuple[str, list[str], str | None]:
    (line,) = said_lines(m, text, modifiers)
    names = sorted(p.option.name for p in line.picks) + ([line.variation.name] if line.variation else [])
    return line.item.name, sorted(names), "; ".join(line.notes) or None


def _asked(m: Menu, text: str) -> bool:
    try:
        said_lines(m, text, ())
    except CartError:
        return True
    return False


def _voiced(m: Menu, said: str) -> list[tuple[str, ...]] | None:
    """The option names of the lines the voice tool adds, or None where it asks."""
    answer = read_voice(m, {"said": said, "lines": [], "ask": []})
    return None if answer.asks else [options for _, _, options, _ in answer.lines]


def _drinks() -> Menu:
    milk = group("Milk", [option("Whole Milk", default=True), option("2% Milk"), option("Oat Milk")], least=1)
    shots = group("Shots", [option("Extra Shot", max_quantity=3)], most=3)
    syrup = group("Syrup", [option("Caramel"), option("Vanilla"), option("Sugar-Free Vanilla")], most=2)
    toppings = group(
        "Toppings",
        [option("Boba", max_quantity=2), option("Mango Popping Boba"), option("Strawberry Popping Boba")],
        most=3,
    )
    return menu(item("Latte", milk, shots, syrup), item("Milk Tea", toppings))


def test_a_compound_is_never_read_as_two_options() -> None:
    """The front of one option's name said right before another option ("sugar free caramel",
    "mango boba") modifies that other thing: one option whose name holds all the words, else asked."""
    m = _drinks()
    assert _asked(m, "a latte with sugar free caramel")
    assert _line(m, "a milk tea with mango boba") == ("Milk Tea", ["Mango Popping Boba"], None)
    assert _line(m, "a milk tea with boba") == ("Milk Tea", ["Boba"], None)
    assert _line(m, "a latte with sugar free vanilla") == ("Latte", ["Sugar-Free Vanilla", "Whole Milk"], None)


def test_a_count_is_no_digit_of_an_options_name() -> None:
    """ "a latte, two shots": two Extra Shots, never 2% Milk."""
    m = _drinks()
    assert _line(m, "a latte, two shots") == ("Latte", ["Extra Shot", "Extra Shot", "Whole Milk"], None)
    assert _line(m, "a latte with 2% milk") == ("Latte", ["2% Milk"], None)


@pytest.mark.parametrize(
    ("rid", "said"),
    [
        ("grind-coffee", "a latte with sugar free caramel"),
        ("grind-coffee", "a latte, two shots"),
        ("tea-lab", "a milk tea with mango boba"),
    ],
)
def test_corpus_compounds_never_two_options(rid: str, said: str) -> None:
    for reading in read_order(_corpus(rid), said):
        options = {o.name for o in getattr(reading, "options", ())}
        assert not {"Caramel", "Sugar-Free Vanilla"} <= options, options
        assert "2% Milk" not in options, options
        assert not {"Mango Popping Boba", "Boba"} <= options, options


def _burger() -> Menu:
    extras = group("Extras", [option("Bacon"), option("Avocado"), option("Warmed")], most=3)
    remove = group("Remove", [option("No Onions"), option("No Pickles")], most=2)
    sauce = group("Sauce", [option("Ketchup", default=True), option("Mayo")], most=2)
    return menu(item("Burger", extras, remove, sauce))


def test_a_negation_before_x_and_y_never_adds_y() -> None:
    """ "without onions and bacon": never Bacon added (asked, or both taken off); "no ketchup, warmed" still
    says how to serve it. A bare "no X, Y" is left as it was: its list goes on to what to add."""
    m = _burger()
    for said in ("a burger without onions and bacon", "a burger hold the onions and bacon"):
        lines = _voiced(m, said)
        assert lines is None or not any("Bacon" in options for options in lines), said
    assert _line(m, "a burger, no ketchup, warmed") == ("Burger", ["Warmed"], None)
    assert _line(m, "a burger, without ketchup, warmed") == ("Burger", ["Warmed"], None)
    assert _line(m, "a burger with bacon, no onions") == ("Burger", ["Bacon", "Ketchup", "No Onions"], None)


@pytest.mark.parametrize(
    "said", ["a medium burger without onions and bacon", "a medium burger hold the onions and bacon"]
)
def test_corpus_negation_never_adds_the_second(said: str) -> None:
    lines = _voiced(_corpus("demo-burger"), said)
    assert lines is None or not any("Bacon" in options for options in lines)


def _added(m: Menu, entry: dict[str, object]) -> list[object]:
    """What the voice tool adds for one ``add_to_order`` entry (empty where it asks)."""
    state = cart.new_cart(b"compound", m.restaurant_id, NOW)
    _, output = add_to_order.handler(state, {"items": [entry]}, ToolContext(m, NOW))
    return list(output.get("added", []))


def test_a_note_against_a_chosen_options_group_is_asked() -> None:
    """ "no cheese" beside American (in Cheese), a note "well done" beside Medium (in Doneness): asked."""
    cheese = group("Cheese", [option("American"), option("Cheddar")])
    doneness = group("Doneness", [option("Medium Rare"), option("Medium"), option("Well Done")], least=1)
    m = menu(item("Burger", doneness, cheese))
    assert _voiced(m, "a medium burger with american, no cheese") is None
    assert not _added(m, {"item": "burger", "modifiers": ["medium"], "notes": "well done please"})
    assert _added(m, {"item": "burger", "modifiers": ["medium rare"], "notes": "medium please"})
    assert _added(m, {"item": "burger", "modifiers": ["medium"], "notes": "no pickles please"})
    assert _voiced(_corpus("demo-burger"), "a medium cheeseburger with american, no cheese") is None
