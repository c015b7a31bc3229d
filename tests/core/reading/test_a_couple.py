""" "a couple of X" is two of X (issue #23, the session that broke the reader; it was read as one)."""

from __future__ import annotations

from app.core.reading.lines import said_lines
from app.core.reading.spoken import normalize
from bench import matching
from tests.core.reading.menus import item, menu


def test_a_couple_of_is_two() -> None:
    assert normalize("a couple of cookies") == "2 cookie"
    assert normalize("a couple lattes") == "2 latte"
    assert normalize("for a couple") == "for a couple"  # nothing counted after it: as said
    (line,) = said_lines(menu(item("Cookie")), "a couple of cookies")
    assert (line.item.name, line.quantity) == ("Cookie", 2)


def test_corpus_a_couple_of_cookies() -> None:
    said = {"said": "a couple of cookies", "lines": [], "ask": []}
    answer = matching.read_voice(matching.all_menus()["demo-burger"], said)
    assert [(n, q) for n, q, _, _ in answer.lines] == [("Chocolate Chip Cookie", 2)]
