"""Whole spoken orders → cart lines, with every word accounted for.

:func:`app.core.reading.order.read_order` (``"a cheeseburger medium with cheddar and fries and a coke"``) answers one
:class:`Reading` per item said — item, quantity, options, kitchen notes — or, for a part it
cannot place, the question to ask (a :class:`~app.errors.CartError`: ``item_ambiguous``,
``item_not_found``, ``words_not_understood``). Nothing said is dropped: a word is a quantity, part
of an item's name, one of its options, a note the kitchen gets and the customer hears back, a
filler word ("with", "please"), or it is asked about.

How a phrase is read:

1. :func:`app.core.reading.spoken.normalize` makes menu names and the phrase comparable (numbers, units,
   dates, money; see :mod:`app.core.reading.spoken`); each menu name also gets lexicon variants ("coke" for
   Coca-Cola) and its distinctive sub-phrases ("fries" for "Belgian Fresh Homemade Fries").
2. The phrase is cut at "and" / "," / "plus" — but never inside a menu name ("chips and guac",
   "sweet and sour") — and a piece that is only choices of the item before it ("… with fries
   and a coke" on a combo) stays with that item.
3. Every item is scored on the whole piece: its name said (contiguous, in any order, or the head
   noun it shares with others), then its options (longest first: "waffle cone" before "cone"),
   then notes. The best reading has the fewest unexplained words, then a name said, then the
   fewest required choices still open, then the most words explained. Equal best readings of
   different items are a question ("the can or the 2 liter?").
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from app.core.menu import Item, Menu, ModifierGroup, Option, Variation
from app.core.reading.all_of_one import all_of_one
from app.core.reading.candidates import unexplained_at_least
from app.core.reading.fuzzy import AMBIGUOUS_GAP, FUZZY_ACCEPT, SUGGEST_SCORE, rank_items, strict_score
from app.core.reading.memo import per_object
from app.core.reading.notes import HOW_SERVED, sort_notes
from app.core.reading.questions import ask_about_words, candidate, group_for
from app.core.reading.spoken import (
    FILLER,
    MULTIPLIERS,
    NEGATIONS,
    SEPARATORS,
    UNIT_WORDS,
    spoken_count,
    take_notes,
    unprefixed,
)
from app.core.reading.vocabulary import (
    OPTION_LEADS,
    SIZE_WORDS,
    VARIATION_GROUP,
    Words,
    choice_groups,
    find_phrase,
    head_nouns,
    item_names,
    menu_words,
    option_phrases,
    served_black,
    told_apart,
    top_groups,
    words_of,
)
from app.errors import ItemAmbiguous, ItemNotFound, ModifierInvalid, QuantityInvalid


@dataclass(frozen=True)
class Reading:
    """One item as said: what goes on the cart line."""

    item: Item
    quantity: int | None = None
    options: tuple[Option, ...] = ()  # top-level and nested options, parents before their children
    notes: tuple[str, ...] = ()
    said: str = ""
    variation: Variation | None = None
    removals: tuple[str, ...] = ()  # "no ketchup" for a default option: taken off, not a note

    def choice_texts(self) -> tuple[str, ...]:
        """What :func:`app.core.reading.modifiers.resolve_choices` takes: option ids, then the removals."""
        return (*(o.id for o in self.options), *self.removals)


@dataclass(order=True)
class _Fit:
    """How well some words read as one item (lower ``key`` is better)."""

    key: tuple[int, ...]
    item: Item = field(compare=False)
    quantity: int | None = field(compare=False, default=None)
    options: tuple[Option, ...] = field(compare=False, default=())
    notes: tuple[str, ...] = field(compare=False, default=())
    unknown: tuple[str, ...] = field(compare=False, default=())
    named: bool = field(compare=False, default=False)
    name: Words | None = field(compare=False, default=None)
    option_spans: tuple[Words, ...] = field(compare=False, default=())
    unknown_first: bool = field(compare=False, default=False)  # an unknown word before the name ("shrimp taco")


# --- reading words as one item ------------------------------------------------------------------------


@per_object
def _negations_first(item: Item) -> tuple[tuple[Words, Option], ...]:
    return tuple(sorted(option_phrases(item), key=lambda p: p[0][0] not in NEGATIONS))  # "no onions" first


def _take_options(item: Item, words: list[str | None]) -> tuple[list[Option], list[Words]]:
    """Options said among ``words`` (marked used in place), longest phrase first.

    An option said again is chosen again while its ``max_quantity`` allows ("extra shot, extra shot"),
    and beyond it left unexplained (asked about, never dropped); a once-only option said again is a
    restatement ("large fries" + ["large"] is one Large).
    """
    found: list[tuple[int, Option]] = []
    spans: list[Words] = []
    counts: dict[str, int] = {}
    groups = {g.id: g for g in choice_groups(item)}
    present = set(words)
    own = {words_of(n) for n in (item.name, *item.aliases)}
    for phrase, option in _negations_first(item):
        if not present.issuperset(phrase):
            continue
        while (at := find_phrase(words, phrase)) >= 0:
            if any(w in NEGATIONS for w in words[max(0, at - 2) : at]):
                break  # "no sour cream" is a note, never the Sour Cream option
            if tuple(words[max(0, at - 2) : at]) == ("cut", "in"):
                break  # "cut in half" is how to cut it, never the Half size
            times = sum(1 for _, o in found if o is option)
            group = groups.get(option.group_id)
            full = group is not None and group.max == 1 and counts.get(group.id, 0) >= 1
            if full and not times:
                break  # "large" after "waffle cone" filled the holder: the word stays to be asked about
            if times and times >= option.max_quantity > 1:
                break  # a third "extra shot" of two allowed: left unexplained, so it is asked about
            end = at + len(phrase)
            head = words_of(option.name)[-1:]
            if end < len(words) and head and words[end] == head[0] and head[0] not in phrase:
                end += 1  # "skinny milk": the alias, then the head noun of the option's name
            named = _group_words(group)
            named = () if named in own else named  # "a decaf coffee" where the item is Coffee: the item again
            if named and tuple(words[end : end + len(named)]) == named:
                end += len(named)  # "wheat toast", "ranch dressing": the option, then its group's name
            elif named and at >= len(named) and tuple(words[at - len(named) : at]) == named:
                at -= len(named)  # "eggs poached": the group's name, then the option
            elif len(named) > 1 and end < len(words) and words[end] == named[-1] and named[-1] not in phrase:
                end += 1  # "3 bbq sauces" where the group is Dipping Sauces: the option, then what it is
            lead = _measured_count(words, at, end)
            count = words[at - 1] if at and option.max_quantity > 1 else None
            many = (spoken_count(count) or 1) if isinstance(count, str) and count not in ("a", "an") else 1
            if count is not None and not count.isdigit() and count not in MULTIPLIERS:
                many = 1  # "2 extra shots", "double bacon"; other words before an option are no count
            if lead is not None:
                many, at, end = lead  # "three pumps of vanilla", "vanilla x4", "one pump"
            if times + many > max(option.max_quantity, 1) and (many > 1 or times):
                break  # more than allowed: the words stay unexplained, so they are asked about
            several = option.max_quantity > 1 or (group is not None and group.max > 1)
            if lead is None and at and (many > 1 or (words[at - 1] == "1" and several)):
                words[at - 1] = None  # "2 extra shots"; "one mango, one green tea": each once
            words[at:end] = [None] * (end - at)
            if times and option.max_quantity <= 1:
                continue  # a once-only option said again: a restatement ("large fries" + ["large"])
            found += [(at, option)] * many
            spans.append(phrase)
            counts[option.group_id] = counts.get(option.group_id, 0) + many
    return [o for _, o in sorted(found, key=lambda f: f[0])], spans


# what a repeatable choice is counted in: "two pumps of vanilla", "an extra shot", "three scoops"
_CHOICE_UNITS = frozenset({"pump", "shot", "scoop", "packet", "splash", "squirt"})


def _measured_count(words: list[str | None], at: int, end: int) -> tuple[int, int, int] | None:
    """A count said with a choice in its units: "three pumps (of) sugar free vanilla", "one pump", "vanilla
    x4" → (how many, where the words start, where they end); None when no such count is said."""
    after = words[end] if end < len(words) else None
    if isinstance(after, str) and after[:1] == "x" and after[1:].isdigit():
        return int(after[1:]), at, end + 1
    i = at - 1
    if i >= 1 and words[i] == "of":
        i -= 1
    if i >= 1 and words[i] in _CHOICE_UNITS:
        count = words[i - 1]
        if isinstance(count, str) and (count.isdigit() or count in MULTIPLIERS):
            return spoken_count(count) or 1, i - 1, end
    return None


