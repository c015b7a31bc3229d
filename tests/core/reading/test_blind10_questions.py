"""Kinds blind10 asked about though they were clear (issue #23): each on a small menu built here, and its corpus
cases read through the voice tool."""

from __future__ import annotations

from typing import Any

import pytest

from app.core.reading.lines import said_lines
from app.core.reading.modifiers import resolve_choices
from app.errors import CartError
from tests.core.reading.menus import corpus_outcome, group, item, menu, option


def _right(said: object) -> str:
    return corpus_outcome("blind10", said)


def _lines(m: object, text: str, modifiers: tuple[str, ...] = ()) -> list[tuple[str, int, list[str]]]:
    """What ``text`` adds on ``m``: (item, count, sorted choice names, a repeat named again)."""
    return sorted(
        (
            x.item.name,
            x.quantity or 1,
            sorted([p.option.name for p in x.picks] + ([x.variation.name] if x.variation else [])),
        )
        for x in said_lines(m, text, modifiers)  # type: ignore[arg-type]
    )


_SIZES = [{"id": s.lower(), "name": s, "price_cents": 200} for s in ("Small", "Medium", "Large")]
_HOUSE = "Milky = 1 milk 1 honey; twin twin = 2 milk 2 honey; plain = nothing added."
_MILK = group("Dairy", [option("Milk", max_quantity=3), option("Oat Milk", max_quantity=3)], most=3)
_SWEET = group("Sweetener", [option("Honey", max_quantity=3), option("Syrup", max_quantity=3)], most=3)
_ROAST = group("Roast", [option("House", default=True), option("Decaf")], least=1)


def _sized(name: str, *groups: dict[str, Any], description: str = "") -> dict[str, Any]:
    shape = item(name, *groups, description=description, variations=_SIZES)
    del shape["price_cents"]
    return shape


_CAFE = menu(
    _sized("Brew", _ROAST, _MILK, _SWEET, description=f"House or decaf. {_HOUSE}"),
    _sized("Cold Brew", _MILK, _SWEET, description=_HOUSE),
    _sized("Chai", _MILK, _SWEET, description=_HOUSE),
    _sized("Cocoa", _MILK),
    item("Scone"),
)


def test_a_shorthand_the_description_defines_is_its_options() -> None:
    """ "twin twin = 2 milk 2 honey" written in an item's description: said whole, those options that many times."""
    assert _lines(_CAFE, "a large chai twin twin") == [("Chai", 1, ["Honey", "Honey", "Large", "Milk", "Milk"])]
    assert _lines(_CAFE, "chai", ("medium", "milky")) == [("Chai", 1, ["Honey", "Medium", "Milk"])]
    assert _lines(_CAFE, "two small cold brew twin twins") == [
        ("Cold Brew", 2, ["Honey", "Honey", "Milk", "Milk", "Small"])
    ]


def test_a_shorthand_with_no_item_named_is_the_item_the_others_are_less_of() -> None:
    """No item named: of the items defining the word alike, the one whose groups include every other's."""
    assert _lines(_CAFE, "a large twin twin and a scone") == [
        ("Brew", 1, ["Honey", "Honey", "House", "Large", "Milk", "Milk"]),
        ("Scone", 1, []),
    ]


def test_a_shorthand_is_never_read_where_the_item_does_not_define_it() -> None:
    with pytest.raises(CartError):
        said_lines(_CAFE, "a large cocoa twin twin")  # the cocoa's description says nothing of it
    with pytest.raises(CartError):
        said_lines(_CAFE, "a large twin")  # half of the shorthand is no shorthand


def test_a_shorthand_for_nothing_is_said_of_the_item_and_adds_nothing() -> None:
    """ "plain = nothing added" in the description: "a small brew plain" is the brew as it comes."""
    assert _lines(_CAFE, "a small plain brew") == [("Brew", 1, ["House", "Small"])]
    assert _lines(_CAFE, "chai, medium, plain") == [("Chai", 1, ["Medium"])]


def test_nothing_in_it_of_an_item_with_nothing_added_yet_changes_nothing() -> None:
    """ "nothing in it" where only optional additions with no defaults could be: the item as it comes."""
    assert _lines(_CAFE, "a small cocoa, nothing in it") == [("Cocoa", 1, ["Small"])]


_NO_BASE = menu(
    _sized("Cold Brew", _MILK, _SWEET, description=_HOUSE),
    _sized("Chai", _MILK, _SWEET, description=_HOUSE),
)


def test_a_shorthand_two_items_define_alike_is_asked_about() -> None:
    with pytest.raises(CartError):
        said_lines(_NO_BASE, "a large twin twin")


@pytest.mark.parametrize(
    "said",
    [
        "large double double",
        "small black coffee",
        "small green tea, nothing in it",
        "medium regular and a 20 pack of timbits",
        "lemme get a extra large triple triple",
        "two medium double doubles and a ten pack of timbits",
        "can I get a large regular, no wait, make it a double double",
        "three large double doubles, one of them decaf",
        "a small regular, a medium double double, and a large triple triple",
        "two hash browns and a large steeped double double",
        {"item": "coffee", "modifiers": ["large", "double double"]},
        {"item": "steeped tea", "modifiers": ["large", "double double"]},
        {"item": "2 medium double doubles", "modifiers": []},
    ],
)
def test_the_corpus_shorthands(said: object) -> None:
    assert _right(said) == "right"


