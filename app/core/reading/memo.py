"""Facts the reader computes once per menu, item or option, kept exactly as long as that object lives.

What an item can be called, its option phrases and its choice groups do not change while its menu
is loaded, and a reload builds new objects. :func:`per_object` remembers ``fn(obj)`` on the object
itself, in its ``__dict__`` as :mod:`app.core.menu.memo` keeps its memos (and
:func:`functools.cached_property` its values): the value goes when the menu is dropped, old menus are
never kept alive by the reader's caches, a live one is never recomputed, and nothing is hashed by
value to find it. A function of the object alone has one value, so it is kept as is (no table
of arguments): a lookup is one dict ``get``, and the reader makes dozens per phrase.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")

_MISSING = object()


def per_object(fn: Callable[[K], V]) -> Callable[[K], V]:
    """``fn`` of one menu, item or option, computed once per live object (see the module docstring).
    An exception is not remembered."""
    name = f"memo:{fn.__module__}.{fn.__qualname__}"

    @functools.wraps(fn)
    def memoised(owner: K) -> V:
        found = owner.__dict__.get(name, _MISSING)
        if found is _MISSING:
            found = owner.__dict__[name] = fn(owner)
        return found  # type: ignore[no-any-return]

    return memoised
