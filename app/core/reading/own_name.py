"""A word of an item's own name said beside an alias of it is its name, never a word left unexplained.

A menu names an item "Set B Satay Beef Instant Noodles" and aliases it "satay beef noodles"; the customer says
"satay beef noodles set": the alias names the item and "set", a word of its full name, says it again — no
question about it (blind14 hk-cafe asked "has no set"). Only a word of the item's own name, and none of its
choices' words (a word a choice uses is still read as that choice, or asked).
"""

from __future__ import annotations

from app.core.menu import Item
from app.core.reading.memo import per_object
from app.core.reading.vocabulary import option_phrases, words_of


@per_object
def own_name_words(item: Item) -> frozenset[str]:
    """The words of ``item``'s name that no option phrase of it uses."""
    used = {w for p, _ in option_phrases(item) for w in p}
    return frozenset(w for w in words_of(item.name) if w not in used)
