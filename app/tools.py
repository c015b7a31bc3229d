"""Voice tools: what a realtime speech model may call, as thin functions over :mod:`app.turn`.

Each tool is one function registered with :func:`tool` (name, model-facing description, JSON
schema). :func:`run_tool` verifies the token (or starts a cart), runs the tool, and answers with
an ``output`` for the model: always a short spoken-style ``message`` (money as "$24.50") plus the
data the model needs. Problems the customer can fix (item not found, needs a choice, out of
stock) are not errors: ``ok: false`` with the reason code and what to ask; the cart is unchanged.
Token problems still raise (the HTTP layer answers 401/403).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from app import cart, turn
from app.cart import CartState
from app.choices import spoken_modifiers
from app.codec import CartCodec
from app.errors import (
    CartError,
    InvalidRequest,
    ItemAmbiguous,
    LineAmbiguous,
    NotInOrder,
    TokenError,
    ToolNotFound,
)
from app.json_input import parse_json
from app.matching import SUGGEST_SCORE, find_options, normalize, parse_phrase, rank_items
from app.menu import Item, Menu
from app.pricing import PricedCart, format_money, price_cart

MAX_ITEMS_PER_CALL = 10
MAX_FOUND = 8


@dataclass(frozen=True)
class ToolContext:
    """What a tool may use besides the cart: the menu, ``now``, and services an adapter injects."""

    menu: Menu
    now: int
    services: Mapping[str, Any] = field(default_factory=dict)

    def money(self, cents: int) -> str:
        return format_money(cents, self.menu.currency)


# A tool gets the cart and its (parsed) arguments and returns the new cart and its output data.
# Output keys: "message" (required), anything else the model needs; "ok": False for a partial result.
Handler = Callable[[CartState, dict[str, Any], ToolContext], tuple[CartState, dict[str, Any]]]


@dataclass(frozen=True)
class Tool:
    name: str
    description: str
    parameters: dict[str, Any]
    handler: Handler

    def spec(self) -> dict[str, Any]:
        """The Realtime ``session.update`` shape."""
        return {"type": "function", "name": self.name, "description": self.description, "parameters": self.parameters}


REGISTRY: dict[str, Tool] = {}


def tool(name: str, description: str, properties: dict[str, Any], required: Iterable[str] = ()) -> Callable:
    """Register a tool: ``@tool("name", "when to call it…", {json schema properties})``."""

    def register(handler: Handler) -> Handler:
        parameters = {"type": "object", "properties": properties, "required": list(required)}
        parameters["additionalProperties"] = False
        REGISTRY[name] = Tool(name, " ".join(description.split()), parameters, handler)
        return handler

    return register


def tool_specs() -> list[dict[str, Any]]:
    return [t.spec() for t in REGISTRY.values()]


@dataclass
class ToolOutcome:
    ok: bool
    output: dict[str, Any]
    result: turn.TurnResult

    def output_json(self) -> str:
        """The string for ``function_call_output.output``."""
        return json.dumps(self.output, ensure_ascii=False, separators=(",", ":"))


# --- running a tool ----------------------------------------------------------------------------------


def parse_arguments(arguments: Any) -> dict[str, Any]:
    """An object, or the JSON string the Realtime API delivers; anything else is a 400."""
    if isinstance(arguments, str):
        arguments = parse_json(arguments, "arguments") if arguments.strip() else {}
    if arguments is None:
        return {}
    if not isinstance(arguments, dict):
        raise InvalidRequest("arguments must be a JSON object (or a string holding one)")
    return arguments


def run_tool(
    name: str,
    arguments: Any,
    token: str | None,
    menu: Menu,
    codec: CartCodec,
    now: int,
    *,
    new_cart_id: bytes,
    other_restaurants: Iterable[str] = (),
    services: Mapping[str, Any] | None = None,
) -> ToolOutcome:
    """Verify ``token`` (none: start a cart with ``new_cart_id``), run the tool, mint the next token."""
    found = REGISTRY.get(name)
    if found is None:
        raise ToolNotFound(f"no tool named {name!r}", tools=sorted(REGISTRY))
    args = parse_arguments(arguments)
    if token:
        state = turn.load(token, menu, codec, now, other_restaurants)
    else:
        state = cart.new_cart(new_cart_id, menu.restaurant_id, now)
    ctx = ToolContext(menu, now, services or {})
    try:
        check_arguments(found, args)
        new_state, output = found.handler(state, args, ctx)
        ok = bool(output.pop("ok", True))
    except TokenError:
        raise
    except CartError as exc:
        new_state, output, ok = state, failure(exc, ctx), False
    result = turn.finish(new_state, menu, codec, now)
    output = {"ok": ok, **output, "cart": cart_summary(result.priced, ctx)}
    return ToolOutcome(ok, output, result)


_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "array": (list,),
    "object": (dict,),
}


def check_arguments(found: Tool, args: dict[str, Any]) -> None:
    """Top-level names and types against the tool's schema (values are checked by the cart)."""
    properties = found.parameters["properties"]
    unknown = sorted(set(args) - set(properties))
    if unknown:
        raise InvalidRequest(f"{found.name} does not take {', '.join(unknown)}", allowed=sorted(properties))
    missing = [k for k in found.parameters["required"] if k not in args]
    if missing:
        raise InvalidRequest(f"{found.name} needs {', '.join(missing)}")
    for key, value in args.items():
        kind = _TYPES.get(properties[key].get("type", ""), (object,))
        if value is not None and (not isinstance(value, kind) or (isinstance(value, bool) and kind == (int,))):
            raise InvalidRequest(f"{key} must be of type {properties[key]['type']}")


