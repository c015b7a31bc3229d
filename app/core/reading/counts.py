"""How many: a count said before an item, a choice that is itself a count, and orders of N pieces.

The rule: a leading count is the item's count unless the words say otherwise ("32 oz", "a dozen" option,
"6 wings" as a 6 Piece choice); a count of pieces of an item sold by orders of N is that many orders, and
a count no whole number of orders makes is asked, never rounded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from app.core.menu import Item, Menu, Option
from app.core.reading.all_of_one import box_count
from app.core.reading.count_names import COUNT_UNITS, counts_of, option_count
from app.core.reading.fit import Fit, missing
from app.core.reading.memo import per_object
from app.core.reading.spoken import FILLER, UNIT_WORDS, normalize
from app.core.reading.vocabulary import (
    VARIATION_GROUP,
    Words,
    group_of,
    option_phrases,
    pieces_said,
    top_groups,
    words_of,
)
from app.errors import QuantityInvalid

_COUNTED = (  # spoken counts that are no digits: (words, how many) — "a dozen", "half a dozen", "a pair of"
    (("half", "a", "dozen"), 6),
    (("a", "half", "dozen"), 6),
    (("a", "dozen"), 12),
    (("a", "pair", "of"), 2),
)


_ONE_MORE = frozenset({"another", "1"})  # "another order of …", "one more order of …": one
_PEOPLE = frozenset({"people", "person", "guest"})  # who an item sold per person is counted by
# how a count of servings of the item just named is said after it: "egg tarts, two orders", "two plates"
SERVINGS = frozenset({"order", "plate", "serving", "portion", "basket", "helping", "box", "bag"})


def servings_said(chunk: Words, per_person: bool = False, sold_by: frozenset[str] = frozenset()) -> int | None:
    """ "2 order", "2 plate", "2 of them" said alone after an item — or "5 people" after one sold per person
    (``per_person``: :func:`sold_per_person`), "2 bottles" after one sold by the bottle (``sold_by``:
    :func:`sold_by_units`): the count of that item's line (issue #23, blind7 dim-sum and hot-pot: "egg tarts, two
    orders", "fried tofu puffs, two plates", "tea charge, 5 people"; blind15 korean-bbq: "makgeolli, two
    bottles"); else None."""
    if len(chunk) not in (2, 3) or not chunk[0].isdigit() or not 0 < int(chunk[0]) <= 999:
        return None
    units = (SERVINGS | _PEOPLE if per_person else SERVINGS) | sold_by
    said = chunk[1:] == ("of", "them") or (len(chunk) == 2 and chunk[1] in units)
    return int(chunk[0]) if said else None


def a_number_alone(chunk: Words) -> bool:
    """ "three" among a structured case's modifiers (["three"]): a number and nothing else, said of the item's
    line — read with the item as one phrase ("baklava, three"), where :func:`count_alone` makes it the count
    unless a choice holds that number (issue #23, blind10 jamaican-jerk, halal-cart). So is a count said "x2"
    (["x2"], ["2 pcs", "x2"]: blind14 tteokbokki-bar, indo-chinese), read as "bulgogi kimbap, x2" is."""
    if len(chunk) == 1 and chunk[0][:1] in ("x", "×") and chunk[0][1:].isdigit():
        return True
    return len(chunk) == 1 and chunk[0].isdigit()


def count_alone(item: Item, before: Words, chunk: Words) -> int | None:
    """ "tacos de suadero, two, with habanero", "pork belly skewers, three, tare": a number said alone right after
    an item named with no count is how many of it (blind6 taqueria, blind5 yakitori-bar) — unless a choice of
    the item holds that number ("the riesling, nine": its 9 oz Glass, read as a choice); else None. So is one
    said with only filler ("you got debris fries? gimme one": the one asked about, once — never one of another
    item its last word names; poboy-shop)."""
    said = tuple(w for w in chunk if w not in FILLER)
    if len(said) != 1 or not said[0].isdigit() or not 0 < int(said[0]) <= 999 or chunk == ("1",):
        return None  # a bare "one" stays as it was read (one more of something)
    chunk = said
    if with_quantity(before)[0][0] is not None:
        return None
    holding = [o for p, o in option_phrases(item) if chunk[0] in p]
    if holding and not all(_its_one_choice_made(item, before, o) for o in holding):
        return None
    return int(chunk[0])


