"""Reading some words as one item, and ranking the readings.

:func:`fit_words` reads words as one item, named one way (:data:`NAME_RANKS`): its name, its options
(longest phrase first), then notes; :func:`best_fits` gives each item's best reading, best first. The rule:
a word is explained or left unexplained (and so asked about), never dropped, and a lower :class:`Fit` key is
the better reading (fewest words unexplained, then a name said, then fewest required choices still open).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from app.core.menu import Item, Menu, ModifierGroup, Option
from app.core.reading.all_of_one import all_of_one, box_of_one, said_all, sized_box_of_one
from app.core.reading.candidates import CHOICE_UNITS, unexplained_at_least
from app.core.reading.comes_with import (
    as_usual,
    black,
    everything,
    everything_but,
    halves_of,
    inside,
    instead_of,
    less_of_what_is_on,
    more_of_what_is_on,
    negated_lists,
    negations_apart,
    not_then_the_other,
    one_of_each,
    only,
    plain,
    said_on,
    said_two_ways,
    sized_of_its_group,
)
from app.core.reading.group_counted import group_counted
from app.core.reading.head_in_a_choice import name_without_head_in_a_choice
from app.core.reading.included import included
from app.core.reading.measured import level_of_its_thing
from app.core.reading.memo import per_object, read_memo
from app.core.reading.more_of_the_dish import Sold, more_of_the_dish, sold
from app.core.reading.negated_names import one_thing_taken_off
from app.core.reading.nesting import offered_often
from app.core.reading.notes import A_BIT_PAST, HOW_SERVED
from app.core.reading.own_name import said_beside_its_alias
from app.core.reading.shorthand import (
    restated_once,
    shared_shorthand,
    shorthand_taken_off,
    take_shorthand,
    taken_off_shorthand,
)
from app.core.reading.size_first import counts_a_pick
from app.core.reading.sizes_named import name_in_a_size
from app.core.reading.spoken import (
    FILLER,
    MULTIPLIERS,
    NEGATIONS,
    SIDE_PHRASES,
    spoken_count,
    take_message,
    take_notes,
)
from app.core.reading.vocabulary import (
    OPTION_LEADS,
    SIZE_WORDS,
    VARIATION_GROUP,
    Words,
    choice_groups,
    find_phrase,
    head_nouns,
    how_made,
    item_names,
    option_phrases,
    option_words,
    told_apart,
    top_groups,
    words_of,
)
from app.core.reading.writing import takes_writing


@dataclass(order=True)
class Fit:
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
    all_of: tuple[Option, ...] = field(compare=False, default=())  # said after "all": fills the line's count


@per_object
def _negations_first(item: Item) -> tuple[tuple[Words, Option], ...]:
    return tuple(sorted(option_phrases(item), key=lambda p: p[0][0] not in NEGATIONS))  # "no onions" first


@per_object
def _phrases_by_word(item: Item) -> dict[str, tuple[int, ...]]:
    """Where in :func:`_negations_first` each word's phrases are: the phrases some words can say are found
    without testing each of an item's hundreds of phrases against every piece."""
    at: dict[str, list[int]] = {}
    for i, (phrase, _) in enumerate(_negations_first(item)):
        at.setdefault(phrase[0], []).append(i)
    return {word: tuple(places) for word, places in at.items()}


def _phrases_said(item: Item, present: set[str | None]) -> list[tuple[Words, Option]]:
    """The pairs of :func:`_negations_first` (in its order) whose phrase has all its words in ``present``."""
    by_word, pairs = _phrases_by_word(item), _negations_first(item)
    places = sorted(i for w in present if isinstance(w, str) for i in by_word.get(w, ()))
    return [pairs[i] for i in places if present.issuperset(pairs[i][0])]


