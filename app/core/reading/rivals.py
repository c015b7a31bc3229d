"""Choosing between close readings of different items.

When several items read the words about as well, these say which one was meant (its description says the
leftover words, it is the plain one the others build on, the choices said answer its own questions) or
which rivals make the question. The rule: an item is picked only where the words or the menu say so,
never by menu order; otherwise the question is asked.
"""

from __future__ import annotations

from dataclasses import replace

from app.core.menu import Item, Menu, Option
from app.core.reading.comes_with import description_read, inside
from app.core.reading.fit import NAME_RANKS, Fit, missing, whole_names, written_names
from app.core.reading.shorthand import defined_words, described_shorthand
from app.core.reading.vocabulary import (
    OPTION_LEADS,
    VARIATION_GROUP,
    Words,
    choice_groups,
    described_words,
    find_phrase,
    group_of,
    item_names,
    multiplied_part,
    option_phrases,
    top_groups,
    words_of,
)


def described_item(top: Fit, ranked: list[Fit]) -> Fit | None:
    """Words no name or choice explains, all said in exactly one item's description (the menu's own words
    for it: "rice vermicelli bowl with grilled lemongrass pork"): that item, read with them — a choice read
    from words its description says ("pork": Extra Pork) is the description's, not chosen. None when no
    words are left over, or when no item or several items' descriptions hold them (then asked as before)."""
    if not top.unknown or (top.named and top.key[1] == NAME_RANKS["name"]):
        return None  # nothing left over, or an item named whole ("a small pho tai with tripe" asks about tripe)
    fits = [
        f
        for f in ranked
        if f.unknown
        and set(f.unknown) <= described_words(f.item)
        and not _shorthand_said(f.item, f.unknown)
        and not multiplied_part(words_of(f.item.name), f.unknown)  # "cheeseburger": no Double Cheeseburger
        and not _a_choice_unplaced(f)
    ]
    if len(fits) != 1:
        return None
    said = described_words(fits[0].item)
    required = {g.id for g in choice_groups(fits[0].item) if g.min > 0}  # "dark roast": the roast chosen, though
    kept = tuple(  # the description lists it among the roasts
        o for o in fits[0].options if o.group_id in required or not set(words_of(o.name)) - OPTION_LEADS <= said
    )
    return replace(fits[0], options=kept, unknown=(), quantity=top.quantity)  # "grilled pork" is the dish's


def said_in_a_description(top: Fit, ranked: list[Fit], words: Words) -> Fit | None:
    """No item named, every word read as choices: of the readings as good as ``top``'s but for the choices left
    to ask, the one item whose description says a word said alone for a choice but in none of its choices'
    names, or "everything" — the dish the menu describes so ("dos de pastor con todo": the Taco "served con
    todo", never a Torta that also comes with defaults, blind6 taqueria; "rabokki", an alias of every
    tteokbokki's Ramen: the one "add ramen noodles to make it rabokki", blind14). None otherwise."""
    if top.named or top.unknown:
        return None
    alike = [
        f
        for f in ranked
        if not f.unknown and not f.named and _but_for_choices_left(f.key) == _but_for_choices_left(top.key)
    ]
    if len(alike) < 2:
        return None
    found = [f for f in alike if _said_beyond_names(f, words) & description_read(f.item)]
    return found[0] if len(found) == 1 else None


def _but_for_choices_left(key: tuple[int, ...]) -> tuple[int, ...]:
    """A reading's rank (:func:`~.fit.fit_words`) without how many required choices it leaves to ask."""
    return (*key[:3], *key[4:])


def _said_beyond_names(fit: Fit, words: Words) -> set[str]:
    """The words ``fit`` read alone as a choice that no choice of its item has in its name ("rabokki" of Ramen
    Noodles), and "everything" said."""
    alone = {s[0] for s in fit.option_spans if len(s) == 1} | ({"everything"} & set(words))
    return alone - {w for g in choice_groups(fit.item) for o in g.options for w in words_of(o.name)}


def _a_choice_unplaced(fit: Fit) -> bool:
    """Is a word left over a choice of the item said whole, which the reading could not place ("chicken steamed
    12 pieces jhol": Jhol, its group already holding Steamed)? It is a clash to ask about, never a word of the
    description that lists the styles (blind11 nepali-momo)."""
    return any(len(p) == 1 and p[0] in fit.unknown for p, _ in option_phrases(fit.item))


