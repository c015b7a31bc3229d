"""Pricing: every turn reprices every line from the current menu. Integers in the minor unit only.

Unit price = item price (or the chosen variation's) + every chosen option, repeats and nested
choices included. A line whose quoted price moved gets the new price and a ``price_changed``
warning (once: the new token carries the new quote); a checked-out cart is its placed order and keeps
the prices it was ordered at (:func:`_as_ordered`). A line whose item is gone, unavailable
(or outside its ``availability`` window), or has a variation or option the menu no longer
offers or has 86'd stays in the cart with ``available: false``, counts for nothing, and warns on
every turn until it is removed.

Taxes: each tax of the menu is computed once on the order, on the sum of the available lines it
applies to (an item's ``taxes``; all by default), rounded half up to the minor unit. An additive
tax is ``base × rate``; an inclusive one is already in the prices and amounts to
``base × rate / (1 + rate)``. ``tax_cents`` is all tax; ``total_cents`` adds the additive ones.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple, TypeAlias

from app.core.cart import CartState, Line
from app.core.cart.choices import Pick, decode, is_flat, modifiers_view, unit_price, variation_view
from app.core.cart.shapes import CartWarning, LineView, ModifierView, Priced, TaxAmount
from app.core.menu import Item, Menu, Tax
from app.core.menu.memo import memo
from app.core.menu.money import format_money as format_money


@functools.lru_cache(maxsize=64)
def _ratio(rate: Decimal) -> tuple[int, int]:
    return rate.as_integer_ratio()


def _half_up(numerator: int, denominator: int) -> int:
    """``round_half_up(numerator / denominator)`` for a positive denominator, halves away from zero."""
    whole, rest = divmod(abs(numerator), denominator)
    whole += 2 * rest >= denominator
    return whole if numerator >= 0 else -whole


def tax_cents(subtotal_cents: int, rate: Decimal, inclusive: bool = False) -> int:
    """Tax on ``subtotal_cents`` in exact integer arithmetic (Decimal is slow per turn), half up.

    Additive: ``subtotal × rate``. Inclusive (already in the subtotal): ``subtotal × rate / (1 + rate)``.
    """
    numerator, denominator = _ratio(rate)
    if inclusive:
        return _half_up(subtotal_cents * numerator, denominator + numerator)
    return _half_up(subtotal_cents * numerator, denominator)


class PricedLine(NamedTuple):
    """One cart line as the menu prices it now (a NamedTuple: one is built per line per turn)."""

    line: Line  # its quote refreshed to the current menu when the line is available
    item_id: str | None
    name: str
    unit_price_cents: int
    modifiers: list[ModifierView]  # shared by every line with the same choice: read, never change
    available: bool
    total_cents: int  # unit price × quantity; 0 when unavailable
    variation: Priced | None = None  # the chosen variation
    tax_ids: tuple[str, ...] | None = None  # the item's ``taxes``; None: every tax of the menu

    def to_dict(self) -> LineView:
        line = self.line
        return {
            "line_id": line.line_id,
            "item_id": self.item_id,
            "name": self.name,
            "variation": self.variation,
            "quantity": line.quantity,
            "unit_price_cents": self.unit_price_cents,
            "modifiers": self.modifiers,
            "notes": line.notes,
            "line_total_cents": self.total_cents,
            "available": self.available,
        }


# what pricing keeps per line, in the order of the priced state's lines: the line's choice as the
# menu prices it (a _Served, shared by every line of that choice) when the line is served, else
# the line's unavailable PricedLine. PricedLines of served lines are only built when asked for
# (PricedCart.lines): the cart view reads the _Served directly (PricedCart.line_views).
_Entry: TypeAlias = "tuple[Any, ...] | PricedLine"


@dataclass
class PricedCart:
    state: CartState  # with quotes refreshed to the current menu
    currency: str
    entries: list[_Entry]  # per line of ``state``: see _Entry above
    subtotal_cents: int
    tax_cents: int  # all tax: included in the prices and added to them
    warnings: list[CartWarning] = field(default_factory=list)
    taxes: list[TaxAmount] = field(default_factory=list)
    added_tax_cents: int | None = None  # the additive taxes only; None: all of tax_cents
    item_count: int = 0  # the quantities of the available lines

    @property
    def total_cents(self) -> int:
        return self.subtotal_cents + (self.tax_cents if self.added_tax_cents is None else self.added_tax_cents)

    @functools.cached_property
    def lines(self) -> list[PricedLine]:
        """Every line as the menu prices it now, in the cart's order."""
        return [
            entry
            if type(entry) is PricedLine
            else _new_tuple(PricedLine, (line, *entry[:4], True, entry[2] * line.quantity, *entry[4:6]))
            for line, entry in zip(self.state.lines, self.entries, strict=True)
        ]

    def line_views(self) -> list[LineView]:
        """``[p.to_dict() for p in self.lines]``, built straight from what pricing kept."""
        return [
            entry.to_dict()
            if type(entry) is PricedLine
            else {
                "line_id": line[0],  # Line's line_id, quantity and notes: indexed, cheaper than by name
                "item_id": entry[0],
                "name": entry[1],
                "variation": entry[4],
                "quantity": line[2],
                "unit_price_cents": entry[2],
                "modifiers": entry[3],
                "notes": line[5],
                "line_total_cents": entry[2] * line[2],
                "available": True,
            }
            for line, entry in zip(self.state.lines, self.entries, strict=True)
        ]


