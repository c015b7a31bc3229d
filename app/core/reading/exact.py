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
from app.core.reading.vocabulary import VARIATION_GROUP, choice_groups


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
    return frozenset(f"no {o.name}" for g in choice_groups(item) for o in g.options if o.default)


def exact_choices(
    item: Item, modifiers: tuple[str, ...]
) -> tuple[tuple[Option, ...], Variation | None, tuple[str, ...]] | None:
    """The options (parents first), variation and removals ``modifiers`` name when every one is an exact id
    or an exact removal ("no Celery & Carrots") and at most one size is named, else None."""
    by_id, depth = _ids(item)
    removals = tuple(m for m in modifiers if isinstance(m, str) and m in _removals(item))
    ids = tuple(m for m in modifiers if m not in removals)
    if not all(isinstance(m, str) and m in by_id for m in ids):
        return None
    modifiers = ids
    said = [by_id[m] for m in modifiers]
    sizes = {o.id for o in said if o.group_id == VARIATION_GROUP}
    if len(sizes) > 1:
        return None  # two sizes: the reader asks which (one_variation)
    variation = one_variation(item, list(sizes))
    first = {m: i for i, m in reversed(list(enumerate(modifiers)))}  # a repeat stays with its first mention
    options = sorted(
        (o for o in said if o.group_id != VARIATION_GROUP), key=lambda o: (depth.get(o.group_id, 0), first[o.id])
    )
    return tuple(options), variation, removals


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
