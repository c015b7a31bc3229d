"""A whole spoken order → its items: the phrase cut at "and" / "," / "a side of", each piece read by
:mod:`app.core.reading.item`, the model's ``modifiers`` read as the last item's list of choices.

``read_order(menu, "a cheeseburger medium with cheddar and fries and a coke")`` answers one
:class:`~app.core.reading.item.Reading` per item said, or the question for a part that is not clear.
"""

from __future__ import annotations

import re
from dataclasses import replace

from app.core.cart.choices import offer
from app.core.menu import Item, Menu, ModifierGroup, Option
from app.core.reading.comes_with import halves_of, made_into, replaced_option
from app.core.reading.corrections import (
    WITHIN_STARTS,
    bare_count,
    cancelled,
    each_one,
    inner_number,
    marker_within,
    only_said,
    recount,
    some_with,
    strip_marker,
    takes_back,
)
from app.core.reading.counts import (
    SERVINGS,
    a_number_alone,
    count_alone,
    count_unsaid,
    counts_pieces,
    for_each_person,
    negative_count,
    number_named_uncounted,
    servings_said,
    sold_per,
    sold_per_person,
    some_uncounted,
    with_quantity,
)
from app.core.reading.each_said import each_described
from app.core.reading.exact import exact_choices, exact_reading
from app.core.reading.fit import Fit, best_fits, fit_words, item_fits, missing
from app.core.reading.item import Reading, kept_as_notes, read_item, reading_of
from app.core.reading.memo import per_object
from app.core.reading.nesting import nest
from app.core.reading.plurals import plurals_asked
from app.core.reading.questions import ask_about_words, candidate
from app.core.reading.quick import quick_reading
from app.core.reading.rivals import the_item_those_choices_are
from app.core.reading.said_before import said_before_its_name
from app.core.reading.some_chosen import some_chosen
from app.core.reading.spoken import FILLER, NEGATIONS, SEPARATORS, UNIT_WORDS
from app.core.reading.units_said import counted_in_units
from app.core.reading.vocabulary import (
    SIZE_WORDS,
    VARIATION_GROUP,
    Words,
    choice_groups,
    find_phrase,
    head_nouns,
    item_names,
    menu_words,
    option_phrases,
    own_words,
    protected_phrases,
    said_words,
    served_black,
    words_of,
)
from app.core.reading.whose import a_word_of_its_choices, note_said_for, said_on_an_item
from app.errors import CartError, ItemAmbiguous, ItemNotFound, ModifierInvalid, WordsNotUnderstood

# --- cutting a phrase into items ----------------------------------------------------------------------


def _chunks(menu: Menu, words: Words) -> list[Words]:
    """Cut at separators outside menu phrases ("chips and guac" stays whole), and before a take-back marker
    said with no comma ("three cookies no wait two": :func:`~.corrections.marker_within`)."""
    guarded = [False] * len(words)
    for phrase in protected_phrases(menu):
        n = len(phrase)
        for i in range(len(words) - n + 1):
            if words[i : i + n] == phrase:
                guarded[i : i + n] = [True] * n
    chunks: list[list[str]] = [[]]
    for i, (word, guard) in enumerate(zip(words, guarded, strict=True)):
        if word == "of" and i and words[i - 1] == "side" and not guard and not _leads_only(chunks[-1][:-1]):
            chunks[-1].pop()  # "… with a side of onion rings": a side is an item of its own or a choice
            chunks.append([])
        elif word in SEPARATORS and not guard and i < len(words) - 1:  # a last "plus" separates nothing
            chunks.append([])
        elif word in WITHIN_STARTS and chunks[-1] and not guard and marker_within(words, i, menu_words(menu)):
            chunks.append([word])
        else:
            chunks[-1].append(word)
    return [tuple(c) for c in chunks if c]


# what a choice said of every one of a counted item starts with: "…, one spicy one mild, each with ranch"
_EVERY_ONE = frozenset({"each", "both", "all"})

# what "the X one" is said with: "the big one", "the regular kind", "the spicy type"
_THE_ONE = frozenset({"1", "kind", "type", "sort"})


def _leads_only(words: list[str]) -> bool:
    """Nothing but a count or an article before "side of" ("a side of potato salad"): the side starts the
    item said, it is not cut off from one (the words stay whole: "side" may be the item's size)."""
    return all(w in ("a", "an", "the") or w.isdigit() for w in words)


def _count_of_size(menu: Menu, item: Item, before: Words, chunk: Words) -> int | None:
    """ "hot chocolate, two cups": a count and a size of the item just named, said with no count, is its count
    and its size (never another item the size is also a choice of); None for any other chunk."""
    if len(chunk) < 2 or not chunk[0].isdigit() or with_quantity(before)[0][0] is not None:
        return None
    fit = fit_words(item, chunk[1:], None)
    if fit is None or fit.unknown or not fit.options or any(o.group_id != VARIATION_GROUP for o in fit.options):
        return None
    return int(chunk[0]) if 0 < int(chunk[0]) <= 999 else None


def _count_sold_per(item: Item, before: Words, chunk: Words) -> int | None:
    """ "fried tofu puffs, two plates": a count of the unit the item just named (said with no count) is sold per
    (its description's "per plate") is its count — never another item named by that word (the Vegetable
    Platter's "veggie plate"); the same count said again ("two fried tofu puffs, two plates") is that count;
    None for any other chunk."""
    if len(chunk) != 2 or not chunk[0].isdigit() or chunk[1] != sold_per(item) or not 0 < int(chunk[0]) <= 999:
        return None
    said = with_quantity(before)[0][0]
    return int(chunk[0]) if said is None or said == int(chunk[0]) else None


def _the_one_said(chunk: Words) -> Words | None:
    """ "the peach one", "small ones": what is said of the item just named (its choices), not another one of
    it ("and a chocolate one" is another); None for any other chunk."""
    if len(chunk) < 2 or chunk[-1] != "1" or chunk[0] in ("a", "an") or chunk[0].isdigit():
        return None
    return tuple(w for w in chunk[:-1] if w != "the") or None


def _takes(menu: Menu, piece: Words, chunk: Words, prune: bool) -> bool:
    """Does the item ``piece`` names take the choices ``chunk`` says ("both medium" after two curries)? A piece
    of choices only ("one whiz wit") takes them where every item reading it as well does."""
    ranked = best_fits(menu, with_quantity(piece)[0][1], prune)
    if not ranked or not (ranked[0].named or (ranked[0].options and not ranked[0].unknown)):
        return False
    tied = [f for f in ranked if f.key == ranked[0].key] if not ranked[0].named else ranked[:1]
    return all(_only_choices(menu, f.item, piece, chunk) for f in tied)


def _only_choices(menu: Menu, item: Item, before: Words, chunk: Words) -> bool:
    """``chunk`` says only options/notes of ``item`` ("and a coke" after a combo), none of them a second
    answer to a one-choice group already answered in ``before`` ("a large coke and a large diet coke")."""
    fit = fit_words(item, chunk, None)  # "and 2 cokes" is a count, unless the choice may be had twice ("two rocky
    # road" for a triple scoop) or its name starts with it ("the 4 skewer one"): the count is the choice's
    if fit is None or fit.unknown or not (fit.options or fit.notes or _said_black(item, chunk)):
        return False
    if chunk[0] not in ("a", "an"):
        return True  # "american … and swiss": a second answer stays with its item, to be asked about
    said = item_fits(menu, item, before)
    earlier = min(said).options if said else ()
    groups = {g.id: g.max for g in choice_groups(item)}
    chosen = [o.group_id for o in (*earlier, *fit.options)]
    return all(chosen.count(g) <= groups.get(g, 1) for g in set(chosen))


def _said_black(item: Item, chunk: Words) -> bool:
    """ "…, black" after a coffee: said of it, though it may change nothing on the line."""
    return "black" in chunk and served_black(item) is not None


def _corrected(
    menu: Menu, piece: Words, chunk: Words, item: Item | None, prune: bool = True, back: bool = False
) -> tuple[Words, Item | None]:
    """``piece`` as ``chunk`` corrects it: a count replaces its count, a choice the choice of its group, an
    item the item (the choices said for the old item that the new one has too stay). Words that name
    another item whole replace the item, never read as choices of the old one ("the harvest bowl, no wait,
    make it a kale caesar": never a bowl with kale and caesar dressing; blind6)."""
    count = bare_count(chunk)
    if count is not None:
        return _renumbered(menu, piece, chunk, count, prune), item
    other = _another_named(menu, item, chunk, prune) if item is not None else None
    if item is not None and other is None:
        replaced = _choices_replaced(menu, item, piece, chunk, back)
        if replaced is not None:
            return replaced, item  # "a small pie, no wait, a medium": the medium, never both
    if item is not None:
        of_a_choice = _a_choice_corrected(menu, item, piece, chunk, other, prune)
        if of_a_choice is not None:
            return of_a_choice, item  # "a scoop in a cup, no wait, cone": the scoop's cone (asked), never a cone
    chunk = _plain_of_the_other(menu, item, chunk, prune)
    kind = _of_the_same_kind(menu, item, chunk, prune)
    kind_of = _item_named(menu, kind, prune) if kind != chunk else None
    if other is None or (kind_of is not None and set(words_of(other.name)) <= set(words_of(kind_of.name))):
        chunk = kind  # "pulled pork" → the Pulled Pork Sandwich; never "kale caesar" → a Salmon Bowl
    ranked = best_fits(menu, with_quantity(chunk)[0][1], prune)
    by_a_modifier = item is not None and bool(ranked) and named_by_a_modifier(ranked[0], chunk)  # "make it spicy"
    if ranked and ranked[0].named and not ranked[0].unknown and not by_a_modifier:
        return _item_replaced(menu, item, piece, chunk, ranked[0].item), ranked[0].item  # "a cookie, no, a brownie"
    return (*piece, "and", *chunk), item  # not clear what it corrects: a clash with the one before is asked