def _its_one_choice_made(item: Item, before: Words, option: Option) -> bool:
    """Is another option of ``option``'s one-choice group (max 1: a size) already said in ``before``? Then a
    number that ``option``'s name holds cannot be it ("corn on the cob, regular, 2" where the Large is "two
    cobs": the line has its size, so the 2 is its count; issue #23, blind12 peri-peri)."""
    group = group_of(item, option)
    if group is None or group.max != 1:
        return False
    said = {o.id for p, o in option_phrases(item) if o.group_id == group.id and _runs_in(p, before)}
    return bool(said) and option.id not in said


def _runs_in(phrase: Words, words: Words) -> bool:
    """Is ``phrase`` said, word for word, somewhere in ``words``?"""
    n = len(phrase)
    return any(words[i : i + n] == phrase for i in range(len(words) - n + 1))


def for_each_person(words: Words) -> tuple[int, Words] | None:
    """ "sauce bar for 2", "tea charge for 3 people", "tea charge 5 people" → (the count, the words before it):
    how many of an item sold per person (:func:`sold_per_person`) may be meant; None for any other words."""
    end = len(words) - (1 if words and words[-1] in _PEOPLE else 0)
    if end < 2 or not words[end - 1].isdigit() or not 0 < int(words[end - 1]) <= 999:
        return None
    if words[end - 2] == "for":
        return int(words[end - 1]), words[: end - 2]
    return (int(words[end - 1]), words[: end - 1]) if end < len(words) else None


def _units_after_per(text: str) -> Iterator[str]:
    """The words after "per" in ``text``: "4 pc per basket" → "basket"."""
    words = words_of(text)
    return (words[i + 1] for i in range(len(words) - 1) if words[i] == "per")


@per_object
def sold_per_person(item: Item) -> bool:
    """Does the menu sell ``item`` per person ("Per person" in its description or a name: a tea charge, a sauce
    bar)? Then "for four" / "5 people" is its count (issue #23, blind7 dim-sum and hot-pot)."""
    texts = (item.name, *item.aliases, item.description or "", *(v.name for v in item.variations))
    return any(unit == "person" for text in texts for unit in _units_after_per(text))


_WEIGHTS = frozenset({"lb", "oz"})  # what meat and fish are sold by: "two pounds" is twice the One Pound


def said_count_words(words: Words) -> int:
    """How many of ``words`` a spoken count without digits leads them with ("a dozen", "half a dozen"): 0 if
    none. A count corrected replaces all of them ("a dozen wings, actually six" is 6 wings, never 6 dozen)."""
    return next((len(said) for said, _ in _COUNTED if words[: len(said)] == said), 0)


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
    if len(words) > 2 and words[-2] == "time" and last.isdigit():  # "crab rangoon times two": x2 said in words
        return int(last), words[:-2]
    if len(words) > 3 and words[-3].isdigit() and words[-2:] == ("of", "them"):
        rest = words[:-3]
        return int(words[-3]), rest[:-1] if rest[-1:] == ("and",) else rest
    return None


def with_quantity(words: Words) -> list[tuple[int | None, Words]]:
    """Readings of a leading count: "2 large fry" → (2, "large fry"); also as said ("6 garlic knot"); a
    spoken count ("a dozen", "x3") comes first, the words as said stay a reading (a "dozen" option)."""
    lead = next((i for i, w in enumerate(words) if w not in FILLER or w in ("a", "an")), len(words))
    if lead and lead < len(words) and "both" in words[:lead]:  # "both cookies", "both of the cookies": two
        return [(2, words[lead:]), (None, words[lead:])]
    words = words[lead:]  # "can i get two …", "i'd like a …": the count comes after the opener
    if words and words[0] in _ONE_MORE and (words[0] == "another" or words[1:2] == ("more",)):
        words = ("a", *words[1 + (words[0] == "1") :])  # "another order of kalbi", "one more order of brisket": one
    counted = _counted(words)
    if counted is not None and counted[0] > 0:
        plain = [(int(words[0]), words[1:])] if words[0].isdigit() else [(1, words[1:])] if words[0] == "a" else []
        return [counted, *plain, (None, words)]  # "two dozen cookies" is 2 × a Dozen option where the menu has one
    if words[1:2] and words[1] in UNIT_WORDS:
        if words[1] == "piece" and words[2:3] == ("of",) and words[0].isdigit() and 0 < int(words[0]) <= 999:
            return [(None, words), (int(words[0]), words[3:])]  # "four pieces of tuna nigiri": pieces, see orders_of
        if words[1] in _WEIGHTS and words[0].isdigit() and 1 < int(words[0]) <= 999:
            return [(None, words), (int(words[0]), ("1", *words[1:]))]  # "two pounds": 2 × the 1 lb, where no 2 lb
        return [(None, words)]  # "32 oz drink", "6 piece nuggets": a number in a name, never the count
    if words and (words[0] in ("a", "an") or (words[0].isdigit() and 0 < int(words[0]) <= 999)):
        count = 1 if words[0] in ("a", "an") else int(words[0])
        rest = words[1:]
        if rest and rest[0] in ("order", "dozen") and count == 1 and words[0] in ("a", "an"):
            return [(None, words)]
        return [(count, rest), (None, words)] if rest else [(None, words)]
    return [(None, words)]


