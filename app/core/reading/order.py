"""A whole spoken order → its items: the phrase cut at "and" / "," / "a side of", each piece read by
:mod:`app.core.reading.item`, the model's ``modifiers`` read as the last item's list of choices.

``read_order(menu, "a cheeseburger medium with cheddar and fries and a coke")`` answers one
:class:`~app.core.reading.item.Reading` per item said, or the question for a part that is not clear.

Cutting the phrase asks three neighbours: where another item starts (:mod:`.item_starts`), what a take-back
replaces (:mod:`.taken_back`), and which of a count's ones a part is said of (:mod:`.ones_said`).
"""

from __future__ import annotations

from dataclasses import replace

from app.core.cart.choices import offer
from app.core.menu import Item, Menu, Option
from app.core.reading.all_of_one import sized_box_of_one
from app.core.reading.comes_with import halves_of, said_by_its_alias
from app.core.reading.corrections import (
    WITHIN_STARTS,
    cancelled,
    each_one,
    marker_last,
    marker_within,
    recount,
    some_with,
    strip_marker,
    takes_back,
)
from app.core.reading.count_after import count_said_after
from app.core.reading.counts import (
    a_number_alone,
    count_alone,
    count_unsaid,
    counts_pieces,
    negative_count,
    number_named_uncounted,
    servings_said,
    sold_by_units,
    sold_per,
    sold_per_person,
    some_uncounted,
    with_quantity,
)
from app.core.reading.each_said import each_described
from app.core.reading.exact import exact_choices, exact_reading
from app.core.reading.fit import Fit, best_fits, fit_words
from app.core.reading.item import Reading, kept_as_notes, read_item, reading_of
from app.core.reading.item_starts import (
    another_item_said,
    folded_unnamed,
    named_again_otherwise,
    per_person,
    served_in_a_size,
    starts_item,
    unserved,
    whole_reading,
)
from app.core.reading.memo import per_object, start_read
from app.core.reading.mixed_box import box_filled
from app.core.reading.more_of_the_dish import NOTHING_ELSE
from app.core.reading.nesting import nest
from app.core.reading.ones_said import (
    EVERY_ONE,
    SOME_APART,
    all_choices_of,
    another_order,
    answered_again,
    as_all_of_them,
    as_it_comes,
    counted_at,
    ends_a_choice,
    every_one_dropped,
    every_one_last,
    every_one_of,
    items_named,
    of_them,
    one_more_otherwise,
    one_said_apart,
    ones_apart,
    ones_around,
    the_named_one,
)
from app.core.reading.plurals import plurals_asked
from app.core.reading.questions import ask_about_words, candidate
from app.core.reading.quick import quick_reading
from app.core.reading.rivals import said_in_a_description, the_item_those_choices_are
from app.core.reading.said_before import said_before_its_name
from app.core.reading.some_chosen import some_chosen
from app.core.reading.spoken import FILLER, OPENERS, SEPARATORS, UNIT_WORDS, said_as
from app.core.reading.taken_back import (
    cancelled_at,
    earlier_corrected,
    list_corrected,
    made_of_an_earlier,
    named_by_a_modifier,
    only_choices,
    option_taken_back,
    piece_corrected,
    read_as,
    said_of_which,
    said_without,
)
from app.core.reading.units_said import counted_in_units
from app.core.reading.vocabulary import (
    VARIATION_GROUP,
    Words,
    choice_groups,
    find_phrase,
    item_names,
    menu_words,
    option_phrases,
    own_words,
    protected_phrases,
    said_words,
    words_of,
)
from app.core.reading.whose import a_word_of_its_choices, note_said_for
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


# what "the X one" is said with: "the big one", "the regular kind", "the spicy type"
_THE_ONE = frozenset({"1", "kind", "type", "sort"})


def _leads_only(words: list[str]) -> bool:
    """Nothing but a count or an article before "side of" ("a side of potato salad"): the side starts the
    item said, it is not cut off from one (the words stay whole: "side" may be the item's size); so is an opener
    or a hesitation before them ("um a side of fried rice")."""
    return all(w in ("a", "an", "the") or w.isdigit() or w in OPENERS for w in words)


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


def _alike_take(menu: Menu, pieces: list[Words], chunk: Words) -> bool:
    """Is ``chunk`` (said last, no count or article) choices every line said takes, the lines being items of one
    kind (the same choice groups with the same choices, several of them)? Then it is said of them all, as with
    "for both" (blind15 oyster-bar)."""
    if len(pieces) < 2 or not chunk or chunk[0].isdigit() or chunk[0] in ("a", "an", "the"):
        return False
    items = [_item_read(menu, p, True) for p in pieces]
    kinds = {
        tuple(sorted((g.name, *sorted(o.name for o in g.options)) for g in i.modifier_groups)) if i else None
        for i in items
    }
    if None in kinds or () in kinds or len(kinds) != 1 or len({id(i) for i in items}) != len(items):
        return False  # items with no choices take none ("a burger and fries, never mind the fries")
    return all(_takes(menu, p, chunk, True) for p in pieces)