def _take_options(item: Item, words: list[str | None], heard: Words = ()) -> tuple[list[Option], list[Words]]:
    """Options said among ``words`` (marked used in place; ``heard``: all of them, the name's too), longest
    phrase first.

    An option said again is chosen again while its ``max_quantity`` allows ("extra shot, extra shot"),
    and beyond it left unexplained (asked about, never dropped); a once-only option said again is a
    restatement ("large fries" + ["large"] is one Large).
    """
    found: list[tuple[int, Option]] = []
    spans: list[Words] = []
    counts: dict[str, int] = {}
    said_as: dict[int, list[Words]] = {}  # id(option) → the phrases it was said by
    groups = {g.id: g for g in choice_groups(item)}
    present = set(words)
    own = {words_of(n) for n in (item.name, *item.aliases)}
    negated: set[int] = set()  # where a phrase said after a negation lies: never a shorter one's
    refused: set[tuple[int, int]] = set()  # (id(option), where) a saying of it beyond what it allows lies
    said = tuple(words)  # as said, before any phrase is marked used
    for phrase, option in _phrases_said(item, present):
        while (at := find_phrase(words, phrase)) >= 0:
            if phrase[0] not in NEGATIONS and _negated_here(item, phrase, words, at):
                if at and (words[at - 1] in NEGATIONS or words[at - 1] in _DEGREE or _the_after_no(words, at)):
                    negated.update(range(at, at + len(phrase)))  # said of this phrase, not "no onion extra chili"
                break  # "no sour cream" is a note, never the Sour Cream option
            if _a_lead_of_another(item, phrase, option, said, at):
                break  # "extra tahini": never the Extra Dressing of a Dressing Amount group (blind6 salad-builder)
            if at in negated:
                break  # "not too well done": never "done" alone read as Well Done (issue #23)
            if _a_quality_by_degree(groups.get(option.group_id), option, phrase, said, words, at):
                break  # "extra spicy" is how hot, never the Spicy Achar (blind11 nepali-momo): asked about
            if tuple(words[max(0, at - 2) : at]) == ("cut", "in"):
                break  # "cut in half" is how to cut it, never the Half size
            if _how_it_is_made(item, option, phrase, said, at + len(phrase)):
                break  # "a medium burger, grilled": how the burger is made, never the Grilled Onions (asked)
            if _front_of_another(item, option, phrase, said, at + len(phrase)):
                break  # "sugar free caramel", "honey bbq", "two shots": left unexplained, so asked about
            if counts_a_pick(item, option, phrase, heard or said, at):
                break  # "a dozen donuts, six glazed": six of the Glazed, never the Half Dozen (break12)
            if phrase == ("side",) and tuple(words[max(0, at - 2) : at]) == ("on", "the"):
                break  # "ranch on the side" is how the ranch comes, never the Side size (break10)
            times = sum(1 for _, o in found if o is option)
            group = groups.get(option.group_id)
            full = (
                group is not None
                and group.max == 1
                and counts.get(group.id, 0) >= 1
                and not offered_often(item, option)
            )
            if full and not times:
                break  # "large" after "waffle cone" filled the holder: the word stays to be asked about
            if times and times >= option.max_quantity > 1:
                break  # a third "extra shot" of two allowed: left unexplained, so it is asked about
            end = at + len(phrase)
            head = words_of(option.name)[-1:]
            if end < len(words) and head and words[end] == head[0] and head[0] not in phrase:
                end += 1  # "skinny milk": the alias, then the head noun of the option's name
            elif head and head[0] not in phrase and phrase != words_of(option.name) and _said_before(words, at, head):
                at -= 2 if words[at - 1] == "and" else 1  # "vanilla, sugar free": one saying of Sugar-Free Vanilla
            named = _group_words(group)
            named = () if named in own else named  # "a decaf coffee" where the item is Coffee: the item again
            if named and tuple(words[end : end + len(named)]) == named:
                end += len(named)  # "wheat toast", "ranch dressing": the option, then its group's name
            elif named and tuple(words[end : end + len(named) + 1]) == ("of", *named):
                end += len(named) + 1  # "600 grams of rice" of a group Rice: the option, "of", its group's name
            elif named and at >= len(named) and tuple(words[at - len(named) : at]) == named:
                at -= len(named)  # "eggs poached": the group's name, then the option
            elif len(named) > 1 and end < len(words) and words[end] == named[-1] and named[-1] not in phrase:
                end += 1  # "3 bbq sauces" where the group is Dipping Sauces: the option, then what it is
            elif (styled := _what_it_styles(group, named, phrase, own)) and tuple(
                words[end : end + len(styled)]
            ) == styled:
                end += len(styled)  # "hard egg" of a group Egg Style: the option, then the thing made so
            elif styled and at >= len(styled) and tuple(words[at - len(styled) : at]) == styled:
                at -= len(styled)  # "the egg scrambled", "egg over hard": the thing, then how it is made
            lead = _measured_count(words, at, end)
            count = words[at - 1] if at and option.max_quantity > 1 else None
            many = (spoken_count(count) or 1) if isinstance(count, str) and count not in ("a", "an") else 1
            if count is not None and not count.isdigit() and count not in MULTIPLIERS:
                many = 1  # "2 extra shots", "double bacon"; other words before an option are no count
            if lead is not None:
                many, at, end = lead  # "three pumps of vanilla", "vanilla x4", "one pump"
            elif isinstance(count, str) and spoken_count(count) and (within := included(item, option, phrase)):
                many, words[at - 1] = many - within, None  # "double egg" on a crepe with one egg: one Extra
                if many <= 0:  # Egg (:mod:`.included`); "one egg": as it comes
                    words[at:end] = [None] * (end - at)
                    continue
            again = any((id(option), i) in refused for i in range(at, end))
            if times and many == 1 and option.max_quantity <= 1 and phrase not in said_as[id(option)] and not again:
                words[at:end] = [None] * (end - at)  # "a large, three scoop": Large said again by its alias
                continue
            if times and many == 1 and option.max_quantity <= 1 and _before_its_own_choice(option, said, end):
                words[at:end] = [None] * (end - at)  # "steak and chicken combo, steak medium": whose choice follows
                continue
            if times + many > max(option.max_quantity, 1) and (many > 1 or times):
                # more than allowed: the words stay unexplained, so they are asked about — never a shorter
                # phrase of the same option inside them ("extra cheese, extra cheese": "cheese") read as a
                # restatement, which would drop the repeat silently (issue #23, the demo menu)
                refused.update((id(option), i) for i in range(at, end))
                break
            several = option.max_quantity > 1 or (group is not None and group.max > 1)
            if lead is None and at and (many > 1 or (words[at - 1] == "1" and several)):
                words[at - 1] = None  # "2 extra shots"; "one mango, one green tea": each once
            words[at:end] = [None] * (end - at)
            if times and option.max_quantity <= 1:
                continue  # a once-only option said again: a restatement ("large fries" + ["large"])
            found += [(at, option)] * many
            spans.append(phrase)
            said_as.setdefault(id(option), []).append(phrase)
            counts[option.group_id] = counts.get(option.group_id, 0) + many
    return [o for _, o in sorted(found, key=lambda f: f[0])], spans