# --- what the model hears ----------------------------------------------------------------------------


def _names(options: Iterable[Any]) -> str:
    names = [o["name"] if isinstance(o, dict) else o.name for o in options]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1] if names else ""


def failure(exc: CartError, ctx: ToolContext) -> dict[str, Any]:
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
        message = f"Which {d['group_name']} would you like: {_names(d['options'])}?"
    elif exc.code == "modifier_invalid" and d.get("options"):
        message = f"Sorry, {exc.message}. The choices are {_names(d['options'])}."
    return {"error": exc.code, "message": message, **d}


def describe_line(priced_line: Any) -> str:
    mods = spoken_modifiers(priced_line.modifiers)
    variation = priced_line.variation
    name = f"{variation['name']} {priced_line.name}" if variation else priced_line.name
    text = f"{priced_line.line.quantity} {name}" + (f" ({mods})" if mods else "")
    return text + (f", note: {priced_line.line.notes}" if priced_line.line.notes else "")


def cart_summary(priced: PricedCart, ctx: ToolContext) -> dict[str, Any]:
    """The cart as the model needs it: line ids to refer to, spoken prices, warnings."""
    return {
        "lines": [
            {
                "line_id": p.line.line_id,
                "description": describe_line(p),
                "line_total": ctx.money(p.total_cents),
                "available": p.available,
            }
            for p in priced.lines
        ],
        "item_count": priced.item_count,
        "subtotal": ctx.money(priced.subtotal_cents),
        "tax": ctx.money(priced.tax_cents),
        "total": ctx.money(priced.total_cents),
        "warnings": [w["message"] for w in priced.warnings],
    }


def _total_sentence(state: CartState, ctx: ToolContext) -> str:
    priced = price_cart(state, ctx.menu, ctx.now)
    return f"Your total is now {ctx.money(priced.total_cents)} with tax."


def item_details(item: Item, ctx: ToolContext) -> dict[str, Any]:
    return {
        "id": item.id,
        "name": item.name,
        "category": item.category,
        "price": ctx.money(item.price_cents),
        "price_cents": item.price_cents,
        "available": item.available,
        "description": item.description,
        "choices": [
            {
                "group": g.name,
                "required": g.required,
                "min": g.min,
                "max": g.max,
                "options": [
                    {"name": o.name, "extra": ctx.money(o.price_cents) if o.price_cents else None} for o in g.options
                ],
            }
            for g in item.modifier_groups
        ],
    }


# --- the tools ---------------------------------------------------------------------------------------

