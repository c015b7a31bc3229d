"""The voice tool kit: what a tool is, and how one call runs as a cart turn.

A tool is a :class:`Tool` (name, model-facing description, JSON schema, handler) made with the
:func:`tool` decorator. :meth:`Toolbox.run` verifies the token (or starts a cart), checks the
arguments against the tool's schema, runs the handler and answers with an ``output`` for the model:
always a short spoken-style ``message`` plus the data the model needs and a ``cart`` summary.

Which errors become ``ok: false``: every :class:`~app.errors.CartError` a handler raises that is
not a :class:`~app.errors.TokenError` — the 422 family (item not found, needs a choice, sold
out…), the 400 ``invalid_request`` of bad arguments and the 409/502/503/504 of checkout, and a changed
cart that would not fit its token (``cart_too_large``) — is answered as ``ok: false`` with its code
and what to ask; the cart is unchanged. So is what the order workers answer for a checkout
(:meth:`Toolbox.refused`, from :mod:`app.server.voice_routes`). Token problems (401/403)
and an unknown tool (404) raise, for the HTTP layer to answer.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from app.core import cart, turn
from app.core.cart import CartState
from app.core.cart.pricing import format_money
from app.core.menu import Menu
from app.core.turn import TurnInputs, TurnResult
from app.errors import (
    CartAlreadyOrdered,
    CartError,
    CartTooLarge,
    InvalidRequest,
    TokenError,
    TokenExpired,
    TokenMissing,
    ToolNotFound,
)
from app.json_input import conform, parse_json
from app.orders.order import priced_as_ordered, shown_as_ordered, spoken_number
from app.orders.port import CommitGate, OrderSink
from app.orders.service import cancel_unordered, ordered_before, stored_order
from app.voice.speech import cart_summary, failure, spoken_lines


@dataclass(frozen=True)
class ToolContext:
    """What a tool may use besides the cart: the menu, ``now`` and the order sink (checkout)."""

    menu: Menu
    now: int
    order_sink: OrderSink | None = None
    mint: Callable[[CartState], object] | None = None  # the turn's token minting: checkout tries it before placing
    gate: CommitGate | None = None  # checkout commits through it (closed once the caller stopped waiting)
    # the stored orders this call looked up, by (cart id, revision): a read-back and the answer's cart ask once
    stored: dict[tuple[str, int], dict[str, Any] | None] = field(default_factory=dict, compare=False)
    # by cart id: the order this call found its cart's older copy was placed as — the answer's cart shows it
    ordered: dict[str, CartAlreadyOrdered] = field(default_factory=dict, compare=False)

    def money(self, cents: int) -> str:
        return format_money(cents, self.menu.currency)

    def found_ordered(self, state: CartState, ordered: CartAlreadyOrdered) -> CartAlreadyOrdered:
        """Remember that ``state`` is an older copy of a cart that was ordered (``ordered`` names the order)."""
        if not state.checked_out:
            self.ordered[state.cart_id_hex] = ordered
        return ordered

    def ordered_before(self, state: CartState) -> CartAlreadyOrdered | None:
        """:func:`app.orders.service.ordered_before`, remembered for the answer's cart."""
        ordered = ordered_before(state, self.order_sink)
        return None if ordered is None else self.found_ordered(state, ordered)

    def placed_order_number(self, state: CartState) -> str | None:
        """The order number (its last six characters) if this cart was already ordered
        (:meth:`ordered_before`), else None; ``order_outcome_unknown`` when the store cannot be read."""
        ordered = self.ordered_before(state)
        return None if ordered is None else order_number(ordered)

    def stored_order(self, state: CartState) -> dict[str, Any] | None:
        """The order the store holds for this cart revision; None when there is none, the sink keeps no
        orders (the webhook) or the store cannot be read right now."""
        key = (state.cart_id_hex, state.revision)
        if key not in self.stored:
            self.stored[key] = stored_order(state, self.order_sink)
        return self.stored[key]

    def unchecked_orders_note(self, state: CartState) -> str:
        """What emptying ``state`` (before it was emptied) must add when the order sink keeps no orders to
        look up (the webhook): :meth:`placed_order_number` found none, but an earlier checkout of these
        lines may have reached the kitchen."""
        if not state.lines or self.order_sink is None or self.order_sink.keeps_orders:
            return ""
        return UNCHECKED_ORDERS_NOTE

    def unchecked_order_note(self, state: CartState) -> str:
        """What reading or reviewing ``state`` as an open cart must add when the order sink keeps no orders to
        look up (the webhook): this copy, or another copy of the cart, may have been ordered already — a fork's
        checkout refused ``cart_already_ordered`` by the kitchen is not remembered here (break16o §7) — so never
        "Shall I place the order?" as if nothing could have happened. The kitchen keeps the first order of a
        cart (its receiver's contract, README "Webhook"), so placing it again never orders twice."""
        if state.checked_out or self.order_sink is None or self.order_sink.keeps_orders:
            return ""
        return UNCHECKED_ORDER_NOTE