def _takes(menu: Menu, piece: Words, chunk: Words, prune: bool) -> bool:
    """Does the item ``piece`` names take the choices ``chunk`` says ("both medium" after two curries)? A piece
    of choices only ("one whiz wit") takes them where every item reading it as well does."""
    ranked = best_fits(menu, with_quantity(piece)[0][1], prune)
    if not ranked or not (ranked[0].named or (ranked[0].options and not ranked[0].unknown)):
        return False
    tied = [f for f in ranked if f.key == ranked[0].key] if not ranked[0].named else ranked[:1]
    return all(only_choices(menu, f.item, piece, chunk) for f in tied)


def split_items(menu: Menu, text: str, prune: bool = True) -> list[Words]:
    """The pieces of ``text`` that each name one item (choices stay with their item)."""
    return [words for words, _ in _pieces(menu, text, prune)]


def _pieces(menu: Menu, text: str, prune: bool = True) -> list[tuple[Words, Item | None]]:
    """:func:`split_items`, each piece with the item bare choices after its name were said of (None when
    none were: :func:`_said_of_the_last`)."""
    words = _and_a_half(menu, ones_apart(the_named_one(menu, said_words(menu, text))))
    chunks = each_described(menu, _chunks(menu, words), prune)  # "two sodas, a coke and a sprite"
    chunks = marker_last(chunks)  # "…, double halloumi actually": "actually, double halloumi"
    chunks = [count_said_after(menu, c, prune) for c in chunks]  # "roti kosong satu": one roti kosong
    corrected = any(strip_marker(c)[1] or c[:2] == ("never", "mind") for c in chunks)
    whole = whole_reading(menu, words, prune)
    one = whole[0] if whole and not whole[0].unknown and (whole[0].named or whole[0].options) else None
    counted = (with_quantity(words)[0][0] or 1) >= 2  # "two wings, one atomic one mild": one per line
    ones_said = any(each_one(c) is not None or some_with(c) is not None for c in chunks[1:])
    apart = counted and one_said_apart(text)
    if one is not None and folded_unnamed(menu, one, chunks):
        one = None
    if not corrected and not ones_said and one is not None and not another_item_said(menu, one.item, chunks):
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
    reaching: list[int] = []  # the earlier pieces the last chunk's "both …" / "all …" reached besides the last
    for k, said in enumerate(chunks):
        if not pieces and set(said) <= FILLER:
            continue  # "uh, medium popcorn, …": filler before the first item says nothing
        fix, fixing = fixing, None
        reached, reaching = reaching, []
        ones = each_one(said)
        made = said[:1] == ("make",)  # "two cokes, make one a sprite": one of the two
        if ones is not None and shared is not None and current_item is not None:
            at, left = shared
            said_of_these = of_them(said) or all_choices_of(current_item, ones, menu)
            instead = "instead" in said
            clash = answered_again(menu, current_item, pieces[at], ones, instead)
            split_off = apart or made or instead  # "two medium burgers, one well done": one of the two
            if clash and apart and not (made or instead) and _named_by_choices(menu, pieces[at], prune):
                raise said_of_which(menu, [pieces[at]], said, prune)  # "two canadian maples, one strawberry
                # vanilla": one of the two, or one more of another kind? asked (blind10 coffee-and-donuts)
            if clash and not of_them(said) and not split_off:  # "two jalapeño links and one original": one more
                base = said_without(current_item, pieces[at], clash)
                pieces += [(*recount(base, 1), "and", *one) for one in ones]
                shared = None
                continue
            if clash and all(as_all_of_them(current_item, one, clash) for one in ones):
                clash, ones = [], [() for _ in ones]  # "two large fries, one cajun and one regular": still large
            naming = items_named(menu, ones, current_item)  # "…, one with ketchup and one chicago style": the
            begun = split[:1] == [at]  # Hot Dog's own name, one of the two; "… and one polish": a total or not? asked
            others = [i for i in naming if i is not current_item]
            if begun and not said_of_these and any(o.category == current_item.category for o in others):
                raise said_of_which(menu, [pieces[at], *(words_of(o.name) for o in others)], said, prune)
            if len(ones) <= left and (said_of_these or not naming or (begun and not others)):
                base = pieces[at]  # "two large fries, one with no salt": one large fries, and one without salt
                ones_base = said_without(current_item, base, clash) if clash else base
                if left > len(ones):
                    pieces[at] = recount(base, left - len(ones))
                else:
                    dropped.add(at)
                pieces += [
                    (*recount(ones_base, 1), "and", *as_it_comes(current_item, one, ones_around(chunks, k)))
                    for one in ones
                ]
                split = [*(split if split[:1] == [at] else [at]), *range(len(pieces) - len(ones), len(pieces))]
                shared = (at, left - len(ones))
                continue
            if len(ones) > left and said_of_these and not naming:
                raise said_of_which(menu, [pieces[at]], said, prune)  # "two pies, one A one B one C": which?
        some = some_with(said) if pieces else None
        if some is None and shared is not None and current_item is not None and SOME_APART.search(text):
            # "…, two dry hot, two dipped sweet": two of the four each way
            some = some_chosen(menu, current_item, pieces[shared[0]], said, shared[1], prune)
            if some is not None and answered_again(menu, current_item, pieces[shared[0]], [some[1]]):
                some = None  # "four whiz wit and two whiz witout": more of them, another way
        if some is not None:  # "three lattes, two with oat milk": some of those counted, never a new item
            if shared is None or current_item is None or some[0] > shared[1]:
                raise said_of_which(menu, pieces, said, prune)  # "two lattes, three with oat milk"
            if not all_choices_of(current_item, [some[1]]):
                raise said_of_which(menu, pieces, said, prune)
            at, left = shared
            base = pieces[at]
            if counts_pieces(current_item, shared[1]):  # "6 falafel balls with tahini and 3 with hot sauce"
                pieces.append(another_order(menu, current_item, base, some))
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
        each = every_one_last(said)  # "indian hot for both": "both indian hot"
        alike = k == len(chunks) - 1 and bool(pieces) and pieces[-1] == chunks[k - 1]  # nothing said of the last
        if alike and each[0] not in EVERY_ONE and _alike_take(menu, pieces, each):  # line alone before it
            each = ("all", *each)  # "a half dozen malpeques and a half dozen kusshis, no horseradish": on each
        every = every_one_of(pieces, dropped, split, each)
        cannot = [pieces[i] for i in every if not _takes(menu, pieces[i], each[1:], prune)]
        if every and len(cannot) < len(every):  # "a cookie and a brownie, both warmed": on each, never a line
            if cannot:  # "a latte and a croissant, both warmed": the latte is never warmed
                raise said_of_which(menu, cannot, said, prune, "cannot have that — which did you mean?")
            for i in every:
                pieces[i] = (*pieces[i], "and", *each)
            reaching = every[:-1]
            continue
        chunk, marked = strip_marker(said)
        if marked and not chunk:
            correcting = True  # "three waters, no, two": the next words correct the last
            continue
        back_out = cancelled(chunk, marked or correcting) if pieces and chunk[:1] in (("no",), ("never",)) else None
        taken = cancelled_at(menu, pieces, dropped, back_out, prune) if back_out is not None else None
        if taken is not None:  # "a burger and a large fries, actually no fries": the fries taken back
            dropped.add(taken)
            correcting, current_item, shared = False, None, None
            continue
        unsaid = (
            option_taken_back(menu, current_item, pieces[-1], back_out, chunk[0] == "no")
            if back_out and current_item
            else None
        )
        if unsaid is not None:  # "a burger with bacon, never mind the bacon": the bacon taken back
            pieces[-1], correcting = unsaid, False
            continue
        made_of = made_of_an_earlier(menu, pieces, dropped, chunk, prune) if pieces and not marked else None
        if made_of is not None:  # "a kale caesar and a lemonade, make the lemonade strawberry"
            at, of, rest = made_of
            made = chunk[0] == "make"  # "the miso with corn": the corn added to the miso's line
            pieces[at] = (
                piece_corrected(menu, pieces[at], rest, of, prune, True)[0] if made else (*pieces[at], "and", *rest)
            )
            continue
        if (marked or correcting) and pieces:
            back = correcting or takes_back(said)
            correcting = False
            earlier = earlier_corrected(menu, pieces, chunk, current_item, prune, back)
            if earlier is not None:  # "a cookie and a brownie, actually just the cookie"
                pieces[-1], current_item, gone = earlier
                dropped |= gone
            else:
                fixing = (pieces[-1], chunk, back) if current_item is not None else None
                pieces[-1], current_item = piece_corrected(menu, pieces[-1], chunk, current_item, prune, back)
            said_of.pop(len(pieces) - 1, None)
            shared = counted_at(pieces)
            continue
        if pieces and current_item is not None and len(chunk) > 2 and chunk[0] == "the" and chunk[-1] in _THE_ONE:
            chunk = chunk[1:-1]  # "the ribeye, the big one": the one just named, never another ("a chocolate one")
        if pieces and current_item is not None and named_again_otherwise(menu, current_item, pieces[-1], chunk):
            pieces.append(chunk)  # "quarter leg …, and quarter breast plain": a second quarter, not the leg's
            shared = counted_at(pieces)
            continue
        if (
            pieces
            and current_item is not None
            and not starts_item(menu, current_item, pieces[-1], chunk)
            and only_choices(menu, current_item, pieces[-1], chunk)
        ):
            told = every_one_dropped(pieces[-1], chunk)  # "two combos, both veg fried rice": of each, said once
            listed = list_corrected(menu, current_item, fix, told)
            fixing = (fix[0], (*fix[1], "and", *told), fix[2]) if fix is not None and listed is not None else None
            pieces[-1] = listed if listed is not None else (*pieces[-1], "and", *told)
            shared = counted_at(pieces) if shared is not None and shared[0] == len(pieces) - 1 else shared
            if chunk[0] in EVERY_ONE and split[-1:] == [len(pieces) - 1]:
                reaching = split[:-1]  # "two tenders, one spicy one mild, each with ranch": ranch on both lines
            elif chunk[0] == "both" and len(pieces) > 1 and _takes(menu, pieces[-2], chunk, prune):
                reaching = [len(pieces) - 2]  # "a spicy tuna roll and a california roll, both full"
            elif reached and all(_takes(menu, pieces[i], chunk, prune) for i in reached):
                reaching = reached  # "…, both white and hot": the list goes on for each line "both" reached
            for i in reaching:
                pieces[i] = (*pieces[i], "and", *chunk)
            continue
        per = _count_sold_per(current_item, pieces[-1], chunk) if pieces and current_item else None
        if per is not None:  # "fried tofu puffs, two plates": two of the tofu, sold per plate (blind7 hot-pot)
            pieces[-1] = recount(pieces[-1], per)
            shared = counted_at(pieces)
            continue
        sized = _count_of_size(menu, current_item, pieces[-1], chunk) if pieces and current_item else None
        if sized is not None:  # "hot chocolate, two cups": two of the hot chocolate, each a cup
            pieces[-1] = (*recount(pieces[-1], sized), "and", *chunk[1:])
            shared = counted_at(pieces)
            continue
        alone = count_alone(current_item, pieces[-1], chunk) if pieces and current_item and named else None
        if alone is not None:  # "tacos de suadero, two, with habanero": two of them
            pieces[-1] = recount(pieces[-1], alone)
            shared = counted_at(pieces)
            continue
        servings = (
            servings_said(chunk, sold_per_person(current_item), sold_by_units(current_item))
            if pieces and current_item
            else None
        )
        if servings is not None and with_quantity(pieces[-1])[0][0] is None:  # "egg tarts, two orders": two of them
            pieces[-1] = recount(pieces[-1], servings)
            shared = counted_at(pieces)
            continue
        again = one_more_otherwise(menu, current_item, pieces[-1], chunk) if named and current_item else None
        if again is not None:  # "one gobi manchurian dry, one gravy": another gobi manchurian, with gravy
            pieces.append(again)
            shared = counted_at(pieces)
            continue
        that_one = _the_one_said(chunk)  # "two bottles of soju, the peach one": the soju's flavour
        if that_one and pieces and current_item and only_choices(menu, current_item, pieces[-1], that_one):
            pieces[-1] = (*pieces[-1], "and", *that_one)
            continue
        if len(chunk) > 1 and chunk[-1] == "1" and current_item is not None and not ends_a_choice(current_item, chunk):
            chunk = (*chunk[:-1], *words_of(current_item.name)[-1:])  # "… donuts and a chocolate one"
        served = per_person(menu, unserved(menu, counted_in_units(menu, chunk, prune)))  # "a basket of fries"
        served = served_in_a_size(menu, served)  # "half plate lollipop"
        ranked = best_fits(menu, with_quantity(served)[0][1], prune)
        top = ranked[0] if ranked else None
        stands_alone = top is not None and not top.unknown and (top.named or top.options)
        if pieces and named and current_item is not None and _named_again(current_item, chunk, top):
            pieces[-1] = (*pieces[-1], "and", *chunk)  # "small oxtail, put some oxtail gravy on": the same line
            continue
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
            shared = counted_at(pieces)
            continue
        pieces.append(served)
        current_item = top.item if top is not None else None
        named = top is not None and top.named and not top.unknown
        shared = counted_at(pieces)
    return [(p, said_of.get(i)) for i, p in enumerate(pieces) if i not in dropped]


