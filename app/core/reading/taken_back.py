"""A take-back inside one utterance, resolved against the menu: what the words after "no wait", "actually",
"make that" replace — a count, a choice, the item, or a line said earlier — and the question when that is
not clear.

:mod:`app.core.reading.corrections` finds the markers in the words; :mod:`app.core.reading.order` cuts the
phrase and calls these on each piece a take-back follows. "a cookie, no wait, a brownie" is a brownie
(:func:`piece_corrected`); "a kale caesar and a lemonade, make the lemonade strawberry" changes the lemonade
(:func:`made_of_an_earlier`); "a burger with bacon, never mind the bacon" takes the bacon off
(:func:`option_taken_back`). Issue #23.
"""

from __future__ import annotations

from app.core.menu import Item, Menu, Option
from app.core.reading.comes_with import inside, made_into, replaced_option
from app.core.reading.corrections import bare_count, inner_number, only_said, recount
from app.core.reading.counts import with_quantity
from app.core.reading.fit import Fit, best_fits, fit_words, item_fits
from app.core.reading.memo import per_object
from app.core.reading.questions import ask_about_words, candidate
from app.core.reading.spoken import FILLER, MULTIPLIERS, NEGATIONS
from app.core.reading.vocabulary import (
    Words,
    choice_groups,
    described_words,
    head_nouns,
    option_phrases,
    served_black,
    words_of,
)
from app.core.reading.whose import said_on_an_item
from app.errors import ItemAmbiguous


