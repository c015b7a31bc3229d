"""Kinds a black-box breaker (round 12) found read silently wrong (issue #23): each on a small menu built here,
and its examples read on the corpus menus through the voice tool."""

from __future__ import annotations

import pytest

from app.core.reading.lines import said_lines
from app.errors import CartError
from tests.core.reading.menus import corpus_lines, group, item, menu, named_lines, option


def _negated_heat() -> object:
    heat = group("Heat", [option("Regular", default=True), option("Not Spicy"), option("Extra Spicy")], least=1, most=1)
    syrup = group("Syrup", [option("Sugar-Free Hazelnut"), option("Caramel")], most=2)
    return menu(item("Kung Pao Shrimp", heat), item("Cold Coffee", syrup))


def test_a_bare_word_never_picks_the_option_that_negates_it() -> None:
    """ "kung pao shrimp spicy": never Not Spicy (its "spicy" without the "not"); which heat is asked, or the
    Extra Spicy when "extra" is said; "sugar" is never the Sugar-Free Hazelnut."""
    m = _negated_heat()
    with pytest.raises(CartError):
        said_lines(m, "kung pao shrimp spicy")  # type: ignore[arg-type]
    assert named_lines(m, "kung pao shrimp extra spicy") == [("Kung Pao Shrimp", ["Extra Spicy"], None)]  # type: ignore[arg-type]
    assert named_lines(m, "kung pao shrimp not spicy") == [("Kung Pao Shrimp", ["Not Spicy"], None)]  # type: ignore[arg-type]
    try:
        got = named_lines(m, "a cold coffee with sugar")  # type: ignore[arg-type]
    except CartError:
        return
    assert all("Sugar-Free Hazelnut" not in names for _, names, _ in got)


@pytest.mark.parametrize(
    ("menu_id", "said", "wanted"),
    [
        ("chinese-takeout", "orange chicken spicy", None),
    ],
)
def test_break12_negated_options(menu_id: str, said: str, wanted: list[object] | None) -> None:
    """The breaker's example: asked, never Not Spicy."""
    got = corpus_lines(menu_id, said)
    assert got == (["ask"] if wanted is None else wanted)


def _sub() -> object:
    veggies = group("Veggies", [option("Lettuce"), option("Green Peppers"), option("Banana Peppers")], most=3)
    seasoning = group("Seasoning", [option("Salt"), option("Pepper")], most=2)
    return menu(item("Club Sub", veggies, seasoning))


def test_a_plural_beside_kinds_of_it_is_never_the_bare_singular_option() -> None:
    """ "peppers" where the seasoning is "Pepper" and the veggies are Green / Banana Peppers: which is asked,
    never the seasoning; "salt and pepper" is still the seasoning, "green peppers" the veggie."""
    m = _sub()
    with pytest.raises(CartError):
        said_lines(m, "a club sub with peppers and lettuce")  # type: ignore[arg-type]
    assert named_lines(m, "a club sub with salt and pepper") == [("Club Sub", ["Pepper", "Salt"], None)]  # type: ignore[arg-type]
    assert named_lines(m, "a club sub with green peppers") == [("Club Sub", ["Green Peppers"], None)]  # type: ignore[arg-type]


def test_break12_peppers_on_the_sub_shop_are_asked() -> None:
    assert corpus_lines("sub-shop", "a footlong turkey on wheat with peppers and onions") == ["ask"]


def _burgers() -> object:
    adds = group("Add-Ons", [option("Cheese"), option("Bacon")], most=2)
    return menu(
        item("House Burger", adds, description="one patty"),
        item("Triple Cheeseburger", adds, description="three patties, three slices of cheese"),
    )


def test_a_name_said_without_its_multiplier_is_never_the_multiplied_item() -> None:
    """ "a cheeseburger" beside a Triple Cheeseburger: never the triple (its "triple" unsaid), by name, by
    its description or as a misheard name; asked, or the burger with cheese. "a triple cheeseburger" is it."""
    m = _burgers()
    try:
        got = named_lines(m, "a cheeseburger")  # type: ignore[arg-type]
    except CartError:
        got = []
    assert all(name != "Triple Cheeseburger" for name, _, _ in got)
    assert named_lines(m, "a triple cheeseburger") == [("Triple Cheeseburger", [], None)]  # type: ignore[arg-type]


def test_break12_a_cheeseburger_on_the_drive_thru_is_never_the_double() -> None:
    got = corpus_lines("drive-thru-express", "a cheeseburger")
    assert got == ["ask"] or all(n != "Double Cheeseburger" for n, _, _ in got)  # type: ignore[misc]


def _box() -> object:
    picks = group("Rolls", [option("Plain", max_quantity=12), option("Sesame", max_quantity=12)], least=6, most=12)
    sizes = [
        {"id": "half", "name": "Half Dozen", "price_cents": 600, "aliases": ["six"]},
        {"id": "dozen", "name": "Dozen", "price_cents": 1100, "aliases": ["twelve", "a dozen"]},
    ]
    box = item("Roll Box", picks, aliases=["dozen rolls"], variations=sizes)
    del box["price_cents"]
    return menu(box)


def test_a_count_after_the_size_said_counts_the_pick_never_another_size() -> None:
    """ "a dozen rolls, six plain and six sesame": the Dozen with six of each, never the Half Dozen read from
    the first "six"."""
    m = _box()
    (line,) = said_lines(m, "a dozen rolls, six plain and six sesame")  # type: ignore[arg-type]
    assert line.variation is not None and line.variation.name == "Dozen"
    assert sorted(p.option.name for p in line.picks).count("Plain") == 6