def _plain_of_the_other(menu: Menu, item: Item | None, chunk: Words, prune: bool) -> Words:
    """ "onion rava, no no, just plain rava": in a correction, "plain" before an item whose name another item's
    name holds with more words (Rava Dosa in Onion Rava Dosa) says which item — the one without the onion —
    never "nothing on it" (its defaults stay; blind9 dosa-house). ``chunk`` without that "plain"."""
    at = chunk.index("plain") if item is not None and "plain" in chunk else -1
    named = _item_named(menu, chunk[at + 1 :], prune) if at >= 0 else None
    if named is None:
        return chunk
    own = set(words_of(named.name))
    return (*chunk[:at], *chunk[at + 1 :]) if any(own < set(words_of(i.name)) for i in menu.items) else chunk


def named_by_a_modifier(top: Fit, said: Words) -> bool:
    """Is ``top`` named in ``said`` only by words of its name before the name's head ("spicy" of Spicy Miso
    Ramen, "decaf" of Decaf Coffee) — no name or alias of it said whole, nor the head of one ("a dozen
    assorted": the Assorted Dozen)? Said after another item such words are that item's choice or asked,
    never this item (break10: "a tonkotsu ramen, make it spicy")."""
    if not top.named or top.name is None or top.unknown:
        return False
    names = [words_of(n) for n in (top.item.name, *top.item.aliases)]
    return top.name not in names and not any(n and n[-1] in said for n in names)


def _a_choice_corrected(
    menu: Menu, item: Item, piece: Words, chunk: Words, other: Item | None, prune: bool
) -> Words | None:
    """A take-back of what was said with ``item`` rather than of it, never read as another item in its place:
    words that are all words of ``item``'s choices ("single scoop vanilla cup, no wait, cone": which cone is
    asked; "in a cone, make that a cup": the clash asked) — ``piece`` with them, to be read or asked — unless
    they name another item whole (``other``); and where words of ``piece`` that ``item`` does not explain
    name another item ("a ribeye with a baked potato, actually mashed"), a correction naming an item is
    asked: in place of the ribeye or of the potato?
    None when the item may be replaced. Issue #23, break11 kind A."""
    said = [w for w in chunk if w not in ("a", "an", "the") and w not in FILLER]
    if other is None and said and set(said) <= _choice_words(item) and not set(said) & set(words_of(item.name)):
        if _item_named(menu, _of_the_same_kind(menu, item, chunk, prune), prune) is item:
            return None  # "10 wings …, actually all lemon pepper": all lemon pepper wings, the same item
        fit = fit_words(item, tuple(said), None)
        if fit is not None and fit.unknown:
            ask_about_words(menu, fit, " ".join(chunk))
        return (*piece, "and", *chunk)
    before = _reading_of(menu, item, piece)
    new = _item_named(menu, chunk, prune) if before is not None and before.unknown else None
    if before is not None and new is not None and new is not item and _item_named(menu, before.unknown, prune):
        raise ItemAmbiguous(
            f"{' '.join(chunk)!r} in place of the {item.name}, or of {' '.join(before.unknown)!r}?",
            query=" ".join(chunk),
            candidates=[candidate(item), candidate(new)],
        )
    return None


@per_object
def _choice_words(item: Item) -> frozenset[str]:
    """Every word of ``item``'s choice phrases."""
    return frozenset(w for phrase, _ in option_phrases(item) for w in phrase)


def _another_named(menu: Menu, item: Item, chunk: Words, prune: bool) -> Item | None:
    """The item other than ``item`` that ``chunk`` names by its name or a name of two words or more that is
    no choice of ``item`` ("make it a kale caesar" after a bowl with Kale and Caesar choices; never "make it
    a bowl" after a plate with a Bowl choice), or None."""
    ranked = best_fits(menu, with_quantity(chunk)[0][1], prune)
    top = ranked[0] if ranked else None
    if top is None or not top.named or top.unknown or top.item is item or top.name is None:
        return None
    if top.name != words_of(top.item.name) and len(top.name) < 2:
        return None  # "make it a two piece": the combo's 2 Piece, never the Fried Chicken called "piece"
    return None if any(p == top.name for p, _ in option_phrases(item)) else top.item


def _renumbered(menu: Menu, piece: Words, chunk: Words, number: int, prune: bool) -> Words:
    """``piece`` as a bare number ``chunk`` corrects it: the number said last — the count only where that was
    the count ("three cookies, no, two"); a size's, option's or level's number ("a 12 oz filet, no, 8", "3
    star, no wait, 2") is replaced where the menu has one with the new number, else asked — never the count
    by default; after a count of two or more and another number, which one is asked. Issue #23, found by the
    session that broke the reader."""
    count = with_quantity(piece)[0][0]
    at = inner_number(piece, count is not None)
    if at is None:
        return recount(piece, number)
    if at >= 0 and (count or 1) == 1:  # "three number ones, no wait, two": the count or the #2? asked
        renumbered = (*piece[:at], str(number), *piece[at + 1 :])
        if _reads_another(menu, piece, renumbered, str(number), prune):
            return renumbered
    said = " ".join(chunk)
    named = _item_named(menu, piece, prune)
    raise ItemAmbiguous(
        f"{said!r}: how many, or which choice said with a number?",
        query=said,
        candidates=[candidate(named)] if named is not None else [],
    )


def _reads_another(menu: Menu, piece: Words, renumbered: Words, number: str, prune: bool) -> bool:
    """Does ``renumbered`` read whole, with the same count, as another line than ``piece`` (the new number
    chose an option or item: "8 oz", never a number left over or kept as a note)?"""
    (count, words), (new_count, new_words) = with_quantity(piece)[0], with_quantity(renumbered)[0]
    old, new = best_fits(menu, words, prune), best_fits(menu, new_words, prune)
    if count != new_count or not old or not new or new[0].unknown or not new[0].named:
        return False
    if any(number in n.split() for n in new[0].notes):
        return False
    chosen, before = sorted(o.id for o in new[0].options), sorted(o.id for o in old[0].options)
    return new[0].item is not old[0].item or chosen != before


def _earlier_corrected(
    menu: Menu, pieces: list[Words], chunk: Words, item: Item | None, prune: bool, back: bool
) -> tuple[Words, Item, set[int]] | None:
    """A correction that names an item said before: "…, actually just the cookie" keeps only the cookie's
    piece (the others are taken back: the indices returned, the kept piece made the last); a correction
    naming an item said earlier than the last piece ("a cookie and a brownie, actually a cookie": the
    brownie replaced, or the cookie restated?), or "just" a new item after several, cannot tell what it
    corrects and is asked. None when the correction is of the last piece alone (:func:`_corrected`). With a
    count ("just two cookies") it replaces from the piece naming that item to the end, keeping those before.
    Issue #23, found by the session that broke the reader."""
    only = only_said(chunk) and len(pieces) > 1
    if not only and len(pieces) < 2:
        return None
    if only:
        at_only = next(i for i, w in enumerate(chunk) if w in ("just", "only"))
        chunk = (*chunk[:at_only], *chunk[at_only + 1 :])  # "only the cookie": the cookie
    ranked = best_fits(menu, with_quantity(chunk)[0][1], prune)
    if not ranked or not ranked[0].named or ranked[0].unknown:
        return None
    new = ranked[0].item
    at = [i for i, p in enumerate(pieces) if _item_named(menu, p, prune) is new]
    if not only:
        if not at or new is item:
            return None  # a new item in place of the last, or the last one restated
        raise _which_corrected(menu, pieces, chunk, prune)
    if not at:
        raise _which_corrected(menu, pieces, chunk, prune)  # "a burger and a coke, actually just a water"
    last = at[-1]
    if with_quantity(chunk)[0][0] is None and not ranked[0].options and not ranked[0].notes:
        kept = pieces[last]  # "just the cookie": the cookie as said
    elif len(at) == 1:  # "just two cookies": from the cookie's piece on, all said again; the ones before kept
        kept = _corrected(menu, pieces[last], chunk, new, prune, back)[0]  # ("a latte and two muffins, actually
        if with_quantity(chunk)[0][0] is not None:  # just one muffin": the latte stays; break10)
            return kept, new, set(range(last, len(pieces) - 1))
    else:
        raise _which_corrected(menu, pieces, chunk, prune)
    return kept, new, set(range(len(pieces) - 1)) - set(at[:-1])