def _before_its_own_choice(option: Option, said: Sequence[str | None], end: int) -> bool:
    """Is a once-only ``option`` said again right before a choice of its own nested group ("steak and chicken
    combo, steak medium" where Steak holds a Steak Temperature)? The name says whose choice follows, never a
    second Steak (blind12 hibachi-express)."""
    return any(
        tuple(said[end : end + len(n)]) == n
        for g in option.modifier_groups
        for o in g.options
        for n in (words_of(o.name), *(words_of(a) for a in o.aliases))
        if n
    )


@per_object
def _option_starts(item: Item) -> dict[str, tuple[tuple[Words, Option], ...]]:
    """``item``'s option phrases by their first word, those led by "extra", "no"… left out."""
    starts: dict[str, list[tuple[Words, Option]]] = {}
    for phrase, option in option_phrases(item):
        if phrase[0] not in OPTION_LEADS and phrase[0] not in NEGATIONS:
            starts.setdefault(phrase[0], []).append((phrase, option))
    return {w: tuple(p) for w, p in starts.items()}


def _front_of_another(item: Item, option: Option, phrase: Words, said: tuple[str | None, ...], end: int) -> bool:
    """Is ``phrase`` only the front of ``option``'s name (its head unsaid), two words or more said right before
    another option of its group ("sugar free" of Sugar-Free Vanilla before "caramel"), or a bare number before
    an option that may be chosen that many times ("2" of 2% Milk before "shots": their count)? Then it says
    what that other thing is like, never a second option: a compound the menu does not sell is asked about
    (issue #23, the session that broke the reader). Options of different groups said in a row ("deep dish
    pepperoni"), and one-word fronts ("vanilla chocolate": two flavours listed), are each chosen."""
    name = words_of(option.name)
    if len(phrase) >= len(name) or name[: len(phrase)] != phrase:
        return False
    after = said[end] if end < len(said) else None
    counted = len(phrase) == 1 and phrase[0].isdigit()
    if after is None or (not counted and len(phrase) < 2):
        return False
    return any(
        o is not option
        and (o.max_quantity >= int(phrase[0]) if counted else o.group_id == option.group_id)
        and said[end : end + len(p)] == p
        for p, o in _option_starts(item).get(after, ())
    )


def _how_it_is_made(item: Item, option: Option, phrase: Words, said: tuple[str | None, ...], end: int) -> bool:
    """Is ``phrase`` one word saying how a thing is made ("grilled", :func:`~.vocabulary.how_made`) that only
    starts ``option``'s name (Grilled Onions, an add-on: no choice to be made), said with none of the rest of
    its names after it? Then it says how the item is made, never adds the option (issue #23, the breakers'
    leftovers); "a fried egg on top" (Fried Egg, alias "egg on top") and a side to choose ("mashed") keep it."""
    if len(phrase) != 1 or not how_made(phrase[0]):
        return False
    name, names = words_of(option.name), whole_names(option)
    if name[:1] != phrase or len(name) < 2 or phrase in names:
        return False  # only the first word of a longer name, read off it
    if any(g.min >= 1 for g in choice_groups(item) if g.id == option.group_id):
        return False
    after = said[end] if end < len(said) else None
    return not any(after in n for n in names)


_DEGREE = frozenset({"too", "so", "very"})  # "not too well done": a negation said of the choice after it


def _a_quality_by_degree(
    group: ModifierGroup | None,
    option: Option,
    phrase: Words,
    said: tuple[str | None, ...],
    words: list[str | None],
    at: int,
) -> bool:
    """Is ``phrase`` only the first words of ``option``'s name (its head noun unsaid, no alias the menu writes),
    said after a degree word, so a quality rather than that option? Either the one word before the rest of the
    name, which is its group's name ("extra spicy", "less spicy" of Spicy Achar in the Achar group), or, after
    "extra" / "very" / "super", where ``option`` would swap the default of a one-choice group: "extra spicy"
    says how hot, never the Spicy Achar in place of the Tomato Achar that comes with it; "extra" asks for more,
    never a swap ("extra ahi" of a many-choice group stays the Ahi Tuna; blind11 nepali-momo)."""
    name = words_of(option.name)
    if not at or group is None or len(phrase) >= len(name) or name[: len(phrase)] != phrase:
        return False
    if phrase in whole_names(option):
        return False
    if words[at - 1] in _HOW_MUCH and len(phrase) == 1 and name[1:] == words_of(group.name):
        return True
    return (
        said[at - 1] in _MORE_OF_A_QUALITY
        and group.max == 1
        and any(o.default and o is not option for o in group.options)
    )


_MORE_OF_A_QUALITY = frozenset({"extra", "very", "super"})
_HOW_MUCH = frozenset({"extra", "very", "more", "super", "less", "too", "so"})  # a degree said of a quality


def _said_before(words: list[str | None], at: int, head: Words) -> bool:
    """Is the head noun ``head`` of an option said right before ``at`` (or before a comma there), where a
    part of that option's name starts ("vanilla, sugar free" for Sugar-Free Vanilla)? Then both are one
    saying of it, never a second option read from the head (issue #23, the session that broke the reader)."""
    return (at >= 1 and words[at - 1] == head[0]) or (at >= 2 and words[at - 1] == "and" and words[at - 2] == head[0])


