"""The menu's own words for "extra", "add", "less": learned from a choice it names both ways.

A Malay stall writes the choice Extra Kuah with the alias "tambah kuah", and Extra Pedas with "lebih pedas": the
word standing where the name says "extra" is the menu's word for it, so "tambah telur mata" is "extra telur
mata" on any item of that menu (blind15 mamak-stall). Only a name and an alias of the same choice teach it,
alike but for their first word; never a function word (the reader's own "with", "sin"), and never where the
word is itself part of a name said there ("lebih manis" of the choice Lebih Manis stays as said).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from app.core.reading.spoken import FILLER, function_words

Words = tuple[str, ...]


def leads_taught(names: Iterable[tuple[Words, ...]], leads: frozenset[str], known: frozenset[str]) -> dict[str, str]:
    """Each word aliases say where their choices' names say a lead (``names``: a choice's name, then its aliases,
    as words), for two choices or more: "tambah kuah" beside "extra kuah" and "tambah sambal" beside "extra
    sambal" → {"tambah": "extra"}. A word taught by one choice only ("fried egg" of an Extra Egg: a kind, not an
    amount), taught two leads, or ``known`` to the reader already ("more", "large") teaches nothing."""
    taught: dict[str, dict[str, set[Words]]] = {}
    for name, *aliases in names:
        for one, other in ((name, a) for a in aliases):
            for lead, said in ((one, other), (other, one)):
                if len(lead) < 2 or lead[1:] != said[1:] or lead[0] not in leads:
                    continue
                if said[0] in known or said[0] in FILLER or said[0] in function_words() or said[0].isdigit():
                    continue
                taught.setdefault(said[0], {}).setdefault(lead[0], set()).add(lead[1:])
    return {word: next(iter(by)) for word, by in taught.items() if len(by) == 1 and len(next(iter(by.values()))) > 1}


def said_as_leads(words: Words, taught: dict[str, str], own_there: Callable[[int], bool]) -> Words:
    """``words`` with each taught word read as its lead, unless ``own_there(i)``: a name the menu writes is
    said there, holding that word (then it is the name's)."""
    return tuple(taught[w] if w in taught and not own_there(i) else w for i, w in enumerate(words))
