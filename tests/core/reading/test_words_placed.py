"""Every word placed once (issue #23): words the reader did not place, words bound to the wrong choice, and
self-corrections — each kind on a menu built here with only the shape it needs (from blind4's misses)."""

from __future__ import annotations

import pytest

from app.core.reading.lines import said_lines
from app.errors import CartError
from tests.core.reading.menus import group, item, menu, option


def _line(m: object, text: str, modifiers: tuple[str, ...] = ()) -> tuple[int | None, str, list[str], str | None]:
    (line,) = said_lines(m, text, modifiers)  # type: ignore[arg-type]
    picks, names = list(line.picks), [line.variation.name] if line.variation else []
    while picks:
        pick = picks.pop()
        names.append(pick.option.name)
        picks += pick.picks
    return line.quantity, line.item.name, sorted(names), "; ".join(line.notes) or None


def test_an_alias_answers_a_choice_only_in_the_menus_own_words() -> None:
    """ "a sweet crepe" where the crêpe is aliased "sweet crepe" and one of its kinds "sugar" (which the lexicon
    also says "sweet"): the kind is still to be asked (blind4 creperie) — the lexicon's word never answers a
    choice from inside an alias; "sweet tea" where the option is called Sweet still does."""
    kinds = [option("Butter Sugar", aliases=["sugar"], price_cents=650), option("Lemon", price_cents=650)]
    sweetness = group("Sweetness", [option("Sweet"), option("Unsweet")], least=1)
    crepe = item("Crepe", aliases=["sweet crepe"], variations=kinds)
    crepe.pop("price_cents")  # priced by its kinds
    m = menu(crepe, item("Iced Tea", sweetness, aliases=["sweet tea"]))
    (crepe_said,) = said_lines(m, "a sweet crepe please")
    assert crepe_said.variation is None  # no kind chosen: the cart asks which
    assert _line(m, "a sweet tea")[1:3] == ("Iced Tea", ["Sweet"])


def test_a_two_word_choice_said_the_other_way_round_is_that_choice() -> None:
    """ "sausage original" for Original Sausage: one choice, its second word never also another option
    (Original Sauce, aliased "original")."""
    meats = group("Meats", [option("Brisket"), option("Original Sausage", aliases=["sausage"])], least=1, most=2)
    sauce = group("Sauce", [option("Original Sauce", aliases=["original"]), option("Spicy Sauce")], most=2)
    m = menu(item("Plate", meats, sauce))
    assert _line(m, "a plate, brisket and sausage original")[2:] == (["Brisket", "Original Sausage"], None)
    assert _line(m, "a plate, brisket, original sauce")[2:] == (["Brisket", "Original Sauce"], None)


def test_x_on_the_side_beside_a_group_of_x_is_a_note_never_extra_x() -> None:
    """ "sauce on the side" on a bowl with a Sauce group and an Extra Sauce option: the chosen sauces go on the
    side (a note); "sauce" is never read as Extra Sauce (tests/corpus/README.md)."""
    sauce = group("Sauce", [option("Shoyu"), option("Ponzu")], most=2)
    amount = group("Sauce Amount", [option("Light Sauce"), option("Extra Sauce")])
    m = menu(item("Bowl", sauce, amount), item("Burger", group("Add-ons", [option("Extra Cheese")])))
    assert _line(m, "a bowl with ponzu, and sauce on the side")[2:] == (["Ponzu"], "sauce on the side")
    assert _line(m, "a burger with cheese")[2] == ["Extra Cheese"]