_ITEM_TEXT = {"type": "string", "description": "the item as the customer said it, e.g. 'cheese burger'"}
_MODIFIERS = {
    "type": "array",
    "items": {"type": "string"},
    "description": "choices as the customer said them, e.g. ['medium well', 'no onions', 'large']",
}
_NOTES = {"type": "string", "description": "a short kitchen note the menu has no option for"}


@tool(
    "find_menu_items",
    """Search the menu. Call when the customer asks what there is, asks for a kind of food or a
    price range, or names something you are unsure is on the menu. All arguments are optional;
    with none it lists the menu. Read out at most a few results.""",
    {
        "query": {"type": "string", "description": "words the customer used, e.g. 'spicy chicken'"},
        "category": {"type": "string", "description": "a menu category, e.g. 'drinks'"},
        "max_price_cents": {"type": "integer", "description": "only items at most this price, in cents"},
    },
)
def find_menu_items(state: CartState, args: dict[str, Any], ctx: ToolContext) -> tuple[CartState, dict[str, Any]]:
    items = list(ctx.menu.items)
    if args.get("query"):
        items = [m.target for m in rank_items(ctx.menu, args["query"], limit=len(items)) if m.score >= 60]
    if args.get("category"):
        wanted = normalize(args["category"])
        items = [i for i in items if normalize(i.category) == wanted]
    if args.get("max_price_cents") is not None:
        items = [i for i in items if i.price_cents <= args["max_price_cents"]]
    found = [
        {"name": i.name, "price": ctx.money(i.price_cents), "category": i.category, "available": i.available}
        for i in items[:MAX_FOUND]
    ]
    if found:
        listed = ", ".join(f"{f['name']} ({f['price']})" for f in found if f["available"])
        message = f"On the menu: {listed}." if listed else "Those items are not available right now."
    else:
        message = "Nothing on the menu matches that."
    return state, {"message": message, "items": found, "categories": ctx.menu.categories()}


@tool(
    "get_item_details",
    """Price, description and the choices of one item. Call before adding an item whose choices
    the customer has not given, so you can ask about the required ones (e.g. doneness, size).""",
    {"item": _ITEM_TEXT},
    required=["item"],
)
def get_item_details(state: CartState, args: dict[str, Any], ctx: ToolContext) -> tuple[CartState, dict[str, Any]]:
    item = parse_phrase(ctx.menu, args["item"]).item
    details = item_details(item, ctx)
    required = [c for c in details["choices"] if c["required"]]
    asks = "; ".join(f"{c['group']}: {_names(c['options'])}" for c in required)
    message = f"{item.name} is {details['price']}." + (f" Please choose {asks}." if asks else "")
    if not item.available:
        message = f"{item.name} is not available right now."
    return state, {"message": message, "item": details}


def _add_one(state: CartState, entry: Any, ctx: ToolContext) -> tuple[CartState, dict[str, Any]]:
    if not isinstance(entry, dict) or not isinstance(entry.get("item"), str):
        raise InvalidRequest("each entry needs an item (what the customer said)")
    unknown = sorted(set(entry) - {"item", "quantity", "modifiers", "notes"})
    if unknown:
        raise InvalidRequest(f"unknown field(s) in items: {', '.join(unknown)}")
    phrase = parse_phrase(ctx.menu, entry["item"])
    said = entry.get("modifiers") or []
    if not isinstance(said, list) or not all(isinstance(m, str) for m in said):
        raise InvalidRequest("modifiers must be a list of strings")
    options = list(phrase.options)
    for text in said:
        options += [o for o in find_options(phrase.item, text) if o not in options]
    quantity = entry["quantity"] if entry.get("quantity") is not None else phrase.quantity or 1
    op = turn.AddItem(phrase.item.id, quantity, tuple(o.id for o in options), entry.get("notes"))
    state, line_id = turn.apply(state, op, ctx.menu)
    return state, {
        "line_id": line_id,
        "item": phrase.item.name,
        "quantity": quantity,
        "options": [o.name for o in options],
    }


