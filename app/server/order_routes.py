"""``POST /v1/restaurants/{rid}/cart/checkout``: place the cart's order (:mod:`app.orders.service`).

Body ``{"customer": {"name", "phone"?}, "fulfillment": "pickup" | "dine_in" | "curbside", "notes"?,
"expected_total_cents"?}`` with the ``Cart-Token`` header; answers ``{"order", "cart",
"cart_token", "warnings"}``: 201 when this call placed the order, 200 when the cart had already
been ordered at this revision (the same order). The new token is marked checked out, so changing
it is ``cart_checked_out``; checking it out again returns the same order. A refusal mints nothing:
the caller's token stays valid.
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from app.context import AppContext
from app.orders.order import parse_checkout
from app.orders.service import place_order
from app.server.http import cart_response, cart_token, read_json


def routes(ctx: AppContext) -> list[BaseRoute]:
    """The checkout route, bound to ``ctx`` (and so to its order sink)."""

    async def checkout(request: Request) -> Response:
        checkout_request = parse_checkout(await read_json(request))
        inputs = ctx.turn_inputs(request.path_params["rid"])
        done = await run_in_threadpool(place_order, cart_token(request), checkout_request, inputs, ctx.order_sink)
        status = 201 if done.created else 200
        return cart_response(done.result, status, order=done.order, warnings=done.warnings)

    return [Route("/v1/restaurants/{rid}/cart/checkout", checkout, methods=["POST"])]
