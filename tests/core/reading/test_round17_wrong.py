"""Round 17's silently wrong lines (issue #23: blind14, generated reads, poboy-shop), each kind on a small menu
built here: a count split by "N of them"; more said "with" of the item just named; a list of choices going on
past a choice that is also an item; "for both" said last; "both" before the choices of a counted line; an
alias never read across choices said whole; "gimme one" after a question; a part of a name another item says
with its choice; a box filled by its size's count; "do" said where a count belongs."""

from __future__ import annotations

from typing import Any

from tests.core.reading.menus import asked, group, item, menu, noted_lines, option, tool_answer

_SNACKS = menu(
    item(
        "Rice Cakes",
        group("Heat", [option("Mild"), option("Hot")]),
        group(
            "Add-Ons",
            [
                option("Boiled Egg", aliases=["egg", "eggs"], max_quantity=3),
                option("Cheese", aliases=["mozz"], max_quantity=2),
                option("Seaweed Roll", aliases=["kim mari"], max_quantity=2),
            ],
            most=8,
        ),
    ),
    item("Seaweed Roll", aliases=["kim mari"]),
    item("Fish Skewer", group("Glaze", [option("Spicy Glaze", aliases=["spicy"])])),
    item("Noodle Soup", group("Toppings", [option("Egg")], most=4)),
)


def test_n_of_them_said_after_a_count_is_some_of_them() -> None:
    assert noted_lines(_SNACKS, "six fish skewers, three of them spicy") == [
        ("Fish Skewer", 3, [], ""),
        ("Fish Skewer", 3, ["Spicy Glaze"], ""),
    ]


def test_more_said_with_of_the_item_just_named_is_never_another_item() -> None:
    # four eggs is past the Boiled Egg's three: asked, never a Noodle Soup with an egg
    assert asked(_SNACKS, "one rice cakes, mild, with four eggs")
    assert noted_lines(_SNACKS, "one rice cakes, mild, with two eggs") == [
        ("Rice Cakes", 1, ["Boiled Egg", "Boiled Egg", "Mild"], "")
    ]


def test_a_list_of_choices_goes_on_past_a_choice_that_is_also_an_item() -> None:
    assert noted_lines(_SNACKS, "2 rice cakes with mild, mozz, 2 kim mari") == [
        ("Rice Cakes", 2, ["Cheese", "Mild", "Seaweed Roll", "Seaweed Roll"], "")
    ]
    # the same choice said again is the item
    assert noted_lines(_SNACKS, "a rice cakes with mozz and kim mari, and a kim mari too") == [
        ("Rice Cakes", 1, ["Cheese", "Seaweed Roll"], ""),
        ("Seaweed Roll", 1, [], ""),
    ]


_HEAT = group("Spice Level", [option("Medium", default=True), option("Very Hot")], least=1)
_STYLE = group("Style", [option("Dry"), option("Wet")], least=1)
_TASTE = group("Taste", [option("Sweet"), option("Mixed", aliases=["both"])], least=1)
_CANTEEN = menu(
    item("Garlic Noodles", _HEAT),
    item("Pepper Chicken", _STYLE, _HEAT),
    item("Fried Rice", _HEAT),
    item("Cauliflower Fry", _STYLE, _HEAT),
    item("Lime Soda", _TASTE),
    item(
        "Combo Meal",
        group("Base", [option("Fried Rice"), option("Noodles")], least=1),
        group("Main", [option("Cauliflower Fry"), option("Pepper Chicken")], least=1),
        group("Drink", [option("Lime Soda", modifier_groups=[_TASTE])]),
        aliases=["combo", "rice and fry"],
    ),
)


def test_a_choice_said_for_both_after_two_items_is_each_ones() -> None:
    assert noted_lines(_CANTEEN, "the garlic noodles, and the pepper chicken dry, very hot for both") == [
        ("Garlic Noodles", 1, ["Very Hot"], ""),
        ("Pepper Chicken", 1, ["Dry", "Very Hot"], ""),
    ]


def test_both_before_the_choices_of_a_counted_line_is_never_a_word_of_a_choice() -> None:
    # "both" is also the Lime Soda's Mixed: never a drink nobody asked for
    lines = noted_lines(_CANTEEN, "two combos, both fried rice, one with cauliflower fry and one with pepper chicken")
    assert [(n, q, names) for n, q, names, _ in lines] == [
        ("Combo Meal", 1, ["Cauliflower Fry", "Fried Rice"]),
        ("Combo Meal", 1, ["Fried Rice", "Pepper Chicken"]),
    ]