@tool(
    "add_to_order",
    """Add items to the order. Put everything the customer asked for in one utterance into one
    call ("two cheeseburgers and a large fries" = two entries). Pass names as said; include the
    choices they gave. The answer says what was added and, for anything not added, why and what
    to ask (a required choice, which of two similar items, an alternative when sold out).""",
    {
        "items": {
            "type": "array",
            "minItems": 1,
            "maxItems": MAX_ITEMS_PER_CALL,
            "items": {
                "type": "object",
                "properties": {
                    "item": _ITEM_TEXT,
                    "quantity": {"type": "integer", "minimum": 1, "maximum": cart.MAX_QUANTITY},
                    "modifiers": _MODIFIERS,
                    "notes": _NOTES,
                },
                "required": ["item"],
                "additionalProperties": False,
            },
        }
    },
    required=["items"],
)
def add_to_order(state: CartState, args: dict[str, Any], ctx: ToolContext) -> tuple[CartState, dict[str, Any]]:
    entries = args["items"]
    if not entries or len(entries) > MAX_ITEMS_PER_CALL:
        raise InvalidRequest(f"send 1 to {MAX_ITEMS_PER_CALL} items per call")
    added, not_added = [], []
    for entry in entries:
        try:
            state, done = _add_one(state, entry, ctx)
            added.append(done)
        except TokenError:
            raise
        except CartError as exc:
            said = entry.get("item") if isinstance(entry, dict) else None
            not_added.append({"item": said, **failure(exc, ctx)})
    parts = []
    if added:
        parts.append("Added " + "; ".join(_added_text(a) for a in added) + ".")
    parts += [f"Not added: {n['item']}. {n['message']}" for n in not_added]
    if added:
        parts.append(_total_sentence(state, ctx))
    return state, {"ok": not not_added, "message": " ".join(parts), "added": added, "not_added": not_added}


def _added_text(added: dict[str, Any]) -> str:
    options = f" ({', '.join(added['options'])})" if added["options"] else ""
    return f"{added['quantity']} {added['item']}{options}"


@tool(
    "update_order_item",
    """Change a line already in the order: its quantity, its choices (send the complete new list;
    it replaces the old one) or its note. Use the line_id from the last cart you saw.""",
    {
        "line_id": {"type": "integer", "description": "from cart.lines[].line_id"},
        "quantity": {"type": "integer", "minimum": 0, "maximum": cart.MAX_QUANTITY, "description": "0 removes"},
        "modifiers": _MODIFIERS,
        "notes": _NOTES,
    },
    required=["line_id"],
)
def update_order_item(state: CartState, args: dict[str, Any], ctx: ToolContext) -> tuple[CartState, dict[str, Any]]:
    line = state.line(args["line_id"])
    modifiers = None
    if args.get("modifiers") is not None:
        item = ctx.menu.item_by_tag(line.item_tag)
        said = args["modifiers"]
        if item is None or not all(isinstance(m, str) for m in said):
            raise InvalidRequest("modifiers must be a list of strings for an item still on the menu")
        options = [o for text in said for o in find_options(item, text)]
        modifiers = tuple(dict.fromkeys(o.id for o in options))
    op = turn.UpdateLine(line.line_id, args.get("quantity"), modifiers, args.get("notes"))
    state, _ = turn.apply(state, op, ctx.menu)
    return state, {"message": f"Done. {_total_sentence(state, ctx)}", "line_id": line.line_id}


