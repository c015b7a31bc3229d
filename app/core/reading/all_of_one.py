"""A group that takes exactly N choices, said with one choice only, is that choice N times.

"two scoops of chocolate" / "a double scoop of chocolate" where the Double Scoop's Flavors take exactly
two: both scoops are chocolate (the corpus labels, tests/corpus/said). Only where the item's name said
with the choice says the count N of a unit it names ("a double scoop", "two scoops"; never a choice read
alone, as a structured modifier is, nor a count ending the name: "pick two with broccoli cheddar" is one
pick of two, the other asked, blind9), the group's least and most are that same N >= 2, nothing
pre-chosen answers it, exactly one of its options was said (once), and that option may be chosen N times
(its max_quantity). Two flavors said for three scoops, or one side of a plate's two, are left as said
(asked for the rest).
"""

from __future__ import annotations

from app.core.menu import Item, Option
from app.core.reading.count_names import option_count
from app.core.reading.spoken import spoken_count
from app.core.reading.vocabulary import (
    VARIATION_GROUP,
    Words,
    choice_groups,
    find_phrase,
    option_phrases,
    pieces_said,
    top_groups,
    words_of,
)


def all_of_one(item: Item, name: Words | None, options: list[Option], words: Words = ()) -> list[Option]:
    """The copies of a lone said choice that fill its exactly-N group (see the module docstring). Never a choice
    added "with" (``words``: as said): "two item rice with duck" names one of the two meats, the other still
    to be asked; "two scoops of chocolate" says what both are (blind13 cantonese-bbq)."""
    more: list[Option] = []
    if name is None:
        return []
    counts = {spoken_count(w) for w in name[:-1]}  # a count of the unit named after it: "pick two" counts none
    for group in top_groups(item):
        if group.min < 2 or group.min not in counts or group.min != group.max or any(o.default for o in group.options):
            continue
        said = [o for o in options if o.group_id == group.id]
        if len(said) == 1 and said[0].max_quantity >= group.min and not _added_with(item, said[0], words):
            more += [said[0]] * (group.min - 1)
    return more


def _added_with(item: Item, option: Option, words: Words) -> bool:
    """Is ``option`` said right after "with" ("… with duck")?"""
    spans = [p for p, o in option_phrases(item) if o is option]
    return any(words[i - 1] == "with" for p in spans for i in range(1, len(words)) if words[i : i + len(p)] == p)


def said_all(item: Item, words: Words, options: list[Option]) -> tuple[Option, ...]:
    """The chosen options said right after "all" ("three mochi, all mango"): each is to fill the count the
    line's count choice says (:func:`fill_all`)."""
    if "all" not in words:
        return ()
    out: list[Option] = []
    for i, word in enumerate(words[:-1]):
        if word == "all":
            j = i + 3 if words[i + 1 : i + 3] in (("of", "them"), ("of", "those")) else i + 1  # "all of them mozz"
            after = next((o for p, o in option_phrases(item) if words[j : j + len(p)] == p), None)
            if after is not None and after in options and after not in out:
                out.append(after)
    return tuple(out)


def fill_all(item: Item, options: tuple[Option, ...], alls: tuple[Option, ...]) -> tuple[Option, ...]:
    """ "all mango" where the line's count choice is "3 pc" (or a Large of "3 scoops"): the lone option said
    of its group, that many times, where the group's most and the option's max_quantity allow it; with no
    count choice, a group taking exactly N ("a banana split all chocolate": Flavors, 3) is filled the same
    way, never left to its defaults; else as said (the corpus labels, tests/corpus/said: blind4's poke bar;
    issue #23, break11 kind D)."""
    counts = [c for o in options if (c := pieces_said(o)) is not None and c >= 2]
    if len(alls) != 1:
        return options
    lone = alls[0]
    group = next((g for g in choice_groups(item) if g.id == lone.group_id), None)
    if len(set(counts)) == 1:
        count = counts[0]
    elif not counts and group is not None and group.min == group.max >= 2:
        count = group.max  # "a banana split all chocolate": its three flavors, each chocolate (break11 kind D)
    else:
        return options
    said = [o for o in options if o.group_id == lone.group_id]
    if group is None or set(said) != {lone} or len(said) >= count or count > min(group.max, lone.max_quantity):
        return options
    return (*options, *[lone] * (count - len(said)))


_ONE = frozenset({"a", "an", "1"})
_OF = frozenset({"of", "de"})


