"""Kinds blind11 found read silently wrong (issue #23, round 14): each on a small menu built here, and its
examples read on the corpus menus through the voice tool."""

from __future__ import annotations

import pytest

from app.core.menu import Menu
from app.errors import CartError
from tests.core.reading.menus import corpus_lines, counted_lines, group, item, menu, named_lines, option


def test_an_alias_holding_a_choice_of_a_group_left_empty_says_it() -> None:
    """ "everything bagel with cream cheese toasted", the Bagel called "bagel with cream cheese": the alias says
    its Spread (a group that may be left empty), never drops the cream cheese; the alias "bagel and cream cheese"
    names the item only (as the generated reads label it)."""
    kind = group("Bagel Type", [option("Plain"), option("Everything")], least=1)
    spread = group("Spread", [option("Butter"), option("Cream Cheese")])
    toasted = group("Toasted", [option("Toasted")])
    aliases = ["bagel with cream cheese", "bagel and cream cheese"]
    m = menu(item("Bagel", kind, spread, toasted, aliases=aliases), item("Coffee"))
    got = named_lines(m, "everything bagel with cream cheese toasted")
    assert got == [("Bagel", ["Cream Cheese", "Everything", "Toasted"], None)]
    assert named_lines(m, "everything bagel toasted") == [("Bagel", ["Everything", "Toasted"], None)]
    assert named_lines(m, "a bagel and cream cheese plain, toasted") == [("Bagel", ["Plain", "Toasted"], None)]
    listed = named_lines(m, "bagel with cream cheese", ("plain", "butter"))  # the list says the spread
    assert listed == [("Bagel", ["Butter", "Plain"], None)]


def test_a_choice_said_with_its_group_name_after_of_is_that_choice() -> None:
    """ "tonkatsu curry with 600 grams of rice": "rice" is the Rice group's name, said after its choice — the
    Pork Katsu Curry named whole, never the Pork Curry ("curry rice") with a cutlet topping."""
    rice = group("Rice", [option("300g", default=True), option("600g", aliases=["600 grams"])], least=1)
    tops = group("Toppings", [option("Pork Cutlet", aliases=["tonkatsu", "katsu"])], most=4)
    m = menu(
        item("Pork Curry", rice, tops, aliases=["curry rice"]),
        item("Pork Katsu Curry", rice, tops, aliases=["tonkatsu curry", "katsu curry"]),
    )
    assert named_lines(m, "tonkatsu curry with 600 grams of rice") == [("Pork Katsu Curry", ["600g"], None)]
    assert named_lines(m, "katsu curry with 600 grams of rice") == [("Pork Katsu Curry", ["600g"], None)]


def test_one_said_with_an_article_and_without_splits_the_count() -> None:
    """ "tres cortaditos, uno sin azúcar": "uno" before "sin" ("without") is one of the three, as "one with no
    sugar" is — two as they come and one without, never all three."""
    sugar = group("Sugar", [option("Regular Sugar", default=True), option("No Sugar", aliases=["sin azucar"])], least=1)
    m = menu(item("Cortadito", sugar, aliases=["cortaditos"]), item("Croqueta"))
    want = [("Cortadito", 1, ["No Sugar"]), ("Cortadito", 2, ["Regular Sugar"])]
    assert counted_lines(m, "tres cortaditos, uno sin azúcar") == want
    assert counted_lines(m, "three cortaditos, one with no sugar") == want


def test_a_word_several_items_are_called_by_is_asked() -> None:
    """ "un sándwich": "sandwich" is in the Cuban Sandwich's name and in the Medianoche's alias — which one is
    asked, never the one whose name happens to hold it; "chicken jhol" still says the Chicken Momo by its
    choice, though "chicken" is in the Chilli Chicken's name too."""
    style = group("Style", [option("Steamed"), option("Jhol")], least=1)
    m = menu(
        item("Cuban Sandwich", description="Ham and roast pork on Cuban bread."),
        item("Medianoche", aliases=["midnight sandwich"]),
        item("Chicken Momo", style),
        item("Chilli Chicken"),
    )
    for said in ("un sándwich", "a sandwich"):
        with pytest.raises(CartError):
            named_lines(m, said)
    assert named_lines(m, "chicken jhol") == [("Chicken Momo", ["Jhol"], None)]


