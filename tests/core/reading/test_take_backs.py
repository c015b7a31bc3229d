"""Take-backs that used to be read silently wrong (issue #23, found by the session that broke the reader):
a bare number after "no" / "make it" corrects the number said last, never the count by default; "actually
no fries" drops the fries said before, never a note "no fries" on them."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.menu import Menu, load_menu
from app.core.reading.item import Reading
from app.core.reading.order import read_order
from app.errors import ItemAmbiguous
from tests.core.reading.menus import group, item, menu, option

ROOT = Path(__file__).resolve().parents[3]


def _read(m: Menu, text: str) -> list[tuple[str, int, list[str]]]:
    out = []
    for r in read_order(m, text):
        if not isinstance(r, Reading):
            raise r
        names = [o.name for o in r.options] + ([r.variation.name] if r.variation else [])
        out.append((r.item.name, r.quantity or 1, sorted(names)))
    return out


def _numbers() -> Menu:
    size = group("Size", [option("8 oz"), option("12 oz")], least=1)
    spice = group("Spice", [option(f"{n} Stars") for n in (1, 2, 3, 4)], least=1)
    shots = group("Shots", [option("Extra Shot", max_quantity=3)], most=3)
    return menu(
        item("Filet", size),
        item("Curry", spice),
        item("Latte", shots),
        item("Cookie"),
        item("Fries"),
        item("Burger"),
    )


def test_a_bare_number_corrects_the_number_said_last() -> None:
    m = _numbers()
    assert _read(m, "a 12 oz filet, no, 8") == [("Filet", 1, ["8 oz"])]
    assert _read(m, "a 12 oz filet, make it 8") == [("Filet", 1, ["8 oz"])]
    assert _read(m, "a curry, three stars, no wait, two") == [("Curry", 1, ["2 Stars"])]
    assert _read(m, "a latte with 2 extra shots, no, 3") == [("Latte", 1, ["Extra Shot"] * 3)]
    assert _read(m, "a latte with 2 extra shots, actually 1") == [("Latte", 1, ["Extra Shot"])]
    assert _read(m, "three cookies, no, two") == [("Cookie", 2, [])]
    assert _read(m, "a cookie, actually make it two") == [("Cookie", 2, [])]


def test_a_bare_number_the_menu_cannot_place_is_asked() -> None:
    m = _numbers()
    with pytest.raises(ItemAmbiguous):
        _read(m, "a 12 oz filet, no, 16")  # no 16 oz: never 16 filets
    with pytest.raises(ItemAmbiguous):
        _read(m, "a latte with an extra shot, make it two")  # two shots or two lattes?


@pytest.mark.parametrize(
    ("rid", "said", "want"),
    [
        ("tea-lab", "a large milk tea, 50% sugar, no, 25", ("Classic Milk Tea", 1, "25% Sugar")),
        ("tea-lab", "a large milk tea, 50% sugar, make it 25", ("Classic Milk Tea", 1, "25% Sugar")),
        ("steakhouse", "a 12 oz filet medium rare, no, 8", ("Filet Mignon", 1, "8 oz")),
        ("drive-thru-express", "a ten piece nuggets, no wait, twenty", ("Chicken Nuggets", 1, "20 pc")),
        ("grind-coffee", "a 16 oz cold brew, no, 24", ("Cold Brew", 1, "24 oz")),
        ("thai-kitchen", "a chicken pad thai, three star, no wait, two", ("Pad Thai", 1, "2 Stars")),
        ("thai-kitchen", "a chicken pad thai, spice level 4, no, 3", ("Pad Thai", 1, "3 Stars")),
        ("thai-kitchen", "an 8 piece spring rolls, no, 4", ("Crispy Spring Rolls", 1, "4 Pieces")),
        ("route-66-diner", "a number 2 with a coke, no, 3", ("#3 Patty Melt Combo", 1, "Coca-Cola")),
        ("grind-coffee", "a large latte with 3 pumps vanilla, make that 2", ("Latte", 1, "Vanilla")),
        ("grind-coffee", "a large latte with 2 extra shots, actually 1", ("Latte", 1, "Extra Shot")),
    ],
)
def test_corpus_numbers_corrected(rid: str, said: str, want: tuple[str, int, str]) -> None:
    m = load_menu(ROOT / "tests" / "corpus" / "menus" / f"{rid}.json")
    ((name, count, options),) = _read(m, said)
    assert (name, count) == want[:2] and want[2] in options


def test_corpus_shots_corrected_by_count() -> None:
    m = load_menu(ROOT / "tests" / "corpus" / "menus" / "grind-coffee.json")
    ((_, count, options),) = _read(m, "a large latte with two extra shots, no, three")
    assert count == 1 and options.count("Extra Shot") == 3
    ((_, count, options),) = _read(m, "a large latte with 2 extra shots, actually 1")
    assert count == 1 and options.count("Extra Shot") == 1
    with pytest.raises(ItemAmbiguous):
        _read(m, "a large latte with an extra shot, make it two")


def test_a_bare_number_after_a_count_and_another_number_is_asked() -> None:
    """ "three 12 oz filets, no, 8": 8 filets or the 8 oz? Asked, never guessed."""
    with pytest.raises(ItemAmbiguous):
        _read(_numbers(), "three 12 oz filets, no, 8")


def test_no_item_after_a_take_back_drops_that_item() -> None:
    """ "a burger and fries, actually no fries": the fries taken back, never added with a note "no fries"."""
    m = _numbers()
    for said in (
        "a burger and a cookie, actually no cookie",
        "a burger and fries, actually no fries",
        "a burger and fries, no wait, no fries",
        "a burger and fries, never mind the fries",
    ):
        assert _read(m, said) == [("Burger", 1, [])], said
    assert _read(m, "a burger and fries, actually no fries, a cookie") == [("Burger", 1, []), ("Cookie", 1, [])]


@pytest.mark.parametrize(
    ("rid", "said", "kept"),
    [
        ("demo-burger", "a medium burger and a cookie, actually no cookie", "Classic Burger"),
        ("demo-burger", "a medium burger and a large fries, actually no fries", "Classic Burger"),
        ("demo-burger", "a medium burger and a large fries, no wait, no fries", "Classic Burger"),
        ("demo-burger", "a medium burger and a large fries, never mind the fries", "Classic Burger"),
        ("drive-thru-express", "a large coke and large fries, actually no fries", "Soft Drink"),
    ],
)
def test_corpus_items_taken_back(rid: str, said: str, kept: str) -> None:
    folder = "app/menus" if rid == "demo-burger" else "tests/corpus/menus"
    m = load_menu(ROOT / folder / f"{rid}.json")
    assert [name for name, _, _ in _read(m, said)] == [kept]
