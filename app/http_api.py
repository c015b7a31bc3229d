"""The HTTP shell: Starlette routes over :func:`app.turn.run_turn`, and the one error mapping.

Every successful cart response is ``{"cart": Cart, "cart_token": "…"}`` with the token also in
the ``Cart-Token`` response header. Every failure is ``{"error": {"code", "message", …}}`` with
the status its :class:`~app.errors.CartError` names; a failed turn mints no token, so the
caller's previous token stays valid.
"""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from app import checkout, ops, tools_api, turn
from app.codec import CartCodec
from app.errors import CartError, InvalidRequest, LineNotFound, RequestTooLarge
from app.json_input import object_fields, parse_json
from app.keys import KeyRing
from app.menu import Menu, MenuCatalog
from app.reload import Snapshot, snapshot
from app.responses import OrjsonResponse
from app.settings import Settings

log = logging.getLogger("voicecart.http")

TOKEN_HEADER = "Cart-Token"
MAX_BODY_BYTES = 16 * 1024
MAX_LINE_ID_DIGITS = 9  # path ids beyond this cannot name a line (and int() of 4300+ digits raises)

Clock = Callable[[], float]


@dataclass
class AppContext:
    """What every request handler needs; built once at start-up and kept on ``app.state``."""

    settings: Settings
    keys: KeyRing
    codec: CartCodec
    catalog: MenuCatalog
    clock: Clock
    menu_files: Snapshot = ()  # the menu files as they were just before the catalog loaded them

    def now(self) -> int:
        return int(self.clock())

    def menu(self, request: Request) -> Menu:
        return self.catalog.get(request.path_params["rid"])

    def run(self, request: Request, op: turn.Operation) -> turn.TurnResult:
        menu = self.menu(request)
        return turn.run_turn(
            request.headers.get(TOKEN_HEADER), op, menu, self.codec, self.now(), self.catalog.restaurant_ids()
        )


def context(request: Request) -> AppContext:
    return request.app.state.ctx


# --- request parsing -------------------------------------------------------------------------------


async def read_json(request: Request, *, required: bool = True) -> Any:
    """The JSON body, size-capped while streaming (413), parsed by :func:`app.json_input.parse_json` (400)."""
    declared = request.headers.get("content-length")
    if declared and declared.isascii() and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise RequestTooLarge(f"request body is limited to {MAX_BODY_BYTES} bytes", limit=MAX_BODY_BYTES)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise RequestTooLarge(f"request body is limited to {MAX_BODY_BYTES} bytes", limit=MAX_BODY_BYTES)
        chunks.append(chunk)
    body = b"".join(chunks)
    if not body.strip():
        if required:
            raise InvalidRequest("a JSON object body is required")
        return {}
    return parse_json(body)


def string_list(value: Any, name: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InvalidRequest(f"{name} must be a list of strings")
    return tuple(value)


def path_line_id(request: Request) -> int:
    """The ``{line_id}`` path segment: decimal digits, else no such line (404, never a 500)."""
    text = request.path_params["line_id"]
    if not (text.isascii() and text.isdigit() and len(text) <= MAX_LINE_ID_DIGITS):
        raise LineNotFound("cart has no such line", line_id=text[:16])
    return int(text)


def optional_str(value: Any, name: str) -> str | None:
    if value is not None and not isinstance(value, str):
        raise InvalidRequest(f"{name} must be a string")
    return value


# --- responses --------------------------------------------------------------------------------------


def cart_response(result: turn.TurnResult, status: int = 200, **extra: Any) -> OrjsonResponse:
    body = {"cart": result.cart_json(), "cart_token": result.token, **extra}
    return OrjsonResponse(body, status_code=status, headers={TOKEN_HEADER: result.token})


def error_response(code: str, message: str, status: int, **details: Any) -> OrjsonResponse:
    return OrjsonResponse({"error": {"code": code, "message": message, **details}}, status_code=status)


async def on_cart_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, CartError)
    request.state.cart_error = exc  # for metrics and the access log (app.metrics)
    return OrjsonResponse({"error": exc.to_dict()}, status_code=exc.status)


async def on_http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    codes = {404: "not_found", 405: "method_not_allowed"}
    return error_response(codes.get(exc.status_code, "http_error"), str(exc.detail), exc.status_code)


