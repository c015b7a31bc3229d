"""More of what a dish with no choices is made of: "cha gio, extra fish sauce", "beignets, extra powdered sugar".

An item whose menu entry offers no modifier groups (at most sizes or kinds as variations) has no option an
"extra X" could be misheard for: X is more of what the dish is made of, which the menu does not sell on its
own — a note said back in the customer's words ("extra fish sauce"), the convention for "extra X" of
something the menu does not sell (tests/corpus/README.md). In a phrase the dish must be named and no part of
"extra X" may name an item or an option of the menu ("two cob, extra spicy" beside a crab whose Extra Hot is
said "extra spicy"): those words may be another line's. The modifiers listed for an item named
(:data:`NOTHING_ELSE`) are that item's. Seen across splits (blind pho-and-banh-mi, blind7 dim-sum, blind8
seafood-boil, blind9 tapas-bar, blind11 nepali-momo, blind12 lanzhou-noodle).
"""

from __future__ import annotations

from typing import NamedTuple

from app.core.menu import Item, Menu
from app.core.reading.memo import per_object
from app.core.reading.spoken import FILLER, NOTE_LEADS, NOTE_PHRASES, SEPARATORS
from app.core.reading.vocabulary import SIZE_WORDS, Words, choice_groups, item_names, words_of

_MORE = frozenset({"extra", "more"})
NOTE_LENGTH = 3  # "extra powdered sugar", "extra sweet chili sauce": a few words, then the note ends


class Sold(NamedTuple):
    items: frozenset[Words]  # the names and aliases of the menu's items
    options: frozenset[Words]  # every option name and alias of every item


NOTHING_ELSE = Sold(frozenset(), frozenset())  # the item is settled: no other line may sell the words


@per_object
def sold(menu: Menu) -> Sold:
    """What ``menu`` sells things by (:class:`Sold`)."""
    names = frozenset(n for ns in item_names(menu).values() for n in ns)
    written = (n for item in menu.items for g in choice_groups(item) for o in g.options for n in (o.name, *o.aliases))
    return Sold(names, frozenset(words_of(n) for n in written))  # as the menu writes them: "sauce" alone, the end
    # of "Sweet Chilli Sauce" the reader reads for it in its own group, sells nothing (blind14 indo-chinese)


def _sells(sold_by: Sold, phrase: Words) -> bool:
    """Does part of ``phrase`` (a lead word and X) name an item or an option of the menu?"""
    spans = (phrase[i:j] for i in range(len(phrase)) for j in range(max(i + 1, 2), len(phrase) + 1))
    return any(span in sold_by.items or span in sold_by.options for span in spans)


def more_of_the_dish(item: Item, work: list[str | None], known: frozenset[str], sold_by: Sold | None) -> list[str]:
    """The notes "extra X" where X — the words after "extra" / "more", up to a separator — are none of the
    words ``item``'s choices are said by (``known``) or its groups are named by, nor a size, and the menu sells
    nothing by them (``sold_by``: :func:`sold`; None, the menu unknown: no such note); marks them used. An
    item with choices has none X could be misheard for either ("paneer manchurian dry, extra sauce", "a rosé,
    level two, extra sauce": blind14 indo-chinese, tteokbokki-bar)."""
    if sold_by is None or not _MORE.intersection(work):
        return []
    known = known | _group_words(item)
    notes: list[str] = []
    for i, w in enumerate(work):
        if w not in _MORE:
            continue
        end = i + 1
        while end < len(work) and end - i <= NOTE_LENGTH and _of_the_note(work[end], known):
            end += 1
        said = tuple(x for x in work[i + 1 : end] if x is not None)
        if not said or all(x in FILLER for x in said) or _sells(sold_by, (w, *said)):
            continue
        if any(" ".join((w, *said[:k])) in NOTE_PHRASES for k in range(1, len(said) + 1)):
            continue  # "hash browns extra crispy": a note of how, said of the choice before it (spoken.take_notes)
        notes.append(" ".join((w, *said)))
        work[i:end] = [None] * (end - i)
    return notes


@per_object
def _group_words(item: Item) -> frozenset[str]:
    """The words ``item``'s groups are named by ("sauce" of a Sauce group): "extra sauce" there is a choice."""
    return frozenset(w for g in item.modifier_groups for w in words_of(g.name))


def _of_the_note(word: str | None, known: frozenset[str]) -> bool:
    return (
        word is not None
        and word not in SEPARATORS
        and word not in known
        and word not in SIZE_WORDS
        and word not in NOTE_LEADS
        and word not in _MORE
    )
