"""Where another item starts: does a part of a phrase cut at "and" / "," begin a line of its own ("a patty melt
and an order of fries"), or answer a choice of the item before it ("a combo and a coke")? And how it is served
("a basket of fries") or counted per person ("sauce bar for 2") before it is read.

Called by :mod:`app.core.reading.order` while it cuts the phrase into pieces. Issue #23.
"""

from __future__ import annotations

from app.core.menu import Item, Menu, ModifierGroup
from app.core.reading.comes_with import inside
from app.core.reading.counts import SERVINGS, for_each_person, sold_per_person, with_quantity
from app.core.reading.fit import Fit, best_fits, fit_words, item_fits, missing
from app.core.reading.memo import per_object
from app.core.reading.spoken import FILLER, said_as
from app.core.reading.vocabulary import SIZE_WORDS, VARIATION_GROUP, Words, choice_groups, menu_words, words_of


def folded_unnamed(menu: Menu, whole: Fit, chunks: list[Words]) -> bool:
    """Is ``whole`` (the whole phrase's reading) an item no word names, read from its choices, where a part
    names another item whole ("medium popcorn, and a medium coke" as Combo #2's Medium Popcorn and drink; "two
    44 oz cokes and a medium popcorn", a part begun with "a" or a count)? The items said apart are each a line, never
    folded into a combo the customer did not name (blind7 cinema-concessions; issue #23, the breakers'
    leftovers)."""
    said = [c for c in chunks if not set(c) <= FILLER]  # "uh, medium popcorn, …": the filler names nothing
    if whole.named or len(said) < 2:
        return False
    own = words_of(whole.item.name)
    if not whole.unknown and any(len(p) > 1 and inside(p, own) for p in whole.option_spans):
        return False  # "char siu and roast pork over rice": the Two Item Over Rice's Base said in words of its name
    for k, chunk in enumerate(said):
        if k and not (chunk[0] in ("a", "an") or chunk[0].isdigit()):
            continue  # "…, add chicken": a choice of what was said first, never an item begun
        alone = best_fits(menu, with_quantity(chunk)[0][1])
        stands = bool(alone) and not alone[0].unknown and (alone[0].named or bool(k and alone[0].options))
        if stands and alone[0].item is not whole.item:  # "… and a boston cream": a Donut by its kind, begun
            return True  # with "a" — never a pick of a Dozen no word names (blind10 coffee-and-donuts)
    return False


def another_item_said(menu: Menu, item: Item, chunks: list[Words]) -> bool:
    """Does a chunk after the first start an item other than ``item`` (the whole phrase's reading, or the
    item the first chunk names: "a patty melt and an order of fries", "a pretzel and a basket of fries")?"""
    first = best_fits(menu, with_quantity(chunks[0])[0][1]) if chunks else []
    if first and first[0].named and not first[0].unknown:
        item = first[0].item
    return any(
        starts_item(menu, item, tuple(w for c in chunks[:i] for w in (*c, "and"))[:-1], chunks[i])
        for i in range(1, len(chunks))
    )


def whole_reading(menu: Menu, words: Words, prune: bool = True) -> list[Fit]:
    """``words`` read whole as one item, best first: with their leading count, or — where that leaves a word
    unexplained — with the number as the first word of an item's own name said whole ("two meat rice, roasted
    chicken and char siu": the alias "two meat rice", never two of a "meat rice"; blind13 chicken-rice)."""
    (count, rest), *others = with_quantity(words)
    ranked = best_fits(menu, rest, prune)
    if count is None or (ranked and not ranked[0].unknown):
        return ranked
    plain = next((r for q, r in others if q is None), ())
    named = best_fits(menu, plain, prune) if plain else []
    top = named[0] if named else None
    if top is not None and top.named and not top.unknown and top.name and plain[: len(top.name)] == top.name:
        return named
    return ranked