async def on_unexpected(request: Request, exc: Exception) -> Response:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return error_response("internal_error", "something went wrong on our side; your cart token is still valid", 500)


# --- cart endpoints ---------------------------------------------------------------------------------


async def healthz(request: Request) -> Response:
    return OrjsonResponse({"status": "ok"})


async def get_menu(request: Request) -> Response:
    return OrjsonResponse(context(request).menu(request).raw)


async def create_cart(request: Request) -> Response:
    return cart_response(context(request).run(request, turn.NewCart(secrets.token_bytes(8))), 201)


async def get_cart(request: Request) -> Response:
    return cart_response(context(request).run(request, turn.ViewCart()))


async def clear_cart(request: Request) -> Response:
    return cart_response(context(request).run(request, turn.ClearCart()))


async def add_item(request: Request) -> Response:
    body = object_fields(await read_json(request), {"item", "quantity", "modifiers", "notes"}, {"item"})
    if not isinstance(body["item"], str):
        raise InvalidRequest("item must be a string: an item id or its name")
    op = turn.AddItem(
        item=body["item"],
        quantity=body.get("quantity", 1),
        modifiers=string_list(body.get("modifiers", []), "modifiers"),
        notes=optional_str(body.get("notes"), "notes"),
    )
    result = context(request).run(request, op)
    return cart_response(result, 200, line_id=result.line_id)


async def update_item(request: Request) -> Response:
    body = object_fields(await read_json(request), {"quantity", "modifiers", "notes"})
    modifiers = body.get("modifiers")
    op = turn.UpdateLine(
        line_id=path_line_id(request),
        quantity=body.get("quantity"),
        modifiers=None if modifiers is None else string_list(modifiers, "modifiers"),
        notes=optional_str(body.get("notes"), "notes"),
    )
    return cart_response(context(request).run(request, op))


async def delete_item(request: Request) -> Response:
    return cart_response(context(request).run(request, turn.RemoveLine(path_line_id(request))))


def cart_routes() -> list[Route]:
    base = "/v1/restaurants/{rid}"
    return [
        Route("/healthz", healthz),
        Route(f"{base}/menu", get_menu),
        Route(f"{base}/cart", create_cart, methods=["POST"]),
        Route(f"{base}/cart", get_cart, methods=["GET"]),
        Route(f"{base}/cart", clear_cart, methods=["DELETE"]),
        Route(f"{base}/cart/items", add_item, methods=["POST"]),
        Route(base + "/cart/items/{line_id}", update_item, methods=["PATCH"]),
        Route(base + "/cart/items/{line_id}", delete_item, methods=["DELETE"]),
    ]


def build_context(settings: Settings, clock: Clock = time.time) -> AppContext:
    keys = settings.keyring()
    # snapshot first: an edit landing while the menus load is then seen by the reloader as new
    menu_files = snapshot(settings.menu_dir)
    catalog = MenuCatalog.from_dir(settings.menu_dir)
    return AppContext(settings, keys, CartCodec(keys, settings.token_policy), catalog, clock, menu_files)


def create_app(settings: Settings | None = None, *, clock: Clock = time.time) -> Starlette:
    """Build the ASGI app. Config errors raise :class:`~app.errors.ConfigError` before serving."""
    settings = settings or Settings.from_env()
    ctx = build_context(settings, clock)
    middleware = []
    if settings.cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(settings.cors_origins),
                allow_methods=["GET", "POST", "PATCH", "DELETE"],
                allow_headers=[TOKEN_HEADER, "Content-Type"],
                expose_headers=[TOKEN_HEADER],
            )
        )
    app = Starlette(
        routes=cart_routes(),
        middleware=middleware,
        exception_handlers={CartError: on_cart_error, HTTPException: on_http_error, Exception: on_unexpected},
    )
    app.state.ctx = ctx
    ops.install(app, ctx)  # /metrics, /readyz, access log, menu hot reload
    checkout.install(app, ctx)  # POST .../cart/checkout and the order sink
    tools_api.install(app, ctx)  # voice tools, realtime session, /static and the demo page at /
    log.info("serving %d restaurant(s); keys: %s", len(ctx.catalog.menus), ctx.keys.describe())
    return app
