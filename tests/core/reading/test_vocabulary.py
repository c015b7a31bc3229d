"""What a menu's names can be called (:mod:`app.core.reading.vocabulary`)."""

from __future__ import annotations

from app.core.reading.item import Reading
from app.core.reading.lines import said_lines
from app.core.reading.order import read_order
from app.core.reading.vocabulary import item_names, said_words
from tests.core.reading.menus import group, item, menu, option


def test_a_misheard_word_is_read_as_the_name_it_completes() -> None:
    bakery = menu(item("Pain au Chocolat"), item("Croissant"))
    assert said_words(bakery, "two pan au chocolat") == ("2", "pain", "au", "chocolat")


def test_a_clear_menu_word_is_never_heard_as_another() -> None:
    """ "pan" is the Pan Dulce's: it stays as said (and the reader decides), never becomes "pain"."""
    bakery = menu(item("Pain au Chocolat"), item("Pan Dulce"))
    assert said_words(bakery, "two pan au chocolat") == ("2", "pan", "au", "chocolat")


def test_a_longer_name_said_as_the_menu_writes_it_is_never_respelt() -> None:
    curry = menu(item("Dal Makhani", aliases=["daal makhani", "dal makhni"]), item("Dal Tadka"))
    assert said_words(curry, "dal makhani") == ("dal", "makhani")


def test_a_lone_misheard_word_is_not_guessed() -> None:
    """Nothing of the name said as the menu writes it: "fuh" alone could be anything."""
    noodles = menu(item("Phở Gà"), item("Phở Tái"))
    assert said_words(noodles, "a fuh") == ("a", "fuh")


def test_an_item_is_also_said_with_the_noun_its_category_neighbours_end_in() -> None:
    """ "a snickerdoodle cookie": Snickerdoodle, in cookies beside two other … Cookies; a category most of
    whose items do not end in its word ("breakfast") lends no noun."""
    cookies = [item(n, category="Cookies") for n in ("Snickerdoodle", "Chocolate Chip Cookie", "Oatmeal Cookie")]
    breakfast = [item(n, category="Breakfast") for n in ("Two Egg Breakfast", "Pancakes", "French Toast")]
    m = menu(*cookies, *breakfast)
    (line,) = said_lines(m, "a snickerdoodle cookie", ())
    assert line.item.name == "Snickerdoodle"
    assert ("pancake", "breakfast") not in item_names(m)[id(m.items[4])]


def test_an_item_of_three_words_is_also_said_by_their_initials() -> None:
    """ "a BEC" / "a b e c": Bacon, Egg & Cheese; initials another item shares, or a word the menu uses,
    name nothing."""
    m = menu(item("Bacon, Egg & Cheese"), item("Big Easy Club"), item("Pancakes"))
    assert not any(("bec",) in names for names in item_names(m).values())  # two items share B-E-C
    m = menu(item("Bacon, Egg & Cheese"), item("Pancakes"))
    assert said_lines(m, "a bec", ())[0].item.name == "Bacon, Egg & Cheese"
    assert said_lines(m, "b e c", ())[0].item.name == "Bacon, Egg & Cheese"


def test_two_numbers_said_apart_are_never_joined_into_a_name() -> None:
    """A generated read: "one 2 pc classic chicken" was the 12 Piece ("1" + "2" joined like "cheese burger")."""
    pieces = group("Pieces", [option("2 Piece"), option("12 Piece")], least=1)
    (line,) = read_order(menu(item("Fried Chicken", pieces)), "one 2 piece fried chicken")
    assert isinstance(line, Reading) and [o.name for o in line.options] == ["2 Piece"]


def test_an_options_name_beats_another_options_alias_said_the_same() -> None:
    """A generated read: "oats" (the option Oats) was read as Oat Milk, whose alias "oat" says the same."""
    base = group("Base", [option("Almond Milk", default=True), option("Oat Milk", aliases=["oat"])], least=1, most=1)
    boosts = group("Boosts", [option("Oats"), option("Chia Seeds")], most=4)
    (line,) = read_order(menu(item("Smoothie", base, boosts)), "a smoothie with oats")
    assert isinstance(line, Reading) and [o.name for o in line.options] == ["Oats"]  # the base stays its default
