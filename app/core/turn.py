"""A cart turn is a pure function: ``(token, operation, menu, now) → new token``.

HTTP, the voice tools and the CLI are thin adapters over :func:`run_turn`. Nothing here reads a
clock, a global or the network, so a retried turn with the same token gives the same answer.
A failed turn raises and mints nothing: the caller's previous token stays valid.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Final

from app.core import cart
from app.core.cart import CartState
from app.core.cart.choices import Pick, decode, identities
from app.core.cart.pricing import PricedCart, price_cart
from app.core.cart.shapes import CartView, CartWarning, Priced
from app.core.cart.view import cart_view
from app.core.menu import Item, Menu, ModifierGroup, Variation
from app.core.menu.memo import memo
from app.core.reading.choice_names import resolve_variation
from app.core.reading.contradictions import check_consistent
from app.core.reading.lines import said_choices, said_lines
from app.core.reading.modifiers import resolve_choices
from app.core.token.codec import CartCodec
from app.errors import FieldRequired, ItemUnavailable, ModifierInvalid, QuantityInvalid, TokenMissing
from app.json_input import as_integer


@dataclass(frozen=True)
class NewCart:
    cart_id: bytes  # 8 random bytes, chosen by the caller so the turn stays deterministic


@dataclass(frozen=True)
class ViewCart:
    """Read the cart; still a turn: it reprices and slides the expiry."""


class AsSaid(enum.Enum):
    """The type of :data:`AS_SAID`, a sentinel no JSON value can equal."""

    AS_SAID = "as said"


AS_SAID: Final = AsSaid.AS_SAID  # AddItem.quantity when the request gave none: the count said in the phrase, else 1


@dataclass(frozen=True)
class AddItem:
    item: str  # id, name, or a spoken phrase ("two large fries"): read by app.core.reading.lines
    # AS_SAID, or the request's JSON value: an int is checked (422 quantity_invalid outside 1–99); not an integer: 400
    quantity: AsSaid | object = 1
    modifiers: tuple[str, ...] = ()
    notes: str | None = None
    variation: str | None = None  # id or spoken name; may also be said among the modifiers


_CHANGES = ("quantity", "modifiers", "notes", "variation")


@dataclass(frozen=True)
class UpdateLine:
    """Change a line; None leaves a field as it is, so at least one must be given (400 ``field_required``)."""

    line_id: int
    quantity: int | None = None
    modifiers: tuple[str, ...] | None = None
    notes: str | None = None
    variation: str | None = None  # a new variation (the options stay unless ``modifiers`` is sent)


@dataclass(frozen=True)
class RemoveLine:
    line_id: int


@dataclass(frozen=True)
class ClearCart:
    pass


Operation = NewCart | ViewCart | AddItem | UpdateLine | RemoveLine | ClearCart


@dataclass
class TurnResult:
    priced: PricedCart
    token: str
    expires_at: int
    line_id: int | None = None  # the first line an AddItem landed on
    line_ids: tuple[int, ...] = ()  # every line it landed on, in the phrase's order ("a coke and a water": two)

    @property
    def state(self) -> CartState:
        return self.priced.state

    def cart_json(self) -> CartView:
        return cart_view(self.priced, self.expires_at)


def alternatives(menu: Menu, item: Item, limit: int = 3, now: int | None = None) -> list[Priced]:
    """Available items of the same category, for "we're out of that, how about…"."""
    return [
        Priced(id=i.id, name=i.name, price_cents=i.price_cents)
        for i in menu.items
        if i.category == item.category and i.available_at(now) and i is not item
    ][:limit]


def check_available(menu: Menu, item: Item, now: int | None = None) -> Item:
    """``item`` if it is on sale (with ``now``: inside its windows), else ``item_unavailable`` + alternatives."""
    if not item.available_at(now):
        windows = item.availability.today_text(now) if item.available and item.availability and now else None
        raise ItemUnavailable(
            f"{item.name} is not available right now" + (f" (today: {', '.join(windows)})" if windows else ""),
            item_id=item.id,
            suggestions=alternatives(menu, item, now=now),
            **({"available_today": windows} if windows is not None else {}),
        )
    return item


MAX_CONSISTENT_PER_ITEM = 256  # consistent choices remembered per item before starting over


def check_consistent_once(item: Item, picks: tuple[Pick, ...] | list[Pick], notes: str | None) -> None:
    """:func:`~app.core.reading.contradictions.check_consistent`, remembered per item for the
    choices and notes it let through: its answer depends on nothing else, and the item never
    changes (a reload makes a new one). A contradiction is worked out again each time it is said."""
    key = (identities(picks), notes)
    consistent = memo(item, "consistent choices", MAX_CONSISTENT_PER_ITEM)
    if key not in consistent:
        check_consistent(item, picks, notes)
        consistent[key] = picks  # keeps the options whose ids make the key


def apply(state: CartState, op: Operation, menu: Menu, now: int | None = None) -> tuple[CartState, tuple[int, ...]]:
    """Apply one operation to a decoded cart: the new state and the lines it landed on (an AddItem's, in the
    phrase's order; an UpdateLine's). Raises :class:`~app.errors.CartError` on bad input.

    ``now`` (unix seconds) refuses adding an item outside its ``availability`` windows.
    """
    if isinstance(op, ViewCart):
        return state, ()
    cart.ensure_open(state)  # before any resolving: a placed order answers 409 whatever else is wrong
    if isinstance(op, AddItem):
        return _add_item(state, op, menu, now)
    if isinstance(op, UpdateLine):
        return _update_line(state, op, menu), (op.line_id,)
    if isinstance(op, RemoveLine):
        return cart.remove_line(state, op.line_id), ()
    if isinstance(op, ClearCart):
        return cart.clear(state), ()
    raise TypeError(f"not an operation: {op!r}")


def line_count(said: int | None, given: AsSaid | object, lines: int, phrase: str) -> object:
    """The count of one of the ``lines`` lines read from ``phrase``: the count ``said`` for it, or the
    ``given`` quantity (AS_SAID: none given). A count said that the given quantity contradicts
    ("2 burgers" with quantity 3, "a dozen sodas" with 1; a said "a"/"one" yields to it), or a quantity
    above 1 for a phrase naming several items ("burger and fries" × 2), is asked (``quantity_invalid``
    with ``said_quantity`` or ``items``), never silently one or the other."""
    if given is AS_SAID:
        return said or 1
    if lines > 1:
        if as_integer(given) not in (None, 1):
            raise QuantityInvalid(
                f"{phrase!r} names several items and the quantity is {given}: how many of each?",
                quantity=given,
                items=lines,
            )
        return said or 1
    # "a burger" (said 1) with quantity 2 is the quantity: "a" is as often an article as a count
    if said is not None and said > 1 and as_integer(given) is not None and said != as_integer(given):
        raise QuantityInvalid(
            f"{phrase!r} says {said} but the quantity is {given}: which is it?", quantity=given, said_quantity=said
        )
    return given


def _add_item(state: CartState, op: AddItem, menu: Menu, now: int | None) -> tuple[CartState, tuple[int, ...]]:
    """Every line ``op.item`` names ("a coke and a water": one line each); a question anywhere adds nothing.

    Returns the new state and the lines added to (a line already in the cart with the same choices grows).
    """
    cart.check_modifier_count(len(op.modifiers))
    lines = said_lines(menu, op.item, op.modifiers, op.variation)
    landed: list[int] = []
    for said in lines:
        item = check_available(menu, said.item, now)
        count = line_count(said.quantity, op.quantity, len(lines), op.item)
        said_notes = [n for n in (op.notes, *said.notes) if n]
        notes = cart.clean_notes("; ".join(said_notes)) if said_notes else ""
        check_consistent_once(item, said.picks, notes)  # "whipped cream" and "no whipped cream": asked
        state, line_id = cart.add_line(state, item, list(said.picks), cart.check_quantity(count), notes, said.variation)
        landed.append(line_id)
    return state, tuple(landed)


def _update_line(state: CartState, op: UpdateLine, menu: Menu) -> CartState:
    """``op``'s changes to its line; new modifiers are read like an AddItem's, a new variation keeps the picks."""
    if all(getattr(op, name) is None for name in _CHANGES):  # would change nothing
        raise FieldRequired("send at least one of " + ", ".join(_CHANGES), fields=list(_CHANGES))
    line = state.line(op.line_id)
    item: Item | None = None
    options: list[Pick] | None = None
    variation: Variation | None = None
    if op.modifiers is not None or op.variation is not None:
        item = menu.item_by_tag(line.item_tag)
        if item is None:
            raise ModifierInvalid("this item is no longer on the menu; remove the line instead", line_id=line.line_id)
        if op.modifiers is not None:
            cart.check_modifier_count(len(op.modifiers))
            variation, options, said_notes = said_choices(menu, item, op.modifiers, op.variation)
            if said_notes and op.notes is None:  # "make it gluten free": kept as a note, never dropped
                kept = [n for n in (line.notes or "").split("; ") if n]
                op = replace(op, notes="; ".join(dict.fromkeys([*kept, *said_notes])))
        elif item.size_group is not None:  # its sizes are options: the new size replaces the old one
            options = resized_picks(item, item.size_group, kept_picks(item, line), op.variation)
        elif op.variation is not None:  # always, without modifiers (the condition above)
            options = kept_picks(item, line)
            variation = resolve_variation(item, op.variation) if item.variations else None
            if variation is None:
                raise ModifierInvalid(f"{item.name} comes in one size only", item_id=item.id)
    removing = as_integer(op.quantity) == 0
    quantity = op.quantity if op.quantity is None or removing else cart.check_quantity(op.quantity)
    notes = None if op.notes is None else cart.clean_notes(op.notes)
    _check_update(menu, line, item, options, notes)
    return cart.update_line(
        state, op.line_id, quantity=quantity, item=item, options=options, notes=notes, variation=variation
    )


def _check_update(
    menu: Menu, line: cart.Line, item: Item | None, options: list[Pick] | None, notes: str | None
) -> None:
    """The changed line must not say X and "not X" (new choices against the note kept, or the reverse)."""
    if options is None and notes is None:
        return
    item = item or menu.item_by_tag(line.item_tag)
    picks = options if options is not None else decode(line.option_tags, item.options_by_tag) if item else None
    if item is not None and picks is not None:
        check_consistent_once(item, picks, notes if notes is not None else line.notes)


def kept_picks(item: Item, line: cart.Line) -> list[Pick]:
    """The line's own picks on the current menu (to change only its variation); gone ones refuse."""
    picks = decode(line.option_tags, item.options_by_tag)
    if picks is None:
        raise ModifierInvalid(f"a choice on this {item.name} is no longer offered; choose again", line_id=line.line_id)
    return list(picks)


