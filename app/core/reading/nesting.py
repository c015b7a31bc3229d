"""Choices nested under other choices (a combo's drink → its flavour and its size), each placed where it belongs.

The reader reads a combo's words as options of any depth: "a double cheeseburger combo with a large coke" is
Double Cheeseburger, Large and Coca-Cola. :func:`nest` puts each under the option that holds it, from the menu's
structure alone:

* an option that lies under exactly one option of the item implies that option, and every option above it
  ("a coke" is the Soft Drink's Coca-Cola: the Soft Drink is chosen too);
* an option the item offers in several places (the Large of the side's size and of the drink's size) lies under
  the option named right after it ("large coke": the drink's size; "large fries": the side's). With nothing
  after it that it could belong to, it is the item's own choice when the item has one ("a large combo"), else
  the one place under the only choice chosen (said or coming with the item) that offers it ("a dog combo with
  a diet coke, large": the drink is the only chosen choice with sizes); a size
  is otherwise asked about ("a combo, make it a large, with a coke": the side or the drink?) — binding it to
  one of several groups would be silently wrong. Another choice lies under the one of its places the customer
  named ("10 piece nuggets, bbq and ranch": the nuggets' sauces, not the side salad's dressing);
* a default nested choice stays unless one is said in its group (the defaults are added by
  :func:`app.core.reading.modifiers.resolve_choices`).

The options come out as the objects of their places, in the order in which their ids name those places again
(each after what holds it): the voice tools and the HTTP API hand a reading on as option ids
(:meth:`~app.core.reading.item.Reading.choice_texts`), and the side's and the drink's Large share theirs.
"""

from __future__ import annotations

from app.core.menu import Item, ModifierGroup, Option
from app.core.reading.memo import per_object
from app.core.reading.spoken import SEPARATORS
from app.core.reading.vocabulary import SIZE_WORDS, Words, option_phrases, words_of
from app.errors import WordsNotUnderstood


@per_object
def parents(item: Item) -> dict[int, Option | None]:
    """id(option) → the option whose group holds it (None at the item's own groups), for every option of ``item``."""
    out: dict[int, Option | None] = {}

    def walk(groups: tuple[ModifierGroup, ...], parent: Option | None) -> None:
        for group in groups:
            for option in group.options:
                out[id(option)] = parent
                walk(option.modifier_groups, option)

    walk(item.modifier_groups, None)
    return out


@per_object
def _places(item: Item) -> dict[str, tuple[Option, ...]]:
    """option id → every option object of ``item`` with that id (one per place it is offered)."""
    out: dict[str, list[Option]] = {}

    def walk(groups: tuple[ModifierGroup, ...]) -> None:
        for group in groups:
            for option in group.options:
                out.setdefault(option.id, []).append(option)
                walk(option.modifier_groups)

    walk(item.modifier_groups)
    return {k: tuple(v) for k, v in out.items()}


def offered_often(item: Item, option: Option) -> bool:
    """Is ``option`` offered in several places (a Left Half under each topping)? Its group is then full only
    under the one that holds it: :func:`nest` places each saying."""
    return len(_places(item).get(option.id, ())) > 1


class _Same(list[Option]):
    """Options whose ``in`` is by identity: two places of one option (the side's and the drink's Large) are
    equal by value."""

    def __contains__(self, other: object) -> bool:
        return any(o is other for o in self)


def _above(item: Item, option: Option) -> _Same:
    """The options ``option`` lies under, outermost first."""
    up, out = parents(item), _Same()
    parent = up.get(id(option))
    while parent is not None:
        out.insert(0, parent)
        parent = up.get(id(parent))
    return out


def _is_size(option: Option) -> bool:
    name = words_of(option.name)
    return bool(name) and set(name) <= SIZE_WORDS


_Span = tuple[int, int, frozenset[str]]  # where an option phrase is said: start, end, the option ids it names


