"""The cart API: the menu, and each cart turn as a route over :meth:`app.core.turn.TurnInputs.run`.

| route                                              | turn           | answers                     |
|----------------------------------------------------|----------------|-----------------------------|
| ``GET    /v1/restaurants/{rid}/menu``              |                | the menu JSON               |
| ``POST   /v1/restaurants/{rid}/cart``              | ``NewCart``    | 201 ``{"cart", "cart_token"}`` |
| ``GET    /v1/restaurants/{rid}/cart``              | ``ViewCart``   | the cart, repriced          |
| ``DELETE /v1/restaurants/{rid}/cart``              | ``ClearCart``  | the emptied cart (cancelled in the store) |
| ``POST   /v1/restaurants/{rid}/cart/items``        | ``AddItem``    | the cart, ``line_id``, ``understood`` |
| ``PATCH  /v1/restaurants/{rid}/cart/items/{id}``   | ``UpdateLine`` | the cart                    |
| ``DELETE /v1/restaurants/{rid}/cart/items/{id}``   | ``RemoveLine`` | the cart                    |

A turn that leaves the cart with no lines (a clear, its last line removed or set to 0) is recorded in the
order store as a cancel before it is answered, so a checkout of the cart still in flight cannot be stored
after the customer heard "emptied" (:func:`app.orders.service.cancel_unordered`).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import TypeVar

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from app.core import turn
from app.core.cart import CartState, Line
from app.core.menu import Menu
from app.core.menu.memo import memo
from app.core.reading.understood import Understood, understood_line
from app.errors import InvalidRequest, OrderOutcomeUnknown
from app.json_input import object_fields, optional_str, string_list
from app.orders.order import priced_as_ordered
from app.orders.port import OrderSink
from app.orders.service import cancel_unordered, ordered_before, stored_order
from app.runtime.context import AppContext
from app.server.http import Endpoint, cart_response, cart_token, order_inputs, path_line_id, read_json
from app.server.responses import OrjsonResponse

BASE = "/v1/restaurants/{rid}"
UNCHECKED_ORDERS_NOTE = (
    "the cart is emptied, but an earlier checkout of it may already have reached the kitchen, which can't be "
    "checked or cancelled from here: that order stands"
)
ADD_FIELDS = frozenset({"item", "quantity", "modifiers", "notes", "variation"})  # an add-item body's
T = TypeVar("T")
MAX_UNDERSTOOD_PER_MENU = 4096  # distinct choices whose read-back is remembered per menu before starting over


def understood(menu: Menu, line: Line) -> Understood | None:
    """:func:`~app.core.reading.understood.understood_line`, its choice part worked out once per menu
    object (:mod:`app.core.menu.memo`): it depends on the item, variation and options alone; the
    quantity and notes are the line's own."""
    choices = memo(menu, "understood choices", MAX_UNDERSTOOD_PER_MENU)
    key = (line.item_tag, line.variation_tag, line.option_tags)
    if key not in choices:
        choices[key] = understood_line(menu, line)
    known: Understood | None = choices[key]
    if known is None:
        return None
    return {**known, "quantity": line.quantity, "notes": line.notes or None}


