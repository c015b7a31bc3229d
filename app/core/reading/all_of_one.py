"""A group that takes exactly N choices, said with one choice only, is that choice N times.

"two scoops of chocolate" / "a double scoop of chocolate" where the Double Scoop's Flavors take exactly
two: both scoops are chocolate (the corpus labels, tests/corpus/said). Only where the item's name said
with the choice says the count N ("a double scoop", "two scoops"; never a choice read alone, as a
structured modifier is), the group's least and most are that same N >= 2, nothing pre-chosen answers it,
exactly one of its options was said (once), and that option may be chosen N times (its max_quantity).
Two flavors said for three scoops, or one side of a plate's two, are left as said (asked for the rest).
"""

from __future__ import annotations

from app.core.menu import Item, Option
from app.core.reading.spoken import spoken_count
from app.core.reading.vocabulary import Words, top_groups


def all_of_one(item: Item, name: Words | None, options: list[Option]) -> list[Option]:
    """The copies of a lone said choice that fill its exactly-N group (see the module docstring)."""
    more: list[Option] = []
    if name is None:
        return []
    counts = {spoken_count(w) for w in name}
    for group in top_groups(item):
        if group.min < 2 or group.min not in counts or group.min != group.max or any(o.default for o in group.options):
            continue
        said = [o for o in options if o.group_id == group.id]
        if len(said) == 1 and said[0].max_quantity >= group.min:
            more += [said[0]] * (group.min - 1)
    return more
