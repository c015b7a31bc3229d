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

This module answers one item's :class:`Reading` (:func:`read_item`); the steps live one idea a module:
reading words as one item and ranking the readings (:mod:`app.core.reading.fit`), what comes with an item
(:mod:`app.core.reading.comes_with`), counts (:mod:`app.core.reading.counts`) and choosing between close
readings of different items (:mod:`app.core.reading.rivals`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from app.core.cart.choices import require
from app.core.menu import Item, Menu, Option, Variation
from app.core.reading.all_of_one import fill_all
from app.core.reading.candidates import NEVER_COUNTED
from app.core.reading.counts import (
    box_named,
    count_choice_first,
    count_chosen,
    count_in_name,
    counted_twice,
    number_alone_chose,
    number_named_before_a_name,
    orders_of,
    with_quantity,
)
from app.core.reading.fit import Fit, best_fits, fit_words
from app.core.reading.fuzzy import AMBIGUOUS_GAP, FUZZY_ACCEPT, SUGGEST_SCORE, rank_items, strict_score
from app.core.reading.notes import sort_notes
from app.core.reading.placeholders import only_a_placeholder
from app.core.reading.questions import ask_about_words, candidate, group_for
from app.core.reading.rivals import (
    built_to_order,
    described_item,
    longer_name_said,
    name_said_apart,
    named_out_of_order,
    named_whole,
    not_merely_sharing,
    plain_one,
    qualified_alike,
    required_choice_said,
    said_in_a_description,
    same_choices_unnamed,
    same_words_named,
    sized_by_a_part,
    the_bare_noun,
    the_base_of_a_shorthand,
    the_item_those_choices_are,
    told_by_defaults,
    whole_name_and_choices,
)
from app.core.reading.room import no_room_for_defaults
from app.core.reading.spoken import FILLER, NEGATIONS, NOTE_LEADS, SEPARATORS
from app.core.reading.vocabulary import (
    OPTION_LEADS,
    VARIATION_GROUP,
    Words,
    choice_groups,
    described_words,
    find_phrase,
    item_names,
    menu_words,
    multiplied_part,
    naming_items,
    near_menu_word,
    option_words,
    top_groups,
    words_of,
)
from app.core.reading.writing import words_to_write
from app.errors import ItemAmbiguous, ItemNotFound, ModifierInvalid, WordsNotUnderstood


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


def read_item(menu: Menu, words: Words, said: str, modifiers: Words = (), prune: bool = True) -> Reading:
    """One item from ``words`` (normalised); raises the question to ask when it is not clear."""
    best: list[tuple[Fit, list[Fit], Words]] = []
    for quantity, rest in with_quantity(words):
        ranked = best_fits(menu, rest, prune)
        if ranked:
            ranked[0].quantity = quantity
            best.append((ranked[0], ranked, rest))
    if not best:
        raise ItemNotFound("say which item", query=said, suggestions=[])
    if len(best) > 1:
        best = [b for b in best if not number_alone_chose(b[0], b[2])] or best
        counted = [b[0] for b in best if b[0].quantity is not None]
        best = [b for b in best if not number_named_before_a_name(b[0], b[2], counted)] or best
    # a count before everything is the item's count when it explains as much ("three extra shot cappuccinos"
    # is three cappuccinos), not a count of the option it happens to precede; but a number that starts a choice's
    # name said whole ("three bones" for 3 Bones) is that choice
    apart = len({id(b[0].item) for b in best}) > 1
    counting = [b[0].item for b in best if apart and count_choice_first(b[0], b[2])]
    counting = [] if any(b[0].named for b in best) else counting  # "three biscuits": the item named
    if len(counting) == 1:  # "a dozen ruskie": the Pierogi's dozen, never twelve of another item with the filling
        best = [b for b in best if b[0].quantity is None or b[0].item is counting[0]]
    best = [b for b in best if box_named(b[0])] or best  # "a dozen ham croquetas": the Dozen Croquetas box
    top, ranked, rest = min(
        best,
        key=lambda b: (b[0].key[:4], b[0].quantity is None and not count_in_name(b[0], b[2], apart), b[0].key[4:]),
    )
    sized = sized_by_a_part(top, ranked)
    if sized is not None:  # "a half dozen wellfleets": never the Mixed Half Dozen by its part; "two half dozen
        top = replace(sized, quantity=top.quantity)  # wellfleets": the count said stays (a generated read lost it)
    if not top.named and words[-1:] == ("1",):
        _one_of_several(menu, words, said)
    whole = whole_name_and_choices(top, ranked)
    if whole is not None:  # "teh o": the Teh, O — never a Teh O Ais Limau only begun
        top = replace(whole, quantity=top.quantity)
    served = said_in_a_description(top, ranked, rest)
    if served is not None:  # "dos de pastor con todo": the one served "con todo"
        return line_reading(replace(served, quantity=top.quantity), said)
    described = described_item(top, best_fits(menu, rest, False) if top.unknown and prune else ranked)
    if described is not None and _a_name_shared(menu, described.item, top.unknown, ranked):
        described = None  # "un sándwich": a word of several items' names, never the one whose name says it
    if described is not None:  # "a grilled pork banh mi": the one banh mi whose description says grilled pork
        return line_reading(described, said)
    twin = qualified_alike(menu, top, rest)
    if twin is not None:  # "a pabellón": the arepa "pabellon arepa" or the plate "pabellon plate"
        raise ItemAmbiguous(
            f"{said!r} could be {top.item.name} or {twin.name}",
            query=said,
            candidates=[candidate(top.item), candidate(twin)],
        )
    rivals = [f for f in ranked if f.key == top.key and f.item is not top.item]
    rivals += same_words_named(top, ranked)
    rivals += name_said_apart(top, ranked, rest)
    rivals += same_choices_unnamed(top, ranked)
    rivals += required_choice_said(top, ranked, rest)
    rivals += named_out_of_order(top, ranked)
    bare = the_bare_noun(menu, [top, *rivals]) if rivals else None
    if bare is not None:  # "a large no sauce": the Cheese Pie, the one the menu calls "pie"
        top, rivals = bare, []
    built = built_to_order([top, *rivals]) if rivals and not top.named else None
    if built is not None:  # "small with snow cap": the Shave Ice built to order, though "snow cone" names it
        top, rivals = built, []
    if rivals and not top.named:  # "an everything with cream cheese": the Bagel, not Lox & Cream Cheese
        top, *rivals = not_merely_sharing(menu, [top, *rivals])
    meant = the_item_those_choices_are([top, *rivals]) if rivals and not top.named else None
    meant = the_base_of_a_shorthand([top, *rivals]) if rivals and meant is None else meant
    if meant is not None:
        top, rivals = meant, []
    if not top.named and only_a_placeholder(words, menu_words(menu)):  # "the thing with the stuff": what is it?
        raise WordsNotUnderstood(f"What do you mean by {said!r}?", words=said)
    if not top.named:
        unexplained = bool(top.unknown) or not top.options
        holding = _names_holding(menu, words)
        if len(holding) < 2 and top.unknown:  # "a footlong italian on white": the word left is in two names
            holding = _names_holding(menu, top.unknown)
        if len(holding) > 1 and (unexplained or top.item in holding):
            raise ItemAmbiguous(  # "chicken", "a falafel": part of several names (even where an add-on says it)
                f"{said!r} could be " + " or ".join(i.name for i in holding[:5]),
                query=said,
                candidates=[candidate(i) for i in holding[:5]],
            )
        if unexplained:
            return _fuzzy(menu, words, said)
    rivals += told_by_defaults(top, ranked)
    plain = plain_one(menu, [top, *rivals]) if rivals else None
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
    top = kept_as_notes(menu, top, rest)
    if top.unknown:
        ask_about_words(menu, top, said, modifiers)
    # "a medium hot mango green tea": the Mango Green Tea, whose Ice has no Hot; "a dirty latte": the Latte — asked
    longer = longer_name_said(top, ranked) or named_whole(top, ranked)
    if longer is not None and longer.unknown:
        ask_about_words(menu, longer, said, modifiers)
    return line_reading(top, said)


def _one_of_several(menu: Menu, words: Words, said: str) -> None:
    """ "a medium iced one": "one" said for an item no name says, by a word that is in several items' names (Iced
    Coffee, Iced Capp) — which one is asked, never the one a description or a near spelling happens to favour
    (blind10 coffee-and-donuts)."""
    holding = next((h for w in words[:-1] if len(h := _names_holding(menu, (w,))) > 1), [])
    if holding:
        raise ItemAmbiguous(
            f"{said!r} could be " + " or ".join(i.name for i in holding[:5]),
            query=said,
            candidates=[candidate(i) for i in holding[:5]],
        )


def _a_name_shared(menu: Menu, item: Item, words: Words, ranked: list[Fit]) -> bool:
    """Are ``words`` (left over, said of no name whole) found in ``item``'s own name, not its description, and in
    the name or alias of another item that reads the rest as well ("sandwich" of a Cuban Sandwich beside a "steak
    sandwich", nothing else said)? Then they are a word several items are called by, which chooses none (blind11
    cuban-ventanita); "chicken 12 pieces jhol" is still the Chicken Momo, whose choices they are."""
    content = {w for w in words if w not in FILLER and not w.isdigit()}
    if not content or content <= set(words_of(item.description or "")):
        return False
    holding = {id(i) for i in _names_holding(menu, words) if i is not item}
    own = next((f for f in ranked if f.item is item), None)
    rivals = [f for f in ranked if id(f.item) in holding]
    return own is not None and any(f.key[:1] <= own.key[:1] and len(f.options) >= len(own.options) for f in rivals)


def _names_holding(menu: Menu, words: Words) -> list[Item]:
    """The items one of whose names holds every content word of ``words``: where two do ("chicken", "a footlong
    italian" beside the Italian BMT and the Spicy Italian), the words choose neither (blind5 sub-shop)."""
    content = {w for w in words if w not in FILLER and not w.isdigit()}
    return [i for i in menu.items if content and any(content <= set(n) for n in item_names(menu)[id(i)])]


def kept_as_notes(menu: Menu, fit: Fit, words: Words, listed: bool = False) -> Fit:
    """``fit`` with the unexplained words that name nothing the menu sells kept as notes said back: more of
    something (:func:`more_of_something_else`), how to make it (:func:`how_to_make`), the words to write on it
    (:func:`~app.core.reading.writing.words_to_write`; ``listed``: ``words`` are choices listed for it)."""
    return words_to_write(how_to_make(menu, more_of_something_else(menu, fit, words), words), words, listed)


_HOW_MANY_WORDS = 2  # "sliced thin", "butterfly it please": longer runs of unknown words are asked about
_NEVER_HOW = NEVER_COUNTED | OPTION_LEADS | NEGATIONS  # "extra", "nothing": words about choices, asked if unplaced


def how_to_make(menu: Menu, fit: Fit, words: Words) -> Fit:
    """ "sirloin well done, and butterfly it please", "no sesame, she's allergic": a part said on its own
    (between "and"s or commas, or one modifier) of at most two words, said of "it" or with a word a kitchen note
    starts with (:data:`~app.core.reading.spoken.NOTE_LEADS`: "allergic"), whose words are none of the menu's
    and sound like none of them says how to make the item — a kitchen note said back with those words
    (tests/corpus/README.md: preparation the menu has no option for). Never a part that starts like another
    item ("a …", a count) nor one that only names a thing ("truffle oil", "peppermint": something the menu
    lacks); where the words are the menu's own, or one slip from them ("sal" for salt), they stay unexplained
    and are asked about — a note must never stand in for something with a price."""
    if not fit.unknown:
        return fit
    left = list(fit.unknown)
    notes: list[str] = []
    part: list[str] = []
    for w in (*words, "and"):
        if w != "and":
            part.append(w)
            continue
        content = [x for x in part if x not in FILLER]
        if content and all(x in left for x in content) and _how_said(menu, part, content):
            notes.append(" ".join(part))
            for x in content:
                left.remove(x)
        part = []
    if left or not notes:
        return fit
    return replace(fit, notes=(*fit.notes, *notes), unknown=())


def _how_said(menu: Menu, part: list[str], content: list[str]) -> bool:
    """May ``part`` (its ``content`` words unexplained) be how to make the item (:func:`how_to_make`)?"""
    if part[0] in ("a", "an") or part[0].isdigit() or len(content) > _HOW_MANY_WORDS:
        return False
    if "it" not in part and NOTE_LEADS.isdisjoint(part):
        return False  # "fries" + ["truffle oil"], "a mocha" + ["peppermint"]: a thing the menu lacks — asked
    if find_phrase(list(part), ("on", "it")) >= 0 and NOTE_LEADS.isdisjoint(part):
        return False  # "the brown stuff on it": a thing to put on it, never how to make it — asked (blind10)
    return not any(w.isdigit() or w in _NEVER_HOW or near_menu_word(menu, w) for w in content)


def more_of_something_else(menu: Menu, fit: Fit, words: Words) -> Fit:
    """ "extra lime", "extra wet", "extra gravy": more of something the menu does not sell anywhere is a
    kitchen note said back. Where the words are the menu's own ("extra shot" on a chai, sold as a Dirty chai
    or an Extra Shot elsewhere), they stay unexplained and are asked about — a note must never stand in
    for something with a price — unless the item's own name or description says it comes with them and
    none is a word of its choices: "extra grilled onions" on a Patty Melt "with Swiss and grilled onions"
    (sold as a choice of other items), "extra cajun seasoning" on Cajun Fries (dev route-66-diner, blind5
    fried-chicken)."""
    if not fit.unknown or "extra" not in words:
        return fit
    at = words.index("extra")
    run = []
    for w in words[at + 1 :]:
        if w in SEPARATORS or w in ("with",):
            break
        run.append(w)
    said = [w for w in run if w not in FILLER]
    if not said or set(fit.unknown) - {"extra"} != set(said):
        return fit
    sold = menu_words(menu).intersection(said)
    if sold and not _comes_with(menu, fit.item, said, sold):
        return fit
    return replace(fit, notes=(*fit.notes, " ".join(("extra", *run))), unknown=())


def _comes_with(menu: Menu, item: Item, said: list[str], sold: frozenset[str]) -> bool:
    """Do ``item``'s name or description say it comes with ``said`` (``sold``: its words the menu uses), none
    of them a word of its choices, and no other item's name said among them (:func:`more_of_something_else`)?"""
    if not sold <= described_words(item) or not sold.isdisjoint(option_words(item)):
        return False
    named = naming_items(menu)
    spans = (tuple(said[i:j]) for i in range(len(said)) for j in range(i + 1, len(said) + 1))
    return all(named.get(span, frozenset()) <= {id(item)} for span in spans)


def line_reading(fit: Fit, said: str) -> Reading:
    """The reading a fit gives, a count said answering a count choice
    (:func:`~app.core.reading.counts.count_chosen`) or counting the pieces of an item sold by orders
    (:func:`~app.core.reading.counts.orders_of`)."""
    return reading_of(counted_twice(orders_of(count_chosen(fit, said), said), said), said)


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


def _picks_said(item: Item, variation: Variation | None, options: list[Option]) -> None:
    """A size named "Pick N" raises a group that takes picks (min < N ≤ max) to N: "pick five board with the
    brie, the manchego and the prosciutto" asks for the other picks, never adds a board of three (issue #23,
    blind6 wine-bar)."""
    name = words_of(variation.name) if variation is not None else ()
    if variation is None or len(name) != 2 or name[0] not in ("pick", "choose") or not name[1].isdigit():
        return
    wanted = int(name[1])
    for group in top_groups(item):
        said = sum(1 for o in options if o.group_id == group.id)
        if 0 < group.min < wanted <= group.max and said < wanted:
            require(item, item.name, group, least=wanted, more=wanted - said)


def reading_of(fit: Fit, said: str) -> Reading:
    """The cart-line view of a fit: the variation apart, parents before nested options, and "no X" of a
    default option as a removal rather than a note; an option said after "all" fills the line's count
    (:func:`~app.core.reading.all_of_one.fill_all`)."""
    if fit.all_of:  # "three mochi, all mango": Mango fills the 3 pc
        fit = replace(fit, options=fill_all(fit.item, fit.options, fit.all_of))
    variation = one_variation(fit.item, [o.id for o in fit.options if o.group_id == VARIATION_GROUP])
    depth = {g.id: i for i, g in enumerate(choice_groups(fit.item))}
    options = sorted((o for o in fit.options if o.group_id != VARIATION_GROUP), key=lambda o: depth.get(o.group_id, 0))
    removals, notes = sort_notes(fit.item, tuple(options), fit.notes)  # "no whip" takes the Whipped Cream off
    _picks_said(fit.item, variation, options)
    no_room_for_defaults(fit.item, tuple(options), removals)  # "a rainbow with li hing mui": a fourth flavour
    return Reading(fit.item, fit.quantity, tuple(options), notes, said, variation, removals)


def _fuzzy(menu: Menu, words: Words, said: str) -> Reading:
    """No name said exactly: a misheard name ("cheesburger medium") once options and notes are out."""
    scored: list[tuple[float, Fit]] = []
    for quantity, rest in with_quantity(words):
        for item in menu.items:
            fit = fit_words(item, rest, None)
            if fit is None or not fit.unknown:
                continue
            left = " ".join(fit.unknown)
            names = [n for n in item_names(menu)[id(item)] if not multiplied_part(n, fit.unknown)]
            score = max((strict_score(left, " ".join(n)) for n in names), default=0.0)  # "cheeseburger" is no
            # misheard Double Cheeseburger: the double unsaid (break12)
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
