"""What comes with an item, as said: plain, everything (but …, else off), only, black, one of each, more
of what is on, instead of, halves, and glued negations ("untoasted").

Each reads words about the item's own choices for :func:`app.core.reading.fit.fit_words`. The rule: such
words change the choices or become "no …" notes of the defaults they take off, and are marked used only
where they say so; anything else stays to be asked about.
"""

from __future__ import annotations

from app.core.menu import Item, ModifierGroup, Option
from app.core.reading.all_of_one import box_count
from app.core.reading.count_names import sold_in_counts
from app.core.reading.levels import LESS_LEADS, is_scale
from app.core.reading.memo import per_object
from app.core.reading.spoken import (
    FILLER,
    NEGATIONS,
    SEPARATORS,
    SIDE_PHRASES,
    in_reader_words,
    normalize,
    other_language,
    unprefixed,
)
from app.core.reading.vocabulary import (
    OPTION_LEADS,
    SIZE_WORDS,
    VARIATION_GROUP,
    Words,
    choice_groups,
    comes_with_defaults,
    find_phrase,
    how_made,
    option_phrases,
    option_words,
    served_black,
    top_groups,
    words_of,
)


def only(item: Item, words: Words, work: list[str | None], options: list[Option]) -> list[str]:
    """ "a hot dog, just mustard and ketchup", "mustard, onions and relish only": only those of what comes
    with it — the other defaults of their groups are taken off ("no …"). Only where "just"/"only" comes
    right before a choice said ("just the alioli" too), or "only" ends the words after the choices said. Marks
    "only" used."""
    at = next((i for i, w in enumerate(words) if w in ("just", "only")), None)
    if at is None or not options:
        return []
    after = words[at + 1 :]
    after = after[1:] if after[:1] in (("the",), ("with",)) else after  # "just the alioli" is "just alioli"
    # (blind9); "only with crema" ("nomás con crema") is "only crema" (blind10 pupuseria)
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


def plain(item: Item, words: Words, work: list[str | None]) -> list[str]:
    """ "a double cheeseburger plain", "a hot dog, nothing on it": none of what comes with it (the defaults of
    groups it may do without), each taken off as "no …" — where the menu has no option called so (an option
    said is taken before); "plain" of a dish with nothing to choose but what may be added is that dish with
    none of it, as it comes. Marks the word used."""
    at = next((i for i, w in enumerate(work) if w in ("plain", "nothing")), None)
    if at is None or (work[at] == "nothing" and "plain" in words and "plain" not in work):
        return []  # "plain, nothing on it" where "plain" read as an option (Plain Bun): which plain is asked
    defaults = comes_with_defaults(item)
    if not defaults and work[at] == "nothing" and any(g.min == 0 for g in top_groups(item)):
        work[at] = None  # "a small green tea, nothing in it": none of what may be added, as it comes (blind10)
        return []
    if not defaults and work[at] == "plain" and all(g.min == 0 for g in item.modifier_groups):
        work[at] = None  # "two pineapple buns, plain", "a whole cheesecake, plain": nothing added (blind14)
    if not defaults:
        return []
    for i in range(at, len(work)):
        if work[i] in ("plain", "nothing"):
            work[i] = None  # "plain, nothing on it": one saying
    return [f"no {' '.join(words_of(o.name))}" for o in defaults]


_AS_USUAL = frozenset({"regular", "normal", "usual"})


def as_usual(item: Item, work: list[str | None]) -> None:
    """ "one jianbing regular, and a water": "regular" (or "normal", "usual") ending what is said of an item with
    no size and no choice of that name is the item as it comes — nothing changes. Marks the word used; a level
    ("regular spicy") or a size the item has stays to its own rules (blind15 jianbing-cart)."""
    if _AS_USUAL.isdisjoint(work) or any(g.id == VARIATION_GROUP for g in choice_groups(item)):
        return
    known = {p for p, _ in option_phrases(item) if len(p) == 1}
    for at, word in enumerate(work):
        last = at + 1 == len(work) or work[at + 1] in SEPARATORS
        if word in _AS_USUAL and last and (word,) not in known and at and work[at - 1] is None:
            work[at] = None


def everything(item: Item, work: list[str | None], options: list[Option]) -> list[str]:
    """ "a hot dog with everything": what comes with it (the defaults of groups it may do without; nothing
    changes), where the menu has no option called "everything" (an option said is taken before) and the item
    comes with some; "…, everything else off": only the choices said of those groups stay. Marks the words
    used; with no defaults "everything" stays to be asked about."""
    at = next((i for i, w in enumerate(work) if w == "everything"), None)
    if at is None:
        return []
    groups = {g.id for g in top_groups(item) if g.min == 0 and any(o.default for o in g.options)}
    if not groups and _listed_after(item, work, at, options):
        work[at] = None  # "za'atar with everything, tomato mint olives cucumber": the list says what it is
    if not groups:
        return []
    work[at] = None
    if work[at + 1 : at + 3] != ["else", "off"]:
        return []
    work[at + 1 : at + 3] = [None, None]
    return _defaults_off(item, groups, options)


@per_object
def description_read(item: Item) -> frozenset[str]:
    """The words of ``item``'s description as the reader reads a customer's ("served con todo" → "served with
    everything", "to make it rabokki" → its words)."""
    words = tuple(normalize(item.description or "").split())
    return frozenset(in_reader_words(words, lambda at, size: False) if other_language(words) else words)


