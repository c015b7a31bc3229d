"""An item's head noun said inside a choice's name: "chicken c-momo" is Chicken Momo, style C-Momo.

Where every momo on the menu offers a style named for the dish ("C-Momo", "Jhol Momo"), the customer says
the filling and the style and the style's own last word says the head noun of the item's name: the name
"Chicken Momo" is said by "chicken" beside a choice ending in "momo" (blind11 nepali-momo). The rule holds
only for the item's last name word taken whole inside a choice of several words ending with it.
"""

from __future__ import annotations

from app.core.menu import Item
from app.core.reading.vocabulary import words_of

Words = tuple[str, ...]


def name_without_head_in_a_choice(item: Item, name: Words, spans: list[Words]) -> Words | None:
    """``name`` less its head noun when that head is the last word of a choice read whole (``spans``: the
    option phrases read), else None."""
    head = words_of(item.name)[-1:]
    if len(name) < 2 or not head or name[-1] != head[0] or head[0] in name[:-1]:
        return None
    if not any(len(span) > 1 and span[-1] == head[0] for span in spans):
        return None
    return name[:-1]