_WITH = frozenset(said_as("with"))  # what leads more said of the item just named
_LED = frozenset({"add", "extra"})  # "add bacon", "extra cheese": a choice said of an item ordered


def _named_again(item: Item, chunk: Words, top: Fit | None) -> bool:
    """Does ``chunk`` name ``item`` (the line just said) again, with its choices and no article or count before
    it ("small oxtail, put some oxtail gravy on")? Then it says more of that line, never starts another (blind10
    jamaican-jerk); "… and a spicy edamame" is another."""
    if top is None or top.item is not item or not top.named or top.unknown or not top.options:
        return False
    return chunk[0] not in ("a", "an", "another", "one") and not any(w.isdigit() for w in chunk)


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
    if last is not None and only_choices(menu, last, pieces[-1], chunk):
        return None  # the last item's (read as before)
    takers = [(i, it) for i, it in enumerate(items[:-1]) if it is not None and only_choices(menu, it, pieces[i], chunk)]
    if any(only_choices(menu, it, pieces[i], pieces[-1]) for i, it in takers):
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
    if chunk[0] in _WITH:
        return True  # "one classic, level 2, with four eggs": more said of it, never a line (blind14 tteokbokki-bar)
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


def _named_by_choices(menu: Menu, piece: Words, prune: bool) -> bool:
    """Is ``piece`` ("two canadian maples") read as its item by choices alone, no name of the item said?"""
    ranked = best_fits(menu, with_quantity(piece)[0][1], prune)
    return bool(ranked) and not ranked[0].named


