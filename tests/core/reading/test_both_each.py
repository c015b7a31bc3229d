""" "both"/"each" said after different items (issue #23, the session that broke the reader): the choice goes
on each item that has it, asked about when one of them cannot have it; never a line of its own."""

from __future__ import annotations

import pytest

from app.core.reading.lines import said_lines
from app.errors import CartError
from bench import matching
from tests.core.reading.menus import group, item, menu, option


def _lines(m: object, text: str) -> list[tuple[str, int, list[str]]]:
    return sorted((x.item.name, x.quantity or 1, sorted(p.option.name for p in x.picks)) for x in said_lines(m, text))  # type: ignore[arg-type]


def _sweets() -> object:
    warm = group("Warm It Up", [option("Warmed")])
    return menu(
        item("Cookie", warm),
        item("Brownie", warm, group("Add", [option("A La Mode")])),
        item("Pie", group("Add", [option("A La Mode")])),
    )


def test_both_x_after_two_items_goes_on_each() -> None:
    m = _sweets()
    assert _lines(m, "a cookie and a brownie, both warmed") == [("Brownie", 1, ["Warmed"]), ("Cookie", 1, ["Warmed"])]
    assert _lines(m, "a brownie and a pie, both a la mode") == [
        ("Brownie", 1, ["A La Mode"]),
        ("Pie", 1, ["A La Mode"]),
    ]


def test_both_x_one_of_them_cannot_have_is_asked() -> None:
    m = _sweets()
    with pytest.raises(CartError):
        said_lines(m, "a cookie and a pie, both warmed")
    with pytest.raises(CartError):
        said_lines(m, "a cookie and a brownie, both a la mode")


@pytest.mark.parametrize(
    ("menu_id", "text"),
    [
        ("demo-burger", "a cookie and a brownie, both warmed"),
        ("demo-burger", "a cookie and a brownie, both a la mode"),
        ("grind-coffee", "a large latte and a large mocha, both with whipped cream"),
        ("grind-coffee", "a large latte and a croissant, both warmed"),
    ],
)
def test_corpus_both_never_adds_or_drops(menu_id: str, text: str) -> None:
    """On these menus one of the two cannot have the choice: asked (never a third line, never one dropped)."""
    answer = matching.read_voice(matching.all_menus()[menu_id], {"said": text, "lines": [], "ask": []})
    assert answer.asks, answer.lines
