"""Menu documents for tests: a small format-2 menu, and a copy of a document with one value changed."""

from __future__ import annotations

import copy
from typing import Any


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
