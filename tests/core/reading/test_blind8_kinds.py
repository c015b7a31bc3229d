"""Kinds blind8 (seafood-boil, curry-house, shave-ice, doner-kebab, pollo-brasa, breakfast-tacos) read silently
wrong at its first look (issue #23): each on a small menu built here, and its corpus examples read through the
voice tool."""

from __future__ import annotations

from typing import Any

import pytest

from app.core.reading.lines import said_lines
from app.errors import CartError
from tests.core.reading.menus import corpus_lines, counted_lines, group, item, menu, named_lines, option

# --- a build-your-own item beats a named recipe whose own ingredients were not said ----------------------------


def _tortilla() -> dict[str, Any]:
    return group("Tortilla", [option("Flour", default=True), option("Corn")], least=1)


def _tacos() -> object:
    fillings = group("Fillings", [option("Egg", max_quantity=2), option("Cheese"), option("Ham")], least=1, most=3)
    comes = group("Comes With", [option(n, default=True) for n in ("Ham", "Egg", "Cheese")], most=3)
    return menu(
        item("Breakfast Taco", _tortilla(), fillings, aliases=["taco"]),
        item("The Ranger", _tortilla(), comes, aliases=["ham egg and cheese"]),
    )


def test_a_part_of_an_alias_saying_only_what_an_item_comes_with_never_names_it() -> None:
    """ "egg and cheese": a taco built of egg and cheese, never The Ranger by a part of its alias "ham egg and
    cheese" (its ham was never said); its alias said whole still names it."""
    m = _tacos()
    assert counted_lines(m, "egg and cheese") == [("Breakfast Taco", 1, ["Cheese", "Egg", "Flour"])]  # type: ignore[arg-type]
    assert counted_lines(m, "2 egg and cheese on corn") == [("Breakfast Taco", 2, ["Cheese", "Corn", "Egg"])]  # type: ignore[arg-type]
    assert counted_lines(m, "a ham egg and cheese") == [("The Ranger", 1, ["Cheese", "Egg", "Flour", "Ham"])]  # type: ignore[arg-type]


def _ices() -> object:
    def flavors(*defaults: str) -> dict[str, Any]:
        names = ("Strawberry", "Coconut", "Blue Vanilla", "Green Tea")
        return group("Flavors", [option(n, default=n in defaults) for n in names], least=1, most=3)

    def bottom(*defaults: str) -> dict[str, Any]:
        azuki = option("Azuki Beans", aliases=["azuki"], default="Azuki Beans" in defaults)
        return group("On the Bottom", [azuki], most=1)

    return menu(
        item("Shave Ice", flavors(), bottom()),
        item("Rainbow", flavors("Strawberry", "Blue Vanilla"), bottom()),
        item(
            "Uji Kintoki", flavors("Green Tea"), bottom("Azuki Beans"), description="Green tea with azuki on the bottom"
        ),
    )


def test_choices_alone_are_the_item_built_from_them_not_a_recipe_missing_its_own() -> None:
    """ "blue and coconut, azuki bottom": the Shave Ice, built of what was said — never the Rainbow (its
    strawberry unsaid) nor the Uji Kintoki (its green tea unsaid, though its description says "bottom"); "bottom"
    is said of the group "On the Bottom"."""
    m = _ices()
    assert counted_lines(m, "blue vanilla and coconut, azuki bottom") == [  # type: ignore[arg-type]
        ("Shave Ice", 1, ["Azuki Beans", "Blue Vanilla", "Coconut"])
    ]
    assert counted_lines(m, "strawberry") == [("Shave Ice", 1, ["Strawberry"])]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("menu_id", "said", "want"),
    [
        (
            "breakfast-tacos",
            "egg and cheese, extra cheese",
            [("Breakfast Taco", 1, ("Cheese", "Cheese", "Egg", "Flour"))],
        ),
        (
            "shave-ice",
            "large blue and coconut, snow cap, mochi, azuki bottom",
            [("Shave Ice", 1, ("Azuki Beans", "Blue Vanilla", "Coconut", "Large", "Mochi Balls", "Snow Cap"))],
        ),
    ],
)
def test_the_corpus_built_to_order(menu_id: str, said: str, want: list[tuple[str, int, tuple[str, ...]]]) -> None:
    assert corpus_lines(menu_id, said) == sorted(want)


