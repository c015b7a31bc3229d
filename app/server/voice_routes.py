"""The voice routes: the tools, the Realtime session, and the demo page with its static files.

``GET  /v1/restaurants/{rid}/tools``         → ``{"tools": [Realtime function specs]}``;
``?strict=true``: the same tools in OpenAI's strict form (every property required, optional ones
nullable, ``"strict": true``) for SDKs that default to strict function schemas.
``POST /v1/restaurants/{rid}/tools/{name}``  ``{"arguments": object | JSON string, "call_id"?}``
with an optional ``Cart-Token`` (none: a new cart) → 200 ``{"ok", "output", "call_id", "cart",
"cart_token"}``; ``output`` is the JSON string for ``function_call_output.output``. Every outcome of an
order, the order workers' too (queue full, budget spent), is a tool answer (``ok: false``); only token
problems, an unknown tool, a bad body and the replica's own limits are HTTP errors.
``POST /v1/realtime/session`` ``{"restaurant_id"}`` → a Realtime client secret
(:mod:`app.voice.realtime`). ``/static/*`` and the demo page at ``/``.
"""

from __future__ import annotations

import functools
import secrets
from pathlib import Path
from urllib.parse import urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.errors import CartError, InvalidRequest, OrderDeliveryFailed, OrderOutcomeUnknown, Overloaded
from app.json_input import object_fields, optional_str
from app.orders.port import CommitGate
from app.runtime.context import AppContext
from app.server.http import cart_response, cart_token, order_inputs, read_json
from app.server.order_workers import OrderWorkers
from app.server.responses import OrjsonResponse
from app.voice.realtime import SessionLimiter, check_origin, mint_client_secret
from app.voice.toolkit import parse_arguments

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"


def page_headers(speech_api: str) -> dict[str, str]:
    """What the demo page (which opens the microphone) and its files are sent with: no other site may
    frame them, scripts and styles only from here, the microphone for this page only, no referrer.
    ``speech_api`` is the Realtime API's origin, the one other place the page connects to (WebRTC)."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(speech_api))
    policy = (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self' blob:; "
        f"connect-src 'self' {origin}; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; "
        "object-src 'none'"
    )
    return {
        "Content-Security-Policy": policy,
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",  # frame-ancestors for browsers that predate it
        "Referrer-Policy": "no-referrer",
        "Permissions-Policy": "microphone=(self), camera=(), geolocation=(), payment=(), usb=()",
    }


class WithHeaders:
    """ASGI wrapper adding ``headers`` to every answer of ``app`` (the static files)."""

    def __init__(self, app: ASGIApp, headers: dict[str, str]) -> None:
        self.app = app
        self.headers = [(k.lower().encode(), v.encode()) for k, v in headers.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", ()), *self.headers]
            await send(message)

        await self.app(scope, receive, send_with_headers)


ORDER_TOOLS = frozenset({"confirm_order"})  # may hand an order to the sink: run on the order workers
# what the order workers answer themselves (queue full or too slow, the budget spent: app.server.order_workers);
# HTTP checkout answers them as 503/502/504, a voice tool as ok:false like the sink's own outcomes
WORKERS_REFUSALS = (Overloaded, OrderDeliveryFailed, OrderOutcomeUnknown)


def places_order(name: str, arguments: object) -> bool:
    """Only placing an order waits on the order workers; a review or a cancel only looks the cart up
    (quickly, or "can't check right now") and must not queue behind hung checkouts."""
    if name not in ORDER_TOOLS:
        return False
    try:
        return parse_arguments(arguments).get("action") == "checkout"
    except CartError:
        return False  # the tool answers the bad arguments


def routes(ctx: AppContext, workers: OrderWorkers) -> list[BaseRoute]:
    """The voice routes, bound to ``ctx``; tools that place orders run on the order ``workers``."""

    async def list_tools(request: Request) -> Response:
        ctx.menu(request.path_params["rid"])  # 404 for an unknown restaurant
        strict = request.query_params.get("strict", "false")
        if strict not in ("true", "false"):
            raise InvalidRequest("strict must be true or false", field="strict")
        return OrjsonResponse({"tools": ctx.tools.specs(strict=strict == "true")})

    async def call_tool(request: Request) -> Response:
        body = object_fields(await read_json(request, required=False), {"arguments", "call_id"})
        call_id = optional_str(body.get("call_id"), "call_id")
        name = request.path_params["name"]
        # cart tools are quick (the turns' pool); placing an order may wait on the store (its own threads),
        # committing through a gate closed if the budget runs out first (nothing stored after the answer)
        gate = CommitGate()
        tools = functools.partial(
            ctx.tools.run, new_cart_id=secrets.token_bytes(8), order_sink=ctx.order_sink, gate=gate
        )
        token = cart_token(request)
        inputs = await order_inputs(ctx, request.path_params["rid"], token)  # the menu gone: its order's stand-in
        args = (name, body.get("arguments", {}), token, inputs)
        if places_order(name, body.get("arguments", {})):
            try:
                outcome = await workers.run(tools, *args, gate=gate)
            except WORKERS_REFUSALS as exc:  # the tool's answer, as every order outcome is: ok:false, what to say
                refused = functools.partial(ctx.tools.refused, new_cart_id=secrets.token_bytes(8))
                outcome = await run_in_threadpool(refused, name, exc, token, inputs)
        else:
            outcome = await run_in_threadpool(tools, *args)
        return cart_response(outcome.result, ok=outcome.ok, output=outcome.output_json(), call_id=call_id)

    sessions = SessionLimiter(ctx.settings.realtime_sessions_per_minute)

    async def create_session(request: Request) -> Response:
        check_origin(request.headers.get("origin"), request.headers.get("host"), ctx.settings.realtime_allowed_origins)
        body = object_fields(await read_json(request), {"restaurant_id"}, {"restaurant_id"})
        if not isinstance(body["restaurant_id"], str):
            raise InvalidRequest("restaurant_id must be a string")
        menu = ctx.menu(body["restaurant_id"])  # 404 before a session is counted or minted
        sessions.take(request.client.host if request.client else "unknown", ctx.clock())
        secret = await mint_client_secret(ctx.settings, menu, ctx.now())
        return OrjsonResponse(secret, headers={"Cache-Control": "no-store"})

    page = page_headers(ctx.settings.openai_base_url)

    async def demo_page(request: Request) -> Response:
        return FileResponse(STATIC_DIR / "index.html", headers={"Cache-Control": "no-cache", **page})

    base = "/v1/restaurants/{rid}/tools"
    return [
        Route(base + "/{name}", call_tool, methods=["POST"]),
        Route(base, list_tools, methods=["GET"]),
        Route("/v1/realtime/session", create_session, methods=["POST"]),
        Route("/", demo_page, methods=["GET"]),
        Mount("/static", WithHeaders(StaticFiles(directory=STATIC_DIR), page), name="static"),
    ]