def _spans(item: Item, words: Words) -> list[_Span]:
    """Where options of ``item`` are said in ``words``: (start, end, the option ids that phrase names), longest
    phrase first, never overlapping."""
    named: dict[Words, set[str]] = {}
    for phrase, option in option_phrases(item):
        named.setdefault(phrase, set()).add(option.id)
    used = [False] * len(words)
    out: list[_Span] = []
    for phrase in sorted(named, key=len, reverse=True):
        n = len(phrase)
        for i in range(len(words) - n + 1):
            if tuple(words[i : i + n]) == phrase and not any(used[i : i + n]):
                used[i : i + n] = [True] * n
                out.append((i, i + n, frozenset(named[phrase])))
    return sorted(out)


def _under(item: Item, places: tuple[Option, ...], holder_ids: set[str]) -> list[Option]:
    """The places (of one option) that lie under an option with one of ``holder_ids``, or beside it under the
    same parent ("large coke": the Large beside the Coca-Cola, under the Soft Drink). Only an option offered in
    one place says where it is (Aioli, offered under either roll, places no Barbecue Sauce)."""
    out = []
    for place in places:
        parent = parents(item).get(id(place))
        if parent is None:
            continue
        holders = [h for i in holder_ids for h in _places(item).get(i, ()) if len(_places(item)[i]) == 1]
        if any(parent is h or parent in _above(item, h) for h in holders):
            out.append(place)
    return out


def nest(item: Item, words: Words, options: tuple[Option, ...]) -> tuple[Option, ...]:
    """``options`` (read from ``words``) each as the object of its place under the options that hold it, those
    implied too, parents first; raises ``words_not_understood`` for a choice offered in several places that
    nothing said places (see the module docstring)."""
    places = _places(item)
    if not any(o.modifier_groups for o in item.options) or not options:
        return options  # no nested choices on this item: nothing to place
    said_ids = {o.id for o in options}
    spans = _spans(item, words)
    placed: list[Option] = []
    done: set[str] = set()
    for option in options:
        if option.id in done:
            continue
        done.add(option.id)
        count = sum(1 for o in options if o.id == option.id)
        where = places.get(option.id, (option,))
        if len(where) == 1:
            placed += [where[0]] * count
            continue
        others = said_ids - {option.id}
        found = _bind(item, option, where, words, spans, others)
        found += [None] * (count - len(found))  # read from the model's list, not from ``words``
        if None in found and sum(f is not None for f in found) >= count:
            found = [f for f in found if f is not None]  # read as often as placed: a stray saying ("the")
        if None in found:  # nothing around some saying places it: one for each pick ("both cajun"), or asked
            found = _for_each_pick(item, where, words, spans, found, others, count) or [
                f or _unbound(item, option, where, others) for f in found
            ]
        bound = [f for f in found if f is not None]
        if len(bound) > count:  # said more often than read: each place once ("large fries, large coke": two)
            distinct = _Same()
            distinct += [b for n, b in enumerate(bound) if b not in _Same(bound[:n])]
            bound = list(distinct) if len(distinct) >= count else bound[:count]
        if len(bound) < count:
            bound += [bound[-1] if bound else _unbound(item, option, where, others)] * (count - len(bound))
        placed += bound
    return _parents_first(item, placed)