def _shorthand_said(item: Item, unknown: Words) -> bool:
    """Do the words left over hold a shorthand ``item``'s description defines? They say choices (two creams,
    two sugars), never words of the dish itself: read as those choices or asked, never dropped (blind10
    coffee-and-donuts "a large dark roast double double")."""
    return any(find_phrase(list(unknown), s) >= 0 for s in defined_words(item))


def longer_name_said(top: Fit, ranked: list[Fit]) -> Fit | None:
    """Another item whose name is said whole and covers more words than ``top``'s name, leaving one word
    unexplained: ``top`` read those words as choices, so the two readings are close — the longer name's
    question is asked, never the shorter name's line added. An item named after its option ("Slice" with a
    Cheese Slice) is named by that option's words ("a cheese slice": no closer reading in Cheese Pie)."""
    own = words_of(top.item.name)
    in_option = any(inside(own, span) for span in top.option_spans)
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
            and not any(_holds_name(span, f) for span in top.option_spans)
            and not _left_in_its_name(top, f)
            and not _part_spelt_by_choices(top, f)
        ),
        None,
    )  # a name inside a longer choice ``top`` read ("spicy" of Spicy Tuna) is no name said whole


def named_out_of_order(top: Fit, ranked: list[Fit]) -> list[Fit]:
    """ "two tamales de queso": ``top`` (Rajas con Queso Tamale) is named only by words of its name said out of
    their order, and other items named by the head noun they share read the other word as a choice of theirs
    (Queso Fresco): the readings are close, so they are asked about together (blind15 tamale-shop)."""
    if not top.named or top.name is None or top.key[1] != NAME_RANKS["any order"]:
        return []
    return [
        f
        for f in ranked
        if f.item is not top.item
        and f.named
        and f.name is not None
        and f.options
        and f.key[0] == top.key[0]
        and f.key[1] == NAME_RANKS["shared head"]
        and f.key[3] <= top.key[3]  # no more left to ask: never a Mixed Plate still to be built ("teri beef plate")
        and set(top.name) <= {*f.name, *(w for span in f.option_spans for w in span)}
    ]


def sized_by_a_part(top: Fit, ranked: list[Fit]) -> Fit | None:
    """ "a half dozen wellfleets": ``top`` (the Mixed Half Dozen) is named only by a part of its name that is
    the whole name of a size of another item said by its own name too (the Wellfleet Oysters' Half Dozen), which
    reads every word as well: that item in that size is meant — the part says a size many items have, the
    other's name says which one (issue #23, blind15 oyster-bar). None where no one item is so."""
    if not top.named or top.name is None or top.name in written_names(top.item):
        return None
    sized = [
        f
        for f in ranked
        if f.item is not top.item
        and f.named
        and f.name in written_names(f.item)  # its own name said whole, apart from the size: never "8 piece, spicy"
        and not set(f.name) & set(top.name)  # of the Fried Chicken by "piece" (the 8 Piece Family Meal, blind5)
        and f.key[:2] == top.key[:2]
        and any(o.group_id == VARIATION_GROUP and top.name in whole_names(o) for o in f.options)
    ]
    return sized[0] if len({id(f.item) for f in sized}) == 1 else None


def whole_name_and_choices(top: Fit, ranked: list[Fit]) -> Fit | None:
    """ "teh o": ``top`` (Teh O Ais Limau) read by a part of its name, every word of which another item's name
    said whole and its choices said whole explain (the Teh, O) — that item, never the one whose name was only
    begun; None where no such reading explains as much, or the part holds no other name ("half dozen" of a
    Mixed Dozen: the oysters' size, their kind still unsaid; blind15 mamak-stall, oyster-bar)."""
    if not top.named or top.name is None or top.name in written_names(top.item):
        return None
    return next(
        (
            f
            for f in ranked
            if f.item is not top.item
            and f.item.available
            and f.key[:2] == top.key[:2]
            and f.named
            and f.name in written_names(f.item)
            and inside(f.name, top.name)  # "teh" of "teh o": never a part made of choices alone ("dozen")
            and f.options
            and not any(inside(f.name, words_of(o.name)) for o in f.options)  # "8 piece": its alias "piece" is
            and _part_spelt_by_choices(f, top)  # of its choice 8 Piece, no name said apart from it (blind5)
        ),
        None,
    )