_SNACKS = menu(
    item("Cookie", group("Warm", [option("Warmed")])),
    item("Party Wings", group("Count", [option("6 pc"), option("12 pc")], least=1)),
)


def test_a_number_alone_among_the_modifiers_is_the_lines_count() -> None:
    """ "cookie" + ["three"]: a number said alone is how many, read as "cookie, three" — but where a choice holds
    that number ("wings" + ["12"]: the 12 pc), the choice."""
    assert _lines(_SNACKS, "cookies", ("three",)) == [("Cookie", 3, [])]
    assert _lines(_SNACKS, "cookies", ("warmed", "2")) == [("Cookie", 2, ["Warmed"])]
    assert _lines(_SNACKS, "wings", ("12",)) == [("Party Wings", 1, ["12 pc"])]


@pytest.mark.parametrize(
    "said",
    [
        {"item": "baklava", "modifiers": ["three"]},
        {"item": "ginger beer", "modifiers": ["two"]},
        {"item": "festival", "modifiers": ["3"]},
    ],
)
def test_the_corpus_counts_among_the_modifiers(said: object) -> None:
    assert _right(said) == "right"


_DONUTS = menu(item("Donut", group("Kind", [option("Maple Dip"), option("Honey Dip")], least=1)), item("Muffin"))


def test_one_of_another_kind_after_a_count_named_only_by_its_kind_is_asked() -> None:
    """ "two maple dips, one honey dip": one of the two, or one more? Asked, never one of each (blind10
    coffee-and-donuts' "two canadian maples, one strawberry vanilla")."""
    with pytest.raises(CartError):
        said_lines(_DONUTS, "two maple dips, one honey dip")
    assert _lines(_DONUTS, "two maple dips and one honey dip") == [
        ("Donut", 1, ["Honey Dip"]),
        ("Donut", 2, ["Maple Dip"]),
    ]


_COMES = group(
    "Comes With",
    [option("Crema", default=True), option("Frijoles", default=True), option("Queso Fresco", aliases=["queso"])],
    most=3,
)
_ANTOJITOS = menu(
    item("Yuca Frita", _COMES, aliases=["yuca"]),
    item("Pupusa", group("Relleno", [option("Frijol y Queso", aliases=["frijol y queso"]), option("Revuelta")])),
)


def test_a_function_word_at_the_edge_of_part_of_a_name_is_the_customers() -> None:
    """ "y" of "frijoles y queso" where a name "Frijol y Queso" holds "y queso": the customer's "and", never the
    name's — a part of a name keeps a function word only within it (or the whole name said)."""
    assert _lines(_ANTOJITOS, "yuca con crema, frijoles y queso") == [
        ("Yuca Frita", 1, ["Crema", "Frijoles", "Queso Fresco"])
    ]
    assert _lines(_ANTOJITOS, "una pupusa de frijol y queso") == [("Pupusa", 1, ["Frijol y Queso"])]


def test_spanish_only_and_order_are_read_as_the_english() -> None:
    """ "nomás con crema": only the crema of what comes with it; "una orden", "dos órdenes": servings."""
    assert _lines(_ANTOJITOS, "yuca frita nomás con crema") == [("Yuca Frita", 1, ["Crema"])]
    assert _lines(_ANTOJITOS, "una orden de yuca") == [("Yuca Frita", 1, ["Crema", "Frijoles"])]
    assert _lines(_ANTOJITOS, "yuca, dos órdenes") == [("Yuca Frita", 2, ["Crema", "Frijoles"])]


@pytest.mark.parametrize(
    "said",
    [
        "plátanos con crema, frijoles y queso",
        "plátanos fritos nomás con crema",
        "una de frijol nomás",
        "pastelitos, una orden",
        "empanadas de frijol, dos órdenes",
        "tres revueltas de arroz",
        "una docena de revueltas de arroz",
    ],
)
def test_the_corpus_spanish_words(said: object) -> None:
    assert _right(said) == "right"


def test_an_option_id_is_never_a_variation_said_by_its_alias() -> None:
    """The reader's option id "jalapenos" (Jalapeños) beside a variation called "jalapeño" (Queso con Jalapeño):
    the option, never the variation — ids are exact (blind10 pupuseria {"pupusa": [queso, jalapeños]})."""
    shape = item("Pupusa", group("Extras", [option("Jalapenos")], most=2))
    del shape["price_cents"]
    shape["variations"] = [
        {"id": "queso", "name": "Queso", "price_cents": 300},
        {"id": "queso-jalapeno", "name": "Queso con Jalapeño", "price_cents": 300, "aliases": ["jalapeno"]},
    ]
    pupusa = menu(shape).items[0]
    size, picks = resolve_choices(pupusa, ["queso", "jalapenos"])
    assert (size and size.name, [p.option.name for p in picks]) == ("Queso", ["Jalapenos"])
    assert _right({"item": "pupusa", "modifiers": ["queso", "jalapeños", "aguacate"]}) == "right"


