"""What the model hears: the one wording of a cart, its lines, its money and its problems.

Every sentence a voice tool speaks about the order is built here, so the read-back after an add,
the ``get_current_order`` answer, the ``confirm_order`` review and the placed order all describe a
line the same way ("two Cheeseburgers with Medium and Cheddar", "one large French Fries": a size
before the name) and join lists the same way; a count is a number word with the name in the plural.
Money is spoken in the currency's own format (:func:`app.core.cart.pricing.format_money`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from app.core.cart.pricing import PricedCart, PricedLine, format_money
from app.core.menu import Item, Menu
from app.errors import CartError

_NUMBERS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]


def join_words(words: Iterable[str], last: str = "and") -> str:
    """``["a"] → "a"``, ``["a", "b", "c"] → "a, b and c"`` (``last`` = "or" for a question)."""
    words = list(words)
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + f" {last} " + words[-1]


def _names(options: Iterable[Any]) -> str:
    return join_words((o["name"] if isinstance(o, Mapping) else o.name for o in options), "or")


def _plural(name: str, quantity: int) -> str:
    if quantity == 1 or name.endswith("s"):
        return name
    if name.endswith(("ch", "sh", "x")):
        return name + "es"
    if name.endswith("y") and name[-2:-1] not in "aeiou":
        return name[:-1] + "ies"
    return name + "s"


def number_word(n: int) -> str:
    """``2`` → "two" (up to twelve, then digits): how a count is read back."""
    return _NUMBERS[n] if n < len(_NUMBERS) else str(n)


def modifiers_phrase(modifiers: Iterable[Mapping[str, Any]]) -> str:
    """``"two Extra shot and Cheeseburger (Salad)"`` from cart ``modifiers`` (quantities, nesting)."""
    names = []
    for m in modifiers:
        text = m["name"] if m.get("quantity", 1) == 1 else f"{number_word(m['quantity'])} {m['name']}"
        nested = modifiers_phrase(m.get("modifiers", ()))
        names.append(f"{text} ({nested})" if nested else text)
    return join_words(names)


def _size_ids(menu: Menu | None, item_id: str | None) -> frozenset[str]:
    """The ids of the options that are ``item_id``'s sizes (its "Size" group), if ``menu`` knows the item
    (None: a menu no longer served, e.g. an old order's)."""
    item = menu.item(item_id) if menu is not None and item_id else None
    group = item.size_group if item is not None else None
    return frozenset(o.id for o in group.options) if group is not None else frozenset()


def line_phrase(line: Mapping[str, Any], menu: Menu | None) -> str:
    """One cart or order line (its JSON dict) spoken: ``"two large Lattes with two Extra shot"``.

    A size is said as a size, before the name — a variation, or with ``menu`` the option of the
    item's "Size" group: "one large French Fries", never "one French Fries with Large".
    """
    qty = line["quantity"]
    sizes = _size_ids(menu, line.get("item_id"))
    modifiers = list(line.get("modifiers", ()))
    size = line.get("variation") or next((m for m in modifiers if m["id"] in sizes), None)
    name = f"{size['name'].lower()} {line['name']}" if size else line["name"]
    text = f"{number_word(qty)} {_plural(name, qty)}"
    with_text = modifiers_phrase(m for m in modifiers if m is not size)
    if with_text:
        text += " with " + with_text
    if line.get("notes"):
        text += f" (note: {line['notes']})"
    return text


def describe_line(priced_line: PricedLine, menu: Menu) -> str:
    return line_phrase(priced_line.to_dict(), menu)


def spoken_lines(lines: Iterable[Mapping[str, Any]], menu: Menu | None) -> str:
    """``"two Burritos with Steak and Pinto Beans; and one Horchata"`` from order/cart line dicts."""
    parts = [line_phrase(line, menu) for line in lines]
    if len(parts) <= 1:
        return "".join(parts)
    return "; ".join(parts[:-1]) + "; and " + parts[-1]


def removed_sentence(line: Mapping[str, Any], removed: int, menu: Menu) -> str:
    """``"Removed three Cheeseburgers with Medium and Cheddar."``: the line's own wording, at the count removed."""
    if line.get("item_id") is None:  # gone from the menu: no name to say
        return "Removed the item that is no longer on the menu."
    return f"Removed {line_phrase({**line, 'quantity': removed}, menu)}."


def spoken_summary(lines: Iterable[Mapping[str, Any]], total_cents: int, currency: str, menu: Menu | None) -> str:
    """The read-back sentence: what is in the order and what it costs."""
    text = spoken_lines(lines, menu)
    if not text:
        return "Your cart is empty."
    return f"{text[:1].upper()}{text[1:]}. Your total is {format_money(total_cents, currency)}."


def total_sentence(priced: PricedCart) -> str:
    """``"Your total is now $9.72 with tax."``; where every tax is in the prices, as a receipt says it:
    ``"Your total is now A$13.50, including GST."``"""
    total = format_money(priced.total_cents, priced.currency)
    if priced.taxes and all(t["inclusive"] for t in priced.taxes):
        held = " and ".join(dict.fromkeys(t["name"] for t in priced.taxes))
        return f"Your total is now {total}, including {held}."
    return f"Your total is now {total} with tax."


def failure(exc: CartError) -> dict[str, Any]:
    """A tool-level problem as ``{"error": code, "message": what to say or ask, …details}``."""
    d = exc.details
    message = exc.message
    if exc.code == "item_ambiguous":
        message = f"Did you mean {_names(d['candidates'])}?"
    elif exc.code == "item_not_found":
        close = d.get("suggestions") or []
        message = f"Sorry, we don't have {d.get('query')!s}." + (f" Did you mean {_names(close)}?" if close else "")
    elif exc.code == "item_unavailable":
        other = d.get("suggestions") or []
        message = f"Sorry, {exc.message}." + (f" We do have {_names(other)}." if other else "")
    elif exc.code == "modifier_required":
        owner = d.get("item_name")
        whose = f" for the {owner}" if owner and owner != d["group_name"] else ""  # "chese burgr": say which item
        need, most = d.get("min", 1), d.get("max", 1)
        count = "" if need <= 1 else f" (choose {need})" if need == most else f" (choose at least {need})"
        message = f"Which {d['group_name']} would you like{whose}{count}: {_names(d['options'])}?"
    elif exc.code in ("modifier_unavailable", "variation_unavailable"):
        other = d.get("options") or d.get("variations") or []
        message = f"Sorry, {exc.message}." + (f" We do have {_names(other)}." if other else "")
    elif exc.code == "modifier_invalid" and d.get("options"):
        message = f"Sorry, {exc.message}. The choices are {_names(d['options'])}."
    elif exc.code == "order_total_changed":
        now, said = (
            format_money(d["total_cents"], d["currency"]),
            format_money(d["expected_total_cents"], d["currency"]),
        )
        why = "".join(f" {w['message'][:1].upper()}{w['message'][1:]}." for w in d.get("changes", ()))
        placed = (
            "This checkout placed nothing (an earlier checkout of this order may already have reached the "
            "kitchen; I can't check that from here)"
            if d.get("may_be_ordered")
            else "Nothing was ordered"
        )
        message = f"{placed}: the total is now {now}, not {said}.{why} Shall I place the order at {now}?"
    elif exc.code == "order_outcome_unknown" and d.get("reason") == "lookup_failed":
        message = (
            "I can't reach the order system right now, so I can't check whether this order was already "
            "placed; nothing was changed. Do not say it was cancelled, cleared or not ordered: say you will "
            "try again, then call the same tool again in a moment."
        )
    elif exc.code == "overloaded":
        message = (
            "The order system is busy, so this checkout placed nothing; an earlier checkout of this order may "
            "still be going through. Do not say the order failed, was cancelled or that nothing was ordered: say "
            "you are trying again, then call confirm_order with action checkout again in a moment, on this same "
            "cart (the same order is never placed twice)."
        )
    elif exc.code == "order_delivery_failed" and not d.get("no_order_sink"):  # a retry can place it
        message = (
            f"{message[:1].upper()}{message[1:]}. Do not say the order was cancelled: say it has not gone through "
            "yet and you are trying again, then call confirm_order with action checkout again in a moment, on this "
            "same cart (the same order is never placed twice)."
        )
    elif exc.code == "order_outcome_unknown":
        message = (
            "The kitchen did not confirm in time, so the order may or may not have gone through. Do not tell "
            "the customer it failed or that nothing was ordered: say you are checking, then call confirm_order "
            "with action checkout again (the same order is never placed twice)."
        )
    return {"error": exc.code, "message": message, **d}


def cart_summary(priced: PricedCart, menu: Menu) -> dict[str, Any]:
    """The cart as the model needs it: line ids to refer to, spoken prices, warnings."""

    def money(cents: int) -> str:
        return format_money(cents, priced.currency)

    return {
        "lines": [
            {
                "line_id": p.line.line_id,
                "description": describe_line(p, menu),
                "line_total": money(p.total_cents),
                "available": p.available,
            }
            for p in priced.lines
        ],
        "item_count": priced.item_count,
        "subtotal": money(priced.subtotal_cents),
        "tax": money(priced.tax_cents),
        "total": money(priced.total_cents),
        "warnings": [w["message"] for w in priced.warnings],
    }


def order_readback(priced: PricedCart, menu: Menu) -> str:
    """``get_current_order``'s answer: the available lines, subtotal, tax, total, then any warnings."""
    if not priced.lines:
        return "The order is empty."

    def money(cents: int) -> str:
        return format_money(cents, priced.currency)

    lines = spoken_lines((p.to_dict() for p in priced.lines if p.available), menu)
    if not lines:  # every line sold out or gone: never "You have ."
        message = f"Nothing in the order can be made right now; the total is {money(priced.total_cents)}."
        return message + (" Note: " + "; ".join(w["message"] for w in priced.warnings) + "." if priced.warnings else "")
    included = [t for t in priced.taxes if t["inclusive"] and t["amount_cents"]]
    if included and all(t["inclusive"] for t in priced.taxes):  # the prices already hold the tax
        held = " and ".join(f"{t['name']} {money(t['amount_cents'])}" for t in included)
        message = f"You have {lines}. Total {money(priced.total_cents)}, including {held}."
    else:
        message = (
            f"You have {lines}. Subtotal {money(priced.subtotal_cents)}, tax {money(priced.tax_cents)}, "
            f"total {money(priced.total_cents)}."
        )
    if priced.warnings:
        message += " Note: " + "; ".join(w["message"] for w in priced.warnings) + "."
    return message


def item_details(item: Item, currency: str) -> dict[str, Any]:
    def money(cents: int) -> str:
        return format_money(cents, currency)

    return {
        "id": item.id,
        "name": item.name,
        "category": item.category,
        "price": money(item.price_cents),
        "price_cents": item.price_cents,
        "available": item.available,
        "description": item.description,
        "sizes": [{"name": v.name, "price": money(v.price_cents), "available": v.available} for v in item.variations],
        "choices": [
            {
                "group": g.name,
                "required": g.required,
                "min": g.min,
                "max": g.max,
                # a required group its defaults already fill needs no question ("comes with whole milk")
                "to_ask": g.min > sum(1 for o in g.options if o.default and o.available),
                "options": [
                    {
                        "name": o.name,
                        "extra": money(o.price_cents) if o.price_cents else None,
                        **({"default": True} if o.default else {}),
                        **({"max_quantity": o.max_quantity} if o.max_quantity > 1 else {}),
                    }
                    for o in g.options
                    if o.available
                ],
            }
            for g in item.modifier_groups
        ],
    }


def choices_question(details: Mapping[str, Any]) -> str:
    """``"Please choose Doneness: Rare, Medium or Well Done."`` for the sizes and required groups, or ``""``."""
    required = [c for c in details["choices"] if c["required"] and c.get("to_ask", True)]
    sizes = [s for s in details.get("sizes", ()) if s["available"]]
    asks = "; ".join(
        ([f"{details['name']}: {_names(sizes)}"] if len(sizes) > 1 else [])
        + [f"{c['group']}: {_names(c['options'])}" for c in required]
    )
    return f" Please choose {asks}." if asks else ""
