"""Facts the reader computes once per menu, item or option, kept exactly as long as that object lives.

What an item can be called, its option phrases and its choice groups do not change while its menu
is loaded, and a reload builds new objects. :func:`per_object` remembers ``fn(obj)`` on the object
itself, with :func:`app.core.menu.memo.value_on_owner` (the core's memo module): the value goes when
the menu is dropped, old menus are never kept alive by the reader's caches, a live one is never
recomputed, and nothing is hashed by value to find it; a lookup is one dict ``get``, and the reader
makes dozens per phrase.

:func:`read_memo` is the other kind: answers about the words of the utterance being read (how each item
reads some words), which the reader asks again and again while it cuts one phrase into pieces, kept on the
menu only until the next read starts (:func:`start_read`) — so a read never gets an answer from another
read (a bench that repeats one phrase counts a whole read each time), and a memo holds one read's words.
"""

from __future__ import annotations

from typing import Any

from app.core.menu import Menu
from app.core.menu.memo import memo
from app.core.menu.memo import value_on_owner as per_object

__all__ = ["per_object", "read_memo", "start_read"]

_READ = "memo:reading.read"


def read_memo(menu: Menu) -> dict[Any, Any]:
    """The memo of the read in progress on ``menu`` (bounded: :func:`app.core.menu.memo.memo`). Only for
    answers that depend on the menu and the key alone; concurrent reads of one menu may share it."""
    return memo(menu, _READ, 8192)


def start_read(menu: Menu) -> None:
    """A new read of ``menu`` starts: the answers about the last one's words are dropped."""
    menu.__dict__.pop(_READ, None)