def _group_words(group: ModifierGroup | None) -> Words:
    """A group's name as said around its option ("rye toast", "eggs scrambled"); never a size's "Size"."""
    if group is None or group.id == VARIATION_GROUP:
        return ()
    named = words_of(group.name)
    return () if any(w in OPTION_LEADS or w in FILLER for w in named) else named  # "Extras" is no thing said


def _take_name(words: list[str | None], name: Words, ordered: bool) -> int:
    """Mark ``name`` used among ``words``; where it starts, or -1 when it is not there."""
    if ordered:
        at = find_phrase(words, name)
        if at >= 0:
            words[at : at + len(name)] = [None] * len(name)
        return at
    spots: list[int] = []
    for w in name:
        at = next((i for i, x in enumerate(words) if x == w and i not in spots), -1)
        if at < 0:
            return -1
        spots.append(at)
    for at in spots:
        words[at] = None
    return min(spots)


def _missing(item: Item, options: list[Option]) -> list[ModifierGroup]:
    """Required groups still unanswered (defaults answer their group)."""
    said = [o.group_id for o in options]
    return [g for g in top_groups(item) if g.min > said.count(g.id) + sum(1 for o in g.options if o.default)]


NAME_RANKS = {"name": 0, "any order": 1, "shared head": 2, None: 3}


def fit_words(
    item: Item, words: Words, name: Words | None, how: str | None = None, options_first: bool = False
) -> _Fit | None:
    """``words`` read as ``item`` named by ``name`` (said ``how``: see :data:`NAME_RANKS`), or None."""
    words, halves = _halves(item, _instead_of(item, _everything_but(item, _negations_apart(item, words))))
    work: list[str | None] = list(words)
    at = -1
    if options_first:
        options, spans = _take_options(item, work)
    if name is not None:
        at = _take_name(work, name, how != "any order")
        if at < 0:
            return None
    if not options_first:
        options, spans = _take_options(item, work)
    if name is not None and name != words_of(item.name):  # "sweet tea", "hot wings", "a vanilla cone": an
        # alias that also answers a required choice (the menu's own name never does: "Spicy Chicken Sandwich",
        # nor an alias saying a word of that name: "spicy chicken" is the item, its heat is still to be asked)
        own = words_of(item.name)
        for group in _missing(item, options):
            said = next(
                (
                    o
                    for p, o in option_phrases(item)
                    if o.group_id == group.id and _inside(p, name) and not _inside(p, own)
                ),
                None,
            )
            if said is not None:
                options.append(said)
    more_of = [
        *_more_of_what_is_on(item, words, work, options),
        *_plain(item, words, work),
        *_everything(item, work, options),
        *_only(item, words, work, options),
    ]
    more_of += _black(item, work)
    _one_of_each(work, options)
    options += all_of_one(item, name, options)  # "two scoops of chocolate": both chocolate
    for i, w in enumerate(work[:-1]):
        if w in ("add", "extra", "more") and work[i + 1] is None:
            work[i] = None  # "extra pepperoni" when the menu only has Pepperoni: the option is what was asked
    known = frozenset(w for p, _ in option_phrases(item) for w in p)
    pieces = [w if w is not None else "and" for w in work]  # a used word still separates what is around it
    pieces = [w for i, w in enumerate(pieces) if not (w == "side" and pieces[i + 1 : i + 2] == ["of"])]
    notes, rest = take_notes(pieces, known)
    notes = [*halves, *more_of, *(_about_what(item, words, _said_with(item, words, n)) for n in notes)]
    unknown = tuple(w for w in rest if w not in FILLER)
    before = name is not None and any(w not in FILLER and w not in (None, "and") for w in words[:at] if w in unknown)
    covered = sum(1 for w in work if w is None)
    # fewest words unexplained, then a name said (whole before scattered), then the longest name said: an alias
    # that holds another item's name plus one of its options ("double cheese burger") is that alias
    named_words = -(len(name) if name is not None and how == "name" else 0)
    key: tuple[int, ...] = (len(unknown), NAME_RANKS[how if name is not None else None], named_words)
    key = (*key, len(_missing(item, options)), -covered, -(len(name) if name else 0))
    fit = _Fit(key, item, None, tuple(options), tuple(notes), unknown, name is not None, name, tuple(spans))
    fit.unknown_first = before
    return fit


