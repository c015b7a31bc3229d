"""A clean phrase read without scoring the menu: "two large fries with cheese sauce" (issue #25).

Most adds say one item: a count, its name, and choices of it ("with cheese sauce"). The full reader
scores every item on every reading of such a phrase to find what is plain from the words:
:func:`quick_reading` finds the one item that explains every word, checks with the word index
(:mod:`.candidates`) that every other item leaves a word unexplained in every reading, and answers
what :func:`app.core.reading.item.read_item` would — or None, and the full reader runs. It answers
only under conditions where the full reader provably gives that answer:

* one piece: no separator ("and", ","), no correction marker, no "side" (of) and no lead word
  ("extra", "add", "more", "double"), no note and no glued negation (no bound without them);
* in the first reading of the count (:func:`~app.core.reading.counts.with_quantity`), exactly one item
  can explain every word; every other item leaves one unexplained, so its key is worse (the key
  starts with the count unexplained) and it is neither a rival nor a closer reading; the other
  readings of the count lose (:func:`_loses`);
* that item's names said whole give it one "name" reading, and no other item's name said is longer
  (no "longer name said" question);
* the other words are its option phrases, each filling a run of words between the name and filler
  words exactly once, no phrase reaching into the name or across filler: so the longest-first taking
  of options (``_take_options``) takes exactly those, whether options or the name are taken first;
  each option once, one per one-choice group, none chosen more than once and none whose name's last
  word follows it ("skinny milk"); no option phrase lies inside the name said, so an alias never
  answers a choice ("sweet tea": Sweet) and the name reads the same taken before or after options;
  no phrase is a part of an option's name the menu tells apart from it ("penne": Gluten-Free Penne).

tests/core/reading/test_pruned.py compares it with the full reader on every corpus and generated read.
"""

from __future__ import annotations

from app.core.menu import Item, Menu, Option
from app.core.reading.candidates import NEVER_COUNTED, WordIndex, bounded, explaining_all, word_index
from app.core.reading.corrections import MARKERS, strip_marker
from app.core.reading.counts import with_quantity
from app.core.reading.fit import Fit
from app.core.reading.item import Reading, line_reading
from app.core.reading.memo import per_object
from app.core.reading.spoken import FILLER, SEPARATORS
from app.core.reading.vocabulary import (
    Words,
    choice_groups,
    item_names,
    option_phrases,
    said_words,
    told_apart,
    words_of,
)
from app.errors import CartError

# a name by its first word: (the name, the position of its item in menu.items, its place in item_names)
_Named = tuple[Words, int, int]
_MARKER_STARTS = frozenset({"no", "nope", *(m[0] for m in MARKERS)})  # strip_marker looks no further


@per_object
def _names_by_first_word(menu: Menu) -> dict[str, tuple[_Named, ...]]:
    """Every name of every item (:func:`~app.core.reading.vocabulary.item_names`) under its first word."""
    found: dict[str, list[_Named]] = {}
    for at, item in enumerate(menu.items):
        for place, name in enumerate(item_names(menu)[id(item)]):
            found.setdefault(name[0], []).append((name, at, place))
    return {word: tuple(names) for word, names in found.items()}


@per_object
def _choice_facts(item: Item) -> tuple[dict[str, tuple[tuple[Words, Option, str], ...]], frozenset[str]]:
    """``item``'s option phrases under their first word (with the last word of the option's name), and
    the ids of its one-choice groups."""
    found: dict[str, list[tuple[Words, Option, str]]] = {}
    for phrase, option in option_phrases(item):
        head = words_of(option.name)[-1:]
        found.setdefault(phrase[0], []).append((phrase, option, head[0] if head else ""))
    one_choice = frozenset(g.id for g in choice_groups(item) if g.max == 1)
    return {word: tuple(phrases) for word, phrases in found.items()}, one_choice


@per_object
def _said_from(menu: Menu) -> dict[str, frozenset[Words]]:
    """Every item name and option phrase of the menu under its first word."""
    found: dict[str, set[Words]] = {}
    for item in menu.items:
        for phrase in (*item_names(menu)[id(item)], *(p for p, _ in option_phrases(item))):
            found.setdefault(phrase[0], set()).add(phrase)
    return {word: frozenset(phrases) for word, phrases in found.items()}


def _loses(menu: Menu, index: WordIndex, other: Words, rest: Words) -> bool:
    """Does every item read ``other`` (a reading of the count other than the first, which reads ``rest``)
    worse than the first reading's answer? Either no item explains every word of it, or it is ``rest``
    after an article ("a large fry" read with no count) that starts no name or option phrase: then
    every item reads both alike, and the count said wins the tie (:func:`~app.core.reading.item.read_item`)."""
    explaining = explaining_all(index, other)
    if explaining is not None and not explaining:
        return True
    article = other[:1]
    if article not in (("a",), ("an",)) or other[1:] != rest:
        return False
    return not any(other[: len(p)] == p for p in _said_from(menu).get(article[0], ()))


