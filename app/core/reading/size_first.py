"""A size said first, then counts of the picks: "a dozen donuts, six glazed and six chocolate".

A box whose sizes are called by their count ("six" for the Half Dozen, "a dozen" for the Dozen) holds picks
that may each be taken several times. Once one size is said, a bare count that is another size's alias,
said right before such a pick, counts the pick: the Dozen with six Glazed and six Chocolate, never a Half
Dozen read from the first "six" (issue #23, the breaker's silently wrong lines). The size said first wins;
where the counts then do not fit it, the box's own rules ask.
"""

from __future__ import annotations

from app.core.menu import Item, Option
from app.core.reading.memo import per_object
from app.core.reading.vocabulary import Words, choice_groups, option_phrases


@per_object
def _repeatable_starts(item: Item) -> frozenset[str]:
    """The first words of ``item``'s phrases for options that may be taken more than once in a group of several."""
    several = {g.id for g in choice_groups(item) if g.max > 1}
    return frozenset(p[0] for p, o in option_phrases(item) if o.max_quantity > 1 and o.group_id in several)


@per_object
def _group_phrases(item: Item) -> dict[str, tuple[tuple[Words, Option], ...]]:
    """group id → the phrases of its options."""
    out: dict[str, list[tuple[Words, Option]]] = {}
    for phrase, option in option_phrases(item):
        out.setdefault(option.group_id, []).append((phrase, option))
    return {g: tuple(p) for g, p in out.items()}


def counts_a_pick(item: Item, option: Option, phrase: Words, said: tuple[str | None, ...], at: int) -> bool:
    """Is ``phrase`` (at ``at`` among the words ``said``) a bare count calling ``option``, said right before a
    pick that may be taken several times, after another option of ``option``'s group was said? Then it counts
    the pick, never chooses ``option``."""
    if len(phrase) != 1 or not phrase[0].isdigit():
        return False
    after = said[at + 1] if at + 1 < len(said) else None
    if after is None or after not in _repeatable_starts(item):
        return False
    before = said[:at]
    return any(
        o is not option and any(before[i : i + len(p)] == p for i in range(len(before) - len(p) + 1))
        for p, o in _group_phrases(item).get(option.group_id, ())
    )
