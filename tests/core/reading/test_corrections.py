"""Self-corrections inside one utterance, and "one with …" after a count."""

from __future__ import annotations

from app.core.reading.corrections import bare_count
from app.core.reading.item import Reading
from app.core.reading.order import read_order
from app.errors import ItemAmbiguous
from tests.core.reading.menus import group, item, menu, option

BAKERY = menu(
    item("Cookie"),
    item("Brownie"),
    item("Water"),
    item("Latte", group("Milk", [option("Whole Milk", default=True), option("Oat Milk")], least=1)),
    item("Flat White", group("Milk", [option("Whole Milk", default=True), option("Oat Milk")], least=1)),
    item("Cookie Box", group("Kind", [option("Oatmeal Raisin"), option("Chocolate Chip")], least=1)),
    item(
        "Mocha",
        group("Size", [option("Small"), option("Medium"), option("Large")], least=1),
        group("Adds", [option("Hazelnut"), option("Extra Shot", max_quantity=3)], most=4),
    ),
    item("Chai", group("Size", [option("Small"), option("Medium"), option("Large")], least=1)),
    item(
        "Margarita",
        group("Style", [option("Frozen"), option("On the Rocks")]),
        group("Rim", [option("Salt Rim", default=True)]),
    ),
    item("Wings", group("Count", [option("10 pc")], least=1), group("Sauce", [option("Atomic"), option("Mild")])),
)


def _lines(said: str) -> list[tuple[str, int | None, list[str], tuple[str, ...]]]:
    out = []
    for reading in read_order(BAKERY, said):
        assert isinstance(reading, Reading), reading
        out.append((reading.item.name, reading.quantity, [o.name for o in reading.options], reading.notes))
    return out


def test_the_correction_wins_and_nothing_corrected_remains() -> None:
    """Issue #23: "a cookie, no wait, a brownie" added the cookie with a note "no wait a brownie"."""
    assert _lines("a cookie, no wait, a brownie") == [("Brownie", 1, [], ())]
    assert _lines("a cookie, actually make that a brownie") == [("Brownie", 1, [], ())]


def test_a_corrected_count_replaces_the_count() -> None:
    """Issue #23: "three waters, no, two" added three."""
    assert _lines("three waters, no, two") == [("Water", 2, [], ())]


def test_one_with_a_choice_splits_the_count() -> None:
    assert _lines("two lattes, one with oat milk") == [("Latte", 1, [], ()), ("Latte", 1, ["Oat Milk"], ())]


def test_no_before_a_choice_is_no_correction() -> None:
    (latte,) = read_order(BAKERY, "a latte, no oat milk")
    assert isinstance(latte, Reading) and latte.item.name == "Latte"


def test_a_corrected_choice_replaces_the_choice_of_its_group() -> None:
    """Issue #23: "a cookie, oatmeal raisin, no wait, chocolate chip" asked which of the two."""
    assert _lines("a cookie box, oatmeal raisin, no wait, chocolate chip") == [
        ("Cookie Box", 1, ["Chocolate Chip"], ())
    ]
    assert _lines("a small mocha, no wait, make it a medium") == [("Mocha", 1, ["Medium"], ())]
    assert _lines("a small mocha, no sorry, a large") == [("Mocha", 1, ["Large"], ())]


def test_a_corrected_repeat_replaces_the_same_choice_only() -> None:
    """ "uh a large latte, no, medium, with hazelnut and an extra shot, no make it two extra shots"."""
    said = "uh a large mocha, no, medium, with hazelnut and an extra shot, no make it two extra shots"
    ((name, count, options, notes),) = _lines(said)
    assert (name, count, sorted(options), notes) == ("Mocha", 1, ["Extra Shot", "Extra Shot", "Hazelnut", "Medium"], ())


def test_a_corrected_item_keeps_the_choices_it_has_too() -> None:
    """ "a large taro, no wait, make that a thai tea": the large thai tea, nothing of the taro."""
    assert _lines("a large mocha, no wait, make that a chai") == [("Chai", 1, ["Large"], ())]
    assert _lines("a large mocha with hazelnut, no wait, a medium chai") == [("Chai", 1, ["Medium"], ())]


