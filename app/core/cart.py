"""The cart: what a token carries, and the pure operations that change it.

A cart stores only what the menu cannot tell us: which item (a 4-byte tag of its id), which
options (tags scoped to the item), how many, the notes, and the unit price the customer was
quoted (so a price change can be announced). Names and current prices come from the menu on
every turn (:mod:`app.core.pricing`). Every operation returns a new :class:`CartState`.
"""

from __future__ import annotations

import unicodedata
from typing import NamedTuple

from app.core.menu import Item, Option
from app.errors import (
    CartCheckedOut,
    CartTooLarge,
    InvalidRequest,
    LineNotFound,
    ModifierInvalid,
    ModifierRequired,
    QuantityInvalid,
)

MAX_LINES = 50
MAX_QUANTITY = 99
MAX_MODIFIERS_PER_LINE = 12
MAX_NOTES_CHARS = 140
MAX_LINE_ID = 65535


# Line and CartState are NamedTuples: immutable like a frozen dataclass, but three times cheaper
# to build, and the codec builds one per line on every turn (bench/results/profile.txt).
class Line(NamedTuple):
    line_id: int
    item_tag: int
    quantity: int
    unit_price_cents: int  # as last quoted to the customer: item + options
    option_tags: tuple[int, ...] = ()
    notes: str = ""

    def same_choice(self, item_tag: int, option_tags: tuple[int, ...], notes: str) -> bool:
        return (
            self.item_tag == item_tag
            and self.notes == notes
            and (self.option_tags == option_tags or sorted(self.option_tags) == sorted(option_tags))
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
    if isinstance(quantity, bool) or not isinstance(quantity, int):
        raise QuantityInvalid(f"quantity must be a whole number from 1 to {MAX_QUANTITY}", quantity=quantity)
    if not 1 <= quantity <= MAX_QUANTITY:
        raise QuantityInvalid(f"quantity must be from 1 to {MAX_QUANTITY} per line", quantity=quantity)
    return quantity


def clean_notes(notes: object) -> str:
    """NFC-normalise, refuse control characters, cap the length. Never silently truncate."""
    if notes is None:
        return ""
    if not isinstance(notes, str):
        raise InvalidRequest("notes must be a string")
    text = unicodedata.normalize("NFC", notes).strip()
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co") for ch in text):
        raise InvalidRequest("notes must not contain control or format characters")
    if len(text) > MAX_NOTES_CHARS:
        raise CartTooLarge(f"notes are limited to {MAX_NOTES_CHARS} characters", limit=MAX_NOTES_CHARS)
    return text


def check_modifier_count(count: int) -> None:
    """Checked before any name is resolved, so a long list costs nothing."""
    if count > MAX_MODIFIERS_PER_LINE:
        raise CartTooLarge(f"at most {MAX_MODIFIERS_PER_LINE} modifiers per line", limit=MAX_MODIFIERS_PER_LINE)


def check_options(item: Item, options: list[Option]) -> tuple[int, ...]:
    """Enforce the item's modifier groups: options belong to it, no duplicates, min/max per group."""
    check_modifier_count(len(options))
    seen: set[str] = set()
    chosen_per_group: dict[str, int] = {}
    for option in options:
        if option.id in seen:
            raise ModifierInvalid(f"{option.name!r} was chosen twice", modifier=option.id)
        seen.add(option.id)
        chosen_per_group[option.group_id] = chosen_per_group.get(option.group_id, 0) + 1
    for group in item.modifier_groups:
        chosen = chosen_per_group.get(group.id, 0)
        if chosen > group.max:
            raise ModifierInvalid(
                f"{item.name}: choose at most {group.max} from {group.name}",
                group=group.id,
                max=group.max,
            )
        if chosen < group.min:
            raise ModifierRequired(
                f"{item.name}: please choose {group.min_phrase()} {group.name}",
                item_id=item.id,
                group=group.id,
                group_name=group.name,
                min=group.min,
                max=group.max,
                options=[{"id": o.id, "name": o.name, "price_cents": o.price_cents} for o in group.options],
            )
    return tuple(o.tag for o in options)


# --- operations (pure: state in, state out) ---------------------------------------------------------


def ensure_open(state: CartState) -> None:
    """A placed order is final: changing its cart answers 409 ``cart_checked_out``."""
    if state.checked_out:
        raise CartCheckedOut("this cart has been checked out; start a new cart to order again")


def quote(item: Item, options: list[Option]) -> int:
    """The unit price the customer is quoted: the item plus its chosen options."""
    return item.price_cents + sum(o.price_cents for o in options)


def _bump(state: CartState, lines: tuple[Line, ...], next_line_id: int | None = None) -> CartState:
    """The next revision with ``lines`` (built field by field: ``_replace`` costs twice as much)."""
    next_id = state.next_line_id if next_line_id is None else next_line_id
    return _new_tuple(CartState, (*state[:4], state.revision + 1, next_id, state.checked_out, lines))


def _replaced(lines: tuple[Line, ...], old: Line, new: Line) -> tuple[Line, ...]:
    """``lines`` with ``old`` swapped for ``new`` in place (line ids are unique, so is ``old``)."""
    index = lines.index(old)
    return (*lines[:index], new, *lines[index + 1 :])


def add_line(state: CartState, item: Item, options: list[Option], quantity: int, notes: str) -> tuple[CartState, int]:
    """Add ``quantity`` of ``item``; the same item, options and notes merge into one line.

    Returns the new state and the id of the line that now holds the item.
    """
    ensure_open(state)
    option_tags = check_options(item, options)
    unit = quote(item, options)
    for line in state.lines:
        if line.same_choice(item.tag, option_tags, notes):
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
    line = Line(line_id, item.tag, quantity, unit, option_tags, notes)
    return _bump(state, (*state.lines, line), next_line_id=line_id + 1), line_id


def update_line(
    state: CartState,
    line_id: int,
    *,
    quantity: int | None = None,
    item: Item | None = None,
    options: list[Option] | None = None,
    notes: str | None = None,
) -> CartState:
    """Change a line's quantity (0 removes it), notes, or options (of ``item``, the line's item)."""
    ensure_open(state)
    line = state.line(line_id)
    if quantity == 0:
        return remove_line(state, line_id)
    changes: dict[str, object] = {}
    if quantity is not None:
        changes["quantity"] = quantity
    if notes is not None:
        changes["notes"] = notes
    if options is not None:
        if item is None or item.tag != line.item_tag:
            raise ValueError("new options need the line's own item")
        changes["option_tags"] = check_options(item, options)
        changes["unit_price_cents"] = quote(item, options)
    return _bump(state, _replaced(state.lines, line, line._replace(**changes)))


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
