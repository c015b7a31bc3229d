"""The JSON shapes the cart answers with, as types: what ``/openapi.json`` documents, in Python.

Plain dicts at run time (built once per menu choice or per turn and handed to the JSON encoder
as they are); these TypedDicts only let the type checker hold every producer to the same keys.
Money is in the menu currency's minor unit (``*_cents``), rates are decimal strings.
"""

from __future__ import annotations

from typing import NotRequired, TypedDict

from app.core.menu.model import TaxView


class Priced(TypedDict):
    """A variation, an option offered or an item suggested: ``{"id", "name", "price_cents"}``."""

    id: str
    name: str
    price_cents: int


class ModifierView(Priced):
    """A chosen option on a line; equal picks fold into one with a ``quantity``."""

    quantity: int
    modifiers: list[ModifierView]  # choices nested under it


class TaxAmount(TaxView):
    """One tax of the menu on this order (computed once, on the lines it applies to)."""

    amount_cents: int


class LineView(TypedDict):
    """One cart line (``CartLine`` in the OpenAPI document)."""

    line_id: int
    item_id: str | None  # None: the item is gone from the menu
    name: str
    variation: Priced | None
    quantity: int
    unit_price_cents: int
    modifiers: list[ModifierView]
    notes: str
    line_total_cents: int  # 0 when unavailable
    available: bool


class CartWarning(TypedDict):
    """Something the customer should hear about the cart (``CartWarning``: a line's, or the hours').

    ``item_unavailable`` and ``price_changed`` name a line; ``restaurant_closed`` gives today's hours
    (a checkout's own warnings: :class:`app.orders.order.CheckoutWarning`).
    """

    code: str
    message: str  # a sentence to say
    line_id: NotRequired[int]
    item_id: NotRequired[str | None]
    reason: NotRequired[str]  # item_unavailable: why the line cannot be served (e.g. modifier_removed)
    old_unit_price_cents: NotRequired[int]  # price_changed
    new_unit_price_cents: NotRequired[int]
    hours_today: NotRequired[list[str]]  # restaurant_closed: "HH:MM-HH:MM" in the menu's time zone
    timezone: NotRequired[str]


class CartView(TypedDict):
    """The cart as the HTTP API documents it (``{"cart": …}``)."""

    id: str  # the cart id, hex
    restaurant_id: str
    revision: int
    currency: str
    lines: list[LineView]
    item_count: int
    subtotal_cents: int
    tax_cents: int  # all tax: included in the prices and added to them
    taxes: list[TaxAmount]
    total_cents: int
    checked_out: bool
    expires_at: str  # ISO 8601 UTC, to the second
    warnings: list[CartWarning]
