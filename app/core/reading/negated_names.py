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
