"""Readings that follow from the menu's structure, each a kind found on menus the reader was not written
for (issue #23), on menus built here with only the shape each needs."""

from __future__ import annotations

import pytest

from app.core.reading.lines import said_lines
from app.core.reading.spoken import normalize
from app.errors import CartError, ItemAmbiguous
from tests.core.reading.menus import group, item, menu, option


def _line(m: object, text: str, modifiers: tuple[str, ...] = ()) -> tuple[str, list[str], str | None]:
    (line,) = said_lines(m, text, modifiers)  # type: ignore[arg-type]
    names = sorted(p.option.name for p in line.picks) + ([line.variation.name] if line.variation else [])
    return line.item.name, sorted(names), "; ".join(line.notes) or None


def _sized(name: str, *sizes: tuple[str, int], **more: object) -> dict[str, object]:
    variations = [{"id": s.lower().replace(" ", "-"), "name": s, "price_cents": p} for s, p in sizes]
    shape = item(name, **more)
    del shape["price_cents"]
    return shape | {"variations": variations}


def test_a_fraction_before_a_unit_is_a_fraction_never_a_date() -> None:
    assert normalize("a 1/2 lb burger") == "a half lb burger"
    assert normalize("1/4 pound burger") == "quarter lb burger"
    assert normalize("a cake for 2/14") == "a cake for feb 14"


def test_sizes_named_by_measure_are_said_by_rank() -> None:
    """ "a small smoothie" where the sizes are 16 oz and 24 oz: the cheaper is small, the dearer large."""
    m = menu(_sized("Smoothie", ("24 oz", 899), ("16 oz", 699)))
    assert _line(m, "a small smoothie")[1] == ["16 oz"]
    assert _line(m, "a large smoothie")[1] == ["24 oz"]
    assert _line(m, "smoothie", ("venti",))[1] == ["24 oz"]


def test_a_pitcher_is_never_called_large() -> None:
    """Sizes that are no measures ("Pint", "Pitcher") get no rank words: "large" is asked about."""
    m = menu(_sized("Lager", ("Pint", 600), ("Pitcher", 1800)))
    with pytest.raises(CartError):
        said_lines(m, "a large lager")


def test_x_instead_of_y_replaces_y() -> None:
    base = group("Base", [option("White Rice", default=True), option("Brown Rice")], least=1)
    bowl = menu(item("Poke Bowl", base, group("Mix-ins", [option("Cucumber", default=True), option("Corn")], most=3)))
    assert _line(bowl, "a poke bowl, brown rice instead of white") == ("Poke Bowl", ["Brown Rice", "Cucumber"], None)
    assert _line(bowl, "poke bowl with corn instead of the cucumber") == ("Poke Bowl", ["Corn", "White Rice"], None)


def test_a_groups_name_said_around_its_option_is_explained() -> None:
    toast = group("Toast", [option("Wheat"), option("Rye")], least=1)
    eggs = group("Eggs", [option("Scrambled"), option("Poached")], least=1)
    m = menu(item("Two Egg Breakfast", toast, eggs), item("Coffee", group("Coffee", [option("Decaf")])))
    assert _line(m, "two egg breakfast, eggs poached, rye toast")[1] == ["Poached", "Rye"]
    # the item's own name is never eaten as its group's: "a coffee and a decaf coffee" is two lines
    assert len(said_lines(m, "a coffee and a decaf coffee")) == 2


def test_x_on_the_side_is_the_option_side_of_x() -> None:
    m = menu(item("Muffin", group("Extras", [option("Side of Butter"), option("Warmed")], most=2)))
    assert _line(m, "a muffin, warmed, with butter on the side") == ("Muffin", ["Side of Butter", "Warmed"], None)


def test_a_shared_name_told_apart_only_by_a_default_is_asked() -> None:
    """{"item": "pho", "modifiers": ["rare steak"]}: Rare Steak comes with the combination pho, but the
    customer may mean the rare-steak pho; a default restated is no choice that tells them apart."""
    meats = group("Includes", [option("Rare Steak", default=True), option("Brisket", default=True)], most=2)
    m = menu(item("Tai Pho"), item("Special Pho", meats))
    with pytest.raises(ItemAmbiguous):
        said_lines(m, "pho", ("rare steak",))


