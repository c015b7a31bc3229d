"""Choices said before the item's name, a pause between: "a large, uh, steeped tea".

A piece of choices only ("a large") that several items read alike, and the next piece naming an item with no
count or article of its own ("uh, steeped tea") that takes every one of those choices: one item, its choices
said first — never a question about which item "a large" is, nor a line of its own (issue #23, blind10
coffee-and-donuts).
"""

from __future__ import annotations

from app.core.menu import Menu
from app.core.reading.counts import with_quantity
from app.core.reading.fit import best_fits, fit_words
from app.core.reading.spoken import FILLER
from app.core.reading.vocabulary import Words


def said_before_its_name(menu: Menu, before: Words, chunk: Words, prune: bool = True) -> bool:
    """Is ``before`` ("a large") only choices several items read alike, and ``chunk`` ("uh steeped tea") an item
    named with no count or article of its own that takes them all?"""
    if not chunk or chunk[0] in ("a", "an") or with_quantity(chunk)[0][0] is not None:
        return False
    first = best_fits(menu, with_quantity(before)[0][1], prune)
    if not first or first[0].named or first[0].unknown or not first[0].options:
        return False
    if not any(f.key == first[0].key and f.item is not first[0].item for f in first[1:]):
        return False  # "a sprite": one item those choices are — it stands alone
    named = best_fits(menu, chunk, prune)
    if not named or not named[0].named or named[0].unknown or named[0].options:
        return False  # the name alone ("steeped tea"), its choices said before it
    content = [w for w in with_quantity(before)[0][1] if w not in FILLER]
    whole = fit_words(named[0].item, (*content, *chunk), named[0].name)
    return whole is not None and not whole.unknown and len(whole.options) >= len(first[0].options)