def _listed_after(item: Item, work: list[str | None], at: int, options: list[Option]) -> bool:
    """Are the words right after "everything" at ``at`` (a comma or "and" between, at most) a list of two or
    more choices read, all of one group and it with no default? Then that list is what "everything" is, said
    out (blind13 manakish-bakery)."""
    start = at + 1 + (at + 1 < len(work) and work[at + 1] in SEPARATORS)
    chosen = {o.group_id for o in options}
    return (
        len(options) >= 2
        and len(chosen) == 1
        and start < len(work)
        and work[start] is None
        and all(o.group_id in chosen for o in options)
        and not any(o.default for g in top_groups(item) if g.id in chosen for o in g.options)
    )


def everything_but(item: Item, words: Words) -> Words:
    """ "everything but onions" / "everything except onions" → "everything no onions": what follows is taken
    off, never chosen (where the item has no option called "everything")."""
    if "everything" not in words or "everything" in option_words(item):
        return words
    return tuple(
        "no" if w in ("but", "except") and i and words[i - 1] == "everything" else w for i, w in enumerate(words)
    )


def one_of_each(work: list[str | None], options: list[Option]) -> None:
    """ "the mochi, one of each, mango strawberry chocolate": each choice said once, as read — the words
    say so and change nothing. Only where two or more choices were said, each once. Marks them used."""
    if "each" not in work:
        return  # the usual case: no scan
    at = find_phrase(work, ("1", "of", "each"))
    if at >= 0 and len(options) >= 2 and len(set(options)) == len(options):
        work[at : at + 3] = [None] * 3


def black(item: Item, work: list[str | None]) -> list[str]:
    """ "a coffee, black": no milk or cream — the dairy that comes with it taken off ("no …"), else nothing
    to change (:func:`~app.core.reading.vocabulary.served_black`). Marks the word used."""
    dairy = served_black(item) if "black" in work else None
    if dairy is None:
        return []
    work[work.index("black")] = None
    return [f"no {' '.join(words_of(o.name))}" for o in dairy]


def more_of_what_is_on(item: Item, words: Words, work: list[str | None], options: list[Option]) -> list[str]:
    """ "extra syrup" where Warm Syrup comes with the item, or "extra ahi" where Ahi Tuna is chosen: more of
    something already on. Chosen twice when it may be; else a note said back ("extra syrup") — the word
    "extra" is never dropped. Marks the lead word used."""
    out: list[str] = []
    for i, w in enumerate(work[:-1]):
        if w not in ("extra", "more", "double"):
            continue
        by_group = _on_by_group_name(item, work, i + 1, options)
        if by_group is not None:  # "extra mustard" where the Mustard group has Sweet Mustard on: more of that
            group_said, on_line = by_group
            work[i : i + 1 + len(group_said)] = [None] * (1 + len(group_said))
            have = options.count(on_line) or 1  # said or not, it is on the line once
            if on_line.max_quantity > have:
                options += [on_line] * (have + 1 - options.count(on_line))
            else:
                out.append(" ".join((w, *group_said)))
            continue
        if work[i + 1] is not None:
            thing = work[i + 1]
            if thing in words[:i] and _of_its_own_name(item, thing):  # "pepperoni pretzel, extra pepperoni": more
                out.append(f"{w} {thing}")  # of what the item is made of, no choice saying it: a note said back
                work[i : i + 2] = [None, None]
            again = _once_chosen_again(item, work, i, options) if work[i] is not None else None
            if again is not None:  # "with mustard, and extra mustard": more than the menu's one, a note said back
                out.append(" ".join((w, *again)))
                work[i : i + 1 + len(again)] = [None] * (1 + len(again))
            continue
        named = [o for _, o in option_phrases(item) if words_of(o.name)[:2] == (w, words[i + 1])]
        if len(set(named)) == 1 and said_two_ways(item, words, i, named[0]):
            continue  # "extra hot sauce": Extra Hot, or more Hot Sauce — "extra" stays to be asked about
        if len(set(named)) == 1:  # "extra ahi" is the option Extra Ahi Tuna, when the menu has it
            if options.count(named[0]) < named[0].max_quantity:  # "extra chili" whose "chili" already read as
                options.append(named[0])  # the one-time Extra Chili: that one, never "chosen twice"
            work[i] = None
            continue
        phrase, said = next(
            ((p, o) for p, o in option_phrases(item) if tuple(words[i + 1 : i + 1 + len(p)]) == p), ((), None)
        )
        if said is None or not (said.default or (options.count(said) >= 1 and _said_twice(item, words, said))):
            continue  # "extra guac" of a Guacamole not on: once (tests/corpus/README.md), "extra" used below
        if options.count(said) >= max(2, _extras_so_far(phrase, words, i) + 1):  # "honey mustard and an extra
            work[i] = None  # honey mustard": each saying already counted one, so the extra one is the second —
            continue  # never a third (blind5); "extra sambar, extra sambar" of a default Sambar is three (blind9)
        extra = _extra_of(item, said)
        if said.max_quantity > options.count(said):
            options.append(said)
        elif extra is not None and extra not in options:
            options.append(extra)  # "double salmon" where Roasted Salmon is on: the option Extra Roasted Salmon
        else:
            out.append(" ".join((w, *phrase)))  # in the customer's words: "extra kraut", never "extra sauerkraut"
        work[i] = None
    return out


def _once_chosen_again(item: Item, work: list[str | None], lead: int, options: list[Option]) -> Words | None:
    """The phrase after the lead word at ``lead`` (not yet read) of an option already chosen that may be had once
    only and has no "Extra …" option beside it — "extra mustard" after "with mustard" (blind12 korean-corndog);
    else None. Where the lead word and that phrase are together a name of the same option ("extra cheese" of
    Extra Cheese) it is the option said again whole, a repeat counted as the id form counts it (issue #23)."""
    at = lead + 1
    for phrase, option in option_phrases(item):
        if tuple(work[at : at + len(phrase)]) == phrase and option in options:
            if option.max_quantity > 1 or _extra_of(item, option) is not None or _said_whole(item, work, lead, option):
                return None
            return phrase
    return None


