"""A line's choices: the variation and the options picked (repeated = quantity, nested = a pick's own).

In the cart a pick is an *entry* of :attr:`app.core.cart.state.Line.option_tags`: the option's tag (an
int) when it has no nested choices, else ``(tag, *child entries)`` with the children tagged in
the option's own scope. Choosing an option twice is two entries. :func:`encode` and
:func:`decode` translate between entries and :class:`Pick` trees; :func:`check_choices`
enforces the item's variations and groups (availability, ``max_quantity``, ``min``/``max``,
nested groups) and raises the documented 422s; :func:`checked_choice` remembers, per item, the
choices it allowed (:mod:`app.core.menu.memo`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple, NoReturn, TypeAlias

from app.core.cart.shapes import ModifierView, Priced
from app.core.menu import Item, ModifierGroup, Option, Variation
from app.core.menu.memo import memo
from app.errors import (
    CartTooLarge,
    ModifierInvalid,
    ModifierRequired,
    ModifierUnavailable,
    VariationUnavailable,
)

MAX_MODIFIERS_PER_LINE = 12  # picks on one line, nested ones and repeats included

Entry: TypeAlias = "int | tuple[int, *tuple[Entry, ...]]"  # an option tag, or (tag, *child entries)
EntryKey: TypeAlias = "tuple[int, tuple[EntryKey, ...]]"  # an entry with its children sorted (see entry_key)


class Pick(NamedTuple):
    """One choice of ``option`` (a repeat is another Pick) with its nested choices."""

    option: Option
    picks: tuple[Pick, ...] = ()


def check_modifier_count(count: int) -> None:
    """Checked before any name is resolved, so a long list costs nothing."""
    if count > MAX_MODIFIERS_PER_LINE:
        raise CartTooLarge(f"at most {MAX_MODIFIERS_PER_LINE} modifiers per line", limit=MAX_MODIFIERS_PER_LINE)


FLAT_ENTRIES: set[tuple[Entry, ...]] = set()  # entries found flat lately (a tuple of ints hashes in C)
MAX_FLAT_ENTRIES = 4096  # remembered before starting over


def is_flat(entries: tuple[Entry, ...]) -> bool:
    """Distinct plain tags only, format 1's shape: no repeat, no nested choice.

    Flat entries are remembered in :data:`FLAT_ENTRIES`; a caller on a hot path asks
    ``entries in FLAT_ENTRIES or is_flat(entries)`` (a set lookup, not a call, for the common case).
    """
    if entries in FLAT_ENTRIES:
        return True
    flat = all(type(e) is int for e in entries) and len(set(entries)) == len(entries)
    if flat:
        if len(FLAT_ENTRIES) >= MAX_FLAT_ENTRIES:
            FLAT_ENTRIES.clear()
        FLAT_ENTRIES.add(entries)
    return flat


def identities(picks: Iterable[Pick]) -> tuple[int | tuple[object, ...], ...]:
    """The picks as the ids of their options (nested: ``(id, *children)``): a key that hashes in C.

    Only meaningful while the options are alive: a memo keyed by it keeps the picks in its value.
    """
    return tuple([id(p.option) if not p.picks else (id(p.option), *identities(p.picks)) for p in picks])


def count_picks(picks: Iterable[Pick]) -> int:
    return sum(1 + count_picks(p.picks) for p in picks)


def encode(picks: Iterable[Pick]) -> tuple[Entry, ...]:
    return tuple(p.option.tag if not p.picks else (p.option.tag, *encode(p.picks)) for p in picks)


def decode(entries: Iterable[Entry], scope: Mapping[int, Option]) -> tuple[Pick, ...] | None:
    """The picks ``entries`` name in ``scope`` (tag → option); None if any is gone from the menu."""
    picks = []
    for entry in entries:
        children: Sequence[Entry]
        if isinstance(entry, int):
            tag, children = entry, ()
        else:
            tag, *children = entry
        option = scope.get(tag)
        if option is None:
            return None
        nested = decode(children, option.options_by_tag) if children else ()
        if nested is None:
            return None
        picks.append(Pick(option, nested))
    return tuple(picks)


def entry_key(entry: Entry) -> EntryKey:
    """A sort key that makes two lists of the same choices (in any order) compare equal."""
    if isinstance(entry, int):
        return (entry, ())
    tag, *children = entry
    return (tag, tuple(sorted(entry_key(e) for e in children)))


def unit_price(base: int, picks: Iterable[Pick]) -> int:
    """``base`` (item or variation price) plus every pick, nested ones included."""
    return base + sum(unit_price(p.option.price_cents, p.picks) for p in picks)


def modifiers_view(picks: Iterable[Pick]) -> list[ModifierView]:
    """Cart JSON ``modifiers``: equal picks folded into one entry with a ``quantity``, said order kept."""
    out: list[ModifierView] = []
    index: dict[tuple[int, tuple[EntryKey, ...]], ModifierView] = {}
    for pick in picks:
        key = (pick.option.tag, tuple(sorted(entry_key(e) for e in encode(pick.picks))))
        if key in index:
            index[key]["quantity"] += 1
            continue
        view: ModifierView = {
            "id": pick.option.id,
            "name": pick.option.name,
            "price_cents": pick.option.price_cents,
            "quantity": 1,
            "modifiers": modifiers_view(pick.picks),
        }
        index[key] = view
        out.append(view)
    return out


def variation_view(variation: Variation | None) -> Priced | None:
    if variation is None:
        return None
    return {"id": variation.id, "name": variation.name, "price_cents": variation.price_cents}


def chosen_too_often(option: Option) -> str:
    """What a choice said more times than its ``max_quantity`` is answered: "'Bacon' was chosen twice"."""
    if option.max_quantity == 1:
        return f"{option.name!r} was chosen twice"
    return f"{option.name} can be chosen at most {option.max_quantity} times"


def offer(options: Iterable[Option | Variation]) -> list[Priced]:
    """The available ones of ``options`` as a question offers them: ``[{"id", "name", "price_cents"}]``."""
    return [{"id": o.id, "name": o.name, "price_cents": o.price_cents} for o in options if o.available]


def check_variation(item: Item, variation: Variation | None) -> None:
    """Exactly one available variation of ``item`` when it has any; none otherwise."""
    if not item.variations:
        if variation is not None:
            raise ModifierInvalid(f"{item.name} comes in one size only", item_id=item.id, modifier=variation.id)
        return
    if variation is None:
        offered = offer(item.variations)
        raise ModifierRequired(
            f"{item.name}: please choose one of " + ", ".join(v["name"] for v in offered),
            item_id=item.id,
            group="variation",
            group_name=item.name,
            min=1,
            max=1,
            options=offered,
            variations=offered,
        )
    if item.variation(variation.id) is not variation:
        raise ModifierInvalid(f"{variation.name!r} is not a choice for {item.name}", item_id=item.id)
    if not variation.available:
        raise VariationUnavailable(
            f"{item.name} ({variation.name}) is sold out right now",
            item_id=item.id,
            variation=variation.id,
            variations=offer(item.variations),
        )


def require(
    item: Item, owner: str, group: ModifierGroup, *, least: int | None = None, more: int | None = None
) -> NoReturn:
    """Ask for a required choice: raise ``ModifierRequired`` for ``group`` of ``item``, offering its available
    options. ``owner`` names what the group belongs to (the item, or a nested option); the line must reach
    ``least`` choices of the group (default the group's ``min``), ``more`` of them still to be said when some
    were."""
    wanted = group.min if least is None else least
    phrase = group.min_phrase() if more is None else f"{more} more"
    raise ModifierRequired(
        f"{owner}: please choose {phrase} {group.name}",
        item_id=item.id,
        item_name=owner,
        group=group.id,
        group_name=group.name,
        min=wanted,
        max=group.max,
        options=offer(group.options),
    )


def _check_scope(item: Item, owner: str, groups: tuple[ModifierGroup, ...], picks: tuple[Pick, ...]) -> None:
    if not picks:  # nothing chosen here: only the required groups can object
        for group in groups:
            if group.min:
                require(item, owner, group)
        return
    members = {o.id: o for g in groups for o in g.options}
    for pick in picks:
        option = pick.option
        if members.get(option.id) is not option:
            raise ModifierInvalid(f"{option.name!r} is not a choice for {owner}", item_id=item.id, modifier=option.id)
        if not option.available:
            group = next(g for g in groups if g.id == option.group_id)
            raise ModifierUnavailable(
                f"{option.name} is sold out right now",
                item_id=item.id,
                modifier=option.id,
                group=group.id,
                options=offer(group.options),
            )
    counts: dict[str, int] = {}
    for pick in picks:
        counts[pick.option.id] = counts.get(pick.option.id, 0) + 1
    for option_id, count in counts.items():
        option = members[option_id]
        if count > option.max_quantity:
            raise ModifierInvalid(chosen_too_often(option), modifier=option.id, max_quantity=option.max_quantity)
    for group in groups:
        chosen = sum(counts.get(o.id, 0) for o in group.options)
        if chosen > group.max:
            said = [o.name for o in group.options if counts.get(o.id, 0)]
            if group.max == 1 and len(said) == 2:  # "large fries" + ["small"]: ask which, naming both
                message = f"You said {said[0]} and {said[1]} for the {owner}; which {group.name} would you like?"
                raise ModifierInvalid(message, group=group.id, group_name=group.name, max=group.max, conflict=said)
            message = f"{owner}: choose at most {group.max} from {group.name}"
            raise ModifierInvalid(message, group=group.id, group_name=group.name, max=group.max)
        if chosen < group.min:
            require(item, owner, group)
    for pick in picks:
        _check_scope(item, pick.option.name, pick.option.modifier_groups, pick.picks)


def check_choices(item: Item, variation: Variation | None, picks: Iterable[Pick | Option]) -> tuple[Entry, ...]:
    """Enforce ``item``'s variations and groups on a line's choices; its entries for the cart.

    ``picks`` may hold bare options (a pick without nested choices). Raises ``cart_too_large``,
    ``modifier_required`` (a variation or a group's ``min``), ``modifier_invalid`` (not a choice,
    over ``max_quantity`` or a group's ``max``), ``modifier_unavailable``, ``variation_unavailable``.
    """
    return checked_choice(item, variation, picks)[0]


MAX_CHOICES_PER_ITEM = 256  # allowed choices remembered per item before starting over


def checked_choice(
    item: Item, variation: Variation | None, picks: Iterable[Pick | Option]
) -> tuple[tuple[Entry, ...], int]:
    """:func:`check_choices`'s entries and the line's unit price (the variation's or item's price
    plus every pick). What is allowed depends only on these menu objects, which never change (a
    reload makes new ones): each choice is checked once per item and remembered on it."""
    tree = tuple([p if isinstance(p, Pick) else Pick(p) for p in picks])
    key = (id(variation), identities(tree))
    allowed = memo(item, "allowed choices", MAX_CHOICES_PER_ITEM)
    known: tuple[tuple[tuple[Entry, ...], int], object] | None = allowed.get(key)
    if known is not None:
        return known[0]
    if tree:
        check_modifier_count(count_picks(tree))
    check_variation(item, variation)
    _check_scope(item, item.name, item.modifier_groups, tree)
    base = variation.price_cents if variation is not None else item.price_cents
    answer = (encode(tree) if tree else (), unit_price(base, tree))
    allowed[key] = (answer, variation, tree)  # keeps the objects whose ids make the key
    return answer
