"""Shorthand the menu defines in an item's description: "double double = 2 cream 2 sugar".

A menu writer who says in an item's description what a house word means ("Regular = 1 cream 1 sugar; four by
four = 4 cream 4 sugar") gives the reader that word's choices: said whole, it is those options, each as many
times as written. Only definitions whose every word after "=" is a count and then one of the item's own option
names (or aliases), each within that option's ``max_quantity``, are kept, and those that say it is nothing ("black =
nothing added": said of the item, it changes nothing); anything else ("mit alles = mit Salat und allen drei
Soßen") is left to the rules that read it. One shorthand per
line: a second one said stays unexplained, so it is asked about (issue #23, blind10 coffee-and-donuts).
"""

from __future__ import annotations

import re

from app.core.menu import Item, Option
from app.core.reading.memo import per_object
from app.core.reading.vocabulary import Words, choice_groups, find_phrase, words_of

# what a definition that adds nothing says after "="
_NOTHING = frozenset({("nothing",), ("nothing", "added"), ("none",), ("nothing", "in", "it")})

# where one definition ends: a semicolon, a line, or a full stop that is no decimal point
_CLAUSES = re.compile(r"[;\n]|\.(?!\d)")


@per_object
def described_shorthand(item: Item) -> tuple[tuple[Words, tuple[Option, ...]], ...]:
    """``item``'s description definitions, (the words said, the options they are) — longest words first;
    () where its description defines none."""
    out: list[tuple[Words, tuple[Option, ...]]] = []
    for clause in _CLAUSES.split(item.description or ""):
        said, equals, means = clause.partition("=")
        if not equals:
            continue
        words = words_of(said.strip().strip("\"'“”"))
        options = _counted_options(item, words_of(means))
        if words and options is not None and not all(w.isdigit() for w in words):  # "4 by 4", never a bare number
            out.append((words, options))
    return tuple(sorted(out, key=lambda p: -len(p[0])))


@per_object
def defined_words(item: Item) -> frozenset[Words]:
    """Every word ``item``'s description defines with "=", whatever it is said to be ("mit alles = …" too): words
    that say choices, never words of the dish itself (:func:`~.rivals.described_item`)."""
    parts = (clause.split("=")[0] for clause in _CLAUSES.split(item.description or "") if clause.count("=") == 1)
    return frozenset(words for part in parts if (words := words_of(part)))


def _counted_options(item: Item, words: Words) -> tuple[Option, ...] | None:
    """ "2 cream 2 sugar" → Cream, Cream, Sugar, Sugar: each a count, then an option's name or alias said
    whole (the longest); "nothing added" → (); None where any word is not so, or a count passes what the
    option allows."""
    if words in _NOTHING:
        return ()
    names = sorted(
        ((words_of(n), o) for g in choice_groups(item) for o in g.options for n in (o.name, *o.aliases)),
        key=lambda p: -len(p[0]),
    )
    out: list[Option] = []
    at = 0
    while at < len(words):
        if not words[at].isdigit():
            return None
        count = int(words[at])
        named = next(((n, o) for n, o in names if n and words[at + 1 : at + 1 + len(n)] == n), None)
        if named is None or not 0 < count <= max(named[1].max_quantity, 1):
            return None
        out += [named[1]] * count
        at += 1 + len(named[0])
    return tuple(out) or None


def take_shorthand(item: Item, work: list[str | None]) -> tuple[Words, tuple[Option, ...]] | None:
    """The one shorthand of ``item``'s description said whole in ``work`` (its words marked used): its words and
    its options; None where none is said. A second shorthand stays unexplained, so it is asked about."""
    for words, options in described_shorthand(item):
        at = find_phrase(work, words)
        if at >= 0:
            work[at : at + len(words)] = [None] * len(words)
            return words, options
    return None