def _said_whole(item: Item, work: list[str | None], at: int, option: Option) -> bool:
    """Is a name of ``option`` said whole from ``at`` on (its lead word included)?"""
    return any(o is option and tuple(work[at : at + len(p)]) == p for p, o in option_phrases(item))


def _of_its_own_name(item: Item, word: str | None) -> bool:
    """Is ``word`` a word of ``item``'s name before its head noun (the "pepperoni" of Pepperoni Pretzel), which
    no choice of the item uses? Then "extra pepperoni", said after that name, is more of what the item is, never
    another one (blind11 pretzel-stand)."""
    name = words_of(item.name)
    return word is not None and word in name[:-1] and word not in option_words(item)


def _extras_so_far(phrase: Words, words: Words, at: int) -> int:
    """How many times ``phrase`` is said after "extra" / "more" / "double" up to the lead word at ``at``."""
    led = ("extra", "more", "double")
    return sum(1 for j in range(1, at + 2) if words[j - 1] in led and tuple(words[j : j + len(phrase)]) == phrase)


def _extra_of(item: Item, option: Option) -> Option | None:
    """The option named "Extra <option's name>" ("Extra Roasted Salmon" beside Roasted Salmon), or None: more
    of an option on the line once only (tests/corpus/README.md; issue #23, blind6 salad-builder)."""
    named = ("extra", *words_of(option.name))
    return next((o for g in choice_groups(item) for o in g.options if words_of(o.name) == named), None)


def _on_by_group_name(
    item: Item, work: list[str | None], at: int, options: list[Option]
) -> tuple[Words, Option] | None:
    """The group named at ``at`` (its words not yet read) and the one option of it on the line — its one
    default, none other chosen ("extra mustard": the Sweet Mustard that comes with the plate, blind5
    beer-hall); None when no group is named there or it has not exactly one option on."""
    for group in choice_groups(item):
        name = words_of(group.name)
        if not name or tuple(work[at : at + len(name)]) != name:
            continue
        on = {o.id: o for o in group.options if o.default or o in options}
        return (name, next(iter(on.values()))) if len(on) == 1 else None
    return None


def said_two_ways(item: Item, words: Words, at: int, option: Option | None = None) -> bool:
    """Does the "extra" at ``at`` begin an option's name ("Extra Hot", a heat level) whose next words another
    option's longer phrase also says ("hot sauce" of Hot Sauce)? "extra hot sauce" is then Extra Hot, or more
    of the Hot Sauce: two readings, asked — never both taken, never one guessed (blind5 falafel-house)."""
    if option is None:
        named = {o for _, o in option_phrases(item) if words_of(o.name)[:2] == tuple(words[at : at + 2])}
        if len(named) != 1:
            return False
        option = next(iter(named))
    rest = words_of(option.name)[1:]
    said = next((k for k in range(len(rest), 0, -1) if tuple(words[at + 1 : at + 1 + k]) == rest[:k]), 0)
    return any(
        o is not option and len(p) > said and tuple(words[at + 1 : at + 1 + len(p)]) == p
        for p, o in option_phrases(item)
    )


def less_of_what_is_on(item: Item, words: Words, work: list[str | None], options: list[Option]) -> list[str]:
    """ "light ponzu", "light white rice": less of a choice that is on (chosen or pre-chosen) in a group that is
    no scale (:func:`~app.core.reading.levels.is_scale`), a level the menu does not offer: a note said back
    with the choice's words ("light ponzu"), the choice kept (blind3 burrito-bar, blind5 falafel-house). On a
    scale ("light ice" where Ice has no Light Ice) the word stays to be asked about. Marks the lead used."""
    out: list[str] = []
    for i, w in enumerate(work[:-1]):
        if w not in LESS_LEADS or work[i + 1] is not None:
            continue
        said = [(p, o) for p, o in option_phrases(item) if tuple(words[i + 1 : i + 1 + len(p)]) == p]
        if not said:
            continue
        phrase, option = max(said, key=lambda s: len(s[0]))
        group = next((g for g in choice_groups(item) if g.id == option.group_id), None)
        if group is None or is_scale(group) or not (option.default or option in options):
            continue
        out.append(f"{w} {' '.join(phrase)}")
        work[i] = None
    return out


def _said_twice(item: Item, words: Words, option: Option) -> bool:
    """Is ``option`` said more than once among ``words`` as a choice ("ahi tuna … extra ahi"; the item's name
    said is no choice: "pepperoni pizza with extra pepperoni" is one Pepperoni; nor a word of another choice
    said whole: "blue vanilla" says no Vanilla Ice Cream, blind8 shave-ice)?"""
    phrases = option_phrases(item)  # longest first
    spans = [p for p, o in phrases if o is option]
    said, i = 0, 0
    while i < len(words):  # each saying once: "chocolate drizzle" is not also "chocolate" and "drizzle"
        longest = next(((p, o) for p, o in phrases if tuple(words[i : i + len(p)]) == p), None)
        if longest is not None and longest[1] is not option and len(longest[0]) > 1:
            i += len(longest[0])  # "blue vanilla": Blue Vanilla's, never the Vanilla Ice Cream's "vanilla"
            continue
        span = next((p for p in spans if tuple(words[i : i + len(p)]) == p), None)
        said += span is not None
        i += len(span) if span else 1
    name = words_of(item.name)
    in_name = any(words[i : i + len(name)] == name for i in range(len(words))) and any(inside(p, name) for p in spans)
    return said - int(in_name) >= 2


