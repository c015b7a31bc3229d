"""Memos that live on the menu object they are about, and die with it.

What a menu says about a choice (its price, whether the rules allow it, whether it contradicts
itself) depends only on the menu's immutable objects, so it is worked out once and remembered.
The memo is kept on the object the answer is about — a :class:`~app.core.menu.Menu`, an
:class:`~app.core.menu.Item` or an :class:`~app.core.menu.Option` — in that object's own
``__dict__``, the way :func:`functools.cached_property` keeps its value on a frozen dataclass:

* a menu reload builds new objects, whose memos start empty, and the old menu's memos go with
  it (an ``lru_cache`` keyed by menu objects would keep the old menu alive until evicted);
* nothing is hashed to find the memo (an :class:`~app.core.menu.Option` hashes by value, all of its fields);
* each memo is bounded: past ``maxsize`` entries it starts over (a function of the owner alone
  has one value, kept as is: :func:`value_on_owner`).

A memo must only hold answers that depend on the owner and the key alone, never on the clock or
the caller.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable
from typing import Any, Concatenate, ParamSpec, TypeVar

Owner = TypeVar("Owner")
Result = TypeVar("Result")
Params = ParamSpec("Params")

DEFAULT_MAXSIZE = 1024


def memo(owner: object, name: str, maxsize: int = DEFAULT_MAXSIZE) -> dict[Any, Any]:
    """``owner``'s memo called ``name``: a dict kept on the object, emptied once it holds ``maxsize`` entries."""
    found: dict[Any, Any] | None = owner.__dict__.get(name)
    if found is None or len(found) >= maxsize:
        found = owner.__dict__[name] = {}
    return found


def memoised_on_owner(
    maxsize: int = DEFAULT_MAXSIZE,
) -> Callable[[Callable[Concatenate[Owner, Params], Result]], Callable[Concatenate[Owner, Params], Result]]:
    """``functools.lru_cache`` for a function of a menu object (first argument) and hashable
    arguments, with the cache kept on that object (:func:`memo`). Exceptions are not remembered."""

    def decorate(
        function: Callable[Concatenate[Owner, Params], Result],
    ) -> Callable[Concatenate[Owner, Params], Result]:
        name = f"memo:{function.__module__}.{function.__qualname__}"

        @functools.wraps(function)
        def memoised(owner: Owner, *args: Params.args, **kwargs: Params.kwargs) -> Result:
            table = memo(owner, name, maxsize)
            key: Hashable = args if not kwargs else (args, tuple(sorted(kwargs.items())))
            try:
                return table[key]  # type: ignore[no-any-return]
            except KeyError:
                result = table[key] = function(owner, *args, **kwargs)
                return result

        return memoised  # type: ignore[return-value]  # functools.wraps' _Wrapped is this callable

    return decorate


_MISSING = object()


def value_on_owner(function: Callable[[Owner], Result]) -> Callable[[Owner], Result]:
    """``function`` of a menu object alone, its one value kept on that object (no table of arguments:
    a lookup is one dict ``get``). Exceptions are not remembered."""
    name = f"memo:{function.__module__}.{function.__qualname__}"

    @functools.wraps(function)
    def memoised(owner: Owner) -> Result:
        found = owner.__dict__.get(name, _MISSING)
        if found is _MISSING:
            found = owner.__dict__[name] = function(owner)
        return found  # type: ignore[no-any-return]

    return memoised