def number_alone_chose(fit: Fit, words: Words) -> bool:
    """Did a leading number, said without the rest of a choice's name, choose it — "two pad thai" as 2 Stars?
    A number before the item is its count unless the choice is a count of the item ("6 wings": 6 Piece or
    10 Wings) or its name is said on ("1 star pad thai")."""
    if not words or not words[0].isdigit() or count_in_name(fit, words):
        return False  # "4 people paella": the number starts an alias said whole ("four people" of Para 4)
    if fit.named and fit.name is not None and fit.name[:1] == words[:1] and fit.name == words[: len(fit.name)]:
        return False  # "two item combo …, crab rangoon": the number starts the item's own name said (its alias
        # "two item combo"), never Crab Rangoon (2 pc)'s (blind2 chinese-takeout)
    item = {w for n in (fit.item.name, *fit.item.aliases) for w in words_of(n)}
    for option in fit.options:
        name = words_of(option.name)
        counts_item = option_count(name) is not None or set(name) - {words[0]} <= COUNT_UNITS | item
        if words[0] in name and not counts_item and not set(words[1:2]) & set(name):
            return True
    return False


def number_named_before_a_name(fit: Fit, words: Words, counted: list[Fit]) -> bool:
    """Did ``fit`` read a leading number alone as its item's name ("2" of a "#2 Combo") where the words after it
    name another item whole (``counted``: the readings with that number as the count)? "2 shakes" is two Shakes,
    never the #2 Combo with a shake: a number followed by an item's name counts that item (blind10
    burger-stand-secret)."""
    if fit.quantity is not None or not words or not words[0].isdigit() or fit.name != words[:1]:
        return False
    return any(
        c.named and c.name is not None and c.item is not fit.item and words[1 : 1 + len(c.name)] == c.name
        for c in counted
    )


def count_in_name(fit: Fit, words: Words, apart: bool = False) -> bool:
    """Does the leading number start a choice's name said whole ("three bones" for the option "3 Bones")? Then
    the number is that choice, never also the line's count: the menu sells the thing by that count
    (tests/corpus/README.md: the option, quantity 1). Where the count read as a count names another item
    (``apart``), the number alone said as the item's count option ("six ruskie": Pierogi's 6 pc) is that option
    too, never six of another item that merely has the filling (blind7 pierogi-house)."""
    if not words or not words[0].isdigit():
        return False
    said = set(fit.option_spans)
    if apart and words[:1] in said and any(option_count(words_of(o.name)) == int(words[0]) for o in fit.options):
        return True
    return any(len(p) > 1 and p[0] == words[0] and p in said and words[: len(p)] == p for p in fit.option_spans)


def box_named(fit: Fit) -> bool:
    """Is ``fit`` a box whose name says its count (Dozen Croquetas) read whole, its count word said in the name
    ("a dozen ham croquetas": every word placed, every pick filled, no count of lines)? Then the count is the
    box's, never twelve single croquetas; "half a dozen croquetas" with no such box stays six singles (blind11
    cuban-ventanita)."""
    count = box_count(fit.item)
    own = words_of(fit.item.name)
    if own[:1] and own[0].isdigit() and option_count(own[:2]) is None:
        return False  # "2 Liter Soda": a measure, no box of two
    if count is None or fit.quantity is not None or not fit.named or fit.name is None or fit.unknown or fit.key[3]:
        return False
    name = fit.name
    return any(option_count(name[k : k + n]) == count for k in range(len(name)) for n in (1, 2))