# what a repeatable choice is counted in: "two pumps of vanilla", "an extra shot", "three scoops"; "two orders
# of extra beef" (blind12 lanzhou-noodle)
_CHOICE_UNITS = CHOICE_UNITS


def _measured_count(words: list[str | None], at: int, end: int) -> tuple[int, int, int] | None:
    """A count said with a choice in its units or led by "extra": "three pumps (of) sugar free vanilla", "one
    pump", "vanilla x4", "two extra shrimp" → (how many, where the words start, where they end); None when no
    such count is said."""
    after = words[end] if end < len(words) else None
    if isinstance(after, str) and after[:1] == "x" and after[1:].isdigit():
        return int(after[1:]), at, end + 1
    i = at - 1
    if i >= 1 and words[i] == "of":
        i -= 1
    if i >= 1 and words[i] in _CHOICE_UNITS:
        count = words[i - 1]
        if isinstance(count, str) and (count.isdigit() or count in MULTIPLIERS or count in ("a", "an")):
            return spoken_count(count) or 1, i - 1, end
    if i >= 1 and words[i] in ("extra", "more") and isinstance(words[i - 1], str) and str(words[i - 1]).isdigit():
        return int(str(words[i - 1])), i - 1, end  # "two extra shrimp": the count is of the shrimp, never a level
    return None


def _what_it_styles(group: ModifierGroup | None, named: Words, phrase: Words, own: set[Words]) -> Words:
    """The thing a required group says how to make: its name less the last word ("egg" of Egg Style, chosen
    1 of 1), said beside one of its options as part of that choice (blind12 silog-house: "hard egg" is Over
    Hard, never also the Extra Egg add-on); () for other groups, where ``phrase`` says it already, or where it
    is the item itself, by a name of ``own`` ("steak medium" of Steak Temperature on Hibachi Steak: "steak"
    names the item, maybe another line's)."""
    if group is None or group.min < 1 or len(named) < 2 or set(named[:-1]) & set(phrase):
        return ()
    if any(set(named[:-1]) & set(name) for name in own):
        return ()
    return named[:-1]


def _group_words(group: ModifierGroup | None) -> Words:
    """A group's name as said around its option ("rye toast", "eggs scrambled", "azuki bottom" of a group "On
    the Bottom": the words it starts with say nothing); never a size's "Size", nor a name one of the group's
    options has ("sugar sweetener" of a Sweetener group holding Sweetener: both, blind10's generated reads)."""
    if group is None or group.id == VARIATION_GROUP:
        return ()
    return _said_around(group)


@per_object
def _said_around(group: ModifierGroup) -> Words:
    """:func:`_group_words` of a group that is no size, once per group."""
    named = words_of(group.name)
    if any(words_of(o.name) == named for o in group.options):
        return ()
    while named and named[0] in FILLER:
        named = named[1:]
    body = named[:-1] if named[-1:] and named[-1] in FILLER else named  # "Made With": said before its option
    return () if not body or any(w in OPTION_LEADS or w in FILLER for w in body) else named  # "Extras" is no
    # thing said


def _take_name(words: list[str | None], name: Words, ordered: bool, kept: tuple[int, ...] = ()) -> int:
    """Mark ``name`` used among ``words``; where it starts, or -1 when it is not there. Said out of order,
    never from the words at ``kept`` (:func:`_said_of_a_choice`)."""
    if ordered:
        at = find_phrase(words, name)
        if at >= 0 and _ends_served_apart(words, name, at):
            return -1
        if at >= 0:
            words[at : at + len(name)] = [None] * len(name)
        return at
    spots: list[int] = [*kept]
    for w in name:
        at = next((i for i, x in enumerate(words) if x == w and i not in spots), -1)
        if at < 0:
            return -1
        spots.append(at)
    spots = spots[len(kept) :]
    for at in spots:
        words[at] = None
    return min(spots)


_JOINS = frozenset({"and", "with"})


def _ends_served_apart(words: Sequence[str | None], name: Words, at: int) -> bool:
    """Is ``name``, said at ``at``, two things joined ("fries and gravy", "fries with gravy") whose second is
    said "on the side" right after it? Then that thing is served apart — "large fries, gravy on the side" is
    the fries with a side of gravy, never the Frite Sauce whose alias the comma happened to join (blind11
    poutine-shop)."""
    if _JOINS.isdisjoint(name[1:-1]):
        return False
    end = at + len(name)
    return any(tuple(words[end : end + len(p.split())]) == tuple(p.split()) for p in SIDE_PHRASES)


def _said_on_the_side(words: Words) -> tuple[int, ...]:
    """Where "on the side" is said ("an entree salad with blue cheese on the side"): how a choice is served,
    never a word of a name said out of order (the Side Salad; break10)."""
    out: list[int] = []
    for phrase in SIDE_PHRASES:
        said = tuple(phrase.split())
        out += [
            i + k
            for i in range(len(words) - len(said) + 1)
            if words[i : i + len(said)] == said
            for k in range(len(said))
        ]
    return tuple(out)


