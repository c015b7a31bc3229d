"""Exact ids never enter the phrase reader: an item id with option and variation ids is read as given.

An API client (or a model that copied ids from a tool answer) sends ``{"item": "cheeseburger",
"modifiers": ["medium", "cheddar"]}`` with ids, not words. :func:`exact_reading` recognises that
shape and answers the :class:`~app.core.reading.item.Reading` the phrase reader would give — the
same options in the same order (parents before their nested choices, repeats together), the variation apart — without
normalising, scoring or cutting anything. Anything not an exact id (a name, a phrase, "no onions")
answers None and goes to the reader.
"""

from __future__ import annotations

from app.core.menu import Item, Menu, Option, Variation
from app.core.reading.item import Reading, one_variation
from app.core.reading.memo import per_object
from app.core.reading.nesting import nest, parents
from app.core.reading.notes import removal
from app.core.reading.vocabulary import VARIATION_GROUP, choice_groups
from app.errors import WordsNotUnderstood


@per_object
def _ids(item: Item) -> tuple[dict[str, Option], dict[str, int]]:
    """id → option at any depth (an item's own option wins over a variation of the same id, as in the
    reader), and id → the depth order of its group (parents before nested)."""
    groups = choice_groups(item)
    by_id = {o.id: o for g in groups for o in g.options}
    depth = {g.id: i for i, g in enumerate(groups)}
    return by_id, depth


@per_object
def _removals(item: Item) -> frozenset[str]:
    """ "no <name>" of every option that comes with ``item``: how a reading hands a removal on
    (:attr:`~app.core.reading.item.Reading.removals`), read back as given, never re-read as words."""
    return frozenset(removal(o) for g in choice_groups(item) for o in g.options if o.default)


def exact_choices(
    item: Item, modifiers: tuple[str, ...]
) -> tuple[tuple[Option, ...], Variation | None, tuple[str, ...]] | None:
    """The options (parents first), variation and removals ``modifiers`` name when every one is an exact id
    or an exact removal ("no Celery & Carrots") and at most one size is named, else None."""
    by_id, depth = _ids(item)
    if all(isinstance(m, str) and m in by_id for m in modifiers):
        removals: tuple[str, ...] = ()  # the usual case: ids only
    else:
        known = _removals(item)
        removals = tuple(m for m in modifiers if isinstance(m, str) and m in known)
        modifiers = tuple(m for m in modifiers if m not in removals)
        if not all(isinstance(m, str) and m in by_id for m in modifiers):
            return None
    said = [by_id[m] for m in modifiers]
    sizes = [o for o in said if o.group_id == VARIATION_GROUP]
    if len({o.id for o in sizes}) > 1:
        return None  # two sizes: the reader asks which (one_variation)
    variation = one_variation(item, [sizes[0].id]) if sizes else None
    options = [o for o in said if o.group_id != VARIATION_GROUP]
    holders = _holders(item)
    if holders and _in_order(item, [o.id for o in options]):
        return tuple(options), variation, removals  # each id after what holds it: that order places them
    if len(options) > 1:
        first = {m: i for i, m in reversed(list(enumerate(modifiers)))}  # a repeat stays with its first mention
        options.sort(key=lambda o: (depth.get(o.group_id, 0), first[o.id]))
    if not holders:
        return tuple(options), variation, removals
    try:  # a nested choice before (or without) what holds it: placed as the reader places it ("light-ice": Iced)
        return nest(item, (), tuple(options)), variation, removals
    except WordsNotUnderstood:  # offered in several places, none named: as before, parents first
        return tuple(options), variation, removals


@per_object
def _holders(item: Item) -> dict[str, frozenset[str | None]]:
    """option id → the ids of the options offering it (None: the item itself); empty when nothing is nested."""
    out: dict[str, set[str | None]] = {}
    for option_id, holder in ((o.id, parents(item).get(id(o))) for o in _all_options(item)):
        out.setdefault(option_id, set()).add(holder.id if holder is not None else None)
    return {k: frozenset(v) for k, v in out.items()} if any(v != {None} for v in out.values()) else {}


def _all_options(item: Item) -> list[Option]:
    return [o for g in choice_groups(item) if g.id != VARIATION_GROUP for o in g.options]


def _in_order(item: Item, ids: list[str]) -> bool:
    """Is each id offered by the item or by an option named before it ("soft-drink", "coca-cola", "large")? Then
    the order places each nested choice (the drink's Large after the drink, the side's after the side), and is
    kept."""
    holders, seen = _holders(item), set[str | None]()
    for option_id in ids:
        offered_by = holders.get(option_id, frozenset({None}))
        if None not in offered_by and not offered_by & seen:
            return False
        seen.add(option_id)
    return True


def exact_reading(menu: Menu, text: str, modifiers: tuple[str, ...]) -> Reading | None:
    """``text`` an item id and every modifier an option or variation id of it: its reading, else None."""
    item = menu.item(text) if isinstance(text, str) else None
    if item is None:
        return None
    chosen = exact_choices(item, modifiers)
    if chosen is None:
        return None
    options, variation, removals = chosen
    return Reading(item, None, options, (), text, variation, removals)
