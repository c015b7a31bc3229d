"""More readings that follow from the menu's structure (issue #23): kinds from blind3's misses and the
last round's open list, each on a menu built here with only the shape it needs."""

from __future__ import annotations

import pytest

from app.core.reading.lines import said_lines
from app.errors import CartError, ItemAmbiguous, QuantityInvalid
from tests.core.reading.menus import group, item, menu, option


def _line(m: object, text: str, modifiers: tuple[str, ...] = ()) -> tuple[int | None, str, list[str], str | None]:
    (line,) = said_lines(m, text, modifiers)  # type: ignore[arg-type]
    picks, names = list(line.picks), [line.variation.name] if line.variation else []
    while picks:  # nested choices too (the Side of Pasta's sauce)
        pick = picks.pop()
        names.append(pick.option.name)
        picks += pick.picks
    return line.quantity, line.item.name, sorted(names), "; ".join(line.notes) or None


BURRITOS = menu(
    item(
        "Burrito",
        group("Toppings", [option("Sour Cream", max_quantity=2), option("Guac", max_quantity=2)], most=4),
        group("Drizzle", [option("Chocolate Drizzle"), option("Whipped Cream", default=True)], most=2),
    ),
)


def test_extra_x_is_one_more_x_than_the_line_would_have() -> None:
    """tests/corpus/README.md: "extra X" of an X not on the line is X once, in a phrase and in a modifiers list
    alike (it was twice or once by accident: "sour cream" also counted as its part "sour"); of an X on the
    line, X once more; past its max_quantity, asked."""
    assert _line(BURRITOS, "burrito, extra guac")[2] == ["Guac", "Whipped Cream"]
    assert _line(BURRITOS, "burrito", ("extra guac",))[2] == ["Guac", "Whipped Cream"]
    assert _line(BURRITOS, "burrito with extra sour cream")[2] == ["Sour Cream", "Whipped Cream"]
    assert _line(BURRITOS, "burrito with guac and extra guac")[2] == ["Guac", "Guac", "Whipped Cream"]
    assert _line(BURRITOS, "burrito, extra chocolate drizzle")[2:] == (["Chocolate Drizzle", "Whipped Cream"], None)
    with pytest.raises(CartError):  # a third of two allowed is asked about
        said_lines(BURRITOS, "burrito with guac and extra guac and extra guac")


def test_a_choice_of_a_side_said_on_the_side_is_that_sides() -> None:
    """ "penne vodka on the side" where the Side of Pasta holds the pasta and its sauce: the side already
    says where they go — no note repeating it (tests/corpus/README.md: "X on the side" → Side of X)."""
    pasta = group("Pasta", [option("Spaghetti", default=True), option("Penne")], least=1)
    sauce = group("Sauce", [option("Marinara", default=True), option("Vodka")], least=1)
    sides = group("Side", [option("Side of Pasta", default=True, modifier_groups=[pasta, sauce]), option("Salad")])
    m = menu(item("Chicken Parm", sides))
    assert _line(m, "chicken parm with penne vodka on the side")[2:] == (["Penne", "Side of Pasta", "Vodka"], None)


def test_a_count_of_pieces_of_an_item_sold_by_orders_is_orders() -> None:
    """ "six tacos" where the description says "Three tacos per order": 2 orders, never 6; a count that
    makes no whole number of orders is asked; orders said as such stay."""
    shell = group("Shell", [option("Soft"), option("Crispy")], least=1)
    m = menu(item("Tacos", shell, description="Three tacos per order"), item("Nachos", description="A big plate"))
    assert _line(m, "six tacos, soft")[:3] == (2, "Tacos", ["Soft"])
    assert _line(m, "three crispy tacos")[:3] == (1, "Tacos", ["Crispy"])
    assert _line(m, "two orders of tacos, soft")[0] == 2
    assert _line(m, "two nachos")[0] == 2  # no pieces per order said: the count is the count
    with pytest.raises(QuantityInvalid):
        said_lines(m, "four tacos, soft")


def test_a_part_of_a_name_the_menu_tells_apart_is_never_that_name() -> None:
    """ "penne" where one group offers Penne beside Gluten-Free Penne: on an item offering only the
    Gluten-Free Penne, "penne" is asked about, never read as it (the qualifier was not said)."""
    shapes = group("Pasta", [option("Penne"), option("Gluten-Free Penne")], least=1)
    only = group("Noodle", [option("Fettuccine", default=True), option("Gluten-Free Penne")], least=1)
    m = menu(item("Pasta Bowl", shapes), item("Alfredo Plate", only))
    for said in ("alfredo plate penne", "alfredo plate with penne"):  # the quick path and the full reader
        with pytest.raises(CartError):
            said_lines(m, said)
    assert _line(m, "alfredo plate with gluten free penne")[2] == ["Gluten-Free Penne"]
    assert _line(m, "pasta bowl, penne")[2] == ["Penne"]


