"""Spoken modifiers → a line's variation and picks (app/core/reading/modifiers.py): the rules that keep a
customer's words from turning silently into something else."""

from __future__ import annotations

import pytest

from app.core.menu import Menu, load_menu
from app.core.reading.modifiers import resolve_choices, split_count
from app.errors import ModifierInvalid
from app.settings import bundled_menu_dir

CAFE = load_menu(bundled_menu_dir() / "demo-cafe.json")


def picked(menu: Menu, item: str, said: list[str], variation: str | None = None) -> tuple[str | None, list]:
    size, picks = resolve_choices(menu.item(item), said, variation)

    def tree(ps) -> list:
        return [(p.option.id, tree(p.picks)) if p.picks else p.option.id for p in ps]

    return (size.id if size else None), tree(picks)


@pytest.mark.parametrize(
    ("text", "count", "rest"),
    [
        ("double collards", 2, "collards"),
        ("Two eggs", 2, "eggs"),
        ("2 sides of rice", 2, "rice"),
        ("extra mint x2", 2, "extra mint"),
        ("extra mint ×3", 3, "extra mint"),
        ("collards", 1, "collards"),
    ],
)
def test_split_count(text: str, count: int, rest: str) -> None:
    assert split_count(text) == (count, rest)


def test_a_count_in_an_options_own_name_is_not_a_quantity(demo_menu: Menu) -> None:
    assert picked(demo_menu, "chicken-tenders", ["three piece"])[1] == ["3-piece"]
    assert picked(demo_menu, "chicken-tenders", ["5 piece"])[1] == ["5-piece"]


def test_double_of_a_once_only_option_is_refused_not_halved(demo_menu: Menu) -> None:
    _, picks = picked(demo_menu, "classic-burger", ["double bacon"])
    assert picks == ["bacon", "bacon"]  # check_choices then refuses: "'Bacon' was chosen twice"


def test_without_x_on_a_v1_menu_chooses_its_no_x_option(demo_menu: Menu) -> None:
    assert picked(demo_menu, "classic-burger", ["without onions"])[1] == ["no-onions"]
    assert picked(demo_menu, "classic-burger", ["no onions"])[1] == ["no-onions"]
    assert picked(demo_menu, "classic-burger", ["no bacon"])[1] == []  # was never on: nothing to do


def test_defaults_fill_groups_with_room_and_removal_drops_them() -> None:
    assert picked(CAFE, "banana-bread", []) == (None, ["toasted"])
    assert picked(CAFE, "banana-bread", ["ricotta"]) == (None, ["ricotta", "toasted"])
    assert picked(CAFE, "banana-bread", ["not toasted".replace("not", "no")]) == (None, [])
    assert picked(CAFE, "latte", ["oat"], "small") == ("latte-small", ["oat"])  # a one-choice group: replaced


def test_nested_choices_attach_to_the_option_said_before_or_after() -> None:
    expected = (None, [("combo-veggie", ["aioli"]), "combo-latte"])
    assert picked(CAFE, "brekkie-combo", ["veggie roll", "aioli", "latte"]) == expected
    assert picked(CAFE, "brekkie-combo", ["latte", "veggie roll", "aioli"])[1] == [
        "combo-latte",
        ("combo-veggie", ["aioli"]),
    ]


def test_variations_exact_loose_and_conflicting() -> None:
    assert picked(CAFE, "latte", ["large"])[0] == "latte-large"
    assert picked(CAFE, "latte", ["lrge"])[0] == "latte-large"  # no option is called that: a loose size
    assert picked(CAFE, "sourdough-loaf", [])[0] is None
    with pytest.raises(ModifierInvalid, match="Small or Large"):
        picked(CAFE, "latte", ["small", "large"])
    with pytest.raises(ModifierInvalid, match="one size only"):
        picked(CAFE, "sourdough-loaf", [], "large")
    with pytest.raises(ModifierInvalid) as err:
        picked(CAFE, "latte", ["anchovies"])
    assert "Oat milk" in [o["name"] for o in err.value.details["options"]]  # the options, not a size error