def _said_of_a_choice(item: Item, words: Words) -> tuple[int, ...]:
    """Where a multiplier is said right before one of ``item``'s choices ("cheeseburger with double cheddar"):
    it says how much of that choice, never a word of a name said out of order (the Double Cheeseburger; issue
    #23, the session that broke the reader)."""
    kept = [
        i
        for i, w in enumerate(words[:-1])
        if w in MULTIPLIERS and any(words[i + 1 : i + 1 + len(p)] == p for p, _ in option_phrases(item))
    ]
    for i, w in enumerate(words[:-1]):
        if w in _ADD_LEADS:  # "an extra egg": an add-on of the item, never a word of the Tomato & Egg Noodle
            # Soup's name said out of order (blind12 lanzhou-noodle)
            size = next((len(p) for p, _ in option_phrases(item) if p[0] == w and words[i : i + len(p)] == p), 0)
            kept += range(i + 1, i + size)
    return tuple(kept)


_ADD_LEADS = frozenset({"extra", "add", "more"})


def _said_within_choices(item: Item, words: Words, name: Words) -> bool:
    """Is every word of ``name`` (said out of order) that says something said only inside choices of ``item``
    named in two or more words and said whole ("veg fried rice and gobi manchurian")? Those words say the
    choices, never the item's name read across them (the Combo's alias "rice and manchurian"; blind14
    indo-chinese); a name with a word of its own said apart ("sweet cheese pierogi") is still said."""
    inside: set[int] = set()
    for phrase, _ in option_phrases(item):
        n = len(phrase)
        if n > 1:
            inside.update(j for i in range(len(words) - n + 1) if words[i : i + n] == phrase for j in range(i, i + n))
    said = [w for w in name if w not in FILLER]
    return bool(inside) and bool(said) and all(w != x or i in inside for w in said for i, x in enumerate(words))


def missing(item: Item, options: list[Option]) -> list[ModifierGroup]:
    """Required groups still unanswered (defaults answer their group)."""
    said = [o.group_id for o in options]
    return [g for g in top_groups(item) if g.min > said.count(g.id) + sum(1 for o in g.options if o.default)]


def _defaulted(item: Item, options: list[Option], open_: list[ModifierGroup]) -> list[ModifierGroup]:
    """The one-choice groups that none of ``options`` answers (none of ``open_``): one a default answers, or one
    that may be left empty, its choice said after "with" ("bagel with cream cheese", an alias of the Bagel, says its
    Spread; blind11 — "bagel and cream cheese" names the item only, as the generated reads label it)."""
    said = {o.group_id for o in options}
    return [g for g in top_groups(item) if g not in open_ and g.max == 1 and g.id not in said]


def _with_in_name(group: ModifierGroup, phrase: Words, name: Words) -> bool:
    """Is ``phrase`` said after "with" in ``name`` where ``group`` has no default ("bagel with cream cheese")?"""
    return any(o.default for o in group.options) or inside(("with", *phrase), name)


def _whole_name(option: Option, phrase: Words) -> bool:
    """Is ``phrase`` the option's name or one of its aliases said whole (never a part the reader made of it:
    "bourbon" of Bulleit Bourbon)? Only such a phrase in an item's alias says that choice over its default."""
    return phrase in whole_names(option)


@per_object
def whole_names(option: Option) -> frozenset[Words]:
    return frozenset(words_of(n) for n in (option.name, *option.aliases))


NAME_RANKS = {"name": 0, "any order": 1, "shared head": 2, None: 3}


def _menu_said(option: Option, phrase: Words) -> bool:
    """Is ``phrase`` the menu's own words for ``option`` (its name or aliases), not the lexicon's ("sweet" for an
    option called "sugar")? Only the menu's words make an alias answer a choice: the Crêpe Classique aliased
    "sweet crepe" is a sweet crêpe, its kind still to be asked (blind4 creperie), while "sweet tea" says Sweet."""
    return set(phrase) <= {w for n in (option.name, *option.aliases) for w in words_of(n)}


