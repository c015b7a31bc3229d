"""A plural said where one option is the bare singular and others are kinds of the plural ("peppers" beside a
seasoning Pepper and Green Peppers, Banana Peppers).

The reader reads words singular ("peppers" → "pepper"), so the plural alone would pick the option named by the
singular word. Where the item also offers options whose names hold that word in the plural (the menu's own
spelling: "Green Peppers"), the plural said names those kinds more than the one named by the singular: which
is asked, never the seasoning added (issue #23, the breaker's silently wrong lines: "a footlong turkey on wheat
with peppers and onions" read as the black Pepper).
"""

from __future__ import annotations

import re

from app.core.cart.choices import offer
from app.core.menu import Item, Option
from app.core.reading.item import Reading
from app.core.reading.memo import per_object
from app.core.reading.spoken import normalize
from app.core.reading.vocabulary import choice_groups, words_of
from app.errors import CartError, WordsNotUnderstood

_WORD = re.compile(r"[a-z]+")


@per_object
def _plural_kinds(item: Item) -> dict[str, tuple[Option, ...]]:
    """singular word → the options of ``item`` whose menu name holds it written plural ("pepper" → Green Peppers,
    Banana Peppers), for each word some option is named by alone (the seasoning "Pepper")."""
    options = [o for g in choice_groups(item) for o in g.options]
    alone = {o.name.lower() for o in options if len(words_of(o.name)) == 1 and words_of(o.name)[0] == o.name.lower()}
    # named alone, and written singular ("Pepper"; never "Mushrooms", the plural said being its own name)
    kinds: dict[str, list[Option]] = {}
    for option in options:
        for written in _WORD.findall(option.name.lower()):
            said = normalize(written)
            if said in alone and said != written and len(words_of(option.name)) > 1:
                kinds.setdefault(said, []).append(option)
    return {w: tuple(dict.fromkeys(o)) for w, o in kinds.items()}


def plural_of_kinds(item: Item, chosen: tuple[Option, ...], said: str) -> WordsNotUnderstood | None:
    """The question when ``said`` (the customer's words) holds a plural whose singular is the whole name of a
    ``chosen`` option while other options of ``item`` are kinds of that plural; else None."""
    kinds = _plural_kinds(item)
    if not kinds:
        return None
    for option in chosen:
        name = words_of(option.name)
        others = kinds.get(name[0], ()) if len(name) == 1 else ()
        if not others or any(o in chosen for o in others):
            continue
        plural = next((w for w in _WORD.findall(said.lower()) if w != name[0] and normalize(w) == name[0]), None)
        if plural is not None:
            choices = [option, *others]
            return WordsNotUnderstood(
                f"For the {item.name}, which {plural}: " + ", ".join(o.name for o in choices),
                item=item.name,
                item_id=item.id,
                words=plural,
                options=offer(choices),
            )
    return None


def plurals_asked(readings: list[Reading | CartError], said: str) -> list[Reading | CartError]:
    """``readings`` (of an order said ``said``), each one whose choices :func:`plural_of_kinds` questions
    replaced by that question."""
    out: list[Reading | CartError] = []
    for reading in readings:
        asked = plural_of_kinds(reading.item, reading.options, said) if isinstance(reading, Reading) else None
        out.append(asked if asked is not None else reading)
    return out