def _made_of_an_earlier(
    menu: Menu, pieces: list[Words], dropped: set[int], chunk: Words, prune: bool
) -> tuple[int, Item, Words] | None:
    """ "a kale caesar and a lemonade, make the lemonade strawberry": "make the X Y", X naming an item said
    earlier in the phrase and Y only its choices, changes that line (as a take-back) — never a second X;
    "the X Y" ("a tonkotsu and a miso, the miso with corn") adds Y to that line (break10): no line is added
    either way; several lines of X are asked. Where, its item and Y; None for any other chunk. Issue #23,
    blind6. So does "Y on the X" ("a polish and a hot dog, no relish on the hot dog": the hot dog's relish off,
    never a second hot dog; blind9)."""
    on = said_on_an_item(chunk)
    named = _item_named(menu, on[1], prune) if on is not None else None
    if on is not None and named is not None:
        at = [i for i, p in enumerate(pieces) if i not in dropped and _item_named(menu, p, prune) is named]
        if at and _only_choices(menu, named, pieces[at[-1]], on[0]):
            if len(at) > 1:
                raise _which_corrected(menu, [pieces[i] for i in at], chunk, prune)
            return at[0], named, on[0]
    made = chunk[:2] in (("make", "the"), ("make", "that"))
    if len(chunk) < (4 if made else 3) or not (made or chunk[0] == "the"):
        return None
    rest = chunk[2:] if made else chunk[1:]
    for k in range(1, len(rest)):
        named = _item_named(menu, rest[:k], prune)
        if named is None:
            continue
        at = [i for i, p in enumerate(pieces) if i not in dropped and _item_named(menu, p, prune) is named]
        if not at or not _only_choices(menu, named, pieces[at[-1]], rest[k:]):
            continue
        fit = fit_words(named, rest[k:], None)
        if not made and (fit is None or fit.notes or not fit.options):
            continue  # "chicken tikka, the kebab not the masala": which item, never a note on it
        if len(at) > 1:
            raise _which_corrected(menu, [pieces[i] for i in at], chunk, prune)
        return at[0], named, rest[k:]
    return None


def _cancelled_at(menu: Menu, pieces: list[Words], dropped: set[int], gone: Words, prune: bool) -> int | None:
    """The piece ``gone`` ("no fries" after a take-back) names the item of: that one is taken back, never kept
    with a note "no fries"; None when no piece said is of that item (a choice: "actually no onions"); asked
    when several are. Issue #23, found by the session that broke the reader."""
    named = _item_named(menu, gone, prune)
    if named is None:
        return None
    at = [i for i, p in enumerate(pieces) if i not in dropped and _item_named(menu, p, prune) is named]
    if len(at) > 1:
        raise _which_corrected(menu, [pieces[i] for i in at], gone, prune)
    return at[0] if at else None


def _item_named(menu: Menu, piece: Words, prune: bool) -> Item | None:
    """The item ``piece`` names whole, or None."""
    ranked = best_fits(menu, with_quantity(piece)[0][1], prune)
    return ranked[0].item if ranked and ranked[0].named and not ranked[0].unknown else None


def _which_corrected(menu: Menu, pieces: list[Words], chunk: Words, prune: bool) -> ItemAmbiguous:
    """The question when a correction's target is not clear: which of the items said it changes."""
    items = list(dict.fromkeys(i for p in pieces if (i := _item_named(menu, p, prune)) is not None))
    said = " ".join(chunk)
    return ItemAmbiguous(
        f"{said!r} changes which of " + " or ".join(i.name for i in items) + "?",
        query=said,
        candidates=[candidate(i) for i in items],
    )


def _every_one_of(pieces: list[Words], dropped: set[int], split: list[int], said: Words) -> list[int]:
    """The pieces "both …" (the last two) or "each …" / "all …" (all) said after different items is said of; []
    for any other chunk, or after single ones of one counted item ("one spicy one mild, each with ranch")."""
    if not said or said[0] not in _EVERY_ONE or len(said) < 2 or len(pieces) < 2:
        return []
    if split and split[-1] == len(pieces) - 1:
        return []
    kept = [i for i in range(len(pieces)) if i not in dropped]
    return kept[-2:] if said[0] == "both" else kept


def _said_of_which(menu: Menu, pieces: list[Words], chunk: Words, prune: bool, why: str = "") -> ItemAmbiguous:
    """The question when "two with oat milk" / "one with oat milk" is said of more than were counted, or of
    one of several different items: which of them (issue #23, the session that broke the reader)."""
    items = list(dict.fromkeys(i for p in pieces if (i := _item_named(menu, p, prune)) is not None))
    said = " ".join(chunk)
    return ItemAmbiguous(
        f"{said!r}: the " + " or ".join(i.name for i in items) + f" {why}"
        if why
        else f"{said!r}: which of " + " or ".join(i.name for i in items) + ", and how many?"
        if len(items) > 1
        else f"{said!r}: how many of the " + "".join(i.name for i in items) + " said?",
        query=said,
        candidates=[candidate(i) for i in items],
    )


def _of_the_same_kind(menu: Menu, item: Item | None, chunk: Words, prune: bool) -> Words:
    """ "one brisket sandwich, no wait, make it pulled pork": the correction names another of the same kind —
    ``chunk`` with the corrected item's head noun ("pulled pork sandwich") when that names an item whole that
    shares the head (never the Pulled Pork by the pound); else ``chunk`` as said."""
    head = words_of(item.name)[-1:] if item is not None else ()
    if not head or head[0] in chunk or len(head_nouns(menu).get(head[0], ())) < 2:
        return chunk
    kind = (*chunk, *head)
    ranked = best_fits(menu, with_quantity(kind)[0][1], prune)
    same = ranked and ranked[0].named and not ranked[0].unknown and words_of(ranked[0].item.name)[-1:] == head
    return kind if same else chunk


def _reading_of(menu: Menu, item: Item, piece: Words) -> Fit | None:
    """The best reading of ``piece`` (its count aside) as ``item``, or None."""
    fits = item_fits(menu, item, with_quantity(piece)[0][1])
    return min(fits) if fits else None


def _option_taken_back(menu: Menu, item: Item, piece: Words, gone: Words, no: bool = False) -> Words | None:
    """``piece`` without the options ``gone`` names when each was said in it ("a burger with bacon, never
    mind the bacon": no bacon, never a note against it); a default said and taken back ("a wedge salad with
    bacon, actually no bacon") comes off as "no bacon" would take it; where the group taken back from has its
    own "No X", "no X" said (``no``: "a latte with foam, actually no foam") chooses it. None otherwise. Issue
    #23, break10 kind D; break11 kind B; the breakers' leftovers."""
    fit = fit_words(item, gone, None)
    said = _reading_of(menu, item, piece)
    if fit is None or fit.unknown or fit.notes or not fit.options or said is None or said.unknown:
        return None
    if any(o not in said.options for o in fit.options):
        return None
    out = _without(item, piece, list(fit.options))
    defaults = any(o.default for o in fit.options)
    none = fit_words(item, ("no", *gone), None) if no else None  # "with foam, actually no foam": No Foam
    said_none = (
        none is not None
        and not none.unknown
        and {o.group_id for o in none.options} == {o.group_id for o in fit.options}
    )
    if defaults or said_none:
        out = (*out, "and", "no", *gone)  # the default would come back unsaid: taken off as said
    again = _reading_of(menu, item, out)
    if again is None or again.unknown:
        return None
    chosen = list(none.options) if none is not None and said_none else []
    kept = sorted(o.id for o in [*(o for o in said.options if o not in fit.options), *chosen])
    if defaults:  # "no butter" may choose No Butter: every other choice kept, none taken back left
        now = {o.id for o in again.options}
        return out if set(kept) <= now and not now & {o.id for o in fit.options} else None
    return out if sorted(o.id for o in again.options) == kept else None


def _without(item: Item, words: Words, options: list[Option]) -> Words:
    """``words`` with where each of ``options`` was said taken out (the last time, its longest phrase)."""
    out = list(words)
    for option in options:
        for phrase in sorted((p for p, o in option_phrases(item) if o is option), key=len, reverse=True):
            at = max(
                (i for i in range(len(out) - len(phrase) + 1) if tuple(out[i : i + len(phrase)]) == phrase), default=-1
            )
            if at >= 0:
                del out[at : at + len(phrase)]
                break
    return tuple(out)


def _corrected_options(
    item: Item, before: tuple[Option, ...], after: tuple[Option, ...], back: bool = False, only: bool = False
) -> list[Option]:
    """Which of the options said ``before`` the ones said ``after`` correct: the same option ("an extra
    shot, no, two extra shots") or the choice of the same one-choice group. In a group of several a new
    choice is one more ("make it spicy" after "crunchy": both), never a guess at which one it replaces —
    unless the correction says ``only`` those ("the egg and the nori, actually just the nori": every other
    choice said of their groups is taken back), or restates a list with one said before in it."""
    limits = {g.id: g.max for g in choice_groups(item)}
    out: list[Option] = []
    if back and len(set(after)) > 1 and any(o in before for o in after):
        only = True  # a list said again: "pepperoni and sausage, no wait, pepperoni and mushrooms" (break10)
    if only:
        groups = {o.group_id for o in after}
        out += [o for o in before if o.group_id in groups and o not in after and not o.default]  # defaults stay
    for option in after:
        if option in before:
            out += [option] if option not in out else []  # said again: the same choice, counted anew
            continue
        same = [o for o in before if o.group_id == option.group_id and o not in out]
        if same and limits.get(option.group_id, 1) <= 1:
            out += same
        elif same and back:
            out.append(_the_one_it_corrects(option, same))  # "with chili, no wait, with cheese": the last said
        elif back and len(after) == 1:
            _added_across(item, before, option)
    return out  # "crunchy …, make it spicy" takes back nothing: a group of several takes one more


