"""Counts: before names that hold numbers, after an opener, beside a modifiers list, and repeats."""

from __future__ import annotations

from app.core.cart.choices import Pick
from app.core.reading.counts import negative_count
from app.core.reading.item import Reading
from app.core.reading.lines import said_lines
from app.core.reading.order import read_order
from app.errors import CartError, QuantityInvalid
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


def test_an_item_counted_in_itself_or_named_once_is_the_single_one() -> None:
    """ "three biscuits" where Biscuits come "1 Biscuit", "6 Biscuits", "12 Biscuits" (counted in the item itself)
    is three of the 1 Biscuit; "donut" named in the singular with no count (a model's split) is one, the
    Single; "biscuits" with no count says several and is still asked (blind5 fried-chicken, blind wing-stop)."""
    sizes = group("Size", [option("1 Biscuit"), option("6 Biscuits"), option("12 Biscuits")], least=1)
    packs = group("Pack", [option("Single"), option("Half Dozen"), option("Dozen")], least=1)
    jam = group("Topping", [option("Strawberry Jam")], most=1)
    shop = menu(item("Biscuits", sizes, jam), item("Donuts", packs))
    (three,) = read_order(shop, "three biscuits")
    assert isinstance(three, Reading) and (three.quantity, [o.name for o in three.options]) == (3, ["1 Biscuit"])
    (six,) = read_order(shop, "six biscuits")
    assert isinstance(six, Reading) and (six.quantity or 1, [o.name for o in six.options]) == (1, ["6 Biscuits"])
    (one,) = read_order(shop, "biscuit", ("strawberry jam",))
    assert isinstance(one, Reading) and sorted(o.name for o in one.options) == ["1 Biscuit", "Strawberry Jam"]
    (donut,) = read_order(shop, "donut")
    assert isinstance(donut, Reading) and [o.name for o in donut.options] == ["Single"]
    for said in ("biscuits", "donuts"):
        (unsaid,) = read_order(shop, said)
        assert isinstance(unsaid, Reading) and not unsaid.options  # how many is asked when it is added


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


def _names(picks: tuple[Pick, ...]) -> list[str]:
    """The picks' option names, nested ones too."""
    return [name for p in picks for name in (p.option.name, *_names(p.picks))]


def _lines(m: object, text: str, *modifiers: str) -> list[tuple[str, int, list[str]]]:
    """Each line said: item, count, the size (a variation) and the picks, sorted."""
    return [
        (
            line.item.name,
            line.quantity or 1,
            sorted([*([line.variation.name] if line.variation else []), *_names(line.picks)]),
        )
        for line in said_lines(m, text, modifiers)  # type: ignore[arg-type]
    ]


def test_a_count_that_starts_a_choices_name_said_whole_is_that_choice() -> None:
    """ "three bones of the ribs" where the ribs come as "3 Bones" or a Half Rack: the 3 Bones, once — the menu
    sells them by that count (tests/corpus/README.md); never three orders of 3 Bones (blind4's smokehouse)."""
    sizes = group("Size", [option("3 Bones"), option("Half Rack")], least=1)
    m = menu(item("Ribs", sizes))
    assert _lines(m, "three bones of the ribs") == [("Ribs", 1, ["3 Bones"])]
    assert _lines(m, "two ribs, half rack") == [("Ribs", 2, ["Half Rack"])]


def test_all_of_one_choice_fills_the_count_the_line_chose() -> None:
    """ "three mochi, all mango" where mochi come 3 pc or 6 pc and flavours are up to six: Mango three times
    (blind4's poke bar); a count said in a size's aliases ("Large": "3 scoops") counts the same."""
    pcs = group("Size", [option("3 pc", aliases=["three"]), option("6 pc")], least=1)
    flavors = group("Flavors", [option("Mango", max_quantity=6), option("Vanilla", max_quantity=6)], least=1, most=6)
    bowl = group("Size", [option("Regular", aliases=["2 scoops"]), option("Large", aliases=["3 scoops"])], least=1)
    fish = group("Protein", [option("Tuna", max_quantity=3), option("Salmon", max_quantity=3)], least=1, most=3)
    m = menu(item("Mochi", pcs, flavors), item("Poke Bowl", bowl, fish))
    assert _lines(m, "three mochi, all mango") == [("Mochi", 1, ["3 pc", "Mango", "Mango", "Mango"])]
    assert _lines(m, "mochi", "6 pc", "all vanilla") == [("Mochi", 1, ["6 pc", *["Vanilla"] * 6])]
    assert _lines(m, "a large poke bowl, all tuna") == [("Poke Bowl", 1, ["Large", "Tuna", "Tuna", "Tuna"])]
    assert _lines(m, "mochi, 3 pc, mango") == [("Mochi", 1, ["3 pc", "Mango"])]  # no "all": as said