def test_the_voice_tool_keeps_a_removal_it_read() -> None:
    """ "six wings, no celery": the reading takes Celery & Carrots off; the voice tool hands the removal to
    the turn as "no Celery & Carrots", which is read back exactly — never re-read as words ("no celery" and
    "carrots"), which asked a needless question."""
    from app.core import cart
    from app.voice.cart_tools import add_to_order
    from app.voice.toolkit import ToolContext

    comes = group("Comes With", [option("Celery & Carrots", default=True)], most=1)
    m = menu(item("Wings", group("Flavor", [option("Mild"), option("Hot")], least=1), comes))
    state = cart.new_cart(b"test0000", m.restaurant_id, 1_767_225_600)
    state, out = add_to_order.handler(
        state, {"items": [{"item": "wings mild, no celery"}]}, ToolContext(m, 1_767_225_600)
    )
    assert out["ok"] and not out["not_added"], out
    assert (out["added"][0]["options"], out["added"][0]["notes"]) == (["Mild"], "")


COOKIES = menu(
    _sized("Cookie", ("Single", 300), ("Half Dozen", 1500), ("Dozen", 2800)),
    item("Garlic Knots", group("Size", [option("6 pc"), option("12 pc")], least=1)),
    item("Croissant", group("Prep", [option("Warmed")])),
    item("Cake", group("Extras", [option("Candles")])),
    item("Pizza", group("Toppings", [option("Sausage"), option("Onions")], most=5)),
    item("Wings", group("Flavor", [option("Mild"), option("Hot")], least=1, most=2)),
)


def _first(text: str, modifiers: tuple[str, ...] = ()) -> tuple[int | None, list[str], str | None]:
    (line,) = said_lines(COOKIES, text, modifiers)
    names = sorted(p.option.name for p in line.picks) + ([line.variation.name] if line.variation else [])
    return line.quantity, sorted(names), "; ".join(line.notes) or None


def test_a_count_answers_a_choice_that_is_a_count() -> None:
    assert _first("three cookies")[:2] == (3, ["Single"])
    assert _first("half a dozen cookies")[:2] == (1, ["Half Dozen"])
    assert _first("six cookies")[:2] == (1, ["Half Dozen"])
    assert _first("a dozen garlic knots")[:2] == (1, ["12 pc"])
    assert _first("eight garlic knots")[:2] == (8, [])  # no 8 pc and no single knot: the size stays to be asked


def test_a_message_to_write_is_a_note_said_as_it_was_said() -> None:
    assert _first("a cake with candles that says happy birthday maya")[1:] == (["Candles"], '"happy birthday maya"')
    assert _first("a cake, write happy retirement bob on it")[2] == '"happy retirement bob"'


def test_who_an_order_is_for_says_nothing_about_it() -> None:
    assert _first("a croissant for the table") == (1, [], None)


def test_an_option_made_from_a_verb_is_said_as_the_verb() -> None:
    assert _first("a croissant, warmed up please")[1] == ["Warmed"]
    assert _first("croissant", ("heated",))[1] == ["Warmed"]


def test_half_and_half_chooses_both_and_tells_the_kitchen_where_toppings_go() -> None:
    assert _first("a pizza half sausage half onions") == (1, ["Onions", "Sausage"], "half sausage half onion")
    assert _first("wings half mild half hot") == (None, ["Hot", "Mild"], None)  # two flavours: the split itself


def test_words_only_a_description_holds_name_that_item() -> None:
    """ "a grilled pork banh mi": the menu's names are Vietnamese; its descriptions say what each is."""
    m = menu(
        item("Banh Mi Thit Nuong", description="Grilled lemongrass pork sandwich"),
        item("Banh Mi Ga Nuong", description="Grilled lemongrass chicken sandwich"),
        item("Bun Thit Nuong", group("Add", [option("Extra Pork")]), description="Vermicelli bowl with grilled pork"),
    )
    assert _line(m, "a grilled pork banh mi")[0] == "Banh Mi Thit Nuong"
    assert _line(m, "a vermicelli bowl with grilled pork") == ("Bun Thit Nuong", [], None)  # no Extra Pork
    with pytest.raises(CartError):  # both descriptions say grilled lemongrass: asked
        said_lines(m, "a grilled lemongrass banh mi")
    with pytest.raises(CartError):  # an item named whole is never swapped for one whose description fits
        said_lines(m, "a banh mi ga nuong with pork")