def _unavailable(
    warnings: list[CartWarning],
    line: Line,
    item: Item,
    message: str,
    reason: str | None = None,
    shown: tuple[list[ModifierView], Priced | None] = ([], None),
) -> PricedLine:
    """An unavailable line; ``shown`` (its modifiers and variation views) when its choices are still known, so
    the customer hears which line it is."""
    warning: CartWarning = {"code": "item_unavailable", "message": message, "line_id": line.line_id, "item_id": item.id}
    if reason:
        warning["reason"] = reason
    warnings.append(warning)
    modifiers, variation = shown
    return PricedLine(line, item.id, item.name, line.unit_price_cents, modifiers, False, 0, variation, item.tax_ids)


def _sold_out(picks: tuple[Pick, ...]) -> Pick | None:
    """The first pick, at any depth, whose option is 86'd."""
    for pick in picks:
        if not pick.option.available:
            return pick
        inner = _sold_out(pick.picks)
        if inner is not None:
            return inner
    return None


def _removed(item: Item) -> str:
    return f"a choice on your {item.name} is no longer offered; please choose again"


def _choices(
    variation_tag: int | None, option_tags: tuple[Any, ...], item: Item
) -> tuple[int, list[ModifierView], str | None, str]:
    """A line with a variation, a repeat or nested choices (else: the flat pass in :func:`_choice`):
    its unit price and modifiers view, or a reason it cannot be served (and what to say)."""
    variation = None
    if variation_tag is not None:
        variation = item.variations_by_tag.get(variation_tag)
        if variation is None:
            return 0, [], "modifier_removed", f"the size of your {item.name} is no longer offered; please choose again"
        if not variation.available:
            return 0, [], "variation_unavailable", f"{item.name} ({variation.name}) is sold out right now"
    elif item.variations:
        return 0, [], "variation_required", f"{item.name} now comes in sizes; please choose again"
    base = variation.price_cents if variation is not None else item.price_cents
    picks = decode(option_tags, item.options_by_tag)
    if picks is None:
        return 0, [], "modifier_removed", _removed(item)
    gone = _sold_out(picks)
    if gone is not None:
        return 0, [], "modifier_unavailable", f"{gone.option.name} on your {item.name} is sold out right now"
    return unit_price(base, picks), modifiers_view(picks), None, ""


class _Choice(NamedTuple):
    """What the menu says about one choice (item, variation, options), whatever line holds it."""

    item: Item | None  # None: the item is gone from the menu
    unit_price_cents: int
    modifiers: list[ModifierView]  # the cart view's modifiers: shared by every line so priced, never changed
    reason: str | None  # why a line of this choice cannot be served (then ``message`` says it), else None
    message: str
    variation: Priced | None  # the cart view's variation


def _choice(menu: Menu, item_tag: int, variation_tag: int | None, tags: tuple[Any, ...]) -> _Choice:
    """Price one choice against ``menu``: the item's and its options' prices, availability of the options."""
    item = menu.items_by_tag.get(item_tag)
    if item is None:
        return _Choice(None, 0, [], None, "", None)
    reason, message = None, ""
    if variation_tag is None and not item.variations and (not tags or is_flat(tags)):
        unit = item.price_cents
        modifiers: list[ModifierView] = []
        options_by_tag = item.options_by_tag
        for tag in tags:
            option = options_by_tag.get(tag)
            if option is None:
                reason, message = "modifier_removed", _removed(item)
                break
            if not option.available:
                reason, message = "modifier_unavailable", f"{option.name} on your {item.name} is sold out right now"
                break
            price = option.price_cents
            unit += price
            modifiers.append(
                {"id": option.id, "name": option.name, "price_cents": price, "quantity": 1, "modifiers": []},
            )
    else:
        unit, modifiers, reason, message = _choices(variation_tag, tags, item)
    variation = None
    if reason is None and variation_tag is not None:
        variation = variation_view(item.variations_by_tag[variation_tag])
    return _Choice(item, unit, modifiers, reason, message, variation)