def fit_words(
    item: Item,
    words: Words,
    name: Words | None,
    how: str | None = None,
    options_first: bool = False,
    lent: tuple[tuple[Words, tuple[Option, ...]], ...] = (),
    sold_by: Sold | None = None,
) -> Fit | None:
    """``words`` read as ``item`` named by ``name`` (said ``how``: see :data:`NAME_RANKS`), or None; ``lent``: the
    shorthand the menu lends it (:func:`~.shorthand.shared_shorthand`); ``sold_by``: what the menu sells things by
    (:func:`~.more_of_the_dish.sold`)."""
    words = not_then_the_other(item, everything_but(item, negations_apart(item, words)))
    words = level_of_its_thing(item, words)  # "medium sugar": the Medium of a Sweetness group
    words = said_on(item, negated_lists(item, one_thing_taken_off(option_phrases(item), words)))
    words = group_counted(item, words, name)  # "two large sides, chips and peas": the sides listed
    words = sized_of_its_group(item, words) if name is not None else words  # of a combo named, never one guessed
    words, halves = halves_of(item, instead_of(item, words))
    work: list[str | None] = list(words)
    message = take_message(work, takes_writing(item))  # "…, that says happy birthday maya": before any choice
    lent = lent if name is not None else ()
    # "double double": the options the item's description (or, the item named, the menu's alike) says it is;
    # never of an alias said alone that holds it ("doubles with everything": the item as named)
    described = take_shorthand(item, work, lent) if words != name else None
    if described is not None:  # "everything, no onions": what it lists, less what is taken off
        described = described[0], taken_off_shorthand(item, work, described[1])
    at = -1
    if options_first:
        options, spans = _take_options(item, work, words)
    if name is not None:
        kept = (*_said_of_a_choice(item, words), *_said_on_the_side(words)) if how == "any order" else ()
        if how == "any order" and _said_within_choices(item, words, name):
            return None  # "veg fried rice and gobi manchurian": never the Combo's alias "rice and manchurian"
        at = _take_name(work, name, how != "any order", kept)
        if at < 0 and options_first and how == "name":
            at = name_in_a_size(item, words, name, spans)
        beside = name_without_head_in_a_choice(item, name, spans) if at < 0 and options_first else None
        if beside is not None:
            at = _take_name(work, beside, False, kept)  # "chicken c-momo": the head "momo" said by the C-Momo
        if at < 0:
            return None
        if how == "name":
            said_beside_its_alias(item, work, at, name)  # "satay beef noodles set": "set" is its name's
    if not options_first:
        options, spans = _take_options(item, work, words)
    if described is not None:
        options += restated_once(options, described[1])
        spans.append(described[0])
    if name is not None and name != words_of(item.name):  # "sweet tea", "hot wings", "a vanilla cone": an
        # alias that also answers a required choice (the menu's own name never does: "Spicy Chicken Sandwich",
        # nor an alias saying a word of that name: "spicy chicken" is the item, its heat is still to be asked)
        own = words_of(item.name)
        open_ = missing(item, options)
        for group in (*open_, *_defaulted(item, options, open_)):
            said = next(
                (
                    o
                    for p, o in option_phrases(item)
                    if o.group_id == group.id
                    and inside(p, name)
                    and not inside(p, own)
                    and (_menu_said(o, p) if group in open_ else _whole_name(o, p) and not o.default)
                    and (group in open_ or _with_in_name(group, p, name))
                    and (group.id != VARIATION_GROUP or _whole_name(o, p))  # "bowl of chili": no Bread Bowl
                ),
                None,
            )
            if said is not None:  # "unsweet tea": Unsweet, never the Sweet that comes by default (blind8)
                options.append(said)
    more_of = [
        *more_of_what_is_on(item, words, work, options),
        *less_of_what_is_on(item, words, work, options),
        *plain(item, words, work),
        *shorthand_taken_off(item, work, lent if name is not None else ()),
        *everything(item, work, options),
        *only(item, words, work, options),
    ]
    more_of += black(item, work)
    one_of_each(work, options)
    as_usual(item, work)  # "one jianbing regular": as it comes
    more_of += a_bit_past(item, words, work)
    options += all_of_one(item, name, options, words)  # "two scoops of chocolate": both chocolate
    options += box_of_one(item, name, words, options)  # "half a dozen honey dips": six of them
    sizes = [o.name for o in options if o.group_id == VARIATION_GROUP and name is not None]  # the item named:
    # never a part of a list of choices read alone (its whole list is :func:`.order._with_modifiers`'s)
    options += sized_box_of_one(item, words, options, sizes[0] if len(sizes) == 1 else None)  # "half dozen
    # chocolate cupcakes": six chocolate
    for i, w in enumerate(work[:-1]):
        after = i + 2 if w == "add" and work[i + 1] in _ARTICLES and i + 2 < len(work) else i + 1
        if (
            w in ("add", "extra", "more")
            and work[after] is None
            and words[after] not in SIZE_WORDS
            and not said_two_ways(item, words, i)
        ):
            work[i] = None  # "extra pepperoni" when the menu only has Pepperoni: the option is what was asked;
            # "add a fried egg", "add a 2 liter of sprite" (blind3 thai-kitchen, blind2 gyro-grill): the same
    known = option_words(item)
    more_of += more_of_the_dish(item, work, known, sold_by)  # "cha gio, extra fish sauce": more of the dish
    pieces = [w if w is not None else "and" for w in work]  # a used word still separates what is around it
    pieces = [w for i, w in enumerate(pieces) if not (w == "side" and pieces[i + 1 : i + 2] == ["of"])]
    notes, rest = take_notes(pieces, known)
    _its_own_made(item, words, notes, options)
    notes = [*halves, *more_of, *(_about_what(item, words, _said_with(item, words, n)) for n in notes), *message]
    unknown = tuple(w for w in rest if w not in FILLER)
    before = name is not None and any(w not in FILLER and w not in (None, "and") for w in words[:at] if w in unknown)
    covered = sum(1 for w in work if w is None)
    # fewest words unexplained, then a name said (whole before scattered), then the longest name said: an alias
    # that holds another item's name plus one of its options ("double cheese burger") is that alias
    named_words = -_name_said(item, name) if name is not None and how == "name" else 0
    key: tuple[int, ...] = (len(unknown), NAME_RANKS[how if name is not None else None], named_words)
    key = (*key, len(missing(item, options)), -covered, -(len(name) if name else 0))
    fit = Fit(key, item, None, tuple(options), tuple(notes), unknown, name is not None, name, tuple(spans))
    fit.unknown_first = before
    fit.all_of = said_all(item, words, options)
    return fit


_ARTICLES = frozenset({"a", "an", "the"})


