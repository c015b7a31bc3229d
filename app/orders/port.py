"""The order sink port: where a placed order goes, and the promise every adapter keeps.

**One order per cart.** The order id is derived from the cart id
(:func:`app.orders.order.order_id_for`), so a retry names the same order, and a sink refuses to
hold two: a second placement of the same cart at the same revision returns the stored order; one
at another revision is ``cart_already_ordered`` (409). A sink that cannot take the order raises
``order_delivery_failed`` (502): nothing was placed, the caller's cart token is still valid and
retrying is safe.

Adapters: :mod:`app.orders.sqlite` (default), :mod:`app.orders.webhook`; chosen by
:func:`app.orders.config.sink_from_settings`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Protocol

from app.errors import CartAlreadyOrdered
from app.orders.order import Order


@dataclass(frozen=True)
class Placement:
    order: dict[str, Any]  # the order of record (the stored one on a repeat)
    created: bool  # False: this cart had already been ordered at this revision


class OrderSink(Protocol):
    def place(self, order: Order) -> Placement:
        """Take ``order`` unless its cart was ordered already (then: that order, or 409)."""
        ...

    def lookup(self, cart_id: str, revision: int) -> dict[str, Any] | None:
        """The order already placed for this cart revision, if the sink can tell (else None).

        Lets a retry get its order back even when the menu, the hours or the stock changed since.
        Raises ``cart_already_ordered`` for another revision.
        """
        ...


def order_json(order: Order) -> bytes:
    """The exact bytes stored or delivered (and signed): compact JSON, UTF-8."""
    return json.dumps(order.to_dict(), separators=(",", ":"), ensure_ascii=False).encode()


def already_ordered(order_id: str, revision: int) -> CartAlreadyOrdered:
    return CartAlreadyOrdered(
        "this cart was already ordered before these changes; start a new cart to order again",
        order_id=order_id,
        cart_revision=revision,
    )


def same_revision(row: tuple[str, int, str], revision: int) -> dict[str, Any]:
    """The stored order ``(order_id, cart_revision, body)`` if it is this revision's, else 409."""
    if row[1] != revision:
        raise already_ordered(row[0], row[1])
    body: dict[str, Any] = json.loads(row[2])
    return body


# --- SQLite -----------------------------------------------------------------------------------------
