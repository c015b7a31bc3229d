"""The cart: what a token carries, and the pure operations that change it.

A cart stores only what the menu cannot tell us: which item (a 4-byte tag of its id), which
variation and options (tags scoped to the item; repeats and nested choices as in
:mod:`app.core.cart.choices`), how many, the notes, and the unit price the customer was quoted (so a
price change can be announced). Names and current prices come from the menu on
every turn (:mod:`app.core.cart.pricing`). Every operation returns a new :class:`CartState`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from app.core.cart.choices import MAX_MODIFIERS_PER_LINE as MAX_MODIFIERS_PER_LINE
from app.core.cart.choices import Entry, Pick, check_choices, checked_choice, entry_key, unit_price
from app.core.cart.choices import check_modifier_count as check_modifier_count
from app.core.menu import Item, Option, Variation
from app.errors import CartCheckedOut, CartTooLarge, InvalidRequest, LineNotFound, QuantityInvalid
from app.json_input import as_integer, visible_text

MAX_LINES = 50
MAX_QUANTITY = 99
MAX_NOTES_CHARS = 140
MAX_LINE_ID = 65535


# Line and CartState are NamedTuples: immutable like a frozen dataclass, but three times cheaper
# to build, and the codec builds one per line on every turn (bench/results/profile.txt).
class Line(NamedTuple):
    line_id: int
    item_tag: int
    quantity: int
    unit_price_cents: int  # as last quoted to the customer: item (or variation) + options
    option_tags: tuple[Entry, ...] = ()  # app.core.cart.choices: a tag or (tag, *nested entries); repeats = quantity
    notes: str = ""
    variation_tag: int | None = None  # the chosen variation, for an item that has variations

    def same_choice(
        self, item_tag: int, option_tags: tuple[Entry, ...], notes: str, variation_tag: int | None = None
    ) -> bool:
        return (
            self.item_tag == item_tag
            and self.notes == notes
            and self.variation_tag == variation_tag
            and (
                self.option_tags == option_tags
                or (
                    len(self.option_tags) == len(option_tags)  # the same choices in another order, at most
                    and sorted(map(entry_key, self.option_tags)) == sorted(map(entry_key, option_tags))
                )
            )
        )


class CartState(NamedTuple):
    cart_id: bytes  # 8 random bytes; also the seed of the order id at checkout
    restaurant_id: str
    created_at: int  # unix seconds; bounds the absolute lifetime
    updated_at: int  # unix seconds of the last successful turn; the sliding expiry counts from it
    revision: int = 0
    next_line_id: int = 1
    checked_out: bool = False
    lines: tuple[Line, ...] = ()

    @property
    def cart_id_hex(self) -> str:
        return self.cart_id.hex()

    def line(self, line_id: int) -> Line:
        for line in self.lines:
            if line.line_id == line_id:
                return line
        raise LineNotFound(f"cart has no line {line_id}", line_id=line_id)


_new_tuple = tuple.__new__  # a NamedTuple from its fields, without its Python-level __new__


def new_cart(cart_id: bytes, restaurant_id: str, now: int) -> CartState:
    return CartState(cart_id=cart_id, restaurant_id=restaurant_id, created_at=now, updated_at=now)


# --- validation of caller input -------------------------------------------------------------------


def check_quantity(quantity: object) -> int:
    """1..99 as an int; ``2.0`` is 2 (JSON Schema's integer, :func:`~app.json_input.as_integer`).

    Not an integer at all (``"2"``, ``true``, ``null``, ``2.5``) is a malformed request: 400
    ``invalid_request``, as the voice tools' schema check answers it. An integer the cart cannot
    take (0, 100, a merge past 99) is 422 ``quantity_invalid``: the customer can say another number.
    """
    whole = as_integer(quantity)
    if whole is None:
        raise InvalidRequest(f"quantity must be an integer from 1 to {MAX_QUANTITY}", field="quantity")
    if not 1 <= whole <= MAX_QUANTITY:
        raise QuantityInvalid(f"quantity must be from 1 to {MAX_QUANTITY} per line", quantity=whole)
    return whole


def clean_notes(notes: object) -> str:
    """NFC-normalise, refuse invisible characters (:func:`~app.json_input.visible_text`), cap the
    length. Never silently truncate."""
    if notes is None:
        return ""
    if not isinstance(notes, str):
        raise InvalidRequest("notes must be a string")
    text = visible_text(notes, "notes")
    if len(text) > MAX_NOTES_CHARS:
        raise CartTooLarge(f"notes are limited to {MAX_NOTES_CHARS} characters", limit=MAX_NOTES_CHARS)
    return text


def check_options(
    item: Item, options: Sequence[Option | Pick], variation: Variation | None = None
) -> tuple[Entry, ...]:
    """Enforce the item's variations and modifier groups (:func:`app.core.cart.choices.check_choices`)."""
    return check_choices(item, variation, options)


# --- operations (pure: state in, state out) ---------------------------------------------------------


def ensure_open(state: CartState) -> None:
    """A placed order is final: changing its cart answers 409 ``cart_checked_out``."""
    if state.checked_out:
        raise CartCheckedOut("this cart has been checked out; start a new cart to order again")


def quote(item: Item, options: Sequence[Option | Pick], variation: Variation | None = None) -> int:
    """The unit price the customer is quoted: the item (or its variation) plus every chosen option."""
    base = variation.price_cents if variation is not None else item.price_cents
    return unit_price(base, [p if isinstance(p, Pick) else Pick(p) for p in options]) if options else base


def _bump(state: CartState, lines: tuple[Line, ...], next_line_id: int | None = None) -> CartState:
    """The next revision with ``lines`` (built field by field: ``_replace`` costs twice as much)."""
    next_id = state.next_line_id if next_line_id is None else next_line_id
    return _new_tuple(CartState, (*state[:4], state.revision + 1, next_id, state.checked_out, lines))


def _replaced(lines: tuple[Line, ...], old: Line, new: Line) -> tuple[Line, ...]:
    """``lines`` with ``old`` swapped for ``new`` in place (line ids are unique, so is ``old``)."""
    index = lines.index(old)
    return (*lines[:index], new, *lines[index + 1 :])


def add_line(
    state: CartState,
    item: Item,
    options: Sequence[Option | Pick],
    quantity: int,
    notes: str,
    variation: Variation | None = None,
) -> tuple[CartState, int]:
    """Add ``quantity`` of ``item``; the same item, variation, options and notes merge into one line.

    Returns the new state and the id of the line that now holds the item.
    """
    ensure_open(state)
    option_tags, unit = checked_choice(item, variation, options)
    variation_tag = variation.tag if variation is not None else None
    item_tag = item.tag
    for line in state.lines:
        if line.item_tag == item_tag and line.same_choice(item_tag, option_tags, notes, variation_tag):
            total = line.quantity + quantity
            if total > MAX_QUANTITY:
                raise QuantityInvalid(
                    f"that would make {total}; at most {MAX_QUANTITY} per line",
                    line_id=line.line_id,
                    quantity=total,
                )
            # keep the old quote: repricing announces the change if the menu moved since
            merged = _new_tuple(Line, (line.line_id, line.item_tag, total, *line[3:]))  # _replace, 3× cheaper
            return _bump(state, _replaced(state.lines, line, merged)), line.line_id
    if len(state.lines) >= MAX_LINES:
        raise CartTooLarge(f"a cart holds at most {MAX_LINES} lines", limit=MAX_LINES)
    if state.next_line_id > MAX_LINE_ID:
        raise CartTooLarge("this cart has had too many changes; please start a new cart")
    line_id = state.next_line_id
    line = Line(line_id, item.tag, quantity, unit, option_tags, notes, variation_tag)
    return _bump(state, (*state.lines, line), next_line_id=line_id + 1), line_id


def update_line(
    state: CartState,
    line_id: int,
    *,
    quantity: int | None = None,
    item: Item | None = None,
    options: Sequence[Option | Pick] | None = None,
    notes: str | None = None,
    variation: Variation | None = None,
) -> CartState:
    """Change a line's quantity (0 removes it), notes, or choices (of ``item``, the line's item).

    A line the change makes identical to another (same item, variation, choices and notes) takes that
    line in: one line with both quantities, within :data:`MAX_QUANTITY` (else ``quantity_invalid``).

    New ``options`` replace the old ones together with the variation (``variation`` None keeps
    the line's own when ``item`` has variations).
    """
    ensure_open(state)
    line = state.line(line_id)
    if quantity == 0:
        return remove_line(state, line_id)
    changes: dict[str, Any] = {}  # Line field → new value
    if quantity is not None:
        changes["quantity"] = quantity
    if notes is not None:
        changes["notes"] = notes
    if options is not None:
        if item is None or item.tag != line.item_tag:
            raise ValueError("new options need the line's own item")
        if variation is None and line.variation_tag is not None:
            variation = item.variations_by_tag.get(line.variation_tag)
        changes["option_tags"], changes["unit_price_cents"] = checked_choice(item, variation, options)
        changes["variation_tag"] = variation.tag if variation is not None else None
    updated = line._replace(**changes)
    lines = _replaced(state.lines, line, updated)
    twin = next(
        (
            x
            for x in lines
            if x.line_id != line_id
            and x.same_choice(updated.item_tag, updated.option_tags, updated.notes, updated.variation_tag)
        ),
        None,
    )
    if twin is not None:  # now identical to another line: one line, as an add would have made it
        total = twin.quantity + updated.quantity
        if total > MAX_QUANTITY:
            raise QuantityInvalid(
                f"that would make line {line_id} the same as line {twin.line_id}, {total} in all; "
                f"at most {MAX_QUANTITY} per line",
                line_id=twin.line_id,
                quantity=total,
            )
        lines = tuple(updated._replace(quantity=total) if x is updated else x for x in lines if x is not twin)
    return _bump(state, lines)


def remove_line(state: CartState, line_id: int) -> CartState:
    ensure_open(state)
    state.line(line_id)
    return _bump(state, tuple(x for x in state.lines if x.line_id != line_id))


def clear(state: CartState) -> CartState:
    """Empty the cart; it keeps its id (line ids keep counting up, so old ids never come back)."""
    ensure_open(state)
    return _bump(state, ())


def mark_checked_out(state: CartState) -> CartState:
    return state._replace(checked_out=True)