def test_a_word_other_names_start_with_is_no_items_own() -> None:
    """ "pho" ends the alias "house special pho" but starts "pho tai": never the special's own name."""
    m = menu(item("Pho Tai"), item("Pho Dac Biet", aliases=["house special pho"]))
    with pytest.raises(ItemAmbiguous):
        said_lines(m, "pho")


SCOOPS = menu(
    item(
        "Double Scoop",
        group("Flavors", [option("Vanilla"), option("Chocolate"), option("Mint Chocolate Chip")], least=2, most=2),
        group("Sauce", [option("Hot Fudge"), option("Caramel")], most=2),
    ),
    item("Falafel Wrap", group("Add", [option("Extra Falafel")])),
    item("Falafel Plate"),
    item("Hot and Sour Soup"),
)


def test_on_the_side_carries_the_choice_by_its_menu_name() -> None:
    line = _line(SCOOPS, "a double scoop vanilla and chocolate with the hot fudge on the side")
    assert line[2] == "hot fudge on the side"


def test_part_of_a_choice_name_that_starts_another_choice_is_asked() -> None:
    """ "chocolate chip" is no Mint Chocolate Chip where Chocolate is a flavour of its own."""
    with pytest.raises(CartError):
        said_lines(SCOOPS, "a double scoop, chocolate chip and vanilla")


def test_a_word_of_several_item_names_is_asked_even_where_an_add_on_says_it() -> None:
    with pytest.raises(ItemAmbiguous):
        said_lines(SCOOPS, "uh lemme get a falafel")


def test_n_is_and() -> None:
    assert _line(SCOOPS, "a hot n sour soup")[0] == "Hot and Sour Soup"


BAR = menu(
    item("Moscow Mule"),
    item("Chai Latte", group("Style", [option("Dirty")])),
    item("Latte", group("Extras", [option("Extra Shot", max_quantity=3)], most=3)),
    item("Baguette", group("Size", [option("Whole"), option("Half")], least=1)),
    item(
        "Express Burger",
        group("Toppings", [option(n, default=True) for n in ("Ketchup", "Mustard", "Onions", "Pickles")], most=6),
    ),
    item("Muffin"),
)


def test_extra_of_something_the_menu_does_not_sell_is_a_note_said_back() -> None:
    assert _line(BAR, "a moscow mule, extra lime") == ("Moscow Mule", [], "extra lime")


def test_extra_of_something_the_menu_sells_is_asked_never_a_note() -> None:
    """ "extra shot" on a chai: the menu sells shots (a priced choice); a note would skip the charge."""
    with pytest.raises(CartError):
        said_lines(BAR, "a chai latte with an extra shot")


def test_each_no_is_its_own_removal() -> None:
    assert _line(BAR, "an express burger, no onions no mustard") == ("Express Burger", ["Ketchup", "Pickles"], None)


def test_cut_in_half_is_how_to_cut_never_the_half_size() -> None:
    assert _line(BAR, "a whole baguette, cut in half") == ("Baguette", ["Whole"], "cut in half")


def test_how_to_serve_it_is_a_note() -> None:
    assert _line(BAR, "a muffin, heated up") == ("Muffin", [], "heated up")


SHOP = menu(
    item(
        "Double Cheeseburger",
        group("Toppings", [option(n, default=True) for n in ("Ketchup", "Mustard", "Pickles")], most=5),
    ),
    item("Nuggets", group("Dipping Sauces", [option("BBQ", max_quantity=3), option("Ranch")], most=3)),
    item("Donut", group("Kind", [option("Glazed"), option("Chocolate")], least=1)),
    item("Vindaloo", group("Spice", [option("Medium"), option("Hot")], least=1)),
)


def test_plain_takes_off_everything_that_comes_with_it() -> None:
    assert _line(SHOP, "a double cheeseburger plain") == ("Double Cheeseburger", [], None)