def test_single_ones_of_a_count_each_get_a_line_with_the_shared_choices() -> None:
    """Issue #23: "two margaritas, one frozen and one on the rocks" asked which item "1 on the rock" was."""
    assert _lines("two margaritas, one frozen and one on the rocks") == [
        ("Margarita", 1, ["Frozen"], ()),
        ("Margarita", 1, ["On the Rocks"], ()),
    ]
    assert _lines("two 10 pc wings, one atomic one mild") == [
        ("Wings", 1, ["10 pc", "Atomic"], ()),
        ("Wings", 1, ["10 pc", "Mild"], ()),
    ]
    assert _lines("three lattes, one of them with oat milk") == [
        ("Latte", 2, [], ()),
        ("Latte", 1, ["Oat Milk"], ()),
    ]
    assert _lines("two lattes, oat milk on one of them") == [("Latte", 1, [], ()), ("Latte", 1, ["Oat Milk"], ())]


def test_one_naming_another_item_after_a_count_is_that_item() -> None:
    assert _lines("two lattes and one brownie") == [("Latte", 2, [], ()), ("Brownie", 1, [], ())]


def test_make_it_adds_to_a_group_of_several_never_replaces() -> None:
    """ "a crunchy roll, make it spicy": Add-ons holds several; "make it" is one more choice, not a correction
    of "crunchy" (generated reads of a menu written blind found the crunch silently dropped)."""
    from app.core.reading.lines import said_lines
    from tests.core.reading.menus import group, item, menu, option

    addons = group("Add-ons", [option("Spicy"), option("Tempura Flakes", aliases=["crunchy"])], most=4)
    (line,) = said_lines(menu(item("Philly Roll", addons)), "a crunchy philly roll, make it spicy please")
    assert sorted(p.option.name for p in line.picks) == ["Spicy", "Tempura Flakes"]


def test_one_of_them_is_said_of_the_ones_counted_never_a_new_item() -> None:
    """ "two rolls, full rolls, one of them with brown rice" where Steamed Rice also has Brown Rice."""
    from app.core.reading.lines import said_lines
    from tests.core.reading.menus import group, item, menu, option

    rice = group("Rice", [option("Brown Rice")])
    m = menu(
        item("Tuna Roll", group("Size", [option("Full"), option("Half")], least=1), rice), item("Steamed Rice", rice)
    )
    lines = said_lines(m, "uh two tuna rolls, full, one of them with brown rice")
    assert [(x.item.name, x.quantity, sorted(p.option.name for p in x.picks)) for x in lines] == [
        ("Tuna Roll", 1, ["Full"]),
        ("Tuna Roll", 1, ["Brown Rice", "Full"]),
    ]


def test_a_correction_said_without_a_comma_still_corrects() -> None:
    """Issue #23, the session that broke the reader: "three cookies no wait two cookies" added three cookies
    with a note "no wait 2 cookie"."""
    assert _lines("three cookies no wait two cookies") == [("Cookie", 2, [], ())]
    assert _lines("a cookie no wait a brownie") == [("Brownie", 1, [], ())]


def test_a_then_a_number_is_one_of_what_the_number_names_never_a_count() -> None:
    """blind5's smoothie bar: "a 32 oz mango sunrise no wait a 24" was 24 smoothies."""
    assert _lines("a small mocha, no wait, a large") == [("Mocha", 1, ["Large"], ())]
    assert bare_count(("a", "24")) is None and bare_count(("make", "it", "2")) == 2


def test_just_the_item_said_before_keeps_only_it() -> None:
    """Issue #23, the session that broke the reader: "a cookie and a brownie, actually just the cookie" added
    two cookies."""
    assert _lines("a cookie and a brownie, actually just the cookie") == [("Cookie", 1, [], ())]
    assert _lines("a cookie and a brownie, no wait, only the brownie") == [("Brownie", 1, [], ())]
    assert _lines("a cookie and a brownie, actually just two cookies") == [("Cookie", 2, [], ())]


def test_a_correction_that_does_not_say_what_it_corrects_is_asked() -> None:
    """ "a cookie and a brownie, actually a cookie": the brownie replaced, or the cookie said again? Asked."""
    for said in (
        "a cookie and a brownie, actually a cookie",
        "two cookies and a brownie, actually three cookies",
        "a cookie and a brownie, actually just a water",
    ):
        (asked,) = read_order(BAKERY, said)
        assert isinstance(asked, ItemAmbiguous), said