def _bind(
    item: Item, option: Option, where: tuple[Option, ...], words: Words, spans: list[_Span], said_ids: set[str]
) -> list[Option | None]:
    """One place for each time ``option`` is said in ``spans``: under what is named right after it (or right
    before it, when it ends its phrase: "onion rings large", or only choices it holds lie between: "snow crab
    garlic butter mild and shrimp …"), else the item's own place, else (not a size) the one place under an
    option said; else None (see :func:`_for_each_pick`)."""
    out: list[Option | None] = []
    for n, (start, end, ids) in enumerate(spans):
        if option.id not in ids:
            continue
        after = spans[n + 1] if n + 1 < len(spans) and spans[n + 1][0] == end else None
        under = _under(item, where, set(after[2]) & said_ids) if after is not None else []
        before = spans[n - 1] if n and spans[n - 1][1] == start else None
        if not under and before is not None and (end == len(words) or words[end] in SEPARATORS):
            under = _under(item, where, set(before[2]) & said_ids)  # "onion rings large, and …": it ends the phrase
        if not under and (holder := _said_before(item, spans, n, said_ids)) is not None:
            under = _under(item, where, holder)
        if not under and n and _said_alone_after(words, spans[n - 1], start, end):
            under = _under(item, where, set(spans[n - 1][2]) & said_ids)
            listed = n > 1 and _said_alone_after(words, spans[n - 2], *spans[n - 1][:2])
            if listed and _under(item, where, set(spans[n - 2][2]) & said_ids):
                under = []  # [shrimp, crab, cajun]: the picks listed first, then their choices, unplaced
        out.append(under[0] if len(under) == 1 else _unbound_place(item, option, where, said_ids))
    return out


def _said_before(item: Item, spans: list[_Span], n: int, said_ids: set[str]) -> set[str] | None:
    """The ids of the choice said right before ``spans[n]`` with only choices offered in several places in
    between ("snow crab garlic butter mild": the Snow Crab holds the Mild), when that choice holds nested
    choices; None otherwise. A choice said right after one with nothing nested ("fries large coke") is not
    placed by it."""
    while n and spans[n - 1][1] == spans[n][0]:
        n -= 1
        ids = set(spans[n][2]) & said_ids
        holds = [p for i in ids for p in _places(item).get(i, ()) if p.modifier_groups]
        if holds:
            return ids if len(holds) == 1 else None
        if not any(len(_places(item).get(i, ())) > 1 for i in spans[n][2]):
            return None
    return None


# what a nested choice said once for every pick is said with: "both cajun medium", "cajun for each"
_EVERY_PICK = frozenset({"each", "both", "all", "every"})


def _for_each_pick(
    item: Item,
    where: tuple[Option, ...],
    words: Words,
    spans: list[_Span],
    found: list[Option | None],
    said: set[str],
    count: int,
) -> list[Option | None] | None:
    """A nested choice (read ``count`` times, ``found`` where it is said) that nothing around it places, under
    each of the picks said that offer it, when it is read once for each of them ("shrimp, crawfish, cajun,
    cajun") or once with "both" / "each" said right before or after the choices it is said with ("shrimp and
    crawfish, both cajun medium"); None otherwise (blind8's pick-two seafood combo: every pick has its own
    seasoning and heat)."""
    up = parents(item)
    picks = [p for p in where if (h := up.get(id(p))) is not None and h.id in said and len(_places(item)[h.id]) == 1]
    if len(picks) < 2:
        return None
    placed = _Same(f for f in found if f is not None)
    open_ = [p for p in picks if p not in placed]
    unplaced = found.count(None)
    if count == len(picks) and unplaced == len(open_):
        return [*placed, *open_]
    if count == 1 and found == [None] and _said_for_every_pick(words, spans, where):
        return list(picks)
    return None


def _said_for_every_pick(words: Words, spans: list[_Span], where: tuple[Option, ...]) -> bool:
    """ "both" / "each" said right before or right after the run of nested choices that names ``where``."""
    ids = {p.id for p in where}
    n = next((i for i, s in enumerate(spans) if s[2] & ids), None)
    if n is None:
        return False  # read from the model's list, not from the words
    first = last = n
    while first and spans[first - 1][1] == spans[first][0]:
        first -= 1
    while last + 1 < len(spans) and spans[last + 1][0] == spans[last][1]:
        last += 1
    start, end = spans[first][0], spans[last][1]
    near = {*words[max(0, start - 1) : start], *words[end : end + 2]}
    return bool(near & _EVERY_PICK)