def box_count(item: Item) -> int | None:
    """How many pieces a box is, where its own name says so (Dozen Croquetas: 12, Half Dozen Donuts: 6)."""
    own = words_of(item.name)
    count = next((c for k in (2, 1) if (c := option_count(own[:k])) is not None), None)
    return count if count is not None and count >= 2 else None


def _of_the_pieces(words: Words, at: int, phrase: Words, pieces: str) -> bool:
    """Is the kind ``phrase`` (said at ``at``) said of the pieces noun itself — right before it ("a dozen ham
    croquetas"), or after it joined by "of" ("una docena de pastelitos de guayaba")? Then it is every piece's
    kind, not one pick (blind11 cuban-ventanita)."""
    end = at + len(phrase)
    if words[end : end + 1] == (pieces,):
        return True  # "ham croquetas"; never "six donuts choc glazed", one pick said after them (generated reads)
    joined = phrase[0] in _OF or words[at - 1 : at] in (("of",), ("de",))
    start = at - 1 if phrase[0] in _OF else at - 2
    return joined and start >= 0 and words[start] == pieces


def box_of_one(item: Item, name: Words | None, words: Words, options: list[Option]) -> list[Option]:
    """ "half a dozen honey dips": a box whose name says its count (Half Dozen Donuts: 6), named by its count alone
    (the kind said for the pieces: never "six donuts, choc glazed"), said with one kind only and never "a"/"one"
    of it, is that kind in every place — where its picks group takes up to that
    count, nothing pre-chosen, and the kind may be chosen that many times (the corpus labels: blind10
    coffee-and-donuts). "a dozen with a boston cream" stays one pick (the rest asked or assorted)."""
    own = words_of(item.name)
    if name is None or not own:
        return []
    count = box_count(item)
    if count is None:
        return []
    for group in top_groups(item):
        said = [o for o in options if o.group_id == group.id]
        if group.max != count or len(said) != 1 or any(o.default for o in group.options):
            continue
        lone = said[0]
        if lone.max_quantity < count:
            continue
        heard = [(at, p) for p, o in option_phrases(item) if o is lone and (at := find_phrase(list(words), p)) >= 0]
        spots = [at for at, _ in heard]
        if not spots or any(at and words[at - 1] in _ONE for at in spots):
            continue
        if own[-1] in name and not any(_of_the_pieces(words, at, p, own[-1]) for at, p in heard):
            continue  # "six donuts, choc glazed": the pieces named, the kind one pick of them (generated reads)
        return [lone] * (count - 1)
    return []


def sized_box_of_one(
    item: Item, words: Words, options: list[Option], size: str | None, listed: bool = False
) -> list[Option]:
    """ "half dozen chocolate cupcakes": a box whose size (a variation) says its count (Half Dozen: 6), said with
    one kind only — never after "a"/"one", a number or "with" — is that kind in every place, where its picks
    group (one it must answer) takes that many, nothing pre-chosen, and the kind may be chosen that many times
    (blind14 cake-shop's labels, as :func:`box_of_one` for a box named by its count). "a half dozen with red
    velvet" stays one pick. ``size``: the name of the size chosen (None: none, or several). In a phrase the kind
    is said of the pieces, right before their noun ("chocolate cupcakes"; never "three cupcakes with 12 pack,
    vanilla": one pick, generated reads); in a model's list (``listed``) the pieces are said counted by no
    article ({"item": "cupcakes"}, never {"item": "a cupcake"})."""
    count = option_count(words_of(size)) if size is not None else None
    if count is None or count < 2:
        return []
    for group in top_groups(item):
        said = [o for o in options if o.group_id == group.id]
        if group.id == VARIATION_GROUP or len(said) != 1 or group.max < count or said[0].max_quantity < count:
            continue
        if group.min < 1 or any(o.default for o in group.options):
            continue  # the pieces' kind is asked of every box; an add-on ("3 piece tenders, ranch") is one pick
        heard = [(at, p) for p, o in option_phrases(item) if o is said[0] and (at := find_phrase(list(words), p)) >= 0]
        if not heard or any(at and (words[at - 1] in _LED or words[at - 1].isdigit()) for at, _ in heard):
            continue
        if listed and words[:1] and words[0] in _ONE:
            continue  # {"item": "a cupcake"}: one box, its kind one pick
        pieces = words_of(item.name)[-1:]
        if not listed and not any(_of_the_pieces(words, at, p, pieces[0]) for at, p in heard if pieces):
            continue  # "three cupcakes with 12 pack, vanilla": one pick
        return [said[0]] * (count - 1)
    return []


_LED = _ONE | {"with"}  # a kind said as one pick: "a half dozen with one red velvet"