def resized_picks(item: Item, sizes: ModifierGroup, picks: list[Pick], size: str | None) -> list[Pick]:
    """``picks`` with the choice of the ``sizes`` group replaced by ``size`` (said as a variation)."""
    _, said = resolve_choices(item, (), size)  # read as a choice of the item, as an added line's size is
    chosen = [p for p in said if p.option.group_id == sizes.id]
    if not chosen:
        names = ", ".join(o.name for o in sizes.options if o.available)
        raise ModifierInvalid(f"{item.name} has no {size}; the {sizes.name} choices are {names}", item_id=item.id)
    return [p for p in picks if p.option.group_id != sizes.id] + chosen


def closed_notice(menu: Menu, now: int) -> CartWarning | None:
    """``restaurant_closed`` with today's hours when the menu has hours and ``now`` is outside them, else None.

    Said on every turn's cart warnings (HTTP) and first thing by the voice tools, so a customer
    learns it before building an order that checkout would refuse.
    """
    if menu.hours is None or menu.hours.is_open(now):
        return None
    today = menu.hours.today_text(now)
    hours = f"today's hours are {', '.join(today)}" if today else "it is closed all day today"
    return {
        "code": "restaurant_closed",
        "message": f"{menu.name} is closed right now; {hours} ({menu.hours.timezone} time)",
        "hours_today": today,
        "timezone": menu.hours.timezone,
    }