def test_the_last_word_of_a_groups_name_after_its_option_is_explained() -> None:
    assert _line(SHOP, "nuggets with 3 bbq sauces")[1] == ["BBQ", "BBQ", "BBQ"]


def test_a_full_stop_is_a_pause_like_a_comma() -> None:
    assert _line(SHOP, "a vindaloo, medium. no wait, make it hot") == ("Vindaloo", ["Hot"], None)


def test_one_with_after_a_count_is_said_of_a_single_one() -> None:
    lines = said_lines(SHOP, "two double cheeseburgers one with no pickles")
    assert sorted((x.quantity, len(x.picks)) for x in lines) == [(1, 2), (1, 3)]


def test_a_kind_one_is_another_of_the_item_before() -> None:
    lines = said_lines(SHOP, "three glazed donuts and a chocolate one")
    assert [(x.quantity, [p.option.name for p in x.picks]) for x in lines] == [(3, ["Glazed"]), (1, ["Chocolate"])]


def test_words_that_name_a_group_ask_about_that_group() -> None:
    """ "a shoyu ramen, medium spicy" where the spice levels are numbers: the Spice Level is asked about."""
    levels = group("Spice Level", [option(f"Level {n}") for n in range(4)], least=1)
    with pytest.raises(CartError) as asked:
        said_lines(menu(item("Shoyu Ramen", levels)), "a shoyu ramen, medium spicy")
    assert asked.value.details.get("group_name") == "Spice Level"


def test_too_many_choices_name_their_group() -> None:
    from app.core import turn
    from app.core.cart import new_cart

    tea = menu(item("Milk Tea", group("Toppings", [option("Boba"), option("Pudding"), option("Jelly")], most=2)))
    with pytest.raises(CartError) as asked:
        turn.apply(
            new_cart(b"test0000", tea.restaurant_id, 0),
            turn.AddItem("milk tea", turn.AS_SAID, ("boba", "pudding", "jelly")),
            tea,
            0,
        )
    assert asked.value.details.get("group_name") == "Toppings"


def test_no_x_contradicts_only_a_choice_that_is_x() -> None:
    """ "no onion" says nothing against Onion Rings; "no celery" does against Celery & Carrots."""
    sides = group("Side", [option("Onion Rings"), option("Fries")], least=1)
    comes = group("Comes With", [option("Celery & Carrots", default=True)])
    m = menu(item("Burger", sides, group("Toppings", [option("Onion", default=True)])), item("Wings", comes))
    assert _line(m, "a burger with onion rings, no onion") == ("Burger", ["Onion Rings"], None)
    from app.core import turn
    from app.core.cart import new_cart

    try:  # never both the Celery & Carrots and a note saying no celery: taken off, or asked
        state, _ = turn.apply(
            new_cart(b"test0000", m.restaurant_id, 0), turn.AddItem("wings no celery and carrots", turn.AS_SAID), m, 0
        )
    except CartError:
        return
    assert state.lines[0].option_tags == () or not state.lines[0].notes


def test_on_top_says_where_a_topping_goes() -> None:
    m = menu(item("Biscuits", group("Add", [option("Fried Egg")])))
    assert _line(m, "biscuits with a fried egg on top") == ("Biscuits", ["Fried Egg"], None)


DOGS = menu(
    item(
        "Hot Dog",
        group("Toppings", [option(n, default=True) for n in ("Mustard", "Ketchup", "Relish", "Onions")], most=6),
        group("Extras", [option("Chili"), option("Cheese")], most=2),
    ),
    item("Chips & Salsa", group("Salsa", [option("Hot Salsa"), option("Mild Salsa")], least=1)),
    item("Bowl", group("Salsa", [option("Hot Salsa"), option("Mild Salsa")], most=2)),
    item("Pad Thai", group("Add-ons", [option("Fried Egg", aliases=["egg on top"])])),
    _sized("Garlic Bread", ("3 Pieces", 500), ("6 Pieces", 900)),
)


def test_just_x_takes_off_the_rest_of_what_comes_with_it() -> None:
    assert _line(DOGS, "a hot dog, just mustard and ketchup")[1] == ["Ketchup", "Mustard"]
    assert _line(DOGS, "hot dog", ("just mustard",))[1] == ["Mustard"]


