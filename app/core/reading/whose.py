"""Which item of an utterance a choice said after another item is for.

"a medium burger and a large sprite" + ["no onions"], "a large sprite and a medium burger, no ice": the
choice trails an item that has no such thing, so the reader left it a kitchen note there ("no onion" on the
Sprite) while the burger kept its onions. The rule (issue #23, found by the session that broke the
reader): a negated or added choice (a note led by "no", "extra", "add", …) that is a choice of exactly one
other item said in the utterance, and of nothing the item it trails has (its choices, name or description),
is that item's choice; said of several, or where the trailing item may have it too, it is asked.
"""

from __future__ import annotations

from app.core.menu import Item, Menu
from app.core.reading.fit import Fit, fit_words
from app.core.reading.item import Reading, reading_of
from app.core.reading.memo import per_object
from app.core.reading.questions import candidate
from app.core.reading.spoken import FILLER, NEGATIONS
from app.core.reading.vocabulary import OPTION_LEADS, Words, choice_groups, item_names, words_of
from app.errors import CartError, ItemAmbiguous

_NAMED_BY = frozenset({"on", "for", "in"})  # "no onions on the burger": the item it is for, named after it


def note_said_for(
    menu: Menu, readings: list[Reading | CartError], n: int, note: str
) -> tuple[int, Words] | CartError | None:
    """Where ``note`` on ``readings[n]`` belongs: (the reading it is a choice of, the choice's words), the
    question when several items or the trailing one could have it, or None (it stays a note)."""
    words = words_of(note)
    if not words or (words[0] not in NEGATIONS and words[0] not in OPTION_LEADS):
        return None
    takers: list[tuple[int, Words]] = []
    for j, other in enumerate(readings):
        choice = _choice_of(menu, other.item, words) if j != n and isinstance(other, Reading) else None
        if choice is not None:
            takers.append((j, choice))
    if not takers:
        return None
    here = readings[n]
    if len(takers) == 1 and isinstance(here, Reading) and not _has(here.item, takers[0][1]):
        return takers[0]
    could = [*(readings[j] for j, _ in takers), *([here] if isinstance(here, Reading) else [])]
    items = [r.item for r in could if isinstance(r, Reading)]
    items = [i for k, i in enumerate(items) if i not in items[:k]]
    return ItemAmbiguous(
        f"which item is {note!r} for: " + " or ".join(i.name for i in items) + "?",
        query=note,
        candidates=[candidate(i) for i in items],
    )


def said_on_an_item(chunk: Words) -> tuple[Words, Words] | None:
    """ "no relish on the hot dog", "extra cheese for the burger": (the choices, the words after "on the" /
    "for the" / "in the" that may name an item said before), split at the last such words; None where the
    chunk has none, or they say how a choice comes ("on the side")."""
    for at in range(len(chunk) - 3, 0, -1):
        if chunk[at] in _NAMED_BY and chunk[at + 1] in ("the", "that") and chunk[at + 2 :] != ("side",):
            return chunk[:at], chunk[at + 2 :]
    return None


def _choice_of(menu: Menu, item: Item, words: Words) -> Words | None:
    """The words of ``words`` that are a choice of ``item`` taken or taken off (an option, or "no X" of a
    default), the rest naming ``item`` ("on the burger"); None when they are no such choice of it."""
    at = next((i for i, w in enumerate(words) if w in _NAMED_BY), len(words))
    choice, rest = words[:at], words[at + 1 :]
    named = {w for name in item_names(menu)[id(item)] for w in name}
    if not choice or (rest and not set(rest) - FILLER <= named):
        return None
    fit = fit_words(item, choice, None)
    if fit is None or fit.unknown:
        return None
    read = reading_of(fit, "")
    return choice if not read.notes and (read.options or read.removals) else None


def _has(item: Item, choice: Words) -> bool:
    """Might ``item`` have what ``choice`` takes off or adds: its own words (name, description) say it?"""
    said = set(choice) - NEGATIONS - OPTION_LEADS - FILLER
    own = {w for text in (item.name, item.description) for w in words_of(text)}
    return bool(said) and said <= own


def a_word_of_its_choices(item: Item, chunk: Words, top: Fit | None) -> bool:
    """ "curry udon, extra noodles and an egg": words naming no item, each a word of two or more of ``item``'s
    options (its Fried Egg and Boiled Egg), said right after it, are said of it — which one is asked there, never
    another item read from them alone (a Green Salad whose Boiled Egg is called "egg"; blind8 curry-house)."""
    if top is None or top.named or top.unknown or not top.options:
        return False
    content = [w for w in chunk if w not in FILLER and w not in ("a", "an", "the")]
    held = _option_words(item)
    return bool(content) and all(held.get(w, 0) >= 2 for w in content)


@per_object
def _option_words(item: Item) -> dict[str, int]:
    """Each word of ``item``'s options' names → how many of its options' names hold it."""
    count: dict[str, int] = {}
    for option in {o.id: o for g in choice_groups(item) for o in g.options}.values():
        for w in set(words_of(option.name)):
            count[w] = count.get(w, 0) + 1
    return count
