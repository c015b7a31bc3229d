"""Facts the reader computes once per menu, item or option, kept exactly as long as that object lives.

What an item can be called, its option phrases and its choice groups do not change while its menu
is loaded, and a reload builds new objects. :func:`per_object` remembers ``fn(obj)`` on the object
itself, with :func:`app.core.menu.memo.value_on_owner` (the core's memo module): the value goes when
the menu is dropped, old menus are never kept alive by the reader's caches, a live one is never
recomputed, and nothing is hashed by value to find it; a lookup is one dict ``get``, and the reader
makes dozens per phrase.
"""

from __future__ import annotations

from app.core.menu.memo import value_on_owner as per_object

__all__ = ["per_object"]
