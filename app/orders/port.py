"""The order sink port: where a placed order goes, and the promise every adapter keeps.

**One order per cart.** The order id is derived from the cart id
(:func:`app.orders.order.order_id_for`), so a retry names the same order, and a sink refuses to
hold two: a second placement of the same cart at the same revision returns the stored order; one
at another revision, or the same revision holding other content (two carts from one token), is
``cart_already_ordered`` (409) naming what was ordered. A sink that cannot take the order raises
``order_delivery_failed`` (502): nothing was placed, the caller's cart token is still valid and
retrying is safe. A store that cannot be *read* is never "no order": ``lookup`` raises
``order_outcome_unknown`` (504, "we can't check right now").

**A cancel and a placement of one cart are decided by the store, one of them wins.** ``cancel``
records, in one transaction that first finds no order of the cart, that the cart was cancelled up to
a revision; a placement at that revision or an earlier one is then refused ``cart_cancelled`` (409,
nothing ordered) inside its own transaction, serialised with the cancel's. So a cancel answered
"cancelled" while a checkout of the same cart was still in flight is never followed by that order
being stored (break16o §1), and a cancel that loses is ``cart_already_ordered``.

Adapters: :mod:`app.orders.sqlite` (default), :mod:`app.orders.webhook`; chosen by
:func:`app.orders.config.sink_from_settings`.
"""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass
from typing import Any, Protocol

from app.errors import CartAlreadyOrdered, CartCancelled, OrderDeliveryFailed, OrderOutcomeUnknown
from app.orders.order import Order, other_content

log = logging.getLogger("voicecart.orders")


@dataclass(frozen=True)
class Placement:
    order: dict[str, Any]  # the order of record (the stored one on a repeat)
    created: bool  # False: this cart had already been ordered at this revision
    # False: a repeat whose stored copy the sink could not see (a webhook receiver that answered a
    # repeat without the order it kept): ``order`` is this attempt's, the kitchen may hold other details
    stored_copy: bool = True


class CommitGate:
    """Whether one checkout's placement may still commit. The rule: nothing is stored after the caller was
    answered. A sink calls :meth:`enter` at its point of no return (before COMMIT, before sending the
    order); the caller that stops waiting (the checkout budget ran out) calls :meth:`close`, which says
    whether any commit had begun: if none had, nothing was placed and none ever will be."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._closed = False
        self._entered = False  # sticky: a commit once begun may have stored the order

    def enter(self) -> None:
        """Before committing; raises ``order_delivery_failed`` (placing nothing) once the gate is closed."""
        with self._lock:
            if self._closed:
                raise OrderDeliveryFailed("this checkout was answered before the store took it; it placed nothing")
            self._entered = True

    def close(self) -> bool:
        """No commit may begin from now on; True when none had begun (this checkout placed nothing)."""
        with self._lock:
            self._closed = True
            return not self._entered


class OrderSink(Protocol):
    # True: ``lookup`` tells an order from none (SQLite, PostgreSQL). False: the sink hands orders on
    # and keeps none (the webhook), so a refused checkout must not say "nothing was ordered".
    keeps_orders: bool
    # True: ``lookup`` reads a local file and never waits on a network or a writer (SQLite in WAL mode), so
    # an HTTP cart turn may call it on the event loop; False: call it on a thread (PostgreSQL).
    quick_lookup: bool

    def start(self) -> None:
        """Called once before serving, on an order thread (PostgreSQL: connect and create the table);
        a store that is down is not a start-up error."""
        ...

    def close(self) -> None:
        """Called once at shutdown: release connections and clients."""
        ...

    def place(self, order: Order, gate: CommitGate | None = None) -> Placement:
        """Take ``order`` unless its cart was ordered already (then: that order, or 409); commit only
        through ``gate`` (:class:`CommitGate`), when given."""
        ...

    def lookup(self, cart_id: str, revision: int) -> dict[str, Any] | None:
        """The order already placed for this cart revision; None if there is none (or the sink
        cannot keep orders, like the webhook).

        Lets a retry get its order back even when the menu, the hours or the stock changed since.
        Raises ``cart_already_ordered`` for another revision, and ``order_outcome_unknown`` when the
        store cannot be read (never None for "could not look").
        """
        ...

    def cancel(self, cart_id: str, revision: int, now: int) -> bool:
        """Record that this cart, up to ``revision``, was cancelled (at ``now``, Unix seconds) before any order of
        it: from then on a placement of it at ``revision`` or earlier is refused ``cart_cancelled``; a
        later revision is ordered as usual. True when recorded; False when the sink keeps no orders (the
        webhook): an earlier checkout may already have reached the kitchen, so the caller says that
        order stands. Decided against placements of the same cart in one transaction (they serialise).
        Raises ``cart_already_ordered`` naming the order when the cart has one (any revision: nothing is
        recorded), and ``order_outcome_unknown`` when the store cannot be read or written — never
        "cancelled" then."""
        ...


ORDER_COLUMNS = "order_id, cart_id, restaurant_id, cart_revision, placed_at, total_cents, body"


def order_row(order: Order) -> tuple[str, str, str, int, int, int, str]:
    """The values a store inserts for ``order``, in :data:`ORDER_COLUMNS`' order (``body``: :func:`order_json`)."""
    body = order_json(order).decode()
    return (
        order.order_id,
        order.cart_id,
        order.restaurant_id,
        order.cart_revision,
        order.placed_at,
        order.total_cents,
        body,
    )


