"""The cart as the HTTP API documents it (``{"cart": …}``), and the one timestamp format."""

from __future__ import annotations

import functools
import time

from app.core.cart.pricing import PricedCart
from app.core.cart.shapes import CartView


@functools.lru_cache(maxsize=4)  # every turn in the same second shares one expiry text
def iso_utc(ts: int) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts))  # twice as fast as datetime, same text


def cart_view(priced: PricedCart, expires_at: int) -> CartView:
    """The cart as the API documents it."""
    state = priced.state
    return {
        "id": state.cart_id_hex,
        "restaurant_id": state.restaurant_id,
        "revision": state.revision,
        "currency": priced.currency,
        "lines": priced.line_views(),
        "item_count": priced.item_count,
        "subtotal_cents": priced.subtotal_cents,
        "tax_cents": priced.tax_cents,
        "taxes": priced.taxes,
        "total_cents": priced.total_cents,
        "checked_out": state.checked_out,
        "expires_at": iso_utc(expires_at),
        "warnings": priced.warnings,
    }