def test_one_more_of_an_item_with_another_answer_is_another_line() -> None:
    """ "two jalapeño cheddar links and one original": the one answers the flavour the two already have
    otherwise, so it is one more link (never one of the two, inheriting their flavour: blind4's smokehouse)."""
    flavour = group("Flavor", [option("Original"), option("Jalapeno Cheddar")], least=1)
    m = menu(item("Sausage Link", flavour, aliases=["link"]))
    assert _lines(m, "two jalapeno cheddar links and one original") == [
        ("Sausage Link", 2, ["Jalapeno Cheddar"]),
        ("Sausage Link", 1, ["Original"]),
    ]


def _by_weight() -> object:
    brisket = item(
        "Brisket",
        group("Cut", [option("Lean"), option("Moist", aliases=["fatty"])], least=1),
        variations=[
            {"id": "half", "name": "1/2 lb", "price_cents": 1400},
            {"id": "pound", "name": "1 lb", "price_cents": 2700, "aliases": ["a pound"]},
        ],
    )
    brisket.pop("price_cents")
    poke = item(
        "Poke by the Pound",
        group("Poke", [option("Shoyu Ahi"), option("Limu Ahi", aliases=["limu"])], least=1),
        variations=[
            {"id": "half-pound", "name": "Half Pound", "price_cents": 1195},
            {"id": "one-pound", "name": "One Pound", "price_cents": 2195, "aliases": ["pound"]},
        ],
    )
    poke.pop("price_cents")
    return menu(brisket, poke)


def test_a_count_of_pounds_is_that_many_of_the_one_pound_size() -> None:
    """ "two pounds of brisket" where it is sold as 1/2 lb or 1 lb: two of the 1 lb (blind4's smokehouse)."""
    assert _lines(_by_weight(), "two pounds of brisket, fatty") == [("Brisket", 2, ["1 lb", "Moist"])]


def test_an_amount_and_a_half_is_a_line_of_each_where_the_half_is_sold() -> None:
    """ "a pound and a half of moist brisket": a 1 lb line and a 1/2 lb line (blind4's smokehouse)."""
    assert _lines(_by_weight(), "a pound and a half of moist brisket") == [
        ("Brisket", 1, ["1 lb", "Moist"]),
        ("Brisket", 1, ["1/2 lb", "Moist"]),
    ]


def test_an_amount_no_size_has_asks_the_size() -> None:
    """ "a quarter pound of brisket": no size is a quarter pound, so the size is asked (never 1 lb)."""
    (asked,) = read_order(_by_weight(), "a quarter pound of brisket, lean")
    assert isinstance(asked, CartError) and asked.details.get("group") == "variation"


def test_the_unit_an_item_is_named_by_is_its_size_when_said_alone() -> None:
    """ "a pound of the limu" where the item is Poke by the Pound: the One Pound, never the name with the size
    still to ask (blind4's poke bar)."""
    assert _lines(_by_weight(), "a pound of the limu") == [("Poke by the Pound", 1, ["Limu Ahi", "One Pound"])]


def _two_sizes(name: str) -> dict[str, object]:
    cups = [
        {"id": f"{name}-cup", "name": "Cup", "price_cents": 400},
        {"id": f"{name}-bowl", "name": "Bowl", "price_cents": 500},
    ]
    said = item(name, variations=cups)
    said.pop("price_cents")
    return said


def test_a_count_and_a_size_said_after_an_uncounted_item_are_its() -> None:
    """ "hot chocolate, two cups": two hot chocolates, each a Cup — never a question which item "two cups" is,
    though another drink comes in cups too (blind4's creperie)."""
    m = menu(_two_sizes("Hot Chocolate"), _two_sizes("Cafe au Lait"))
    assert _lines(m, "hot chocolate, two cups") == [("Hot Chocolate", 2, ["Cup"])]


def test_one_of_em_is_one_of_them() -> None:
    """ "two cornbreads, no honey butter on one of 'em": one of the two without it (blind4's smokehouse)."""
    butter = group("Topping", [option("Honey Butter", default=True)])
    m = menu(item("Cornbread", butter))
    assert sorted(_lines(m, "two cornbreads, no honey butter on one of 'em")) == [
        ("Cornbread", 1, []),
        ("Cornbread", 1, ["Honey Butter"]),
    ]


def test_a_once_only_choice_said_again_by_another_of_its_names_is_said_once() -> None:
    """ "a large, three scoop" where the Large is also called "3 scoops": one Large, both said of it — never the
    second name left over to ask about (blind4's poke bar); the same name twice still asks."""
    bowl = group("Size", [option("Regular", aliases=["2 scoops"]), option("Large", aliases=["3 scoops"])], least=1)
    fish = group("Protein", [option("Spicy Tuna", max_quantity=3), option("Salmon", max_quantity=3)], least=1, most=3)
    m = menu(item("Poke Bowl", bowl, fish), item("Spicy Salmon Bowl", bowl))
    assert _lines(m, "a large poke bowl, three scoops, all spicy tuna") == [
        ("Poke Bowl", 1, ["Large", "Spicy Tuna", "Spicy Tuna", "Spicy Tuna"])
    ]
    assert _lines(m, "a large, three scoops, all spicy tuna") == [
        ("Poke Bowl", 1, ["Large", "Spicy Tuna", "Spicy Tuna", "Spicy Tuna"])
    ]  # "spicy" of Spicy Salmon Bowl is inside the choice Spicy Tuna: no name said