def _added_across(item: Item, before: tuple[Option, ...], option: Option) -> None:
    """ "a burger with american, make that bacon": a take-back naming an added choice (of a group with no
    default, none required) whose group has none said, after such a choice of another group, may replace it
    or add to it — asked, never both kept silently (break10 kind E)."""
    groups = {g.id: g for g in choice_groups(item)}

    def added(o: Option) -> bool:
        group = groups.get(o.group_id)
        return group is not None and group.min == 0 and not any(x.default for x in group.options)

    if not added(option):
        return
    other = [o for o in before if o.group_id != option.group_id and added(o)]
    if other:
        said = other[-1].name
        raise ItemAmbiguous(
            f"{option.name} instead of {said} on the {item.name}, or both?", query=option.name,
            candidates=[candidate(item)],
        )  # fmt: skip


def _list_corrected(menu: Menu, item: Item, fix: tuple[Words, Words, bool] | None, more: Words) -> Words | None:
    """The piece as said before a correction (``fix``: it, the correction, taken back?) corrected by the
    correction and the choices ``more`` said after it, when together they restate a list with a choice said
    before in it ("pepperoni and sausage, no wait, pepperoni and mushrooms": the sausage taken back); else
    None. Issue #23, break10 kind D."""
    if fix is None or not fix[2]:
        return None
    piece, chunk, _ = fix
    said, now = _reading_of(menu, item, piece), fit_words(item, (*chunk, "and", *more), None)
    if said is None or now is None or len(set(now.options)) < 2 or not set(now.options) & set(said.options):
        return None
    return _choices_replaced(menu, item, piece, (*chunk, "and", *more), True)


def _the_one_it_corrects(option: Option, same: list[Option]) -> Option:
    """Which of ``same`` (said before, of ``option``'s group) a take-back ``option`` replaces: the one
    sharing a word of its name ("whey protein and chia, actually plant protein": the whey), else the last
    said. Issue #23, break10 kind D."""
    words = set(words_of(option.name))
    sharing = [o for o in same if words & set(words_of(o.name))]
    return sharing[0] if len(sharing) == 1 else same[-1]


def _choices_replaced(menu: Menu, item: Item, piece: Words, chunk: Words, back: bool = False) -> Words | None:
    """``piece`` with the choices ``chunk`` says for ``item`` in place of those they correct; None when
    ``chunk`` is no choice of ``item`` or the result does not read back as meant."""
    said = _reading_of(menu, item, piece)
    made = made_into(item, chunk)  # "make the chili a broccoli cheddar": the chili's place
    instead = made[0] if made is not None and said is not None and made[0] in said.options else None
    chunk = made[1] if instead is not None and made is not None else chunk
    fit = fit_words(item, chunk, None)
    if fit is None or fit.unknown or not (fit.options or fit.notes) or said is None or said.unknown:
        return None
    only = back and next((w for w in chunk if w not in ("the", "a", "an")), None) in ("just", "only")
    instead = instead or replaced_option(item, chunk)  # "yuca instead of the fries": the fries, never the salad
    gone = [instead] if instead in said.options else _corrected_options(item, said.options, fit.options, back, only)
    kept = list(said.options)
    for option in gone:
        kept.remove(option)
    base = _without(item, piece, gone)
    if back and fit.notes and not fit.options and said.notes:
        base = _without_removal(base, fit.notes, said.notes)
    said_now = tuple(w for w in chunk if w not in ("just", "only")) if only else chunk  # the defaults stay
    out = (*base, "and", *said_now)
    again = _reading_of(menu, item, out)
    if (
        again is None
        or again.unknown
        or sorted(o.id for o in again.options) != sorted(o.id for o in (*kept, *fit.options))
    ):
        return None
    return out


def _without_removal(piece: Words, new: tuple[str, ...], said: tuple[str, ...]) -> Words:
    """``piece`` without the removal said last ("no onions") when a take-back says only removals ("…, no
    onions, no wait, no pickles": the pickles off, the onions kept). Issue #23, break10 kind D."""
    if not all(n.split()[0] in NEGATIONS for n in new) or said[-1].split()[0] not in NEGATIONS:
        return piece
    phrase = tuple(said[-1].split())
    at = max((i for i in range(len(piece) - len(phrase) + 1) if piece[i : i + len(phrase)] == phrase), default=-1)
    return (*piece[:at], *piece[at + len(phrase) :]) if at >= 0 else piece


def _item_replaced(menu: Menu, old: Item | None, piece: Words, chunk: Words, new: Item) -> Words:
    """``chunk`` (another item) in place of ``piece``: the count said before stays when ``chunk`` says none,
    and so do the choices said before that ``new`` has too, unless ``chunk`` answers their group — never
    the words of the old item's name ("a pepperoni pizza, no, a calzone" is a plain calzone)."""
    count, rest = with_quantity(piece)[0]
    out = chunk if with_quantity(chunk)[0][0] is not None or count is None else recount(chunk, count)
    said = _reading_of(menu, old, piece) if old is not None else None
    if said is not None and said.named and said.name is not None:
        at = next((i for i in range(len(rest)) if rest[i : i + len(said.name)] == said.name), -1)
        if at >= 0:
            rest = (*rest[:at], *rest[at + len(said.name) :])
    fit = fit_words(new, rest, None)
    now = _reading_of(menu, new, out)
    if fit is None or not fit.options or now is None or now.unknown:
        return out
    answered = {o.group_id for o in now.options}
    carried = [o for o in fit.options if o.group_id not in answered]
    phrases = [next((p for p, o in option_phrases(new) if o is c and p in fit.option_spans), None) for c in carried]
    if not carried or any(p is None for p in phrases):
        return out
    both = (*out, *(w for p in phrases if p is not None for w in ("and", *p)))
    again = _reading_of(menu, new, both)
    if (
        again is None
        or again.unknown
        or sorted(o.id for o in again.options) != sorted(o.id for o in (*now.options, *carried))
    ):
        return out
    return both


def split_items(menu: Menu, text: str, prune: bool = True) -> list[Words]:
    """The pieces of ``text`` that each name one item (choices stay with their item)."""
    return [words for words, _ in _pieces(menu, text, prune)]