def _part_spelt_by_choices(top: Fit, fit: Fit) -> bool:
    """Is the name ``fit`` read only a part of its item's name (never a name or alias as written), every word of
    it ``top``'s own name or a choice ``top`` placed, each said whole? "kopi o ais": the Kopi, O and Ais; "teh o
    panas": the Teh, O and Panas — "o ais", "teh o" of the Teh O Ais Limau are no longer name said (blind15
    mamak-stall)."""
    name = fit.name or ()
    if not name or name in written_names(fit.item):
        return False
    own = (top.name,) if top.named and top.name is not None else ()
    spans = [span for span in (*own, *top.option_spans) if inside(span, name)]
    return sum(len(span) for span in spans) >= len(name)


def _left_in_its_name(top: Fit, fit: Fit) -> bool:
    """Are the words ``fit`` leaves unexplained words of ``top``'s own name, which ``top`` read (every word) as its
    choices? "duck over rice": the One Item Over Rice, its Base said "over rice" — never a Roast Duck with "rice"
    to ask about, nor a close second reading (blind13 cantonese-bbq). Only a choice said in two words or more of
    that name: "the kids chicken" read with "kid" as a Kids Soda stays asked (blind12 hibachi-express)."""
    own = words_of(top.item.name)
    named = {w for p in top.option_spans if len(p) > 1 and inside(p, own) for w in p}  # "over rice", never "kid"
    return not top.unknown and bool(fit.unknown) and set(fit.unknown) <= named


def _holds_name(span: Words, fit: Fit) -> bool:
    """Does the choice said as ``span`` hold ``fit``'s name: a longer choice around it ("spicy" of Spicy Tuna), or
    the very words the menu writes for that choice where the name is only a part of the item's ("de arroz", the
    Arroz option's alias, never the Orden de Arroz; blind10 pupuseria)?"""
    name = fit.name or ()
    if span == name:
        return name not in written_names(fit.item)
    return len(span) > len(name) and inside(name, span)


def named_whole(top: Fit, ranked: list[Fit]) -> Fit | None:
    """ "a large dirty latte": ``top`` (Chai Latte) is read by a head noun it shares, told apart only by a
    choice of its own (Dirty), while another item is named by that word whole (Latte) and leaves the choice
    unexplained — that item's question is asked, never another item picked for a word said as a choice
    (issue #23, the session that broke the reader). None otherwise."""
    if top.key[1] != NAME_RANKS["shared head"] or top.unknown or not top.options or _a_kind_named(top):
        return None
    return next(
        (f for f in ranked if f.item is not top.item and f.key[1] == NAME_RANKS["name"] and f.name == top.name),
        None,
    )


def _a_kind_named(top: Fit) -> bool:
    """Is ``top`` told apart by one of its variations said by its whole name of two words or more ("a sock it to
    me cake": the Bundt Cake's Sock It To Me)? A kind of that item named so is that item, never another cake's
    words unexplained (blind14 cake-shop); a one-word choice ("dirty") still is asked about."""
    return all(
        o.group_id == VARIATION_GROUP and len(words_of(o.name)) > 1 and words_of(o.name) in top.option_spans
        for o in top.options
    )


def told_by_defaults(top: Fit, ranked: list[Fit]) -> list[Fit]:
    """ "pho" + ["rare steak"]: a name several items share, told apart only by a choice that already comes
    with ``top`` (a default restated is no choice made) — every item of that name is a candidate."""
    if top.key[1] != NAME_RANKS["shared head"] or not any(o.default for o in top.options):
        return []
    return [f for f in ranked if f.item is not top.item and f.name == top.name and f.key[1] == top.key[1]]


def name_said_apart(top: Fit, ranked: list[Fit], words: Words) -> list[Fit]:
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


def plain_one(menu: Menu, fits: list[Fit]) -> Fit | None:
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


