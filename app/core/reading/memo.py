"""Facts the reader computes once per menu, item or option, kept exactly as long as that object lives.

What an item can be called, its option phrases and its choice groups do not change while its menu
is loaded, and a reload builds new objects. :func:`per_object` remembers ``fn(obj)`` on the object
itself, with :func:`app.core.menu.memo.memoised_on_owner` (the one memo mechanism of the core): the
value goes when the menu is dropped, old menus are never kept alive by the reader's caches, a live
one is never recomputed, and nothing is hashed by value to find it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from app.core.menu.memo import memoised_on_owner

K = TypeVar("K")
V = TypeVar("V")


def per_object(fn: Callable[[K], V]) -> Callable[[K], V]:
    """``fn`` of one menu, item or option, computed once per live object (see the module docstring)."""
    return memoised_on_owner()(fn)