def test_taking_back_a_choice_replaces_it_in_a_group_of_several() -> None:
    assert "Chili" not in _line(DOGS, "a hot dog with chili, no wait, with cheese")[1]


def test_one_with_choices_of_the_item_counted_never_another_item() -> None:
    lines = said_lines(DOGS, "two bowls, one with hot salsa and one with mild")
    assert sorted((x.item.name, [p.option.name for p in x.picks]) for x in lines) == [
        ("Bowl", ["Hot Salsa"]),
        ("Bowl", ["Mild Salsa"]),
    ]


def test_the_menus_own_words_beat_the_readers() -> None:
    """ "egg on top" is an alias of Fried Egg here: "on top" is not dropped as where a topping goes."""
    assert _line(DOGS, "pad thai with egg on top")[1] == ["Fried Egg"]


def test_a_number_the_modifiers_resize_was_the_count() -> None:
    (line,) = said_lines(DOGS, "3 garlic breads", ("six pieces",))
    assert (line.quantity, line.variation.name if line.variation else None) == (3, "6 Pieces")


def test_extra_of_a_choice_not_on_the_line_is_that_choice_once() -> None:
    """ "extra chocolate drizzle" on a mocha that comes without it, or "extra sour cream" on a burrito: one more
    than the line would have without the word — the choice once, no note (tests/corpus/README.md). Its name said
    whole is said once, though its words are also its own shorter names ("chocolate", "drizzle")."""
    topping = group("Topping", [option("Whipped Cream", default=True), option("Chocolate Drizzle")], most=2)
    sides = group("Toppings", [option("Sour Cream", max_quantity=2), option("Cheese", max_quantity=2)], most=4)
    m = menu(item("Mocha", topping), item("Burrito", sides))
    assert _line(m, "a mocha, extra chocolate drizzle") == ("Mocha", ["Chocolate Drizzle", "Whipped Cream"], None)
    assert _line(m, "burrito", ("extra sour cream",)) == ("Burrito", ["Sour Cream"], None)
    assert _line(m, "a burrito with extra cheese") == ("Burrito", ["Cheese"], None)


def test_a_side_of_x_that_starts_an_item_stays_with_it() -> None:
    """ "a side of potato salad and a pint of coleslaw": "side of" cuts a side off the item before it, but here
    nothing comes before it but the article — the side starts the item (and "side" is its size)."""
    sizes = [("Side", 399), ("Pint", 699)]
    m = menu(_sized("Potato Salad", *sizes), _sized("Coleslaw", *sizes), item("Sandwich"))
    lines = said_lines(m, "a side of potato salad and a pint of coleslaw")
    assert [(x.item.name, x.variation.name if x.variation else None) for x in lines] == [
        ("Potato Salad", "Side"),
        ("Coleslaw", "Pint"),
    ]


def test_everything_nothing_and_only_are_about_what_comes_with_the_item() -> None:
    """A hot dog that comes with toppings: "with everything" is those (nothing changes), "everything but
    onions" all of them but the onions, "…, everything else off" and "mustard and relish only" only the ones
    said, "nothing on it" none of them. Where no topping comes with it, "with everything" is asked about."""
    toppings = group("Toppings", [option("Mustard", default=True), option("Relish", default=True),
                                  option("Onions", default=True), option("Ketchup")], most=4)  # fmt: skip
    extras = group("Extras", [option("Chili"), option("Cheese")], most=2)
    m = menu(item("Hot Dog", toppings, extras), item("Brat", group("Sauce", [option("Kraut"), option("Mustard")])))
    assert _line(m, "a hot dog with everything") == ("Hot Dog", ["Mustard", "Onions", "Relish"], None)
    assert _line(m, "hot dog", ("everything",)) == ("Hot Dog", ["Mustard", "Onions", "Relish"], None)
    assert _line(m, "a hot dog with everything but onions") == ("Hot Dog", ["Mustard", "Relish"], None)
    assert _line(m, "a hot dog with chili, everything else off") == ("Hot Dog", ["Chili"], None)
    assert _line(m, "a hot dog, mustard and relish only") == ("Hot Dog", ["Mustard", "Relish"], None)
    assert _line(m, "a hot dog, nothing on it") == ("Hot Dog", [], None)
    with pytest.raises(CartError):
        said_lines(m, "a brat with everything")


