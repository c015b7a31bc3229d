"""The tools the speech model is offered, in the order it sees them: one explicit list.

To add a tool: write it (``@tool(...)`` in :mod:`app.voice.cart_tools` or a module of its own)
and list it here. Nothing registers itself by being imported.
"""

from __future__ import annotations

from typing import Any

from app.voice.cart_tools import (
    add_to_order,
    clear_order,
    find_menu_items,
    get_current_order,
    get_item_details,
    remove_from_order,
    update_order_item,
)
from app.voice.order_tool import confirm_order
from app.voice.toolkit import Toolbox

TOOLS = Toolbox(
    (
        find_menu_items,
        get_item_details,
        add_to_order,
        update_order_item,
        remove_from_order,
        get_current_order,
        clear_order,
        confirm_order,
    )
)


def tool_specs() -> list[dict[str, Any]]:
    """Every tool in the Realtime ``session.update`` shape."""
    return TOOLS.specs()
