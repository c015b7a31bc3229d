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