def test_another_items_name_said_around_a_choice_is_asked() -> None:
    """ "chili cheese dog" where the Coney Dog is also called "chili dog" and the Hot Dog may add Chili:
    the Coney Dog's name is said (a choice between its words) — asked, never a Hot Dog with Chili added.
    Said out of its order ("burger with bacon") it is no name: the Burger with Bacon."""
    toppings = group("Toppings", [option("Chili"), option("Cheese")], most=2)
    m = menu(
        item("Hot Dog", toppings, aliases=["dog"]),
        item("Coney Dog", group("Toppings", [option("Cheese")]), aliases=["chili dog"]),
        item("Burger", group("Add", [option("Bacon")])),
        item("Bacon Burger"),
    )
    with pytest.raises(ItemAmbiguous):
        said_lines(m, "chili cheese dog")
    assert _line(m, "chili dog with cheese")[1:3] == ("Coney Dog", ["Cheese"])
    assert _line(m, "hot dog with chili and cheese")[1:3] == ("Hot Dog", ["Cheese", "Chili"])
    assert _line(m, "a burger with bacon")[1:3] == ("Burger", ["Bacon"])


def test_black_said_of_a_coffee_is_no_milk_or_cream() -> None:
    """ "a coffee, black": the milk or cream it comes with taken off, else nothing changed and nothing asked;
    never another item for the word after the comma, and the menu's own "Black" (tea) still chosen."""
    milk = group("Milk", [option("Whole Milk", default=True), option("Oat Milk")])
    m = menu(
        item("Coffee", milk, group("Roast", [option("Dark Roast")])),
        item("Drip Coffee", aliases=["house coffee"]),
        item("Iced Tea", group("Tea", [option("Black"), option("Green")], least=1)),
        item("Muffin"),
    )
    assert _line(m, "a dark roast coffee, black")[1:] == ("Coffee", ["Dark Roast"], None)
    assert _line(m, "house coffee, black")[1:] == ("Drip Coffee", [], None)
    assert _line(m, "iced tea, black")[1:3] == ("Iced Tea", ["Black"])
    with pytest.raises(CartError):
        said_lines(m, "a muffin, black")


def test_a_shared_head_said_alone_is_the_plain_one_the_others_are_built_from() -> None:
    """ "a large pie" where Cheese Pie is what the menu calls the plain pie and its choices include every
    other pie's and more: the Cheese Pie. Shakes with the same choices, one called plain, are asked."""
    sizes = (("Small", 1600), ("Large", 2200))
    crust = group("Crust", [option("Hand Tossed", default=True), option("Thin")], least=1)
    sauce = group("Sauce", [option("Regular Sauce", default=True), option("Light Sauce")])
    tops = group("Toppings", [option("Sausage")], most=3)

    def sized(name: str, *groups: dict[str, object], **more: object) -> dict[str, object]:
        shape = item(name, *groups, **more)
        del shape["price_cents"]
        return shape | {"variations": [{"id": s.lower(), "name": s, "price_cents": p} for s, p in sizes]}

    m = menu(
        sized("Cheese Pie", crust, sauce, tops, aliases=["plain pie"]),
        sized("White Pie", crust, tops),
        sized("Vanilla Shake", tops, aliases=["plain shake"]),
        sized("Chocolate Shake", tops),
    )
    assert _line(m, "a large pie with sausage")[1:3] == (
        "Cheese Pie",
        ["Hand Tossed", "Large", "Regular Sauce", "Sausage"],
    )
    with pytest.raises(ItemAmbiguous):
        said_lines(m, "a large shake")


def test_the_big_one_is_the_largest_size_of_the_item_just_named() -> None:
    """ "the ribeye, the big one, medium": sizes named by measure said by rank ("big" the dearest, as
    "large"); "the … one" right after an item is said of that item, never another ("a chocolate one")."""
    temp = group("Temperature", [option("Rare"), option("Medium")], least=1)
    steak = item("Ribeye", temp)
    del steak["price_cents"]
    steak["variations"] = [
        {"id": "12", "name": "12 oz", "price_cents": 2895},
        {"id": "16", "name": "16 oz", "price_cents": 3495},
    ]
    m = menu(steak)
    assert _line(m, "the ribeye, the big one, medium")[:3] == (None, "Ribeye", ["16 oz", "Medium"])
    assert _line(m, "a big ribeye, rare")[2] == ["16 oz", "Rare"]
    assert _line(m, "the smallest ribeye, rare")[2] == ["12 oz", "Rare"]