def test_the_corpus_build_your_own_with_modifiers() -> None:
    from bench import matching

    case = {"said": {"item": "2 potato egg and cheese", "modifiers": ["corn"]}, "lines": [], "ask": []}
    answer = matching.read_voice(matching.new_menu("breakfast-tacos"), case)
    assert [(n, q, tuple(o)) for n, q, o, _ in answer.lines] == [
        ("Breakfast Taco", 2, ("Cheese", "Corn", "Egg", "Potato"))
    ]


# --- corrections --------------------------------------------------------------------------------------------


def _boil() -> object:
    seasoning = group("Seasoning", [option("Cajun"), option("Garlic Butter")], least=1)
    sizes = [
        {"id": "half", "name": "1/2 lb", "price_cents": 900, "aliases": ["half pound"]},
        {"id": "one", "name": "1 lb", "price_cents": 1700, "aliases": ["a pound"]},
        {"id": "one-half", "name": "1.5 lb", "price_cents": 2500, "aliases": ["a pound and a half"]},
    ]
    crab = item("Crab", seasoning, variations=sizes)
    del crab["price_cents"]
    sides = group("Sides", [option("Fries", max_quantity=2), option("Salad"), option("Rice")], least=2, most=2)
    return menu(crab, item("Plate", sides))


def test_an_amount_and_a_half_the_menu_sells_whole_is_one_amount() -> None:
    """ "a pound and a half crab cajun": the menu's own 1.5 lb, one line — never a pound and a half pound."""
    m = _boil()
    assert counted_lines(m, "a pound and a half crab cajun") == [("Crab", 1, ["1.5 lb", "Cajun"])]  # type: ignore[arg-type]
    assert counted_lines(m, "a pound and a half crab cajun, no actually garlic butter") == [  # type: ignore[arg-type]
        ("Crab", 1, ["1.5 lb", "Garlic Butter"])
    ]


def test_y_instead_of_x_in_a_correction_replaces_x_only() -> None:
    """ "a plate, fries and salad, no wait, rice instead of the fries": the fries replaced, the salad kept —
    never the choice said last taken back."""
    m = _boil()
    assert counted_lines(m, "a plate, fries and salad, no wait, rice instead of the fries") == [  # type: ignore[arg-type]
        ("Plate", 1, ["Rice", "Salad"])
    ]
    assert counted_lines(m, "a plate, fries and salad, no wait, make it rice instead of fries") == [  # type: ignore[arg-type]
        ("Plate", 1, ["Rice", "Salad"])
    ]


@pytest.mark.parametrize(
    ("menu_id", "said", "want"),
    [
        (
            "seafood-boil",
            "a pound and a half shrimp lemon pepper mild, no actually garlic butter",
            [("Shrimp", 1, ("1.5 lb", "Garlic Butter", "Mild"))],
        ),
        (
            "pollo-brasa",
            "a quarter dark, fries and salad, no wait, yuca instead of the fries",
            [("Quarter Chicken", 1, ("Aji Verde", "Dark", "Side Salad", "Yuca Frita"))],
        ),
        (
            "breakfast-tacos",
            "chorizo potato and egg, no wait, make it bacon instead of chorizo",
            [("Breakfast Taco", 1, ("Bacon", "Egg", "Flour", "Potato"))],
        ),
    ],
)
def test_the_corpus_corrections(menu_id: str, said: str, want: list[tuple[str, int, tuple[str, ...]]]) -> None:
    assert corpus_lines(menu_id, said) == sorted(want)


# --- levels -------------------------------------------------------------------------------------------------


def _levels() -> object:
    sweetness = group("Sweetness", [option("Sweet", default=True), option("Unsweet")], least=1)
    extras = group("Tea Extras", [option("Lemon")])
    names = ("Sweet", "Standard", "Level 1", "Level 2", "Level 3")
    spice = group("Spice Level", [option(n, default=n == "Standard") for n in names], least=1)
    return menu(item("Iced Tea", sweetness, extras, aliases=["sweet tea", "unsweet tea"]), item("Curry", spice))