def _only(item: Item, words: Words, work: list[str | None], options: list[Option]) -> list[str]:
    """ "a hot dog, just mustard and ketchup", "mustard, onions and relish only": only those of what comes
    with it — the other defaults of their groups are taken off ("no …"). Only where "just"/"only" comes
    right before a choice said, or "only" ends the words after the choices said. Marks "only" used."""
    at = next((i for i, w in enumerate(words) if w in ("just", "only")), None)
    if at is None or not options:
        return []
    after = words[at + 1 :]
    said = [o for o in options if any(after[: len(p)] == p for p, x in option_phrases(item) if x is o)]
    span: list[str | None]
    if said:
        span = list(after)
    elif words[at] == "only" and all(w in FILLER for w in after):  # "… relish only": what was said before it
        span = list(words[:at])
    else:
        return []
    named = [o for o in options if any(find_phrase(span, p) >= 0 for p, x in option_phrases(item) if x is o)]
    if not named:
        return []
    if work[at] == "only":
        work[at] = None
    return _defaults_off(item, {o.group_id for o in named}, named)


def _defaults_off(item: Item, groups: set[str], kept: list[Option]) -> list[str]:
    """ "no …" for each default of ``groups`` not in ``kept``."""
    return [
        f"no {' '.join(words_of(o.name))}"
        for g in choice_groups(item)
        if g.id in groups
        for o in g.options
        if o.default and o not in kept
    ]


def _plain(item: Item, words: Words, work: list[str | None]) -> list[str]:
    """ "a double cheeseburger plain", "a hot dog, nothing on it": none of what comes with it (the defaults of
    groups it may do without), each taken off as "no …" — where the menu has no option called so (an option
    said is taken before). Marks the word used."""
    at = next((i for i, w in enumerate(work) if w in ("plain", "nothing")), None)
    if at is None or (work[at] == "nothing" and "plain" in words and "plain" not in work):
        return []  # "plain, nothing on it" where "plain" read as an option (Plain Bun): which plain is asked
    defaults = [o for g in top_groups(item) if g.min == 0 for o in g.options if o.default]
    if not defaults:
        return []
    work[at] = None
    return [f"no {' '.join(words_of(o.name))}" for o in defaults]


def _everything(item: Item, work: list[str | None], options: list[Option]) -> list[str]:
    """ "a hot dog with everything": what comes with it (the defaults of groups it may do without; nothing
    changes), where the menu has no option called "everything" (an option said is taken before) and the item
    comes with some; "…, everything else off": only the choices said of those groups stay. Marks the words
    used; with no defaults "everything" stays to be asked about."""
    at = next((i for i, w in enumerate(work) if w == "everything"), None)
    if at is None:
        return []
    groups = {g.id for g in top_groups(item) if g.min == 0 and any(o.default for o in g.options)}
    if not groups:
        return []
    work[at] = None
    if work[at + 1 : at + 3] != ["else", "off"]:
        return []
    work[at + 1 : at + 3] = [None, None]
    return _defaults_off(item, groups, options)


def _everything_but(item: Item, words: Words) -> Words:
    """ "everything but onions" / "everything except onions" → "everything no onions": what follows is taken
    off, never chosen (where the item has no option called "everything")."""
    if "everything" not in words or "everything" in _option_words(item):
        return words
    return tuple(
        "no" if w in ("but", "except") and i and words[i - 1] == "everything" else w for i, w in enumerate(words)
    )


def _one_of_each(work: list[str | None], options: list[Option]) -> None:
    """ "the mochi, one of each, mango strawberry chocolate": each choice said once, as read — the words
    say so and change nothing. Only where two or more choices were said, each once. Marks them used."""
    if "each" not in work:
        return  # the usual case: no scan
    at = find_phrase(work, ("1", "of", "each"))
    if at >= 0 and len(options) >= 2 and len(set(options)) == len(options):
        work[at : at + 3] = [None] * 3


def _black(item: Item, work: list[str | None]) -> list[str]:
    """ "a coffee, black": no milk or cream — the dairy that comes with it taken off ("no …"), else nothing
    to change (:func:`~app.core.reading.vocabulary.served_black`). Marks the word used."""
    dairy = served_black(item) if "black" in work else None
    if dairy is None:
        return []
    work[work.index("black")] = None
    return [f"no {' '.join(words_of(o.name))}" for o in dairy]


def _more_of_what_is_on(item: Item, words: Words, work: list[str | None], options: list[Option]) -> list[str]:
    """ "extra syrup" where Warm Syrup comes with the item, or "extra ahi" where Ahi Tuna is chosen: more of
    something already on. Chosen twice when it may be; else a note said back ("extra syrup") — the word
    "extra" is never dropped. Marks the lead word used."""
    out: list[str] = []
    for i, w in enumerate(work[:-1]):
        if w not in ("extra", "more", "double") or work[i + 1] is not None:
            continue
        named = [o for _, o in option_phrases(item) if words_of(o.name)[:2] == (w, words[i + 1])]
        if len(set(named)) == 1:  # "extra ahi" is the option Extra Ahi Tuna, when the menu has it
            if options.count(named[0]) < named[0].max_quantity:  # "extra chili" whose "chili" already read as
                options.append(named[0])  # the one-time Extra Chili: that one, never "chosen twice"
            work[i] = None
            continue
        said = next((o for p, o in option_phrases(item) if tuple(words[i + 1 : i + 1 + len(p)]) == p), None)
        if said is None or not (said.default or (options.count(said) >= 1 and _said_twice(item, words, said))):
            continue  # "extra guac" of a Guacamole not on: once (tests/corpus/README.md), "extra" used below
        if said.max_quantity > options.count(said):
            options.append(said)
        else:
            out.append(f"{w} {said.name.lower()}")
        work[i] = None
    return out


def _said_twice(item: Item, words: Words, option: Option) -> bool:
    """Is ``option`` said more than once among ``words`` as a choice ("ahi tuna … extra ahi"; the item's name
    said is no choice: "pepperoni pizza with extra pepperoni" is one Pepperoni)?"""
    spans = sorted((p for p, o in option_phrases(item) if o is option), key=len, reverse=True)
    said, i = 0, 0
    while i < len(words):  # each saying once: "chocolate drizzle" is not also "chocolate" and "drizzle"
        span = next((p for p in spans if tuple(words[i : i + len(p)]) == p), None)
        said += span is not None
        i += len(span) if span else 1
    name = words_of(item.name)
    in_name = any(words[i : i + len(name)] == name for i in range(len(words))) and any(_inside(p, name) for p in spans)
    return said - int(in_name) >= 2


