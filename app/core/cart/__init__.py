"""The cart a token carries, a line's choices, and its price.

Owns the cart state and its pure operations (:mod:`.state`), a line's variation and picks
(:mod:`.choices`), repricing every line from the menu (:mod:`.pricing`) and the cart as the HTTP
API shows it (:mod:`.view`; its JSON shapes as types in :mod:`.shapes`).
Imports :mod:`app.core.menu` and the leaves only.
"""

from app.core.cart.shapes import CartView, CartWarning, LineView, ModifierView, Priced, TaxAmount
from app.core.cart.state import (
    MAX_LINE_ID,
    MAX_LINES,
    MAX_MODIFIERS_PER_LINE,
    MAX_NOTES_CHARS,
    MAX_QUANTITY,
    CartState,
    Line,
    add_line,
    check_modifier_count,
    check_options,
    check_quantity,
    clean_notes,
    clear,
    ensure_open,
    mark_checked_out,
    new_cart,
    quote,
    remove_line,
    update_line,
)

__all__ = [
    "MAX_LINES",
    "MAX_LINE_ID",
    "MAX_MODIFIERS_PER_LINE",
    "MAX_NOTES_CHARS",
    "MAX_QUANTITY",
    "CartState",
    "CartView",
    "CartWarning",
    "Line",
    "LineView",
    "ModifierView",
    "Priced",
    "TaxAmount",
    "add_line",
    "check_modifier_count",
    "check_options",
    "check_quantity",
    "clean_notes",
    "clear",
    "ensure_open",
    "mark_checked_out",
    "new_cart",
    "quote",
    "remove_line",
    "update_line",
]