def negations_apart(item: Item, words: Words) -> Words:
    """ "untoasted" → "not toasted" where Toasted is an option of ``item`` (and "untoasted" is none): a glued
    negation must never read as the option it negates."""
    known = option_words(item)
    out: list[str] = []
    for w in words:
        stem = unprefixed(w, known)
        out += ["not", stem] if stem else [w]
    return tuple(out)


@per_object
def _off_phrases(item: Item) -> frozenset[Words]:
    """What a negation may take off ``item``: the phrases of its defaults (on the line unless taken off), and
    Y for each option said "no Y" (the menu's own "No Onions") — unless Y is another choice of that option's
    group: Mild aliased "not spicy" beside Spicy, where "spicy" answers the group, never "spicy is on"
    ("sizzling sisig no egg, make it spicy": blind12 silog-house)."""
    phrases = option_phrases(item)
    off = {p for p, o in phrases if o.default}
    off |= {
        p[1:]
        for p, o in phrases
        if len(p) > 1
        and p[0] in NEGATIONS
        and not any(q == p[1:] and other is not o and other.group_id == o.group_id for q, other in phrases)
    }
    return frozenset(off)


@per_object
def _no_phrases(item: Item) -> frozenset[Words]:
    """The phrases of ``item``'s options said with a negation ("no onion" of No Onions)."""
    return frozenset(p for p, _ in option_phrases(item) if len(p) > 1 and p[0] in NEGATIONS)


def _off_at(item: Item, words: list[str], at: int) -> int:
    """The length of what a negation may take off said at ``at`` (its longest option phrase there), else 0."""
    said = max((len(p) for p, _ in option_phrases(item) if tuple(words[at : at + len(p)]) == p), default=0)
    off = max((len(p) for p in _off_phrases(item) if tuple(words[at : at + len(p)]) == p), default=0)
    return off if off >= said else 0


def negated_lists(item: Item, words: Words) -> Words:
    """ "without sausage and mushrooms", "hold the lettuce tomato and onion" → each one negated ("… and no
    mushrooms"): after "no X" where X is on the line (a default, or the menu's "No X"), each following choice
    that is on the line too, after "and"/"," (or bare, in a list that "and" ends), is taken off as well —
    adding what is already there is no reading (issue #23). A choice not on the line, of the first one's
    group, after "and" is negated too where the first was not on the line either ("without sour cream and
    cheese": two "no …" notes); after one on the line ("without onions and mayo") it is said both ways, so
    the line is asked about (contradictions), never silently added (issue #23, the session that broke the
    reader). A choice of another group ends the list ("no icing, warmed"). A negation said inside a list of
    choices ("with extra meat, no mayo, cucumber") starts none — what follows may restate what comes with
    the item or add to it — unless one choice not on the line ends the words after it ("…, black beans,
    without sour cream and cheese"): that one is asked."""
    if not any(w in NEGATIONS for w in words):
        return words
    out = list(words)
    i = 0
    while i < len(out):
        if out[i] not in NEGATIONS:
            i += 1
            continue
        spelt = out[i] not in ("no", "not")  # "without", "hold the": a list of what to take off
        listed = _in_a_list(item, out, i)
        j = i + 1
        while j < len(out) and out[j] in ("the", "any"):
            j += 1
        span = _off_at(item, out, j)
        on = bool(span)
        span = span or _said_at(item, out, j)
        if listed and on and spelt and _all_off(item, out, j, span):
            listed = False  # "a torta de pastor, hold the mayo and tomato": both off (break10 kind E)
        if not span or (listed and on):
            i = j
            continue
        said = tuple(out[j : j + span])
        if ("no", *said) in _no_phrases(item) and tuple(out[i : j + span]) not in _no_phrases(item):
            out[i:j] = ["no"]  # "without onions" where the menu says "No Onions": that option
            j = i + 1
        j += span
        members = _listed(item, out, j, _groups_of(item, said), spelt)
        if listed and (len(members) != 1 or sum(members[0][:2]) != len(out)):
            i = j  # "…, not toasted, lettuce, tomato": a list of what to add goes on after it
            continue
        taken = []
        for at, length, there in members:
            member = out[at : at + length]
            if there or not (on or listed):
                taken += ["and", "no", *member]
            else:  # said both ways, by the option's own name, so that the line is asked about
                named = next(o for p, o in option_phrases(item) if p == tuple(member))
                taken += ["and", *member, "and", "no", *words_of(named.name)]
        end = members[-1][0] + members[-1][1] if members else j
        out[j:end] = taken
        i = j + len(taken)
    return tuple(out)


def _all_off(item: Item, words: list[str], at: int, span: int) -> bool:
    """Does the negated choice at ``at`` start a list ("hold the mayo and the tomato") of other choices each on
    the line? Then the list is what to take off, even said after a choice ("a torta de pastor, …"); never
    one naming the same choice again ("hold the whip, whipped cream"). Issue #23, break10 kind E."""
    said = tuple(words[at : at + span])
    members = _listed(item, words, at + span, _groups_of(item, said), True)
    first = _options_of(item, said)
    return bool(members) and all(
        there and not first & _options_of(item, tuple(words[m : m + n])) for m, n, there in members
    )


def _options_of(item: Item, said: Words) -> frozenset[str]:
    """The ids of the options ``said`` (or "no" + it) names."""
    return frozenset(o.id for p, o in option_phrases(item) if p in (said, ("no", *said)))


def _said_at(item: Item, words: list[str], at: int) -> int:
    """The length of the longest option phrase of ``item`` said at ``at`` that negates or adds nothing by
    itself ("no pickles", "extra cheese", "add bacon" end a list), else 0."""
    said = max((len(p) for p, _ in option_phrases(item) if tuple(words[at : at + len(p)]) == p), default=0)
    return 0 if not said or words[at] in NEGATIONS or words[at] in _ADDING else said