_DANGLING = frozenset({"on", "the", "of", "a", "to"})  # "light on the": a note that stops before what it is about
# how to make a choice, said right after it ("bacon extra crispy"); "well done" is the item's, "on the side" below
_MADE = frozenset(HOW_SERVED) - {"on the side", "on side", "well done"}


def _about_what(item: Item, words: Words, note: str) -> str:
    """A note keeps the choice it is about when that choice was read as an option: "light on the cheese",
    "hash browns extra crispy", never "light on the" / "extra crispy" with the thing dropped (the kitchen
    would not know what to make light or crispy). The words after a dangling end, or the option said
    just before a how-to-make note, are said back with it."""
    said = tuple(note.split())
    at = next((i for i in range(len(words)) if words[i : i + len(said)] == said), None)
    if at is None:
        return note
    end = at + len(said)
    if said[-1] in _DANGLING:
        named = [p for p, _ in option_phrases(item)] + [words_of(g.name) for g in choice_groups(item)]
        after = next((p for p in named if p and tuple(words[end : end + len(p)]) == p), None)
        return f"{note} {' '.join(after)}" if after else note
    if note in _MADE:
        before = next((p for p, _ in option_phrases(item) if p and tuple(words[at - len(p) : at]) == p), None)
        return f"{' '.join(before)} {note}" if before else note
    return note


def _said_with(item: Item, words: Words, note: str) -> str:
    """What goes on the side, said with "on the side": the choice named just before it, by the menu's name
    ("hot fudge on the side", "tsatsiki on the side" → "tzatziki on the side"), else the word before it
    ("balsamic on the side") — never the last word of a longer choice alone ("fudge on the side")."""
    if not note.endswith("on the side"):
        return note
    at = next((i for i in range(len(words)) if words[i : i + 3] == ("on", "the", "side")), 0)
    before = words[:at]
    named = next(((p, o) for p, o in option_phrases(item) if p and before[-len(p) :] == p), None)
    if named is not None:  # "hot fudge on the side"; "dressing (chipotle-honey vinaigrette) on the side"
        said, option = " ".join(named[0]), named[1].name.lower()
        return f"{option} on the side" if said == " ".join(words_of(option)) else f"{said} ({option}) on the side"
    if note != "on the side":
        return note
    last = next((w for w in reversed(before) if w not in FILLER), None)
    return f"{last} on the side" if last else note


@per_object
def _option_words(item: Item) -> frozenset[str]:
    return frozenset(w for p, _ in option_phrases(item) for w in p)


def _negations_apart(item: Item, words: Words) -> Words:
    """ "untoasted" → "not toasted" where Toasted is an option of ``item`` (and "untoasted" is none): a glued
    negation must never read as the option it negates."""
    known = _option_words(item)
    out: list[str] = []
    for w in words:
        stem = unprefixed(w, known)
        out += ["not", stem] if stem else [w]
    return tuple(out)


def _halves(item: Item, words: Words) -> tuple[Words, list[str]]:
    """ "half white rice half greens", "half pepperoni half plain": two options of one group, each on half.
    Both are chosen; where the group is an add-on (toppings: nothing chosen means none), the split is also
    a kitchen note ("half sausage half onions"), else a topping would cover the whole; a required choice
    answered twice (base, flavour) is the split itself; "half and half, soy garlic and honey butter" says the
    same before the two. Anything else keeps its "half" (asked about)."""
    if words.count("half") < 2:
        return words, []
    out, notes = list(words), list[str]()
    phrases = option_phrases(item)
    groups = {g.id: g for g in choice_groups(item)}
    _half_and_half(phrases, groups, out, notes)
    i = 0
    while i < len(out):
        if out[i] != "half" or _menu_half(phrases, out, i):
            i += 1  # the menu's own "Half Pepperoni" is that option
            continue
        first = _option_at(phrases, out, i + 1)
        j = i + 1 + (len(first[0]) if first else 0)
        j += 1 if j < len(out) and out[j] == "and" else 0
        halved = j < len(out) and out[j] == "half" and not _menu_half(phrases, out, j)
        second = _option_at(phrases, out, j + 1) if halved else None
        if first is None or second is None or first[1].group_id != second[1].group_id:
            i += 1
            continue
        end = j + 1 + len(second[0])
        group = groups.get(first[1].group_id)
        if group is not None and group.min == 0:
            notes.append(" ".join(w for w in out[i:end] if w != "and"))
        del out[j]  # the second "half", then the first
        del out[i]
        i = end - 2
    return tuple(out), notes


def _half_and_half(
    phrases: tuple[tuple[Words, Option], ...], groups: dict[str, ModifierGroup], out: list[str], notes: list[str]
) -> None:
    """ "half and half, soy garlic and honey butter": the two options of one group said right after it (only
    "and" between), where the group takes two, each on half — the words "half and half" are that split (a
    note too where the group is an add-on). The menu's own "Half & Half" is that option. Edits ``out``."""
    at = next((i for i in range(len(out) - 2) if out[i : i + 3] == ["half", "and", "half"]), None)
    if at is None or _menu_half(phrases, out, at):
        return
    k = at + 3 + (1 if out[at + 3 : at + 4] == ["and"] else 0)
    first = _option_at(phrases, out, k)
    j = k + len(first[0]) if first else k
    j += 1 if out[j : j + 1] == ["and"] else 0
    second = _option_at(phrases, out, j) if first else None
    if first is None or second is None or first[1] is second[1] or first[1].group_id != second[1].group_id:
        return
    group = groups.get(first[1].group_id)
    if group is None or group.max < 2:
        return
    if group.min == 0:
        notes.append(f"half {' '.join(first[0])} half {' '.join(second[0])}")
    del out[at : at + 3]


def _menu_half(phrases: tuple[tuple[Words, Option], ...], words: list[str], at: int) -> bool:
    """The menu's own option starting with "half" is said at ``at`` ("Half Pepperoni")."""
    said = _option_at(phrases, words, at)
    return said is not None and said[0][0] == "half"


def _option_at(phrases: tuple[tuple[Words, Option], ...], words: list[str], at: int) -> tuple[Words, Option] | None:
    """The longest option phrase said at ``words[at]``, else None."""
    return next((p for p in phrases if tuple(words[at : at + len(p[0])]) == p[0]), None)


