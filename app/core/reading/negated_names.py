"""Option names that negate a thing ("Not Spicy", "No Foam", "Sugar-Free Vanilla"), and the parts of them
that may stand for the whole.

The reader calls an option by a distinctive part of its name ("oat" for Oat Milk, :mod:`.vocabulary`). A part
of a negating name that keeps the thing negated but drops the negation says the opposite of the option:
"spicy" is never Not Spicy, "sugar" never Sugar-Free Vanilla. Such a part is no way to call it (issue #23, the
breaker's silently wrong lines: "orange chicken spicy" read as Not Spicy).
"""

from __future__ import annotations

from app.core.reading.spoken import NEGATIONS

Words = tuple[str, ...]

_FREE = "free"  # "sugar free", "gluten free": the word before it is the thing left out


def negated_words(name: Words) -> tuple[frozenset[str], frozenset[str]]:
    """(the words ``name`` negates, the words negating them): "not spicy" → ({"spicy"}, {"not"}), "sugar free
    vanilla" → ({"sugar"}, {"free"}); two empty sets for a name that negates nothing."""
    negated: set[str] = set()
    negators: set[str] = set()
    for i, word in enumerate(name):
        if word in NEGATIONS and i + 1 < len(name):
            negators.add(word)
            negated.update(name[i + 1 :])
        elif word == _FREE and i:
            negators.add(word)
            negated.add(name[i - 1])
    return frozenset(negated), frozenset(negators)


def drops_its_negation(name: Words, part: Words) -> bool:
    """Is ``part`` (words of the option name ``name``) the thing ``name`` negates without the negation ("spicy"
    of Not Spicy, "sugar" of Sugar-Free Vanilla), or the negation alone ("not")? Then it never calls the option."""
    negated, negators = negated_words(name)
    if not negators:
        return False
    said_negated = any(w in negated for w in part)
    said_negator = any(w in negators for w in part)
    return said_negated != said_negator


def one_thing_taken_off(phrases: tuple[tuple[Words, object], ...], words: Words) -> Words:
    """ "hold the onions and parsley" where Onions & Parsley is one option (``phrases``: the item's option phrases,
    longest first): a negation said of an option phrase that holds "and" takes off that one thing, said by its
    longest phrase without "and" ("hold the onion parsley", "hold the onion") — a note read whole, never cut at
    its "and" with "parsley" left over as if added (blind13 manakish-bakery). Kept as said where the option has
    no such phrase."""
    if not any(w in NEGATIONS for w in words):
        return words
    out = list(words)
    for at in range(len(words) - 1, -1, -1):
        if out[at] not in NEGATIONS:
            continue
        start = at + 1 + (out[at + 1 : at + 2] in (["the"], ["any"]))
        joined = next(((p, o) for p, o in phrases if "and" in p and tuple(out[start : start + len(p)]) == p), None)
        alone = next((p for p, o in phrases if joined and o is joined[1] and "and" not in p), None)
        if joined is not None and alone is not None:
            out[start : start + len(joined[0])] = alone
    return tuple(out)