def _pieces(menu: Menu, text: str, prune: bool = True) -> list[tuple[Words, Item | None]]:
    """:func:`split_items`, each piece with the item bare choices after its name were said of (None when
    none were: :func:`_said_of_the_last`)."""
    words = _and_a_half(menu, _ones_apart(said_words(menu, text)))
    chunks = each_described(menu, _chunks(menu, words), prune)  # "two sodas, a coke and a sprite"
    corrected = any(strip_marker(c)[1] or c[:2] == ("never", "mind") for c in chunks)
    whole = best_fits(menu, with_quantity(words)[0][1], prune)
    one = whole[0] if whole and not whole[0].unknown and (whole[0].named or whole[0].options) else None
    counted = (with_quantity(words)[0][0] or 1) >= 2  # "two wings, one atomic one mild": one per line
    ones_said = any(each_one(c) is not None or some_with(c) is not None for c in chunks[1:])
    apart = counted and _one_said_apart(text)
    if one is not None and _folded_unnamed(menu, one, chunks):
        one = None
    if not corrected and not ones_said and one is not None and not _another_item_said(menu, one.item, chunks):
        return [(words, None)]  # one item with all its choices ("… with sausage and mushrooms")
    pieces: list[Words] = []
    dropped: set[int] = set()  # counted pieces said wholly as single ones ("one frozen and one on the rocks")
    current_item: Item | None = None
    named = False  # the last piece names its item whole (what a bare choice after it is said of)
    said_of: dict[int, Item] = {}  # piece → the item bare choices after it were said of
    correcting = False
    shared: tuple[int, int] | None = None  # the counted piece being split: where, how many are left
    split: list[int] = []  # the pieces one counted piece was split into ("two tenders, one spicy one mild")
    fixing: tuple[Words, Words, bool] | None = None  # the last piece as said before a correction of its choices
    for k, said in enumerate(chunks):
        if not pieces and set(said) <= FILLER:
            continue  # "uh, medium popcorn, …": filler before the first item says nothing
        fix, fixing = fixing, None
        ones = each_one(said)
        made = said[:1] == ("make",)  # "two cokes, make one a sprite": one of the two
        if ones is not None and shared is not None and current_item is not None:
            at, left = shared
            said_of_these = _of_them(said) or _all_choices_of(current_item, ones)
            instead = "instead" in said
            clash = _answered_again(menu, current_item, pieces[at], ones, instead)
            split_off = apart or made or instead  # "two medium burgers, one well done": one of the two
            if clash and apart and not (made or instead) and _named_by_choices(menu, pieces[at], prune):
                raise _said_of_which(menu, [pieces[at]], said, prune)  # "two canadian maples, one strawberry
                # vanilla": one of the two, or one more of another kind? asked (blind10 coffee-and-donuts)
            if clash and not _of_them(said) and not split_off:  # "two jalapeño links and one original": one more
                base = _without(current_item, pieces[at], clash)
                pieces += [(*recount(base, 1), "and", *one) for one in ones]
                shared = None
                continue
            if clash and all(_as_all_of_them(current_item, one, clash) for one in ones):
                clash, ones = [], [() for _ in ones]  # "two large fries, one cajun and one regular": still large
            naming = _items_named(menu, ones, current_item)  # "…, one with ketchup and one chicago style": the
            begun = split[:1] == [at]  # Hot Dog's own name, one of the two; "… and one polish": a total or not? asked
            others = [i for i in naming if i is not current_item]
            if begun and not said_of_these and any(o.category == current_item.category for o in others):
                raise _said_of_which(menu, [pieces[at], *(words_of(o.name) for o in others)], said, prune)
            if len(ones) <= left and (said_of_these or not naming or (begun and not others)):
                base = pieces[at]  # "two large fries, one with no salt": one large fries, and one without salt
                ones_base = _without(current_item, base, clash) if clash else base
                if left > len(ones):
                    pieces[at] = recount(base, left - len(ones))
                else:
                    dropped.add(at)
                pieces += [
                    (*recount(ones_base, 1), "and", *_as_it_comes(current_item, one, _ones_around(chunks, k)))
                    for one in ones
                ]
                split = [*(split if split[:1] == [at] else [at]), *range(len(pieces) - len(ones), len(pieces))]
                shared = (at, left - len(ones))
                continue
            if len(ones) > left and said_of_these and not naming:
                raise _said_of_which(menu, [pieces[at]], said, prune)  # "two pies, one A one B one C": which?
        some = some_with(said) if pieces else None
        if some is None and shared is not None and current_item is not None and _SOME_APART.search(text):
            # "…, two dry hot, two dipped sweet": two of the four each way
            some = some_chosen(menu, current_item, pieces[shared[0]], said, shared[1], prune)
            if some is not None and _answered_again(menu, current_item, pieces[shared[0]], [some[1]]):
                some = None  # "four whiz wit and two whiz witout": more of them, another way
        if some is not None:  # "three lattes, two with oat milk": some of those counted, never a new item
            if shared is None or current_item is None or some[0] > shared[1]:
                raise _said_of_which(menu, pieces, said, prune)  # "two lattes, three with oat milk"
            if not _all_choices_of(current_item, [some[1]]):
                raise _said_of_which(menu, pieces, said, prune)
            at, left = shared
            base = pieces[at]
            if counts_pieces(current_item, shared[1]):  # "6 falafel balls with tahini and 3 with hot sauce"
                pieces.append(_another_order(menu, current_item, base, some))
                shared = None
                continue
            if left > some[0]:
                pieces[at] = recount(base, left - some[0])
            else:
                dropped.add(at)
            pieces.append((*recount(base, some[0]), "and", *some[1]))
            split = [*(split if split[:1] == [at] else [at]), len(pieces) - 1]
            shared = (at, left - some[0])
            continue
        every = _every_one_of(pieces, dropped, split, said)
        cannot = [pieces[i] for i in every if not _takes(menu, pieces[i], said[1:], prune)]
        if every and len(cannot) < len(every):  # "a cookie and a brownie, both warmed": on each, never a line
            if cannot:  # "a latte and a croissant, both warmed": the latte is never warmed
                raise _said_of_which(menu, cannot, said, prune, "cannot have that — which did you mean?")
            for i in every:
                pieces[i] = (*pieces[i], "and", *said)
            continue
        chunk, marked = strip_marker(said)
        if marked and not chunk:
            correcting = True  # "three waters, no, two": the next words correct the last
            continue
        back_out = cancelled(chunk, marked or correcting) if pieces and chunk[:1] in (("no",), ("never",)) else None
        taken = _cancelled_at(menu, pieces, dropped, back_out, prune) if back_out is not None else None
        if taken is not None:  # "a burger and a large fries, actually no fries": the fries taken back
            dropped.add(taken)
            correcting, current_item, shared = False, None, None
            continue
        unsaid = (
            _option_taken_back(menu, current_item, pieces[-1], back_out, chunk[0] == "no")
            if back_out and current_item
            else None
        )
        if unsaid is not None:  # "a burger with bacon, never mind the bacon": the bacon taken back
            pieces[-1], correcting = unsaid, False
            continue
        made_of = _made_of_an_earlier(menu, pieces, dropped, chunk, prune) if pieces and not marked else None
        if made_of is not None:  # "a kale caesar and a lemonade, make the lemonade strawberry"
            at, of, rest = made_of
            made = chunk[0] == "make"  # "the miso with corn": the corn added to the miso's line
            pieces[at] = _corrected(menu, pieces[at], rest, of, prune, True)[0] if made else (*pieces[at], "and", *rest)
            continue
        if (marked or correcting) and pieces:
            back = correcting or takes_back(said)
            correcting = False
            earlier = _earlier_corrected(menu, pieces, chunk, current_item, prune, back)
            if earlier is not None:  # "a cookie and a brownie, actually just the cookie"
                pieces[-1], current_item, gone = earlier
                dropped |= gone
            else:
                fixing = (pieces[-1], chunk, back) if current_item is not None else None
                pieces[-1], current_item = _corrected(menu, pieces[-1], chunk, current_item, prune, back)
            said_of.pop(len(pieces) - 1, None)
            shared = _counted_at(pieces)
            continue
        if pieces and current_item is not None and len(chunk) > 2 and chunk[0] == "the" and chunk[-1] in _THE_ONE:
            chunk = chunk[1:-1]  # "the ribeye, the big one": the one just named, never another ("a chocolate one")
        if (
            pieces
            and current_item is not None
            and not _starts_item(menu, current_item, pieces[-1], chunk)
            and _only_choices(menu, current_item, pieces[-1], chunk)
        ):
            listed = _list_corrected(menu, current_item, fix, chunk)
            fixing = (fix[0], (*fix[1], "and", *chunk), fix[2]) if fix is not None and listed is not None else None
            pieces[-1] = listed if listed is not None else (*pieces[-1], "and", *chunk)
            shared = _counted_at(pieces) if shared is not None and shared[0] == len(pieces) - 1 else shared
            if chunk[0] in _EVERY_ONE and split[-1:] == [len(pieces) - 1]:
                for i in split[:-1]:  # "two tenders, one spicy one mild, each with ranch": ranch on both lines
                    pieces[i] = (*pieces[i], "and", *chunk)
            elif chunk[0] == "both" and len(pieces) > 1 and _takes(menu, pieces[-2], chunk, prune):
                pieces[-2] = (*pieces[-2], "and", *chunk)  # "a spicy tuna roll and a california roll, both full"
            continue
        per = _count_sold_per(current_item, pieces[-1], chunk) if pieces and current_item else None
        if per is not None:  # "fried tofu puffs, two plates": two of the tofu, sold per plate (blind7 hot-pot)
            pieces[-1] = recount(pieces[-1], per)
            shared = _counted_at(pieces)
            continue
        sized = _count_of_size(menu, current_item, pieces[-1], chunk) if pieces and current_item else None
        if sized is not None:  # "hot chocolate, two cups": two of the hot chocolate, each a cup
            pieces[-1] = (*recount(pieces[-1], sized), "and", *chunk[1:])
            shared = _counted_at(pieces)
            continue
        alone = count_alone(current_item, pieces[-1], chunk) if pieces and current_item and named else None
        if alone is not None:  # "tacos de suadero, two, with habanero": two of them
            pieces[-1] = recount(pieces[-1], alone)
            shared = _counted_at(pieces)
            continue
        servings = servings_said(chunk, sold_per_person(current_item)) if pieces and current_item else None
        if servings is not None and with_quantity(pieces[-1])[0][0] is None:  # "egg tarts, two orders": two of them
            pieces[-1] = recount(pieces[-1], servings)
            shared = _counted_at(pieces)
            continue
        that_one = _the_one_said(chunk)  # "two bottles of soju, the peach one": the soju's flavour
        if that_one and pieces and current_item and _only_choices(menu, current_item, pieces[-1], that_one):
            pieces[-1] = (*pieces[-1], "and", *that_one)
            continue
        if len(chunk) > 1 and chunk[-1] == "1" and current_item is not None:
            chunk = (*chunk[:-1], *words_of(current_item.name)[-1:])  # "… donuts and a chocolate one"
        served = _per_person(menu, _unserved(menu, counted_in_units(menu, chunk, prune)))  # "a basket of fries"
        ranked = best_fits(menu, with_quantity(served)[0][1], prune)
        top = ranked[0] if ranked else None
        stands_alone = top is not None and not top.unknown and (top.named or top.options)
        whose = _said_of_an_earlier(menu, pieces, chunk, top, prune) if pieces and top is not None else None
        if whose is not None:  # "a medium burger and a large sprite, extra cheese": the burger's
            at, of = whose
            pieces[at] = (*pieces[at], "and", *chunk)
            said_of[at] = of
            continue
        if (
            pieces
            and named
            and current_item is not None
            and (_said_of_the_last(chunk, top) or a_word_of_its_choices(current_item, chunk, top))
        ):
            pieces[-1] = (*pieces[-1], "and", *chunk)
            said_of[len(pieces) - 1] = current_item
            continue
        if pieces and not stands_alone:
            pieces[-1] = (*pieces[-1], "and", *chunk)
            continue
        if pieces and not named and stands_alone and said_before_its_name(menu, pieces[-1], chunk, prune):
            pieces[-1] = (*pieces[-1], *chunk)  # "a large, uh, steeped tea": the tea's size, said first
            current_item, named = top.item if top is not None else None, True
            shared = _counted_at(pieces)
            continue
        pieces.append(served)
        current_item = top.item if top is not None else None
        named = top is not None and top.named and not top.unknown
        shared = _counted_at(pieces)
    return [(p, said_of.get(i)) for i, p in enumerate(pieces) if i not in dropped]


_LED = frozenset({"add", "extra"})  # "add bacon", "extra cheese": a choice said of an item ordered