_REPLACED_LEADS = frozenset({"the", "a", "an", "my", "your", "usual", "regular"})


def _instead_of(item: Item, words: Words) -> Words:
    """ "brown rice instead of white", "fruit instead of the potatoes": the choice said before replaces the
    one named after "instead of" — an option of ``item`` (said back as "no …" when it comes with the item, so
    it is taken off) or a group's name; the replaced words are never read as a second choice. A trailing
    "instead" ("make it rye instead") says nothing more. Anything else after "instead of" stays to be asked."""
    if "instead" not in words:
        return words
    out = list(words)
    at = out.index("instead")
    if at + 1 == len(out) or out[at + 1] in SEPARATORS:
        return (*out[:at], *out[at + 1 :])
    if out[at + 1] != "of":
        return words
    start = at + 2
    while start < len(out) and out[start] in _REPLACED_LEADS:
        start += 1
    rest = tuple(out[start:])
    named = [(p, o) for p, o in option_phrases(item) if rest[: len(p)] == p]
    if named:
        phrase, option = max(named, key=lambda n: len(n[0]))
        said = ("no", *phrase) if option.default else ()
        return (*out[:at], *said, *out[start + len(phrase) :])
    names = (words_of(g.name) for g in choice_groups(item))
    group = next((n for n in names if n == rest[: len(n)]), None)
    if group:
        return (*out[:at], *out[start + len(group) :])
    return words


def _inside(phrase: Words, name: Words) -> bool:
    """``phrase`` said within ``name`` — but never a size word: "big" in "big stack meal" is a name, not Large."""
    if any(w in SIZE_WORDS for w in phrase):
        return False
    return any(name[i : i + len(phrase)] == phrase for i in range(len(name) - len(phrase) + 1))


def item_fits(menu: Menu, item: Item, words: Words) -> list[_Fit]:
    names = item_names(menu)[id(item)]
    present = set(words)
    names = tuple(n for n in names if present.issuperset(n))
    tries: list[tuple[Words | None, str | None]] = [(n, "name") for n in names if find_phrase(list(words), n) >= 0]
    if tries and len(tries[0][0] or ()) >= 2:  # "big stack meal" said whole: no reading may lend "big" to Large
        tries = tries[:1]
    tries += [(n, "any order") for n in names if len(n) > 1 and set(n) <= set(words) and (n, "name") not in tries]
    head = words_of(item.name)[-1:] if item.name else ()
    if head and head[0] in words and len(head_nouns(menu).get(head[0], ())) > 1 and (head, "name") not in tries:
        tries.append((head, "shared head"))
    tries.append((None, None))
    out = []
    for name, how in tries:
        for options_first in (False, True):
            fit = fit_words(item, words, name, how, options_first)
            if fit is not None:
                out.append(_not_told_apart(menu, fit))
    return out


def _not_told_apart(menu: Menu, fit: _Fit) -> _Fit:
    """``fit`` with a part of an option's name that the menu tells apart from it ("penne" where a group
    offers Penne beside Gluten-Free Penne: :func:`told_apart`) left unexplained, never read as that option."""
    apart = told_apart(menu)
    if not apart:
        return fit
    wrong = [(p, o) for p in fit.option_spans for o in fit.options if (p, words_of(o.name)) in apart]
    wrong = [(p, o) for p, o in wrong if any(q == p and x is o for q, x in option_phrases(fit.item))]
    if not wrong:
        return fit
    unknown = (*fit.unknown, *(w for p, _ in wrong for w in p))
    options = tuple(o for o in fit.options if all(o is not x for _, x in wrong))
    return replace(fit, key=(len(unknown), *fit.key[1:]), options=options, unknown=unknown)


def best_fits(menu: Menu, words: Words, prune: bool = True) -> list[_Fit]:
    """Each item's best reading of ``words``, best first (available items before sold-out ones on a tie).

    ``prune``: only the head of that list that any caller looks at (:func:`_fits_that_matter`); False
    scores every item (the reference the pruned reader is tested against)."""
    bounds = unexplained_at_least(menu, words) if prune else None
    if bounds is not None:
        return _fits_that_matter(menu, words, bounds)
    fits = []
    for item in menu.items:
        candidates = item_fits(menu, item, words)
        if candidates:
            fits.append(min(candidates))
    return sorted(fits, key=lambda f: (f.key, not f.item.available))


# best_fits' callers look at the top fit, at the fits leaving at most one word (or as many as the top) unexplained,
# and at the first three (the suggestions of a "shrimp taco")
_LOOKED_AT = 3


def _fits_that_matter(menu: Menu, words: Words, bounds: list[int]) -> list[_Fit]:
    """The head of :func:`best_fits`' full list: every fit leaving at most ``limit`` words unexplained,
    ``limit`` at least 1, at least the top's and high enough for three fits (or the whole list).

    An item leaves at least ``bounds[i]`` words unexplained however it reads them, so items above the
    limit are never scored: each would rank after every fit returned (the ranking key starts with the
    count unexplained), and no caller looks past those (:data:`_LOOKED_AT`)."""
    fits: dict[int, _Fit] = {}
    limit = 1
    while True:
        for at, item in enumerate(menu.items):
            if bounds[at] <= limit and at not in fits:
                candidates = item_fits(menu, item, words)
                if candidates:
                    fits[at] = min(candidates)
        scored = [fits[at] for at in sorted(fits)]  # menu order, as the full scan sorts them
        if len(scored) == len(menu.items) or max(bounds) <= limit:
            return sorted(scored, key=lambda f: (f.key, not f.item.available))
        head = sorted((f for f in scored if f.key[0] <= limit), key=lambda f: (f.key, not f.item.available))
        if len(head) >= _LOOKED_AT:
            return head
        limit += 1


_COUNTED = (  # spoken counts that are no digits: (words, how many) — "a dozen", "half a dozen", "a pair of"
    (("half", "a", "dozen"), 6),
    (("a", "half", "dozen"), 6),
    (("a", "dozen"), 12),
    (("a", "pair", "of"), 2),
)


def _counted(words: Words) -> tuple[int, Words] | None:
    """ "a dozen cooky" → (12, "cooky"), "2 dozen cooky" → (24, …), "cooky x3" / "cooky 3 of them" → (3, …)."""
    for said, count in _COUNTED:
        if words[: len(said)] == said and len(words) > len(said):
            return count, words[len(said) :]
    if len(words) > 2 and words[0].isdigit() and words[1] == "dozen":
        return int(words[0]) * 12, words[2:]
    last = words[-1] if words else ""
    if len(words) > 1 and last[:1] in ("x", "×") and last[1:].isdigit():
        return int(last[1:]), words[:-1]
    if len(words) > 3 and words[-3].isdigit() and words[-2:] == ("of", "them"):
        rest = words[:-3]
        return int(words[-3]), rest[:-1] if rest[-1:] == ("and",) else rest
    return None