def test_asides_around_an_order_are_no_words_to_ask_about() -> None:
    """ "it's for my kid", "if you can", "not spicy at all", "an egg roll added", "on top", "over
    zoodles": asides that carry no order; a menu word is still the menu's ("Top Sirloin")."""
    base = group("Base", [option("Rice", default=True), option("Zoodles")], least=1)
    spice = group("Spice", [option("Mild", default=True), option("Hot"), option("No Spice", aliases=["not spicy"])])
    m = menu(item("Bowl", base, spice, group("Add", [option("Egg")])), item("Top Sirloin"))
    assert _line(m, "a bowl over zoodles, it's for my kid") == ("Bowl", ["Mild", "Zoodles"], None)
    assert _line(m, "a bowl, not spicy at all, with an egg on top if you can") == (
        "Bowl",
        ["Egg", "No Spice", "Rice"],
        None,
    )
    assert _line(m, "a bowl with an egg added") == ("Bowl", ["Egg", "Mild", "Rice"], None)
    assert _line(m, "a top sirloin") == ("Top Sirloin", [], None)


def test_a_choice_said_alone_is_the_item_whose_required_choice_it_is() -> None:
    """ "a side of spicy mayo": the Side Sauce whose sauce it is, not a roll it is an add-on of; "a sprite" +
    ["regular"]: the fountain drink, not the combo's drink (the combo still lacks its wings). Where two items
    are equally what the choice is, it is still asked."""
    sauces = [option("Spicy Mayo"), option("Eel Sauce")]
    drinks = [option("Coke"), option("Sprite")]
    combo = item("Wing Combo", group("Wings", [option("6 Wings"), option("10 Wings")], least=1),
                 group("Drink", drinks, least=1))  # fmt: skip
    soda = _sized("Fountain Drink", ("Regular", 249), ("Large", 299)) | {
        "modifier_groups": [group("Drink", drinks, least=1)]
    }
    m = menu(
        item("Side Sauce", group("Sauce", sauces, least=1)), item("Volcano Roll", group("Top", sauces)), combo, soda
    )
    assert _line(m, "a side of spicy mayo") == ("Side Sauce", ["Spicy Mayo"], None)
    assert _line(m, "sprite", ("regular",)) == ("Fountain Drink", ["Regular", "Sprite"], None)
    twice = menu(item("Side Sauce", group("Sauce", sauces, least=1)), item("Dip Cup", group("Dip", sauces, least=1)))
    with pytest.raises(ItemAmbiguous):
        said_lines(twice, "a spicy mayo")


def test_both_and_the_one_said_after_items_are_their_choices() -> None:
    """ "a spicy roll and a crab roll, both full": the size of each; "two sodas, the peach one": the sodas'
    flavour, not a third line ("and a peach one" is another soda)."""
    size = group("Size", [option("Full"), option("Half")], least=1)
    flavor = group("Flavor", [option("Peach"), option("Plain")], least=1)
    m = menu(item("Spicy Roll", size), item("Crab Roll", size), item("Soda", flavor))
    lines = said_lines(m, "a spicy roll and a crab roll, both full")
    assert [(x.item.name, [p.option.name for p in x.picks]) for x in lines] == [
        ("Spicy Roll", ["Full"]),
        ("Crab Roll", ["Full"]),
    ]
    (soda,) = said_lines(m, "two sodas, the peach one")
    assert (soda.quantity, [p.option.name for p in soda.picks]) == (2, ["Peach"])
    assert len(said_lines(m, "a plain soda and a peach one")) == 2