def the_bare_noun(menu: Menu, fits: list[Fit]) -> Fit | None:
    """ "a large no sauce", "an eighteen inch with extra cheese": no item named, only choices that several items
    read alike (all of them "… Pie"), every word placed and none kept as a note: the one the menu calls by that
    shared noun alone (alias "pie": the Cheese Pie, the pie built to order) when its choice groups include every
    other's — the others are had by naming them (issue #23, blind7 pizzeria). None where no one item is so
    called, or the words are not all its choices."""
    if any(f.named or f.unknown or f.notes for f in fits):
        return None
    names = item_names(menu)
    heads = {n[-1] for f in fits for n in names[id(f.item)]}
    bare = [
        f
        for f in fits
        if any(
            len(n) == 1 and n[0] in heads and all(any(m[-1] == n[0] for m in names[id(o.item)]) for o in fits)
            for n in names[id(f.item)]
        )
    ]
    if len({id(f.item) for f in bare}) != 1:
        return None
    groups = {g.name for g in bare[0].item.modifier_groups}
    return bare[0] if all({g.name for g in f.item.modifier_groups} <= groups for f in fits) else None


def same_choices_unnamed(top: Fit, ranked: list[Fit]) -> list[Fit]:
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
        and (
            (sorted(o.name for o in f.options) == said and f.key[3] == top.key[3])  # "a large coke" is the
            or _what_each_is(top, f)  # drink, not a combo that needs more answers
        )
    ]


def _what_each_is(top: Fit, fit: Fit) -> bool:
    """Are the same words said the one required choice of both items ("a tamarindo": the Jarritos' Tamarind, or
    the Agua Fresca's Tamarindo, which still needs its size)? Then neither is meant over the other, whatever the
    choice's spelling on each or the size one still lacks (blind15 tamale-shop)."""
    if len(top.options) != 1 or len(fit.options) != 1:
        return False
    lacking = missing(fit.item, list(fit.options))
    return (
        top.option_spans == fit.option_spans
        and _answers_required(top.item, top.options[0])
        and _answers_required(fit.item, fit.options[0])
        and all(g.id == VARIATION_GROUP for g in lacking)
    )


def the_item_those_choices_are(fits: list[Fit]) -> Fit | None:
    """No item named, several reading the choices said as well ("a sprite": the Fountain Drink, or the Wing
    Combo's drink): the one item where every choice said answers one of its own required questions (what it
    is: the drink's flavour, the side sauce's sauce) is meant, not an item where they are an add-on or lie
    under another choice; of several such, the one that then lacks no more than its size (the combo still
    lacks its wings). Else :func:`built_to_order`. None: all stay candidates."""
    answering = [f for f in fits if f.options and all(_answers_required(f.item, o) for o in f.options)]
    if not answering:  # "a whiz wit long hots": the add-on said too, every item having it alike
        answering = _answering_most(fits)
    if len({id(f.item) for f in answering}) > 1:
        answering = [f for f in answering if all(g.id == VARIATION_GROUP for g in missing(f.item, list(f.options)))]
    if len({id(f.item) for f in answering}) > 1:
        answering = _the_unqualified(answering) or answering
    return answering[0] if len({id(f.item) for f in answering}) == 1 else built_to_order(fits)


def the_base_of_a_shorthand(fits: list[Fit]) -> Fit | None:
    """No item named, several reading every word alike, each by a shorthand its own description defines ("a large
    double double": the Coffee, the Iced Coffee and the Steeped Tea all say it is 2 cream 2 sugar): the one item
    whose choice groups include every other's and more (the Coffee, with its roast besides their dairy and
    sweetener) is the drink the word is said of; the others are had by naming them (issue #23, blind10
    coffee-and-donuts). None where no one item is so, or a word is left or a choice is said besides."""
    if any(f.named or f.unknown or f.notes for f in fits):
        return None
    for f in fits:
        shorthands = {w for w, _ in described_shorthand(f.item)}
        if not any(span in shorthands for span in f.option_spans):
            return None
    groups = [{g.name for g in top_groups(f.item)} for f in fits]
    fullest = [
        f
        for f, own in zip(fits, groups, strict=True)
        if all(g.item is f.item or other < own for g, other in zip(fits, groups, strict=True))
    ]
    return fullest[0] if len({id(f.item) for f in fullest}) == 1 else None


def _answering_most(fits: list[Fit]) -> list[Fit]:
    """Of ``fits`` whose every choice said is the item's own (top-level), those where the most of them answer
    one of its required questions (one at least): "a whiz wit long hots" answers the Cheesesteak's cheese and
    onions, only the Pizza Steak's cheese (its onions are optional); the long hots are an add-on of all."""
    own = [f for f in fits if f.options and all(group_of(f.item, o, top=True) is not None for o in f.options)]
    answers = [sum(_answers_required(f.item, o) for o in f.options) for f in own]
    most = max(answers, default=0)
    return [f for f, n in zip(own, answers, strict=True) if n == most] if most else []