def test_an_alias_naming_a_choice_answers_its_group_over_the_default() -> None:
    """ "two unsweet teas with lemon": the alias "unsweet tea" says Unsweet — never the Sweet that comes by
    default left on the line; only a choice's own name or alias does ("bourbon" is no Bulleit Bourbon)."""
    m = _levels()
    assert counted_lines(m, "two unsweet teas with lemon") == [("Iced Tea", 2, ["Lemon", "Unsweet"])]  # type: ignore[arg-type]
    assert counted_lines(m, "a sweet tea") == [("Iced Tea", 1, ["Sweet"])]  # type: ignore[arg-type]
    brand = group("Brand", [option("Well Whiskey", default=True), option("Bulleit Bourbon")], least=1)
    whiskey = menu(item("Whiskey", brand, aliases=["bourbon"]))
    assert counted_lines(whiskey, "a bourbon") == [("Whiskey", 1, ["Well Whiskey"])]  # type: ignore[arg-type]


def test_a_level_beyond_the_scale_is_asked_never_counted_by_place() -> None:
    """ "curry, level five" where the scale ends at Level 3 (after Sweet and Standard): asked — never the third
    option counted from the start; the levels the menu numbers are read by their own numbers."""
    m = _levels()
    with pytest.raises(CartError):
        said_lines(m, "curry, level five")  # type: ignore[arg-type]
    assert counted_lines(m, "curry, level 3") == [("Curry", 1, ["Level 3"])]  # type: ignore[arg-type]
    assert counted_lines(m, "curry, level one") == [("Curry", 1, ["Level 1"])]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("menu_id", "said", "want"),
    [
        ("seafood-boil", "two large unsweet teas with lemon", [("Iced Tea", 2, ("Large", "Lemon", "Unsweet"))]),
        ("curry-house", "pork curry 300 grams, level eleven", ["ask"]),
    ],
)
def test_the_corpus_levels(menu_id: str, said: str, want: list[tuple[str, int, tuple[str, ...]]] | list[str]) -> None:
    assert corpus_lines(menu_id, said) == sorted(want)  # type: ignore[type-var]


# --- a second item read from a word of the last item's choices -----------------------------------------------


def _udon() -> object:
    toppings = group("Toppings", [option("Fried Egg"), option("Boiled Egg"), option("Corn")], most=3)
    dressing = group("Dressing", [option("Sesame", default=True)], least=1)
    adds = group("Salad Add-Ons", [option("Boiled Egg", aliases=["egg"])], most=1)
    return menu(item("Curry Udon", toppings), item("Green Salad", dressing, adds, aliases=["salad"]))


def test_a_word_of_several_of_the_last_items_choices_is_asked_there() -> None:
    """ "curry udon with corn and an egg": the udon's Fried or Boiled Egg is asked (its Toppings) — never a
    Green Salad added because its Boiled Egg is called "egg"; an item named after it is still a line."""
    m = _udon()
    with pytest.raises(CartError) as asked:
        said_lines(m, "curry udon with corn and an egg")  # type: ignore[arg-type]
    assert asked.value.details.get("group_name") == "Toppings"
    assert counted_lines(m, "curry udon with corn and a salad") == [  # type: ignore[arg-type]
        ("Curry Udon", 1, ["Corn"]),
        ("Green Salad", 1, ["Sesame"]),
    ]


def test_the_corpus_egg_of_the_udon() -> None:
    assert corpus_lines("curry-house", "curry udon, standard, extra noodles and an egg") == ["ask"]


# --- over a group's limit -------------------------------------------------------------------------------------


def test_a_choice_beyond_a_group_its_defaults_fill_is_asked() -> None:
    """ "a rainbow with mango", the Rainbow's three flavours (of three) coming by default: a fourth is asked
    (which three) — never a default dropped to make room; with one taken off, or in a group with room, it is
    taken."""
    names = ("Strawberry", "Pineapple", "Blue Vanilla", "Mango")
    flavors = group("Flavors", [option(n, default=n != "Mango") for n in names], least=1, most=3)
    toppings = group("Toppings", [option("Snow Cap", default=True), option("Mochi")], most=4)
    m = menu(item("Rainbow", flavors, toppings))
    with pytest.raises(CartError) as asked:
        said_lines(m, "a rainbow with mango")  # type: ignore[arg-type]
    assert asked.value.details.get("group_name") == "Flavors"
    assert counted_lines(m, "a rainbow with mango, no pineapple") == [  # type: ignore[arg-type]
        ("Rainbow", 1, ["Blue Vanilla", "Mango", "Snow Cap", "Strawberry"])
    ]
    assert counted_lines(m, "a rainbow with mochi") == [  # type: ignore[arg-type]
        ("Rainbow", 1, ["Blue Vanilla", "Mochi", "Pineapple", "Snow Cap", "Strawberry"])
    ]