def piece_corrected(
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
    before = read_as(menu, item, piece)
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


def earlier_corrected(
    menu: Menu, pieces: list[Words], chunk: Words, item: Item | None, prune: bool, back: bool
) -> tuple[Words, Item, set[int]] | None:
    """A correction that names an item said before: "…, actually just the cookie" keeps only the cookie's
    piece (the others are taken back: the indices returned, the kept piece made the last); a correction
    naming an item said earlier than the last piece ("a cookie and a brownie, actually a cookie": the
    brownie replaced, or the cookie restated?), or "just" a new item after several, cannot tell what it
    corrects and is asked. None when the correction is of the last piece alone (:func:`piece_corrected`). With a
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
        kept = piece_corrected(menu, pieces[last], chunk, new, prune, back)[0]  # ("a latte and two muffins, actually
        if with_quantity(chunk)[0][0] is not None:  # just one muffin": the latte stays; break10)
            return kept, new, set(range(last, len(pieces) - 1))
    else:
        raise _which_corrected(menu, pieces, chunk, prune)
    return kept, new, set(range(len(pieces) - 1)) - set(at[:-1])


def made_of_an_earlier(
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
        if at and only_choices(menu, named, pieces[at[-1]], on[0]):
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
        if not at or not only_choices(menu, named, pieces[at[-1]], rest[k:]):
            continue
        fit = fit_words(named, rest[k:], None)
        if not made and (fit is None or fit.notes or not fit.options):
            continue  # "chicken tikka, the kebab not the masala": which item, never a note on it
        if len(at) > 1:
            raise _which_corrected(menu, [pieces[i] for i in at], chunk, prune)
        return at[0], named, rest[k:]
    return None if made else _part_of_an_earlier(menu, pieces, dropped, rest, prune)


def _part_of_an_earlier(
    menu: Menu, pieces: list[Words], dropped: set[int], rest: Words, prune: bool
) -> tuple[int, Item, Words] | None:
    """ "café con leche y tostada, large, and the tostada with cheese": "the X Y", X a part of the name of the
    one item said earlier that holds it (the tostada of Café con Leche y Tostada) and Y only its choices, adds Y
    to that line — never a second item X would name alone (a Tostada Cubana): "the" says X was said already
    (blind11 cuban-ventanita)."""
    earlier = [(i, item) for i, p in enumerate(pieces) if i not in dropped and (item := _item_named(menu, p, prune))]
    for k in range(1, len(rest)):
        held = {i: item for i, item in earlier if any(inside(rest[:k], words_of(n)) for n in _names(item))}
        if len(held) != 1:
            continue
        (at, item), choices = next(iter(held.items())), rest[k:]
        fit = fit_words(item, choices, None)
        if fit is not None and fit.options and not fit.notes and only_choices(menu, item, pieces[at], choices):
            return at, item, choices
    return None


def _names(item: Item) -> tuple[str, ...]:
    return (item.name, *item.aliases)


def cancelled_at(menu: Menu, pieces: list[Words], dropped: set[int], gone: Words, prune: bool) -> int | None:
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


def said_of_which(menu: Menu, pieces: list[Words], chunk: Words, prune: bool, why: str = "") -> ItemAmbiguous:
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


def read_as(menu: Menu, item: Item, piece: Words) -> Fit | None:
    """The best reading of ``piece`` (its count aside) as ``item``, or None."""
    fits = item_fits(menu, item, with_quantity(piece)[0][1])
    return min(fits) if fits else None


def option_taken_back(menu: Menu, item: Item, piece: Words, gone: Words, no: bool = False) -> Words | None:
    """``piece`` without the options ``gone`` names when each was said in it ("a burger with bacon, never
    mind the bacon": no bacon, never a note against it); a default said and taken back ("a wedge salad with
    bacon, actually no bacon") comes off as "no bacon" would take it; where the group taken back from has its
    own "No X", "no X" said (``no``: "a latte with foam, actually no foam") chooses it. None otherwise. Issue
    #23, break10 kind D; break11 kind B; the breakers' leftovers."""
    fit = fit_words(item, gone, None)
    said = read_as(menu, item, piece)
    if fit is None or fit.unknown or fit.notes or not fit.options or said is None or said.unknown:
        return None
    if any(o not in said.options for o in fit.options):
        return None
    out = said_without(item, piece, list(fit.options))
    defaults = any(o.default for o in fit.options)
    none = fit_words(item, ("no", *gone), None) if no else None  # "with foam, actually no foam": No Foam
    said_none = (
        none is not None
        and not none.unknown
        and {o.group_id for o in none.options} == {o.group_id for o in fit.options}
    )
    if defaults or said_none:
        out = (*out, "and", "no", *gone)  # the default would come back unsaid: taken off as said
    again = read_as(menu, item, out)
    if again is None or again.unknown:
        return None
    chosen = list(none.options) if none is not None and said_none else []
    kept = sorted(o.id for o in [*(o for o in said.options if o not in fit.options), *chosen])
    if defaults:  # "no butter" may choose No Butter: every other choice kept, none taken back left
        now = {o.id for o in again.options}
        return out if set(kept) <= now and not now & {o.id for o in fit.options} else None
    return out if sorted(o.id for o in again.options) == kept else None


def said_without(item: Item, words: Words, options: list[Option]) -> Words:
    """``words`` with where each of ``options`` was said taken out (the last time, its longest phrase)."""
    out = list(words)
    for option in options:
        for phrase in sorted((p for p, o in option_phrases(item) if o is option), key=len, reverse=True):
            at = max(
                (i for i in range(len(out) - len(phrase) + 1) if tuple(out[i : i + len(phrase)]) == phrase), default=-1
            )
            if at >= 0:
                lead = at > 0 and out[at - 1] in _AMOUNT_LEADS  # "extra halloumi, double halloumi actually": the
                del out[at - lead : at + len(phrase)]  # amount said goes with the choice it was said of
                break
    return tuple(out)


_AMOUNT_LEADS = frozenset({"extra", "add", *MULTIPLIERS})  # said right before a choice: how much of it


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


def list_corrected(menu: Menu, item: Item, fix: tuple[Words, Words, bool] | None, more: Words) -> Words | None:
    """The piece as said before a correction (``fix``: it, the correction, taken back?) corrected by the
    correction and the choices ``more`` said after it, when together they restate a list with a choice said
    before in it ("pepperoni and sausage, no wait, pepperoni and mushrooms": the sausage taken back); else
    None. Issue #23, break10 kind D."""
    if fix is None or not fix[2]:
        return None
    piece, chunk, _ = fix
    said, now = read_as(menu, item, piece), fit_words(item, (*chunk, "and", *more), None)
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
    said = read_as(menu, item, piece)
    made = made_into(item, chunk)  # "make the chili a broccoli cheddar": the chili's place
    instead = made[0] if made is not None and said is not None and made[0] in said.options else None
    chunk = made[1] if instead is not None and made is not None else chunk
    fit = fit_words(item, chunk, None)
    if fit is None or fit.unknown or not (fit.options or fit.notes) or said is None:
        return None
    if said.unknown and not (back and set(said.unknown) <= described_words(item)):
        return None  # "chicken steamed 12 pieces, actually make it jhol": "chicken" says the Chicken Momo
    only = back and next((w for w in chunk if w not in ("the", "a", "an")), None) in ("just", "only")
    instead = instead or replaced_option(item, chunk)  # "yuca instead of the fries": the fries, never the salad
    gone = [instead] if instead in said.options else _corrected_options(item, said.options, fit.options, back, only)
    kept = list(said.options)
    for option in gone:
        kept.remove(option)
    base = said_without(item, piece, gone)
    if back and fit.notes and not fit.options and said.notes:
        base = _without_removal(base, fit.notes, said.notes)
    said_now = tuple(w for w in chunk if w not in ("just", "only")) if only else chunk  # the defaults stay
    out = (*base, "and", *said_now)
    again = read_as(menu, item, out)
    if (
        again is None
        or again.unknown != said.unknown
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
    said = read_as(menu, old, piece) if old is not None else None
    if said is not None and said.named and said.name is not None:
        at = next((i for i in range(len(rest)) if rest[i : i + len(said.name)] == said.name), -1)
        if at >= 0:
            rest = (*rest[:at], *rest[at + len(said.name) :])
    fit = fit_words(new, rest, None)
    now = read_as(menu, new, out)
    if fit is None or not fit.options or now is None or now.unknown:
        return out
    answered = {o.group_id for o in now.options}
    carried = [o for o in fit.options if o.group_id not in answered]
    phrases = [next((p for p, o in option_phrases(new) if o is c and p in fit.option_spans), None) for c in carried]
    if not carried or any(p is None for p in phrases):
        return out
    both = (*out, *(w for p in phrases if p is not None for w in ("and", *p)))
    again = read_as(menu, new, both)
    if (
        again is None
        or again.unknown
        or sorted(o.id for o in again.options) != sorted(o.id for o in (*now.options, *carried))
    ):
        return out
    return both


def only_choices(menu: Menu, item: Item, before: Words, chunk: Words) -> bool:
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