def finish(state: CartState, menu: Menu, codec: CartCodec, now: int, line_ids: tuple[int, ...] = ()) -> TurnResult:
    """Reprice, stamp ``now`` as the last activity and sign (a closed restaurant is a cart warning);
    ``line_ids``: the lines the turn landed on (:func:`apply`)."""
    priced = price_cart(state, menu, now)
    closed = closed_notice(menu, now)
    if closed is not None:
        priced.warnings.append(closed)
    token = codec.encode(priced.state, now)
    expires_at = codec.policy.expires_at(priced.state.created_at, now)
    return TurnResult(priced, token, expires_at, line_ids[0] if line_ids else None, line_ids)


def load(
    token: str | None,
    menu: Menu,
    codec: CartCodec,
    now: int,
    other_restaurants: Iterable[str] = (),
    *,
    expired: bool = False,
) -> CartState:
    """The token's cart, verified; ``expired``: past its expiry too (:meth:`CartCodec.decode`: only to find the
    order placed from it)."""
    if not token:
        raise TokenMissing("send the cart token in the Cart-Token header (create a cart first)")
    return codec.decode(token, menu.restaurant_id, now, other_restaurants, expired=expired)


def run_turn(
    token: str | None,
    op: Operation,
    menu: Menu,
    codec: CartCodec,
    now: int,
    other_restaurants: Iterable[str] = (),
) -> TurnResult:
    """Verify ``token``, apply ``op``, reprice from ``menu`` and mint the next token."""
    if isinstance(op, NewCart):
        return finish(cart.new_cart(op.cart_id, menu.restaurant_id, now), menu, codec, now)
    state = load(token, menu, codec, now, other_restaurants)
    state, line_ids = apply(state, op, menu, now)
    return finish(state, menu, codec, now, line_ids)


@dataclass(frozen=True)
class TurnInputs:
    """What a turn needs besides the token and the operation: one restaurant's menu, the codec and ``now``.

    ``other_restaurants`` are the ids this server also serves, so a token minted for one of them
    is refused as ``token_wrong_restaurant`` rather than as a bad signature.
    """

    menu: Menu
    codec: CartCodec
    now: int
    other_restaurants: Iterable[str] = ()

    def load(self, token: str | None, *, expired: bool = False) -> CartState:
        return load(token, self.menu, self.codec, self.now, self.other_restaurants, expired=expired)

    def finish(self, state: CartState) -> TurnResult:
        return finish(state, self.menu, self.codec, self.now)

    def run(self, token: str | None, op: Operation) -> TurnResult:
        return run_turn(token, op, self.menu, self.codec, self.now, self.other_restaurants)