_MASA = menu(
    item(
        "Pupusa",
        group("Masa", [option("Maiz", default=True), option("Arroz", aliases=["de arroz", "rice"])], least=1),
        group("Relleno", [option("Revuelta"), option("Queso")], least=1),
    ),
    item("Orden de Arroz"),
)


def test_a_choice_said_as_the_menu_writes_it_is_never_part_of_another_items_name() -> None:
    """ "de arroz", the Arroz option's own alias, is that choice — never the Orden de Arroz named by a part of its
    name; "una docena" is twelve (blind10 pupuseria)."""
    assert _lines(_MASA, "tres revueltas de arroz") == [("Pupusa", 3, ["Arroz", "Revuelta"])]
    assert _lines(_MASA, "una docena de revueltas de arroz") == [("Pupusa", 12, ["Arroz", "Revuelta"])]
    assert _lines(_MASA, "una orden de arroz") == [("Orden de Arroz", 1, [])]


_HEATS = group("Heat", [option("Mild"), option("Hottest Heat", aliases=["hottest"])], least=1)
_SIDE = group("Side", [option("Fries", default=True), option("Mac", aliases=["mac and cheese"]), option("Greens")], 1)
_HOT = menu(item("Tender Combo", _HEATS, _SIDE), item("Biscuit"))


def test_swap_one_choice_for_another_replaces_it() -> None:
    """ "swap the fries for mac": Mac in place of the Fries that come with it, as "mac instead of fries"."""
    assert _lines(_HOT, "a tender combo mild, swap the fries for mac") == [("Tender Combo", 1, ["Mac", "Mild"])]
    assert _lines(_HOT, "tender combo, mild, switch the fries to greens") == [("Tender Combo", 1, ["Greens", "Mild"])]
    with pytest.raises(CartError):
        said_lines(_HOT, "a tender combo mild, swap the fries for a biscuit")  # no choice of its side: asked


def test_what_you_got_says_nothing_more() -> None:
    assert _lines(_HOT, "tender combo, hottest you got, greens") == [("Tender Combo", 1, ["Greens", "Hottest Heat"])]


@pytest.mark.parametrize(
    "said",
    ["a slider combo shut the cluck up, swap the fries for mac", "quarter white, hottest you got, greens and mac"],
)
def test_the_corpus_swaps_and_fillers(said: object) -> None:
    assert _right(said) == "right"


def test_a_group_named_with_a_trailing_with_is_said_before_its_choice() -> None:
    """ "made with chocolate milk" where the group is "Made With": the group's name, then its choice."""
    shake = menu(item("Frozen Capp", group("Made With", [option("Cream"), option("Chocolate Milk")], least=1)))
    assert _lines(shake, "a frozen capp made with chocolate milk") == [("Frozen Capp", 1, ["Chocolate Milk"])]
    assert _right("large iced capp made with chocolate milk and whipped topping") == "right"


def test_choices_said_before_the_name_after_a_pause_are_that_items() -> None:
    """ "a large, uh, chai": a size several items read alike, then an item named with no count or article of its
    own — the chai's size; "a large, a scone" stays two things (the large asked about)."""
    assert _lines(_CAFE, "a large, uh, chai, twin twin, and a scone") == [
        ("Chai", 1, ["Honey", "Honey", "Large", "Milk", "Milk"]),
        ("Scone", 1, []),
    ]
    with pytest.raises(CartError):
        said_lines(_CAFE, "a large, a chai, and a scone")
    assert _right("can I get a large, uh, steeped tea, double double, and a chocolate chip cookie") == "right"


_PLATES = menu(
    item("Slider Combo", group("Heat", [option("Mild"), option("Medium")], least=1), aliases=["two slider combo"]),
    item(
        "Combination Plate",
        group("Appetizer", [option("Egg Roll", default=True), option("Crab Rangoon (2 pc)")]),
        aliases=["two item combo"],
    ),
)


def test_a_number_that_only_an_alias_starts_is_the_count_of_the_names_plural() -> None:
    """ "two slider combos" where "two slider combo" is only an alias of the Slider Combo: two of them, split
    by "one mild one medium" — never asked how many."""
    assert _lines(_PLATES, "two slider combos, one mild one medium") == [
        ("Slider Combo", 1, ["Medium"]),
        ("Slider Combo", 1, ["Mild"]),
    ]
    assert _right("two slider combos, one mild one medium") == "right"


def test_a_number_starting_the_items_name_said_is_never_a_choices() -> None:
    """ "two item combo … crab rangoon": the "two" of the alias said, never the count because Crab Rangoon (2 pc)
    also holds a 2."""
    assert _lines(_PLATES, "two item combo, crab rangoon instead of the egg roll") == [
        ("Combination Plate", 1, ["Crab Rangoon (2 pc)"])
    ]
    assert _lines(_PLATES, "two item combo, swap the egg roll for crab rangoon") == [
        ("Combination Plate", 1, ["Crab Rangoon (2 pc)"])
    ]