def _said_of_an_earlier(
    menu: Menu, pieces: list[Words], chunk: Words, top: Fit, prune: bool
) -> tuple[int, Item] | None:
    """ "a medium burger and a large sprite, extra cheese": bare choices (no count or article; no item named
    whole, or led by "add" / "extra") that the last item said does not take are said of the one earlier item
    that takes them — where it and its index; none taking them, or several, is asked, never a new line read
    from the choices alone (the Side Salad's Blue Cheese; issue #23, the session that broke the reader). None
    when the chunk is no such choice, or names an item the rest of the reading may add ("add fries")."""
    if chunk[0] in ("a", "an") or with_quantity(chunk)[0][0] is not None or top.unknown:
        return None
    if not (top.options and not top.named) and not (top.named and chunk[0] in _LED):
        return None
    items = [_item_read(menu, p, prune) for p in pieces]
    last = items[-1]
    if last is not None and _only_choices(menu, last, pieces[-1], chunk):
        return None  # the last item's (read as before)
    takers = [
        (i, it) for i, it in enumerate(items[:-1]) if it is not None and _only_choices(menu, it, pieces[i], chunk)
    ]
    if any(_only_choices(menu, it, pieces[i], pieces[-1]) for i, it in takers):
        return None  # "3 salads with … and 2 guacamole and tomatillo salsa": the last piece may be its choice too
    if len(takers) == 1:
        return takers[0]
    if top.named and not takers:
        return None  # "…, add fries": another item
    if not takers and last is not None and not top.named:
        return None  # said of the last, which asks about them (:func:`_said_of_the_last`)
    said = " ".join(chunk)
    held = list(dict.fromkeys(it for _, it in takers)) or [it for it in items if it is not None]
    raise ItemAmbiguous(
        f"which item is {said!r} for: " + " or ".join(i.name for i in held) + "?",
        query=said,
        candidates=[candidate(i) for i in held],
    )


def _item_read(menu: Menu, piece: Words, prune: bool) -> Item | None:
    """The item ``piece`` reads as best (named or by its choices: "a large sprite"), or None."""
    ranked = best_fits(menu, with_quantity(piece)[0][1], prune)
    return ranked[0].item if ranked and not ranked[0].unknown and (ranked[0].named or ranked[0].options) else None


def _said_of_the_last(chunk: Words, top: Fit | None) -> bool:
    """ "a medium burger, hot": a piece of only choices (no item named) with no count or article of its own,
    after an item, is said of that item — taken when it is the item's choice, else asked — never another
    item whose choice it is ("hot": the Spicy Chicken Sandwich). The item those choices are is inferred
    only for a choice said as an item ("and a diet coke"); issue #23, the session that broke the reader.
    So is a bare word that names another item only as a word before its head ("a shoyu ramen, spicy": never
    a Spicy Miso Ramen besides; break10)."""
    if top is not None and named_by_a_modifier(top, chunk):
        return chunk[0] not in ("a", "an", "the") and with_quantity(chunk)[0][0] is None
    if top is None or top.named or top.unknown or not top.options:
        return False
    led = any(p[0] in ("a", "an") and chunk[: len(p)] == p for p, _ in option_phrases(top.item))  # "a la mode"
    return led or (chunk[0] not in ("a", "an") and with_quantity(chunk)[0][0] is None)


def _and_a_half(menu: Menu, words: Words) -> Words:
    """ "a pound and a half of moist brisket" → "a lb of moist brisket and a half lb of moist brisket": an amount
    and a half of it, where the menu sells the half amount ("1/2 lb"), is a line of each (the corpus labels,
    blind4's smokehouse) — never a half of something else, nor where the menu sells that amount and a half
    itself ("a pound and a half": its "1.5 lb", blind8's seafood boil)."""
    for i in range(len(words) - 4):
        count, unit = words[i : i + 2]
        amount = unit in UNIT_WORDS and (count.isdigit() or count in ("a", "an"))
        sold = any(words[j : j + len(p)] == p for p in protected_phrases(menu) for j in (i, i + 1))
        sold = sold or words[i : i + 5] in _amounts_sold(menu)  # "a pound and a half": the menu's 1.5 lb (blind8)
        if amount and not sold and words[i + 2 : i + 5] == _A_HALF and ("half", unit) in _amounts_sold(menu):
            end = next((j for j in range(i + 5, len(words)) if words[j] in SEPARATORS), len(words))
            rest = words[i + 5 : end]  # "… of moist brisket", up to what is said next ("and a coke")
            return (*words[:i], count, unit, *rest, "and", "a", "half", unit, *rest, *words[end:])
    return words


_A_HALF = ("and", "a", "half")


@per_object
def _amounts_sold(menu: Menu) -> frozenset[Words]:
    """The menu's choice phrases that are an amount of a unit ("half lb", "1 lb", "a lb and a half")."""
    return frozenset(
        p
        for i in menu.items
        for p, _ in option_phrases(i)
        if (len(p) == 2 and p[1] in UNIT_WORDS) or (len(p) == 5 and p[1] in UNIT_WORDS and p[2:] == _A_HALF)
    )


_ONE_WITH = frozenset({"with", "without", "no", "of", "has"})


def _ones_apart(words: Words) -> Words:
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


def _named_by_choices(menu: Menu, piece: Words, prune: bool) -> bool:
    """Is ``piece`` ("two canadian maples") read as its item by choices alone, no name of the item said?"""
    ranked = best_fits(menu, with_quantity(piece)[0][1], prune)
    return bool(ranked) and not ranked[0].named


def _answered_again(menu: Menu, item: Item, piece: Words, ones: list[Words], instead: bool = False) -> list[Option]:
    """The choices said in ``piece`` ("2 jalapeno cheddar link") whose one-choice group each of ``ones``
    ("original") answers otherwise (any group, said with "instead": "…with bacon, one with avocado instead"):
    after "and" the ones are more of the item; said apart ("2 medium burgers, 1 well done") they are some
    of those counted, with their answer in place of those; [] when any of ``ones`` is not only choices of
    ``item`` or answers nothing said."""
    said = _reading_of(menu, item, piece)
    if said is None or said.unknown:
        return []
    limits = {g.id: g.max for g in choice_groups(item)}
    clash: list[Option] = []
    for one in ones:
        fit = fit_words(item, one, None)
        if fit is None or fit.unknown or not fit.options:
            return []
        again = [
            o
            for o in said.options
            for x in fit.options
            if o.group_id == x.group_id and o is not x and (instead or limits.get(x.group_id, 1) <= 1)
        ]
        if not again:
            return []
        clash += [o for o in again if o not in clash]
    return clash


# "…, two dry hot": a count said after a comma (not "and two …"), of some of those counted
_SOME_APART = re.compile(r"[,;.]\s*(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b", re.IGNORECASE)
_APART = re.compile(r"[,;.]\s*(?:but\s+)?(?:one|1)\b", re.IGNORECASE)


def _one_said_apart(text: str) -> bool:
    """ "two medium burgers, one well done": "one" said after a comma (not "and one …") is one of those
    counted, never one more — the count never grows (issue #23, the session that broke the reader)."""
    return ("," in text or ";" in text or "." in text) and _APART.search(text) is not None


def _another_order(menu: Menu, item: Item, piece: Words, some: tuple[int, Words]) -> Words:
    """ "6 falafel balls with tahini and 3 with hot sauce", the count a count of pieces (6 pc): another order
    of the item with its own count and what is said of it, keeping the choices of ``piece`` only in groups
    it does not answer (the 3 with hot sauce, never the tahini too). Issue #23, break11 kind C."""
    said, now = _reading_of(menu, item, piece), fit_words(item, some[1], None)
    answered = {o.group_id for o in now.options} if now is not None else set()
    gone = [o for o in said.options if o.group_id in answered] if said is not None else []
    return (*recount(_without(item, piece, gone), some[0]), "and", *some[1])


def _all_choices_of(item: Item, ones: list[Words]) -> bool:
    """Each of ``ones`` ("with hot salsa", "with mild") is only choices of ``item``: said of the ones counted,
    though the words might also name another item (Chips & Salsa)."""
    fits = [fit_words(item, one, None) for one in ones]
    return all(f is not None and not f.unknown and f.options for f in fits)


_AS_IT_COMES = frozenset({"regular", "normal", "plain", "usual"})


def _ones_around(chunks: list[Words], at: int) -> list[Words]:
    """The single ones said in ``chunks[at]`` and the chunks right around it ("…, one plain, one chocolate
    chip")."""
    start, end = at, at + 1
    while start > 0 and each_one(chunks[start - 1]) is not None:
        start -= 1
    while end < len(chunks) and each_one(chunks[end]) is not None:
        end += 1
    return [one for chunk in chunks[start:end] for one in each_one(chunk) or []]


def _as_it_comes(item: Item, one: Words, ones: list[Words]) -> Words:
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


def _as_all_of_them(item: Item, one: Words, clash: list[Option]) -> bool:
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


def _of_them(chunk: Words) -> bool:
    """ "one of them with brown rice": said of the ones just counted, never a new item (a Steamed Rice)."""
    return any(chunk[i : i + 2] == ("of", "them") for i in range(len(chunk) - 1))


def _folded_unnamed(menu: Menu, whole: Fit, chunks: list[Words]) -> bool:
    """Is ``whole`` (the whole phrase's reading) an item no word names, read from its choices, where a part
    names another item whole ("medium popcorn, and a medium coke" as Combo #2's Medium Popcorn and drink; "two
    44 oz cokes and a medium popcorn", a part begun with "a" or a count)? The items said apart are each a line, never
    folded into a combo the customer did not name (blind7 cinema-concessions; issue #23, the breakers'
    leftovers)."""
    said = [c for c in chunks if not set(c) <= FILLER]  # "uh, medium popcorn, …": the filler names nothing
    if whole.named or len(said) < 2:
        return False
    for k, chunk in enumerate(said):
        if k and not (chunk[0] in ("a", "an") or chunk[0].isdigit()):
            continue  # "…, add chicken": a choice of what was said first, never an item begun
        alone = best_fits(menu, with_quantity(chunk)[0][1])
        if alone and alone[0].named and not alone[0].unknown and alone[0].item is not whole.item:
            return True
    return False