def test_an_alias_is_never_read_across_choices_said_whole() -> None:
    # the Combo's alias "rice and fry", its words taken from "fried rice and cauliflower fry", names nothing
    assert noted_lines(_CANTEEN, "fried rice and cauliflower fry wet, that's it") == [
        ("Fried Rice", 1, ["Medium"], ""),
        ("Cauliflower Fry", 1, ["Medium", "Wet"], ""),
    ]


def _sized(name: str, *groups: dict[str, Any], **more: Any) -> dict[str, Any]:
    """An item sold in sizes (its variations), "grande" the large."""
    sizes = [{"id": "s", "name": "Small", "price_cents": 300}, {"id": "l", "name": "Large", "price_cents": 400,
                                                                 "aliases": ["grande"]}]  # fmt: skip
    sold = item(name, *groups, variations=more.pop("variations", sizes), **more)
    sold.pop("price_cents")
    return sold


_SIDES = menu(
    item("French Fries", aliases=["fries"]),
    item("Debris Fries", aliases=["gravy cheese fries"]),
    item("Baked Chop", group("Base", [option("Rice"), option("Spaghetti")], least=1), aliases=["baked pork chop"]),
    item("Baked Seafood Rice", aliases=["seafood baked rice"]),
    _sized("Shaved Ice", group("Flavor", [option("Tamarind", aliases=["tamarindo"]), option("Mango")], least=1)),
    _sized("Agua de Tamarindo", aliases=["tamarindo water"]),
)


def test_one_said_with_filler_after_a_question_about_an_item_is_that_item_once() -> None:
    # "fries", the last word, is never read as the French Fries besides
    assert noted_lines(_SIDES, "you got debris fries? gimme one") == [("Debris Fries", 1, [], "")]
    assert noted_lines(_SIDES, "you got debris fries? gimme two") == [("Debris Fries", 2, [], "")]


def test_a_part_of_an_alias_another_item_says_with_its_choice_isasked() -> None:
    # "baked rice": the Baked Seafood Rice (its alias "seafood baked rice"), or the Baked Chop on Rice
    assert asked(_SIDES, "um a baked rice")
    assert noted_lines(_SIDES, "a baked seafood rice") == [("Baked Seafood Rice", 1, [], "")]


def test_the_end_of_a_name_another_item_reads_whole_as_its_choices_isasked() -> None:
    # "tamarindo grande": the Agua de Tamarindo, or a Shaved Ice with Tamarind, large
    assert asked(_SIDES, "a tamarindo grande")
    assert noted_lines(_SIDES, "an agua de tamarindo grande") == [("Agua de Tamarindo", 1, ["Large"], "")]


_BAKERY = menu(
    _sized(
        "Cupcakes",
        group("Flavors", [option("Chocolate", max_quantity=12), option("Vanilla", max_quantity=12)], least=1, most=12),
        aliases=["cupcake"],
        variations=[
            {"id": "single", "name": "Single", "price_cents": 300},
            {"id": "half-dozen", "name": "Half Dozen", "price_cents": 1500},
            {"id": "dozen", "name": "Dozen", "price_cents": 2800},
        ],
    ),
)


def test_a_box_said_with_one_kind_is_that_kind_as_many_times_as_its_size_counts() -> None:
    six = [("Cupcakes", 1, ["Chocolate"] * 6 + ["Half Dozen"], "")]
    assert noted_lines(_BAKERY, "half dozen chocolate cupcakes") == six
    (added,) = tool_answer(_BAKERY, {"item": "cupcakes", "modifiers": ["half dozen", "chocolate"]})["added"]
    assert added["variation"] == "Half Dozen" and added["options"] == ["six Chocolate"]
    # the item named exactly with its choices said: HTTP's reading (said_lines) is the voice tool's (it had read
    # the choices on their own: one Chocolate in a box of six; blind14 cake-shop through POST …/cart/items)
    assert noted_lines(_BAKERY, "cupcakes", ("half dozen", "chocolate")) == six
    # two kinds said, or a kind said with its own count: as said
    assert noted_lines(_BAKERY, "half dozen cupcakes, 3 chocolate 3 vanilla") == [
        ("Cupcakes", 1, ["Chocolate"] * 3 + ["Half Dozen"] + ["Vanilla"] * 3, "")
    ]
    assert noted_lines(_BAKERY, "a single chocolate cupcake") == [("Cupcakes", 1, ["Chocolate", "Single"], "")]


def test_do_said_where_a_count_belongs_isasked() -> None:
    # "do" is two in Hindi: how many is asked, never one added
    output = tool_answer(_CANTEEN, {"item": "do garlic noodles, very hot"})
    assert not output["added"]
    assert noted_lines(_CANTEEN, "can you do garlic noodles") == [("Garlic Noodles", 1, ["Medium"], "")]