UNCHECKED_ORDER_NOTE = (
    " Whether this cart was already ordered, from this copy or another copy of it, can't be checked from here; "
    "if it was, the kitchen keeps that order and won't take a second one."
)
UNCHECKED_ORDERS_NOTE = (
    " If an earlier checkout of this order already reached the kitchen, that order stands: it can't be "
    "checked or cancelled from here."
)


def already_placed(number: str) -> dict[str, Any]:
    """A tool's refusal to change or cancel a cart that was ordered."""
    return {
        "ok": False,
        "message": f"This order was already placed as order number {number}; it can't be changed or cancelled "
        "here. To order something else, start a new order.",
        "ready": False,
        "error": "cart_already_ordered",
        "order_number": number,
    }


def cancel_in_store(state: CartState, ctx: ToolContext) -> dict[str, Any] | None:
    """Before a tool says "cancelled" or "cleared" of ``state``: the store records the cancel
    (:func:`app.orders.service.cancel_unordered`), so a checkout of the cart still in flight is refused
    rather than placed after the answer. None when the cancel stands; the refusal to answer when the store
    took an order of the cart first. ``order_outcome_unknown`` (can't check right now) propagates."""
    try:
        cancel_unordered(state, ctx.order_sink, ctx.now)
    except CartAlreadyOrdered as exc:
        return already_placed(order_number(ctx.found_ordered(state, exc)))
    return None


def order_number(ordered: CartAlreadyOrdered) -> str:
    """The order number said aloud: the last six characters of the order id ``cart_already_ordered`` names."""
    return spoken_number(str(ordered.details.get("order_id", ""))) or "?"


def already_ordered(state: CartState, ordered: CartAlreadyOrdered, ctx: ToolContext) -> dict[str, Any]:
    """A tool's answer on ``state``, an older copy of a cart that was ordered (``get_current_order``, a checkout
    of it), as HTTP answers any turn on it (409 ``cart_already_ordered``), in words: what the order holds (when
    the store says), never this copy's lines, which may differ (a line added on another tab, an emptied copy);
    the answer's cart is the order too (:meth:`Toolbox._finish`)."""
    number = order_number(ctx.found_ordered(state, ordered))
    lines = ordered.details.get("ordered_lines")
    holds = f", which holds {spoken_lines(lines, ctx.menu)}" if lines else ""
    message = (
        f"This order was already placed as order number {number}{holds}. This is an older copy of the cart, "
        "not what was ordered; to order something else, start a new order."
    )
    answer = {"ok": False, "message": message, "error": "cart_already_ordered", "order_number": number, "placed": True}
    return {**answer, "ordered_lines": lines} if lines else answer


# Which ordered carts a tool refuses to change (an older token of the cart: the kitchen has the order):
GUARD_NONE = ""  # reads, or starts a cart
GUARD_ORDERED = "ordered"  # changes lines; if the store can't be read, goes ahead (checkout will tell)
GUARD_ORDERED_OR_UNKNOWN = "ordered_or_unknown"  # empties the order: can't check = can't say it's cleared

NO_TOKEN_MESSAGE = (
    "I couldn't find the order in this call: {tool} needs the cart, and no Cart-Token was sent. Send the "
    "Cart-Token header from the previous tool answer with every call after the first one."
)


# A tool gets the cart and its (parsed) arguments and returns the new cart and its output data.
# Output keys: "message" (required), anything else the model needs; "ok": False for a partial result.
Handler = Callable[[CartState, dict[str, Any], ToolContext], tuple[CartState, dict[str, Any]]]
# what a tool answers on an authentic token past its expiry (the cart read back, the error it expired with);
# raises that error when it has nothing true to say about an order placed before
ExpiredHandler = Callable[[CartState, dict[str, Any], ToolContext, TokenExpired], tuple[CartState, dict[str, Any]]]


@dataclass(frozen=True)
class Tool:
    name: str
    description: str
    parameters: dict[str, Any]
    handler: Handler
    needs_cart: bool = False  # works on an existing cart: without a token it is token_missing, never "empty"
    guard: str = GUARD_NONE  # which ordered carts it refuses to change (GUARD_*)
    on_expired: ExpiredHandler | None = None  # None: an expired token is token_expired, whatever the call

    def spec(self, strict: bool = False) -> dict[str, Any]:
        """The Realtime ``session.update`` shape; ``strict``: OpenAI's strict function form (:func:`strict_schema`)."""
        spec: dict[str, Any] = {
            "type": "function",
            "name": self.name,
            "description": self.description,
            "parameters": self.parameters,
        }
        if strict:
            spec |= {"parameters": strict_schema(self.parameters), "strict": True}
        return spec


