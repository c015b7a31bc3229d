"""The words to write: an item whose description offers writing takes a part said in words of its own as them.

A cake shop's menu says "Writing on top is free: tell us the words" or "tell us the message to pipe on top":
the customer then dictates them, often with no lead word ("…, two sparklers and Happy Birthday Grandma on
it"; "cookie cake" + ["16 inch", "Happy Graduation Sam"]). Words led in ("that says …", "write …") are taken
by :func:`~app.core.reading.spoken.take_notes` on any item; here, on an item whose description speaks of
writing (:func:`takes_writing`), the last part of a phrase (after a comma or "and"; or a part ending "on it" /
"on top") whose two or more content words are all unexplained, and none of them a head noun of the item's
choices or a word of a group's name ("fudge frosting" is a frosting, asked), is the message: a note said back
with the line, in quotes (:func:`~app.core.reading.spoken.quoted`). Anything else left unexplained is
asked about, as before (blind14 cake-shop).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from app.core.menu import Item
from app.core.reading.memo import per_object
from app.core.reading.spoken import FILLER, ON_IT, quoted
from app.core.reading.vocabulary import Words, choice_groups, option_phrases, words_of

if TYPE_CHECKING:  # the fit module asks takes_writing: no import of it at run time
    from app.core.reading.fit import Fit

# words a description offers writing with ("free writing", "tell us the message to pipe on top")
_OFFERS_WRITING = frozenset({"writing", "write", "written", "message", "inscription", "lettering", "personalized"})
_FEWEST_WORDS = 2  # one word left over ("fudge") is too little to be a message: asked


@per_object
def takes_writing(item: Item) -> bool:
    """Does ``item``'s description offer to write words on it?"""
    return not _OFFERS_WRITING.isdisjoint(words_of(item.description or ""))


@per_object
def _choice_words(item: Item) -> frozenset[str]:
    """The last word of each of ``item``'s option phrases and the words of its groups' names: a part
    holding one is about a choice, never a message."""
    heads = {p[-1] for p, _ in option_phrases(item) if p}
    return frozenset(heads | {w for g in choice_groups(item) for w in words_of(g.name)})


def _parts(words: Words) -> list[list[str]]:
    parts: list[list[str]] = [[]]
    for w in words:
        if w in ("and", ","):
            parts.append([])
        else:
            parts[-1].append(w)
    return [p for p in parts if p]


def words_to_write(fit: Fit, words: Words, listed: bool = False) -> Fit:
    """``fit`` with its unexplained words taken as the message to write, where they are one part of
    ``words`` said as one (see the module docstring); else ``fit`` as it is. ``listed``: ``words`` are the
    choices listed for an item already known (each modifier a part; any of them may be the message)."""
    if not fit.unknown or not (fit.named or listed) or not takes_writing(fit.item):
        return fit
    parts = _parts(words)
    lent = set(fit.name or ())  # "happy birthday jaden" beside "cake": "birthday" lent to a name said any order
    for k, part in enumerate(parts):
        said = part[:-2] if tuple(part[-2:]) in ON_IT else part
        if not said or (k != len(parts) - 1 and said is part) or (k == 0 and not listed):
            continue  # the message is said after the item, last or ending "on it"
        content = [w for w in said if w not in FILLER]
        left = list(fit.unknown)
        for w in content:
            if w in left:
                left.remove(w)
            elif w not in lent:
                break
        else:
            if left or len(fit.unknown) < _FEWEST_WORDS:  # every word left is in it, two at least
                continue
            if not _choice_words(fit.item).isdisjoint(content) or said[0] in ("a", "an") or said[0].isdigit():
                continue  # "fudge frosting": about a choice; "a brownie": another item — asked
            return replace(fit, notes=(*fit.notes, quoted(" ".join(said))), unknown=())
    return fit