def _name_said(item: Item, name: Words) -> int:
    """How much of a name ``name`` says: twice its content words ("with" adds nothing), one less where it is only
    a part of one of ``item``'s names — "greek salad" (the Greek Salad's whole name) says more than "salad with
    chicken" (a part of Fuji Apple Salad with Chicken) where the chicken is the Greek Salad's choice (blind9)."""
    content = sum(w not in FILLER for w in name)
    written = written_names(item)
    return 2 * content - (name not in written and any(inside(name, n) for n in written))


@per_object
def written_names(item: Item) -> frozenset[Words]:
    """``item``'s name and aliases as written."""
    return frozenset(words_of(n) for n in (item.name, *item.aliases))


def a_bit_past(item: Item, words: Words, work: list[str | None]) -> list[str]:
    """ "medium rare plus": a last "plus" / "minus" right after a choice separates nothing — it says a little
    past that choice, a note said back with it ("medium rare plus"), never dropped as filler (blind4
    steakhouse). Marks the word used."""
    if not words or words[-1] not in A_BIT_PAST or work[-1] is None or len(words) < 2 or work[-2] is not None:
        return []
    said = next((p for p, _ in option_phrases(item) if words[-1 - len(p) : -1] == p), None)
    if said is None:
        return []
    work[-1] = None
    return [" ".join((*said, words[-1]))]


_DANGLING = frozenset({"on", "the", "of", "a", "to"})  # "light on the": a note that stops before what it is about


# how to make a choice, said right after it ("bacon extra crispy"); "well done" is the item's, "on the side" below
_MADE = frozenset(HOW_SERVED) - {*SIDE_PHRASES, "on side", "well done"}


def _its_own_made(item: Item, words: Words, notes: list[str], options: list[Option]) -> None:
    """ "pork katsu curry …, katsu extra crispy", "a potato and egg taco, eggs well done": a choice said right
    before how to make it, in words of the item's own name or chosen already, is what the note is about (said
    back with it: "eggs well done") — never one more of it (a Pork Katsu topping, a second Egg); ``options``
    and ``notes`` changed in place (blind8 curry-house, breakfast-tacos)."""
    own = set(words_of(item.name))
    for k, note in enumerate(notes):
        if note not in _MADE and note != "well done":
            continue
        said = tuple(note.split())
        at = next((i for i in range(1, len(words)) if words[i : i + len(said)] == said), None)
        before = next(
            (
                (p, o)
                for p, o in option_phrases(item)
                if at is not None and tuple(words[at - len(p) : at]) == p and (set(p) <= own or options.count(o) > 1)
            ),
            None,
        )
        if before is not None and before[1] in options:
            options.remove(before[1])
            notes[k] = note if note in _MADE else f"{' '.join(before[0])} {note}"  # _about_what says the rest


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


def _a_lead_of_another(item: Item, phrase: Words, option: Option, words: Sequence[str | None], at: int) -> bool:
    """Is ``phrase`` a bare lead ("extra", "light") said of another group's choice right after it? "extra
    tahini" is more of the Lemon Tahini (or a note), never the level option Extra Dressing: "extra X" never
    picks an option "Extra Y" whose Y is not X; a bare "Extra" (a spread amount) is said of what it scales
    (issue #23, blind6 salad-builder; blind3 bagel-bakery)."""
    thing = {w for w in words_of(option.name) if w not in OPTION_LEADS}  # the Y of "Extra Y"; none of "Extra"
    if not thing or not all(w in OPTION_LEADS for w in phrase) or at + len(phrase) >= len(words):
        return False  # a bare "Extra" of an amount group is said of whatever it scales ("extra butter")
    after = tuple(words[at + len(phrase) :])
    return any(
        o.group_id != option.group_id and after[: len(p)] == p and not thing <= set(p) for p, o in option_phrases(item)
    )


def _and_before(item: Item, before: Words, option: Option) -> int:
    """Where the name of ``option``'s group begins, said whole at the end of ``before`` ("salt and vinegar" of
    a group "Salt & Vinegar": both on the side, never the vinegar alone; blind6 fish-and-chips), else where
    ``option``'s words begin ("feta and balsamic on the side" keeps the balsamic alone)."""
    start = len(before) - len(next(p for p, o in option_phrases(item) if o is option and before[-len(p) :] == p))
    group = next((g for g in choice_groups(item) if g.id == option.group_id), None)
    named = words_of(group.name) if group is not None else ()
    said = tuple(w if w != "&" else "and" for w in named)
    return len(before) - len(said) if len(said) > 1 and before[-len(said) :] == said else start


def _the_after_no(words: Sequence[str | None], at: int) -> bool:
    """Is the word before ``at`` "the" / "any" right after a negation ("hold the onion parsley")? Then the
    negation is said of the phrase at ``at`` whole: no shorter choice inside it ("parsley" of Onions & Parsley)
    is read as added (blind13 manakish-bakery)."""
    return at >= 2 and words[at - 1] in ("the", "any") and words[at - 2] in NEGATIONS


