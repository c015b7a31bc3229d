"""Checkout as a service: verify the cart, build the order, hand it to the sink exactly once.

Used by the HTTP route (``POST …/cart/checkout``) and the ``confirm_order`` voice tool alike.
Blocking (a sink may do I/O): call it off the event loop.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.core import turn
from app.core.cart import CartState, CartWarning, mark_checked_out
from app.core.menu import Menu
from app.orders.order import CheckoutRequest, build_order
from app.orders.port import OrderSink


@dataclass
class Submitted:
    order: dict[str, Any]  # the order of record
    created: bool  # False: this cart revision had been ordered before (the same order)
    state: CartState  # the cart, marked checked out
    warnings: list[CartWarning]  # what repricing at checkout found (e.g. price_changed)


def submit(state: CartState, request: CheckoutRequest, menu: Menu, sink: OrderSink, now: int) -> Submitted:
    """Order ``state`` once. A cart ordered before gets its order back without being re-validated,
    so a retry still succeeds after the menu, the stock or the opening hours changed."""
    found = sink.lookup(state.cart_id_hex, state.revision)
    if found is not None:
        return Submitted(found, False, mark_checked_out(state), [])
    order, priced = build_order(state, menu, request, now)
    placement = sink.place(order)
    return Submitted(placement.order, placement.created, mark_checked_out(priced.state), priced.warnings)


@dataclass
class Checkout:
    order: dict[str, Any]
    created: bool
    result: turn.TurnResult  # the checked-out cart and its token
    warnings: list[CartWarning]


def place_order(token: str | None, request: CheckoutRequest, inputs: turn.TurnInputs, sink: OrderSink) -> Checkout:
    """Verify ``token``, order its cart once, and mint the checked-out token."""
    state = inputs.load(token)
    done = submit(state, request, inputs.menu, sink, inputs.now)
    return Checkout(done.order, done.created, inputs.finish(done.state), done.warnings)
