"""Finding items by what was said, for the tools that look rather than add.

``get_item_details`` and ``remove_from_order`` name an item the way an add does ("a veggie pizza",
"the two large fries"), so :func:`named_item` reads the words with the same reader as
:func:`app.core.reading.order.read_order`: a name the customer can add is a name they can remove.
``find_menu_items`` searches (:func:`search_items`): a category said whole, the item the reader
reads, then names close enough (:data:`app.core.reading.fuzzy.SEARCH_SCORE`).
"""

from __future__ import annotations

from app.core.menu import Item, Menu
from app.core.reading.fuzzy import SEARCH_SCORE, rank_items
from app.core.reading.item import Reading
from app.core.reading.order import read_order
from app.core.reading.spoken import FILLER, normalize
from app.errors import CartError, ItemAmbiguous, ModifierInvalid, WordsNotUnderstood


def named_item(menu: Menu, text: str) -> Reading:
    """The first item ``text`` names, read like an add, with the choices it names.

    Words about choices the reader cannot place do not matter here (an add asks about them): the
    item they were said for is the answer. Raises ``item_ambiguous`` (with candidates) or
    ``item_not_found`` (with suggestions) when no one item is named.
    """
    first = read_order(menu, text)[0]
    if isinstance(first, Reading):
        return first
    if isinstance(first, (ModifierInvalid, WordsNotUnderstood)):
        item = menu.item(str(first.details.get("item_id", "")))
        if item is not None:
            return Reading(item, said=text)
    raise first


def search_items(menu: Menu, query: str) -> list[Item]:
    """Items for a search: every item of a category said whole ("coffee"), the item(s) the reader
    reads ``query`` as, then items whose names are close — each once, in that order."""
    wanted = normalize(query)
    found = [i for i in menu.items if normalize(i.category) == wanted]
    try:
        found.append(named_item(menu, query).item)
    except ItemAmbiguous as exc:
        found += [i for c in exc.details.get("candidates", []) if (i := menu.item(str(c["id"]))) is not None]
    except CartError:
        pass
    found += [m.target for m in rank_items(menu, query, limit=len(menu.items)) if m.score >= SEARCH_SCORE]  # type: ignore[misc]
    return [i for i in dict.fromkeys(found) if isinstance(i, Item)]


def names_loosely(text: str, item: Item) -> bool:
    """Every word said is part of the item's name or an alias ("the burger" → Cheeseburger): a looser
    name for it, not the name of another item ("classic burger", "chocolate shake")."""
    words = [w for w in normalize(text).split() if w not in FILLER]
    names = [normalize(n) for n in (item.name, *item.aliases)]
    return bool(words) and any(all(w in name for w in words) for name in names)
