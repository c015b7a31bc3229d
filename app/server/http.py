"""The HTTP toolkit every route module shares: reading bodies, answering carts, the one error mapping.

Every successful cart response is ``{"cart": Cart, "cart_token": "…"}`` with the token also in
the ``Cart-Token`` response header. Every failure is ``{"error": {"code", "message", …}}`` with
the status its :class:`~app.errors.CartError` names (:func:`on_cart_error`); a failed turn mints
no token, so the caller's previous token stays valid.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import Match, Mount, Route
from starlette.types import Receive, Scope, Send

from app.core.turn import TurnInputs, TurnResult
from app.errors import (
    CartError,
    ClientDisconnected,
    EncodingUnsupported,
    InvalidRequest,
    LineNotFound,
    RequestTooLarge,
    RestaurantNotFound,
    TokenAmbiguous,
)
from app.json_input import parse_json
from app.runtime.context import AppContext
from app.server.responses import OrjsonResponse

log = logging.getLogger("voicecart.http")

TOKEN_HEADER = "Cart-Token"
TOKEN_HEADER_KEY = TOKEN_HEADER.lower().encode("latin-1")  # as it is sent and received
MAX_BODY_BYTES = 16 * 1024
MAX_LINE_ID_DIGITS = 9  # path ids beyond this cannot name a line (and int() of 4300+ digits raises)


def cart_token(request: Request) -> str | None:
    """The ``Cart-Token`` request header, if sent. Two of them (or one with a comma: a proxy folds
    duplicates so) is ``token_ambiguous``: the stale one of the two would silently drop items."""
    sent = [value.decode("latin-1") for name, value in request.scope["headers"] if name == TOKEN_HEADER_KEY]
    if len(sent) > 1 or (sent and "," in sent[0]):
        count = len(sent) if len(sent) > 1 else len(sent[0].split(","))
        raise TokenAmbiguous(
            f"{count} Cart-Token values were sent; send exactly one (the one from the last answer)", count=count
        )
    return sent[0] if sent else None


async def read_json(request: Request, *, required: bool = True) -> Any:
    """The JSON body, size-capped while streaming (413), parsed by :func:`app.json_input.parse_json` (400).

    A ``Content-Encoding`` other than identity is 415 naming it (never a UTF-8 error about the
    compressed bytes); a client gone mid-body is ``client_disconnected`` (499, no traceback)."""
    encoding = request.headers.get("content-encoding", "identity").strip().lower()
    if encoding not in ("", "identity"):
        raise EncodingUnsupported(
            f"request bodies are read as plain JSON; Content-Encoding {encoding[:32]!r} is not supported",
            encoding=encoding[:32],
        )
    declared = request.headers.get("content-length")
    if declared and declared.isascii() and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise RequestTooLarge(f"request body is limited to {MAX_BODY_BYTES} bytes", limit=MAX_BODY_BYTES)
    chunks, size = [], 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > MAX_BODY_BYTES:
                raise RequestTooLarge(f"request body is limited to {MAX_BODY_BYTES} bytes", limit=MAX_BODY_BYTES)
            chunks.append(chunk)
    except ClientDisconnect:
        raise ClientDisconnected("the client went away before its request body arrived") from None
    body = b"".join(chunks)
    if not body.strip():
        if required:
            raise InvalidRequest("a JSON object body is required")
        return {}
    return parse_json(body)


def path_line_id(request: Request) -> int:
    """The ``{line_id}`` path segment: decimal digits, else no such line (404, never a 500)."""
    text = request.path_params["line_id"]
    if not (text.isascii() and text.isdigit() and len(text) <= MAX_LINE_ID_DIGITS):
        raise LineNotFound("cart has no such line", line_id=text[:16])
    return int(text)


class Endpoint:
    """An ASGI app answering each request with the response ``handler(request)`` returns: what
    Starlette's ``Route`` makes of a function, minus its per-route exception wrapper (a closure per
    request and a call per message). Errors are mapped just the same, by the app's exception
    middleware, with the handlers of :data:`EXCEPTION_HANDLERS` on the same scope. For the hot
    routes: ``Route(path, Endpoint(handler), methods=[…])``."""

    def __init__(self, handler: Callable[[Request], Awaitable[Response]]) -> None:
        self.handler = handler
        self.__name__ = handler.__name__  # the route's name, as for the function

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = await self.handler(Request(scope, receive, send))
        await response(scope, receive, send)


async def order_inputs(ctx: AppContext, restaurant_id: str, token: str | None) -> TurnInputs:
    """``ctx.turn_inputs(restaurant_id)`` for a call that answers about ``token``'s order (a checkout, a voice
    tool, reading the cart): if the restaurant's menu is gone, the stand-in of the order the store holds
    (:meth:`~app.runtime.context.AppContext.inputs_after_menu_gone`, a lookup: on a thread) — a retried
    checkout answers its order, never ``restaurant_not_found`` as if nothing had been ordered."""
    try:
        return ctx.turn_inputs(restaurant_id)
    except RestaurantNotFound as gone:
        return await run_in_threadpool(ctx.inputs_after_menu_gone, restaurant_id, token, gone)


def cart_response(result: TurnResult, status: int = 200, **extra: Any) -> OrjsonResponse:
    body = {"cart": result.cart_json(), "cart_token": result.token, **extra}
    return CartResponse(body, result.token, status)


class CartResponse(OrjsonResponse):
    """A cart answer: the JSON body with the token in the ``Cart-Token`` header. Its head is what
    ``OrjsonResponse(body, status, headers={"Cart-Token": token})`` sends (the same headers, in the
    same order), written out directly rather than from a header mapping."""

    def __init__(self, content: Any, token: str, status_code: int = 200) -> None:
        self.status_code = status_code
        self.background = None
        self.body = body = self.render(content)
        token_header = (TOKEN_HEADER_KEY, token.encode("latin-1"))
        if status_code < 200 or status_code in (204, 304):  # no body length on these, as Starlette does
            self.raw_headers = [token_header, (b"content-type", b"application/json")]
        else:
            length = (b"content-length", str(len(body)).encode("latin-1"))
            self.raw_headers = [token_header, length, (b"content-type", b"application/json")]


def error_response(code: str, message: str, status: int, **details: Any) -> OrjsonResponse:
    return OrjsonResponse({"error": {"code": code, "message": message, **details}}, status_code=status)


def cart_error_response(exc: CartError) -> OrjsonResponse:
    """``{"error": {"code", "message", …}}`` with the error's status, and ``Retry-After`` when it has one
    (``overloaded``, ``clock_skew``: a retry soon is expected to work)."""
    retry_after = getattr(exc, "retry_after", None)
    headers = {} if retry_after is None else {"Retry-After": str(retry_after)}
    if exc.status == 408:  # the rest of a slow body is never read: end the connection
        headers["Connection"] = "close"
    return OrjsonResponse({"error": exc.to_dict()}, status_code=exc.status, headers=headers or None)


async def on_cart_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, CartError)
    request.state.cart_error = exc  # for metrics and the access log (app.server.metrics)
    return cart_error_response(exc)


async def on_http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    codes = {404: "not_found", 405: "method_not_allowed"}
    response = error_response(codes.get(exc.status_code, "http_error"), str(exc.detail), exc.status_code)
    response.headers.update(exc.headers or {})
    if exc.status_code == 405:  # RFC 9110 §15.5.6: list every method of the path, not just the first route's
        response.headers["Allow"] = ", ".join(allowed_methods(request))
    return response


def allowed_methods(request: Request) -> list[str]:
    """The methods some route serves at this request's path (one route per method is our style)."""
    methods: set[str] = set()
    scope = {**request.scope, "root_path": request.scope.get("app_root_path", request.scope.get("root_path", ""))}
    for route in request.app.router.routes:  # matched from the app's root (a Mount moved root_path)
        if route.matches(scope)[0] is Match.NONE:
            continue
        if isinstance(route, Route):
            methods |= route.methods or set()
        elif isinstance(route, Mount):  # the static files: read-only
            methods |= {"GET", "HEAD"}
    return sorted(methods)


async def on_client_gone(request: Request, exc: Exception) -> Response:
    """A disconnect Starlette noticed outside :func:`read_json`: the same 499, no traceback."""
    return await on_cart_error(request, ClientDisconnected("the client went away before its request was read"))


async def on_unexpected(request: Request, exc: Exception) -> Response:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return error_response("internal_error", "something went wrong on our side; your cart token is still valid", 500)


EXCEPTION_HANDLERS = {
    CartError: on_cart_error,
    HTTPException: on_http_error,
    ClientDisconnect: on_client_gone,
    Exception: on_unexpected,
}