def said_as_one_phrase(menu: Menu, modifiers: tuple[str, ...]) -> bool:
    """Do ``modifiers`` say more than choices — a count ("egg tarts" + ["2 orders"], "baklava" + ["three"]) or
    a correction of one said before ("jalapenos", "make that grilled onions") — so that they are read with
    the item as one phrase, as if said after it? The same for a name or an id of the item (HTTP and the voice
    tools alike: :func:`app.core.reading.lines.said_lines`). Issue #23, break10 kind D, blind10."""
    said = [said_words(menu, m) for m in modifiers]
    return any(servings_said(w, True) or a_number_alone(w) for w in said) or any(strip_marker(w)[1] for w in said[1:])


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
    start_read(menu)
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
    if said_as_one_phrase(menu, modifiers):
        said = exact.name if exact is not None else text  # an item id, read as the item's name in the phrase
        text, modifiers, exact = ", ".join((said, *modifiers)), (), None
    box = box_filled(menu, text) if exact is None and not modifiers else None
    text = box if box is not None else text  # "six wellfleets and six kumamotos": the Mixed Dozen they fill
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
    fit = read_as(menu, item, words)
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
    if len(holding) > 1 and said_in_a_description(fits[0], held, with_quantity(words)[0][1]) is not None:
        holding = []  # {"item": "rabokki"}: the one tteokbokki its description makes rabokki with ramen
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
    restated |= {o.id for o in alone.options if said_by_its_alias(alone.item, words, o, listed.options)}
    options = (*listed.options, *(o for o in alone.options if o.id not in restated))
    variation = listed.variation or alone.variation
    quantity = alone.quantity
    lead = words[0] if words else ""
    resized = listed.variation and alone.variation and listed.variation is not alone.variation
    if resized and quantity is None and lead.isdigit() and lead in words_of(alone.variation.name):  # type: ignore[union-attr]
        quantity = int(lead)  # "3 garlic breads" + ["six pieces"]: the 3 was the count, not 3 Pieces
    elif resized and not set(words_of(alone.variation.name)) <= set(words[1:]):  # type: ignore[union-attr]
        quantity = with_quantity(words)[0][0] or quantity  # "three tacos" + ["single"]: the count, no Plate of 3
    listed_words = (*words, *(w for m in modifiers for w in ("and", *words_of(m))))  # "half dozen" + ["chocolate"]
    options += tuple(
        sized_box_of_one(alone.item, listed_words, list(options), variation.name if variation else None, True)
    )
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
    fit = fit_words(item, words, None, sold_by=NOTHING_ELSE)  # the modifiers listed for it are the item's
    if fit is None:  # pragma: no cover - a reading without a name always exists
        raise ModifierInvalid(f"I didn't understand {', '.join(said)!r}", item=item.name, item_id=item.id)
    fit = kept_as_notes(menu, fit, words, listed=True)
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
