"""Facts the reader computes once per menu or item, kept exactly as long as that menu or item lives.

What an item can be called, its option phrases and its choice groups do not change while its menu
is loaded, and a reload builds new objects. :func:`per_object` remembers ``fn(obj)`` in a
:class:`weakref.WeakKeyDictionary`: the entry goes when the menu (or item) is dropped, so old menus
are never kept alive by the reader's caches, and a live menu is never recomputed.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable
from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


def per_object(fn: Callable[[K], V]) -> Callable[[K], V]:
    """``fn`` of one menu, item or option, computed once per live object (see the module docstring)."""
    remembered: weakref.WeakKeyDictionary[K, V] = weakref.WeakKeyDictionary()

    @functools.wraps(fn)
    def cached(key: K) -> V:
        try:
            return remembered[key]
        except KeyError:
            value = remembered[key] = fn(key)
            return value

    return cached
