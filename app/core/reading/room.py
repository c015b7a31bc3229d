"""A group's room: what was said in a group beside what comes in it by default.

"a medium rainbow with li hing mui", where the Rainbow's Flavors take three and its three flavours come by
default: a fourth flavour does not fit. The cart would keep the flavour said and drop a default to make room
— a line that differs from what was said. The rule (issue #23, blind8 shave-ice; the corpus convention "a
fourth flavour on a pick-3 group, defaults included, asks that group"): where the choices said in a group of
several, with the defaults of it not taken off, come to more than the group takes — some defaults to keep
and some to drop — that group is asked. Choices said that fill the group themselves replace its defaults ("half
dozen falafel with hot sauce and hummus" on a pick-2 dip: no Tahini; blind5), and a one-choice group is no such
case: a choice said there replaces its default.
"""

from __future__ import annotations

from app.core.cart.choices import offer
from app.core.menu import Item, ModifierGroup, Option
from app.core.reading.memo import per_object
from app.core.reading.notes import removal
from app.core.reading.vocabulary import top_groups
from app.errors import ModifierInvalid


def no_room_for_defaults(item: Item, options: tuple[Option, ...], removals: tuple[str, ...]) -> None:
    """Raise ``modifier_invalid`` naming the group of ``item`` whose choices said (``options``) and defaults
    kept (none of ``removals``) exceed its ``max``; return when every group has room."""
    for group, defaults in _groups_with_defaults(item):
        said = [o for o in options if o.group_id == group.id]
        if not any(not o.default for o in said) or not all(o.available for o in said):
            continue  # only defaults restated, or nothing said of the group: as it comes; sold out: said so first
        kept = [o for o in defaults if o not in said and removal(o) not in removals]
        if not kept or len(said) + len(kept) <= group.max or len(said) >= group.max:
            continue  # room for all, or the choices said fill the group themselves (none of its defaults kept)
        names = ", ".join(o.name for o in (*kept, *said))
        raise ModifierInvalid(
            f"The {item.name} takes {group.max} {group.name}, and {names} would be {len(said) + len(kept)}; "
            f"which {group.max} would you like?",
            item=item.name,
            item_id=item.id,
            group=group.id,
            group_name=group.name,
            options=offer(group.options),
        )


@per_object
def _groups_with_defaults(item: Item) -> tuple[tuple[ModifierGroup, tuple[Option, ...]], ...]:
    """``item``'s top-level groups of several choices with defaults in them, each with its defaults."""
    out = []
    for group in top_groups(item):
        defaults = tuple(o for o in group.options if o.default)
        if group.max > 1 and defaults:
            out.append((group, defaults))
    return tuple(out)