_ADDING = frozenset({"add", "extra", "more", "with", "plus"})


def _groups_of(item: Item, said: Words) -> frozenset[str]:
    """The groups of the options ``said`` (or "no" + it) names."""
    return frozenset(o.group_id for p, o in option_phrases(item) if p in (said, ("no", *said)))


def _listed(
    item: Item, words: list[str], at: int, groups: frozenset[str], spelt: bool = False
) -> list[tuple[int, int, bool]]:
    """The choices listed from ``at`` on, each (where, how long, on the line): after "and" ("and the"), or
    bare in a run of choices on the line that "and" ends ("lettuce tomato and onion"); the gaps between
    them are "and" or nothing. A choice not on the line is listed only from one of ``groups`` (the first
    one's): "no icing, warmed" says how to serve it, never "no warmed"; nor is one said with how it is served
    ("no blue cheese, ranch on the side": the ranch comes on the side — blind6 salad-builder)."""
    members: list[tuple[int, int, bool]] = []
    k = at
    while True:
        t = k + 1
        while t < len(words) and words[t] in ("the", "any"):
            t += 1
        if k < len(words) and words[k] == "and" and (n := _off_at(item, words, t) or _said_at(item, words, t)):
            if not _off_at(item, words, t) and not _negated_too(item, tuple(words[t : t + n]), groups, spelt):
                return members
            if any(words[t + n : t + n + len(p)] == p for p in _SIDE_SAID):
                return members
            if not spelt and _starts_what_to_add(item, words, t, n, groups):
                return members
            members.append((t, n, bool(_off_at(item, words, t))))
            k = t + n
            continue
        bare, m = [], k
        while n := _off_at(item, words, m):
            bare.append((m, n, True))
            m += n
        if not bare or m >= len(words) or words[m] != "and" or not (n := _off_at(item, words, m + 1)):
            return members
        members += [*bare, (m + 1, n, True)]
        k = m + 1 + n


_SIDE_SAID = tuple(p.split() for p in SIDE_PHRASES)


def _starts_what_to_add(item: Item, words: list[str], at: int, span: int, groups: frozenset[str]) -> bool:
    """Does the choice at ``at`` (on the line, of another group than the one "no" took from: ``groups``) start a
    list of what to add — "and" then a choice not on the line ("no tomato, white and hot", "no white sauce,
    tomato, cheese")? Then a bare "no" ended before it: the default is restated beside what is added, never
    taken off with the negation's list (blind10 halal-cart)."""
    if _groups_of(item, tuple(words[at : at + span])) & groups:
        return False
    after = at + span
    if after >= len(words) or words[after] != "and":
        return False
    return bool(_said_at(item, words, after + 1)) and not _off_at(item, words, after + 1)


def _negated_too(item: Item, said: Words, groups: frozenset[str], spelt: bool) -> bool:
    """Is a choice not on the line, ``said`` after "no X and", negated too? Where it is of X's group
    (``groups``); after a negation spelt out (``spelt``: "without", "hold the", never a bare "no", whose list
    goes on to what to add: "no tahini, tzatziki"), also a thing an add-on group holds ("without onions and
    bacon": never Bacon added; issue #23, the session that broke the reader); never a way of making it
    ("without icing, warmed": one word ending "-ed") nor an answer to a required choice."""
    if groups & _groups_of(item, said):
        return True
    if not spelt:
        return False
    if len(said) == 1 and how_made(said[0]):
        return False
    required = {g.id for g in choice_groups(item) if g.min >= 1}
    return not _groups_of(item, said) & required


def _in_a_list(item: Item, words: list[str], at: int) -> bool:
    """Is the negation at ``at`` said inside a list of choices (a choice, or nothing — the model's modifiers
    — then "and", then it)?"""
    if at < 1 or words[at - 1] != "and":
        return False
    return at == 1 or any(tuple(words[max(0, at - 1 - len(p)) : at - 1]) == p for p, _ in option_phrases(item))


