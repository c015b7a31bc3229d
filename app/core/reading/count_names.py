"""What a choice's name says it counts ("12 pc", "Half Dozen", "Plate of 3"): the counts :mod:`.counts` reads a
said number against, and whether an item is sold in counted pieces (its choices then are kinds of piece)."""

from __future__ import annotations

from app.core.menu import Item, ModifierGroup, Option
from app.core.reading.languages import PIECE_WORDS
from app.core.reading.memo import per_object
from app.core.reading.vocabulary import Words, top_groups, words_of

COUNT_UNITS = frozenset({"count", "ct", "pack", *PIECE_WORDS})


def option_count(name: Words, units: frozenset[str] = COUNT_UNITS) -> int | None:
    """How many an option's name says it is: "12 pc" 12, "Half Dozen" 6, "Dozen" 12, "Single" 1, "Plate of
    3" 3, "6 Biscuits" 6 where ``units`` holds the item's own head noun; else None."""
    counted = {("single",): 1, ("dozen",): 12, ("half", "dozen"): 6, ("baker", "dozen"): 13}.get(name)
    if counted is not None:
        return counted
    if len(name) in (1, 2) and name[0].isdigit() and (len(name) == 1 or name[1] in units):
        return int(name[0])  # "12 piece", "6" — never "2 liter", which is a measure
    if len(name) == 3 and name[1] == "of" and name[2].isdigit():
        return int(name[2])  # "Plate of 3", "Box of 6": a serving of that many (taqueria's tacos, blind6)
    return None


@per_object
def units_of(item: Item) -> frozenset[str]:
    """What ``item`` is counted in: pieces, packs, or the item itself ("1 Biscuit", "6 Biscuits" of Biscuits)."""
    return COUNT_UNITS | {n[-1] for n in (words_of(x) for x in (item.name, *item.aliases)) if n}


def _count_called(option: Option, units: frozenset[str]) -> int | None:
    """How many ``option`` is by its name, else by its one-word aliases where they all agree ("Each", called
    "one" and "single": 1; "Half Dozen", called "six": 6) — the menu's own words for the count it is; never an
    alias of more words ("two shots" of a Double, "100 dollars" of a gift card: a measure, not pieces)."""
    named = option_count(words_of(option.name), units)
    if named is not None:
        return named
    said = {c for a in option.aliases if len(w := words_of(a)) == 1 and (c := option_count(w, units)) is not None}
    return said.pop() if len(said) == 1 else None


def counts_of(item: Item, group: ModifierGroup, called: bool = False) -> dict[Option, int] | None:
    """How many each choice of ``group`` is, where every one is a count ("3 pc", "6 pc"), else None; ``called``:
    by its one-word aliases too, where its name is no count (:func:`_count_called`)."""
    units = units_of(item)
    counts = {o: _count_called(o, units) if called else option_count(words_of(o.name), units) for o in group.options}
    if None in counts.values() or len(counts) < 2:
        return None
    return {o: c for o, c in counts.items() if c is not None}


@per_object
def sold_in_counts(item: Item) -> bool:
    """Is ``item`` sold in a count of pieces — a choice (its size, or a top group) whose every option is a count,
    several above one ("10 Pack", "20 Pack")? Then a split of its kinds ("half chocolate half birthday cake")
    shares out the pieces, never half of each one (:func:`~.comes_with.halves_of`)."""
    return any(any(c > 1 for c in (counts_of(item, g) or {}).values()) for g in top_groups(item))