def test_one_of_each_of_the_choices_said_is_each_once() -> None:
    """ "the mochi, one of each, mango strawberry chocolate": three pieces, each flavour once."""
    flavors = group("Flavors", [option(n, max_quantity=3) for n in ("Mango", "Strawberry", "Chocolate")], 3, 3)
    m = menu(item("Mochi", flavors))
    assert _line(m, "the mochi, one of each, mango strawberry chocolate")[2] == ["Chocolate", "Mango", "Strawberry"]


def test_a_lone_choice_fills_a_group_that_takes_as_many_as_the_name_says() -> None:
    """ "two scoops of chocolate": the Double Scoop's two flavors both chocolate; a plate whose name says no
    count ("choose 2 sides", one said) and two flavors of three scoops are left as said (asked for the rest)."""

    def flavors(n: int) -> dict[str, object]:
        return group("Flavors", [option("Chocolate", max_quantity=3), option("Vanilla", max_quantity=3)], n, n)

    sides = group("Sides", [option("Fries", max_quantity=2), option("Rice", max_quantity=2)], 2, 2)
    m = menu(
        item("Double Scoop", flavors(2), aliases=["two scoops"]),
        item("Triple Scoop", flavors(3)),
        item("Gyro Plate", sides),
    )
    (line,) = said_lines(m, "two scoops of chocolate", ())
    assert [p.option.name for p in line.picks] == ["Chocolate", "Chocolate"]
    assert [p.option.name for p in said_lines(m, "a double scoop, vanilla", ())[0].picks] == ["Vanilla", "Vanilla"]
    assert [p.option.name for p in said_lines(m, "a gyro plate with fries", ())[0].picks] == ["Fries"]
    (line,) = said_lines(m, "a triple scoop, chocolate and vanilla", ())
    assert [p.option.name for p in line.picks] == ["Chocolate", "Vanilla"]


def test_a_choice_said_in_two_parts_joined_by_on_the_is_that_choice() -> None:
    """ "sugar on the rim", "light on the cheese": the options Sugar Rim and Light Cheese said in two parts joined
    by "on (the)" are those options, never a note or a question about the group (dev the-tap-room, blind
    slice-house); where no option is named so ("light on the sauce" with no Light Sauce) it stays a note."""
    bar = menu(
        item(
            "Margarita",
            group("Rim", [option("Salt Rim", default=True), option("Sugar Rim")]),
            group("Cheese", [option("Regular Cheese", default=True), option("Light Cheese")]),
            group("Sauce", [option("Hot Sauce")]),
        )
    )
    assert _line(bar, "a margarita with sugar on the rim")[2:] == (["Regular Cheese", "Sugar Rim"], None)
    assert _line(bar, "margarita, light on cheese")[2:] == (["Light Cheese", "Salt Rim"], None)
    assert _line(bar, "margarita", ("light on the cheese",))[2:] == (["Light Cheese", "Salt Rim"], None)
    assert _line(bar, "margarita, light on the sauce")[2:] == (["Regular Cheese", "Salt Rim"], "light on the sauce")
    sub = menu(
        item("Italian Sub", group("Bread", [option("Italian White"), option("White")], least=1), aliases=["italian"])
    )
    assert _line(sub, "an italian on white")[1:3] == ("Italian Sub", ["White"])  # the item's own word stays its name


def test_a_size_the_menu_calls_large_is_also_the_big_one_and_a_whole_is_not_the_slice() -> None:
    """ "banana pudding, the big one" where the Cup is also called "small" and the Pint "large" (blind4
    bbq-smokehouse): the Pint, as "large" is; "a whole carrot cake" where the cake comes as a Slice or 8 inch
    (blind crumb-bakery): the 8 inch — never a question about a size the customer named."""
    pudding = item("Banana Pudding")
    del pudding["price_cents"]
    pudding["variations"] = [
        {"id": "cup", "name": "Cup", "price_cents": 300, "aliases": ["small"]},
        {"id": "pint", "name": "Pint", "price_cents": 800, "aliases": ["large"]},
    ]
    cake = item("Carrot Cake")
    del cake["price_cents"]
    cake["variations"] = [
        {"id": "slice", "name": "Slice", "price_cents": 500},
        {"id": "8-inch", "name": "8 inch", "price_cents": 3500},
    ]
    m = menu(pudding, cake)
    assert _line(m, "banana pudding, the big one")[1:3] == ("Banana Pudding", ["Pint"])
    assert _line(m, "a big banana pudding")[2] == ["Pint"]
    assert _line(m, "a whole carrot cake")[1:3] == ("Carrot Cake", ["8 inch"])
    assert _line(m, "a slice of carrot cake")[2] == ["Slice"]