def _another_item_said(menu: Menu, item: Item, chunks: list[Words]) -> bool:
    """Does a chunk after the first start an item other than ``item`` (the whole phrase's reading, or the
    item the first chunk names: "a patty melt and an order of fries", "a pretzel and a basket of fries")?"""
    first = best_fits(menu, with_quantity(chunks[0])[0][1]) if chunks else []
    if first and first[0].named and not first[0].unknown:
        item = first[0].item
    return any(
        _starts_item(menu, item, tuple(w for c in chunks[:i] for w in (*c, "and"))[:-1], chunks[i])
        for i in range(1, len(chunks))
    )


def _unserved(menu: Menu, chunk: Words) -> Words:
    """ "a basket of fries" → "a fries": a word the menu does not know between the count and "of", before
    an item (named, or read by its choices alone: "a pack of butterscotch krimpets", one item's flavour)
    with no sizes or amounts it could mean, is how it is served ("basket", "bag"), not what is
    ordered ("a box of donuts" stays, to be asked about, where donuts come by the dozen). A serving noun
    (:data:`~.counts.SERVINGS`) a name of the menu also has ("veggie plate", "juice box") is one too, where the
    words as said name no item whole ("a plate of mao du", "a box of sour patch kids"; blind7)."""
    lead = 1 if chunk[:1] in (("a",), ("an",)) or (chunk[:1] and chunk[0].isdigit()) else 0
    if len(chunk) <= lead + 2 or chunk[lead + 1] != "of" or chunk[lead] in FILLER:
        return chunk
    if chunk[lead] in menu_words(menu):
        whole = best_fits(menu, with_quantity(chunk)[0][1]) if chunk[lead] in SERVINGS else []
        if not whole or (whole[0].named and not whole[0].unknown):
            return chunk
    rest = (*chunk[:lead], *chunk[lead + 2 :])
    ranked = best_fits(menu, with_quantity(rest)[0][1])
    if not ranked or ranked[0].unknown or _sized(ranked[0].item):
        return chunk
    by_choices = ranked[0].options and (len(ranked) < 2 or ranked[1].key > ranked[0].key)
    return rest if ranked[0].named or by_choices else chunk  # "a pack of butterscotch krimpets": the Tastykake's


def _per_person(menu: Menu, chunk: Words) -> Words:
    """ "sauce bar for 2" → "2 sauce bar": a count said after an item sold per person (the menu says "per
    person": :func:`~.counts.sold_per_person`), with no count before it, is its count (issue #23, blind7)."""
    people = for_each_person(chunk)
    if people is None or with_quantity(people[1])[0][0] is not None:
        return chunk
    ranked = best_fits(menu, people[1])
    if not ranked or not ranked[0].named or ranked[0].unknown or not sold_per_person(ranked[0].item):
        return chunk
    return (str(people[0]), *people[1])


@per_object
def _sized(item: Item) -> bool:
    """Does ``item`` come in sizes or amounts (variations, a default choice, a choice named by a number or a
    size word)?"""
    if item.variations:
        return True
    groups = choice_groups(item)
    names = [words_of(o.name) for g in groups for o in g.options]
    return any(o.default for g in groups for o in g.options) or any(
        w.isdigit() or w in SIZE_WORDS or w == "dozen" for n in names for w in n
    )


@per_object
def _top_groups_of(item: Item) -> dict[int, str]:
    """id(option) → the item's top-level group whose answer it is or lies under (a combo's drink for Coke)."""
    out: dict[int, str] = {}

    def walk(groups: tuple[ModifierGroup, ...], top: str | None) -> None:
        for group in groups:
            for option in group.options:
                out.setdefault(id(option), top or group.id)
                walk(option.modifier_groups, top or group.id)

    walk(item.modifier_groups, None)
    return out


def _starts_item(menu: Menu, item: Item, before: Words, chunk: Words) -> bool:
    """``chunk`` ("an order of fries", said after ``before``, read as ``item``) starts another item: it
    begins with a count, names another item whole (or names ``item`` again after ``before`` named it: "an
    edamame and a spicy edamame" is two lines — blind5 yakitori-bar), and answers no required choice of
    ``item`` still open ("a combo and a coke" is the combo's drink; "a patty melt and an order of fries" with
    the melt's side already answered is two items)."""
    if not chunk or not (chunk[0] in ("a", "an") or chunk[0].isdigit()):
        return False
    words = with_quantity(_unserved(menu, chunk))[0][1]
    ranked = best_fits(menu, words)
    if not ranked or not ranked[0].named or ranked[0].unknown:
        return False
    said = item_fits(menu, item, with_quantity(before)[0][1])
    if not said:
        return False
    again = ranked[0].item is item  # "an edamame and a spicy edamame": the item named again is another line —
    # by its own name or an alias, never a part of it ("…, one more meatball" of Spaghetti and Meatballs)
    own = {words_of(n) for n in (item.name, *item.aliases)}
    if again and (ranked[0].name not in own or not min(said).named or min(said).unknown):
        return False
    open_groups = {g.id for g in missing(item, list(min(said).options))}
    whole = fit_words(item, _unserved(menu, chunk), None)  # "and six nuggets": the count may be the choice's
    answer = whole if whole is not None and not whole.unknown else fit_words(item, words, None)
    if answer is None:
        return True
    longest = max((len(p) for p in answer.option_spans), default=0)
    if not again and not answer.unknown and longest > len(ranked[0].name or ()):
        return False  # "a latte … and an extra shot": the choice Extra Shot says more than the item "shot"
    chosen = min(said).options
    open_groups |= {g.id for o in chosen for g in o.modifier_groups if sum(x.group_id == g.id for x in chosen) < g.min}
    tops = _top_groups_of(item)  # a pick-your-own box's donuts still to choose are open too ("2 boston kremes")
    return not any(tops.get(id(o), o.group_id) in open_groups or o.group_id in open_groups for o in answer.options)


def _counted_at(pieces: list[Words]) -> tuple[int, int] | None:
    """The last piece and its count, when it counts two or more (what "one with …" after it splits)."""
    count = with_quantity(pieces[-1])[0][0] if pieces else None
    return (len(pieces) - 1, count) if count is not None and count > 1 else None


def _items_named(menu: Menu, said: list[Words], counted: Item) -> list[Item]:
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


def read_order(
    menu: Menu, text: str, modifiers: tuple[str, ...] = (), *, prune: bool = True
) -> list[Reading | CartError]:
    """Each item said in ``text`` (+ ``modifiers``, choices said for the last of them), or its question.
    Modifiers that correct one said before ("jalapenos", "make that grilled onions") are read as one phrase
    with ``text``, as a spoken correction is (issue #23, break10 kind D).

    ``prune``: score only the items that could matter (:mod:`.candidates`) and read a clean phrase
    without scoring (:mod:`.quick`); False scores every item on every piece (the reference they are
    tested against, tests/core/reading/test_pruned.py)."""
    if not isinstance(text, str) or not text.strip():
        return [ItemNotFound("say which item", query=text, suggestions=[])]
    negative = (
        negative_count(text)
        or count_unsaid(text)
        or ("ome " in text and some_uncounted(menu, text))
        or number_named_uncounted(menu, text)
        or None
    )
    if negative is not None:
        return [negative]
    exact = menu.item(text)
    if exact is not None and not modifiers:
        return [Reading(exact, said=text)]
    ids = exact_reading(menu, text, modifiers)
    if ids is not None:  # an item id with option ids: read as given, never cut or scored
        return [ids]
    if any(servings_said(w, True) or a_number_alone(w) for w in (said_words(menu, m) for m in modifiers)):
        # "egg tarts" + ["2 orders"], "baklava" + ["three"]: the count
        text, modifiers, exact = ", ".join((text, *modifiers)), (), None
    if any(strip_marker(said_words(menu, m))[1] for m in modifiers[1:]):
        text, modifiers, exact = ", ".join((text, *modifiers)), (), None  # corrected: read as one phrase
    quick = quick_reading(menu, text) if prune and exact is None and not modifiers else None
    if quick is not None:  # one item and its choices said plainly: the answer, without scoring the menu
        return plurals_asked([quick], " ".join((text, *modifiers)))
    try:
        cut = _pieces(menu, text, prune) if exact is None else [(words_of(exact.name), None)]
    except (ItemAmbiguous, WordsNotUnderstood) as exc:  # a correction that does not say what it corrects
        return [exc]
    pieces = [(" ".join(p), p, of) for p, of in cut]
    if len(pieces) == 1:
        pieces = [(text.strip(), pieces[0][1], pieces[0][2])]  # one item: say it back in the customer's own words
    out: list[Reading | CartError] = []
    for n, (said, words, of) in enumerate(pieces):
        found = _not_its_choices(menu, of, words, said)
        out.append(found if found is not None else _read_piece(menu, said, words, _last(pieces, n, modifiers), prune))
    for n in range(len(out) if len(out) > 1 else 0):
        _place_notes(menu, pieces, out, n, modifiers, prune)
    return plurals_asked(out, " ".join((text, *modifiers))) or [
        ItemNotFound("say which item", query=text, suggestions=[])
    ]


