"""Kinds blind10 (and the generated reads of its menus) read silently wrong (issue #23): each on a small menu
built here, and its corpus examples judged right through the voice tool."""

from __future__ import annotations

from typing import Any

import pytest

from app.core.menu import Menu
from app.core.reading.lines import said_lines
from app.errors import CartError
from bench import matching
from tests.core.reading.menus import corpus_outcome, counted_lines, group, item, menu, named_lines, option


def _judged(said: object) -> str:
    return corpus_outcome("blind10", said)


def _plates() -> Menu:
    sauces = group(
        "Sauces",
        [option("Red Sauce", default=True), option("Chili Sauce"), option("Red Sauce on the Side")],
        most=3,
    )
    apart = group("Served Apart", [option("Gravy on the Side")])
    gravy = group("Gravy", [option("Gravy", default=True), option("Mushroom Gravy")])
    return menu(item("Lamb Plate", sauces, gravy, apart))


def test_an_option_on_the_side_replaces_the_default_it_serves_apart() -> None:
    """ "… red sauce on the side": the default Red Sauce is moved to the side, never kept beside it; in its
    own group or another ("gravy on the side" of a Gravy group's default Gravy); said or listed."""
    m = _plates()
    assert named_lines(m, "lamb plate, red sauce on the side") == [
        ("Lamb Plate", ["Gravy", "Red Sauce on the Side"], None)
    ]
    assert named_lines(m, "lamb plate gravy on the side") == [("Lamb Plate", ["Gravy on the Side", "Red Sauce"], None)]
    assert named_lines(m, "lamb plate", ("red sauce on the side", "chili sauce")) == [
        ("Lamb Plate", ["Chili Sauce", "Gravy", "Red Sauce on the Side"], None)
    ]


@pytest.mark.parametrize(
    "said",
    [
        "chicken over rice, white sauce on the side",
        {"item": "gyro over rice", "modifiers": ["white sauce on the side", "hot sauce on the side"]},
        "medium oxtail gravy on the side",
        {"item": "curry goat", "modifiers": ["medium", "rice and peas", "gravy on the side"]},
        {"item": "jerk chicken", "modifiers": ["large", "jerk sauce on the side", "dark meat"]},
    ],
)
def test_blind10_on_the_side(said: object) -> None:
    assert _judged(said) == "right"


def _combos() -> Menu:
    flavor = group("Flavor", [option("Vanilla"), option("Mango")], least=1)
    drink = group("Drink", [option("Cola"), option("Shake", modifier_groups=[flavor])], least=1)
    return menu(
        item("#2 Burger Combo", drink, aliases=["#2", "number 2"], category="Combos"),
        item("Shake", flavor, category="Drinks"),
    )


def test_a_number_before_an_item_name_counts_it_never_names_a_numbered_combo() -> None:
    """ "2 shakes" + ["vanilla"]: two Shakes, never the #2 combo with a shake (the number alone names the combo,
    the words after it name the Shake whole); "a number 2" with a shake stays the combo."""
    m = _combos()
    assert named_lines(m, "2 shakes", ("vanilla",)) == [("Shake", ["Vanilla"], None)]
    assert [x.quantity for x in said_lines(m, "2 shakes", ("vanilla",))] == [2]
    assert named_lines(m, "a number 2", ("shake", "mango")) == [("#2 Burger Combo", ["Shake"], None)]


def test_blind10_count_before_a_plural_name() -> None:
    assert _judged({"item": "2 shakes", "modifiers": ["strawberry"]}) == "right"
    got = matching.read_voice(
        matching.new_menu("burger-stand-secret"), {"said": {"item": "one shakes", "modifiers": ["strawberry"]}}
    )
    assert got.lines == [("Shake", 1, ("Strawberry",), "")]


def _packs() -> Menu:
    flavours = group("Flavours", [option("Glazed", max_quantity=4), option("Sprinkle", max_quantity=4)], most=4)
    toppings = group("Toppings", [option("Olives"), option("Peppers")], most=2)
    holes = item("Holes", flavours, variations=[
        {"id": "10", "name": "10 Pack", "price_cents": 300}, {"id": "20", "name": "20 Pack", "price_cents": 500}
    ])  # fmt: skip
    holes.pop("price_cents")
    return menu(holes, item("Flatbread", toppings), item("Brownie", category="Sweets"))


