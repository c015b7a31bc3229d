"""Checkout as a turn: verify the token, build the order, hand it to the sink, mint a checked-out token.

``POST /v1/restaurants/{rid}/cart/checkout`` (Cart-Token header) with
``{"customer": {"name", "phone"?}, "fulfillment": "pickup" | "dine_in" | "curbside", "notes"?,
"expected_total_cents"?}`` answers ``{"order", "cart", "cart_token", "warnings"}``: 201 when this
call placed the order, 200 when the cart had already been ordered at this revision (the same
order). The new token is marked checked out, so changing it is ``cart_checked_out``; checking it
out again returns the same order. A refusal mints nothing: the caller's token stays valid.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from app import http_api, sinks, turn
from app.codec import CartCodec
from app.menu import Menu
from app.orders import CheckoutRequest, parse_checkout, submit

if TYPE_CHECKING:
    from starlette.applications import Starlette

    from app.http_api import AppContext


@dataclass
class Checkout:
    order: dict[str, Any]
    created: bool
    result: turn.TurnResult  # the checked-out cart and its token
    warnings: list[dict[str, Any]]


def place_order(
    token: str | None,
    request: CheckoutRequest,
    menu: Menu,
    codec: CartCodec,
    sink: sinks.OrderSink,
    now: int,
    other_restaurants: Iterable[str] = (),
) -> Checkout:
    """Blocking (the sink may do I/O): call it off the event loop."""
    state = turn.load(token, menu, codec, now, other_restaurants)
    done = submit(state, request, menu, sink, now)
    return Checkout(done.order, done.created, turn.finish(done.state, menu, codec, now), done.warnings)


def order_sink(app: Starlette) -> sinks.OrderSink:
    return app.state.order_sink


async def checkout(request: Request) -> Response:
    ctx = http_api.context(request)
    checkout_request = parse_checkout(await http_api.read_json(request))
    done = await run_in_threadpool(
        place_order,
        request.headers.get(http_api.TOKEN_HEADER),
        checkout_request,
        ctx.menu(request),
        ctx.codec,
        order_sink(request.app),
        ctx.now(),
        ctx.catalog.restaurant_ids(),
    )
    return http_api.cart_response(done.result, 201 if done.created else 200, order=done.order, warnings=done.warnings)


def install(app: Starlette, ctx: AppContext) -> None:
    """Add the checkout route and the configured order sink to ``app``."""
    app.state.order_sink = sinks.from_settings(ctx.settings)
    app.router.routes.append(Route("/v1/restaurants/{rid}/cart/checkout", checkout, methods=["POST"]))
