"""A count said in the unit the menu sells its dishes by: "two plate vada", "one plate idli vada".

Where a description says what one order is ("2 pieces per plate": :func:`~.counts.sold_per`), that unit said
right after a count, with or without "of", counts orders of the item named after it — the unit is how it
comes, never a word of the item to ask about, nor the name of another item that holds the word ("plate idli"
beside "two plate vada"). Said before an item the words name whole ("two plate idli", an alias), the words
stay as said (issue #23, blind9 dosa-house).
"""

from __future__ import annotations

from app.core.menu import Menu
from app.core.reading.counts import sold_per, with_quantity
from app.core.reading.fit import best_fits
from app.core.reading.memo import per_object
from app.core.reading.vocabulary import Words


@per_object
def units_sold_by(menu: Menu) -> frozenset[str]:
    """The units the menu's descriptions sell its items per ("plate" where one says "2 pieces per plate")."""
    return frozenset(u for i in menu.items if (u := sold_per(i)) is not None)


def counted_in_units(menu: Menu, chunk: Words, prune: bool = True) -> Words:
    """``chunk`` without the unit its count is said in ("2 plate vada" → "2 vada"), where the rest names one
    item whole and every word is read; ``chunk`` as said otherwise."""
    if len(chunk) < 3 or not (chunk[0] in ("a", "an") or chunk[0].isdigit()) or chunk[1] not in units_sold_by(menu):
        return chunk
    rest = (chunk[0], *chunk[3 if chunk[2] == "of" else 2 :])
    if len(rest) < 2:
        return chunk
    whole = best_fits(menu, with_quantity(chunk)[0][1], prune)
    if whole and whole[0].named and not whole[0].unknown:
        return chunk  # "two plate idli": an alias said whole
    ranked = best_fits(menu, with_quantity(rest)[0][1], prune)
    if not ranked or not ranked[0].named or ranked[0].unknown:
        return chunk
    return rest
