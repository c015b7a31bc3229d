"""An item said with no modifiers skips the phrase reader: on every item of every bundled and test
menu, with no size, each of its sizes, or an unknown one, the shortcut answers exactly what the
reader path answers (the same variation and picks, or the same error)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from app.core.menu import load_menu
from app.core.reading.lines import _line, said_choices
from app.core.reading.order import read_choices
from app.settings import bundled_menu_dir
from tests.conftest import TESTS

MENU_FILES = sorted([*bundled_menu_dir().glob("*.json"), *(TESTS / "menus").glob("*.json")])


def outcome(call: Callable[[], object]) -> tuple[object, ...]:
    try:
        return ("answer", repr(call()))
    except Exception as exc:  # the error itself is the behaviour compared
        return ("error", type(exc).__name__, str(exc))


@pytest.mark.parametrize("path", MENU_FILES, ids=lambda p: Path(p).name)
def test_no_modifiers_answers_as_the_reader_does(path: Path) -> None:
    menu = load_menu(path)
    cases = 0
    for item in menu.items:
        for variation in [None, "no-such-size", *(v.id for v in item.variations)]:

            def reader(item=item, variation=variation) -> object:
                line = _line(read_choices(menu, item, ()), variation)
                return line.variation, list(line.picks), line.notes

            assert outcome(lambda: said_choices(menu, item, (), variation)) == outcome(reader), (item.id, variation)  # noqa: B023
            cases += 1
    assert cases >= len(menu.items)