def _said_alone_after(words: Words, before: _Span, start: int, end: int) -> bool:
    """Is the phrase at ``start:end`` said on its own (between separators), right after the choice ``before``?

    ["cajun fries", "large", "lemonade", "large"] (a model's list, blind5 fried-chicken): each size stands
    alone right after the choice it sizes, as "cajun fries, large" would be said; it is that choice's size
    where that choice offers one (:func:`_under`), else still placed as any other. Not where that choice
    itself stands alone right after another that offers it too: [shrimp, crab, cajun, mild, mild] (blind8's
    pick-two) lists the picks, then their choices, and says nothing of which pick the Cajun is.
    """
    alone = end == len(words) or words[end] in SEPARATORS
    return alone and start >= 1 and before[1] == start - 1 and words[start - 1] in SEPARATORS


def _unbound_place(item: Item, option: Option, where: tuple[Option, ...], said_ids: set[str]) -> Option | None:
    """The place of ``option`` when nothing right after it places it: the item's own, else (not a size) the
    only place under an option said, else the only one under a chosen choice; None when several could hold it."""
    top = [p for p in where if parents(item).get(id(p)) is None]
    if len(top) == 1:
        return top[0]
    if not _is_size(option):
        under = _under(item, where, said_ids)
        if len(under) == 1:
            return under[0]
    holders = {h.id: h.name for p in where if (h := parents(item).get(id(p))) is not None}
    chosen = {i: n for i, n in holders.items() if any(_chosen(h, said_ids) for h in _places(item)[i])}
    if len(chosen) == 1:  # "dog combo, diet coke, large": the one chosen choice that offers a Large holds it
        return next(p for p in where if (h := parents(item).get(id(p))) is not None and h.id in chosen)
    return None


def _unbound(item: Item, option: Option, where: tuple[Option, ...], said_ids: set[str]) -> Option:
    """:func:`_unbound_place`, else the question: which of the choices that offer it?"""
    place = _unbound_place(item, option, where, said_ids)
    if place is not None:
        return place
    holders = {h.id: h.name for p in where if (h := parents(item).get(id(p))) is not None}
    chosen = {i: n for i, n in holders.items() if any(_chosen(h, said_ids) for h in _places(item)[i])}
    holders = chosen or holders  # "make it a large" with a coke: the fries (they come with it) or the soft drink
    raise WordsNotUnderstood(
        f"{option.name} for which: the " + " or the ".join(holders.values()) + "?",
        item=item.name,
        item_id=item.id,
        words=option.name.lower(),
        options=[{"id": i, "name": n} for i, n in holders.items()],
    )


def _chosen(option: Option, said_ids: set[str]) -> bool:
    """Said, coming with the item, or holding a choice said (the Soft Drink of "a coke")."""
    return option.id in said_ids or option.default or any(o.id in said_ids for o in option.options)


def _parents_first(item: Item, placed: list[Option]) -> tuple[Option, ...]:
    """``placed`` with the options above each added (once), in the order in which their ids name their places
    (:func:`app.core.reading.modifiers.resolve_choices` looks an id up in the innermost option just chosen that
    offers it, then outwards): under each holder its choices as said, each followed by the ones it holds — a
    choice that holds nothing and is also offered deeper (the item's own Large beside the drink's) first."""
    chosen, implied = _Same(), _Same()
    for option in placed:
        for parent in _above(item, option):
            if parent not in chosen:
                chosen.append(parent)
                implied.append(parent)
        if option in implied:  # said after what it holds ("a large coke" + ["soft drink"]): chosen once
            del implied[next(i for i, o in enumerate(implied) if o is option)]
        else:
            chosen.append(option)
    up = parents(item)
    out: list[Option] = []

    def under(holder: Option | None) -> None:
        held = [o for o in chosen if up.get(id(o)) is holder]
        holding = _Same(o for o in held if any(up.get(id(c)) is o for c in chosen))
        first = _Same(o for o in held if o not in holding and len(_places(item)[o.id]) > 1)
        out.extend(first)  # one also offered deeper: before any option that would offer it is chosen
        for option in held:
            if option in first:
                continue
            out.append(option)
            if option in holding and option not in _Same(out[:-1]):
                under(option)

    under(None)
    return tuple(out)