def strict_schema(schema: Mapping[str, Any]) -> dict[str, Any]:
    """``schema`` in the form OpenAI's strict mode (the Agents SDKs' default) demands, meaning the same.

    Every object lists all its properties in ``required`` and has ``additionalProperties: false``; a
    property that was optional becomes nullable (``"type": ["integer", "null"]``, ``null`` added to
    its ``enum``). A strict caller sends ``null`` for "not given", which :func:`~app.json_input.conform`
    reads as absent, so both forms of a call do the same thing.
    """
    out = dict(schema)
    if "properties" in out:
        optional = set(out["properties"]) - set(out.get("required", ()))
        out["properties"] = {
            name: _nullable(strict_schema(sub)) if name in optional else strict_schema(sub)
            for name, sub in out["properties"].items()
        }
        out["required"] = list(out["properties"])
        out["additionalProperties"] = False
    if "items" in out:
        out["items"] = strict_schema(out["items"])
    return out


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
    schema["type"] = [*kinds, "null"] if "null" not in kinds else kinds
    if "enum" in schema and None not in schema["enum"]:
        schema["enum"] = [*schema["enum"], None]
    return schema


def tool(
    name: str,
    description: str,
    properties: dict[str, Any],
    required: Iterable[str] = (),
    *,
    needs_cart: bool = False,
    guard: str = GUARD_NONE,
    on_expired: ExpiredHandler | None = None,
) -> Callable[[Handler], Tool]:
    """Make a handler a :class:`Tool`: ``@tool("name", "when to call it…", {json schema properties})``."""

    def make(handler: Handler) -> Tool:
        parameters: dict[str, Any] = {"type": "object", "properties": properties, "required": list(required)}
        parameters["additionalProperties"] = False
        return Tool(name, " ".join(description.split()), parameters, handler, needs_cart, guard, on_expired)

    return make


@dataclass
class ToolOutcome:
    ok: bool
    output: dict[str, Any]
    result: TurnResult

    def output_json(self) -> str:
        """The string for ``function_call_output.output``."""
        return json.dumps(self.output, ensure_ascii=False, separators=(",", ":"))


def parse_arguments(arguments: Any) -> dict[str, Any]:
    """An object, or the JSON string the Realtime API delivers; anything else is a 400."""
    if isinstance(arguments, str):
        arguments = parse_json(arguments, "arguments") if arguments.strip() else {}
    if arguments is None:
        return {}
    if not isinstance(arguments, dict):
        raise InvalidRequest("arguments must be a JSON object (or a string holding one)")
    return arguments


def check_arguments(found: Tool, args: dict[str, Any]) -> dict[str, Any]:
    """``args`` checked against the tool's schema by :func:`~app.json_input.conform` (names, types, enums,
    all the way down; a strict caller's nulls read as absent, ``2.0`` as ``2``); ranges are the cart's."""
    checked: dict[str, Any] = conform(args, found.parameters)
    return checked


