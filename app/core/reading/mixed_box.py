"""Counts of kinds that fill a box the menu sells mixed: "six wellfleets and six kumamotos" is the Mixed Dozen.

A box sold mixed is an item with a group that takes its answers by count, as many as its size and no other
number (min = max, two or more, each answer repeatable: "any mix of 12"). Where the customer lists two kinds
or more, each by a count and a name of one of that group's answers, and the counts add up to the box's size,
they have said how to fill the box, not a half dozen of each: the words are read as that box named, with
those counts (its other choices said after the last kind, "in banana leaf", stay its own). Only where exactly
one box is so filled; a list that adds up to no box ("two kusshis and two kumamotos") stays as said. Before
the first count only openers, filler and words of the box's own names may come ("a dozen: six pork and six
chicken"). Issue #23, blind15 oyster-bar and tamale-shop.
"""

from __future__ import annotations

from app.core.menu import Item, Menu, ModifierGroup
from app.core.reading.memo import per_object
from app.core.reading.spoken import FILLER, OPENERS, SEPARATORS
from app.core.reading.vocabulary import Words, item_names, option_phrases, said_words, top_groups, words_of

_KIND_LEADS = frozenset({"de", "of"})  # "cuatro de puerco", "six of the wellfleets"

Box = tuple[Item, int, tuple[tuple[Words, str], ...]]  # the item, its size, its kinds' phrases → option id


def _counted(item: Item) -> ModifierGroup | None:
    """``item``'s one group that takes its answers by count (min = max ≥ 2, every answer repeatable)."""
    groups = [
        g for g in top_groups(item) if g.min == g.max >= 2 and g.options and all(o.max_quantity >= 2 for o in g.options)
    ]
    return groups[0] if len(groups) == 1 else None


@per_object
def _boxes(menu: Menu) -> tuple[Box, ...]:
    """Every item of ``menu`` sold as a box filled by count: (item, size, its kinds' phrases longest first)."""
    out: list[Box] = []
    for item in menu.items:
        group = _counted(item)
        if group is None or not item.available:
            continue
        ids = {o.id for o in group.options}
        phrases = tuple((p, o.id) for p, o in option_phrases(item) if o.id in ids and o.group_id == group.id)
        out.append((item, group.min, tuple(sorted(phrases, key=lambda x: -len(x[0])))))
    return tuple(out)


def _kinds(words: Words, at: int, phrases: tuple[tuple[Words, str], ...]) -> list[tuple[int, str]]:
    """From ``at``: each "<count> [de] <kind>" said, with separators between, as (count, option id)."""
    kinds: list[tuple[int, str]] = []
    i = at
    while i < len(words) and words[i].isdigit():
        j = i + 2 if words[i + 1 : i + 2] and words[i + 1] in _KIND_LEADS else i + 1
        found = next(((p, o) for p, o in phrases if words[j : j + len(p)] == p), None)
        if found is None:
            break
        kinds.append((int(words[i]), found[1]))
        i = j + len(found[0])
        k = i
        while k < len(words) and words[k] in SEPARATORS:
            k += 1
        if k == i or k >= len(words) or not words[k].isdigit():
            break
        i = k
    return kinds


def _runs_in(phrase: Words, words: Words) -> bool:
    return any(words[i : i + len(phrase)] == phrase for i in range(len(words) - len(phrase) + 1))


def box_filled(menu: Menu, text: str) -> str | None:
    """``text`` said as the one box its counted kinds fill ("six wellfleets and six kumamotos" → "mixed dozen 6
    wellfleet and 6 kumamoto"), or None where they fill none (at once where the menu sells no such box)."""
    if not _boxes(menu):
        return None
    words = said_words(menu, text)
    if sum(w.isdigit() for w in words) < 2:
        return None
    filled: list[Words] = []
    at = next((i for i, w in enumerate(words) if w.isdigit()), len(words))  # the first count said
    for item, size, phrases in _boxes(menu):
        names = item_names(menu)[id(item)]
        if not all(w in FILLER or w in OPENERS or w in SEPARATORS or any(w in n for n in names) for w in words[:at]):
            continue
        if any(_runs_in(n, words[:at]) for n in names):
            continue  # "wrap pack, two gyros, …": the box named, its kinds read as its own
        kinds = _kinds(words, at, phrases)
        if len({o for _, o in kinds}) >= 2 and sum(n for n, _ in kinds) == size:
            filled.append((*words_of(item.name), *words[at:]))
    return " ".join(filled[0]) if len(filled) == 1 else None