def _by_piece() -> object:
    sizes = [
        {"id": "nigiri", "name": "Nigiri (2 pc)", "price_cents": 750, "aliases": ["nigiri", "2 piece"]},
        {"id": "sashimi", "name": "Sashimi (5 pc)", "price_cents": 1500, "aliases": ["sashimi"]},
    ]
    tuna = item("Tuna", variations=sizes)
    tuna.pop("price_cents")
    skewers = group("Size", [option("4 Skewers"), option("8 Skewers")], least=1)
    meat = group("Protein", [option("Chicken"), option("Pork")], least=1)
    return menu(tuna, item("Baklava", description="Priced by the piece"), item("Satay", skewers, meat))


def test_a_count_of_pieces_of_a_choice_sold_by_pieces_is_that_many_orders() -> None:
    """ "four pieces of tuna nigiri" where the Nigiri is "2 pc": two orders (blind2's sushi bar); three pieces
    is no whole number of orders (asked); "three pieces of baklava" is three; "2 two piece tunas" two Nigiri."""
    m = _by_piece()
    assert _lines(m, "four pieces of tuna nigiri") == [("Tuna", 2, ["Nigiri (2 pc)"])]
    assert _lines(m, "three pieces of baklava") == [("Baklava", 3, [])]
    assert _lines(m, "2 two piece tunas") == [("Tuna", 2, ["Nigiri (2 pc)"])]
    (asked,) = read_order(m, "three pieces of tuna nigiri")
    assert isinstance(asked, CartError) and asked.code == "quantity_invalid"


def test_a_choice_named_by_a_number_said_after_its_item_is_its_choice() -> None:
    """ "chicken satay, the four skewer one": the 4 Skewers of that satay (blind3's thai kitchen), never a count
    starting another item."""
    assert _lines(_by_piece(), "chicken satay, the four skewer one") == [("Satay", 1, ["4 Skewers", "Chicken"])]


def test_counts_of_choices_a_pick_your_own_box_still_takes_are_its_choices() -> None:
    """ "half dozen, pick your own, two maple bars, two boston kremes and two old fashioned": each "two …" fills
    the box's donuts still to choose (nested under Pick Your Own, at least six), though each also names a donut
    sold alone (blind4's donut shop)."""
    donuts = group(
        "Donuts",
        [option(n, max_quantity=12) for n in ("Maple Bar", "Boston Cream", "Old Fashioned")],
        least=6,
        most=12,
    )
    assortment = group("Assortment", [option("Assorted"), option("Pick Your Own", modifier_groups=[donuts])], least=1)
    sizes = [
        {"id": "half", "name": "Half Dozen", "price_cents": 1099},
        {"id": "dozen", "name": "Dozen", "price_cents": 1899},
    ]
    box = item("Donut Box", assortment, variations=sizes)
    box.pop("price_cents")
    m = menu(box, item("Maple Bar"), item("Boston Cream"), item("Old Fashioned"))
    said = "a half dozen donut box, pick your own, two maple bars, two boston creams and two old fashioned"
    assert _lines(m, said) == [
        ("Donut Box", 1, sorted(["Half Dozen", "Pick Your Own", *["Maple Bar", "Boston Cream", "Old Fashioned"] * 2]))
    ]


def test_a_count_answers_a_size_named_a_serving_of_that_many() -> None:
    """ "three asada tacos" where a Taco comes Single or "Plate of 3": the plate, once; "two tacos" and "a taco"
    are Singles (blind6 taqueria, its labels); with no count said the size is still asked."""
    meat = group("Meat", [option("Al Pastor"), option("Carne Asada", aliases=["asada"])], least=1)
    sizes = [
        {"id": "single", "name": "Single", "price_cents": 350},
        {"id": "plate", "name": "Plate of 3", "price_cents": 975},
    ]
    taco = item("Taco", meat, variations=sizes, aliases=["tacos"])
    taco.pop("price_cents")
    m = menu(taco, item("Horchata"))
    assert _lines(m, "three asada tacos") == [("Taco", 1, ["Carne Asada", "Plate of 3"])]
    assert _lines(m, "two al pastor tacos") == [("Taco", 2, ["Al Pastor", "Single"])]
    assert _lines(m, "a pastor taco") == [("Taco", 1, ["Al Pastor", "Single"])]
    assert _lines(m, "three tacos", "single", "asada") == [("Taco", 3, ["Carne Asada", "Single"])]  # size said
    (unsaid,) = read_order(m, "tacos", ("asada",))
    assert isinstance(unsaid, Reading) and unsaid.variation is None  # the size is asked when it is added