def test_a_last_plus_after_a_choice_is_a_note_with_it() -> None:
    """ "ribeye medium rare plus": the last "plus" separates nothing — a note said back with the choice
    ("medium rare plus"), never dropped; in a phrase, after another item, and in a modifiers list alike."""
    temp = group("Temperature", [option("Rare"), option("Medium Rare"), option("Medium")], least=1)
    m = menu(item("Ribeye", temp), item("Caesar Salad"))
    assert _line(m, "uh ribeye medium rare plus")[2:] == (["Medium Rare"], "medium rare plus")
    assert _line(m, "ribeye", ("medium rare plus",))[2:] == (["Medium Rare"], "medium rare plus")
    _salad, steak = said_lines(m, "a caesar salad and a ribeye medium rare plus")
    assert steak.notes == ("medium rare plus",)


def test_one_more_of_another_kind_after_a_count_is_another_line() -> None:
    """ "two jalapeño cheddar links and one original": the one answers the kind the two already answer
    otherwise, so it is a third link (never one of the two made original, nor "original" read as the Original
    Sauce because the kind was taken); "one with spicy sauce" is still one of the two."""
    kinds = [option("Original", price_cents=600), option("Jalapeno Cheddar", price_cents=700)]
    sauce = group("Sauce", [option("Original Sauce", aliases=["original"]), option("Spicy Sauce")], most=2)
    link = item("Sausage Link", sauce, aliases=["link"], variations=kinds)
    link.pop("price_cents")  # priced by its kinds
    m = menu(link)
    two, one = said_lines(m, "two jalapeno cheddar links and one original")
    assert (two.quantity, two.variation and two.variation.name, two.picks) == (2, "Jalapeno Cheddar", ())
    assert (one.quantity, one.variation and one.variation.name, one.picks) == (1, "Original", ())
    plain, sauced = said_lines(m, "two jalapeno cheddar links, one with spicy sauce")
    assert (plain.quantity, sauced.quantity, [p.option.name for p in sauced.picks]) == (1, 1, ["Spicy Sauce"])


def test_how_to_make_it_said_apart_is_a_note_unless_the_menu_may_sell_it() -> None:
    """ "sirloin well done, and butterfly it please", "no sesame, she's allergic": a part said on its own, said
    of "it" or with a note's word, whose words the menu does not use is how to make it — a note said back
    (tests/corpus/README.md). Words the menu uses (or one slip from them), a thing alone ("truffle oil": the
    menu may lack it), a part starting like another item, and a bare "extra" stay asked about."""
    temp = group("Temperature", [option("Rare"), option("Well Done")], least=1)
    sides = group("Sides", [option("Salt Rim"), option("Fries", price_cents=300)], most=2)
    m = menu(item("Sirloin", temp, sides), item("Mocha", group("Syrup", [option("Vanilla")])))
    assert _line(m, "sirloin well done, and butterfly it please")[2:] == (["Well Done"], "butterfly it please")
    assert _line(m, "sirloin rare, she's allergic")[2:] == (["Rare"], "allergic")  # who it is for says nothing
    for said, modifiers in (
        ("sirloin rare, con sal", ()),  # one slip from the menu's "salt"
        ("mocha", ("peppermint",)),  # a thing the menu may lack: a flavour
        ("sirloin rare", ("truffle oil",)),
        ("sirloin rare, and a frosty shake", ()),  # another item, not how to make this one
        ("sirloin rare, extra", ()),
    ):
        with pytest.raises(CartError):
            said_lines(m, said, modifiers)


def test_words_that_say_nothing_more() -> None:
    """ "can you put the peanuts on the side" (put), "a seaweed salad too" (a last "too" is also; "not too
    sweet" stays a level), "no honey butter on one of 'em" ('em is them)."""
    toppings = group("Toppings", [option("Peanuts"), option("Seaweed Salad")], most=2)
    butter = group("Butter", [option("Honey Butter", default=True)])
    m = menu(item("Curry", toppings), item("Cornbread", butter))
    assert _line(m, "a curry, and can you put the peanuts on the side")[2:] == (["Peanuts"], "peanuts on the side")
    assert _line(m, "a curry with peanuts and seaweed salad too")[2] == ["Peanuts", "Seaweed Salad"]
    plain, buttered = said_lines(m, "two cornbreads, no honey butter on one of 'em")
    assert (plain.quantity, buttered.quantity) == (1, 1)