def test_a_split_of_a_packs_kinds_is_no_note_and_to_go_is_about_the_order() -> None:
    """ "20 holes, half glazed half sprinkle": the pack's kinds share its pieces, no note repeating them (a
    topping split still keeps its note: it covers half of one thing); "… a brownie to go": how the order is
    served, never a kitchen note on the brownie."""
    m = _packs()
    assert named_lines(m, "20 holes, half glazed half sprinkle") == [("Holes", ["20 Pack", "Glazed", "Sprinkle"], None)]
    assert named_lines(m, "a flatbread half olives half peppers") == [
        ("Flatbread", ["Olives", "Peppers"], "half olive half pepper")
    ]
    assert named_lines(m, "a flatbread with olives and a brownie to go") == [
        ("Flatbread", ["Olives"], None),
        ("Brownie", [], None),
    ]


@pytest.mark.parametrize(
    "said", ["20 timbits, half chocolate half birthday cake", "a lamb over rice and some baklava to go"]
)
def test_blind10_no_note_repeating_what_is_placed(said: str) -> None:
    assert _judged(said) == "right"


def _carts() -> Menu:
    def plate(name: str) -> dict[str, Any]:
        size = group("Size", [option("Regular", default=True), option("Small")], least=1)
        sauces = group("Sauces", [option("Red Sauce", default=True), option("Chili Sauce")], most=2)
        greens = group("Greens", [option("Lettuce", default=True), option("Tomato", default=True)], most=2)
        extras = group("Extras", [option("Add Cheese")], most=1)
        return item(name, size, sauces, greens, extras)

    return menu(plate("Lamb Plate"), plate("Bean Plate"), item("Water", category="Drinks"))


def test_a_choice_list_said_of_several_lines_reaches_each() -> None:
    """ "a lamb plate and a bean plate, both with red and chili, and a water": the whole list after "both" (cut
    at its "and") reaches both plates, never its last choice the last plate only; likewise "all …" after two
    items and "both …" after a count split one way each."""
    m = _carts()
    both = ["Chili Sauce", "Lettuce", "Red Sauce", "Regular", "Tomato"]
    assert named_lines(m, "a lamb plate and a bean plate, both with red and chili, and a water") == [
        ("Lamb Plate", both, None),
        ("Bean Plate", both, None),
        ("Water", [], None),
    ]
    assert named_lines(m, "two small lamb plates and a bean plate, all red and chili") == [
        ("Lamb Plate", ["Chili Sauce", "Lettuce", "Red Sauce", "Small", "Tomato"], None),
        ("Bean Plate", both, None),
    ]
    assert named_lines(m, "two lamb plates, one small one regular, both red and chili") == [
        ("Lamb Plate", ["Chili Sauce", "Lettuce", "Red Sauce", "Small", "Tomato"], None),
        ("Lamb Plate", both, None),
    ]


def test_a_bare_no_ends_before_a_default_said_with_what_to_add() -> None:
    """ "no lettuce, red and chili": the Red Sauce (a default of another group) starts a list of what goes on,
    never taken off with the lettuce; "no red sauce, tomato, cheese" keeps the Tomato beside the cheese."""
    m = _carts()
    assert named_lines(m, "lamb plate no lettuce no tomato, red and chili") == [
        ("Lamb Plate", ["Chili Sauce", "Red Sauce", "Regular"], None)
    ]
    assert named_lines(m, "a lamb plate no red sauce, tomato, cheese") == [
        ("Lamb Plate", ["Add Cheese", "Lettuce", "Regular", "Tomato"], None)
    ]


@pytest.mark.parametrize(
    "said",
    [
        "lemme get two chicken over rice, one small one regular, both white and hot",
        "a chicken over rice and a lamb over rice, both with white and hot, and two waters",
        "um, two small combos and one regular falafel plate, all white and hot",
        "chicken over rice no lettuce no tomato, white and hot",
        "combo over rice no rice all salad, white and hot",
    ],
)
def test_blind10_lists_of_choices(said: str) -> None:
    assert _judged(said) == "right"


def test_generated_no_list_keeps_a_later_default_beside_an_addition() -> None:
    got = matching.read_voice(
        matching.new_menu("halal-cart"), {"said": "i'll have one combo pita no white sauce, tomato, cheese"}
    )
    assert got.lines == [("Combo Sandwich", 1, ("Add Cheese", "Lettuce", "Onions", "Pita", "Tomato"), "")]


