"""The component schemas of ``/openapi.json`` (:mod:`app.server.openapi`): the cart, order, tool-call,
menu, readiness and error bodies, as JSON Schema 2020-12 (what OpenAPI 3.1 uses).

Every limit is the constant the code enforces (quantity, notes, lines, modifiers, token length,
customer name, opening-hours ranges); the menu's key sets are asserted equal to the loader's by
the tests. A response that does not match these is a failing test (schemathesis, in CI).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from app.core.cart import MAX_LINE_ID, MAX_LINES, MAX_MODIFIERS_PER_LINE, MAX_NOTES_CHARS, MAX_QUANTITY
from app.core.menu.hours import DAYS, MAX_RANGES_PER_DAY
from app.core.token.codec import MAX_TOKEN_CHARS
from app.orders.order import FULFILLMENT, MAX_NAME_CHARS, MAX_TOTAL_CENTS

JSON = "application/json"
SECURITY_SCHEME = "CartToken"


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def obj(properties: dict[str, Any], required: Iterable[str] | None = None, closed: bool = True) -> dict[str, Any]:
    """A JSON object schema; every property required unless ``required`` names fewer."""
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    schema["required"] = list(properties if required is None else required)
    if closed:
        schema["additionalProperties"] = False
    return schema


def nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {**schema, "type": [schema["type"], "null"]}


_MONEY = {"type": "integer", "description": "an amount in the currency's minor unit (cents)"}
LINE_ID = {"type": "integer", "minimum": 1, "maximum": MAX_LINE_ID}
_QUANTITY = {"type": "integer", "minimum": 1, "maximum": MAX_QUANTITY}
_MODIFIER_TEXTS = {
    "type": "array",
    "items": {"type": "string"},
    "maxItems": MAX_MODIFIERS_PER_LINE,
    "description": "option ids or names as said, e.g. ['medium', 'no onions']",
}
_NOTES = {
    "type": "string",
    "format": "printable",
    "maxLength": MAX_NOTES_CHARS,
    "description": "a short kitchen note; no control or format characters",
}
_LINE = {
    "line_id": LINE_ID,
    "item_id": {"type": ["string", "null"], "description": "null: the item is no longer on the menu"},
    "name": {"type": "string"},
    "quantity": _QUANTITY,
    "unit_price_cents": _MONEY,
    "variation": {"oneOf": [{"$ref": "#/components/schemas/Variation"}, {"type": "null"}]},
    "modifiers": {"type": "array", "items": {"$ref": "#/components/schemas/Modifier"}},
    "notes": {"type": "string"},
    "line_total_cents": _MONEY,
}
_TAXES = {"type": "array", "items": {"$ref": "#/components/schemas/TaxAmount"}}
_RATE = {"type": "string", "description": "a decimal fraction, e.g. '0.0825'"}
_VARIATION_TEXT = {"type": ["string", "null"], "description": "a variation (size) id or name as said, e.g. 'large'"}
_CART_ANSWER = {"cart": ref("Cart"), "cart_token": ref("CartToken")}
_MENU_CHOICE = {
    "id": {"type": "string"},
    "name": {"type": "string"},
    "aliases": {"type": "array", "items": {"type": "string"}},
    "price_cents": _MONEY,
}

SCHEMAS: dict[str, dict[str, Any]] = {
    "Error": obj(
        {
            "error": obj(
                {"code": {"type": "string"}, "message": {"type": "string"}},
                closed=False,  # plus the details each code documents (README, Errors)
            )
        }
    ),
    "Modifier": obj(
        {
            "id": {"type": "string"},
            "name": {"type": "string"},
            "price_cents": _MONEY,
            "quantity": {"type": "integer", "minimum": 1, "description": "how many times it was chosen"},
            "modifiers": {"type": "array", "items": ref("Modifier"), "description": "choices nested under it"},
        }
    ),
    "Variation": obj({"id": {"type": "string"}, "name": {"type": "string"}, "price_cents": _MONEY}),
    "TaxAmount": obj(
        {
            "id": {"type": "string"},
            "name": {"type": "string"},
            "rate": _RATE,
            "inclusive": {"type": "boolean", "description": "true: already in the prices, not added to the total"},
            "amount_cents": _MONEY,
        }
    ),
    "CartLine": obj(
        {**_LINE, "available": {"type": "boolean", "description": "false: counts for nothing until changed"}}
    ),
    "CartWarning": {"oneOf": [ref("LineWarning"), ref("ClosedWarning"), ref("OrderedWarning")]},
    "OrderedWarning": obj(
        {
            "code": {"const": "cart_already_ordered"},
            "message": {
                "type": "string",
                "description": "a voice tool's cart when it is an older copy of a cart that was ordered and the "
                "order itself could not be had to show: this copy is not what was ordered",
            },
        },
        required=["code", "message"],
    ),
    "ClosedWarning": obj(
        {
            "code": {"const": "restaurant_closed"},
            "message": {"type": "string", "description": "the hours today, in the restaurant's time zone"},
            "hours_today": {"type": "array", "items": {"type": "string", "description": "HH:MM-HH:MM"}},
            "timezone": {"type": "string", "description": "IANA zone of the hours"},
        },
        required=["code", "message", "hours_today", "timezone"],
    ),
    "LineWarning": obj(
        {
            "code": {"enum": ["price_changed", "item_unavailable"]},
            "message": {"type": "string"},
            "line_id": LINE_ID,
            "item_id": {"type": ["string", "null"]},
            "reason": {
                "enum": ["modifier_removed", "modifier_unavailable", "variation_unavailable", "variation_required"]
            },
            "old_unit_price_cents": _MONEY,
            "new_unit_price_cents": _MONEY,
        },
        required=["code", "message", "line_id", "item_id"],
    ),
    "Cart": obj(
        {
            "id": {"type": "string", "pattern": "^[0-9a-f]{16}$"},
            "restaurant_id": {"type": "string"},
            "revision": {"type": "integer", "minimum": 0},
            "currency": {"type": "string"},
            "lines": {"type": "array", "items": ref("CartLine"), "maxItems": MAX_LINES},
            "item_count": {"type": "integer", "minimum": 0},
            "subtotal_cents": _MONEY,
            "tax_cents": _MONEY,
            "taxes": _TAXES,
            "total_cents": _MONEY,
            "checked_out": {"type": "boolean"},
            "expires_at": {"type": "string", "format": "date-time", "description": "UTC, to the second"},
            "warnings": {"type": "array", "items": ref("CartWarning")},
        }
    ),
    "CartToken": {
        "type": "string",
        "maxLength": MAX_TOKEN_CHARS,
        "pattern": "^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$",
        "description": "the whole cart, signed; send it back in the Cart-Token header next turn",
    },
    "CartAnswer": obj(_CART_ANSWER),
    "CartChangeAnswer": obj(
        {
            **_CART_ANSWER,
            "may_be_ordered": {
                "type": "boolean",
                "description": "when the change emptied the cart, with the webhook sink, which keeps no orders: an "
                "earlier checkout of the cart may already have reached the kitchen, and that order stands",
            },
            "note": {"type": "string", "description": "the same, in words"},
        },
        required=list(_CART_ANSWER),
    ),
    "AddItemAnswer": obj(
        {
            **_CART_ANSWER,
            "line_id": LINE_ID,
            "understood": {"anyOf": [ref("Understood"), {"type": "null"}]},
            "added": {
                "type": "array",
                "description": "every line the item phrase added to, in its order (line_id and understood: the first)",
                "items": obj(
                    {"line_id": LINE_ID, "understood": {"anyOf": [ref("Understood"), {"type": "null"}]}},
                    required=["line_id", "understood"],
                ),
            },
        },
        required=[*_CART_ANSWER, "line_id", "added"],
    ),
    "UnderstoodOption": obj(
        {
            "id": {"type": "string"},
            "name": {"type": "string"},
            "quantity": {"type": "integer", "minimum": 1, "description": "times chosen"},
            "options": {"type": "array", "items": ref("UnderstoodOption"), "description": "its nested choices"},
        }
    ),
    "Understood": obj(
        {
            "item_id": {"type": "string"},
            "item": {"type": "string"},
            "variation_id": {"type": ["string", "null"]},
            "quantity": _QUANTITY,
            "options": {"type": "array", "items": ref("UnderstoodOption")},
            "notes": {"type": ["string", "null"]},
        },
        # what was understood as an add's own fields (ids): compare with what was heard, resend as is
    ),
    "AddItem": obj(
        {
            "item": {
                "type": "string",
                "description": "an item id, or its name as said",
                "examples": ["cheeseburger", "two large fries", "mexican coke"],
            },
            "quantity": {**_QUANTITY, "default": 1},
            "modifiers": _MODIFIER_TEXTS,
            "notes": nullable(_NOTES),
            "variation": _VARIATION_TEXT,
        },
        required=["item"],
    ),
    "UpdateItem": {
        **obj(
            {
                "quantity": {**nullable(_QUANTITY), "minimum": 0, "description": "0 removes the line"},
                "modifiers": {**nullable(_MODIFIER_TEXTS), "description": "replaces the line's choices"},
                "notes": nullable(_NOTES),
                "variation": _VARIATION_TEXT,
            },
            required=[],
        ),
        "anyOf": [
            {"required": [k], "properties": {k: {"not": {"type": "null"}}}}
            for k in ("quantity", "modifiers", "notes", "variation")
        ],
        "description": "at least one field that is not null",
    },
    "Customer": obj(
        {
            "name": {
                "type": "string",
                "format": "printable",
                "minLength": 1,
                "maxLength": MAX_NAME_CHARS,
                "description": "printable text: no control, format, private-use or unassigned characters",
            },
            "phone": {
                "type": ["string", "null"],
                "format": "phone",
                "description": "digits, spaces, ( ) . - and a leading +; 7 to 15 digits, e.g. +1 555 010 0199",
            },
        },
        required=["name"],
    ),
    "Checkout": obj(
        {
            "customer": ref("Customer"),
            "fulfillment": {"enum": list(FULFILLMENT)},
            "notes": nullable(_NOTES),
            "expected_total_cents": {
                **nullable(_MONEY),
                "minimum": 0,
                "maximum": MAX_TOTAL_CENTS,
                "description": "the total the customer heard; another menu total answers order_total_changed",
            },
        },
        required=["customer", "fulfillment"],
    ),
    "OrderLine": obj(_LINE),
    "Order": obj(
        {
            "order_id": {"type": "string", "pattern": "^ord_[0-9a-f]{20}$", "description": "the same for every retry"},
            "cart_id": {"type": "string"},
            "cart_revision": {"type": "integer", "minimum": 0},
            "restaurant_id": {"type": "string"},
            "currency": {"type": "string"},
            "lines": {"type": "array", "items": ref("OrderLine")},
            "subtotal_cents": _MONEY,
            "tax_cents": _MONEY,
            "taxes": _TAXES,
            "total_cents": _MONEY,
            "customer": ref("Customer"),
            "fulfillment": {"enum": list(FULFILLMENT)},
            "notes": {"type": "string"},
            "placed_at": {"type": "string", "format": "date-time"},
            "cart_digest": {
                "type": "string",
                "pattern": "^[0-9a-f]{24}$",
                "description": "what the cart held (not prices): a retry with other content is a conflict",
            },
        },
        required=[
            *("order_id", "cart_id", "cart_revision", "restaurant_id", "currency", "lines", "subtotal_cents"),
            *("tax_cents", "taxes", "total_cents", "customer", "fulfillment", "notes", "placed_at"),
        ],  # cart_digest: orders stored before it existed have none
    ),
    "RepeatWarning": obj(
        {
            "code": {"enum": ["checkout_details_differ", "checkout_details_unconfirmed"]},
            "message": {"type": "string"},
            "fields": {"type": "array", "items": {"type": "string"}, "description": "what this checkout changed"},
            "ordered": {"type": "object", "description": "the kitchen's value of each of those fields"},
        },
        required=["code", "message"],
    ),
    "CheckoutAnswer": obj(
        {
            **_CART_ANSWER,
            "order": ref("Order"),
            "warnings": {"type": "array", "items": {"oneOf": [ref("CartWarning"), ref("RepeatWarning")]}},
        }
    ),
    "ToolCallAnswer": obj(
        {
            **_CART_ANSWER,
            "ok": {
                "type": "boolean",
                "description": "false: the tool refused, or a checkout's outcome is not a placed order "
                "(order_outcome_unknown, order_delivery_failed, overloaded: the order workers' queue or budget; "
                "cart_already_ordered, order_total_changed, …); output says why and what to say, in words, and "
                "whether to call the same checkout again on the same cart. Never an HTTP status for these",
            },
            "output": {
                "type": "string",
                "contentMediaType": JSON,
                "description": "JSON text for the Realtime function_call_output item",
            },
            "call_id": {"type": ["string", "null"]},
        }
    ),
    "ToolList": obj(
        {
            "tools": {
                "type": "array",
                "items": obj(
                    {
                        "type": {"const": "function"},
                        "name": {"type": "string"},
                        "description": {"type": "string"},
                        "parameters": {"type": "object"},
                        "strict": {"const": True, "description": "only with ?strict=true"},
                    },
                    required=["type", "name", "description", "parameters"],
                ),
            }
        }
    ),
    # the menu file format app/core/menu/parse.py loads, v1 and v2 (the key sets are asserted equal by the tests)
    "MenuHours": obj(
        {
            "timezone": {"type": "string", "description": "an IANA zone"},
            "weekly": obj(
                {
                    day: {
                        "type": "array",
                        "items": {"type": "string", "pattern": "^[0-9]{2}:[0-9]{2}-[0-9]{2}:[0-9]{2}$"},
                        "maxItems": MAX_RANGES_PER_DAY,
                    }
                    for day in DAYS
                },
                required=[],
            ),
        },
        required=["weekly"],
    ),
    "MenuTax": obj(
        {"id": {"type": "string"}, "name": {"type": "string"}, "rate": _RATE, "inclusive": {"type": "boolean"}}
    ),
    "MenuVariation": obj(
        {**_MENU_CHOICE, "available": {"type": "boolean"}},
        required=["id", "name"],
    ),
    "MenuOption": obj(
        {
            **_MENU_CHOICE,
            "available": {"type": "boolean"},
            "max_quantity": {"type": "integer", "minimum": 1},
            "default": {"type": "boolean"},
            "modifier_groups": {"type": "array", "items": ref("MenuGroup")},
        },
        required=["id", "name"],
    ),
    "MenuGroup": obj(
        {
            "id": {"type": "string"},
            "name": {"type": "string"},
            "min": {"type": "integer", "minimum": 0},
            "max": {"type": "integer", "minimum": 0},
            "options": {"type": "array", "items": ref("MenuOption")},
        },
        required=["id", "name", "options"],
    ),
    "MenuItem": obj(
        {
            "id": {"type": "string"},
            "name": {"type": "string"},
            "aliases": {"type": "array", "items": {"type": "string"}},
            "category": {"type": "string"},
            "price_cents": _MONEY,
            "available": {"type": "boolean"},
            "description": {"type": "string"},
            "modifier_groups": {"type": "array", "items": ref("MenuGroup")},
            "variations": {"type": "array", "items": ref("MenuVariation")},
            "taxes": {"type": "array", "items": {"type": "string"}, "description": "ids of the taxes that apply"},
            "availability": ref("MenuHours"),
        },
        required=["id", "name"],
    ),
    "Menu": obj(
        {
            "restaurant_id": {"type": "string"},
            "name": {"type": "string"},
            "currency": {"type": "string"},
            "tax_rate": _RATE,
            "taxes": {"type": "array", "items": ref("MenuTax")},
            "hours": ref("MenuHours"),
            "items": {"type": "array", "items": ref("MenuItem")},
        },
        required=["restaurant_id", "name", "currency", "items"],
    ),
    "RealtimeSessionRequest": obj({"restaurant_id": {"type": "string"}}),
    "RealtimeSession": obj(
        {
            "client_secret": obj(
                {"value": {"type": "string"}, "expires_at": {"type": "integer", "description": "Unix seconds"}},
                closed=False,
            ),
            "restaurant_id": {"type": "string"},
            "model": {"type": "string"},
            "calls_url": {"type": "string", "format": "uri"},
        }
    ),
    "Health": obj({"status": {"const": "ok"}}),
    "Readiness": obj(
        {
            "status": {"enum": ["ready", "not_ready"]},
            "menus": {"type": "object", "additionalProperties": {"type": "string"}, "description": "id -> digest"},
            "menu_reload": obj(
                {"ok": {"type": "boolean"}, "reloads": {"type": "integer"}, "last_error": {"type": ["string", "null"]}}
            ),
            "keys": obj(
                {
                    "signing": {"type": "string"},
                    "verify": {
                        "type": "array",
                        "items": obj({"kid": {"type": "string"}, "fingerprint": {"type": "string"}}),
                    },
                    "ok": {"type": "boolean"},
                    "error": {"type": "string"},
                },
                required=["signing", "verify", "ok"],
            ),
            "clock": obj(
                {
                    "status": {"enum": ["ok", "behind", "ahead"]},
                    "offset_seconds": {"type": "integer", "description": "peers' clocks minus this replica's"},
                    "peer_samples": {"type": "integer"},
                    "message": {"type": "string"},
                }
            ),
        },
        required=["status"],  # the rest only for CART_OPERATOR_NETWORKS (app/server/operators.py)
    ),
}
