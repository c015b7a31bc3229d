"""Clear phrases blind14 asked about (hk-cafe, meat-and-three, cake-shop): each kind on a menu built here, and the
corpus examples read right (issue #23)."""

from __future__ import annotations

import pytest

from app.core.menu import Menu
from app.core.reading.lines import said_lines
from app.errors import CartError
from tests.core.reading.menus import corpus_outcome, group, item, menu, noted_lines, option


def _outcome(said: object) -> str:
    return corpus_outcome("blind14", said)


_FLAVOR = group("Flavor", [option("Vanilla", aliases=["white"]), option("Chocolate")], least=1)
_FROSTING = group("Frosting", [option("Buttercream", default=True), option("Fudge Icing")], least=1)
_CANDLES = group("Candles", [option("Sparkler", max_quantity=2), option("Birthday Candles")], most=3)
_WRITTEN = "Writing on top is free: tell us the words."
_BAKERY = menu(
    item("Layer Cake", _FLAVOR, _FROSTING, _CANDLES, aliases=["cake"], description=_WRITTEN),
    item("Cookie Tin", _FLAVOR, description="A dozen cookies."),
)


def test_a_message_lead_is_never_mended_into_a_menu_word() -> None:
    # "write" is one letter from Vanilla's alias "white": it leads the message, never a flavour
    assert noted_lines(_BAKERY, "chocolate cake, write its a girl in pink") == [
        ("Layer Cake", 1, ["Buttercream", "Chocolate"], '"its a girl in pink"')
    ]


def test_a_message_is_led_by_say_should_say_or_put_a_name() -> None:
    assert noted_lines(_BAKERY, "vanilla cake, and it should say happy birthday maya")[0][3] == '"happy birthday maya"'
    assert noted_lines(_BAKERY, "vanilla cake, says happy anniversary")[0][3] == '"happy anniversary"'
    assert noted_lines(_BAKERY, "a vanilla cake, just put his name, leo")[0][3] == '"leo"'
    with pytest.raises(CartError):  # a lone "say" leads a message only where the item offers writing
        said_lines(_BAKERY, "a chocolate cookie tin, and say, extra crispy edges")


def test_an_item_offering_writing_takes_a_last_part_of_its_own_words_as_the_message() -> None:
    assert noted_lines(_BAKERY, "chocolate cake, two sparklers and happy graduation sam on it") == [
        ("Layer Cake", 1, ["Buttercream", "Chocolate", "Sparkler", "Sparkler"], '"happy graduation sam"')
    ]
    assert noted_lines(_BAKERY, "layer cake", ("chocolate", "happy graduation sam"))[0][3] == '"happy graduation sam"'


def test_words_left_on_an_item_offering_no_writing_or_about_a_choice_are_asked() -> None:
    with pytest.raises(CartError):
        said_lines(_BAKERY, "chocolate cookie tin, happy graduation sam")
    with pytest.raises(CartError):  # a head noun of a choice: a frosting the menu lacks, never a message
        said_lines(_BAKERY, "chocolate cake, mocha icing")
    with pytest.raises(CartError):  # one word is too little to be a message
        said_lines(_BAKERY, "chocolate cake, sprinkles")


@pytest.mark.parametrize(
    "said",
    [
        "I need a cake, uh, ten inch red velvet with cream cheese, raspberry filling, and it should say Congrats Maya",
        "quarter sheet carrot cake, cream cheese icing, with a pack of candles, and write Happy Retirement Linda",
        "a smash cake, vanilla with whipped cream, for my son's first birthday, just put his name, Leo",
        "quarter sheet vanilla with fresh berries and whipped cream, write It's a Girl in pink",
        "a half sheet chocolate with bavarian cream, chocolate icing, two sparklers and Happy Birthday Grandma on it",
        "a chocolate cake with chocolate frosting, happy birthday Jaden",
        {"item": "cookie cake", "modifiers": ["16 inch", "chocolate border", "Happy Graduation Sam"]},
    ],
)
def test_cake_shop_messages(said: object) -> None:
    assert _outcome(said) == "right"


def test_the_message_is_taken_before_any_choice_is_read() -> None:
    # "birthday" is a word of Birthday Candles: inside the words to write it chooses nothing
    assert noted_lines(_BAKERY, "vanilla cake that says happy birthday maya") == [
        ("Layer Cake", 1, ["Buttercream", "Vanilla"], '"happy birthday maya"')
    ]


_EGG = group("Egg", [option("Scrambled"), option("Fried")], least=1)
_TEMPERATURE = group("Temperature", [option("Hot", default=True), option("Iced")], least=1)
_DRINK = group("Drink", [option("Milk Tea", modifier_groups=[_TEMPERATURE]), option("Coffee")], least=1)
_BREAKFAST = menu(
    item("Set B Curry Fish Ball Noodles", _EGG, _DRINK, aliases=["fish ball noodles"]),
    item("Set C Ham Noodles", _EGG, _DRINK, aliases=["ham noodles"]),
    item("Egg Tart"),
    item("Egg Tart with Custard"),
)


def test_a_word_of_the_items_own_name_said_beside_its_alias_is_its_name() -> None:
    assert noted_lines(_BREAKFAST, "fish ball noodles set, scrambled, coffee") == [
        ("Set B Curry Fish Ball Noodles", 1, ["Coffee", "Scrambled"], "")
    ]


