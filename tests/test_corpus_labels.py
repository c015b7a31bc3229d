"""The blind corpora are well formed: every label names what its menu really has.

``tests/corpus/menus/*.json`` are menus of shapes the project had not had, and
``tests/corpus/said/*.json`` utterances for them written by sessions that had not read ``app/``,
frozen before the reader was tuned (issue #23). A label that names an item or choice the menu does
not have would score the reader against a typo, so each label is checked here against its menu,
without running the reader.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.core.menu import ModifierGroup, load_menu

CORPUS = Path(__file__).resolve().parent / "corpus"
SAID = sorted((CORPUS / "said").glob("*.json"))
TOPICS = {"Size", "item", "unavailable", "words"}


def _group_names(groups: tuple[ModifierGroup, ...]) -> Iterator[tuple[str, str]]:
    """(group name, option name) for every option, nested ones too."""
    for group in groups:
        for option in group.options:
            yield group.name, option.name
            yield from _group_names(option.modifier_groups)


@pytest.mark.parametrize("said", SAID, ids=[p.stem for p in SAID])
def test_every_label_names_the_menus_own_items_and_choices(said: Path) -> None:
    corpus: dict[str, Any] = json.loads(said.read_text())
    menu = load_menu(CORPUS / "menus" / f"{corpus['menu']}.json")
    items = {item.name: item for item in menu.items}
    groups = {group for item in menu.items for group, _ in _group_names(item.modifier_groups)}
    cases = corpus["cases"]
    phrases = [c for c in cases if isinstance(c["said"], str)]
    assert len(cases) >= 44 and len(phrases) >= 26 and len(cases) - len(phrases) >= 16
    for case in cases:
        said_as = case["said"]  # a phrase, or the add_to_order entry's own shape: an item and a list of strings
        assert isinstance(said_as, str) or set(said_as) == {"item", "modifiers"}, case
        if not isinstance(said_as, str):
            assert isinstance(said_as["item"], str) and isinstance(said_as["modifiers"], list), case
            assert all(isinstance(m, str) for m in said_as["modifiers"]), f"modifiers are strings: {case}"
        assert not (case["lines"] and case["ask"]), f"a question adds nothing: {case}"
        assert set(case["ask"]) <= TOPICS | groups, case
        for line in case["lines"]:
            item = items[line["item"]]
            choices = {v.name for v in item.variations} | {o for _, o in _group_names(item.modifier_groups)}
            assert set(line["options"]) <= choices, (case, set(line["options"]) - choices)
            assert line["options"] == sorted(line["options"]), case
            assert isinstance(line["quantity"], int) and line["quantity"] >= 1, case
            assert isinstance(line["note"], str), case
