"""A count split by what is said of single ones: "two lattes, one with oat milk", "three large fries, one cajun
and one regular", "both with white and hot" — which of the counted ones each part is said of, and the question
when that is not clear.

:mod:`app.core.reading.corrections` finds "one with …" in the words (:func:`~.corrections.some_with`,
:func:`~.corrections.each_one`); :mod:`app.core.reading.order` calls these while it cuts the phrase into
pieces. Issue #23.
"""

from __future__ import annotations

import re

from app.core.menu import Item, Menu, Option
from app.core.reading.corrections import each_one, recount
from app.core.reading.counts import with_quantity
from app.core.reading.fit import Fit, best_fits, fit_words
from app.core.reading.notes import removal, sort_notes
from app.core.reading.spoken import FILLER, SEPARATORS
from app.core.reading.taken_back import read_as, said_without
from app.core.reading.vocabulary import COMES_WITH_WORDS, Words, choice_groups, item_names, option_phrases, option_words
from app.errors import WordsNotUnderstood

_ONE_WITH = frozenset({"with", "without", "no", "of", "has"})


def ones_apart(words: Words) -> Words:
    """ "two double cheeseburgers one with no pickles": after a count of two or more, "one with …" starts
    what is said of a single one, as if after a comma."""
    if (with_quantity(words)[0][0] or 1) < 2:
        return words
    out: list[str] = []
    for i, w in enumerate(words):
        ahead = words[i + 1] if i + 1 < len(words) else ""
        if w == "1" and i and ahead in _ONE_WITH and out and out[-1] not in FILLER and out[-1] not in SEPARATORS:
            out.append("and")
        out.append(w)
    return tuple(out)


def answered_again(menu: Menu, item: Item, piece: Words, ones: list[Words], instead: bool = False) -> list[Option]:
    """The choices said in ``piece`` ("2 jalapeno cheddar link") whose one-choice group each of ``ones``
    ("original") answers otherwise (any group, said with "instead": "…with bacon, one with avocado instead"):
    after "and" the ones are more of the item; said apart ("2 medium burgers, 1 well done") they are some
    of those counted, with their answer in place of those; [] when any of ``ones`` is not only choices of
    ``item`` or answers nothing said."""
    said = read_as(menu, item, piece)
    if said is None or said.unknown:
        return []
    limits = {g.id: g.max for g in choice_groups(item)}
    clash: list[Option] = []
    for one in ones:
        fit = fit_words(item, one, None)
        if fit is None or fit.unknown or not (fit.options or fit.notes):
            return []
        again = [
            o
            for o in said.options
            for x in fit.options
            if o.group_id == x.group_id and o is not x and (instead or limits.get(x.group_id, 1) <= 1)
        ]
        again += taken_off_again(item, piece, said.options, fit.notes)
        if not again:
            return []
        clash += [o for o in again if o not in clash]
    return clash


def taken_off_again(item: Item, piece: Words, said: tuple[Option, ...], notes: tuple[str, ...]) -> list[Option]:
    """The choices a single one's "no X" (``notes``) takes off that ``piece`` said on: named in it (``said``),
    or the defaults it said with "everything" ("three elotes con todo and one sin mayo": the one answers
    otherwise what the three were said with, so it is one more, as "two lemon sugar crepes and one with maple
    syrup" is). Empty where the one also says something else. Issue #23, blind14 elote-stand."""
    try:
        gone, kept = sort_notes(item, said, notes)
    except WordsNotUnderstood:
        return []
    if kept or not gone:
        return []
    everything = "everything" in piece and "everything" not in option_words(item)
    on = [o for g in choice_groups(item) for o in g.options if o in said or (everything and o.default)]
    taken = [o for o in on if removal(o) in gone]
    return taken if len(taken) == len(gone) else []


# "…, two dry hot": a count said after a comma (not "and two …"), of some of those counted
SOME_APART = re.compile(r"[,;.]\s*(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b", re.IGNORECASE)


_APART = re.compile(r"[,;.]\s*(?:but\s+)?(?:one|1)\b", re.IGNORECASE)


def one_said_apart(text: str) -> bool:
    """ "two medium burgers, one well done": "one" said after a comma (not "and one …") is one of those
    counted, never one more — the count never grows (issue #23, the session that broke the reader)."""
    return ("," in text or ";" in text or "." in text) and _APART.search(text) is not None


def another_order(menu: Menu, item: Item, piece: Words, some: tuple[int, Words]) -> Words:
    """ "6 falafel balls with tahini and 3 with hot sauce", the count a count of pieces (6 pc): another order
    of the item with its own count and what is said of it, keeping the choices of ``piece`` only in groups
    it does not answer (the 3 with hot sauce, never the tahini too). Issue #23, break11 kind C."""
    said, now = read_as(menu, item, piece), fit_words(item, some[1], None)
    answered = {o.group_id for o in now.options} if now is not None else set()
    gone = [o for o in said.options if o.group_id in answered] if said is not None else []
    return (*recount(said_without(item, piece, gone), some[0]), "and", *some[1])