def test_the_head_noun_of_an_items_name_is_never_its_name_said_again() -> None:
    toppings = group("Toppings", [option("Ham"), option("Pineapple")], most=2)
    pizzas = menu(item("Cheese Pizza", toppings), item("Hawaiian Pizza", aliases=["ham and pineapple"]))
    assert noted_lines(pizzas, "a cheese pizza with ham and pineapple") == [
        ("Cheese Pizza", 1, ["Ham", "Pineapple"], "")
    ]


def test_a_number_of_an_items_name_beside_its_alias_is_a_count() -> None:
    meals = menu(item("2-Piece Chicken Meal", aliases=["piece chicken meal"]), item("3-Piece Chicken Meal"))
    assert noted_lines(meals, "two 2-piece chicken meals") == [("2-Piece Chicken Meal", 2, [], "")]


def test_plain_of_a_dish_with_no_choices_is_the_dish_as_it_comes() -> None:
    assert noted_lines(_BREAKFAST, "two egg tarts, plain, no custard") == [("Egg Tart", 2, [], "no custard")]


def test_make_the_choice_one_of_its_own_nested_choices_changes_it_never_replaces_it() -> None:
    said = "ham noodles, fried, hot milk tea, no wait, make the milk tea iced"
    assert noted_lines(_BREAKFAST, said) == [("Set C Ham Noodles", 1, ["Fried", "Milk Tea", "Milk Tea > Iced"], "")]


_MEAT = group("Meat", [option("Meatloaf"), option("Turkey")], least=1)
_SIDES = group(
    "Sides",
    [
        option("Mashed Potatoes and Gravy", aliases=["mashed potatoes"], max_quantity=2),
        option("Corn", max_quantity=2),
        option("Greens", max_quantity=2),
        option("Mac and Cheese", aliases=["mac"], max_quantity=2),
    ],
    least=3,
    most=3,
)
_DINER = menu(
    item("Meat and Three", _MEAT, _SIDES, aliases=["plate"]),
    item("Chess Pie", aliases=["slice of chess pie"]),
    item("Pecan Pie"),
)


def test_no_to_one_of_the_things_a_choice_joins_is_a_note_never_a_contradiction() -> None:
    assert noted_lines(_DINER, "meatloaf with mashed potatoes no gravy, corn, and greens") == [
        ("Meat and Three", 1, ["Corn", "Greens", "Mashed Potatoes and Gravy", "Meatloaf"], "no gravy")
    ]


def test_what_the_menus_own_aliases_serve_an_item_in_serves_any_item() -> None:
    assert noted_lines(_DINER, "a slice of pecan pie") == [("Pecan Pie", 1, [], "")]


@pytest.mark.parametrize(
    "said",
    [
        "turkey with corn, greens and mashed potatoes, no wait, swap the corn for mac",
        "turkey with corn, greens and mashed potatoes, swap the corn for mac",
    ],
)
def test_swap_the_choice_for_another_replaces_it_in_a_group_of_several(said: str) -> None:
    assert noted_lines(_DINER, said) == [
        ("Meat and Three", 1, ["Greens", "Mac and Cheese", "Mashed Potatoes and Gravy", "Turkey"], "")
    ]


@pytest.mark.parametrize(
    ("menu_id", "said"),
    [
        ("hk-cafe", "two pineapple buns, plain, no butter"),
        ("hk-cafe", "set A sunny side up hot milk tea, no wait, make the milk tea iced"),
        ("hk-cafe", "satay beef noodles set, scrambled, coffee"),
        ("hk-cafe", "luncheon meat noodle set with fried egg and an iced lemon tea"),
        ("meat-and-three", "white meat chicken with mashed potatoes no gravy, slaw, and green beans"),
        ("meat-and-three", "turkey and dressing with green beans, yams and corn, no wait, swap the corn for mac"),
        ("meat-and-three", "a glass of buttermilk and a slice of sweet potato pie"),
    ],
)
def test_hk_cafe_and_meat_and_three_clear_phrases(menu_id: str, said: str) -> None:
    assert _outcome(said) == "right", menu_id


_TOPPING = group("Topping", [option("Cherry Topping", aliases=["cherry"])])


def _cakes() -> Menu:
    kinds = [{"id": n.lower().replace(" ", "-"), "name": n, "price_cents": 3000} for n in ("Lemon", "Rum Raisin Swirl")]
    pound = item("Pound Cake", variations=kinds)
    pound.pop("price_cents")
    return menu(item("Celebration Cake", _FLAVOR, aliases=["cake"]), pound, item("Cheesecake", _TOPPING))


def test_a_kind_of_an_item_named_whole_by_its_many_words_is_that_item() -> None:
    assert noted_lines(_cakes(), "a rum raisin swirl cake") == [("Pound Cake", 1, ["Rum Raisin Swirl"], "")]


def test_plain_of_a_dish_with_only_added_choices_is_none_of_them() -> None:
    assert noted_lines(_cakes(), "a cheesecake, plain") == [("Cheesecake", 1, [], "")]


@pytest.mark.parametrize(
    "said",
    [
        "a whole cheesecake, plain",
        "a sock it to me cake",
        "eight inch marble, no wait, make it red velvet, cream cheese, says Happy Anniversary",
    ],
)
def test_cake_shop_clear_phrases(said: str) -> None:
    assert _outcome(said) == "right"
