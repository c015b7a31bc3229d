"""The pruned reader and its fast path answer exactly what the full scan answers (issue #25).

``read_order`` and ``said_lines`` score only the items that could matter (``prune=True``, the default)
and read a clean phrase ("two large fries with cheese sauce") without scoring at all; ``prune=False``
scores every item of the menu on every piece, as the reader always did. Both are live code paths, so
this keeps holding while the reading rules change: any rule that lets a word be explained in a new
way must be taught to :mod:`app.core.reading.candidates` too, or this test fails.

An evenly spaced sample of each menu's utterances in tests/spoken_corpus.json and each split of
tests/corpus/said/*.json, and of each menu's generated reads, is read both ways (the phrase alone, and with
its modifiers).
``said_lines`` depends on ``prune`` only through those two ``read_order`` calls, so comparing ``read_order``
on both covers it (the fast-path edges compare both functions). A blind-split utterance is never printed: a
difference there is reported by menu and position only.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import cache
from typing import Any

import pytest

from app.core.menu import Menu
from app.core.reading.lines import said_lines
from app.core.reading.order import read_order
from app.errors import CartError
from bench import matching
from tests.core.reading.menus import group, item, menu, option

Said = tuple[str, tuple[str, ...]]


def _said(case: dict[str, Any]) -> Said:
    said = case["said"]
    return (said, ()) if isinstance(said, str) else (said["item"], tuple(said["modifiers"]))


def _corpus_cases(source: str) -> Iterator[tuple[str, bool, Said]]:
    """(menu id, blind?, what was said) for every labelled utterance of ``source``: "old" (the old corpus)
    or a key of :data:`bench.matching.NEW_SPLITS` (its menus' utterances that have arrived, hidden ones never)."""
    if source == "old":
        for case in matching.load_corpus()["cases"]:
            yield case["menu"], False, _said(case)
        return
    for rid in matching.NEW_SPLITS[source]:
        path = matching.NEW_CORPORA / "said" / f"{rid}.json"
        if path.exists() and rid not in matching.hidden_menus():
            for case in json.loads(path.read_text())["cases"]:
                yield rid, source == "blind", _said(case)


# one test per corpus (so parallel workers share them out); never the unseen split, whose utterances a
# difference would print
_SOURCES = ["old", *(split for split in matching.NEW_SPLITS if split not in matching.UNSEEN)]
# an evenly spaced sample of each menu's utterances: every menu is read, and a round that adds a split or a
# menu adds a bounded share of CI (all of them took 4 minutes; every second one, a fifth of CI by round 17)
_CORPUS_PER_MENU = 24
_GENERATED_PER_MENU = 12


def _per_menu(cases: list[tuple[str, bool, Said]], keep: int) -> list[tuple[str, bool, Said]]:
    """At most ``keep`` of each menu's ``cases``, evenly spaced through them (the first always)."""
    by_menu: dict[str, list[tuple[str, bool, Said]]] = {}
    for case in cases:
        by_menu.setdefault(case[0], []).append(case)
    return [
        ones[i * len(ones) // keep] if len(ones) > keep else ones[i]
        for ones in by_menu.values()
        for i in range(min(keep, len(ones)))
    ]


@cache
def _menus() -> dict[str, Menu]:
    return matching.all_menus()


def _answer(read: Callable[[], Any]) -> Any:
    """What a reader answered, comparable: its result, or the error's class, message and details."""
    try:
        return read()
    except CartError as exc:
        return (type(exc), exc.message, exc.details)


def _both(menu: Menu, text: str, modifiers: tuple[str, ...], lines: bool = False) -> list[tuple[str, Any, Any]]:
    """``(what, full, pruned)`` for read_order (and ``lines``: said_lines) on one utterance."""
    out = []
    for name, read in (("read_order", read_order), ("said_lines", said_lines))[: 2 if lines else 1]:
        full = _answer(lambda read=read: read(menu, text, modifiers, prune=False))  # type: ignore[operator]
        pruned = _answer(lambda read=read: read(menu, text, modifiers))  # type: ignore[operator]
        out.append((name, _comparable(full), _comparable(pruned)))
    return out


def _comparable(answer: Any) -> Any:
    """A list of readings and questions (errors compare by class, message and details; a reading's count not
    said, ``None``, as the one line it adds: "a 10 pc nuggets" is counted 1 by the fast path, None by the scan)."""
    if isinstance(answer, list):
        return [
            (type(a), a.message, a.details) if isinstance(a, CartError) else replace(a, quantity=a.quantity or 1)
            for a in answer
        ]
    return answer


def _differences(cases: list[tuple[str, bool, Said]]) -> list[str]:
    menus = _menus()
    found = []
    for n, (rid, blind, (text, modifiers)) in enumerate(cases):
        variants = [(text, modifiers), (text, ())] if modifiers else [(text, ())]
        for said, mods in variants:
            for name, full, pruned in _both(menus[rid], said, mods):
                if full != pruned:
                    shown = f"case {n}" if blind else repr((said, mods))
                    found.append(f"{rid} {shown} {name}: full {full!r} pruned {pruned!r}"[:600])
    return found


@pytest.mark.parametrize("source", _SOURCES)
def test_the_corpora_read_the_same_pruned_or_not(source: str) -> None:
    every = list(_corpus_cases(source))
    cases = _per_menu(every, _CORPUS_PER_MENU)
    assert {rid for rid, _, _ in cases} == {rid for rid, _, _ in every}  # every menu still read
    assert len(cases) > 100
    assert _differences(cases) == []


@pytest.mark.slow
def test_the_generated_reads_read_the_same_pruned_or_not() -> None:
    generated = list(matching.generated_cases())
    cases = _per_menu([(rid, False, _said(case)) for rid, case in generated], _GENERATED_PER_MENU)
    assert {rid for rid, _, _ in cases} == {rid for rid, _ in generated}  # every menu still read
    assert len(cases) > 1000
    assert _differences(cases) == []


def test_the_issue_phrase_reads_as_the_ids_say() -> None:
    """The budgeted phrase (bench/instructions.py) takes the fast path and means the line sent as ids."""
    menu = _menus()["demo-burger"]
    (line,) = said_lines(menu, "two large fries with cheese sauce")
    assert (line.item.id, line.quantity, [p.option.id for p in line.picks]) == ("fries", 2, ["large", "cheese-sauce"])


_TEAS = menu(
    item("Green Tea", group("Size", [option("Small"), option("Large")], 1), group("Toppings", [option("Boba")], 0, 2)),
    item("Large Green Tea", aliases=["big green tea"]),
    item("Soda", group("Size", [option("Small"), option("Large")], 1), aliases=["pop"]),
    item("Milk", group("Flavor", [option("Chocolate Milk", aliases=["chocolate"]), option("Plain Milk")])),
    item("Iced Tea", group("Sweetness", [option("Sweet"), option("Unsweet")], 1), aliases=["sweet tea"]),
)
# each fails the fast path's conditions one way (tests/core/reading/test_pruned.py reads them both ways)
_EDGES = [
    (_TEAS, "a large green tea with boba"),  # a longer name said, with a word it leaves: asked
    (_TEAS, "2 small soda with large"),  # two answers to a one-choice group
    (_TEAS, "2 large soda with large"),  # one said twice
    (_TEAS, "2 pop soda"),  # two short names of one item
    (_TEAS, "a chocolate milk"),  # the option's name ends in the next word
    (_TEAS, "2 sweet tea"),  # an alias that answers a required choice
    (_TEAS, "a large sweet iced tea"),
    (_TEAS, "a green tea large"),  # an article before: read with and without a count
    (_TEAS, "3 large green tea"),
    (_TEAS, "a green tea boba boba"),
    (_TEAS, "large"),
]


@pytest.mark.parametrize(("said_on", "text"), _EDGES, ids=[t for _, t in _EDGES])
def test_the_fast_path_edges_read_the_same(said_on: Menu, text: str) -> None:
    for _, full, pruned in _both(said_on, text, (), lines=True):
        assert full == pruned