def all_choices_of(item: Item, ones: list[Words], menu: Menu | None = None) -> bool:
    """Each of ``ones`` ("with hot salsa", "with mild") is only choices of ``item``: said of the ones counted,
    though the words might also name another item (Chips & Salsa) — but not when one starts with another
    item's own name (given ``menu``: :func:`another_named_first`)."""
    fits = [fit_words(item, one, None) for one in ones]
    if menu is not None and any(another_named_first(menu, one, item) for one in ones):
        return False
    return all(f is not None and _only_choices(item, f, one) for f, one in zip(fits, ones, strict=True))


def _only_choices(item: Item, fit: Fit, one: Words) -> bool:
    """Does ``one`` say only choices of ``item``: options, what comes with it said so ("two con todo"), or
    defaults taken off ("two of them no mayo") — every word placed, no note kept?"""
    if fit.unknown:
        return False
    if fit.notes:
        try:
            gone, kept = sort_notes(item, fit.options, fit.notes)
        except WordsNotUnderstood:
            return False
        return not kept and bool(gone)
    return bool(fit.options) or not COMES_WITH_WORDS.isdisjoint(one)


def another_named_first(menu: Menu, one: Words, counted: Item) -> bool:
    """ "two kopi gao, one teh o kosong": a single one whose words start with another item's own name (the Teh)
    names that item, a new line — never a choice of the counted one that happens to hold the name (the Kopi's
    "teh o", a No Milk alias of a group both drinks share). A line never silently takes another item's name
    (blind13 chicken-rice). A one said only as a choice that is also an item's name ("two jollof, one chicken")
    is one of the counted."""
    said = tuple(w for w in one if w not in FILLER)
    ranked = best_fits(menu, said)
    top = ranked[0] if ranked else None
    if top is None or top.item is counted or not top.named or top.unknown or not top.name or not top.options:
        return False
    return len(said) > len(top.name) and said[: len(top.name)] == top.name  # "one chicken" of jollofs: its choice


_AS_IT_COMES = frozenset({"regular", "normal", "plain", "usual"})


def ones_around(chunks: list[Words], at: int) -> list[Words]:
    """The single ones said in ``chunks[at]`` and the chunks right around it ("…, one plain, one chocolate
    chip")."""
    start, end = at, at + 1
    while start > 0 and each_one(chunks[start - 1]) is not None:
        start -= 1
    while end < len(chunks) and each_one(chunks[end]) is not None:
        end += 1
    return [one for chunk in chunks[start:end] for one in each_one(chunk) or []]


def as_it_comes(item: Item, one: Words, ones: list[Words]) -> Words:
    """ "two thai iced teas, one regular and one with oat milk": a single one said "regular" (or "plain",
    "normal"), where no choice of ``item`` is called so, is one as it comes — nothing more is said of it. So is
    "plain" beside the other ``ones`` said only with choices of groups that come with nothing ("two short
    stacks, one plain, one chocolate chip": none of the add-ins, its butter still on — blind6 pancake-house)."""
    said = [w for w in one if w not in FILLER]
    if len(said) != 1 or said[0] not in _AS_IT_COMES:
        return one
    fit = fit_words(item, one, None)
    if fit is not None and said[0] in fit.unknown:
        return ()
    if said[0] != "plain" or fit is None or fit.options:
        return one
    others = [f for o in ones if o != one and (f := fit_words(item, o, None)) is not None]
    bare = {g.id for g in choice_groups(item) if not any(o.default for o in g.options)}
    chosen = [o.group_id in bare for f in others for o in f.options]
    return () if chosen and all(chosen) and not any(f.unknown for f in others) else one


def as_all_of_them(item: Item, one: Words, clash: list[Option]) -> bool:
    """ "two large fries, one cajun and one regular": a single one said only "regular" (or "normal", "plain",
    "usual"), where that word would answer again a one-choice group answered for all of them (Medium, an alias
    "regular", over the Large said of the two), is one as the others are — never a choice other than the one
    said for the whole count (break10)."""
    said = [w for w in one if w not in FILLER]
    if len(said) != 1 or said[0] not in _AS_IT_COMES:
        return False
    fit = fit_words(item, one, None)
    groups = {o.group_id for o in clash}
    return fit is not None and not fit.unknown and all(o.group_id in groups for o in fit.options)


def the_named_one(menu: Menu, words: Words) -> Words:
    """ "the jjajang one, with ramen" → "the jjajang, with ramen": "one" said right after "the" and an item's
    own name or alias (nothing else between), before a comma, "and" or the end, is that item — never one
    more, nor a word left unexplained (blind14 tteokbokki-bar)."""
    if "1" not in words or "the" not in words:
        return words  # most phrases: nothing to look up
    names = {n for held in item_names(menu).values() for n in held}
    out = list(words)
    for i in range(len(words) - 1, 1, -1):
        if words[i] != "1" or (i + 1 < len(words) and words[i + 1] not in SEPARATORS):
            continue
        the = next((j for j in range(i - 1, -1, -1) if words[j] == "the"), -1)
        if the >= 0 and words[the + 1 : i] in names:
            del out[i]
    return tuple(out)


