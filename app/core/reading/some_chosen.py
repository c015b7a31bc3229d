"""Some of a counted item said by a count and their choices alone: "four italian beefs, two dry hot, two dipped
sweet".

After a count of two or more of one item, a part that is a count no larger than those left and then only
choices of that item (every word placed, no item named by them) says how that many of them come — the
same as "two with oat milk" (:func:`~.corrections.some_with`), said without the "with" (issue #23, blind9
italian-beef). A part whose words name an item ("two fries" after two burgers that come with fries) is that
item, never a choice of the counted one; a count the choices take ("three scoops, two rocky road": a flavour
had twice) is theirs.
"""

from __future__ import annotations

from app.core.menu import Item, Menu
from app.core.reading.counts import with_quantity
from app.core.reading.fit import best_fits, fit_words
from app.core.reading.spoken import FILLER
from app.core.reading.vocabulary import Words


def some_chosen(
    menu: Menu, item: Item, counted: Words, chunk: Words, left: int, prune: bool = True
) -> tuple[int, Words] | None:
    """(count, choices) for "2 dry hot" said after ``counted`` ("4 italian beef", of ``item``; ``left`` not yet
    split), else None."""
    words = chunk[next((i for i, w in enumerate(chunk) if w not in FILLER), len(chunk)) :]
    if len(words) < 2 or not words[0].isdigit() or not 0 < int(words[0]) <= left:
        return None
    whole = best_fits(menu, counted, prune)
    if whole and not whole[0].unknown:
        return None  # "three scoops …, two rocky road": the number is the Triple Scoop's, no count of orders
    fit = fit_words(item, words[1:], None)
    if fit is None or fit.unknown or not fit.options or fit.notes:
        return None
    twice = fit_words(item, words, None)
    if twice is not None and not twice.unknown:
        return None  # "three scoops, two rocky road": two of the choice, which may be had twice
    ranked = best_fits(menu, with_quantity(words)[0][1], prune)
    if ranked and ranked[0].named:
        return None  # "two fries": the item, said by its name
    return int(words[0]), words[1:]