def _the_unqualified(fits: list[Fit]) -> list[Fit]:
    """Several items answering every choice said ("whiz wit": the Cheesesteak or the Chicken Cheesesteak), with
    the same choice groups, one named by the end of every other's name (they are it with a word more,
    "chicken"): that one, the others had by saying the word that sets them apart (issue #23, blind9
    cheesesteak-shop). [] where no one item is so."""
    names = [words_of(f.item.name) for f in fits]
    groups = [sorted(g.name for g in f.item.modifier_groups) for f in fits]
    plain = [
        f
        for f, name, own in zip(fits, names, groups, strict=True)
        if all(
            g.item is f.item or (len(other) > len(name) and other[-len(name) :] == name and theirs == own)
            for g, other, theirs in zip(fits, names, groups, strict=True)
        )
    ]
    return plain if len({id(f.item) for f in plain}) == 1 else []


def _built_from_choices(fits: list[Fit]) -> Fit | None:
    """No item named, several reading the choices said alike, at least one of them answering a required
    question ("keiki strawberry", "small cotton candy with gummy bears"): the one item where every choice said
    is its own (top-level) choice and none of their groups comes with an answer already — the item built to
    order (the Shave Ice), not a specialty that comes with its flavours and toppings (the Rainbow, had by
    naming it: blind8's shave ice). None when no one item is so."""
    built = [
        f
        for f in fits
        if f.options
        and any(_answers_required(f.item, o) and o.group_id != VARIATION_GROUP for o in f.options)
        and all(group_of(f.item, o, top=True) is not None for o in f.options)
        and not any(_comes_answered(f.item, o) for o in f.options)
    ]
    return built[0] if len({id(f.item) for f in built}) == 1 else None


def _comes_answered(item: Item, option: Option) -> bool:
    """Does ``option``'s group on ``item`` come with an answer (a default choice)?"""
    group = group_of(item, option, top=True)
    return group is not None and any(d.default for d in group.options)


def built_to_order(fits: list[Fit]) -> Fit | None:
    """No item named and several reading the words alike: the item built from what was said, by either rule
    (:func:`_fewest_unsaid`, then :func:`_built_from_choices`); None where neither settles it."""
    return _fewest_unsaid(fits) or _built_from_choices(fits)


def _fewest_unsaid(fits: list[Fit]) -> Fit | None:
    """No item named, several reading every word as their choices ("large blue and coconut, snow cap, mochi"
    of a Shave Ice beside a Rainbow and an Uji Kintoki): the item built from what was said — the one whose
    defaults left unsaid are fewer than every other's and among them (none, where the Rainbow still brings
    Strawberry and the Uji Kintoki its Green Tea) — never a named recipe whose own ingredients were not said.
    None where no one item is so (issue #23, blind8 shave-ice, breakfast-tacos)."""
    if any(f.named or f.unknown or not f.options for f in fits):
        return None
    unsaid = [_unsaid_defaults(f) for f in fits]
    built = [
        f
        for f, own in zip(fits, unsaid, strict=True)
        if all(own < other for g, other in zip(fits, unsaid, strict=True) if g.item is not f.item)
    ]
    return built[0] if len(built) == 1 else None


def _unsaid_defaults(fit: Fit) -> frozenset[str]:
    """The names of what comes with ``fit``'s item (its top-level defaults) that the words did not say."""
    said = {o.name for o in fit.options}
    return frozenset(o.name for g in top_groups(fit.item) for o in g.options if o.default and o.name not in said)


def not_merely_sharing(menu: Menu, fits: list[Fit]) -> list[Fit]:
    """No item named, several reading the words as well ("an everything with cream cheese"): an item whose name
    merely shares a word with a choice said (Lox & Cream Cheese), its own other words ("lox") not said, is not
    what was meant while another reads them without its name (the Bagel, named by its kind); break10 bagel-bakery.
    All stay when none or every one shares."""
    kept = [f for f in fits if not _shares_a_name_word(menu, f)]
    return kept if kept and len(kept) < len(fits) else fits


