"""Small menus built in the tests, each with the one shape a reading test needs."""

from __future__ import annotations

from typing import Any

from app.core.menu import Menu, parse_menu


def option(name: str, **more: Any) -> dict[str, Any]:
    return {"id": name.lower().replace(" ", "-").replace("%", "pct"), "name": name, "price_cents": 0, **more}


def group(name: str, options: list[dict[str, Any]], least: int = 0, most: int = 1) -> dict[str, Any]:
    return {"id": name.lower().replace(" ", "-"), "name": name, "min": least, "max": most, "options": options}


def item(name: str, *groups: dict[str, Any], **more: Any) -> dict[str, Any]:
    return {
        "id": name.lower().replace(" ", "-"),
        "name": name,
        "category": more.pop("category", "food"),
        "price_cents": more.pop("price_cents", 500),
        "available": True,
        "modifier_groups": list(groups),
        **more,
    }


def menu(*items: dict[str, Any]) -> Menu:
    return parse_menu({"restaurant_id": "test-menu", "name": "Test", "currency": "USD", "tax_rate": "0",
                       "items": list(items)})  # fmt: skip