def test_an_item_named_inside_its_option_is_named_by_it() -> None:
    """ "a cheese slice" where the Slice's choice is Cheese Slice and a Cheese Pie is also called "cheese":
    the Slice, named by its option's words — the pie's name covers no more of them."""
    kind = group("Kind", [option("Cheese Slice"), option("Pepperoni Slice")], least=1)
    size = group("Size", [option("Small"), option("Large")], least=1)
    toppings = group("Toppings", [option("Mushrooms"), option("Extra Cheese")], most=2)
    m = menu(item("Slice", kind, toppings), item("Cheese Pie", size, toppings))
    assert _line(m, "a cheese slice") == ("Slice", ["Cheese Slice"], None)
    assert _line(m, "cheese slice", ("mushrooms",)) == ("Slice", ["Cheese Slice", "Mushrooms"], None)
    assert _line(m, "a large cheese pie") == ("Cheese Pie", ["Large"], None)


def test_half_and_half_before_two_choices_of_a_group_is_their_split() -> None:
    """ "a whole chicken half and half, soy garlic and honey butter": the two sauces, each on half; the menu's
    own Half & Half (a creamer) stays that option; with no two choices after it, "half and half" is asked."""
    sauce = group("Sauce", [option("Soy Garlic"), option("Honey Butter"), option("Plain")], least=1, most=2)
    creamer = group("Creamer", [option("Half & Half"), option("Oat Milk")])
    m = menu(item("Whole Chicken", sauce), item("Half Chicken", sauce), item("Coffee", creamer))
    assert _line(m, "a whole chicken half and half, soy garlic and honey butter") == (
        "Whole Chicken",
        ["Honey Butter", "Soy Garlic"],
        None,
    )
    assert _line(m, "whole chicken", ("half and half", "soy garlic", "honey butter"))[1] == [
        "Honey Butter",
        "Soy Garlic",
    ]
    assert _line(m, "a coffee with half and half") == ("Coffee", ["Half & Half"], None)
    with pytest.raises(CartError):
        said_lines(m, "a whole chicken half and half")


def test_extra_before_the_rest_of_an_extra_option_said_once_is_that_option_once() -> None:
    """ "a coney, no onions extra chili": the one-time Extra Chili, not a question saying it was chosen twice."""
    toppings = group("Toppings", [option("Mustard", default=True), option("Onions", default=True)], most=2)
    m = menu(item("Coney", toppings, group("Chili", [option("Extra Chili"), option("Cheese")], most=2)))
    assert _line(m, "a coney no onions extra chili") == ("Coney", ["Extra Chili", "Mustard"], None)


def test_the_unit_a_category_is_sold_per_names_its_items() -> None:
    """ "pork belly skewers", "a skewer of meatball" where both are Kushiyaki (per skewer): the unit the
    category is sold per is said with the item's names (blind5 yakitori-bar); elsewhere it is still asked."""
    sauce = group("Seasoning", [option("Shio"), option("Tare", default=True)], least=1)
    per = "Kushiyaki (per skewer)"
    m = menu(
        item("Butabara", sauce, aliases=["pork belly"], category=per),
        item("Tsukune", sauce, aliases=["meatball"], category=per),
        item("Edamame", category="Small Plates"),
    )
    assert _line(m, "three pork belly skewers with shio")[:2] == ("Butabara", ["Shio"])
    assert _line(m, "a skewer of meatball")[:2] == ("Tsukune", ["Tare"])
    with pytest.raises(CartError):
        _line(m, "edamame skewer")


def test_sub_x_for_y_is_x_instead_of_y() -> None:
    """ "sub almond milk", "sub coconut water for the orange juice": "sub" before a choice made once replaces
    what its group had; "for Y" names what it replaces (blind5 smoothie-bar). "a turkey sub" is the item's."""
    base = group("Base", [option("Orange Juice", default=True), option("Almond Milk"), option("Coconut Water")], 1)
    fruit = group("Blend", [option("Mango", default=True), option("Banana")], most=3)
    m = menu(item("Mango Sunrise", base, fruit), item("Turkey Sub", aliases=["turkey sandwich"]))
    assert _line(m, "mango sunrise sub almond milk")[:2] == ("Mango Sunrise", ["Almond Milk", "Mango"])
    said = "mango sunrise, sub coconut water for the orange juice"
    assert _line(m, said)[:2] == ("Mango Sunrise", ["Coconut Water", "Mango"])
    assert _line(m, "a turkey sub")[0] == "Turkey Sub"