class Toolbox:
    """An explicit, ordered set of tools: what the model is offered and what may be called."""

    def __init__(self, tools: Sequence[Tool]) -> None:
        self.tools = {t.name: t for t in tools}

    def specs(self, strict: bool = False) -> list[dict[str, Any]]:
        return [t.spec(strict) for t in self.tools.values()]

    def get(self, name: str) -> Tool:
        found = self.tools.get(name)
        if found is None:
            raise ToolNotFound(f"no tool named {name!r}", tools=sorted(self.tools))
        return found

    @staticmethod
    def _refusal(found: Tool, state: CartState, ctx: ToolContext) -> dict[str, Any] | None:
        """Why ``found`` must not change this cart (it was ordered), or None."""
        if found.guard == GUARD_NONE:
            return None
        try:
            number = ctx.placed_order_number(state)
        except CartError as exc:
            if found.guard == GUARD_ORDERED_OR_UNKNOWN or exc.code != "order_outcome_unknown":
                raise
            return None  # only lines change: checkout, which looks again, tells the truth about the order
        return None if number is None else already_placed(number)

    def run(
        self,
        name: str,
        arguments: Any,
        token: str | None,
        inputs: TurnInputs,
        *,
        new_cart_id: bytes,
        order_sink: OrderSink | None = None,
        gate: CommitGate | None = None,
    ) -> ToolOutcome:
        """Verify ``token`` (none: start a cart with ``new_cart_id``), run the tool, mint the next token;
        an order is committed only through ``gate`` (:class:`~app.orders.port.CommitGate`)."""
        found = self.get(name)
        args = parse_arguments(arguments)
        menu = inputs.menu
        ctx = ToolContext(menu, inputs.now, order_sink, inputs.finish, gate)
        try:
            state = self._cart(found, token, inputs, new_cart_id)
        except TokenExpired as exc:
            if found.on_expired is None or not token:
                raise
            # the expired cart is only read back to answer about an order placed before it expired (the answer's
            # cart: that order, checked out, so its token changes nothing); any other refusal is the HTTP error
            # (never an ``ok: false`` whose new token would revive the cart)
            state = inputs.load(token, expired=True)
            new_state, output = found.on_expired(state, check_arguments(found, args), ctx, exc)
            ok = bool(output.pop("ok", True))  # an answer about the order placed before it expired
            return self._outcome(ok, output, self._finish(inputs, new_state, output, ctx), token, inputs)
        try:
            refusal = self._refusal(found, state, ctx) if token else None  # a cart made by this call: never ordered
            if refusal is not None:
                new_state, output = state, refusal
            else:
                new_state, output = found.handler(state, check_arguments(found, args), ctx)
            ok = bool(output.pop("ok", True))
        except TokenError:
            raise
        except CartError as exc:
            new_state, output, ok = state, failure(exc), False
        try:
            result = self._finish(inputs, new_state, output, ctx)
        except CartTooLarge as exc:  # the change fits the cart's rules, not its token: refused like the rest
            if new_state.checked_out:  # (an order was placed: never answered as if nothing had changed)
                raise
            output, ok = failure(exc), False
            result = inputs.finish(state)
        return self._outcome(ok, output, result, token, inputs)

    @staticmethod
    def _finish(inputs: TurnInputs, state: CartState, output: dict[str, Any], ctx: ToolContext) -> TurnResult:
        """Mint ``state``'s token; the placed order's cart with its tax and total as ordered, not today's. An
        older copy of an ordered cart (this call found its order) is shown as the order, checked out, its
        token left the copy's (:func:`app.orders.order.shown_as_ordered`; break16o §5)."""
        result = inputs.finish(state)
        ordered = ctx.ordered.get(state.cart_id_hex)
        if ordered is not None and not state.checked_out:
            result.priced = shown_as_ordered(result.priced, ordered, ctx.menu)
            return result
        if state.checked_out:
            placed = output.get("order")
            stored = placed if isinstance(placed, dict) else ctx.stored_order(state)
            if stored is not None:
                result.priced = priced_as_ordered(result.priced, stored)
        return result

    def refused(
        self, name: str, exc: CartError, token: str | None, inputs: TurnInputs, *, new_cart_id: bytes
    ) -> ToolOutcome:
        """Tool ``name``'s answer when its call could not run to one: ``exc`` from outside the tool (the order
        workers' queue or budget ran out on a checkout) is ``ok: false`` with what to say, like any refusal of
        a tool, and the caller's cart unchanged — never a bare HTTP error. Token problems still raise."""
        found = self.get(name)
        try:
            state = self._cart(found, token, inputs, new_cart_id)
        except TokenExpired:
            # a checkout retried on an expired token, to find the order placed before (``on_expired``): its
            # refusal ("can't check right now", 504) is the HTTP error, as every refusal about an expired cart
            # (an ``ok: false`` would mint a token reviving it) — never ``token_expired``, on which a client
            # starts over while the kitchen may hold the order
            raise exc from None
        return self._outcome(False, failure(exc), inputs.finish(state), token, inputs)

    @staticmethod
    def _cart(found: Tool, token: str | None, inputs: TurnInputs, new_cart_id: bytes) -> CartState:
        """The caller's cart: its token verified, or a new cart (``token_missing`` for a tool that needs one)."""
        if found.needs_cart and not token:  # a bridge that dropped the token: never "your order is empty"
            raise TokenMissing(NO_TOKEN_MESSAGE.format(tool=found.name), tool=found.name)
        if token:
            return inputs.load(token)
        return cart.new_cart(new_cart_id, inputs.menu.restaurant_id, inputs.now)

    @staticmethod
    def _outcome(
        ok: bool, output: dict[str, Any], result: TurnResult, token: str | None, inputs: TurnInputs
    ) -> ToolOutcome:
        """The answer: the output with the cart summary (and, on a cart's first turn, a closed restaurant)."""
        menu = inputs.menu
        closed = turn.closed_notice(menu, inputs.now) if not token else None
        if closed is not None:  # the first turn says it, with the hours, before anything else
            output["message"] = f"Sorry, {closed['message']}. " + output.get("message", "")
            output["restaurant_closed"] = {k: closed[k] for k in ("hours_today", "timezone")}
        output = {"ok": ok, **output, "cart": cart_summary(result.priced, menu)}
        return ToolOutcome(ok, output, result)
