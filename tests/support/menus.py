"""Menu documents for tests: a small format-2 menu, the demo menu (edited), a copy with one value changed."""

from __future__ import annotations

import copy
import json
from typing import Any

from app.core.menu import Menu, parse_menu
from tests.conftest import DEMO_MENU_FILE


def with_value(doc: dict[str, Any], path: list[Any], value: Any) -> dict[str, Any]:
    """A copy of ``doc`` with the value at ``path`` (keys and indexes) set to ``value`` (``KeyError``: removed)."""
    doc = copy.deepcopy(doc)
    target = doc
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return doc


def v2_doc() -> dict[str, Any]:
    """A small v2 menu: sizes, an exempt item, an inclusive tax, a combo with a nested choice."""
    return {
        "restaurant_id": "v2-cafe",
        "name": "V2 Cafe",
        "currency": "USD",
        "hours": {"timezone": "America/New_York", "weekly": {d: ["06:00-22:00"] for d in ("mon", "tue", "wed")}},
        "taxes": [
            {"id": "vat", "name": "VAT", "rate": "0.086", "inclusive": True},
            {"id": "city", "name": "City tax", "rate": "0.01", "inclusive": False},
        ],
        "items": [
            {
                "id": "latte",
                "name": "Latte",
                "category": "coffee",
                "available": True,
                "variations": [
                    {"id": "small", "name": "Small", "aliases": ["8 oz"], "price_cents": 400},
                    {"id": "large", "name": "Large", "price_cents": 550, "available": False},
                ],
                "modifier_groups": [
                    {
                        "id": "extras",
                        "name": "Extras",
                        "min": 0,
                        "max": 3,
                        "options": [
                            {"id": "shot", "name": "Extra shot", "price_cents": 75, "max_quantity": 2},
                            {"id": "foam", "name": "Foam", "price_cents": 0, "default": True},
                        ],
                    }
                ],
            },
            {
                "id": "gift-card",
                "name": "Gift card",
                "category": "other",
                "available": True,
                "price_cents": 2500,
                "taxes": [],
            },
            {
                "id": "combo",
                "name": "Burger combo",
                "category": "combos",
                "available": True,
                "price_cents": 1200,
                "availability": {"weekly": {"mon": ["11:00-15:00"]}},
                "modifier_groups": [
                    {
                        "id": "main",
                        "name": "Burger",
                        "min": 1,
                        "max": 1,
                        "options": [
                            {
                                "id": "cheeseburger",
                                "name": "Cheeseburger",
                                "price_cents": 0,
                                "modifier_groups": [
                                    {
                                        "id": "side",
                                        "name": "Side",
                                        "min": 1,
                                        "max": 1,
                                        "options": [
                                            {"id": "fries", "name": "Fries", "price_cents": 0},
                                            {"id": "salad", "name": "Salad", "price_cents": 100},
                                        ],
                                    }
                                ],
                            }
                        ],
                    }
                ],
            },
        ],
    }


COMBO_SIDES = ["items", 2, "modifier_groups", 0, "options", 0, "modifier_groups", 0]


def demo_data() -> dict[str, Any]:
    """The bundled demo menu's document."""
    data: dict[str, Any] = json.loads(DEMO_MENU_FILE.read_text())
    return data


def edited_menu(edit: Any) -> Menu:
    """The demo menu after ``edit(data)`` changed its JSON."""
    data = copy.deepcopy(demo_data())
    edit(data)
    return parse_menu(data)


def item_json(data: dict[str, Any], item_id: str) -> dict[str, Any]:
    """The item ``item_id`` of a menu document."""
    return next(i for i in data["items"] if i["id"] == item_id)
