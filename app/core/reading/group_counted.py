"""A group announced with a count, then its answers: "two large sides, chips and macho peas".

The customer says how many of a group they take (its name, with a count the group has room for, and perhaps a
size word), then lists them. The announcement says nothing more than the list, so it is read as the list
itself: a size word said of the group goes on each answer where the group names it so ("large chips" is Large
Peri Chips), and a word for the regular size ("regular", "normal", "standard") is each answer's plain name
where the group has no "regular …" option. The count must match the answers listed, each of that group;
anything else stays as said, to be read (or asked about) by the other rules (issue #23, blind12 peri-peri).
"""

from __future__ import annotations

from app.core.menu import Item, Option
from app.core.reading.memo import per_object
from app.core.reading.spoken import SEPARATORS
from app.core.reading.vocabulary import SIZE_WORDS, Words, option_phrases, top_groups, words_of

_REGULAR = frozenset({"regular", "normal", "standard"})


@per_object
def _groups_said(item: Item) -> tuple[tuple[Words, int, tuple[tuple[Words, Option], ...]], ...]:
    """Each top group of ``item`` taking more than one answer: (its name's words, its max, its option
    phrases, longest first)."""
    phrases = option_phrases(item)
    return tuple(
        (
            words_of(g.name),
            g.max,
            tuple(sorted(((p, o) for p, o in phrases if o.group_id == g.id), key=lambda x: -len(x[0]))),
        )
        for g in top_groups(item)
        if g.max > 1 and words_of(g.name)
    )


def group_counted(item: Item, words: Words, named: Words | None = None) -> Words:
    """``words`` with "<count> [<size>] <group name>, <answer>, …" read as the answers alone (each with the size
    said where the group names it so); ``words`` unchanged where no such list is said, or where the
    announcement is the item's own name being read (``named``: "two meat: roast pork and steamed chicken", the
    Two-Meat Combo's alias "two meat", stays its name — blind13 chicken-rice)."""
    if not any(w.isdigit() for w in words):
        return words
    for name, most, phrases in _groups_said(item):
        for at in (i for i, w in enumerate(words) if w.isdigit() and 1 < int(w) <= most):
            size = words[at + 1] if at + 1 < len(words) and words[at + 1] in SIZE_WORDS else None
            start = at + 1 + (size is not None)
            if words[start : start + len(name)] != name or words[at : start + len(name)] == named:
                continue
            listed = _answers(phrases, words, start + len(name), int(words[at]), size)
            if listed is not None:
                said, end = listed
                return (*words[:at], *said, *words[end:])
    return words


def _answers(
    phrases: tuple[tuple[Words, Option], ...], words: Words, at: int, count: int, size: str | None
) -> tuple[Words, int] | None:
    """The ``count`` answers said from ``at`` on (separators between them), each as its phrase with ``size``;
    and where they end. None when fewer are said, or one needs a size the group does not name."""
    said: list[str] = []
    for _ in range(count):
        while at < len(words) and words[at] in SEPARATORS:
            at += 1
        found = next((p for p, _ in phrases if words[at : at + len(p)] == p), None)
        if found is None:
            return None
        sized = (size, *found) if size is not None else found
        if size is not None and not any(p == sized for p, _ in phrases):
            if size not in _REGULAR or any(p[0] == size for p, _ in phrases):
                return None  # "two large sides, rice": no Large Rice — left to be asked about
            sized = found  # "two regular sides, rice and corn": the plain ones
        said += [*(["and"] if said else []), *sized]
        at += len(found)
    return tuple(said), at