def _place_notes(
    menu: Menu,
    pieces: list[tuple[str, Words, Item | None]],
    out: list[Reading | CartError],
    n: int,
    modifiers: tuple[str, ...],
    prune: bool = True,
) -> None:
    """Each note on ``out[n]`` that is another item's choice goes to that item's line, read again with it
    (:func:`~app.core.reading.whose.note_said_for`); where it is not clear whose, ``out[n]`` is the question."""
    first = out[n]
    for note in first.notes if isinstance(first, Reading) else ():
        whose = note_said_for(menu, out, n, note)
        reading = out[n]
        if isinstance(whose, CartError) or not isinstance(reading, Reading):
            out[n] = whose if isinstance(whose, CartError) else reading  # "…, no onions": which item's?
            return
        if whose is not None:  # "a medium burger and a large sprite" + ["no onions"]: the burger's
            to, choice = whose
            said, words, _ = pieces[to]
            out[to] = _read_piece(menu, said, words, (*_last(pieces, to, modifiers), " ".join(choice)), prune)
            out[n] = replace(reading, notes=tuple(x for x in reading.notes if x != note))


def _last(pieces: list[tuple[str, Words, Item | None]], n: int, modifiers: tuple[str, ...]) -> tuple[str, ...]:
    """The model's ``modifiers`` are said of the last piece only."""
    return modifiers if n == len(pieces) - 1 else ()


def _read_piece(
    menu: Menu, said: str, words: Words, modifiers: tuple[str, ...], prune: bool = True
) -> Reading | CartError:
    """One piece of the phrase read as its item, with ``modifiers`` (the model's list, or choices said of it
    elsewhere in the phrase) as its list of choices; the question when it is not clear."""
    extra = tuple(w for m in modifiers for w in ("and", *words_of(m)))
    heard = (*words, *extra)
    if modifiers:
        try:
            found = _with_modifiers(menu, words, said, modifiers, prune)
            if found is not None:
                return _nested(found, heard)
        except CartError as exc:
            return exc
    try:  # the modifiers also rank the items ("shake" + ["chocolate"] is the chocolate one)
        return _nested(read_item(menu, heard, said, extra, prune), heard)
    except CartError as exc:
        return exc


def _not_its_choices(menu: Menu, item: Item | None, words: Words, said: str) -> CartError | None:
    """The question for bare choices said after ``item``'s name that are no choices of it ("a medium burger,
    hot"): what ``item`` does not explain is asked about, never read as another item
    (:func:`_said_of_the_last`); None when ``item`` is None or explains every word."""
    if item is None:
        return None
    fit = _reading_of(menu, item, words)
    if fit is None or not fit.unknown:
        return None
    try:
        ask_about_words(menu, fit, said)
    except CartError as exc:
        return exc


def _nested(reading: Reading, words: Words) -> Reading:
    """``reading`` with its nested choices each under the option that holds it (:func:`nest`), the halves
    said as the menu names them (:func:`halves_of`)."""
    return replace(reading, options=nest(reading.item, halves_of(reading.item, words)[0], reading.options))


def _with_modifiers(
    menu: Menu, words: Words, said: str, modifiers: tuple[str, ...], prune: bool = True
) -> Reading | None:
    """The item the phrase alone names, with the ``modifiers`` as its list of choices: a choice the phrase
    named and the modifiers restate counts once, repeats among the modifiers count. None when the
    phrase alone names no one item (then phrase and modifiers are read together)."""
    fits = best_fits(menu, with_quantity(words)[0][1], prune)
    try:
        alone = read_item(menu, words, said, prune=prune)
    except ItemAmbiguous:
        if fits and not fits[0].named and fits[0].options and not fits[0].unknown:
            raise  # {"item": "turkey"}: a choice of several items — the modifiers never pick the item for it
        return None
    except CartError:
        return None
    said_choices = sorted(o.name for o in fits[0].options) if fits and not fits[0].named else None
    held = [f for f in fits if not f.named and not f.unknown and sorted(o.name for o in f.options) == said_choices]
    holding = [f.item for f in held] if the_item_those_choices_are(held) is None else []
    if len(holding) > 1:  # {"item": "turkey"} where Turkey is a choice of two items: which item is it for?
        raise ItemAmbiguous(
            f"{said!r} is a choice on " + " or ".join(i.name for i in holding) + "; which item?",
            query=said,
            candidates=[candidate(i) for i in holding],
        )
    try:
        listed = read_choices(menu, alone.item, modifiers)
    except CartError:
        if _another_item_with_them(menu, words, modifiers, alone.item, prune):
            return None  # "ribeye" + ["bone in", "rare"]: the Bone-In Ribeye, read from all the words
        raise
    _said_twice(menu, alone, listed, words)
    restated = {o.id for o in listed.options} | ({listed.variation.id} if listed.variation else set())
    options = (*listed.options, *(o for o in alone.options if o.id not in restated))
    variation = listed.variation or alone.variation
    quantity = alone.quantity
    lead = words[0] if words else ""
    resized = listed.variation and alone.variation and listed.variation is not alone.variation
    if resized and quantity is None and lead.isdigit() and lead in words_of(alone.variation.name):  # type: ignore[union-attr]
        quantity = int(lead)  # "3 garlic breads" + ["six pieces"]: the 3 was the count, not 3 Pieces
    elif resized and not set(words_of(alone.variation.name)) <= set(words[1:]):  # type: ignore[union-attr]
        quantity = with_quantity(words)[0][0] or quantity  # "three tacos" + ["single"]: the count, no Plate of 3
    notes = tuple(dict.fromkeys((*alone.notes, *listed.notes)))
    removals = tuple(dict.fromkeys((*alone.removals, *listed.removals)))
    return Reading(alone.item, quantity, options, notes, said, variation, removals)


def _another_item_with_them(menu: Menu, words: Words, modifiers: tuple[str, ...], item: Item, prune: bool) -> bool:
    """Do the phrase and the ``modifiers`` read together as one item other than ``item`` (whose choices they
    are not), with every word placed ("ribeye" + ["bone in"]: the 22 oz Bone-In Ribeye, told apart from the
    16 oz Ribeye by those words)?"""
    extra = tuple(w for m in modifiers for w in ("and", *words_of(m)))
    try:
        together = read_item(menu, (*words, *extra), " ".join(words), extra, prune)
    except CartError:
        return False
    return together.item is not item


def _said_twice(menu: Menu, alone: Reading, listed: Reading, words: Words) -> None:
    """Two sizes, one said in the phrase and one in the ``modifiers`` ("a large fries" + ["medium"], "a large
    latte" + ["12 oz"]): asked, never one settled silently (issue #23, found by the session that broke the
    reader; two answers of an option group are asked by the choice rules). The phrase's size counts only
    where its own words say it — not a default, the item's name or the count ("3 garlic breads" + ["six
    pieces"])."""
    said, other = alone.variation, listed.variation
    if said is None or other is None or said is other:
        return
    named = {w for name in item_names(menu)[id(alone.item)] for w in name}
    rest = set(words[1:] if words and words[0].isdigit() else words)
    own = set(words_of(said.name))
    if not own or not own <= rest or own <= named:
        return
    group = next(g for g in choice_groups(alone.item) if g.id == VARIATION_GROUP)
    raise WordsNotUnderstood(  # not ModifierInvalid: no repeat the choice rules might take (lines._counted)
        f"You said {said.name} and {other.name} for the {alone.item.name}; which {group.name} would you like?",
        item=alone.item.name,
        item_id=alone.item.id,
        words=" ".join(words_of(other.name)),
        group=group.id,
        group_name=group.name,
        conflict=[said.name, other.name],
        options=offer(group.options),
    )


def read_choices(menu: Menu, item: Item, texts: tuple[str, ...]) -> Reading:
    """Choices said for a known ``item`` (ids, names, or phrases): a :class:`Reading` of it.

    Raises ``modifier_invalid`` naming the words that are no choice of the item (and the one group
    they belong to, when they do on other items).
    """
    exact = exact_choices(item, texts)
    if exact is not None:  # ids only: never read as words (app.core.reading.exact)
        return Reading(item, None, exact[0], (), item.name, exact[1], exact[2])
    by_id = {o.id: o for g in choice_groups(item) for o in g.options}
    options = [by_id[t] for t in texts if t in by_id]
    said = [t for t in texts if t not in by_id]
    words = tuple(w for t in said for w in ("and", *own_words(menu, words_of(t))))
    fit = fit_words(item, words, None)
    if fit is None:  # pragma: no cover - a reading without a name always exists
        raise ModifierInvalid(f"I didn't understand {', '.join(said)!r}", item=item.name, item_id=item.id)
    fit = kept_as_notes(menu, fit, words)
    if fit.unknown:
        ask_about_words(menu, fit, " ".join(said), words)
    fit.options = tuple(sorted((*options, *fit.options), key=lambda o: _said_at(item, texts, o)))  # as said
    if options:  # an id said as a word ("large", "lemonade") still says where a size beside it goes
        words = tuple(w for t in texts for w in ("and", *own_words(menu, words_of(t))))
    return _nested(reading_of(fit, item.name), words)


def _said_at(item: Item, texts: tuple[str, ...], option: Option) -> int:
    """Which of ``texts`` said ``option`` (its id, or one of its phrases): keeps the choices in the order said."""
    phrases = [p for p, o in option_phrases(item) if o is option]
    for i, text in enumerate(texts):
        if text == option.id or any(find_phrase(list(words_of(text)), p) >= 0 for p in phrases):
            return i
    return len(texts)