def _sweetened() -> Menu:
    sweet = group("Sweetener", [option("Sugar", max_quantity=4), option("Sweetener", max_quantity=4)], most=4)
    drink = group("Drink", [option("Coffee", modifier_groups=[sweet]), option("Tea", modifier_groups=[sweet])], least=1)
    return menu(item("Muffin Combo", drink, category="Combos"))


def test_a_group_named_as_one_of_its_options_is_that_option_said_beside_another() -> None:
    """ "sugar sweetener coffee": Sugar and the option Sweetener (its group is called Sweetener too), never the
    group's name said around the Sugar."""
    m = _sweetened()
    got = _read_nested(m, "muffin combo with sugar sweetener coffee")
    assert got == ["Coffee", "Coffee > Sugar", "Coffee > Sweetener"]


def _read_nested(m: Menu, text: str) -> list[str]:
    (line,) = said_lines(m, text)
    return sorted([p.option.name for p in line.picks] + [f"{p.option.name} > {n.option.name}" for p in line.picks
                                                         for n in p.picks])  # fmt: skip


def test_generated_reads_never_say_an_options_count_before_the_name() -> None:
    """The generator says a counted option put before the item's name "double …" (bench/generated_reads.py):
    "two tomato cheese burger" would say two burgers."""
    from bench.generated_reads import _uncounted

    m = _sweetened()
    (combo,) = m.items
    assert _uncounted(combo, "two tomato") == "double tomato"
    assert _uncounted(combo, "tomato") == "tomato"


_TEA = "milk sugar sweetener medium steeped tea"


@pytest.mark.parametrize(
    ("said", "options"),
    [
        ("breakfast sandwich combo with sugar sweetener medium coffee, sausage",
         ("English Muffin", "Medium Coffee", "Sausage", "Sugar", "Sweetener")),
        ({"item": "breakfast sandwich combo", "modifiers": ["biscuit sausage and egg", _TEA]},
         ("Biscuit", "Medium Steeped Tea", "Milk", "Sausage", "Sugar", "Sweetener")),
    ],
)  # fmt: skip
def test_generated_sweetener_beside_sugar(said: object, options: tuple[str, ...]) -> None:
    got = matching.read_voice(matching.new_menu("coffee-and-donuts"), {"said": said})
    assert got.lines == [("Breakfast Sandwich Combo", 1, options, "")]


def _kiosk() -> Menu:
    sizes = [{"id": n.lower().replace(" ", "-"), "name": n, "price_cents": 400} for n in ("Cup", "Large", "Bread Bowl")]
    stew = item("Stew", aliases=["bowl of stew"], variations=sizes)
    stew.pop("price_cents")
    return menu(
        stew,
        item("Iced Latte", group("Milk", [option("Oat Milk")])),
        item("Iced Mocha", group("Milk", [option("Oat Milk")])),
        item("Plate", group("Sauce", [option("Red Sauce")])),
    )


def test_what_is_not_clear_is_asked() -> None:
    """ "a bowl of stew": the item's alias says "bowl", a word of its Bread Bowl size but never that size whole —
    no size is chosen (the size is asked); "an oat milk iced one": "one" for an item a word of two names says —
    asked; "a plate with the brown stuff on it": a thing to put on it the menu does not name — asked, never a
    kitchen note."""
    m = _kiosk()
    assert named_lines(m, "a bowl of stew") == [("Stew", [], None)]  # no size chosen: the cart asks it
    for said in ("an oat milk iced one", "a plate with the, uh, brown stuff on it"):
        with pytest.raises(CartError):
            said_lines(m, said)
    assert named_lines(m, "a large bowl of stew") == [("Stew", ["Large"], None)]
    assert named_lines(m, "a plate with red sauce, butterfly it") == [("Plate", ["Red Sauce"], "butterfly it")]


@pytest.mark.parametrize("said", ["combo with the, uh, the brown stuff on it", "a bowl of chili", "a medium iced one"])
def test_blind10_asked(said: str) -> None:
    assert _judged(said) == "right"