def test_extra_of_what_the_item_is_named_for_is_a_note() -> None:
    """ "pepperoni pretzel, extra pepperoni" where no choice is pepperoni: one pretzel with a note "extra
    pepperoni", never two pretzels."""
    butter = group("Butter", [option("Butter", default=True)])
    m = menu(
        item("Pepperoni Pretzel", butter, aliases=["pepperoni"]),
        item("Original Pretzel", butter, aliases=["plain pretzel"]),
    )
    want = [("Pepperoni Pretzel", ["Butter"], "extra pepperoni")]
    assert named_lines(m, "pepperoni pretzel, extra pepperoni") == want
    assert named_lines(m, "pepperoni pretzel", ("extra pepperoni",)) == want


def test_a_correction_of_a_choice_holds_for_an_item_said_by_part_of_its_name() -> None:
    """ "chicken steamed, actually make it jhol": the style corrected, though "chicken" alone names the Chicken
    Momo (and is in the Chilli Chicken's name too); "chicken steamed jhol" (two styles of a one-style group) is
    asked, never the description's words."""
    style = group("Style", [option("Steamed"), option("Jhol")], least=1)
    achar = group("Achar", [option("Tomato Achar", default=True), option("Spicy Achar")])
    described = "Dumplings, steamed or jhol (in soup)."
    m = menu(
        item("Chicken Momo", style, achar, description=described),
        item("Veg Momo", style, achar, description=described),
        item("Chilli Chicken"),
    )
    want = [("Chicken Momo", ["Jhol", "Tomato Achar"], None)]
    assert named_lines(m, "chicken steamed, actually make it jhol") == want
    with pytest.raises(CartError):
        named_lines(m, "chicken steamed jhol")


def test_extra_before_the_quality_an_option_is_named_by_never_picks_it() -> None:
    """ "buff momo c-momo extra spicy": "spicy" is only the first word of the Spicy Achar (the Achar group's
    name after it); "extra spicy" says how hot — asked or a note, never the Spicy Achar."""
    style = group("Style", [option("Steamed"), option("C-Momo")], least=1)
    achar = group("Achar", [option("Tomato Achar", default=True), option("Spicy Achar")])
    m = menu(item("Buff Momo", style, achar))
    try:
        got = named_lines(m, "buff momo c-momo extra spicy")
    except CartError:
        return
    assert all("Spicy Achar" not in names for _, names, _ in got)


def test_an_alias_joining_what_is_said_on_the_side_is_not_said() -> None:
    """ "fries, gravy on the side": the gravy served apart (the Fries' Side of Gravy), never the Frite Sauce
    whose alias "fries and gravy" the comma happened to join; "fries and gravy" is still the Frite Sauce."""
    dips = group("Dips", [option("Ketchup"), option("Side of Gravy", aliases=["gravy on the side"])], most=3)
    m = menu(item("Fries", dips), item("Frite Sauce", aliases=["fries and gravy"]))
    assert named_lines(m, "fries, gravy on the side") == [("Fries", ["Side of Gravy"], None)]
    assert named_lines(m, "fries and gravy") == [("Frite Sauce", [], None)]


def test_an_alias_starting_with_sub_is_said_whole() -> None:
    """ "sub roll", an alias of the Hero: the Hero, never "sub" (substitute) before the Roll."""
    bread = group("Bread", [option("Roll"), option("Hero", aliases=["sub roll"])], least=1)
    m = menu(item("Egg and Cheese", bread))
    assert named_lines(m, "egg and cheese, sub roll") == [("Egg and Cheese", ["Hero"], None)]
    assert named_lines(m, "egg and cheese", ("sub roll",)) == [("Egg and Cheese", ["Hero"], None)]


