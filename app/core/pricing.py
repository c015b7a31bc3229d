"""Pricing: every turn reprices every line from the current menu. Integer cents only.

Unit price = item price + chosen options. A line whose quoted price moved gets the new price
and a ``price_changed`` warning (once: the new token carries the new quote). A line whose item
is gone, unavailable, or has an option the menu no longer offers stays in the cart with
``available: false``, counts for nothing, and warns on every turn until it is removed.
"""

from __future__ import annotations

import functools
import weakref
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

from app.core.cart import CartState, Line
from app.core.menu import Item, Menu


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


class PricedLine(NamedTuple):
    """One cart line as the menu prices it now (a NamedTuple: one is built per line per turn)."""

    line: Line  # its quote refreshed to the current menu when the line is available
    item_id: str | None
    name: str
    unit_price_cents: int
    modifiers: list[dict[str, Any]]  # shared by every line with the same choice: read, never change
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


class _Choice(NamedTuple):
    """What the menu says about one (item, options) choice, whatever line holds it."""

    item: Item | None  # None: the item is gone from the menu
    unit_price_cents: int  # item + the options still offered
    modifiers: list[dict[str, Any]]  # the cart view's modifiers (the options still offered)
    problem: str | None  # None, or why the line is unavailable: "item_gone", "modifier_removed", "unavailable"


MAX_CHOICES_PER_MENU = 4096  # distinct (item, options) pairs remembered per menu before starting over
# per menu object: a reload makes new Menu objects, so their choices start empty, and a menu's go
# with it (weak keys; Menu hashes by identity)
_CHOICES: weakref.WeakKeyDictionary[Menu, dict[tuple[int, tuple[int, ...]], _Choice]] = weakref.WeakKeyDictionary()


def _choice(menu: Menu, item_tag: int, option_tags: tuple[int, ...]) -> _Choice:
    item = menu.items_by_tag.get(item_tag)
    if item is None:
        return _Choice(None, 0, [], "item_gone")
    unit = item.price_cents
    modifiers = []
    missing = False
    for tag in option_tags:
        option = item.options_by_tag.get(tag)
        if option is None:
            missing = True
            continue
        unit += option.price_cents
        modifiers.append({"id": option.id, "name": option.name, "price_cents": option.price_cents})
    problem = "modifier_removed" if missing else None if item.available else "unavailable"
    return _Choice(item, unit, modifiers, problem)


def _choices(menu: Menu) -> dict[tuple[int, tuple[int, ...]], _Choice]:
    choices = _CHOICES.get(menu)
    if choices is None or len(choices) >= MAX_CHOICES_PER_MENU:
        choices = _CHOICES[menu] = {}
    return choices


def _unavailable(line: Line, choice: _Choice, warnings: list[dict[str, Any]]) -> PricedLine:
    """The line of a choice the menu no longer offers: it counts for nothing and warns."""
    item = choice.item
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
    if choice.problem == "modifier_removed":
        warnings.append(
            {
                "code": "item_unavailable",
                "message": f"a choice on your {item.name} is no longer offered; please choose again",
                "line_id": line.line_id,
                "item_id": item.id,
                "reason": "modifier_removed",
            }
        )
    else:
        warnings.append(
            {
                "code": "item_unavailable",
                "message": f"{item.name} is not available right now",
                "line_id": line.line_id,
                "item_id": item.id,
            }
        )
    return PricedLine(line, item.id, item.name, line.unit_price_cents, choice.modifiers, False, 0)


def _price_changed(line: Line, item: Item, unit: int, currency: str) -> dict[str, Any]:
    return {
        "code": "price_changed",
        "message": f"the price of {item.name} changed from "
        f"{format_money(line.unit_price_cents, currency)} to {format_money(unit, currency)}",
        "line_id": line.line_id,
        "item_id": item.id,
        "old_unit_price_cents": line.unit_price_cents,
        "new_unit_price_cents": unit,
    }


_new_tuple = tuple.__new__  # a NamedTuple from its fields, without its Python-level __new__


def price_cart(state: CartState, menu: Menu) -> PricedCart:
    """Reprice ``state`` against ``menu``; the returned state carries the refreshed quotes.

    What each (item, options) choice costs is worked out once per menu object and remembered
    (:data:`_CHOICES`); only what depends on the line (quantity, its quote, its id) is per turn.
    """
    choices = _choices(menu)
    warnings: list[dict[str, Any]] = []
    priced = []
    subtotal = 0
    changed = False
    for line in state.lines:
        key = (line.item_tag, line.option_tags)
        choice = choices.get(key)
        if choice is None:
            choice = choices[key] = _choice(menu, *key)
        if choice.problem is not None:
            priced.append(_unavailable(line, choice, warnings))
            continue
        item, unit = choice.item, choice.unit_price_cents
        if unit != line.unit_price_cents:
            warnings.append(_price_changed(line, item, unit, menu.currency))  # type: ignore[arg-type]
            line = line._replace(unit_price_cents=unit)  # announced once: the new token carries the new quote
            changed = True
        total = unit * line.quantity
        subtotal += total
        priced.append(_new_tuple(PricedLine, (line, item.id, item.name, unit, choice.modifiers, True, total)))  # type: ignore[union-attr]
    new_state = state._replace(lines=tuple([p.line for p in priced])) if changed else state
    return PricedCart(new_state, menu.currency, priced, subtotal, tax_cents(subtotal, menu.tax_rate), warnings)