def _lines_for(state: CartState, text: str, ctx: ToolContext) -> list[cart.Line]:
    """The cart lines a spoken name refers to (only items in the cart count when names are close)."""
    in_cart = {line.item_tag for line in state.lines}
    try:
        phrase = parse_phrase(ctx.menu, text)
        item, options = phrase.item, phrase.options
    except ItemAmbiguous as exc:
        held = [c for c in exc.details["candidates"] if ctx.menu.item(c["id"]).tag in in_cart]  # type: ignore[union-attr]
        if len(held) != 1:
            raise
        item, options = ctx.menu.item(held[0]["id"]), ()  # type: ignore[assignment]
    lines = [x for x in state.lines if x.item_tag == item.tag]
    if not lines:  # "the burger" when the cart holds a Cheeseburger and no Classic Burger
        near = [
            m.target
            for m in rank_items(ctx.menu, text, limit=len(ctx.menu.items))
            if m.target.tag in in_cart and m.score >= SUGGEST_SCORE
        ]
        if len(near) != 1:
            raise NotInOrder(f"There is no {item.name} in the order.", item=item.name)
        item, options = near[0], ()  # type: ignore[assignment]
        lines = [x for x in state.lines if x.item_tag == item.tag]
    chosen = [x for x in lines if all(o.tag in x.option_tags for o in options)]
    if not chosen:
        raise NotInOrder(f"There is no {item.name} like that in the order.", item=item.name)
    return chosen


@tool(
    "remove_from_order",
    """Remove something from the order: by line_id, or by the name the customer said (with an
    optional quantity to remove only some, e.g. 'one less fries'). If several lines match, the
    answer lists them: ask which one.""",
    {
        "line_id": {"type": "integer", "description": "from cart.lines[].line_id"},
        "item": _ITEM_TEXT,
        "quantity": {"type": "integer", "minimum": 1, "description": "how many to remove; omit for all"},
    },
)
def remove_from_order(state: CartState, args: dict[str, Any], ctx: ToolContext) -> tuple[CartState, dict[str, Any]]:
    if args.get("line_id") is not None:
        line = state.line(args["line_id"])
    elif args.get("item"):
        lines = _lines_for(state, args["item"], ctx)
        if len(lines) > 1:
            priced = {p.line.line_id: p for p in price_cart(state, ctx.menu, ctx.now).lines}
            choices = [{"line_id": x.line_id, "description": describe_line(priced[x.line_id])} for x in lines]
            raise LineAmbiguous("Which one: " + " or ".join(c["description"] for c in choices) + "?", lines=choices)
        line = lines[0]
    else:
        raise InvalidRequest("say which line (line_id) or which item to remove")
    quantity = args.get("quantity")
    if quantity is not None:
        cart.check_quantity(quantity)  # 0 or -1 must not mean "the whole line"
    if quantity is not None and quantity < line.quantity:
        op: turn.Operation = turn.UpdateLine(line.line_id, quantity=line.quantity - quantity)
        removed = quantity
    else:
        op, removed = turn.RemoveLine(line.line_id), line.quantity
    state, _ = turn.apply(state, op, ctx.menu)
    item = ctx.menu.item_by_tag(line.item_tag)
    name = item.name if item else "that item"
    return state, {"message": f"Removed {removed} {name}. {_total_sentence(state, ctx)}", "line_id": line.line_id}


@tool(
    "get_current_order",
    """Read back the order with its total. Call when the customer asks what they have ordered or
    how much it is, and before finishing the order.""",
    {},
)
def get_current_order(state: CartState, args: dict[str, Any], ctx: ToolContext) -> tuple[CartState, dict[str, Any]]:
    priced = price_cart(state, ctx.menu, ctx.now)
    if not priced.lines:
        return state, {"message": "The order is empty."}
    lines = "; ".join(describe_line(p) for p in priced.lines if p.available)
    message = (
        f"You have {lines}. Subtotal {ctx.money(priced.subtotal_cents)}, tax {ctx.money(priced.tax_cents)}, "
        f"total {ctx.money(priced.total_cents)}."
    )
    if priced.warnings:
        message += " Note: " + "; ".join(w["message"] for w in priced.warnings) + "."
    return state, {"message": message}


@tool(
    "clear_order",
    """Empty the whole order. Only when the customer clearly asks to start over or cancel everything.""",
    {},
)
def clear_order(state: CartState, args: dict[str, Any], ctx: ToolContext) -> tuple[CartState, dict[str, Any]]:
    state, _ = turn.apply(state, turn.ClearCart(), ctx.menu)
    return state, {"message": "I've cleared the order."}


# confirm_order (review / checkout / cancel) lives with checkout; importing it registers it here.
from app import checkout_tool  # noqa: E402, F401