def count_choice_first(fit: Fit, words: Words) -> bool:
    """Do ``words`` start ("a dozen ruskie", "six ruskie") with a count ``fit`` reads as its item's own count
    choice (Pierogi's 12 pc by its alias "dozen", a size), every word placed? Then, where no item is named,
    the count says which item it is of: never the number of lines of another item that merely has the filling
    (twelve Polish Plates; issue #23, the breakers' leftovers) — :func:`~.item.read_item` drops those."""
    if fit.quantity is not None or fit.unknown or not words:
        return False
    lead = words[1:] if words[0] in ("a", "an") else words
    sizes = [o for o in fit.options if o.group_id == VARIATION_GROUP and option_count(words_of(o.name))]
    counted = {words_of(n) for o in sizes for n in (o.name, *o.aliases)}  # as the menu writes it: never "2"
    # read off a Chicken Combo's "2 Piece" ("two medium lemonades")
    return any(p in (words[: len(p)], lead[: len(p)]) for p in counted & set(fit.option_spans))


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


@per_object
@per_object
def sold_by_units(item: Item) -> frozenset[str]:
    """The units ``item``'s description sells it by: "By the bottle (750 ml)" → {"bottle"}, "per glass" →
    {"glass"}."""
    words = words_of(item.description or "")
    by = (words[i + 2] for i in range(len(words) - 2) if words[i : i + 2] == ("by", "the"))
    return frozenset((*by, *_units_after_per(item.description or ""))) - _PEOPLE


def sold_per(item: Item) -> str | None:
    """What one order of ``item`` is, where its description says "per <unit>" ("per plate", "4 pc per
    basket"): that unit, else None."""
    return next(_units_after_per(item.description or ""), None)


def _said_in_pieces(words: Words, count: int) -> bool:
    """Was ``count`` said as a count of pieces ("four pieces of tuna nigiri"; never "2 two piece toros", where
    the pieces are the choice's)?"""
    return any(words[i : i + 3] == (str(count), "piece", "of") for i in range(len(words) - 2))


_DOZENS = {"half": 6, "baker": 13}  # the word before "dozen" that makes it another count ("half a dozen": 6)


def _dozen_in(words: Words) -> int | None:
    """How many pieces "dozen" in ``words`` says: "Garlic Knots (Dozen)" 12, "Half Dozen" 6; None if none."""
    if "dozen" not in words:
        return None
    at = words.index("dozen")
    before = words[at - 2 : at]
    return next((n for w, n in _DOZENS.items() if w in before), 12)


@per_object
def sold_by_the_dozen(item: Item) -> int | None:
    """How many pieces one order of ``item`` is where the menu sells it by the dozen — its name, an alias or
    its only size says "Dozen" ("Garlic Knots (Dozen)"), or its description "by the dozen" / "per dozen" —
    and no choice of it is a count (a Half Dozen / Dozen size is chosen by the count said:
    :func:`count_chosen`); else None."""
    if _count_groups(item):
        return None
    names = (item.name, *item.aliases, *(v.name for v in item.variations[:1] if len(item.variations) == 1))
    named = next((n for x in names if (n := _dozen_in(words_of(x))) is not None), None)
    if named is not None:
        return named
    described = words_of(item.description or "")
    sold = any(described[i : i + 2] in (("the", "dozen"), ("per", "dozen")) for i in range(len(described) - 1))
    return _dozen_in(described) if sold else None


def _dozens_of(fit: Fit, words: Words) -> Fit:
    """ "two dozen rainbow cookies", "36 garlic knots" of an item sold by the dozen (:func:`sold_by_the_dozen`):
    a count of at least a dozen pieces is that many dozens (2, 3), never 24 orders; one no whole number of
    dozens makes ("30 garlic knots", "half a dozen") is asked. A count below a dozen ("two garlic knots") is of
    orders, as is one said as orders (issue #23, blind9 catering-trays)."""
    per = sold_by_the_dozen(fit.item)
    if per is None or fit.quantity is None or "order" in words:
        return fit
    part = any(
        words[i : i + 2] == ("half", "dozen") or words[i : i + 3] == ("half", "a", "dozen") for i in range(len(words))
    )
    return _in_orders(fit, per) if fit.quantity >= per or part else fit  # "half a dozen knots": 6 of 12, asked