def unserved(menu: Menu, chunk: Words) -> Words:
    """ "a basket of fries" → "a fries": a word the menu does not know between the count and "of", before
    an item (named, or read by its choices alone: "a pack of butterscotch krimpets", one item's flavour)
    with no sizes or amounts it could mean, is how it is served ("basket", "bag"), not what is
    ordered ("a box of donuts" stays, to be asked about, where donuts come by the dozen). A serving noun
    (:data:`~.counts.SERVINGS`) a name of the menu also has ("veggie plate", "juice box") is one too, where the
    words as said name no item whole ("a plate of mao du", "a box of sour patch kids"; blind7), and so is a word
    the menu's own aliases serve an item in (:func:`_served_in`: "a slice of pecan pie" beside an alias "slice
    of chess pie"; blind14 meat-and-three)."""
    lead = 1 if chunk[:1] in (("a",), ("an",)) or (chunk[:1] and chunk[0].isdigit()) else 0
    if len(chunk) <= lead + 2 or chunk[lead + 1] != "of" or chunk[lead] in FILLER:
        return chunk
    if chunk[lead] in menu_words(menu):
        served = chunk[lead] in SERVINGS or chunk[lead] in _served_in(menu)
        whole = best_fits(menu, with_quantity(chunk)[0][1]) if served else []
        if not whole or (whole[0].named and not whole[0].unknown):
            return chunk
    rest = (*chunk[:lead], *chunk[lead + 2 :])
    ranked = best_fits(menu, with_quantity(rest)[0][1])
    if not ranked or ranked[0].unknown or _sized(ranked[0].item):
        return chunk
    by_choices = ranked[0].options and (len(ranked) < 2 or ranked[1].key > ranked[0].key)
    return rest if ranked[0].named or by_choices else chunk  # "a pack of butterscotch krimpets": the Tastykake's


@per_object
def _served_in(menu: Menu) -> frozenset[str]:
    """The words an alias of the menu starts "<word> of …" with ("slice of chess pie", "glass of buttermilk"):
    what the menu itself serves its items in."""
    names = (words_of(a) for i in menu.items for a in i.aliases)
    return frozenset(n[0] for n in names if len(n) > 2 and n[1] == "of" and n[0] not in FILLER)


def served_in_a_size(menu: Menu, chunk: Words) -> Words:
    """ "half plate lollipop" → "half lollipop": a serving noun (:data:`~.counts.SERVINGS`) said right after
    a choice of the item the other words name whole ("half", its 4 Pieces) is how that size is served, never a
    word to ask about (blind14 indo-chinese)."""
    at = next((i for i, w in enumerate(chunk) if i and w in SERVINGS and chunk[i - 1] not in FILLER), None)
    if at is None or chunk[at + 1 : at + 2] == ("of",):
        return chunk  # most phrases; "an order of fries" is unserved's
    said = best_fits(menu, with_quantity(chunk)[0][1])
    if said and chunk[at] not in said[0].unknown:
        return chunk  # "chicken plate with fattoush": the plate is in a name said
    rest = (*chunk[:at], *chunk[at + 1 :])
    ranked = best_fits(menu, with_quantity(rest)[0][1])
    top = ranked[0] if ranked else None
    if top is None or not top.named or top.unknown or not any(s[-1:] == chunk[at - 1 : at] for s in top.option_spans):
        return chunk
    return rest


def per_person(menu: Menu, chunk: Words) -> Words:
    """ "sauce bar for 2" → "2 sauce bar": a count said after an item sold per person (the menu says "per
    person": :func:`~.counts.sold_per_person`), with no count before it, is its count (issue #23, blind7)."""
    people = for_each_person(chunk)
    if people is None or with_quantity(people[1])[0][0] is not None:
        return chunk
    ranked = best_fits(menu, people[1])
    if not ranked or not ranked[0].named or ranked[0].unknown or not sold_per_person(ranked[0].item):
        return chunk
    return (str(people[0]), *people[1])


def _a_size_it_is_sold_in(alone: Fit, chunk: Words, answer: Fit, open_groups: set[str]) -> bool:
    """Is ``chunk`` "a <size> <item>" where the item named (``alone``) is sold in that size (one of its
    variations read), said as an optional extra of the item before it (``answer``: no open group)? Begun with
    "a", sized as the menu sells it, it is an item of its own: "five wings, lemon and herb, and a large chips"
    is a Large Peri Chips line, never the wings' side Large Peri Chips (blind12 peri-peri); "with a large
    chips" and a side still to choose stay the item's."""
    return (
        chunk[:1] in (("a",), ("an",))
        and bool(alone.item.variations)
        and any(o.group_id == VARIATION_GROUP for o in alone.options)
        and bool(answer.options)
        and not any(o.group_id in open_groups for o in answer.options)
    )


@per_object
def _sized(item: Item) -> bool:
    """Does ``item`` come in sizes or amounts (variations, a choice named by a number or a size word)? What
    it comes with by default (the toppings a bag of duritos has, the Steamed style of a plate of soondae) is
    no amount (blind14 elote-stand, tteokbokki-bar)."""
    if item.variations:
        return True
    groups = choice_groups(item)
    names = [words_of(o.name) for g in groups for o in g.options]
    return any(w.isdigit() or w in SIZE_WORDS or w == "dozen" for n in names for w in n)


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


_WITH = frozenset(said_as("with"))


