"""What was understood, in the request's own structured form, beside the spoken read-back.

A model hears "a large oat latte, extra shot" and the answer says "Added a Large Latte with Oat
Milk and Extra Shot". :func:`understood_line` gives the same line as the fields an add takes —
item id, variation id, each option id with how many times it was chosen (nested choices under
their parent) and the kitchen note — so the model can compare it with what it heard, and resend
it exactly (ids never enter the phrase reader: :mod:`app.core.reading.exact`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypedDict

from app.core.cart import Line
from app.core.cart.choices import Pick, decode, encode, entry_key
from app.core.menu import Menu


class UnderstoodOption(TypedDict):
    id: str
    name: str
    quantity: int  # times chosen ("double shot": 2)
    options: list[UnderstoodOption]  # its nested choices (a combo's drink → the drink's size)


class Understood(TypedDict):
    item_id: str
    item: str
    variation_id: str | None
    quantity: int
    options: list[UnderstoodOption]
    notes: str | None


def _options(picks: Iterable[Pick]) -> list[UnderstoodOption]:
    """Equal picks folded into one entry with a quantity, in the order chosen."""
    out: list[UnderstoodOption] = []
    seen: dict[object, UnderstoodOption] = {}
    for pick in picks:
        key = (pick.option.tag, tuple(sorted(entry_key(e) for e in encode(pick.picks))))
        if key in seen:
            seen[key]["quantity"] += 1
            continue
        entry = seen[key] = UnderstoodOption(
            id=pick.option.id, name=pick.option.name, quantity=1, options=_options(pick.picks)
        )
        out.append(entry)
    return out


def understood_line(menu: Menu, line: Line) -> Understood | None:
    """``line`` as an add's fields (None when its item or a choice has left the menu since)."""
    item = menu.item_by_tag(line.item_tag)
    if item is None:
        return None
    picks = decode(line.option_tags, item.options_by_tag)
    if picks is None:
        return None
    variation = item.variations_by_tag.get(line.variation_tag) if line.variation_tag is not None else None
    return Understood(
        item_id=item.id,
        item=item.name,
        variation_id=variation.id if variation else None,
        quantity=line.quantity,
        options=_options(picks),
        notes=line.notes or None,
    )