def _in_orders(fit: Fit, per: int) -> Fit:
    """``fit``'s count of pieces as a count of orders of ``per`` pieces each; asked where none makes it."""
    quantity = fit.quantity or 1
    if quantity % per:
        raise QuantityInvalid(
            f"{fit.item.name} come {per} per order: how many orders is {quantity}?",
            item=fit.item.name,
            item_id=fit.item.id,
            said_quantity=quantity,
            per_order=per,
        )
    return replace(fit, quantity=quantity // per)


def orders_of(fit: Fit, said: str) -> Fit:
    """ "six tacos" where the description says "Three tacos per order", "four pieces of tuna nigiri" where the
    Nigiri is "2 pc": a count of pieces of an item sold by orders of N is that many orders (6 / 3 = 2), never
    six; a count no whole number of orders makes ("four tacos") is asked. A count of orders said as such ("two
    orders of tacos") stays."""
    if fit.quantity is None or fit.quantity < 2:
        return fit
    per = pieces_per_order(fit.item)
    if per is None and "piece" not in said:
        plain = fit.quantity < 12 and "dozen" not in said
        return fit if plain else _dozens_of(fit, words_of(said))  # the common case: no words read
    words = words_of(said)
    if per is None and _said_in_pieces(words, fit.quantity):
        per = next((n for o in fit.options if (n := pieces_said(o)) is not None), None)  # "Nigiri (2 pc)"
    if per is None or per < 2 or "order" in words:
        return _dozens_of(fit, words)
    return _in_orders(fit, per)


def said_one(item: Item, said: str) -> bool:
    """Was ``item`` named in the singular with no count ("donut", "biscuit" said as the item), so one of it is
    meant? Its head noun said as is, where the menu's name for it is plural or the same ("Donuts" → "donut")
    — never "cookies", which says several and so is asked."""
    heads = {n[-1] for n in (words_of(x) for x in (item.name, *item.aliases)) if n and not n[-1].endswith("s")}
    return bool(heads.intersection(re.findall(r"[a-z]+", said.lower())))


def count_chosen(fit: Fit, said: str = "") -> Fit:
    """ "a dozen garlic knots", "three cookies", "six snickerdoodles", "a cookie", "three biscuits" of "1 Biscuit",
    "6 Biscuits": a count said where a required choice is itself a count ("6 pc", "Half Dozen", "Single", or
    counted in the item itself) answers that choice — the option of that count once, else the single one that
    many times. With no count said, an item named in the singular (:func:`said_one`: "donut" + ["boston
    cream"]) is one — never a size chosen by that alone ("spam musubi" of 1 Piece / 3 Piece is asked);
    anything else ("cookies") is left to be asked."""
    quantity = fit.quantity
    implied = quantity is None and bool(said) and said_one(fit.item, said)
    if implied:
        quantity = 1
    if quantity is None:
        return fit
    for group in missing(fit.item, list(fit.options)):
        if implied and group.id == VARIATION_GROUP:
            continue  # "spam musubi" + choices: its size (1 Piece / 3 Piece) is asked (blind6)
        counts = counts_of(fit.item, group, called=quantity > 1)  # "four kusshis": 4 × the Each called "one";
        if counts is None:  # "a shrimp cocktail" is not so told apart from a serving of several: asked
            continue
        exact = [o for o, c in counts.items() if c == quantity]
        single = [o for o, c in counts.items() if c == 1]
        if len(exact) == 1:
            return replace(fit, options=(*fit.options, exact[0]), quantity=1)
        if len(single) == 1:
            return replace(fit, options=(*fit.options, single[0]), quantity=quantity)
    return fit


def counted_twice(fit: Fit, said: str) -> Fit:
    """ "12 wings hot and 6 bbq", "a dozen holes glazed and 25 chocolate": a line of N orders of a count choice
    ("6 pc", "25 Count") where N is as many as one of its counts of several ("6 pc", "10 Count") is a count of
    pieces read as orders, never N × the count (144 wings): asked (issue #23, break11 kind 1). "two dozen
    glazed" (fewer than a Half Dozen), "four tacos" (N × Single) and "three 2 piece combos" (the choice's name
    said whole) stay."""
    if fit.quantity is None or fit.quantity < 2:
        return fit
    for counts, least in _count_groups(fit.item):
        chosen = [o for o in fit.options if counts.get(o, 1) > 1]
        if not chosen or fit.quantity < least:
            continue
        words = words_of(said)
        named = [n for o in chosen if len(n := words_of(o.name)) > 1]
        if not any(words[i : i + len(n)] == n for n in named for i in range(len(words))):
            raise QuantityInvalid(
                f"{fit.item.name}: is {fit.quantity} the number of pieces or of orders?",
                item=fit.item.name,
                item_id=fit.item.id,
                said_quantity=fit.quantity,
            )
    return fit


@per_object
def _count_groups(item: Item) -> tuple[tuple[dict[Option, int], int], ...]:
    """``item``'s groups whose every choice is a count, several above one: (how many each is, the least of
    those above one)."""
    found = []
    for group in top_groups(item):
        counts = counts_of(item, group) or {}
        several = [c for c in counts.values() if c > 1]
        if several:
            found.append((counts, min(several)))
    return tuple(found)


def counts_pieces(item: Item, count: int) -> bool:
    """Does ``count`` said of ``item`` choose its count ("6 falafel balls": the 6 pc, one order), never a
    number of orders? Issue #23, break11 kind C."""
    return any(count in (counts_of(item, g) or {}).values() for g in missing(item, []))


_MINUS = re.compile(r"\b(?:minus|negative) \d")  # normalized ("-2" is "minus 2"), never "minus the onions"


def negative_count(text: str) -> QuantityInvalid | None:
    """The question for a count below zero ("-2 cookies", "minus two cookies"): stripped of its sign the
    count would read as 2, and "minus" as a note, so it is asked, never added (a count is a whole number
    from 1; a removal is the remove tool's)."""
    words = normalize(text)
    if ("minus" in words or "negative" in words) and _MINUS.search(words) is not None:
        return QuantityInvalid("a count is a whole number from 1: say how many to add", query=text)
    return None


_NO_NUMBER = frozenset({"to", "too", "for"})  # said where a count belongs: a misheard two/four
# "do veg hakka noodles": "do" is two in Hindi, said where a count belongs (blind14 indo-chinese) — never the
# English verb before whom or what it is said of ("do you have", "do it", "do 2 fries")
_DO_COUNT = re.compile(r"^do (?!(?:you|ya|u|i|we|they|it|that|this|these|those|one|two|three|four|five|six)\b)[a-z]")


def _do_counted(piece: str) -> bool:
    return _DO_COUNT.match(piece) is not None


_WHOSE = frozenset({"my", "the", "our", "your", "his", "her", "their", "them", "us", "me", "here", "go", "a", "an"})
_OPENERS = re.compile(r"^(?:(?:can|could|may) i (?:get|have)|i(?:'d| would) like|i(?:'ll| will) (?:have|take|get)|"
                      r"give me|get me|let me get|let me have)\s+")  # fmt: skip


def _parts(said: str) -> list[str]:
    """The parts of a lower-cased phrase, opener dropped ("can I get …"), cut at "and" and ",": where the
    checks below look for a word said where a count belongs."""
    return re.split(r"\s*(?:,|\band\b)\s*", _OPENERS.sub("", said.strip()))


def count_unsaid(text: str) -> QuantityInvalid | None:
    """The question for a word said where a count belongs, before a plural: "to medium burgers", "for large
    sprites" (a misheard two/four), "do veg hakka noodles" (two in Hindi), "all cookies" to begin an order —
    several are meant, how many is not said, so it is asked, never read as one (issue #23). At the start of
    the phrase or after "and"/"," only ("all" at the start only: "…, all flats" is a choice); "for my kids",
    "to go" say who or how. "some fries" stays one order (the corpus labels)."""
    said = f" {text.lower()} "
    if (
        " to " not in said
        and " too " not in said
        and " for " not in said
        and " all " not in said
        and " do " not in said
    ):
        return None  # the common case, no such word said: substring scans only (the phrase budget, #25)
    for at, piece in enumerate(_parts(said)):
        words = re.findall(r"[a-z']+", piece)
        counted = words[:1] and (words[0] in _NO_NUMBER or (words[0] == "all" and not at) or _do_counted(piece))
        if len(words) < 2 or not counted or words[1] in _WHOSE:
            continue
        if any(len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "'s")) for w in words[1:4]):
            return QuantityInvalid("how many? say the count to add", query=text)
    return None


