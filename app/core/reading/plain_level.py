""" "With foam", "with ice": a thing said at the level the item has it, where the menu names only the other levels.

A one-choice group "Extra Foam / Light Foam / No Foam" with no default (:func:`~.levels.unnamed_plain_level`)
says the latte comes with foam; "a latte with foam" asks for nothing, and the words are explained by that,
never read as the Extra Foam (issue #23, the breaker's silently wrong lines: "a large latte with foam", "a
large iced latte with ice" where Light Ice / Extra Ice are offered under Iced). Only "with X" says so: a bare
"spicy" may want more than the plain level, and is asked about.
"""

from __future__ import annotations

from app.core.menu import Item, Option
from app.core.reading.levels import unnamed_plain_level
from app.core.reading.memo import per_object
from app.core.reading.nesting import parents
from app.core.reading.spoken import said_as
from app.core.reading.vocabulary import choice_groups

_WITH = frozenset(said_as("with"))


@per_object
def _plain_things(item: Item) -> tuple[tuple[str, str, Option | None], ...]:
    """(the thing, its group's id, the option holding that group or None) for each group of ``item`` whose plain
    level is unnamed."""
    held = parents(item)
    out = []
    for group in choice_groups(item):
        thing = unnamed_plain_level(group)
        if thing is not None and group.options:
            out.append((thing, group.id, held.get(id(group.options[0]))))
    return tuple(out)


def with_as_it_comes(item: Item, work: list[str | None], options: list[Option]) -> None:
    """Mark used, in ``work``, each "with X" where X is a thing ``item`` has at its unnamed plain level, none of
    its group's options chosen, and the option holding that group (Iced, for its Ice) chosen or none."""
    for thing, group_id, holder in _plain_things(item):
        if any(o.group_id == group_id for o in options) or (holder is not None and holder not in options):
            continue
        for i in range(1, len(work)):
            if work[i] == thing and work[i - 1] in _WITH:
                work[i - 1] = work[i] = None
