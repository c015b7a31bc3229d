"""A size whose name says the item: "three pancakes" for the Short Stack aliased so, said with no other name.

A menu that calls a size by a count of the item ("Short Stack", aliased "three pancakes" / "3 stack") has told
the reader what "three pancakes" is: that size of the item, one line of it — never three lines of an item
whose size is still to be asked. The size's words hold the item's own name, so the item is named too, as if
the name had been said beside the size (blind6 pancake-house, where "three pancakes" asked Short or Full Stack).
"""

from __future__ import annotations

from app.core.menu import Item
from app.core.reading.vocabulary import VARIATION_GROUP, Words, find_phrase, option_phrases, words_of


def name_in_a_size(item: Item, words: Words, name: Words, spans: list[Words]) -> int:
    """Where ``name`` is said inside the words of one of ``item``'s sizes taken whole (``spans``: the option
    phrases read from ``words``), or -1 when it is not."""
    sizes = {p for p, o in option_phrases(item) if o.group_id == VARIATION_GROUP}
    for span in spans:
        if span not in sizes or len(span) <= len(name):
            continue
        inner, start = find_phrase(list(span), name), find_phrase(list(words), span)
        if inner < 0 or start < 0:
            continue
        rest: list[str | None] = [*words[:start], None, *words[start + len(span) :]]
        if any(find_phrase(rest, own) >= 0 for own in (words_of(item.name), *map(words_of, item.aliases))):
            return -1  # "doufu dong dou fu": the item is named beside its size, by that name
        return start + inner
    return -1
