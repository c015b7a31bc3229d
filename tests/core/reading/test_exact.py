"""Exact ids never enter the phrase reader, and the answer is the one the reader gives."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from app.core.cart.choices import encode, entry_key
from app.core.menu import Item, Menu, load_menu
from app.core.reading.exact import exact_reading
from app.core.reading.lines import said_choices
from app.core.reading.modifiers import resolve_choices
from app.core.reading.order import read_choices
from app.core.reading.vocabulary import choice_groups
from app.errors import CartError
from bench import matching

ROOT = Path(__file__).resolve().parents[3]
MENUS = sorted(  # an unseen blind split's menus are never read until its first look is frozen
    path
    for folder in ("app/menus", "tests/menus", "tests/corpus/menus")
    for path in ROOT.glob(f"{folder}/*.json")
    if path.stem not in matching.hidden_menus()
)


def _answer(fn: Any) -> Any:
    """The variation, the choices (in any order: the line's choices compare equal so) and the notes, or the error."""
    try:
        variation, picks, notes = fn()
    except CartError as exc:
        return ("error", exc.code)
    return (variation, sorted(entry_key(e) for e in encode(picks)), tuple(notes))


def _through_the_reader(menu: Menu, item: Item, ids: tuple[str, ...]) -> Any:
    """What the phrase reader makes of the same ids (the path ids took before the fast path)."""
    try:
        reading = read_choices(menu, item, ids)
        chosen, picks = resolve_choices(
            item, reading.choice_texts(), reading.variation.id if reading.variation else None
        )
    except CartError:
        chosen, picks = resolve_choices(item, ids)
        return chosen, picks, ()
    return chosen, picks, reading.notes


def _random_ids(rng: random.Random, item: Item) -> tuple[str, ...]:
    ids = [o.id for g in choice_groups(item) for o in g.options]
    return tuple(rng.choice(ids) for _ in range(rng.randint(1, min(5, len(ids)))))


@pytest.mark.parametrize("path", MENUS, ids=lambda p: p.stem)
def test_ids_give_the_readers_answer_without_the_reader(path: Path) -> None:
    menu = load_menu(path)
    rng = random.Random(f"exact:{path.stem}")
    compared = 0
    for item in menu.items:
        if not choice_groups(item):
            continue
        for _ in range(8):
            ids = _random_ids(rng, item)
            sizes = {v.id for v in item.variations} & set(ids)
            assert (exact_reading(menu, item.id, ids) is None) == (len(sizes) > 1)  # two sizes: the reader asks
            fast = _answer(lambda: said_choices(menu, item, ids))  # noqa: B023
            slow = _answer(lambda: _through_the_reader(menu, item, ids))  # noqa: B023
            assert fast == slow, (item.id, ids)
            compared += 1
    assert compared or not any(choice_groups(i) for i in menu.items)


def test_words_are_no_exact_ids_and_go_to_the_reader() -> None:
    menu = load_menu(ROOT / "app" / "menus" / "demo-burger.json")
    assert exact_reading(menu, "classic-burger", ("medium", "cheddar")) is None  # cheddar is no choice of it
    assert exact_reading(menu, "classic-burger", ("no onions",)) is None
    assert exact_reading(menu, "a classic burger", ("medium",)) is None
    assert exact_reading(menu, "classic-burger", ("medium",)) is not None


def test_two_sizes_said_are_asked_about_never_one_kept() -> None:
    menu = load_menu(ROOT / "tests" / "corpus" / "menus" / "bowl-co.json")
    item = menu.item("classic-ahi-bowl")
    assert item is not None
    with pytest.raises(CartError) as asked:
        said_choices(menu, item, ("regular", "large"))
    assert asked.value.details.get("group_name") == "Size"