def one_more_otherwise(menu: Menu, item: Item, piece: Words, chunk: Words) -> Words | None:
    """ "one gobi manchurian dry, one gravy": a count and one choice of the item just named by its name
    (``piece``), answering otherwise a one-choice group ``piece`` answered, is more of that item
    made the other way — a line of its own, never a question about which of the items offering the choice
    (blind14 indo-chinese). None for any other chunk, and where the choices said alone read one item best
    ("a large coke and a large diet coke": the soda's, as it is read without this)."""
    count, rest = with_quantity(chunk)[0]
    if count is None or not rest:
        return None
    fit = fit_words(item, rest, None)
    if fit is None or fit.unknown or fit.notes or len(fit.options) != 1:
        return None  # one choice said alone, set against the one said before ("one dry, one gravy")
    clash = answered_again(menu, item, piece, [rest])
    if not clash:
        return None
    ranked = best_fits(menu, rest)
    tied = [f.item for f in ranked if f.key == ranked[0].key] if ranked else []
    if len(tied) < 2 or item not in tied or ranked[0].named:
        return None
    return (*recount(said_without(item, piece, clash), count), "and", *rest)


def ends_a_choice(item: Item, chunk: Words) -> bool:
    """Does ``chunk`` end with a choice of ``item`` whose name ends in "1" ("a rosé level one" after a cheese
    tteokbokki: its Level 1)? Then that "one" is the choice's, never "one" said for the item (blind14)."""
    return any(len(p) > 1 and p[-1] == "1" and chunk[-len(p) :] == p for p, _ in option_phrases(item))


def of_them(chunk: Words) -> bool:
    """ "one of them with brown rice": said of the ones just counted, never a new item (a Steamed Rice)."""
    return any(chunk[i : i + 2] == ("of", "them") for i in range(len(chunk) - 1))


# what a choice said of every one of a counted item starts with: "…, one spicy one mild, each with ranch"
EVERY_ONE = frozenset({"each", "both", "all"})


def every_one_of(pieces: list[Words], dropped: set[int], split: list[int], said: Words) -> list[int]:
    """The pieces "both …" (the last two) or "each …" / "all …" (all) said after different items is said of; []
    for any other chunk, or after single ones of one counted item ("one spicy one mild, each with ranch")."""
    if not said or said[0] not in EVERY_ONE or len(said) < 2 or len(pieces) < 2:
        return []
    if split and split[-1] == len(pieces) - 1:
        return []
    kept = [i for i in range(len(pieces)) if i not in dropped]
    return kept[-2:] if said[0] == "both" else kept


_FOR = frozenset({"for", "on", "to"})


def every_one_last(said: Words) -> Words:
    """ "indian hot for both" → "both indian hot": a choice said of every one with "for both" / "on all" / "for
    each" after it, as :func:`every_one_of` reads it said first (blind14 indo-chinese); else ``said``."""
    if len(said) > 2 and said[-1] in EVERY_ONE and said[-2] in _FOR and said[0] not in EVERY_ONE:
        return (said[-1], *said[:-2])
    return said


def every_one_dropped(piece: Words, chunk: Words) -> Words:
    """ "two combos, both veg fried rice": "both" (or "each", "all") said before choices of a ``piece`` that
    counts two or more says they are every one's — the choices alone, never a word of a choice (a Lime Soda
    Style called "both", in a group the combo's drink nests; blind14 indo-chinese)."""
    if len(chunk) > 1 and chunk[0] in EVERY_ONE and (with_quantity(piece)[0][0] or 1) >= 2:
        return chunk[1:]
    return chunk


def counted_at(pieces: list[Words]) -> tuple[int, int] | None:
    """The last piece and its count, when it counts two or more (what "one with …" after it splits)."""
    count = with_quantity(pieces[-1])[0][0] if pieces else None
    return (len(pieces) - 1, count) if count is not None and count > 1 else None


def items_named(menu: Menu, said: list[Words], counted: Item) -> list[Item]:
    """The items ``said`` ("1 cookie", "1 carnitas taco on corn") name — another line, not one of the counted
    ones ("1 frozen") — unless said after one of them and naming the counted item (break10's hot dogs).
    "Plain" alone naming the ``counted`` item itself ("three large pies, one plain" of the Cheese Pie, the
    "plain pie") names none: one of them as it comes (blind7 pizzeria)."""
    named = []
    for words in said:
        ranked = best_fits(menu, words)
        as_it_comes = ranked and ranked[0].item is counted and set(words) - FILLER <= _AS_IT_COMES
        if ranked and ranked[0].named and not ranked[0].unknown and not as_it_comes:
            named.append(ranked[0].item)
    return named