def with_quantity(words: Words) -> list[tuple[int | None, Words]]:
    """Readings of a leading count: "2 large fry" → (2, "large fry"); also as said ("6 garlic knot"); a
    spoken count ("a dozen", "x3") comes first, the words as said stay a reading (a "dozen" option)."""
    lead = next((i for i, w in enumerate(words) if w not in FILLER or w in ("a", "an")), len(words))
    words = words[lead:]  # "can i get two …", "i'd like a …": the count comes after the opener
    counted = _counted(words)
    if counted is not None and counted[0] > 0:
        plain = [(int(words[0]), words[1:])] if words[0].isdigit() else [(1, words[1:])] if words[0] == "a" else []
        return [counted, *plain, (None, words)]  # "two dozen cookies" is 2 × a Dozen option where the menu has one
    if words[1:2] and words[1] in UNIT_WORDS:
        return [(None, words)]  # "32 oz drink", "6 piece nuggets": a number in a name, never the count
    if words and (words[0] in ("a", "an") or (words[0].isdigit() and 0 < int(words[0]) <= 999)):
        count = 1 if words[0] in ("a", "an") else int(words[0])
        rest = words[1:]
        if rest and rest[0] in ("order", "dozen") and count == 1 and words[0] in ("a", "an"):
            return [(None, words)]
        return [(count, rest), (None, words)] if rest else [(None, words)]
    return [(None, words)]


def _number_alone_chose(fit: _Fit, words: Words) -> bool:
    """Did a leading number, said without the rest of a choice's name, choose it — "two pad thai" as 2 Stars?
    A number before the item is its count unless the choice is a count of the item ("6 wings": 6 Piece or
    10 Wings) or its name is said on ("1 star pad thai")."""
    if not words or not words[0].isdigit():
        return False
    item = {w for n in (fit.item.name, *fit.item.aliases) for w in words_of(n)}
    for option in fit.options:
        name = words_of(option.name)
        counts_item = _option_count(name) is not None or set(name) - {words[0]} <= _COUNT_UNITS | item
        if words[0] in name and not counts_item and not set(words[1:2]) & set(name):
            return True
    return False


def read_item(menu: Menu, words: Words, said: str, modifiers: Words = (), prune: bool = True) -> Reading:
    """One item from ``words`` (normalised); raises the question to ask when it is not clear."""
    best: list[tuple[_Fit, list[_Fit], Words]] = []
    for quantity, rest in with_quantity(words):
        ranked = best_fits(menu, rest, prune)
        if ranked:
            ranked[0].quantity = quantity
            best.append((ranked[0], ranked, rest))
    if not best:
        raise ItemNotFound("say which item", query=said, suggestions=[])
    if len(best) > 1:
        best = [b for b in best if not _number_alone_chose(b[0], b[2])] or best
    # a count before everything is the item's count when it explains as much ("three extra shot cappuccinos"
    # is three cappuccinos), not a count of the option it happens to precede
    top, ranked, rest = min(best, key=lambda b: (b[0].key[:4], b[0].quantity is None, b[0].key[4:]))
    described = _described(top, best_fits(menu, rest, False) if top.unknown and prune else ranked)
    if described is not None:  # "a grilled pork banh mi": the one banh mi whose description says grilled pork
        return line_reading(described, said)
    rivals = [f for f in ranked if f.key == top.key and f.item is not top.item]
    rivals += _same_words_named(top, ranked)
    rivals += _name_said_apart(top, ranked, rest)
    rivals += _same_choices_unnamed(top, ranked)
    meant = the_item_those_choices_are([top, *rivals]) if rivals and not top.named else None
    if meant is not None:
        top, rivals = meant, []
    if not top.named:
        unexplained = bool(top.unknown) or not top.options
        content = {w for w in words if w not in FILLER and not w.isdigit()}
        holding = [i for i in menu.items if content and any(content <= set(n) for n in item_names(menu)[id(i)])]
        if len(holding) > 1 and (unexplained or top.item in holding):
            raise ItemAmbiguous(  # "chicken", "a falafel": part of several names (even where an add-on says it)
                f"{said!r} could be " + " or ".join(i.name for i in holding[:5]),
                query=said,
                candidates=[candidate(i) for i in holding[:5]],
            )
        if unexplained:
            return _fuzzy(menu, words, said)
    rivals += _told_by_defaults(top, ranked)
    plain = _plain_one(menu, [top, *rivals]) if rivals else None
    if plain is not None:  # "a large pie": the Cheese Pie, which the menu calls the plain pie
        top, rivals = plain, []
    if rivals:
        close = [f for f in [top, *rivals] if f.item.available] or [top, *rivals]  # never offer a sold-out one
        close = list({id(f.item): f for f in reversed(close)}.values())[::-1]  # each item once
        raise ItemAmbiguous(
            f"{said!r} could be " + " or ".join(f.item.name for f in close[:5]),
            query=said,
            candidates=[candidate(f.item) for f in close[:5]],
        )
    other_item = top.unknown_first and not top.options and group_for(menu, top.item, top.unknown) is None
    if top.unknown and other_item:  # "a shrimp taco": another item, not a choice ("a large cappuccino" is)
        raise ItemNotFound(
            f"nothing on the menu matches {said!r}", query=said, suggestions=[candidate(f.item) for f in ranked[:3]]
        )
    top = more_of_something_else(menu, top, rest)
    if top.unknown:
        ask_about_words(menu, top, said, modifiers)
    longer = _longer_name_said(top, ranked)
    if longer is not None:  # "a medium hot mango green tea": the Mango Green Tea, whose Ice has no Hot — asked
        ask_about_words(menu, longer, said, modifiers)
    return line_reading(top, said)