# what the memo keeps per choice: a plain tuple, in PricedLine's order where it has the same fields
# (the item's id and name, the unit price, the modifiers view, the variation view and the item's
# tax ids; whether it is served: the item is on sale at every hour and every choice still offered,
# so nothing about a line can make it unavailable; and the _Choice)
_Served = tuple[str, str, int, list[ModifierView], Priced | None, tuple[str, ...] | None, bool, "_Choice"]


MAX_CHOICES_PER_ITEM = 1024  # distinct choices remembered per item of a menu before starting over


def _choices_of(menu: Menu) -> dict[int, dict[tuple[Any, ...], _Served]]:
    """The choices priced on ``menu`` so far, by item tag, then by options (a chosen variation: by
    ``("variation", tag, options)``; options never hold a string), kept on the menu object
    (:mod:`app.core.menu.memo`): a reload makes new Menu objects, whose choices start empty, and an
    old menu's go with it. Two lookups cost less than building and comparing a 3-tuple per line."""
    return memo(menu, "priced choices by item", 1 << 16)


_new_tuple = tuple.__new__  # a NamedTuple from its fields, without its Python-level __new__


def _served(menu: Menu, item_tag: int, variation_tag: int | None, tags: tuple[Any, ...]) -> _Served:
    choice = _choice(menu, item_tag, variation_tag, tags)
    item = choice.item
    if item is None:
        return ("", "", 0, [], None, None, False, choice)
    served = choice.reason is None and item.available and item.availability is None
    unit, modifiers, variation = choice.unit_price_cents, choice.modifiers, choice.variation
    return (item.id, item.name, unit, modifiers, variation, item.tax_ids, served, choice)


def _remember(
    choices: dict[int, dict[tuple[Any, ...], _Served]],
    menu: Menu,
    item_tag: int,
    variation_tag: int | None,
    option_tags: tuple[Any, ...],
    key: tuple[Any, ...],
) -> _Served:
    """Price a choice not seen yet on ``menu`` and keep it in ``choices`` (:func:`_choices_of`)."""
    of_item = choices.get(item_tag)
    if of_item is None or len(of_item) >= MAX_CHOICES_PER_ITEM:
        of_item = choices[item_tag] = {}
    served = of_item[key] = _served(menu, item_tag, variation_tag, option_tags)
    return served


def _price_lines(
    state: CartState, menu: Menu, warnings: list[CartWarning], now: int | None
) -> tuple[list[_Entry], tuple[Line, ...], int, int]:
    """Every line's entry (see ``_Entry``), the lines with refreshed quotes (``state.lines`` itself
    when none moved), the subtotal and the item count. What a choice costs comes from
    :func:`_choice`, worked out once per menu object and choice; only what depends on the line or
    on ``now`` is done per line per turn, and no object is built for a line that is served."""
    choices = _choices_of(menu)
    entries: list[_Entry] = []
    lines = state.lines
    subtotal = count = 0
    requoted: dict[int, Line] = {}  # index → the line with its new quote
    for line in lines:
        _, item_tag, quantity, quoted, option_tags, _, variation_tag = line  # unpacked: cheaper than 5 attributes
        key = option_tags if variation_tag is None else ("variation", variation_tag, option_tags)
        try:
            served = choices[item_tag][key]
        except KeyError:  # the first line of this choice on this menu object
            served = _remember(choices, menu, item_tag, variation_tag, option_tags, key)
        if not served[6] and not _on_sale(warnings, entries, line, served[7], now):
            continue
        unit = served[2]
        if unit != quoted:
            _price_changed(warnings, line, served[1], served[0], unit, menu.currency)
            requoted[len(entries)] = line._replace(unit_price_cents=unit)  # announced once: the new token carries it
        subtotal += unit * quantity
        count += quantity
        entries.append(served)
    if requoted:
        lines = tuple([requoted.get(i, line) for i, line in enumerate(lines)])
    return entries, lines, subtotal, count


def _gone(warnings: list[CartWarning], line: Line) -> PricedLine:
    """A line whose item is no longer on the menu: unavailable, and said so."""
    warnings.append(
        {
            "code": "item_unavailable",
            "message": "an item in your cart is no longer on the menu",
            "line_id": line.line_id,
            "item_id": None,
        }
    )
    return PricedLine(line, None, "Item no longer on the menu", line.unit_price_cents, [], False, 0)


def _on_sale(warnings: list[CartWarning], priced: list[_Entry], line: Line, choice: _Choice, now: int | None) -> bool:
    """Whether a line whose choice is not always served is on sale now; if not, its unavailable
    :class:`PricedLine` is added to ``priced`` (and its warning to ``warnings``)."""
    item = choice.item
    if item is None:
        priced.append(_gone(warnings, line))
        return False
    if choice.reason is not None:
        priced.append(_unavailable(warnings, line, item, choice.message, choice.reason))
        return False
    if not item.available or (now is not None and item.availability is not None and not item.available_at(now)):
        shown = (choice.modifiers, choice.variation)  # the line's own choices, still known: said with it
        priced.append(_unavailable(warnings, line, item, f"{item.name} is not available right now", shown=shown))
        return False
    return True


