"""Words said in place of a name the customer cannot find: "the thing", "the swirly stuff", "whatchamacallit".

English puts a placeholder noun where the name should be ("the uh... that thing, you know, the round one with
the stuff"). Where nothing else said is a word of the menu, no item was named or described: what the customer
means is asked (the words are not understood), never which item — there is no item to offer. A word of the
menu said with it ("the corn thing", "the chicken thing") still asks which item (issue #23, blind14, blind15).
"""

from __future__ import annotations

from app.core.reading.spoken import FILLER

Words = tuple[str, ...]

PLACEHOLDERS = frozenset(
    {
        "thing",
        "thingy",
        "stuff",
        "whatchamacallit",
        "whaddyacallit",
        "whatsit",
        "thingamajig",
        "thingamabob",
        "doohickey",
    }
)


def only_a_placeholder(words: Words, menu_words: frozenset[str]) -> bool:
    """Is a placeholder said in ``words`` (normalised) — never a word the menu uses (``menu_words``) — and no
    other word of the menu, but filler and numbers ("the round one": which one, no name)?"""
    said = PLACEHOLDERS.intersection(words) - menu_words
    return bool(said) and not any(w in menu_words and w not in FILLER and not w.isdigit() for w in words)