def some_uncounted(menu: Menu, text: str) -> QuantityInvalid | None:
    """The question for "some" before the plural of a thing the menu names in the singular ("some cookies"
    where the item is a Cookie): several are meant, how many is not said — asked, never read as one (issue
    #23, the session that broke the reader). A plural the menu's own name has is one order ("some fries" of
    French Fries, "some garlic knots": the corpus labels); a count said anywhere ("some dumplings, six of
    them") answers it. Only "some" that starts the phrase or a part of it (after "and" / ",")."""
    said = f" {text.lower()} "
    if " some " not in said:
        return None  # the common case: a substring scan only (the phrase budget, #25)
    if any(w.isdigit() for w in normalize(text).split()):
        return None
    named = _name_words(menu)
    for piece in _parts(said):
        words = re.findall(r"[a-z']+", piece)
        if words[:1] != ["some"]:
            continue
        for w in words[1:4]:
            if w not in named and any(w.endswith(end) and f"{w[: -len(end)]}{back}" in named for end, back in _PLURALS):
                return QuantityInvalid("how many? say the count to add", query=text)
    return None


def number_named_uncounted(menu: Menu, text: str) -> QuantityInvalid | None:
    """The question for a number before the plural of a name that itself starts with that number ("two egg
    breakfasts", "2 eggs breakfasts" where the item is the Two Egg Breakfast): the number is the name's or
    the count — which, and how many, is not said, so it is asked, never read as one (generated reads on
    pancake-house). A second number ("2 two egg breakfasts"), another number ("three egg breakfasts") or the
    name as written ("two eggs", an alias) is read as before."""
    stems, leads, written = _number_led(menu)
    said = text.lower()
    if stems is None or stems.search(said) is None:
        return None  # the common case: one scan in C (the phrase budget, #25)
    for piece in _parts(said):
        words = re.findall(r"[a-z0-9']+", piece)
        heads = {
            w[: -len(end)] + back
            for w in words[1:5]
            if w not in written
            for end, back in _PLURALS
            if w.endswith(end) and w[: -len(end)] + back in leads
        }
        if not heads:
            continue
        lead = words[0] if words[0].isdigit() else normalize(words[0])
        named = any(
            number == lead and all(any(w.startswith(m) for w in words) for m in middle)
            for h in heads
            for number, middle in leads[h]
        )  # the name's own words said ("two medium burgers" is no "two patty burger")
        if named and sum(w.isdigit() or normalize(w).isdigit() for w in words) == 1:
            return QuantityInvalid("how many? say the count to add", query=text)
    return None