def _brews() -> Menu:
    roast = group("Roast", [option("House Blend", default=True), option("Bold Roast")], least=1)
    adds = group("Adds", [option("Cream", max_quantity=4), option("Sugar", max_quantity=4)], most=8)
    brew = item("Brew", roast, adds, description="House Blend or Bold Roast. Double double = 2 cream 2 sugar.")
    return menu(brew, item("Scone", category="Bakery"))


def test_a_shorthand_the_description_defines_is_never_dropped_nor_a_said_choice() -> None:
    """ "a bold roast double double": the description defines "double double" as two creams and two sugars, so
    the words are never the dish's own words, dropped with the Bold Roast (listed there too) left off: read as
    those choices, or asked."""
    m = _brews()
    try:
        got = named_lines(m, "a bold roast double double and a scone")
    except CartError:
        return
    assert got[0][1] == ["Bold Roast", "Cream", "Cream", "Sugar", "Sugar"]


def test_blind10_shorthand_never_dropped() -> None:
    said = "a large dark roast double double and a toasted everything bagel with cream cheese"
    assert _judged(said) in ("right", "asked_unneeded")


def _bakery() -> Menu:
    kinds = [("Glazed", ["glazed"]), ("Jam Filled", ["jam", "jam filled"])]
    single = item("Bun", variations=[{"id": n.lower().replace(" ", "-"), "name": n, "price_cents": 150, "aliases": a}
                                     for n, a in kinds])  # fmt: skip
    single.pop("price_cents")
    picks = [option("Glazed", max_quantity=6), option("Jam Filled", max_quantity=6)]
    return menu(
        single,
        item("Half Dozen Buns", group("Buns", picks, most=6), aliases=["half a dozen", "half dozen"]),
    )


def test_a_box_is_chosen_when_said_and_one_kind_said_of_it_fills_it() -> None:
    """ "two glazed and a jam filled": two Buns and one, each by its kind, never a Half Dozen box no word names
    holding those picks; "half a dozen glazed": the box said, with one kind only, is that kind six times."""
    m = _bakery()
    assert named_lines(m, "two glazed and a jam filled") == [("Bun", ["Glazed"], None), ("Bun", ["Jam Filled"], None)]
    assert named_lines(m, "half a dozen glazed") == [("Half Dozen Buns", ["Glazed"] * 6, None)]
    assert named_lines(m, "half dozen buns, glazed") == [("Half Dozen Buns", ["Glazed"], None)]  # pieces named


@pytest.mark.parametrize("said", ["two honey dips and a boston cream", "half a dozen honey dips"])
def test_blind10_boxes(said: str) -> None:
    assert _judged(said) == "right"


def _dinners() -> Menu:
    sizes = [{"id": n.lower(), "name": n, "price_cents": 900} for n in ("Small", "Large")]
    rice = group("Rice", [option("Peas Rice", default=True), option("White Rice")], least=1)
    gravy = group("Gravy", [option("Gravy", default=True), option("Pepper Gravy")])
    stew = item("Goat Stew", rice, gravy, variations=sizes)
    stew.pop("price_cents")
    return menu(stew)


def test_a_size_corrected_after_the_item_named_again_is_one_line() -> None:
    """ "small goat stew, put some pepper gravy on… no wait, large goat stew, white rice": one Large line, the
    words naming the stew again with its choices said of the same line, then corrected — never a Small line
    beside it."""
    m = _dinners()
    said = "small goat stew, put some goat stew pepper gravy on... no wait, large goat stew, white rice"
    got = named_lines(m, said)
    assert len(got) == 1 and "Large" in got[0][1] and "Small" not in got[0][1]


def test_blind10_size_corrected() -> None:
    assert _judged("small oxtail, put some oxtail gravy on... no wait, large oxtail, white rice") == "right"


def test_one_of_a_count_said_with_a_choice_splits_the_count() -> None:
    """ "dos atoles, uno con canela": "uno" (normalised as the article "a") before "con"/"with" is the pronoun
    one — one of the two with cinnamon, one as it comes; never both with it."""
    m = menu(item("Atol", group("Extras", [option("Canela"), option("Leche")], most=2)), item("Tamal"))
    got = counted_lines(m, "dos tamales y dos atoles, uno con canela")
    assert got == [("Atol", 1, []), ("Atol", 1, ["Canela"]), ("Tamal", 2, [])]


def test_blind10_one_with() -> None:
    assert _judged("dos quesadillas y dos cafés, uno con azúcar") == "right"
