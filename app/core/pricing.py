"""Pricing: every turn reprices every line from the current menu. Integer cents only.

Unit price = item price + chosen options. A line whose quoted price moved gets the new price
and a ``price_changed`` warning (once: the new token carries the new quote). A line whose item
is gone, unavailable, or has an option the menu no longer offers stays in the cart with
``available: false``, counts for nothing, and warns on every turn until it is removed.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from app.core.cart import CartState, Line
from app.core.menu import Menu


@functools.lru_cache(maxsize=64)
def _ratio(rate: Decimal) -> tuple[int, int]:
    return rate.as_integer_ratio()


def tax_cents(subtotal_cents: int, rate: Decimal) -> int:
    """``round_half_up(subtotal × rate)`` in exact integer arithmetic (Decimal is slow per turn)."""
    numerator, denominator = _ratio(rate)
    whole, rest = divmod(abs(subtotal_cents) * numerator, denominator)
    whole += 2 * rest >= denominator  # a half rounds away from zero, like ROUND_HALF_UP
    return whole if subtotal_cents >= 0 else -whole


def format_money(cents: int, currency: str = "USD") -> str:
    """``2450 → "$24.50"`` (spoken-style; other currencies get their code)."""
    sign = "-" if cents < 0 else ""
    whole, frac = divmod(abs(cents), 100)
    symbol = "$" if currency == "USD" else f"{currency} "
    return f"{sign}{symbol}{whole:,}.{frac:02d}"


@dataclass(slots=True)
class PricedLine:
    line: Line  # its quote refreshed to the current menu when the line is available
    item_id: str | None
    name: str
    unit_price_cents: int
    modifiers: list[dict[str, Any]]
    available: bool
    total_cents: int  # unit price × quantity; 0 when unavailable

    def to_dict(self) -> dict[str, Any]:
        line = self.line
        return {
            "line_id": line.line_id,
            "item_id": self.item_id,
            "name": self.name,
            "quantity": line.quantity,
            "unit_price_cents": self.unit_price_cents,
            "modifiers": self.modifiers,
            "notes": line.notes,
            "line_total_cents": self.total_cents,
            "available": self.available,
        }


@dataclass
class PricedCart:
    state: CartState  # with quotes refreshed to the current menu
    currency: str
    lines: list[PricedLine]
    subtotal_cents: int
    tax_cents: int
    warnings: list[dict[str, Any]] = field(default_factory=list)

    @property
    def total_cents(self) -> int:
        return self.subtotal_cents + self.tax_cents

    @property
    def item_count(self) -> int:
        return sum(p.line.quantity for p in self.lines if p.available)


def _price_line(line: Line, menu: Menu, warnings: list[dict[str, Any]]) -> PricedLine:
    item = menu.items_by_tag.get(line.item_tag)  # not item_by_tag(): one call less per line per turn
    if item is None:
        warnings.append(
            {
                "code": "item_unavailable",
                "message": "an item in your cart is no longer on the menu",
                "line_id": line.line_id,
                "item_id": None,
            }
        )
        return PricedLine(line, None, "Item no longer on the menu", line.unit_price_cents, [], False, 0)
    # one pass over the line's options: the cart view's modifiers, their price, and any gone missing
    unit = item.price_cents
    modifiers = []
    missing = False
    options_by_tag = item.options_by_tag
    for tag in line.option_tags:
        option = options_by_tag.get(tag)
        if option is None:
            missing = True
            continue
        unit += option.price_cents
        modifiers.append({"id": option.id, "name": option.name, "price_cents": option.price_cents})
    if missing:
        warnings.append(
            {
                "code": "item_unavailable",
                "message": f"a choice on your {item.name} is no longer offered; please choose again",
                "line_id": line.line_id,
                "item_id": item.id,
                "reason": "modifier_removed",
            }
        )
        return PricedLine(line, item.id, item.name, line.unit_price_cents, modifiers, False, 0)
    if not item.available:
        warnings.append(
            {
                "code": "item_unavailable",
                "message": f"{item.name} is not available right now",
                "line_id": line.line_id,
                "item_id": item.id,
            }
        )
        return PricedLine(line, item.id, item.name, line.unit_price_cents, modifiers, False, 0)
    if unit != line.unit_price_cents:
        warnings.append(
            {
                "code": "price_changed",
                "message": f"the price of {item.name} changed from "
                f"{format_money(line.unit_price_cents, menu.currency)} to {format_money(unit, menu.currency)}",
                "line_id": line.line_id,
                "item_id": item.id,
                "old_unit_price_cents": line.unit_price_cents,
                "new_unit_price_cents": unit,
            }
        )
        line = line._replace(unit_price_cents=unit)  # announced once: the new token carries the new quote
    return PricedLine(line, item.id, item.name, unit, modifiers, True, unit * line.quantity)


def price_cart(state: CartState, menu: Menu) -> PricedCart:
    """Reprice ``state`` against ``menu``; the returned state carries the refreshed quotes."""
    warnings: list[dict[str, Any]] = []
    priced = [_price_line(line, menu, warnings) for line in state.lines]
    lines = tuple([p.line for p in priced])
    new_state = state if lines == state.lines else state._replace(lines=lines)
    subtotal = sum([p.total_cents for p in priced])
    return PricedCart(new_state, menu.currency, priced, subtotal, tax_cents(subtotal, menu.tax_rate), warnings)