def halves_of(item: Item, words: Words) -> tuple[Words, list[str]]:
    """ "half white rice half greens", "half pepperoni half plain": two options of one group, each on half.
    Both are chosen; where the group is an add-on (toppings: nothing chosen means none), the split is also
    a kitchen note ("half sausage half onions"), else a topping would cover the whole — unless the item is sold
    in a count of pieces ("20 timbits, half chocolate half birthday cake": the kinds share the pieces, blind10
    coffee-and-donuts); a required choice
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
        halves = _halves_offered(first[1], second[1])
        if halves is not None:  # "half meatball half onion": each on its half, said as the menu names them
            said = [*halves[0], *first[0], "and", *halves[1], *second[0]]
            out[i:end] = said
            i += len(said)
            continue
        shared = _box_halves(item, group, first[1], second[1])
        if shared is not None:  # "a dozen pastelitos, half guava half beef": six of each (blind11 cuban-ventanita)
            said = [shared, *first[0], "and", shared, *second[0]]
            out[i:end] = said
            i += len(said)
            continue
        if group is not None and group.min == 0 and not sold_in_counts(item):  # a pack's kinds share its pieces
            notes.append(" ".join(w for w in out[i:end] if w != "and"))
        if out[j - 1] == "and":
            del out[j]  # the second "half", then the first
            end -= 1
        else:
            out[j] = "and"  # "half peanut butter half chocolate": two choices, never one compound
        del out[i]
        i = end - 1
    return tuple(out), notes


def _box_halves(item: Item, group: ModifierGroup | None, first: Option, second: Option) -> str | None:
    """Half the pieces of a box whose name says its count (Dozen Pastelitos: "6"), where ``group`` takes exactly
    that many and each kind may be chosen half of them; else None."""
    count = box_count(item)
    if count is None or count % 2 or group is None or not group.min == group.max == count:
        return None
    half = count // 2
    return str(half) if first.max_quantity >= half and second.max_quantity >= half else None


def _halves_offered(first: Option, second: Option) -> tuple[Words, Words] | None:
    """The words of the two halves where ``first`` and ``second`` each hold a placement group of two options
    named "… Half" ("Left Half", "Right Half": blind7 pizzeria), the first half for the first said; else None."""
    places = [
        next((g.options for g in o.modifier_groups if len(g.options) == 2 and all(_a_half(h) for h in g.options)), None)
        for o in (first, second)
    ]
    if places[0] is None or places[1] is None:
        return None
    return words_of(places[0][0].name), words_of(places[1][1].name)


def _a_half(option: Option) -> bool:
    return "half" in words_of(option.name)


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


def _subbed(item: Item, words: Words) -> Words:
    """ "sub almond milk", "sub agave for honey": "sub" before an option of ``item`` chosen once from its
    group says it replaces what the group had (so the option alone), and "for Y" names what it replaces (read as
    "instead of Y"); anything else ("a turkey sub") stays as said (blind5 smoothie-bar)."""
    if "sub" not in words:
        return words
    at = words.index("sub")
    on = _sub_what_it_comes_with(item, words, at)
    if on is not None:
        return on
    phrases = [p for p, o in option_phrases(item) if words[at + 1 : at + 1 + len(p)] == p and _once(item, o)]
    whole = any(words[at : at + len(p)] == p for p, _ in option_phrases(item))  # "sub roll": the Hero's alias said
    if not phrases or whole:  # whole, never "sub" before the Roll (generated reads, blind11 bodega-deli)
        return words
    end = at + 1 + max(len(p) for p in phrases)
    lead = ("instead",) if words[end : end + 1] == ("for",) else ()
    return (*words[:at], *words[at + 1 : end], *lead, *(("of",) if lead else ()), *words[end + 1 if lead else end :])


def _sub_what_it_comes_with(item: Item, words: Words, at: int) -> Words | None:
    """ "sub the blueberries for mango": after "sub", an option ``item`` comes with (a default), then "for" and
    an option of the same group it does not come with, says the one it comes with goes — read "mango instead of
    blueberries" (which comes with it says which way round; blind12 acai-bowls); None otherwise."""
    start = at + 1 + (words[at + 1 : at + 2] == ("the",))
    old = _named_after(item, words[start:])
    end = start + len(old[0]) if old is not None else start
    if old is None or not old[1].default or words[end : end + 1] != ("for",):
        return None
    new = _named_after(item, words[end + 1 :])
    if new is None or new[1].default or new[1].group_id != old[1].group_id:
        return None
    return (*words[:at], *new[0], "instead", "of", *old[0], *words[end + 1 + len(new[0]) :])


_SWAPS = frozenset({"swap", "switch", "change"})


def _swapped(item: Item, words: Words) -> Words:
    """ "swap the fries for mac", "switch the slaw to greens": an option of ``item`` chosen once from its group,
    then "for" / "to" / "with" and another option of that group, is "<the other> instead of <it>" (read by
    :func:`instead_of`); "swap to <an option of such a group>" is that option, chosen in place of what the
    group had (blind11 poutine-shop); anything else stays as said (blind10 hot-chicken)."""
    at = next((i for i, w in enumerate(words) if w in _SWAPS), None)
    if at is None:
        return words
    if words[at + 1 : at + 2] == ("to",):  # "swap to peppercorn gravy": the group's one choice, now this one
        new = _named_after(item, words[at + 2 :])
        return (*words[:at], *words[at + 2 :]) if new is not None and _once(item, new[1]) else words
    start = at + 1 + (words[at + 1 : at + 2] in (("the",), ("out",)))
    old = _named_after(item, words[start:])
    end = start + len(old[0]) if old is not None else start
    if old is None or not _once(item, old[1]) or words[end : end + 1] not in (("for",), ("to",), ("with",)):
        return _group_swapped(item, words, at, start)
    new = _named_after(item, words[end + 1 :])
    if new is None or new[1].group_id != old[1].group_id or new[1] is old[1]:
        return words
    return (*words[:at], *new[0], "instead", "of", *old[0], *words[end + 1 + len(new[0]) :])


def _group_swapped(item: Item, words: Words, at: int, start: int) -> Words:
    """ "swap the rice for white": the words between "swap (the)" and "for" / "to" / "with" name the group (of
    its name: Rice or Noodles) whose one choice follows — that choice, in place of what the group had (blind12
    hibachi-express); anything else stays as said."""
    end = next((i for i in range(start + 1, min(start + 4, len(words))) if words[i] in ("for", "to", "with")), None)
    new = _named_after(item, words[end + 1 :]) if end is not None else None
    if end is None or new is None or not _once(item, new[1]):
        return words
    group = next(g for g in choice_groups(item) if g.id == new[1].group_id)
    if not set(words[start:end]) <= set(words_of(group.name)):
        return words
    return (*words[:at], *new[0], *words[end + 1 + len(new[0]) :])


def _once(item: Item, option: Option) -> bool:
    """Is ``option`` one of a group of ``item`` chosen once (what it replaces is that group's other choice)?"""
    return any(g.id == option.group_id and g.max == 1 for g in choice_groups(item))


