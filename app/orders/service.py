"""Checkout as a service: verify the cart, build the order, hand it to the sink exactly once.

Used by the HTTP route (``POST …/cart/checkout``) and the ``confirm_order`` voice tool alike.
Blocking (a sink may do I/O): call it off the event loop.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from app.core import turn
from app.core.cart import CartState, CartWarning, mark_checked_out
from app.core.menu import Menu
from app.errors import (
    CartAlreadyOrdered,
    CartEmpty,
    CartError,
    CartHasUnavailableItems,
    CartTooLarge,
    ModifierInvalid,
    ModifierRequired,
    OrderDeliveryFailed,
    OrderOutcomeUnknown,
    OrderTotalChanged,
    OrderTotalNegative,
    RestaurantClosed,
    RestaurantNotFound,
    TokenExpired,
)
from app.orders.order import (
    CheckoutRequest,
    CheckoutWarning,
    as_ordered,
    build_order,
    check_repeat,
    menu_of_order,
    order_id_for,
    other_content,
    priced_as_ordered,
    spoken_number,
)
from app.orders.port import CommitGate, OrderSink

# what build_order refuses a checkout with (nothing is placed by this call); every one, the menu's choices too
CheckoutRefused = (
    CartEmpty,
    CartHasUnavailableItems,
    ModifierInvalid,
    ModifierRequired,
    RestaurantClosed,
    OrderTotalNegative,
    OrderTotalChanged,
)


@dataclass
class Submitted:
    order: dict[str, Any]  # the order of record
    created: bool  # False: this cart revision had been ordered before (the same order)
    state: CartState  # the cart, marked checked out
    warnings: Sequence[CartWarning | CheckoutWarning]  # what repricing found (price_changed), or a repeat differed


UNCONFIRMED_REPEAT: CheckoutWarning = {
    "code": "checkout_details_unconfirmed",
    "message": "this order had already been placed, and the kitchen did not send back what it holds: its items "
    "and details are those of the first checkout, which may differ from these",
}


def submit(
    state: CartState,
    request: CheckoutRequest,
    menu: Menu,
    sink: OrderSink,
    now: int,
    mint: Callable[[CartState], object] | None = None,
    gate: CommitGate | None = None,
) -> Submitted:
    """Order ``state`` once. A cart ordered before gets its order back without being re-validated,
    so a retry still succeeds after the menu, the stock or the opening hours changed; if the store
    cannot be read, ``order_outcome_unknown`` (never validated as a new order: "nothing was ordered"
    could be false). A repeat answers with the order the kitchen has and says when this checkout
    differed (:func:`app.orders.order.check_repeat`). ``mint`` (the caller's token minting) is tried on
    the checked-out cart before the order is placed: a cart it refuses (``cart_too_large``: repricing
    made the token longer) is refused with nothing placed, never placed and then refused. ``gate``: the
    caller's :class:`~app.orders.port.CommitGate`, through which the sink commits.

    The placed order's own token (``checked_out``: minted only once the order was placed) proves the
    order: when its order cannot be had back (the webhook, which validates and delivers it again, or a
    store that cannot be read), the answer is ``cart_already_ordered`` naming it — never a refusal ("the
    total is now …", "closed"), "could not be delivered" or "can't check whether it was ordered"."""
    repeat = _ordered_already(state, request, sink)
    if repeat is not None:
        return repeat
    try:
        order, priced = build_order(state, menu, request, now)
        if mint is not None:
            mint(mark_checked_out(priced.state))
    except (*CheckoutRefused, CartTooLarge) as exc:
        raise _placed_before(state) if state.checked_out else _unless_kept(exc, sink) from None
    try:
        placement = sink.place(order, gate)
    except (OrderDeliveryFailed, OrderOutcomeUnknown) as exc:
        if state.checked_out:
            raise _placed_before(state) from None
        raise _unless_kept(exc, sink) if isinstance(exc, OrderDeliveryFailed) else exc from None
    if placement.created:
        return Submitted(placement.order, True, mark_checked_out(priced.state), priced.warnings)
    if placement.stored_copy:  # the kitchen's order, at the prices it was placed at
        warnings = check_repeat(placement.order, state, request)
        return Submitted(placement.order, False, as_ordered(priced.state, placement.order), warnings)
    return Submitted(placement.order, False, mark_checked_out(priced.state), [UNCONFIRMED_REPEAT])


def ordered_before(state: CartState, sink: OrderSink | None) -> CartAlreadyOrdered | None:
    """``cart_already_ordered`` naming the order when ``state`` is an older copy of a cart that was
    ordered (an older token of it, from another tab or a retried call — an empty one too: the cart's
    first token, lines added and ordered since), else None: what a turn on it must answer instead of
    reading or changing lines the kitchen may not have. None for the placed order's own token (its
    lines are the order), with no sink, or a sink that keeps no orders to look up (the webhook). A store
    that cannot be read raises ``order_outcome_unknown``: "can't check" is never "not ordered".
    Blocking: call it off the event loop."""
    if state.checked_out or sink is None:
        return None
    try:
        found = sink.lookup(state.cart_id_hex, state.revision)
    except CartAlreadyOrdered as exc:
        return exc
    return None if found is None else other_content(found, "this cart was already ordered")


def cancel_unordered(state: CartState, sink: OrderSink | None, now: int) -> bool:
    """Before a door answers "cancelled" or "cleared" for ``state`` (voice ``cancel``, ``clear_order``,
    ``DELETE …/cart``): the store records that this cart, up to ``state``'s revision, was cancelled unordered,
    so a checkout of it still in flight is refused ``cart_cancelled`` instead of being stored after the
    answer (:meth:`~app.orders.port.OrderSink.cancel`; break16o §1). Raises ``cart_already_ordered`` naming
    the order when the store took one first (never "cancelled" then), ``order_outcome_unknown`` when the
    store cannot be read or written. True when the store decided; False when it keeps no orders (the
    webhook: say that an earlier checkout may stand) or there is no sink (nothing can be ordered).
    The placed order's own token is never cancelled: the cart turn refuses it first (``cart_checked_out``).
    Blocking (it waits for the store's write lock): call it off the event loop."""
    if sink is None:
        return False
    return sink.cancel(state.cart_id_hex, state.revision, now)


def stored_order(state: CartState, sink: OrderSink | None) -> dict[str, Any] | None:
    """The order ``sink`` holds for this cart revision; None when there is none, the sink keeps no orders
    (the webhook) or the store cannot be read right now. Blocking: call it off the event loop."""
    if sink is None or not sink.keeps_orders:
        return None
    try:
        return sink.lookup(state.cart_id_hex, state.revision)
    except CartError:
        return None


def menu_after_order(state: CartState, gone: RestaurantNotFound, sink: OrderSink) -> Menu:
    """The menu to answer ``state`` (an authentic token of a restaurant whose menu is ``gone``) with: the
    stand-in of the order the store holds for this cart (:func:`app.orders.order.menu_of_order`) — this
    revision's (a retried checkout answers it: 200, the stored order) or another's (an older copy: it answers
    ``cart_already_ordered`` showing that order). No menu can answer anything else, so otherwise an error that
    never suggests nothing was ordered: the placed order's own token is ``cart_already_ordered`` naming it;
    where it can't be checked (a sink that keeps no orders, a store that cannot be read) ``gone`` says so with
    ``may_be_ordered``; only a store that holds no order of the cart leaves ``gone`` as it is (nothing was
    ordered). Blocking (a lookup): call it off the event loop."""
    try:
        stored = sink.lookup(state.cart_id_hex, state.revision)
    except CartAlreadyOrdered as exc:
        if exc.order is None:
            raise
        stored = exc.order
    except OrderOutcomeUnknown:
        stored, unknown = None, "; whether this cart was already ordered can't be checked right now"
    else:
        unknown = "" if sink.keeps_orders else UNCHECKED_MENU_GONE
    if stored is not None:
        return menu_of_order(stored, state.restaurant_id)
    if state.checked_out:
        raise _placed_before(state)
    if unknown:
        gone.details["may_be_ordered"] = True
        gone.message += unknown
    raise gone


UNCHECKED_MENU_GONE = (
    "; an earlier checkout of this cart may have reached the kitchen, which can't be checked from here"
)


def _ordered_already(state: CartState, request: CheckoutRequest | None, sink: OrderSink) -> Submitted | None:
    """A checkout of a cart ordered before at this revision: the stored order, the cart at its prices, what differed
    from ``request`` (None: a request too incomplete to compare, nothing said); None when there is none. A store
    that can't be read is ``order_outcome_unknown`` — for the placed order's own token ``cart_already_ordered``
    (:func:`_placed_before`)."""
    try:
        found = sink.lookup(state.cart_id_hex, state.revision)
    except OrderOutcomeUnknown:
        if state.checked_out:
            raise _placed_before(state) from None
        raise
    if found is None:
        return None
    warnings = [] if request is None else check_repeat(found, state, request)
    return Submitted(found, False, as_ordered(state, found), warnings)


def _placed_before(state: CartState) -> CartAlreadyOrdered:
    """What the placed order's own token is answered when its order cannot be had back: placed, by number."""
    order_id = order_id_for(state.cart_id)
    return CartAlreadyOrdered(
        f"this order was already placed as order number {spoken_number(order_id)} ({order_id}); its details can't be "
        "read back from here right now, and nothing was changed. To order something else, start a new cart",
        order_id=order_id,
        cart_revision=state.revision,
    )


def _unless_kept(exc: CartError, sink: OrderSink) -> CartError:
    """``exc`` (this checkout placed nothing), said truthfully for a sink that keeps no orders to look up
    (the webhook): an earlier checkout of this cart may already have reached the kitchen, so never
    "nothing was ordered" — ``may_be_ordered`` says so to the caller."""
    if not sink.keeps_orders:
        exc.details["may_be_ordered"] = True
        exc.message += (
            "; this checkout placed nothing, but an earlier checkout of this cart may already have reached "
            "the kitchen, which cannot be checked from here"
        )
    return exc


@dataclass
class Checkout:
    order: dict[str, Any]
    created: bool
    result: turn.TurnResult  # the checked-out cart and its token
    warnings: Sequence[CartWarning | CheckoutWarning]


def ordered_before_it_expired(
    state: CartState, expired: TokenExpired, request: CheckoutRequest | None, sink: OrderSink
) -> Submitted:
    """A checkout retried with an authentic token past its expiry (a long wait after ``order_outcome_unknown``,
    the placed order's token kept overnight): the order placed from this cart before it expired, answered as
    any repeat (200) — never "the cart expired" about a cart the kitchen has (a client then starts over and
    the customer orders twice). Nothing is placed: a cart not ordered is ``token_expired`` as before, said
    truthfully where the sink keeps no orders (:func:`_unless_kept`); the placed order's own token whose
    order can't be read back is ``cart_already_ordered``; an unreadable store ``order_outcome_unknown``.
    ``state``: the expired token's cart (``TurnInputs.load(…, expired=True)``); ``request``: None when the call
    lacks what a new order needs (voice: no name or total), an order placed before answered all the same."""
    repeat = _ordered_already(state, request, sink)
    if repeat is not None:
        return repeat
    raise _placed_before(state) if state.checked_out else _unless_kept(expired, sink)


def place_order(
    token: str | None,
    request: CheckoutRequest,
    inputs: turn.TurnInputs,
    sink: OrderSink,
    gate: CommitGate | None = None,
) -> Checkout:
    """Verify ``token``, order its cart once (committing through ``gate``), and mint the checked-out token."""
    try:
        state = inputs.load(token)
    except TokenExpired as exc:
        done = ordered_before_it_expired(inputs.load(token, expired=True), exc, request, sink)
    else:
        done = submit(state, request, inputs.menu, sink, inputs.now, inputs.finish, gate)
    result = inputs.finish(done.state)
    result.priced = priced_as_ordered(result.priced, done.order)  # the order's tax, whatever the rate is now
    return Checkout(done.order, done.created, result, done.warnings)