def starts_item(menu: Menu, item: Item, before: Words, chunk: Words) -> bool:
    """``chunk`` ("an order of fries", said after ``before``, read as ``item``) starts another item: it
    begins with a count, names another item whole (or names ``item`` again after ``before`` named it: "an
    edamame and a spicy edamame" is two lines — blind5 yakitori-bar), and answers no required choice of
    ``item`` still open ("a combo and a coke" is the combo's drink; "a patty melt and an order of fries" with
    the melt's side already answered is two items)."""
    if not chunk or not (chunk[0] in ("a", "an") or chunk[0].isdigit()):
        return False
    words = with_quantity(unserved(menu, chunk))[0][1]
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
    whole = fit_words(item, unserved(menu, chunk), None)  # "and six nuggets": the count may be the choice's
    answer = whole if whole is not None and not whole.unknown else fit_words(item, words, None)
    if answer is None:
        return True
    if "side" in chunk and _a_side_of_its_sides(item, with_quantity(chunk)[0][1], answer):
        return False  # "a burger with halloumi and a side of chips": the burger's side, its Sides offer chips
    if not again and not answer.unknown and answer.options and _a_list_of_its_choices(item, before, answer):
        return False  # "2 tteokbokkis with a little spicy, mozz, 2 kim mari": the list goes on (generated reads)
    longest = max((len(p) for p in answer.option_spans), default=0)
    if (
        not again
        and not answer.unknown
        and longest > len(ranked[0].name or ())
        and not _a_size_it_is_sold_in(ranked[0], chunk, answer, open_groups)
    ):
        return False  # "a latte … and an extra shot": the choice Extra Shot says more than the item "shot"
    chosen = min(said).options
    open_groups |= {g.id for o in chosen for g in o.modifier_groups if sum(x.group_id == g.id for x in chosen) < g.min}
    tops = _top_groups_of(item)  # a pick-your-own box's donuts still to choose are open too ("2 boston kremes")
    return not any(tops.get(id(o), o.group_id) in open_groups or o.group_id in open_groups for o in answer.options)


def _a_list_of_its_choices(item: Item, before: Words, answer: Fit) -> bool:
    """Does ``before`` end in a list of two or more of ``item``'s choices led by "with" ("2 tteokbokkis with a
    little spicy and mozz"), every word after it one of them, none of them ``answer``'s? Then a choice of
    ``item`` said next, though it also names an item (the add-on Gimmari, sold alone too), goes on with that
    list — never a line of its own. A choice the list already holds, said again, is the item ("… with seaweed
    salad, and a seaweed salad too": dev bowl-co), and so is one said after a single choice ("egg and cheese
    with ketchup, and a hash brown": blind11 bodega-deli)."""
    at = max((i for i, w in enumerate(before) if w in _WITH), default=-1)
    said = before[at + 1 :]
    if at < 0 or "and" not in said:
        return False
    fit = fit_words(item, said, None)
    if fit is None or fit.unknown or len(fit.options) < 2:
        return False
    held = {o.id for o in fit.options}
    return not any(o.id in held for o in answer.options)


def named_again_otherwise(menu: Menu, item: Item, before: Words, chunk: Words) -> bool:
    """Does ``chunk`` (said after ``before``, read as ``item``, with no article: "…, and quarter breast plain with
    mash") name ``item`` again by its own name or an alias, with an answer to a one-choice group that ``before``
    already answered otherwise (the Breast where the Leg was said)? A line has one answer there, so the chunk is
    another line of the item, never a choice of this one (issue #23, blind12 peri-peri)."""
    own = [words_of(n) for n in (item.name, *item.aliases)]
    if not any(chunk[: len(n)] == n for n in own if n):
        return False
    said = item_fits(menu, item, with_quantity(before)[0][1])
    again = fit_words(item, chunk, None)
    if not said or again is None or again.unknown:
        return False
    groups = {g.id: g for g in choice_groups(item)}
    first = {o.group_id: o.id for o in min(said).options if groups[o.group_id].max == 1}
    return any(first.get(o.group_id, o.id) != o.id for o in again.options)


def _a_side_of_its_sides(item: Item, words: Words, answer: Fit) -> bool:
    """Is ``words`` "side of X" where X answers only ``item``'s groups the menu names for sides ("Sides", "Side
    Choice")? Then "a side of chips" said after the item is its side, never a line of the item Chips (issue
    #23, blind12 peri-peri); an item with no such group leaves it a line, and so does a side the item already
    comes with (its default: "jollof with fish, and a side of dodo" is one more Dodo, never the plate's own —
    blind13 west-african)."""
    if words[:2] != ("side", "of") or answer.unknown or not answer.options:
        return False
    if all(o.default for o in answer.options):
        return False
    groups = {g.id: g for g in choice_groups(item)}
    return all("side" in words_of(groups[o.group_id].name) for o in answer.options)
