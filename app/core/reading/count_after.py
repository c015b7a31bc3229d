"""A count said after the item's name: "thosai dua", "teh tarik satu", "sirap bandung ais, 2".

Where a menu's customers put the count last (a Malay stall hears "roti kosong satu, teh tarik satu"), the
number ending a piece that names an item whole, with no count before it, is how many of it — as "x2" or a
number said alone after the item is (:func:`~app.core.reading.counts.count_alone`). A number some reading
of the piece explains ("combo 2", "coke 12 oz", "spice level 1": a name or a choice) is never moved.
"""

from __future__ import annotations

from app.core.menu import Menu
from app.core.reading.counts import with_quantity
from app.core.reading.fit import best_fits
from app.core.reading.spoken import FILLER
from app.core.reading.vocabulary import Words


def count_said_after(menu: Menu, chunk: Words, prune: bool = True) -> Words:
    """``chunk`` with a count said after the item it names whole moved before it ("thosai 2" → "2 thosai");
    any other chunk as it is (a count already said, words left unexplained, a number a reading explains)."""
    last = chunk[-1] if chunk else ""
    if len(chunk) < 2 or not last.isdigit() or not 0 < int(last) <= 999 or chunk[-2] in FILLER:
        return chunk  # "tea for 4": people, never four teas — the count follows the item's own words
    whole = best_fits(menu, with_quantity(chunk)[0][1], prune)
    if whole and not whole[0].unknown:
        return chunk  # the number is part of what a reading names
    rest = chunk[:-1]
    if with_quantity(rest)[0][0] is not None or chunk[0] == "the":
        return chunk  # "2 thosai 2": said twice, left as said; "the green tea ones": which of them
    ranked = best_fits(menu, rest, prune)
    if not ranked or not ranked[0].named or ranked[0].unknown:
        return chunk  # "sauce bar for 2", "number 2", "the spicy 1": never an item named and then counted
    lead = next((i for i, w in enumerate(rest) if w not in FILLER), len(rest))
    return (*rest[:lead], last, *rest[lead:])