def instead_of(item: Item, words: Words) -> Words:
    """ "brown rice instead of white", "fruit instead of the potatoes": the choice said before replaces the
    one named after "instead of" — an option of ``item`` (said back as "no …" when it comes with the item, so
    it is taken off) or a group's name; the replaced words are never read as a second choice. A trailing
    "instead" ("make it rye instead") says nothing more. Anything else after "instead of" stays to be asked."""
    words = _not_the_other(item, _subbed(item, _swapped(item, words)))
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
    named = _named_after(item, rest)
    if named is not None:
        phrase, option = named
        said = ("no", *phrase) if option.default else ()
        end = start + len(phrase)
        end += out[end : end + 1] == ["1"]  # "instead of the sweet one": Sweet Mustard, named by a word and "one"
        return (*out[:at], *said, *out[end:])
    names = (words_of(g.name) for g in choice_groups(item))
    group = next((n for n in names if n == rest[: len(n)]), None)
    if group:
        return (*out[:at], *out[start + len(group) :])
    return words


def _named_after(item: Item, rest: Words) -> tuple[Words, Option] | None:
    """The option of ``item`` (and its longest phrase) that ``rest`` starts with, or None."""
    named = [(p, o) for p, o in option_phrases(item) if rest[: len(p)] == p]
    return max(named, key=lambda n: len(n[0])) if named else None


def replaced_option(item: Item, words: Words) -> Option | None:
    """The option of ``item`` named after "instead of" in ``words`` ("yuca instead of the fries": French Fries):
    what a correction "Y instead of X" takes back, and nothing else (blind8 pollo-brasa); None when none is."""
    at = next((i for i in range(len(words) - 1) if words[i : i + 2] == ("instead", "of")), None)
    if at is None:
        return None
    start = at + 2
    while start < len(words) and words[start] in _REPLACED_LEADS:
        start += 1
    named = _named_after(item, words[start:])
    return named[1] if named is not None else None


def made_into(item: Item, words: Words) -> tuple[Option, Words] | None:
    """ "make the chili a broccoli cheddar": the option of ``item`` named after "make the" (X) and the words
    said for what replaces it (Y, its article dropped), where Y is said; None for any other words. A
    correction of a choice on the line, never a second pick of X (blind9 soup-and-sandwich's pick two). "swap
    the X for Y" says the same (blind14 meat-and-three, a side of three swapped)."""
    swap = words[:1] and words[0] in _SWAPS  # "swap the corn for mac": the corn's place, as "make the corn mac"
    start = 1 + (words[1:2] in (("the",), ("out",))) if swap else 2
    if not swap and words[:2] != ("make", "the"):
        return None
    named = _named_after(item, words[start:])
    if named is None:
        return None
    rest = words[start + len(named[0]) :]
    if swap and rest[:1] not in (("for",), ("to",), ("with",)):
        return None
    rest = rest[1:] if rest[:1] in (("a",), ("an",), ("into",), ("for",), ("to",), ("with",)) else rest
    if rest and _its_own_choices(item, named[1], rest):
        return None  # "make the milk tea iced": the Milk Tea made Iced (a choice under it), never replaced
    return (named[1], rest) if rest else None


def _its_own_choices(item: Item, option: Option, words: Words) -> bool:
    """Are ``words`` all words of the choices nested under ``option`` (its Temperature's Iced)?"""
    under = {x.id for g in option.modifier_groups for x in g.options}
    said = {w for p, o in option_phrases(item) if o.id in under for w in p}
    return bool(under) and all(w in said or w in FILLER for w in words)


_SIZES = SIZE_WORDS - OPTION_LEADS  # "large", never "extra" (an amount)


@per_object
def _sized_groups(item: Item) -> tuple[tuple[str, Words, tuple[Words, ...]], ...]:
    """(size word, group name, the phrases of the choices under the group's options) for each of ``item``'s
    groups whose options hold choices, with an option said "<size> <group name>" ("Large Drink" of 44 oz Drink
    Upgrade in a Drink group whose cups hold the flavours)."""
    out = []
    phrases = option_phrases(item)
    for group in item.modifier_groups:
        name = words_of(group.name)
        under = {n.id for o in group.options for g in o.modifier_groups for n in g.options}
        held = tuple(p for p, o in phrases if o.id in under)
        sizes = {p[0] for p, o in phrases if o.group_id == group.id and p[1:] == name and p[0] in _SIZES}
        out += [(size, name, held) for size in sorted(sizes) if name and held]
    return tuple(out)


def sized_of_its_group(item: Item, words: Words) -> Words:
    """ "make the drink a large", "a large coke zero": a size word said of a group's name or right before a
    choice held under the group's options is that group's "<size> <group name>" option (44 oz Drink Upgrade
    by its alias "large drink"), never another part's size said by the same word (the Large Popcorn Upgrade:
    blind7 cinema-concessions) — read as "large drink", where the item is named (fit_words)."""
    for size, name, held in _sized_groups(item):
        if size not in words:
            continue
        at = words.index(size)
        if words[at + 1 : at + 1 + len(name)] == name:
            continue
        j = at - 1
        if j >= len(name) and words[j] in ("a", "an") and words[j - len(name) : j] == name:  # "the drink a large"
            return (*words[: j - len(name)], size, *name, *words[at + 1 :])
        if any(words[at + 1 : at + 1 + len(p)] == p for p in held):  # "a large coke zero"
            return (*words[: at + 1], *name, *words[at + 1 :])
    return words


def _not_the_other(item: Item, words: Words) -> Words:
    """ "baked, not steamed", "medium rare not well done": "not Y" right after X, both choices of one group
    that takes one, says X instead of Y (blind7 dim-sum) — read as "X instead of Y". Said the other way
    round, "not medium, well done" (:func:`not_then_the_other`) is the same correction."""
    if "not" not in words or "instead" in words:
        return words
    at = words.index("not")
    before = at - 1 if at and words[at - 1] in SEPARATORS else at
    x = [o for p, o in option_phrases(item) if before >= len(p) and words[before - len(p) : before] == p]
    y = [o for p, o in option_phrases(item) if words[at + 1 : at + 1 + len(p)] == p]
    groups = {g.id for g in choice_groups(item) if g.max == 1}
    if any(a.group_id == b.group_id and a.id != b.id and a.group_id in groups for a in x for b in y):
        return (*words[:before], "instead", "of", *words[at + 1 :])
    return words