def test_the_corpus_rainbow_with_a_fourth_flavour() -> None:
    assert corpus_lines("shave-ice", "medium rainbow with li hing mui") == ["ask"]


# --- word placement -------------------------------------------------------------------------------------------


def _katsu() -> object:
    toppings = group("Toppings", [option("Pork Katsu", aliases=["katsu"]), option("Cheese")], most=4)
    fillings = group("Fillings", [option("Egg", aliases=["eggs"], max_quantity=2), option("Potato")], least=1, most=3)
    adds = group("On the Bottom", [option("Vanilla Ice Cream", aliases=["ice cream"])], most=1)
    flavors = group("Flavors", [option("Blue Vanilla"), option("Cherry")], least=1, most=3)
    return menu(
        item("Pork Katsu Curry", toppings),
        item("Breakfast Taco", fillings, aliases=["taco"]),
        item("Shave Ice", flavors, adds),
    )


def test_a_choice_said_right_before_how_to_make_it_is_what_the_note_is_about() -> None:
    """ "pork katsu curry with cheese, katsu extra crispy": the curry's own katsu, made extra crispy — never a
    Pork Katsu topping added; "a potato and egg taco, eggs well done": the egg said is the one to cook well
    done, never a second Egg."""
    m = _katsu()
    assert named_lines(m, "pork katsu curry with cheese, katsu extra crispy") == [  # type: ignore[arg-type]
        ("Pork Katsu Curry", ["Cheese"], "katsu extra crispy")
    ]
    got = named_lines(m, "a potato and egg taco, eggs well done")  # type: ignore[arg-type]
    assert [(n, o) for n, o, _ in got] == [("Breakfast Taco", ["Egg", "Potato"])]
    assert got[0][2] is not None and "well done" in got[0][2] and "egg" in got[0][2]


def test_a_word_of_a_longer_choice_said_whole_is_no_second_saying_of_another() -> None:
    """ "shave ice" + ["blue vanilla", "extra ice cream"]: "vanilla" of Blue Vanilla never says the Vanilla Ice
    Cream a first time, so "extra ice cream" is that option once, with no note."""
    m = _katsu()
    assert named_lines(m, "shave ice", ("blue vanilla", "cherry", "extra ice cream")) == [  # type: ignore[arg-type]
        ("Shave Ice", ["Blue Vanilla", "Cherry", "Vanilla Ice Cream"], None)
    ]


@pytest.mark.parametrize(
    ("menu_id", "said", "want"),
    [
        (
            "curry-house",
            "pork katsu curry 400 grams level five with cheese, katsu extra crispy",
            [("Pork Katsu Curry", 1, ("400 g", "Cheese", "Level 5"))],
        ),
        (
            "breakfast-tacos",
            "a potato and egg taco, eggs well done",
            [("Breakfast Taco", 1, ("Egg", "Flour", "Potato"))],
        ),
    ],
)
def test_the_corpus_words_placed(menu_id: str, said: str, want: list[tuple[str, int, tuple[str, ...]]]) -> None:
    assert corpus_lines(menu_id, said) == sorted(want)


def test_the_corpus_extra_ice_cream() -> None:
    from bench import matching

    case = {"said": {"item": "shave ice", "modifiers": ["keiki", "blue vanilla", "cherry", "extra ice cream"]}}
    answer = matching.read_voice(matching.new_menu("shave-ice"), {**case, "lines": [], "ask": []})
    assert [(n, tuple(o), note) for n, _, o, note in answer.lines] == [
        ("Shave Ice", ("Blue Vanilla", "Cherry", "Keiki", "Vanilla Ice Cream"), "")
    ]
