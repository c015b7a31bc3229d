"""Names a speech model wrote as it heard them (:mod:`app.core.reading.sounds`, issue #23)."""

from __future__ import annotations

import pytest

from app.core.reading.item import Reading
from app.core.reading.order import read_order
from app.core.reading.sounds import sound_key
from tests.core.reading.menus import group, item, menu, option

SIZE = group("Size", [option("Small"), option("Large")], least=1)
NOODLES = menu(
    item("Phở Tái", SIZE),
    item("Phở Gà", SIZE),
    item("Bún Bò Huế"),
    item("Cà Phê Sữa Đá"),
    item("Pain au Chocolat"),
    item("Margherita Pie"),
    item("2-Piece Chicken Meal"),
    item("3-Piece Chicken Meal"),
    item("3 Egg Omelette"),
    item("Tikka Masala", group("Protein", [option("Chicken"), option("Lamb")], least=1), aliases=["tikka massala"]),
    item("Chicken Shawarma Wrap", aliases=["shwarma wrap"]),
)


def _lines(said: str, on: object = NOODLES) -> list[tuple[str, int | None, list[str]]]:
    out = []
    for reading in read_order(on, said):  # type: ignore[arg-type]
        assert isinstance(reading, Reading), reading
        out.append((reading.item.name, reading.quantity, [o.name for o in reading.options]))
    return out


@pytest.mark.parametrize(
    ("said", "menu_writes"),
    [("fuh", "pho"), ("tie", "tai"), ("boon", "bun"), ("hway", "hue"), ("bahn", "banh"), ("pan", "pain"),
     ("margarita", "margherita"), ("shwarma", "shawarma"), ("peace", "piece"), ("omelet", "omelette"),
     ("felafel", "falafel"), ("cafe", "caphe")],
)  # fmt: skip
def test_words_said_alike_have_one_key(said: str, menu_writes: str) -> None:
    assert sound_key(said) == sound_key(menu_writes)


def test_a_word_starting_with_a_vowel_keeps_it() -> None:
    assert sound_key("omelet") != sound_key("melt")


def test_a_transliterated_name_is_read_as_the_menu_writes_it() -> None:
    """Issue #23: "a small fuh ga with extra noodles", "one boon bo hway" were asked about."""
    assert _lines("a small fuh ga") == [("Phở Gà", 1, ["Small"])]
    assert _lines("one boon bo hway") == [("Bún Bò Huế", 1, [])]
    assert _lines("a large pho tie") == [("Phở Tái", 1, ["Large"])]


def test_one_word_heard_for_two_words_of_a_name() -> None:
    """Issue #23: "a cafe sua da" is the Cà Phê Sữa Đá."""
    assert _lines("a cafe sua da") == [("Cà Phê Sữa Đá", 1, [])]


def test_a_misspelt_word_of_a_name_is_read_with_the_rest_of_the_name() -> None:
    """Issue #23: "two pan au chocolat", "margarita pie", "3 egg omelet", "chicken tikka marsala"."""
    assert _lines("two pan au chocolat") == [("Pain au Chocolat", 2, [])]
    assert _lines("a margarita pie") == [("Margherita Pie", 1, [])]
    assert _lines("a 3 egg omelet") == [("3 Egg Omelette", 1, [])]
    assert _lines("a chicken tikka marsala") == [("Tikka Masala", 1, ["Chicken"])]


def test_a_count_before_a_misheard_number_name_is_kept() -> None:
    """Issue #23: "a two peace chicken meal" (the 2-Piece Chicken Meal) was asked about."""
    assert _lines("a two peace chicken meal") == [("2-Piece Chicken Meal", 1, [])]


def test_a_spelling_the_menu_gives_is_read_in_the_whole_name() -> None:
    """Issue #23: "two chicken shwarma wraps": the menu writes "shwarma" in an alias, "chicken" was left over."""
    assert _lines("two chicken shwarma wraps") == [("Chicken Shawarma Wrap", 2, [])]


def test_a_word_heard_as_two_items_names_is_asked_about() -> None:
    both = menu(item("Phở Tái"), item("Phở Tây"))
    readings = read_order(both, "a pho tie")
    assert not any(isinstance(r, Reading) for r in readings)