def more_of_something_else(menu: Menu, fit: _Fit, words: Words) -> _Fit:
    """ "extra lime", "extra wet", "extra gravy": more of something the menu does not sell anywhere is a
    kitchen note said back. Where the words are the menu's own ("extra shot" on a chai, sold as a Dirty chai
    or an Extra Shot elsewhere), they stay unexplained and are asked about — a note must never stand in
    for something with a price."""
    if not fit.unknown or "extra" not in words:
        return fit
    at = words.index("extra")
    run = []
    for w in words[at + 1 :]:
        if w in SEPARATORS or w in ("with",):
            break
        run.append(w)
    said = [w for w in run if w not in FILLER]
    if not said or set(fit.unknown) - {"extra"} != set(said) or menu_words(menu).intersection(said):
        return fit
    return replace(fit, notes=(*fit.notes, " ".join(("extra", *run))), unknown=())


def line_reading(fit: _Fit, said: str) -> Reading:
    """The reading a fit gives, a count said answering a count choice (:func:`_count_chosen`) or counting
    the pieces of an item sold by orders (:func:`_orders_of`)."""
    return reading_of(_orders_of(_count_chosen(fit), said), said)


@per_object
def pieces_per_order(item: Item) -> int | None:
    """How many pieces one order of ``item`` is, where its description says so: "Three tacos per order",
    "6 pieces per order", "order of 6"; else None."""
    words = words_of(item.description or "")
    pieces = {"piece", "pc", *words_of(item.name)[-1:]}
    for i in range(2, len(words) - 1):
        if words[i : i + 2] == ("per", "order") and words[i - 1] in pieces and words[i - 2].isdigit():
            return int(words[i - 2])
    return next(
        (
            int(words[i + 2])
            for i in range(len(words) - 2)
            if words[i : i + 2] == ("order", "of") and words[i + 2].isdigit()
        ),
        None,
    )