def test_a_correction_saying_just_these_takes_back_the_rest_of_their_group() -> None:
    """ "can you put the egg and the nori, actually just the nori": only the nori — the egg said just before
    is taken back, never kept beside it (it was an add-on group of several, where a correction adds)."""
    toppings = group("Add Toppings", [option("Ajitama Egg", aliases=["egg"]), option("Nori"), option("Corn")], most=8)
    m = menu(item("Shoyu Ramen", group("Noodles", [option("Soft"), option("Firm")]), toppings))
    said = "a shoyu ramen with soft noodles, and can you put the egg and the nori, actually just the nori"
    assert _line(m, said)[2] == ["Nori", "Soft"]
    said = "a shoyu ramen with soft noodles and the egg and the nori, actually no, just the nori"
    assert _line(m, said)[2] == ["Nori", "Soft"]  # "actually no": a marker, as a lone "no" is


def test_a_correction_naming_another_of_the_same_kind_is_that_item() -> None:
    """ "one brisket sandwich, no wait, make it pulled pork": the Pulled Pork Sandwich (the correction said
    with the sandwich it corrects), never the Pulled Pork sold by the pound."""
    m = menu(item("Brisket Sandwich"), item("Pulled Pork Sandwich"), item("Pulled Pork"), item("Coke"))
    assert _line(m, "one brisket sandwich, no wait, make it pulled pork")[:2] == (1, "Pulled Pork Sandwich")
    assert _line(m, "a brisket sandwich, no wait, a coke")[1] == "Coke"


def test_the_regular_kind_is_the_one_just_named() -> None:
    """ "a sausage link, the regular kind": as "the regular one", a choice of the link just named."""
    kinds = group("Kind", [option("Original", aliases=["regular"]), option("Jalapeno")], least=1)
    m = menu(item("Sausage Link", kinds), item("Regular Soda"))
    assert _line(m, "a sausage link, the regular kind")[1:3] == ("Sausage Link", ["Original"])


def test_one_regular_of_a_count_is_one_as_it_comes() -> None:
    """ "two iced teas, one regular and one with oat milk": the regular one is as it comes (no choice of the
    tea is called "regular"); where one is, it is that choice."""
    milk = group("Milk", [option("Whole Milk", default=True), option("Oat Milk")], least=1)
    m = menu(item("Iced Tea", milk), item("Soda", group("Size", [option("Regular"), option("Large")], least=1)))
    plain, oat = said_lines(m, "two iced teas, one regular and one with oat milk")
    assert (plain.quantity, [p.option.name for p in plain.picks]) == (1, ["Whole Milk"])  # as it comes
    assert [p.option.name for p in oat.picks] == ["Oat Milk"]
    regular, large = said_lines(m, "two sodas, one regular and one large")
    assert ([p.option.name for p in regular.picks], [p.option.name for p in large.picks]) == (["Regular"], ["Large"])


def test_modifiers_that_tell_another_item_apart_name_it() -> None:
    """ "ribeye" + ["bone in", "rare"]: "bone in" is no choice of the 16 oz Ribeye, but with "ribeye" it names the
    22 oz Bone-In Ribeye — that item, read from all the words; words that name nothing are still asked."""
    temp = group("Temperature", [option("Rare"), option("Medium")], least=1)
    m = menu(item("16 oz Ribeye", temp, aliases=["ribeye"]), item("22 oz Bone-In Ribeye", temp))
    assert _line(m, "ribeye", ("bone in", "rare"))[1:3] == ("22 oz Bone-In Ribeye", ["Rare"])
    assert _line(m, "ribeye", ("rare",))[1:3] == ("16 oz Ribeye", ["Rare"])
    with pytest.raises(CartError):
        said_lines(m, "ribeye", ("bone out", "rare"))