def _negated_here(item: Item, phrase: Words, words: Sequence[str | None], at: int) -> bool:
    """Is ``phrase`` at ``at`` said just after a negation ("no sour cream")? Not when the words between are
    a choice of their own, which the negation is said of, and the phrase names a thing of its own ("no onions
    gravy on the side": the Grilled Onions off, Gravy On The Side chosen; issue #23, blind6 plate-lunch) —
    never a bare "on the side" ("no ranch on the side" stays the ranch's)."""
    neg = next((i for i in range(at - 1, max(0, at - 2) - 1, -1) if words[i] in NEGATIONS), None)
    if neg is None:
        return False
    between = tuple(words[neg + 1 : at])
    if not between or set(phrase) <= _SIDE_WORDS | FILLER:
        return True
    return not any(p == between for p, _ in option_phrases(item))


_SIDE_WORDS = frozenset(w for p in SIDE_PHRASES for w in p.split())


def _said_with(item: Item, words: Words, note: str) -> str:
    """What goes on the side, said with "on the side": the choice named just before it, by the menu's name
    ("hot fudge on the side", "tsatsiki on the side" → "tzatziki on the side"), else the word before it
    ("balsamic on the side") — never the last word of a longer choice alone ("fudge on the side"). In any
    language's words for it ("crème fraîche à côté", :data:`~app.core.reading.spoken.SIDE_PHRASES`)."""
    side = next((p for p in SIDE_PHRASES if f" {note}".endswith(f" {p}")), None)
    if side is None:
        return note
    side_words = tuple(side.split())
    at = next((i for i in range(len(words)) if words[i : i + len(side_words)] == side_words), 0)
    before = words[:at]
    named = next(((p, o) for p, o in option_phrases(item) if p and before[-len(p) :] == p), None)
    joined = _and_before(item, before, named[1]) if named is not None else len(before)
    if named is not None and joined < len(before) - len(named[0]):
        return f"{' '.join(before[joined:])} {side}"  # "salt and vinegar on the side", never the vinegar alone
    if named is not None:  # "hot fudge on the side"; "dressing (chipotle-honey vinaigrette) on the side"
        said, option = " ".join(named[0]), named[1].name.lower()
        return f"{option} {side}" if said == " ".join(words_of(option)) else f"{said} ({option}) {side}"
    if note != side:
        return note
    last = next((w for w in reversed(before) if w not in FILLER), None)
    return f"{last} {side}" if last else note


def item_fits(menu: Menu, item: Item, words: Words) -> list[Fit]:
    """Every reading of ``words`` as ``item`` (by each of its names, in any order, by a shared head noun, or
    by its choices alone). Asked again and again of the same words while a phrase is cut into pieces, so the
    answers are kept for the read (:func:`~app.core.reading.memo.read_memo`); each call gets its own copies."""
    table = read_memo(menu)
    key = (id(item), tuple(words))  # the item lives as long as the menu that holds the memo: its id is its own
    found = table.get(key)
    if found is None:
        found = table[key] = tuple(_item_fits(menu, item, words))
    return [replace(fit) for fit in found]


def _item_fits(menu: Menu, item: Item, words: Words) -> list[Fit]:
    names = item_names(menu)[id(item)]
    present = set(words)
    names = tuple(n for n in names if present.issuperset(n))
    tries: list[tuple[Words | None, str | None]] = [(n, "name") for n in names if find_phrase(list(words), n) >= 0]
    if tries and len(tries[0][0] or ()) >= 2:  # "big stack meal" said whole: no reading may lend "big" to Large
        tries = tries[:1]
    tries += [(n, "any order") for n in names if len(n) > 1 and set(n) <= set(words) and (n, "name") not in tries]
    head = words_of(item.name)[-1:] if item.name else ()
    shared = head and head[0] in words and len(head_nouns(menu).get(head[0], ())) > 1 and (head, "name") not in tries
    if shared and not _ends_choices_said(item, words, head[0]):
        tries.append((head, "shared head"))
    tries.append((None, None))
    lent = shared_shorthand(menu).get(id(item), ())
    sold_by = sold(menu)  # a dish named: "extra X" the menu sells nothing by is a note (more_of_the_dish)
    out = []
    for name, how in tries:
        for options_first in (False, True):
            fit = fit_words(item, words, name, how, options_first, lent, sold_by if name is not None else None)
            if fit is not None:
                out.append(_not_told_apart(menu, fit))
    return out


def _ends_choices_said(item: Item, words: Words, head: str) -> bool:
    """Is every ``head`` said the last word of one of ``item``'s choices said whole ("scallion cream cheese")?
    Then it names that choice, never the item by a head noun it shares ("Lox & Cream Cheese"; break10
    bagel-bakery)."""
    ends = [i + 1 for i, w in enumerate(words) if w == head]
    phrases = [p for p, _ in option_phrases(item) if len(p) > 1 and p[-1] == head]
    return all(any(words[max(0, end - len(p)) : end] == p for p in phrases) for end in ends)


def _not_told_apart(menu: Menu, fit: Fit) -> Fit:
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


def best_fits(menu: Menu, words: Words, prune: bool = True) -> list[Fit]:
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


def _fits_that_matter(menu: Menu, words: Words, bounds: list[int]) -> list[Fit]:
    """The head of :func:`best_fits`' full list: every fit leaving at most ``limit`` words unexplained,
    ``limit`` at least 1, at least the top's and high enough for three fits (or the whole list).

    An item leaves at least ``bounds[i]`` words unexplained however it reads them, so items above the
    limit are never scored: each would rank after every fit returned (the ranking key starts with the
    count unexplained), and no caller looks past those (:data:`_LOOKED_AT`)."""
    fits: dict[int, Fit] = {}
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
