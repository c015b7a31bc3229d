"""Counts: before names that hold numbers, after an opener, beside a modifiers list, and repeats."""

from __future__ import annotations

from app.core.reading.counts import negative_count
from app.core.reading.item import Reading
from app.core.reading.lines import said_lines
from app.core.reading.order import read_order
from app.errors import QuantityInvalid
from tests.core.reading.menus import group, item, menu, option

SIZES = group("Size", [option("20 oz"), option("2 Liter")], least=1)
SHOTS = group("Extras", [option("Extra Shot", max_quantity=3), option("Caramel")], most=4)
SHOP = menu(
    item("Soda", SIZES, group("Flavor", [option("Cola"), option("Ginger Ale")], least=1)),
    item("Cappuccino", SHOTS),
    item("Garlic Knots", group("Dip", [option("Ranch", max_quantity=2), option("Marinara")], most=2)),
    item("32 oz Drink"),
)


def _one(said: str, *modifiers: str) -> Reading:
    (reading,) = read_order(SHOP, said, modifiers)
    assert isinstance(reading, Reading), reading
    return reading


def test_a_count_before_a_name_with_a_number_keeps_both_numbers() -> None:
    """Issue #23: "two 20-ounce sodas" is two sodas, each 20 oz (the count was lost)."""
    reading = _one("two 20-ounce cola sodas")
    assert (reading.quantity, sorted(o.name for o in reading.options)) == (2, ["20 oz", "Cola"])


def test_a_number_before_a_measure_is_part_of_the_name_never_the_count() -> None:
    assert _one("a 32 oz drink").item.name == "32 oz Drink"
    assert _one("32 oz drink").quantity is None


def test_a_number_naming_a_measure_is_no_count_of_it() -> None:
    """ "two sodas" is a count: the 2 Liter size is never read from a bare "two"."""
    soda = _one("two sodas with ginger ale")
    assert soda.quantity == 2 and "2 Liter" not in [o.name for o in soda.options]


def test_the_count_after_an_opener_is_the_items_count() -> None:
    reading = _one("can i get three extra shot cappuccinos")
    assert reading.quantity == 3 and [o.name for o in reading.options] == ["Extra Shot"]


def test_repeats_said_before_an_option_choose_it_that_often() -> None:
    reading = _one("a cappuccino with two extra shots")
    assert [o.name for o in reading.options] == ["Extra Shot", "Extra Shot"]


def test_a_count_in_the_phrase_stays_when_the_modifiers_repeat_a_choice() -> None:
    (line,) = said_lines(SHOP, "two garlic knots", ("double ranch",))
    assert line.quantity == 2 and [p.option.name for p in line.picks] == ["Ranch", "Ranch"]


def test_a_menu_word_beats_the_readers_count_word() -> None:
    """Issue #23: where the menu sells a Dozen, "two dozen cookies" is two Dozens; elsewhere it is 24 cookies."""
    bakery = menu(item("Cookie", group("Size", [option("Single"), option("Dozen")], least=1)))
    (dozens,) = read_order(bakery, "two dozen cookies")
    assert isinstance(dozens, Reading) and (dozens.quantity, [o.name for o in dozens.options]) == (2, ["Dozen"])
    (counted,) = read_order(menu(item("Cookie")), "two dozen cookies")
    assert isinstance(counted, Reading) and counted.quantity == 24


def test_double_before_a_repeatable_option_chooses_it_twice() -> None:
    """Issue #23 (repeats): "double shot" is the shot twice; "a double cappuccino" is no count of anything."""
    reading = _one("a cappuccino with a double shot")
    assert [o.name for o in reading.options] == ["Extra Shot", "Extra Shot"]


COFFEE = menu(
    item(
        "Latte",
        group("Syrup", [option("Vanilla", max_quantity=6), option("Sugar-Free Vanilla", max_quantity=6)], most=6),
        group("Extras", [option("Extra Shot", max_quantity=3)], most=3),
    ),
    item("Mochi", group("Flavors", [option("Mango"), option("Green Tea"), option("Strawberry")], least=3, most=3)),
)


def _picks(text: str, *modifiers: str) -> list[str]:
    (line,) = said_lines(COFFEE, text, modifiers)
    return sorted(p.option.name for p in line.picks)


def test_a_count_in_the_choices_units_chooses_it_that_often() -> None:
    """ "three pumps of sugar free vanilla", "vanilla x4", "one extra shot": the count and its unit are the
    choice's, never words left over to ask about."""
    assert _picks("a latte, three pumps of sugar free vanilla") == ["Sugar-Free Vanilla"] * 3
    assert _picks("latte", "vanilla x4") == ["Vanilla"] * 4
    assert _picks("latte", "one extra shot") == ["Extra Shot"]


def test_one_of_each_choice_said_one_by_one() -> None:
    assert _picks("mochi, one mango one green tea and one strawberry") == ["Green Tea", "Mango", "Strawberry"]


def test_one_said_of_an_item_sold_by_count_is_the_single_one() -> None:
    """ "a chocolate chip cookie" where cookies come Single, Half Dozen or Dozen: one is the Single (as "three
    cookies" is three Singles); with no count said the choice is still asked."""
    packs = group("Pack", [option("Single"), option("Half Dozen"), option("Dozen")], least=1)
    bakery = menu(item("Cookie", packs))
    for said in ("a cookie", "one cookie"):
        (one,) = read_order(bakery, said)
        assert isinstance(one, Reading) and (one.quantity, [o.name for o in one.options]) == (1, ["Single"])
    (unsaid,) = read_order(bakery, "cookies")
    assert isinstance(unsaid, Reading) and not unsaid.options  # the pack is asked for when it is added


def test_a_number_before_the_item_is_its_count_not_a_choice_it_starts() -> None:
    """ "two pad thai" where the heat is "0 Stars" … "5 Stars": two orders, the heat still to ask; never 2 Stars
    (a generated read, thai-kitchen). "1 star pad thai" says the choice whole; "6 wings" is the 6 Piece."""
    heat = group("Spice Level", [option("1 Star"), option("2 Stars"), option("3 Stars", aliases=["hot"])], least=1)
    count = group("Count", [option("6 Piece"), option("12 Piece")], least=1)
    m = menu(item("Pad Thai", heat), item("Wings", count))
    (two,) = read_order(m, "two pad thai", ("hot",))
    assert isinstance(two, Reading) and (two.quantity, [o.name for o in two.options]) == (2, ["3 Stars"])
    (one,) = read_order(m, "1 star pad thai")
    assert isinstance(one, Reading) and [o.name for o in one.options] == ["1 Star"]
    (wings,) = read_order(m, "6 wings")
    assert isinstance(wings, Reading) and [o.name for o in wings.options] == ["6 Piece"]


def test_a_count_below_zero_is_asked_never_read_without_its_sign() -> None:
    """Found by a newcomer session: "-2 cookies" added 2 cookies and "minus two cookies" added one."""
    for said in ("-2 sodas with cola", "minus two sodas with cola", "a soda with cola -1", "negative 3 garlic knots"):
        (answer,) = read_order(SHOP, said)
        assert isinstance(answer, QuantityInvalid), (said, answer)


def test_minus_before_a_word_is_no_count() -> None:
    """ "minus the ranch" is how some say "without": only a number after minus is a negative count."""
    assert not isinstance(read_order(SHOP, "garlic knots minus the marinara")[0], QuantityInvalid)
    assert negative_count("a 7-up and a t-bone") is None  # a hyphen inside a name is no sign