def _orders_of(fit: _Fit, said: str) -> _Fit:
    """ "six tacos" where the description says "Three tacos per order": a count of pieces of an item sold by
    orders of N is that many orders (6 / 3 = 2), never six orders; a count no whole number of orders makes
    ("four tacos") is asked. A count of orders said as such ("two orders of tacos") stays."""
    per = pieces_per_order(fit.item)
    if per is None or per < 2 or fit.quantity is None or fit.quantity < 2 or "order" in words_of(said):
        return fit
    if fit.quantity % per:
        raise QuantityInvalid(
            f"{fit.item.name} come {per} per order: how many orders is {fit.quantity}?",
            item=fit.item.name,
            item_id=fit.item.id,
            said_quantity=fit.quantity,
            per_order=per,
        )
    return replace(fit, quantity=fit.quantity // per)


_COUNT_UNITS = frozenset({"piece", "count", "ct", "pack"})


def _option_count(name: Words) -> int | None:
    """How many an option's name says it is: "12 pc" 12, "Half Dozen" 6, "Dozen" 12, "Single" 1; else None."""
    counted = {("single",): 1, ("dozen",): 12, ("half", "dozen"): 6, ("baker", "dozen"): 13}.get(name)
    if counted is not None:
        return counted
    if len(name) in (1, 2) and name[0].isdigit() and (len(name) == 1 or name[1] in _COUNT_UNITS):
        return int(name[0])  # "12 piece", "6" — never "2 liter", which is a measure
    return None


def _count_chosen(fit: _Fit) -> _Fit:
    """ "a dozen garlic knots", "three cookies", "six snickerdoodles", "a cookie": a count said where a
    required choice is itself a count ("6 pc", "Half Dozen", "Single") answers that choice — the option of
    that count once, else the single one that many times. Anything else (no count said) is left to be asked."""
    if fit.quantity is None:
        return fit
    for group in _missing(fit.item, list(fit.options)):
        counts = {o: _option_count(words_of(o.name)) for o in group.options}
        if None in counts.values() or len(counts) < 2:
            continue
        exact = [o for o, c in counts.items() if c == fit.quantity]
        single = [o for o, c in counts.items() if c == 1]
        if len(exact) == 1:
            return replace(fit, options=(*fit.options, exact[0]), quantity=1)
        if len(single) == 1:
            return replace(fit, options=(*fit.options, single[0]))
    return fit


@per_object
def _description_words(item: Item) -> frozenset[str]:
    """The item's description and name words (what the menu says it is)."""
    return frozenset(words_of(item.description)) - FILLER | frozenset(words_of(item.name))


def _described(top: _Fit, ranked: list[_Fit]) -> _Fit | None:
    """Words no name or choice explains, all said in exactly one item's description (the menu's own words
    for it: "rice vermicelli bowl with grilled lemongrass pork"): that item, read with them — a choice read
    from words its description says ("pork": Extra Pork) is the description's, not chosen. None when no
    words are left over, or when no item or several items' descriptions hold them (then asked as before)."""
    if not top.unknown or (top.named and top.key[1] == NAME_RANKS["name"]):
        return None  # nothing left over, or an item named whole ("a small pho tai with tripe" asks about tripe)
    fits = [f for f in ranked if f.unknown and set(f.unknown) <= _description_words(f.item)]
    if len(fits) != 1:
        return None
    said = _description_words(fits[0].item)
    kept = tuple(o for o in fits[0].options if not set(words_of(o.name)) - OPTION_LEADS <= said)
    return replace(fits[0], options=kept, unknown=(), quantity=top.quantity)  # "grilled pork" is the dish's


def _longer_name_said(top: _Fit, ranked: list[_Fit]) -> _Fit | None:
    """Another item whose name is said whole and covers more words than ``top``'s name, leaving one word
    unexplained: ``top`` read those words as choices, so the two readings are close — the longer name's
    question is asked, never the shorter name's line added. An item named after its option ("Slice" with a
    Cheese Slice) is named by that option's words ("a cheese slice": no closer reading in Cheese Pie)."""
    own = words_of(top.item.name)
    in_option = any(_inside(own, span) for span in top.option_spans)
    have = len(top.name) if top.name is not None and top.named else len(own) if in_option else 0
    return next(
        (
            f
            for f in ranked
            if f.item is not top.item
            and f.named
            and f.name is not None
            and f.key[1] == 0
            and len(f.name) > have
            and 0 < len(f.unknown) <= 1
        ),
        None,
    )


def one_variation(item: Item, said: list[str]) -> Variation | None:
    """The one variation (size) the ids ``said`` name; two different ones are asked about, never one kept."""
    sizes = [v for v in item.variations if v.id in said]
    if len(sizes) > 1:
        raise ModifierInvalid(
            f"choose one of {' or '.join(v.name for v in sizes)}",
            item_id=item.id,
            group=VARIATION_GROUP,
            group_name="Size",
        )
    return sizes[0] if sizes else None


def reading_of(fit: _Fit, said: str) -> Reading:
    """The cart-line view of a fit: the variation apart, parents before nested options, and "no X" of a
    default option as a removal rather than a note."""
    variation = one_variation(fit.item, [o.id for o in fit.options if o.group_id == VARIATION_GROUP])
    depth = {g.id: i for i, g in enumerate(choice_groups(fit.item))}
    options = sorted((o for o in fit.options if o.group_id != VARIATION_GROUP), key=lambda o: depth.get(o.group_id, 0))
    removals, notes = sort_notes(fit.item, tuple(options), fit.notes)  # "no whip" takes the Whipped Cream off
    return Reading(fit.item, fit.quantity, tuple(options), notes, said, variation, removals)


def _told_by_defaults(top: _Fit, ranked: list[_Fit]) -> list[_Fit]:
    """ "pho" + ["rare steak"]: a name several items share, told apart only by a choice that already comes
    with ``top`` (a default restated is no choice made) — every item of that name is a candidate."""
    if top.key[1] != NAME_RANKS["shared head"] or not any(o.default for o in top.options):
        return []
    return [f for f in ranked if f.item is not top.item and f.name == top.name and f.key[1] == top.key[1]]


def _name_said_apart(top: _Fit, ranked: list[_Fit], words: Words) -> list[_Fit]:
    """ "chili cheese dog": Coney Dog's name "chili dog" said in its order with a word of its choices
    between, where ``top`` (the Hot Dog, named "dog") read the rest of that longer name as a choice (Chili).
    Both explain every word: the question is asked, never the generic item with the other's name added as
    a choice. A name said out of its order ("burger with bacon" for Bacon Burger) is no such name."""
    if not top.named or top.name is None or top.unknown:
        return []
    spans = set(top.option_spans)
    return [
        f
        for f in ranked
        if f.item is not top.item
        and f.key[:2] == (0, NAME_RANKS["any order"])
        and f.name is not None
        and len(f.name) > len(top.name)
        and any((w,) in spans for w in f.name)
        and _in_order(f.name, words)
    ]


def _in_order(name: Words, words: Words) -> bool:
    """Are the words of ``name`` all among ``words``, in the name's order (others may come between)?"""
    rest = iter(words)
    return all(w in rest for w in name)


def _plain_one(menu: Menu, fits: list[_Fit]) -> _Fit | None:
    """ "a large pie", where several items end in "pie": the one the menu calls "plain pie" (Cheese Pie)
    when it is also the base the others are built from — its choice groups include every other's and more
    (sauce and cheese besides crust and toppings). Three shakes with the same choices, one called "plain
    shake", are still asked about. None when the fits are not all readings of one shared head noun."""
    head = fits[0].name
    if head is None or any(f.name != head or f.key[1] != NAME_RANKS["shared head"] for f in fits):
        return None
    plain = [f for f in fits if ("plain", *head) in item_names(menu)[id(f.item)]]
    if len(plain) != 1:
        return None
    groups = {g.name for g in plain[0].item.modifier_groups}
    others = [{g.name for g in f.item.modifier_groups} for f in fits if f is not plain[0]]
    return plain[0] if all(o < groups for o in others) else None


def _same_choices_unnamed(top: _Fit, ranked: list[_Fit]) -> list[_Fit]:
    """No item named, only choices ("decaf"): every item those choices read on as fully, needing as few
    other answers, is a candidate — never one picked by menu order."""
    if top.named or top.unknown or not top.options:
        return []
    said = sorted(o.name for o in top.options)
    return [
        f
        for f in ranked
        if f.item is not top.item
        and not f.named
        and not f.unknown
        and sorted(o.name for o in f.options) == said
        and f.key[3] == top.key[3]  # "a large coke" is the drink, not a combo that needs more answers
    ]


def the_item_those_choices_are(fits: list[_Fit]) -> _Fit | None:
    """No item named, several reading the choices said as well ("a sprite": the Fountain Drink, or the Wing
    Combo's drink): the one item where every choice said answers one of its own required questions (what it
    is: the drink's flavour, the side sauce's sauce) is meant, not an item where they are an add-on or lie
    under another choice; of several such, the one that then lacks no more than its size (the combo still
    lacks its wings). None: all stay candidates."""
    answering = [f for f in fits if f.options and all(_answers_required(f.item, o) for o in f.options)]
    if len({id(f.item) for f in answering}) > 1:
        answering = [f for f in answering if all(g.id == VARIATION_GROUP for g in _missing(f.item, list(f.options)))]
    return answering[0] if len({id(f.item) for f in answering}) == 1 else None


def _answers_required(item: Item, option: Option) -> bool:
    """Is ``option`` a choice of one of ``item``'s own (top-level) required groups?"""
    return any(x is option for g in top_groups(item) if g.min >= 1 for x in g.options)


def _same_words_named(top: _Fit, ranked: list[_Fit]) -> list[_Fit]:
    """ "a large coke" where Mexican Coke is named "coke" and a fountain soda has a "coke" flavour: ask."""
    if top.named:
        return []
    return [f for f in ranked if f.named and f.item is not top.item and f.key[0] <= 1 and f.name in top.option_spans]


def _fuzzy(menu: Menu, words: Words, said: str) -> Reading:
    """No name said exactly: a misheard name ("cheesburger medium") once options and notes are out."""
    scored: list[tuple[float, _Fit]] = []
    for quantity, rest in with_quantity(words):
        for item in menu.items:
            fit = fit_words(item, rest, None)
            if fit is None or not fit.unknown:
                continue
            left = " ".join(fit.unknown)
            score = max(strict_score(left, " ".join(n)) for n in item_names(menu)[id(item)])
            fit.quantity = quantity
            scored.append((score, fit))
    scored.sort(key=lambda s: -s[0])
    if scored and scored[0][0] >= FUZZY_ACCEPT:
        score, fit = scored[0]
        close = [s for s in scored if s[0] >= score - AMBIGUOUS_GAP and s[1].item is not fit.item]
        if not close:
            return reading_of(fit, said)
        raise ItemAmbiguous(
            f"{said!r} could be " + " or ".join(s[1].item.name for s in [scored[0], *close][:5]),
            query=said,
            candidates=[candidate(s[1].item) for s in [scored[0], *close][:5]],
        )
    ranked = rank_items(menu, " ".join(words))
    suggestions = [candidate(m.target) for m in ranked if m.score >= SUGGEST_SCORE][:3]  # type: ignore[arg-type]
    raise ItemNotFound(f"nothing on the menu matches {said!r}", query=said, suggestions=suggestions)