def _runs(words: Words, start: int, stop: int) -> list[int | None]:
    """Per word, where the run of words it is in ends: runs are the words outside the name (``start`` to
    ``stop``) between filler words; None for the name's words and filler."""
    ends: list[int | None] = [None] * len(words)
    end = None
    for i in range(len(words) - 1, -1, -1):
        if start <= i < stop or words[i] in FILLER:
            end = None
            continue
        end = i + 1 if end is None else end
        ends[i] = end
    return ends


def _options_said(
    item: Item, words: Words, start: int, name: Words, apart: frozenset[tuple[Words, Words]]
) -> list[Option] | None:
    """The options the words around the name said at ``start`` choose, in the order said, when each run
    of them is exactly one option phrase (see the module docstring) that the menu does not tell apart from
    that option (:func:`~app.core.reading.vocabulary.told_apart`); else None."""
    ends = _runs(words, start, start + len(name))
    phrases, one_choice = _choice_facts(item)
    options: list[Option] = []
    groups: set[str] = set()
    for i, word in enumerate(words):
        run_end = ends[i]
        whole = run_end is not None and (i == 0 or ends[i - 1] != run_end)  # the first word of a run
        said_here = phrases.get(word)
        if said_here is None and not whole:
            continue  # no option phrase starts here, and no run does
        found = None
        for phrase, option, head in said_here or ():
            end = i + len(phrase)
            if len(phrase) > 1 and words[i:end] != phrase:  # a one-word phrase is its first word: said
                continue
            if run_end is None or end > run_end:
                return None  # in or across the name or filler: the order of taking could matter
            if whole and end == run_end:
                if found is not None or (end < len(words) and words[end] == head and head not in phrase):
                    return None  # two options for one run, or "skinny milk" (the next word taken too)
                if (phrase, words_of(option.name)) in apart:
                    return None  # "penne" is no Gluten-Free Penne where the menu tells them apart
                found = option
        if whole:
            if found is None or found in options or found.max_quantity > 1 or found.group_id in groups:
                return None  # words no option fills exactly, or a choice said twice or counted
            options.append(found)
            if found.group_id in one_choice:
                groups.add(found.group_id)
    return options


def _name_said(menu: Menu, words: Words, at: int) -> tuple[Words, int] | None:
    """The one name item ``at`` is read by ("name" said whole) and where, when no other item's name said
    is longer; else None."""
    by_first = _names_by_first_word(menu)
    mine: dict[int, tuple[Words, int]] = {}
    longest_other = 0
    for i, word in enumerate(words):
        for name, item_at, place in by_first.get(word, ()):
            if len(name) > 1 and words[i : i + len(name)] != name:  # a one-word name is its first word: said
                continue
            if item_at != at:
                longest_other = max(longest_other, len(name))
            elif place not in mine:
                mine[place] = (name, i)
    if not mine:
        return None
    names = [mine[place] for place in sorted(mine)]  # item_names order, as item_fits tries them
    if len(names) > 1 and len(names[0][0]) < 2:
        return None  # several short names said: each is a reading, the scoring decides
    name, start = names[0]
    return None if longest_other > len(name) else (name, start)


def quick_reading(menu: Menu, text: str) -> Reading | None:
    """What :func:`app.core.reading.order.read_order` reads ``text`` (no modifiers, no item id) as,
    when it is one item with its choices said plainly (module docstring); None otherwise."""
    words = said_words(menu, text)
    if not words or not SEPARATORS.isdisjoint(words) or not NEVER_COUNTED.isdisjoint(words):
        return None
    index = word_index(menu)
    if (words[0] in _MARKER_STARTS and strip_marker(words)[1]) or not bounded(index, words):
        return None
    (quantity, rest), *others = with_quantity(words)
    alone = explaining_all(index, rest)
    if alone is None or len(alone) != 1 or not all(_loses(menu, index, other, rest) for _, other in others):
        return None  # another item could read as well (or better, with another count)
    (at,) = alone
    item = menu.items[at]
    said = _name_said(menu, rest, at)
    if said is None:
        return None
    name, start = said
    options = _options_said(item, rest, start, name, told_apart(menu))
    if options is None:
        return None
    try:
        return line_reading(Fit((), item, quantity, tuple(options)), text.strip())
    except CartError:
        return None