def _price_changed(warnings: list[CartWarning], line: Line, name: str, item_id: str, unit: int, currency: str) -> None:
    warnings.append(
        {
            "code": "price_changed",
            "message": f"the price of {name} changed from "
            f"{format_money(line.unit_price_cents, currency)} to {format_money(unit, currency)}",
            "line_id": line.line_id,
            "item_id": item_id,
            "old_unit_price_cents": line.unit_price_cents,
            "new_unit_price_cents": unit,
        }
    )


def tax_breakdown(taxes: tuple[Tax, ...], lines: list[PricedLine]) -> list[TaxAmount]:
    """Each tax once on the order: the sum of the available lines it applies to, half up."""
    everywhere = 0
    bases: dict[str, int] | None = None  # per-tax extra bases, only for items with their own ``taxes``
    for p in lines:
        if not p.available:
            continue
        if p.tax_ids is None:
            everywhere += p.total_cents
            continue
        if bases is None:
            bases = dict.fromkeys((t.id for t in taxes), 0)
        for tax_id in p.tax_ids:
            bases[tax_id] += p.total_cents
    return [
        {**t.view, "amount_cents": tax_cents(everywhere + (bases[t.id] if bases else 0), t.rate, t.inclusive)}
        for t in taxes
    ]


def price_cart(state: CartState, menu: Menu, now: int | None = None, *, today: bool = False) -> PricedCart:
    """Reprice ``state`` against ``menu``; the returned state carries the refreshed quotes.

    ``now`` (unix seconds) also enforces items' ``availability`` windows; None ignores them. A
    checked-out cart is the order placed from it and is shown as ordered (:func:`_as_ordered`), unless
    ``today``: checkout validating it again as a new order would be.
    """
    if state.checked_out and not today:  # the one branch ordinary carts pay
        return _as_ordered(state, menu)
    warnings: list[CartWarning] = []
    entries, lines, subtotal, count = _price_lines(state, menu, warnings, now)
    new_state = state if lines is state.lines else state._replace(lines=lines)
    tax = added = 0
    priced = PricedCart(new_state, menu.currency, entries, subtotal, tax, warnings, [], added, count)
    if menu.taxes_everywhere:  # no item has its own ``taxes``: every tax is on the subtotal
        taxes: list[TaxAmount] = [
            {**t.view, "amount_cents": tax_cents(subtotal, t.rate, t.inclusive)} for t in menu.taxes
        ]
    else:
        taxes = tax_breakdown(menu.taxes, priced.lines)
    for t in taxes:
        tax += t["amount_cents"]
        if not t["inclusive"]:
            added += t["amount_cents"]
    priced.taxes, priced.tax_cents, priced.added_tax_cents = taxes, tax, added
    return priced


def _as_ordered(state: CartState, menu: Menu) -> PricedCart:
    """A checked-out cart (the placed order's own token): every line at the unit price it was ordered at
    (its quote, which checkout set to the order's), whatever the menu says now. No ``price_changed`` and
    no "sold out" about an order already placed; only a line the menu can no longer describe (its item,
    size or a choice deleted) is unavailable and said so, as on any cart."""
    warnings: list[CartWarning] = []
    lines = [_ordered_line(warnings, line, menu) for line in state.lines]
    subtotal = sum(p.total_cents for p in lines)
    count = sum(p.line.quantity for p in lines if p.available)
    taxes = tax_breakdown(menu.taxes, lines)
    tax = sum(t["amount_cents"] for t in taxes)
    added = sum(t["amount_cents"] for t in taxes if not t["inclusive"])
    return PricedCart(state, menu.currency, list(lines), subtotal, tax, warnings, taxes, added, count)


def _ordered_line(warnings: list[CartWarning], line: Line, menu: Menu) -> PricedLine:
    """One line of a checked-out cart, at its quote, named and described by the menu."""
    item = menu.items_by_tag.get(line.item_tag)
    if item is None:
        return _gone(warnings, line)
    variation = item.variations_by_tag.get(line.variation_tag) if line.variation_tag is not None else None
    picks = decode(line.option_tags, item.options_by_tag)
    if picks is None or (line.variation_tag is not None and variation is None):
        return _unavailable(warnings, line, item, _removed(item), "modifier_removed")
    unit = line.unit_price_cents
    view = variation_view(variation)
    return PricedLine(
        line, item.id, item.name, unit, modifiers_view(picks), True, unit * line.quantity, view, item.tax_ids
    )
