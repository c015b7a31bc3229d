"""Checkout, the pure part: a decoded cart + the current menu + who is ordering → one :class:`Order`.

Every price and the tax are recomputed from the menu (:func:`app.core.cart.pricing.price_cart`), never
taken from the token. The order id is derived from the cart id alone, so every retry of the same
cart — on any replica, after any restart — names the same order, and a sink that enforces one
order per id (:mod:`app.orders.port`) can never hold two. Customer details live in the order only; the
cart token never carries them.

Checks, in order (each a documented code in :mod:`app.errors`): ``cart_empty`` →
``cart_has_unavailable_items`` → ``modifier_required`` / ``modifier_invalid`` (the menu's choices
may have changed since the line was added) → ``order_total_negative`` → ``restaurant_closed``
(if the menu has ``hours``) → ``order_total_changed`` (only if the caller sent ``expected_total_cents``).

Placing it with a sink is :mod:`app.orders.service`; reading it aloud is :mod:`app.voice.speech`.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, replace
from typing import Any, NotRequired, TypedDict

from app.core.cart import CartState, CartWarning, Line, TaxAmount, check_options, clean_notes, mark_checked_out
from app.core.cart.choices import decode, entry_key
from app.core.cart.pricing import PricedCart, PricedLine, format_money, price_cart
from app.core.cart.view import iso_utc
from app.core.menu import Menu
from app.core.menu.money import minor_digits
from app.core.turn import closed_notice
from app.errors import (
    CartAlreadyOrdered,
    CartEmpty,
    CartHasUnavailableItems,
    FieldInvalid,
    FieldRequired,
    InvalidRequest,
    ModifierInvalid,
    ModifierRequired,
    OrderTotalChanged,
    OrderTotalNegative,
    RestaurantClosed,
)
from app.json_input import as_integer, object_fields, visible_text

FULFILLMENT = ("pickup", "dine_in", "curbside")
MAX_NAME_CHARS = 80
MAX_TOTAL_CENTS = 10**10 - 1  # the largest expected_total_cents taken (voice: confirm_order's total_cents)
_PHONE = re.compile(r"\+?[0-9 ().-]{7,24}")
_REQUEST_FIELDS = {"customer", "fulfillment", "notes", "expected_total_cents"}


def order_id_for(cart_id: bytes) -> str:
    """``ord_`` + 20 hex digits: a domain-separated hash of the cart id, stable forever."""
    return "ord_" + hashlib.blake2b(cart_id, digest_size=10, person=b"voicecart.order").hexdigest()


def spoken_number(order_id: str) -> str:
    """The order number a customer is told: the last six characters of the order id, upper case."""
    return order_id[-6:].upper()


def cart_digest(state: CartState) -> str:
    """What the cart holds (items, sizes, choices, counts, notes; not prices), as 24 hex digits.

    Two carts from one token can share an id and a revision (a retried call, a double-submitted
    form): the order id and revision alone cannot tell them apart, this can. Prices are left out,
    so a retry after a price change still names the same order.
    """
    content = [
        [line.line_id, line.item_tag, line.variation_tag, repr(sorted(map(entry_key, line.option_tags))),
         line.quantity, line.notes]
        for line in state.lines
    ]  # fmt: skip
    canonical = json.dumps(content, separators=(",", ":"), ensure_ascii=False).encode()
    return hashlib.blake2b(canonical, digest_size=12, person=b"voicecart.cart").hexdigest()


# --- the request ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Customer:
    name: str
    phone: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, **({"phone": self.phone} if self.phone else {})}


@dataclass(frozen=True)
class CheckoutRequest:
    customer: Customer
    fulfillment: str
    notes: str = ""
    expected_total_cents: int | None = None


def _clean_name(value: Any) -> str:
    if not isinstance(value, str):
        raise InvalidRequest("customer.name must be a string", field="customer.name")
    name = visible_text(value, "customer.name")
    if not name:
        raise FieldRequired("customer.name is required", field="customer.name")
    if len(name) > MAX_NAME_CHARS:
        raise FieldInvalid(f"customer.name must be at most {MAX_NAME_CHARS} characters", field="customer.name")
    return name


def _clean_phone(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InvalidRequest("customer.phone must be a string", field="customer.phone")
    if not _PHONE.fullmatch(value.strip()):
        raise FieldInvalid("customer.phone must be a phone number such as +1 555 010 0199", field="customer.phone")
    digits = sum(ch.isdigit() for ch in value)
    if not 7 <= digits <= 15:
        raise FieldInvalid("customer.phone must have 7 to 15 digits", field="customer.phone")
    return value.strip()


def parse_checkout(body: Any) -> CheckoutRequest:
    """Validate ``{"customer": {"name", "phone"?}, "fulfillment", "notes"?, "expected_total_cents"?}``."""
    body = object_fields(body, _REQUEST_FIELDS)
    customer = body.get("customer")
    if not isinstance(customer, dict):
        raise InvalidRequest('customer is required: {"name": ..., "phone": ...}', field="customer")
    extra = sorted(set(customer) - {"name", "phone"})
    if extra:
        raise InvalidRequest(f"unknown customer field(s): {', '.join(extra)}", field="customer")
    fulfillment = body.get("fulfillment")
    if fulfillment not in FULFILLMENT:
        raise InvalidRequest(
            f"fulfillment must be one of {', '.join(FULFILLMENT)}", field="fulfillment", allowed=list(FULFILLMENT)
        )
    expected = body.get("expected_total_cents")
    if expected is not None:
        expected = as_integer(expected)
        if expected is None or not 0 <= expected <= MAX_TOTAL_CENTS:
            raise InvalidRequest("expected_total_cents must be a whole number of cents", field="expected_total_cents")
    return CheckoutRequest(
        customer=Customer(_clean_name(customer.get("name")), _clean_phone(customer.get("phone"))),
        fulfillment=fulfillment,
        notes=clean_notes(body.get("notes")),
        expected_total_cents=expected,
    )


# --- the order ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Order:
    order_id: str
    cart_id: str
    cart_revision: int
    restaurant_id: str
    currency: str
    lines: tuple[dict[str, Any], ...]
    subtotal_cents: int
    tax_cents: int
    customer: Customer
    fulfillment: str
    notes: str
    placed_at: int
    taxes: tuple[TaxAmount, ...] = ()
    added_tax_cents: int | None = None  # the additive taxes; None: all of tax_cents (no inclusive tax)
    cart_digest: str = ""  # cart_digest(state): which content of the cart this order is

    @property
    def total_cents(self) -> int:
        """Subtotal plus the additive taxes (inclusive ones are already in the subtotal)."""
        return self.subtotal_cents + (self.tax_cents if self.added_tax_cents is None else self.added_tax_cents)

    def to_dict(self) -> dict[str, Any]:
        """The order as delivered to the kitchen and returned to the client (JSON-ready)."""
        return {
            "order_id": self.order_id,
            "cart_id": self.cart_id,
            "cart_revision": self.cart_revision,
            "restaurant_id": self.restaurant_id,
            "currency": self.currency,
            "lines": list(self.lines),
            "subtotal_cents": self.subtotal_cents,
            "tax_cents": self.tax_cents,
            "taxes": list(self.taxes),
            "total_cents": self.total_cents,
            "customer": self.customer.to_dict(),
            "fulfillment": self.fulfillment,
            "notes": self.notes,
            "placed_at": iso_utc(self.placed_at),
            **({"cart_digest": self.cart_digest} if self.cart_digest else {}),
        }


# what every order voicecart makes holds (:meth:`Order.to_dict`), and what its answers and read-backs use
_ORDER_FIELDS: dict[str, type] = {
    "order_id": str,
    "cart_id": str,
    "cart_revision": int,
    "restaurant_id": str,
    "currency": str,
    "lines": list,
    "subtotal_cents": int,
    "tax_cents": int,
    "total_cents": int,
    "customer": dict,
    "fulfillment": str,
    "placed_at": str,
}
_LINE_FIELDS: dict[str, type] = {"name": str, "quantity": int, "modifiers": list}


def _has_fields(value: Any, fields: dict[str, type]) -> bool:
    return isinstance(value, dict) and all(
        isinstance(value.get(k), t) and not isinstance(value.get(k), bool) for k, t in fields.items()
    )


def _modifiers_shaped(modifiers: Any) -> bool:
    return isinstance(modifiers, list) and all(
        _has_fields(m, {"id": str, "name": str})
        and type(m.get("quantity", 1)) is int
        and _modifiers_shaped(m.get("modifiers", []))
        for m in modifiers
    )


def is_order_shaped(body: Any) -> bool:
    """``body`` has the shape of :meth:`Order.to_dict` — every field an answer or a read-back says (the
    totals, the customer's name, each line's name, count and choices) with its JSON type. The rule: an
    order from outside (a kitchen's answer) is the order of record only in this shape, never in part."""
    if not _has_fields(body, _ORDER_FIELDS) or not isinstance(body["customer"].get("name"), str):
        return False
    return all(_has_fields(line, _LINE_FIELDS) and _modifiers_shaped(line["modifiers"]) for line in body["lines"])


def _check_choices(priced: PricedCart, menu: Menu) -> None:
    """Required choices present and limits kept, against the menu as it is now."""
    for p in priced.lines:
        item = menu.item_by_tag(p.line.item_tag)
        assert item is not None  # unavailable lines were refused before
        picks = decode(p.line.option_tags, item.options_by_tag)
        assert picks is not None  # so were lines with a choice the menu no longer has
        tag = p.line.variation_tag
        variation = item.variations_by_tag.get(tag) if tag is not None else None
        try:
            check_options(item, list(picks), variation)
        except (ModifierInvalid, ModifierRequired) as exc:
            exc.details["line_id"] = p.line.line_id
            raise


def check_orderable(state: CartState, menu: Menu, now: int) -> PricedCart:
    """Everything about the cart itself that checkout requires (not the customer's part); the
    voice review asks the same question, so it never calls a cart ready that checkout refuses."""
    if not state.lines:
        raise CartEmpty("the cart is empty; add something before checking out")
    priced = price_cart(state, menu, now, today=True)  # a checked-out cart too: validated as a new order
    unavailable = [p.line.line_id for p in priced.lines if not p.available]
    if unavailable:
        raise CartHasUnavailableItems(
            "some items are not available any more; remove them and check out again",
            line_ids=unavailable,
            warnings=[w for w in priced.warnings if w["code"] == "item_unavailable"],
        )
    _check_choices(priced, menu)
    if priced.total_cents < 0:
        raise OrderTotalNegative(
            f"the order would total {format_money(priced.total_cents, menu.currency)}; it cannot be placed",
            total_cents=priced.total_cents,
        )
    closed = closed_notice(menu, now)
    if closed is not None:  # worded as every turn's warning says it: with today's hours
        raise RestaurantClosed(closed["message"], timezone=closed["timezone"], hours_today=closed["hours_today"])
    return priced


def build_order(state: CartState, menu: Menu, request: CheckoutRequest, now: int) -> tuple[Order, PricedCart]:
    """Validate ``state`` for checkout and price it from ``menu``; raises a checkout error code."""
    priced = check_orderable(state, menu, now)
    if request.expected_total_cents is not None and request.expected_total_cents != priced.total_cents:
        raise OrderTotalChanged(
            f"the total is now {format_money(priced.total_cents, menu.currency)}; please confirm it",
            total_cents=priced.total_cents,
            expected_total_cents=request.expected_total_cents,
            currency=menu.currency,
            changes=[w for w in priced.warnings if w["code"] == "price_changed"],  # what moved since the quote
        )
    lines = tuple({k: v for k, v in p.to_dict().items() if k != "available"} for p in priced.lines)
    order = Order(
        order_id=order_id_for(state.cart_id),
        cart_id=state.cart_id_hex,
        cart_revision=state.revision,
        restaurant_id=menu.restaurant_id,
        currency=menu.currency,
        lines=lines,
        subtotal_cents=priced.subtotal_cents,
        tax_cents=priced.tax_cents,
        customer=request.customer,
        fulfillment=request.fulfillment,
        notes=request.notes,
        placed_at=now,
        taxes=tuple(priced.taxes),
        added_tax_cents=priced.total_cents - priced.subtotal_cents,
        cart_digest=cart_digest(state),
    )
    return order, priced


# --- a repeat: this cart had been ordered ---------------------------------------------------------


def ordered_lines_text(stored: dict[str, Any]) -> str:
    """``2 × Cheeseburger (Large), 1 × French Fries``: what a stored order holds, for a message."""
    parts = []
    for line in stored.get("lines", []):
        variation = line.get("variation") or {}
        size = f" ({variation['name']})" if isinstance(variation, dict) and variation.get("name") else ""
        parts.append(f"{line.get('quantity')} × {line.get('name')}{size}")
    return ", ".join(parts) or "nothing"


def ordered_summary(stored: dict[str, Any]) -> list[dict[str, Any]]:
    """The stored order's lines, short: what the kitchen has."""
    return [
        {k: line[k] for k in ("line_id", "item_id", "name", "variation", "quantity", "modifiers", "notes") if k in line}
        for line in stored.get("lines", [])
    ]


def other_content(stored: dict[str, Any], message: str) -> CartAlreadyOrdered:
    """``cart_already_ordered`` naming what the stored order holds (and carrying it: ``order``)."""
    exc = CartAlreadyOrdered(
        f"{message} (order {stored['order_id']}: {ordered_lines_text(stored)}); start a new cart to order again",
        order_id=stored["order_id"],
        cart_revision=stored.get("cart_revision"),
        ordered_lines=ordered_summary(stored),
    )
    exc.order = stored
    return exc


NOT_WHAT_WAS_ORDERED: CartWarning = {
    "code": "cart_already_ordered",
    "message": "this is an older copy of a cart that was already ordered; it is not what was ordered",
}


def shown_as_ordered(priced: PricedCart, ordered: CartAlreadyOrdered, menu: Menu) -> PricedCart:
    """An older copy of an ordered cart (``priced``: its lines), as an answer about it shows the cart: the
    order ``ordered`` carries — its revision, lines, unit prices, taxes and total, checked out — rebuilt
    for display from the stored order (:func:`priced_as_ordered`), never this copy's lines as if they were
    the cart (break16o §5: the demo page drew an unordered $2.15 cart beside "already placed"). Where the
    order is not at hand (a kitchen that named it without its copy) or is malformed: this copy, with the
    ``cart_already_ordered`` warning that it is not what was ordered. Display only: no token is minted
    from it (its item tags are not the order's), the caller's token stays the older copy's."""
    stored = ordered.order
    lines = [] if stored is None else [_display_line(line, menu) for line in stored.get("lines", ())]
    revision = None if stored is None else stored.get("cart_revision")
    if stored is not None and lines and None not in lines and type(revision) is int:
        state = priced.state._replace(revision=revision, lines=tuple(line for line in lines if line is not None))
        cart = price_cart(mark_checked_out(state), menu)
        shown = priced_as_ordered(cart, stored)
        if shown is not cart:
            return shown
    return replace(priced, warnings=[*priced.warnings, NOT_WHAT_WAS_ORDERED])


def menu_of_order(stored: dict[str, Any], restaurant_id: str) -> Menu:
    """The stand-in menu of a restaurant whose menu is gone (its file removed, the restaurant dropped from the
    menu directory) while the store holds an order of a cart of it: no items, the order's currency, always
    open. Enough to answer about that order — a retried checkout (its stored order: nothing is re-validated),
    the placed cart shown as ordered (:func:`priced_as_ordered`) — never to change a cart (every item is
    unknown). The order store is keyed by cart, not by menu (break16o §7)."""
    currency = stored["currency"] if isinstance(stored.get("currency"), str) else "USD"
    digits = minor_digits(currency)
    return Menu(restaurant_id, restaurant_id, currency, None, (), {}, minor_digits=2 if digits is None else digits)


def _display_line(stored: Any, menu: Menu) -> Line | None:
    """A stored order line as a cart line to price for display (its item's tag when still on the menu)."""
    if not isinstance(stored, dict):
        return None
    line_id, quantity, unit = stored.get("line_id"), stored.get("quantity"), stored.get("unit_price_cents")
    if not (type(line_id) is int and type(quantity) is int and type(unit) is int):
        return None
    item = menu.item(stored["item_id"]) if isinstance(stored.get("item_id"), str) else None
    return Line(line_id, item.tag if item is not None else 0, quantity, unit)


def as_ordered(state: CartState, stored: dict[str, Any]) -> CartState:
    """``state`` checked out, each line quoted at the unit price the ``stored`` order holds for it: a
    repeat's cart shows the order at the prices it was placed at, never the token's last quotes (from
    before a price change the order was placed after) nor today's."""
    prices = {
        line.get("line_id"): line.get("unit_price_cents") for line in stored.get("lines", []) if isinstance(line, dict)
    }
    lines = tuple(
        line._replace(unit_price_cents=price) if type(price := prices.get(line.line_id)) is int else line
        for line in state.lines
    )
    return mark_checked_out(state._replace(lines=lines))


def priced_as_ordered(priced: PricedCart, stored: dict[str, Any]) -> PricedCart:
    """``priced`` (a checked-out cart) as the ``stored`` order has it: each line as ordered (name, variation,
    choices, unit price), the order's taxes, tax and total — never today's menu (an item since removed would
    show as unavailable, a rate changed since a total the order does not have) — and no line warnings
    (``item_unavailable``, ``price_changed``: the order's figures are fixed). Unchanged when the order's lines
    are not this cart's, line for line (by ``line_id`` and quantity), or its figures are malformed."""
    subtotal, tax, total, taxes = (stored.get(k) for k in ("subtotal_cents", "tax_cents", "total_cents", "taxes"))
    ordered = {line.get("line_id"): line for line in stored.get("lines", ()) if isinstance(line, dict)}
    state = priced.state
    if not (
        state.checked_out
        and type(subtotal) is int
        and type(tax) is int
        and type(total) is int
        and isinstance(taxes, list | tuple)
        and len(ordered) == len(state.lines)
        and all(_same_line(ordered.get(line.line_id), line.quantity) for line in state.lines)
    ):
        return priced
    entries = [_ordered_line(line, ordered[line.line_id]) for line in state.lines]
    if sum(entry.total_cents for entry in entries) != subtotal:
        return priced
    return replace(
        priced,
        entries=list(entries),  # list[PricedLine] as the field's wider list type
        subtotal_cents=subtotal,
        taxes=list(taxes),
        tax_cents=tax,
        added_tax_cents=total - subtotal,
        warnings=[w for w in priced.warnings if "line_id" not in w],
        item_count=sum(line.quantity for line in state.lines),
    )


def _same_line(stored: dict[str, Any] | None, quantity: int) -> bool:
    """A stored order line that can stand for a cart line of ``quantity``: its figures whole numbers."""
    return (
        stored is not None
        and stored.get("quantity") == quantity
        and type(stored.get("unit_price_cents")) is int
        and isinstance(stored.get("name"), str)
        and isinstance(stored.get("modifiers", []), list)
    )


def _ordered_line(line: Line, stored: dict[str, Any]) -> PricedLine:
    """A cart line priced as the order holds it (available: the kitchen has it, whatever the menu says now)."""
    unit = stored["unit_price_cents"]
    return PricedLine(
        line._replace(unit_price_cents=unit),
        stored.get("item_id"),
        stored["name"],
        unit,
        stored.get("modifiers", []),
        True,
        unit * line.quantity,
        stored.get("variation"),
    )


class CheckoutWarning(TypedDict):
    """What a repeated checkout says about itself: ``checkout_details_differ`` (with the ``fields``
    that differed and what was ``ordered`` for them) or ``checkout_details_unconfirmed``."""

    code: str
    message: str
    fields: NotRequired[list[str]]
    ordered: NotRequired[dict[str, Any]]


def check_repeat(stored: dict[str, Any], state: CartState, request: CheckoutRequest) -> list[CheckoutWarning]:
    """A checkout of a cart that has an order ``stored``: the same content is that order (its warnings,
    if this checkout asked for other details, are returned); other content is ``cart_already_ordered``.

    The order of record is what the kitchen has: a retry never changes it, and says so when it differed.
    """
    digest = stored.get("cart_digest")
    if digest and digest != cart_digest(state):  # orders stored before the digest existed cannot tell
        raise other_content(stored, "this cart was already ordered with other items")
    asked = {
        "customer.name": request.customer.name,
        "customer.phone": request.customer.phone,
        "fulfillment": request.fulfillment,
        "notes": request.notes,
    }
    customer = stored.get("customer") or {}
    kept = {
        "customer.name": customer.get("name"),
        "customer.phone": customer.get("phone"),
        "fulfillment": stored.get("fulfillment"),
        "notes": stored.get("notes", ""),
    }
    differ = [field for field in asked if (asked[field] or None) != (kept[field] or None)]
    if not differ:
        return []
    said = ", ".join(f"{field} {kept[field]!r}" if kept[field] else f"no {field}" for field in differ)
    return [
        {
            "code": "checkout_details_differ",
            "message": f"this order was already placed with other details ({said}); the kitchen has those, "
            "this checkout's were not used",
            "fields": differ,
            "ordered": {field: kept[field] for field in differ},
        }
    ]
