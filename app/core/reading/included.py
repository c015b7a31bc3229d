"""How many of a thing an item already comes with, as its description says: "a crepe with one egg".

An option that is more of that thing ("Extra Egg": a lead word, then the thing) said with a count of the thing
alone ("double egg", "three eggs") counts the whole: the ones the item includes are in it, so only the rest are
the option ("three eggs" on a crepe with one egg is Extra Egg twice). Only where the description says the count
right before the thing's word ("one egg", "an egg", "2 eggs"); "two extra eggs" counts extras, as said, and a
whole past what the option allows is asked about (the corpus labels, tests/corpus/said: blind11 bodega-deli,
blind15 jianbing-cart).
"""

from __future__ import annotations

from itertools import pairwise

from app.core.menu import Item, Option
from app.core.reading.memo import per_object
from app.core.reading.spoken import spoken_count
from app.core.reading.vocabulary import OPTION_LEADS, Words, words_of

_ONE = frozenset({"a", "an"})


@per_object
def _described_counts(item: Item) -> dict[str, int]:
    """The things ``item``'s description counts (word → how many): "with one egg" → {"egg": 1}."""
    words = words_of(item.description or "")
    out: dict[str, int] = {}
    for before, word in pairwise(words):
        count = 1 if before in _ONE else spoken_count(before)
        if count is not None and word not in out:
            out[word] = count
    return out


def included(item: Item, option: Option, phrase: Words) -> int:
    """How many of what ``phrase`` names ``item`` comes with, where ``option`` is more of it ("Extra Egg" said
    "egg"); 0 where the description says no count of it or the option is no more of it."""
    name = words_of(option.name)
    if len(phrase) != 1 or len(name) != 2 or name[0] not in OPTION_LEADS or name[1] != phrase[0]:
        return 0
    return _described_counts(item).get(phrase[0], 0) if item.description else 0
