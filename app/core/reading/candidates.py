"""Which items could read some words well: the reader scores only those (issue #25).

:func:`app.core.reading.fit.fit_words` explains a word of a piece for one item in a few ways only: a word of
one of the item's names (:func:`~app.core.reading.vocabulary.item_names`) or option phrases
(:func:`~app.core.reading.vocabulary.option_phrases`, option names included), filler, a kitchen note
(:func:`~app.core.reading.spoken.take_notes`), "side" before "of", a lead word ("add", "extra", "more",
"double") before an option, a count (a digit, "triple") before an option chosen more than once, a group's name
("rye toast"), "half" ("half sausage half onions"), "instead of", a few words after "extra" / "more" of an
item with no modifier groups (:mod:`~app.core.reading.more_of_the_dish`), "plain" / "nothing" / "everything" (else
off) / "only" about what comes with the item, "black" of a coffee, "one of each" of choices, or a negation
glued to an option word ("untoasted"). So, where no note and no glued negation can be
said, a word that is none of these for an item stays unexplained whatever the reading:
:func:`unexplained_at_least` counts those words per item, a lower bound on that item's ``len(unknown)`` (the
first part of its ranking key) in every reading of the words. The reader then scores only the items whose
bound is low enough to matter (:func:`app.core.reading.fit.best_fits`).

A new way for ``fit_words`` to explain a word must be added here too
(tests/core/reading/test_pruned.py compares the pruned reader with the full scan on every corpus).
"""

from __future__ import annotations

from typing import NamedTuple

from app.core.menu import Menu
from app.core.reading.memo import per_object
from app.core.reading.more_of_the_dish import NOTE_LENGTH
from app.core.reading.spoken import _NEGATIVE_PREFIXES, FILLER, MULTIPLIERS, may_hold_notes
from app.core.reading.vocabulary import Words, choice_groups, item_names, option_phrases, served_black, words_of

# words an item may explain without having them: "side" (of), lead words of an option ("extra cheese")
NEVER_COUNTED = frozenset(
    {"side", "add", "extra", "more", "double", "half", "instead", "of", "plain", "nothing", "everything", "only"}
    | {"else", "off", "each", "just"}  # "everything else off", "one of each", "just ketchup" (comes_with.only)
    | {"sub", "for"}  # "sub agave for honey" (comes_with._subbed)
)
# what a choice chosen more than once is counted in ("two pumps of vanilla", "two orders of extra beef"):
# explained, as a count is, by an item with such a choice
CHOICE_UNITS = frozenset({"pump", "shot", "scoop", "packet", "splash", "squirt", "order", "portion", "serving"})
_UNBOUNDED = FILLER | NEVER_COUNTED
_NOBODY: frozenset[int] = frozenset()


class WordIndex(NamedTuple):
    users: dict[str, frozenset[int]]  # word → positions (in menu.items) of the items whose names or options use it
    repeatable: frozenset[int]  # items with an option chosen more than once: a count before it is explained
    option_words: frozenset[str]  # every option word of the menu: what a glued negation may negate
    plain: frozenset[int]  # items with no modifier groups: a few words after "extra" may be their note


@per_object
def word_index(menu: Menu) -> WordIndex:
    """The menu's words and the items that use them (see :class:`WordIndex`)."""
    users: dict[str, set[int]] = {}
    repeatable: set[int] = set()
    option_words: set[str] = set()
    plain = frozenset(at for at, item in enumerate(menu.items) if not item.modifier_groups)
    for at, item in enumerate(menu.items):
        phrases = [p for p, _ in option_phrases(item)]
        option_words.update(w for p in phrases for w in p)
        groups = [words_of(g.name) for g in choice_groups(item)]  # "rye toast", "instead of the potatoes"
        for words in (*item_names(menu)[id(item)], *phrases, *groups):
            for word in words:
                users.setdefault(word, set()).add(at)
        if served_black(item) is not None:  # "a coffee, black"
            users.setdefault("black", set()).add(at)
        if any(o.max_quantity > 1 for g in choice_groups(item) for o in g.options):
            repeatable.add(at)
    users_ = {w: frozenset(at) for w, at in users.items()}
    return WordIndex(users_, frozenset(repeatable), frozenset(option_words), plain)


def bounded(index: WordIndex, words: Words) -> bool:
    """No note and no glued negation ("untoasted": "not toasted", a note) can be said in ``words``: only
    then does an item leave unexplained every word it cannot explain (see the module docstring)."""
    if may_hold_notes(words):
        return False
    option_words = index.option_words
    for w in words:  # a loop, not any() over a generator: asked of every phrase the fast path reads
        if w.startswith(_NEGATIVE_PREFIXES) and any(w[len(p) :] in option_words for p in _NEGATIVE_PREFIXES):
            return False
    return True


def explainers(index: WordIndex, word: str) -> frozenset[int] | None:
    """The positions of the items that might explain ``word``; None for a word any item might explain
    (filler, "side", a lead word)."""
    if word in _UNBOUNDED:
        return None
    found = index.users.get(word, _NOBODY)
    return found | index.repeatable if word.isdigit() or word in MULTIPLIERS or word in CHOICE_UNITS else found


def explaining_all(index: WordIndex, words: Words) -> frozenset[int] | None:
    """The items that might explain every word of ``words`` (:func:`explainers` of each word, intersected);
    None when no word narrows them (all might). :func:`explainers` inlined: the fast path
    (:mod:`app.core.reading.quick`) asks this of every phrase it reads."""
    users, repeatable = index.users, index.repeatable
    found = None
    for word in words:
        if word in _UNBOUNDED:
            continue
        some = users.get(word, _NOBODY)
        if word.isdigit() or word in MULTIPLIERS or word in CHOICE_UNITS:
            some = some | repeatable
        found = some if found is None else found & some
    return found


def unexplained_at_least(menu: Menu, words: Words) -> list[int] | None:
    """Per item of ``menu`` (by position), how many of ``words`` it leaves unexplained at least, however
    it reads them; None when a note or a glued negation might explain any word (no bound then)."""
    index = word_index(menu)
    if not bounded(index, words):
        return None
    counted = 0
    explained = [0] * len(menu.items)
    more = -NOTE_LENGTH  # where the last "extra" / "more" was said
    for at, word in enumerate(words):
        if word in ("extra", "more"):
            more = at
        found = explainers(index, word)
        if found is None:
            continue
        if at - more <= NOTE_LENGTH:  # "cha gio, extra fish sauce": a dish with no choices may note them
            found = found | index.plain
        counted += 1
        for at in found:
            explained[at] += 1
    return [counted - n for n in explained]