def not_then_the_other(item: Item, words: Words) -> Words:
    """ "not medium, well done": "not Y" then X right after it, both choices of one group that takes one, is X
    instead of Y (issue #23, a newcomer on the demo menu), read as "X instead of Y" before a list of negations
    could take X off too. Where the comma is gone every way to part the words into Y then X is tried, each said
    by the menu's own names ("medium well done": Medium, then Well Done); only one such way is read, else the
    words stay as said (asked)."""
    if "not" not in words or "instead" in words:
        return words
    at = words.index("not")
    groups = {g.id for g in choice_groups(item) if g.max == 1}
    parts = set()
    for y, old in option_phrases(item):
        start = at + 1 + len(y)
        if words[at + 1 : start] != y or old.group_id not in groups or not _menu_named(old, y):
            continue
        start += start < len(words) and words[start] in SEPARATORS
        said = [(p, o) for p, o in option_phrases(item) if words[start : start + len(p)] == p]
        new = max(said, key=lambda s: len(s[0]), default=None)  # its longest phrase there
        if new is not None and new[1].group_id == old.group_id and new[1] is not old and _menu_named(*new[::-1]):
            parts.add((y, new[0], start))
    if len(parts) != 1:
        return words
    ((y, x, start),) = parts
    return (*words[:at], *x, "instead", "of", *y, *words[start + len(x) :])


def _menu_named(option: Option, phrase: Words) -> bool:
    """Is ``phrase`` ``option``'s name or one of its aliases, as the menu writes them (no tail of a name)?"""
    return any(words_of(n) == phrase for n in (option.name, *option.aliases))


@per_object
def _split_by_on(item: Item) -> dict[str, tuple[tuple[Words, Words], ...]]:
    """Each option name of ``item`` in two parts (what, where), keyed by the first word of where: "Sugar Rim"
    → ("sugar",), ("rim",); "Light Cheese" → ("light",), ("cheese",)."""
    splits: dict[str, list[tuple[Words, Words]]] = {}
    own = {w for n in (item.name, *item.aliases) for w in words_of(n)}  # "italian on white": the Italian BMT's
    for phrase, _ in option_phrases(item):
        if len(phrase) < 2 or "on" in phrase or "the" in phrase:
            continue
        for i in range(1, len(phrase)):
            if not set(phrase[:i]) <= FILLER and own.isdisjoint(phrase[:i]):
                splits.setdefault(phrase[i], []).append((phrase[:i], phrase[i:]))
    return {w: tuple(s) for w, s in splits.items()}


@per_object
def _phrases_with_on(item: Item) -> tuple[Words, ...]:
    """The option phrases of ``item`` that say "on" themselves ("go easy on the sugar", an alias)."""
    return tuple(p for p, _ in option_phrases(item) if "on" in p)


def _said_whole_with_on(item: Item, words: list[str], at: int) -> bool:
    """Is the "on" at ``at`` inside an option phrase said whole ("go easy on the sugar" of Light Sugar)? Then
    the phrase is read as the menu says it, never joined into another name (blind12 korean-corndog)."""
    for phrase in _phrases_with_on(item):
        for start in range(max(0, at - len(phrase) + 1), at + 1):
            if tuple(words[start : start + len(phrase)]) == phrase:
                return True
    return False


def said_on(item: Item, words: Words) -> Words:
    """ "sugar on the rim", "light on the cheese": an option's name said in two parts joined by "on (the)"
    (Sugar Rim, Light Cheese) is that option, its name said whole — never a note standing in for a choice
    the menu sells. Where no option is named so ("light on the ketchup" with no Light Ketchup) the words
    stay as said (a note); a first part that is a word of the item's own name ("italian on white" of the
    Italian BMT, whose bread may be Italian White) is the item's, never taken for the choice."""
    if "on" not in words:
        return words
    splits = _split_by_on(item)
    out = list(words)
    at = 0
    while at < len(out):
        if out[at] == "on" and not _said_whole_with_on(item, out, at):
            where = at + 1 + (out[at + 1 : at + 2] == ["the"])
            for what, part in splits.get(out[where] if where < len(out) else "", ()):
                if (
                    at >= len(what)
                    and tuple(out[at - len(what) : at]) == what
                    and tuple(out[where : where + len(part)]) == part
                ):
                    out[at - len(what) : where + len(part)] = [*what, *part]
                    at += len(part) - 1
                    break
        at += 1
    return tuple(out)


def said_by_its_alias(item: Item, words: Words, option: Option, listed: tuple[Option, ...]) -> bool:
    """Is ``option`` said only by an alias of ``item`` said in ``words`` ("bagel with cream cheese"), where the
    model's list ``listed`` answers its one-choice group ("scallion")? The list says the choice: never both, never
    asked (generated reads, blind11 bodega-deli)."""
    answered = {o.group_id for o in listed}
    if option.group_id not in answered or not any(g.id == option.group_id and g.max == 1 for g in choice_groups(item)):
        return False
    said = [words_of(a) for a in item.aliases if inside(words_of(a), words)]
    return any(inside(("with", *p), a) for a in said for p, o in option_phrases(item) if o is option)


def inside(phrase: Words, name: Words) -> bool:
    """``phrase`` said within ``name`` — but never a size word: "big" in "big stack meal" is a name, not Large."""
    if any(w in SIZE_WORDS for w in phrase):
        return False
    return any(name[i : i + len(phrase)] == phrase for i in range(len(name) - len(phrase) + 1))