def placement_of(order: Order, inserted: bool, row: tuple[str, int, str] | None) -> Placement:
    """What a store's insert-unless-the-cart-has-an-order did: ``order`` placed, or the cart's stored
    ``row`` (``order_id, cart_revision, body``) answered (the same revision) or refused (409)."""
    if inserted:
        log.info("order %s placed (cart %s rev %d)", order.order_id, order.cart_id, order.cart_revision)
        return Placement(order.to_dict(), True)
    if row is None or row[0] != order.order_id:
        raise RuntimeError(f"orders table is inconsistent for cart {order.cart_id}")
    return Placement(same_revision(row, order.cart_revision), False)


def order_json(order: Order) -> bytes:
    """The exact bytes stored or delivered (and signed): compact JSON, UTF-8."""
    return json.dumps(order.to_dict(), separators=(",", ":"), ensure_ascii=False).encode()


def already_ordered(order_id: str) -> CartAlreadyOrdered:
    """``cart_already_ordered`` when the sink does not know what was ordered (a kitchen's 409 without the
    order it kept): the order id only — never this attempt's revision or lines, which are not the order's."""
    return CartAlreadyOrdered(
        "this cart was already ordered before these changes; start a new cart to order again",
        order_id=order_id,
    )


def same_revision(row: tuple[str, int, str], revision: int) -> dict[str, Any]:
    """The stored order ``(order_id, cart_revision, body)`` if it is this revision's, else 409 naming
    what was ordered."""
    stored: dict[str, Any] = json.loads(row[2])
    if row[1] != revision:
        raise other_content(stored, "this cart was already ordered before these changes")
    return stored


def cancelled_before(order: Order, cancelled_revision: int) -> CartCancelled:
    """A placement refused because its cart was cancelled up to ``cancelled_revision`` first."""
    return CartCancelled(
        "this cart was cancelled before the order was placed; nothing was ordered. To order, add the items "
        "again and check out the new cart",
        cart_id=order.cart_id,
        cart_revision=order.cart_revision,
        cancelled_revision=cancelled_revision,
    )


def cannot_check(cart_id: str) -> OrderOutcomeUnknown:
    """A lookup that failed: we can't tell whether this cart was ordered, so nothing is said either way."""
    return OrderOutcomeUnknown(
        "the order store cannot be reached right now, so we can't check whether this cart was already "
        "ordered; nothing was changed by this call: retry the same request with the same cart token shortly",
        cart_id=cart_id,
        reason="lookup_failed",
    )