def _croquetas() -> Menu:
    kinds = [option("Ham", max_quantity=12), option("Chicken", max_quantity=12)]
    return menu(
        item("Croqueta", group("Flavor", kinds, least=1), aliases=["croquetas"]),
        item("Dozen Croquetas", group("Flavors", kinds, least=12, most=12), aliases=["a dozen croquetas"]),
    )


def test_a_box_named_by_its_count_with_the_kind_of_its_pieces_is_that_kind_in_every_place() -> None:
    """ "a dozen ham croquetas": the Dozen Croquetas box (its name says the dozen), ham in all twelve places —
    never twelve single croquetas; "half a dozen ham croquetas", with no box of six, is six singles; "half ham
    half chicken" shares the box; a kind said apart ("a dozen croquetas, ham") is one pick, never all twelve."""
    m = _croquetas()
    assert counted_lines(m, "a dozen ham croquetas") == [("Dozen Croquetas", 1, ["Ham"] * 12)]
    assert counted_lines(m, "half a dozen ham croquetas") == [("Croqueta", 6, ["Ham"])]
    halves = counted_lines(m, "a dozen croquetas, half ham half chicken")
    assert halves == [("Dozen Croquetas", 1, ["Chicken"] * 6 + ["Ham"] * 6)]
    try:
        apart = counted_lines(m, "a dozen croquetas, ham")
    except CartError:
        return
    assert apart != [("Dozen Croquetas", 1, ["Ham"] * 12)]


@pytest.mark.parametrize(
    ("menu_id", "said", "want"),
    [
        (
            "bodega-deli",
            "everything bagel with cream cheese toasted",
            [("Bagel", 1, ("Cream Cheese", "Everything", "Toasted"))],
        ),
        (
            "japanese-curry",
            "tonkatsu curry level 4 with 600 grams of rice",
            [("Pork Katsu Curry", 1, ("600g", "Level 4", "Pork Sauce"))],
        ),
        ("cuban-ventanita", "un sándwich", ["ask"]),
        (
            "cuban-ventanita",
            "tres cortaditos, uno sin azúcar",
            [
                ("Cortadito", 1, ("Evaporated Milk", "Hot", "No Sugar")),
                ("Cortadito", 2, ("Evaporated Milk", "Hot", "Regular Sugar")),
            ],
        ),
        (
            "nepali-momo",
            "chicken steamed 12 pieces, uh actually make it jhol",
            [("Chicken Momo", 1, ("12 Pieces", "Jhol", "Tomato Achar"))],
        ),
        ("poutine-shop", "large fries, gravy on the side", [("Fries", 1, ("Large", "Side of Gravy"))]),
        ("cuban-ventanita", "a dozen ham croquetas", [("Dozen Croquetas", 1, ("Ham",) * 12)]),
        ("cuban-ventanita", "una docena de pastelitos de guayaba", [("Dozen Pastelitos", 1, ("Guava",) * 12)]),
        (
            "cuban-ventanita",
            "a dozen pastelitos, half guava and cheese half beef",
            [("Dozen Pastelitos", 1, ("Beef",) * 6 + ("Guava and Cheese",) * 6)],
        ),
        ("pretzel-stand", "pepperoni pretzel, extra pepperoni", [("Pepperoni Pretzel", 1, ("Butter",))]),
        (
            "bodega-deli",
            "can i get 3 egg cheese hash brown, spk, sub roll, butter, heat it up",
            [
                (
                    "Egg and Cheese",
                    3,
                    ("American", "Butter", "Hash Brown", "Hero", "Salt Pepper Ketchup", "Scrambled", "Toasted"),
                )
            ],
        ),
    ],
)
def test_blind11_examples(menu_id: str, said: str, want: list[object]) -> None:
    """The corpus examples of the kinds above, as labelled."""
    assert corpus_lines(menu_id, said) == want