def _shares_a_name_word(menu: Menu, fit: Fit) -> bool:
    """Does a choice ``fit`` read say a content word of one of its item's names?"""
    said = {w for span in fit.option_spans for w in span} - OPTION_LEADS
    return any(said.intersection(n) for n in item_names(menu)[id(fit.item)])


def _answers_required(item: Item, option: Option) -> bool:
    """Is ``option`` a choice of one of ``item``'s own (top-level) required groups?"""
    return any(x is option for g in top_groups(item) if g.min >= 1 for x in g.options)


def same_words_named(top: Fit, ranked: list[Fit]) -> list[Fit]:
    """ "a large coke" where Mexican Coke is named "coke" and a fountain soda has a "coke" flavour: ask."""
    if top.named:
        return []
    return [
        f
        for f in ranked
        if f.named
        and f.item is not top.item
        and f.key[0] <= 1
        and f.name in top.option_spans
        and not _left_in_its_name(top, f)
    ]


def required_choice_said(top: Fit, ranked: list[Fit], words: Words) -> list[Fit]:
    """The fits whose item has ``top``'s one-word name part as a required choice, and a word of its own name
    said too: "a half tray of penne" is the Penne alla Vodka by "penne", or the Pasta Tray ("tray" said) with
    Penne — asked, never the first (blind9 catering-trays); so where the other item reads every word said as its
    choices and needs no more ("a tamarindo grande"). Not where ``top``'s name or an alias is said
    whole, nor where the other item is not named at all ("a large fries": the French Fries, not a meal's side)."""
    name = top.name
    if name is None or len(name) != 1 or name in written_names(top.item):
        return []
    out = []
    for fit in ranked:
        if fit.item is top.item or fit.unknown:
            continue
        required = {g.id for g in top_groups(fit.item) if g.min >= 1}
        chose = any(o.group_id in required and name in whole_names(o) for o in fit.options)
        whole = bool(top.options) and not fit.named and len(fit.options) > len(top.options)
        whole = whole and not missing(fit.item, list(fit.options))  # more said than the name ("fries" alone stays)
        # "a tamarindo grande": the Raspado's Tamarind and Large, nothing left to ask, as well as the Agua de
        # Tamarindo by the end of its name (blind14 elote-stand); never a meal's side ("a small fries")
        if chose and (whole or (set(words_of(fit.item.name)) - set(name)) & set(words)):
            out.append(fit)
    return out


def qualified_alike(menu: Menu, top: Fit, words: Words) -> Item | None:
    """Another item the bare name ``words`` names as well as ``top``'s: both items are called by that name with
    a word of their own added (the arepa "pabellon arepa", the plate "pabellon plate"), so the menu itself
    qualifies the name for each and the bare name chooses neither — asked (blind13 arepa-bar "a pabellón").
    None when a choice or another word was said, only one item qualifies the name ("taco" beside a "taco
    combo" is the Taco), or the other's name goes on in words other names share, a kind of dish ("Slider
    Combo", "Burrito Bowl": the Slider, the Burrito). A word that is one of ``top``'s own choices qualifies
    nothing: "teh susu" is the Teh with its Susu, so "a teh" is the Teh beside a Teh Tarik (blind15 mamak-stall)."""
    if not top.named or top.unknown or top.options or not words:
        return None
    if words_of(top.item.name) != words:  # the item's own name said bare, nothing else
        return None
    names = item_names(menu)
    chosen = {p[0] for p, _ in option_phrases(top.item) if len(p) == 1}  # "teh susu": the Teh, its Susu chosen
    qualified = {_added_word(name, words) for name in names.get(id(top.item), ())} - {None} - chosen
    if not qualified:
        return None
    for item in menu.items:  # another item whose own name begins with it, qualified by another word too
        if item is top.item or not item.available or words_of(item.name)[: len(words)] != words:
            continue
        own_words = set(words_of(item.name)[len(words) :])  # "criollo": no kind of dish ("combo", "bowl")
        if any(own_words & set(words_of(other.name)) for other in menu.items if other is not item):
            continue
        if {_added_word(name, words) for name in names.get(id(item), ())} - {None} - qualified:
            return item
    return None


def _added_word(name: Words, words: Words) -> str | None:
    """The one word ``name`` adds before or after ``words``, else None."""
    if len(name) != len(words) + 1:
        return None
    if name[:-1] == words:
        return name[-1]
    return name[0] if name[1:] == words else None
