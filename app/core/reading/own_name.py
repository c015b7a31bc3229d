"""A word of an item's own name said beside an alias of it is its name, never a word left unexplained.

A menu names an item "Set B Satay Beef Instant Noodles" and aliases it "satay beef noodles"; the customer says
"satay beef noodles set": the alias names the item and "set", a word of its full name said right beside it,
says it again — no question about it (blind14 hk-cafe asked "has no set"). Only a word of the item's own name
before its head noun, and none of its choices' words (a word a choice uses is still read as that choice, or
asked).
"""

from __future__ import annotations

from app.core.menu import Item
from app.core.reading.memo import per_object
from app.core.reading.vocabulary import option_words, words_of


@per_object
def own_name_words(item: Item) -> frozenset[str]:
    """The words of ``item``'s name that no option phrase of it uses, its head noun (the last word) left out: a
    head names other items too ("a cheese pizza with ham and pineapple" beside a Hawaiian Pizza aliased "ham and
    pineapple": "pizza" is the Cheese Pizza's), and so are its numbers: a number beside the name is a count ("two
    2-piece chicken meals", "two meat 2 minced ginger": generated reads)."""
    used = option_words(item)
    name = words_of(item.name)
    return frozenset(w for w in name[:-1] if w not in used and w not in name[-1:] and not w.isdigit())


def said_beside_its_alias(item: Item, work: list[str | None], at: int, name: tuple[str, ...]) -> None:
    """Mark used the word right after or right before ``item``'s name said at ``at`` (``name``'s words) where it
    is one of :func:`own_name_words`. Only beside it: "…, make the chicken extra crispy" on a Chicken Shawarma
    Plate says what the note is about (blind2 gyro-grill), never the name again."""
    own = own_name_words(item)
    if not own or name == words_of(item.name)[-1:]:
        return  # its head noun alone ("rice") names many: "a baked rice" stays a question (blind14 hk-cafe)
    for i in (at + len(name), at - 1):
        if 0 <= i < len(work) and work[i] in own:
            work[i] = None
