"""``POST /v1/restaurants/{rid}/cart/checkout``: place the cart's order (:mod:`app.orders.service`).

Body ``{"customer": {"name", "phone"?}, "fulfillment": "pickup" | "dine_in" | "curbside", "notes"?,
"expected_total_cents"?}`` with the ``Cart-Token`` header; answers ``{"order", "cart",
"cart_token", "warnings"}``: 201 when this call placed the order, 200 when the cart had already
been ordered at this revision (the same order). The new token is marked checked out, so changing
it is ``cart_checked_out``; checking it out again returns the same order. A refusal mints nothing:
the caller's token stays valid.

The whole checkout runs on the order workers (:mod:`app.server.order_workers`): its own threads,
within ``CART_CHECKOUT_TIMEOUT_SECONDS``; beyond that the answer is ``overloaded`` (nothing done) or
``order_outcome_unknown`` (the store was working on it: retry the same checkout).
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from app.orders.order import parse_checkout
from app.orders.port import CommitGate
from app.orders.service import place_order
from app.runtime.context import AppContext
from app.server.http import cart_response, cart_token, order_inputs, read_json
from app.server.order_workers import OrderWorkers


def routes(ctx: AppContext, workers: OrderWorkers) -> list[BaseRoute]:
    """The checkout route, bound to ``ctx`` (and so to its order sink) and the order ``workers``."""

    async def checkout(request: Request) -> Response:
        checkout_request = parse_checkout(await read_json(request))
        token = cart_token(request)
        inputs = await order_inputs(ctx, request.path_params["rid"], token)  # the menu gone: its order's stand-in
        gate = CommitGate()  # closed if the budget runs out first: nothing is stored after the answer
        done = await workers.run(place_order, token, checkout_request, inputs, ctx.order_sink, gate, gate=gate)
        status = 201 if done.created else 200
        return cart_response(done.result, status, order=done.order, warnings=done.warnings)

    return [Route("/v1/restaurants/{rid}/cart/checkout", checkout, methods=["POST"])]