@per_object
def _number_led(
    menu: Menu,
) -> tuple[re.Pattern[str] | None, dict[str, frozenset[tuple[str, tuple[str, ...]]]], frozenset[str]]:
    """The names and aliases that start with a number, by their last word ("Two Egg Breakfast": breakfast →
    {("2", ("egg",))}), with a pattern of the stems to find them by ("pastry" is found in "pastries" as
    "pastr"; None: no such name), and every word of every item name and alias as written."""
    leads: dict[str, set[tuple[str, tuple[str, ...]]]] = {}
    written: set[str] = set()
    for item in menu.items:
        names = [tuple(re.findall(r"[a-z0-9']+", n.lower())) for n in (item.name, *item.aliases)]
        for words in names:
            written.update(words)
            if words[1:] in names:
                continue  # "two slider combo" beside the name "Slider Combo": the number is no part of the name,
                # so "two slider combos" is two of them (blind10 hot-chicken)
            if len(words) > 1 and (words[0].isdigit() or normalize(words[0]).isdigit()):
                leads.setdefault(words[-1], set()).add((normalize(words[0]), tuple(words[1:-1])))
    stems = [re.escape(h[:-1] if h.endswith("y") else h) for h in sorted(leads)]
    return (
        re.compile("|".join(stems)) if stems else None,
        {h: frozenset(n) for h, n in leads.items()},
        frozenset(written),
    )


_PLURALS = (("ies", "y"), ("es", ""), ("s", ""))  # "cookies" → cookie, "sandwiches" → sandwich, "pastries" → pastry


@per_object
def _name_words(menu: Menu) -> frozenset[str]:
    """Every word of the menu's item names as written (lower case, never normalised: "fries" stays plural)."""
    return frozenset(w for item in menu.items for w in re.findall(r"[a-z']+", item.name.lower()))