def routes(ctx: AppContext) -> list[BaseRoute]:
    """The cart routes, bound to ``ctx``."""

    async def run(request: Request, op: turn.Operation, menu: Menu | None = None) -> turn.TurnResult:
        # what ctx.turn_inputs(rid).run(token, op) does, without building the TurnInputs per request;
        # the catalog's dict of menus iterates as the ids of the other restaurants (only read on a
        # bad signature, to tell a token for another restaurant from a forged one). ``menu``: the
        # restaurant's, when the caller has already looked it up
        menu = ctx.menu(request.path_params["rid"]) if menu is None else menu
        result = turn.run_turn(cart_token(request), op, menu, ctx.codec, ctx.now(), ctx.catalog.menus)
        if not isinstance(op, turn.NewCart):
            await refuse_if_ordered(result.state)
        return result

    async def look_up(ask: Callable[[CartState, OrderSink], T], state: CartState) -> T:
        """``ask(state, sink)`` of the order sink: a lookup that may wait (the network) runs on a thread, off
        the event loop; a quick one (SQLite) in place."""
        sink = ctx.order_sink
        return ask(state, sink) if sink.quick_lookup else await run_in_threadpool(ask, state, sink)

    async def refuse_if_ordered(state: CartState) -> None:
        """An older token of an ordered cart is answered ``cart_already_ordered`` naming the order,
        whatever the turn: reading its lines as the cart, or changing them, would say the order is what
        it is not. Nothing is minted, so the caller's token stays as it was. A store that cannot be
        read: a view or a line change goes ahead (checkout looks again and tells the truth about the
        order). A turn that empties the cart is not run here: ``emptying`` below has the store decide it."""
        if state.checked_out or not ctx.order_sink.keeps_orders:
            return
        try:
            ordered = await look_up(ordered_before, state)
        except OrderOutcomeUnknown:
            return
        if ordered is not None:
            raise ordered

    async def get_menu(request: Request) -> Response:
        return OrjsonResponse(ctx.menu(request.path_params["rid"]).raw)

    async def create_cart(request: Request) -> Response:
        return cart_response(await run(request, turn.NewCart(secrets.token_bytes(8))), 201)

    async def get_cart(request: Request) -> Response:
        inputs = await order_inputs(ctx, request.path_params["rid"], cart_token(request))  # the menu removed
        result = await run(request, turn.ViewCart(), inputs.menu)  # after an order: the placed cart is still read
        if result.state.checked_out:  # the placed order's own token: its tax and total as ordered, not today's
            stored = await look_up(stored_order, result.state)
            if stored is not None:
                result.priced = priced_as_ordered(result.priced, stored)
        return cart_response(result)

    async def emptying(request: Request, op: turn.Operation) -> Response:
        """A turn that may leave the cart with no lines (a clear; removing, or setting to 0, its last line).
        One that leaves lines is any turn. One that empties it: the pure turn first (a checked-out cart:
        ``cart_checked_out``), then the store decides between this and a checkout of the same cart still in
        flight, one of them wins (:func:`~app.orders.service.cancel_unordered`): recording it waits on the
        store's write lock, so on a thread, off the event loop. Its order: ``cart_already_ordered``; can't
        check: ``order_outcome_unknown`` — never "emptied" while the order may be stored."""
        menu, now = ctx.menu(request.path_params["rid"]), ctx.now()
        state = turn.load(cart_token(request), menu, ctx.codec, now, ctx.catalog.menus)
        after, _ = turn.apply(state, op, menu, now)
        if after.lines:
            await refuse_if_ordered(after)
            return cart_response(turn.finish(after, menu, ctx.codec, now))
        decided = await run_in_threadpool(cancel_unordered, state, ctx.order_sink, now)
        result = turn.finish(after, menu, ctx.codec, now)
        if decided or not state.lines:
            return cart_response(result)
        # a sink that keeps no orders (the webhook) can't say whether an earlier checkout reached the kitchen
        return cart_response(result, may_be_ordered=True, note=UNCHECKED_ORDERS_NOTE)

    async def clear_cart(request: Request) -> Response:
        return await emptying(request, turn.ClearCart())

    async def add_item(request: Request) -> Response:
        body = await read_json(request)
        if not (type(body) is dict and "item" in body and body.keys() <= ADD_FIELDS):  # a well-formed body: as is
            body = object_fields(body, ADD_FIELDS, {"item"})  # else the 400 that names what is wrong
        if not isinstance(body["item"], str):
            raise InvalidRequest("item must be a string: an item id or its name")
        op = turn.AddItem(
            item=body["item"],
            quantity=body.get("quantity", turn.AS_SAID),  # none given: the count said in the item phrase, else 1
            modifiers=string_list(body.get("modifiers", []), "modifiers"),
            notes=optional_str(body.get("notes"), "notes"),
            variation=optional_str(body.get("variation"), "variation"),
        )
        menu = ctx.menu(request.path_params["rid"])  # looked up once, for the turn and the read-back
        result = await run(request, op, menu)
        # every line the phrase named ("two cheeseburgers, one no pickles": two), each as ids; line_id and
        # understood, the first of them, as before
        added = [
            {"line_id": i, "understood": understood(menu, result.state.line(i))} for i in dict.fromkeys(result.line_ids)
        ]
        read_back = added[0]["understood"] if added else None
        return cart_response(result, 200, line_id=result.line_id, understood=read_back, added=added)

    async def update_item(request: Request) -> Response:
        body = object_fields(await read_json(request), {"quantity", "modifiers", "notes", "variation"})
        modifiers = body.get("modifiers")
        op = turn.UpdateLine(
            line_id=path_line_id(request),
            quantity=body.get("quantity"),
            modifiers=None if modifiers is None else string_list(modifiers, "modifiers"),
            notes=optional_str(body.get("notes"), "notes"),
            variation=optional_str(body.get("variation"), "variation"),
        )
        return await emptying(request, op)  # quantity 0 removes the line: maybe the last one

    async def delete_item(request: Request) -> Response:
        return await emptying(request, turn.RemoveLine(path_line_id(request)))

    # the hottest routes first: Starlette tries them in order; the turns as Endpoint (no per-route
    # exception wrapper: the app's exception middleware answers errors the same way)
    return [
        Route(f"{BASE}/cart/items", Endpoint(add_item), methods=["POST"]),
        Route(BASE + "/cart/items/{line_id}", Endpoint(update_item), methods=["PATCH"]),
        Route(BASE + "/cart/items/{line_id}", Endpoint(delete_item), methods=["DELETE"]),
        Route(f"{BASE}/cart", Endpoint(get_cart), methods=["GET"]),
        Route(f"{BASE}/cart", Endpoint(create_cart), methods=["POST"]),
        Route(f"{BASE}/cart", Endpoint(clear_cart), methods=["DELETE"]),
        Route(f"{BASE}/menu", get_menu),
    ]
