"""``GET /openapi.json``: the OpenAPI 3.1 description of every route, built from the code itself.

Nothing here is a second copy of the API kept in step by hand:

* paths and methods come from the app's route table (:func:`build_document` walks the Starlette app's ``routes``;
  a route without an entry in :data:`OPERATIONS` is left out, and ``tests/…/test_openapi.py``
  fails on it);
* each error response lists the codes of the :mod:`app.errors` classes the operation can raise,
  under the status each class carries (a class stands for itself and all its subclasses);
* limits (quantity, notes, lines, modifiers, token length) are the constants the code enforces;
* every voice tool gets its own path whose ``arguments`` schema *is* the tool's registered JSON
  schema (what the speech model is given), and ``{rid}`` lists the restaurants being served.

Shapes: a cart answer is ``{"cart": Cart, "cart_token": str}`` (plus ``line_id`` after an add,
``order``/``warnings`` after checkout, ``ok``/``output``/``call_id`` after a tool call), with the
token repeated in the ``Cart-Token`` response header; every failure is
``{"error": {"code", "message", …details}}``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount, Route

import app.errors as errors
from app.runtime.context import AppContext
from app.server.http import TOKEN_HEADER
from app.server.openapi_schemas import JSON, LINE_ID, SCHEMAS, SECURITY_SCHEME, obj, ref
from app.server.overload import EXEMPT_PATHS
from app.server.responses import OrjsonResponse
from app.server.voice_routes import STATIC_DIR
from app.settings import VERSION
from app.voice.toolkit import Toolbox

# --- operations ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    """A success response: its schema (a component name) or a media type, and whether it carries a token."""

    description: str
    schema: str | None = None
    media_type: str = JSON
    token: bool = False


@dataclass(frozen=True)
class Operation:
    operation_id: str
    summary: str
    answers: dict[int, Answer]
    body: str | None = None  # request body component; reading a body adds invalid_request and request_too_large
    token: str = "none"  # "required" | "optional" | "none": the Cart-Token request header
    errors: Sequence[type[errors.CartError]] = ()
    tag: str = "cart"
    extra_errors: Sequence[tuple[int, str, str]] = ()  # (status, code, meaning) outside the CartError tree
    parameters: Sequence[dict[str, Any]] = ()  # query and header parameters besides Cart-Token


_CART = Answer("the cart after this turn", "CartAnswer", token=True)
# a turn that may empty the cart: the store records it cancelled (a checkout of it in flight is refused), and with
# the webhook it says an earlier checkout may stand (app.server.cart_routes, its emptying turns)
_EMPTIED = Answer("the cart after this turn", "CartChangeAnswer", token=True)
# every turn on a token: an older token of an ordered cart names the order (app.server.cart_routes)
_TOKEN_ERRORS = (errors.CartAlreadyOrdered,)
_TURN_ERRORS = (errors.CartCheckedOut, *_TOKEN_ERRORS)
_ADD_ERRORS = (
    errors.ItemNotFound,
    errors.ModifierUnavailable,
    errors.VariationUnavailable,
    errors.ItemAmbiguous,
    errors.ItemUnavailable,
    errors.WordsNotUnderstood,
    errors.ModifierInvalid,
    errors.ModifierRequired,
    errors.QuantityInvalid,
    errors.CartTooLarge,
    *_TURN_ERRORS,
)
_NOT_FOUND = (404, "not_found", "no such file")
_CART_PATH = "/v1/restaurants/{rid}/cart"

OPERATIONS: dict[tuple[str, str], Operation] = {
    ("GET", "/healthz"): Operation(
        "healthz", "Liveness: the process answers", {200: Answer("alive", "Health")}, tag="operations"
    ),
    ("GET", "/readyz"): Operation(
        "readyz",
        "Readiness: menus loaded and the key ring signs and verifies",
        {
            200: Answer("ready", "Readiness"),
            503: Answer("not ready (no menu, the key ring fails, or this replica's clock disagrees)", "Readiness"),
        },
        tag="operations",
    ),
    ("GET", "/metrics"): Operation(
        "metrics",
        "Prometheus metrics of this replica",
        {200: Answer("text exposition format", media_type="text/plain")},
        tag="operations",
    ),
    ("GET", "/openapi.json"): Operation(
        "openapi", "This document", {200: Answer("OpenAPI 3.1", media_type=JSON)}, tag="operations"
    ),
    ("GET", "/"): Operation("demo_page", "The demo page", {200: Answer("HTML", media_type="text/html")}, tag="demo"),
    ("GET", "/static/{path}"): Operation(
        "static_file",
        "The demo page's scripts and styles",
        {200: Answer("the file", media_type="*/*")},
        tag="demo",
        extra_errors=(_NOT_FOUND,),
    ),
    ("GET", "/v1/restaurants/{rid}/menu"): Operation(
        "get_menu", "The restaurant's menu, as loaded", {200: Answer("the menu", "Menu")}, tag="menu"
    ),
    ("POST", _CART_PATH): Operation("create_cart", "Start an empty cart", {201: _CART}),
    ("GET", _CART_PATH): Operation(
        "get_cart", "The cart, repriced from the current menu", {200: _CART}, token="required", errors=_TOKEN_ERRORS
    ),
    ("DELETE", _CART_PATH): Operation(
        "clear_cart",
        "Remove every line; the store records the cart as cancelled, so a checkout of it still in flight is refused",
        {200: _EMPTIED},
        token="required",
        errors=(*_TURN_ERRORS, errors.OrderOutcomeUnknown),  # the store can't say whether it was ordered
    ),
    ("POST", _CART_PATH + "/items"): Operation(
        "add_item",
        "Add an item (merged into an identical line)",
        {200: Answer("the cart and the new or merged line", "AddItemAnswer", token=True)},
        body="AddItem",
        token="required",
        errors=_ADD_ERRORS,
    ),
    ("PATCH", _CART_PATH + "/items/{line_id}"): Operation(
        "update_item",
        "Change a line's quantity, choices or notes",
        {200: _EMPTIED},
        body="UpdateItem",
        token="required",
        errors=(errors.LineNotFound, *_ADD_ERRORS, errors.OrderOutcomeUnknown),  # 0 emptied it, can't check
    ),
    ("DELETE", _CART_PATH + "/items/{line_id}"): Operation(
        "remove_item",
        "Remove a line",
        {200: _EMPTIED},
        token="required",
        errors=(errors.LineNotFound, *_TURN_ERRORS, errors.OrderOutcomeUnknown),  # the last line: can't check
    ),
    ("POST", _CART_PATH + "/checkout"): Operation(
        "checkout",
        "Place the order (once per cart; a retry answers the same order)",
        {
            201: Answer("this call placed the order", "CheckoutAnswer", token=True),
            200: Answer("the cart was already ordered at this revision: the same order", "CheckoutAnswer", token=True),
        },
        body="Checkout",
        token="required",
        errors=(
            errors.CartTooLarge,  # notes over the limit
            errors.CartEmpty,
            errors.OrderTotalNegative,
            errors.CartHasUnavailableItems,
            errors.ModifierRequired,
            errors.ModifierInvalid,
            errors.RestaurantClosed,
            errors.OrderTotalChanged,
            errors.CartAlreadyOrdered,
            errors.CartCancelled,
            errors.OrderDeliveryFailed,
            errors.OrderOutcomeUnknown,
        ),
        tag="checkout",
    ),
    ("GET", "/v1/restaurants/{rid}/tools"): Operation(
        "list_tools",
        "The voice tools, as Realtime function specs (?strict=true: in OpenAI's strict form)",
        {200: Answer("the tools", "ToolList")},
        tag="voice",
        errors=(errors.InvalidRequest,),  # a strict that is not true or false
        parameters=(
            {
                "name": "strict",
                "in": "query",
                "required": False,
                "description": "true: every property required, optional ones nullable, additionalProperties false",
                "schema": {"type": "string", "enum": ["true", "false"], "default": "false"},
            },
        ),
    ),
    ("POST", "/v1/restaurants/{rid}/tools/{name}"): Operation(  # each tool is also documented under its own path
        "call_tool",
        "Run the tool called {name}: the same as its own path below; any other name is tool_not_found",
        {200: Answer("the tool's answer and the cart after it", "ToolCallAnswer", token=True)},
        body="ToolCall",
        token="optional",
        errors=(errors.ToolNotFound,),
        tag="voice",
    ),
    ("POST", "/v1/realtime/session"): Operation(
        "create_realtime_session",
        "A one-minute client secret for a browser's Realtime session",
        {200: Answer("the secret and where to use it", "RealtimeSession")},
        body="RealtimeSessionRequest",
        errors=(
            errors.RestaurantNotFound,
            errors.OriginNotAllowed,
            errors.TooManySessions,
            errors.RealtimeUnavailable,
            errors.UpstreamError,
        ),
        tag="voice",
        parameters=(
            {
                "name": "Origin",
                "in": "header",
                "required": False,
                "schema": {"type": "string"},
                "description": "the page's origin, as browsers send it: this server's own or one of "
                "CART_REALTIME_ALLOWED_ORIGINS; without it, origin_not_allowed",
            },
        ),
    ),
}


# --- building the document ----------------------------------------------------------------------------


# one per tool, at /v1/restaurants/{rid}/tools/<name>; a tool's own refusals are 200 with ok: false
TOOL_CALL = Operation(
    "tool",
    "Run a voice tool (without a Cart-Token: on a new cart)",
    {200: Answer("the tool's answer and the cart after it", "ToolCallAnswer", token=True)},
    body="ToolCall",
    token="optional",
    tag="voice",
)


def error_codes(classes: Iterable[type[errors.CartError]]) -> dict[int, dict[str, str]]:
    """``{status: {code: meaning}}`` for the classes and all their subclasses that name their own code."""
    found: dict[int, dict[str, str]] = {}
    pending = list(classes)
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if "code" in cls.__dict__:
            meaning = (cls.__doc__ or "").strip().splitlines()[0] if cls.__doc__ else ""
            found.setdefault(cls.status, {}).setdefault(cls.code, meaning)
    return found


def _error_response(status: int, codes: dict[str, str]) -> dict[str, Any]:
    listed = "\n".join(f"- `{code}`" + (f": {meaning}" if meaning else "") for code, meaning in sorted(codes.items()))
    schema = {**ref("Error"), "properties": {"error": {"properties": {"code": {"enum": sorted(codes)}}}}}
    return {
        "description": f"refused; the previous Cart-Token stays valid. Codes:\n{listed}",
        "content": {JSON: {"schema": schema}},
    }


def _answer(answer: Answer) -> dict[str, Any]:
    schema = ref(answer.schema) if answer.schema else {}
    out: dict[str, Any] = {"description": answer.description, "content": {answer.media_type: {"schema": schema}}}
    if answer.token:
        out["headers"] = {TOKEN_HEADER: {"description": "the same token as cart_token", "schema": ref("CartToken")}}
    return out


def _operation(op: Operation, path: str, restaurants: list[str], body_schema: dict[str, Any] | None) -> dict[str, Any]:
    classes: list[type[errors.CartError]] = list(op.errors)
    if op.body:
        classes += [errors.InvalidRequest, errors.RequestTooLarge, errors.EncodingUnsupported]
    if op.token != "none":
        classes += [errors.TokenError, errors.TokenAmbiguous]
    if "{rid}" in path:
        classes.append(errors.RestaurantNotFound)
    if path not in EXEMPT_PATHS:  # the concurrency limit (and a checkout's full order queue)
        classes.append(errors.Overloaded)
    codes = error_codes(classes)
    for status, code, meaning in op.extra_errors:
        codes.setdefault(status, {})[code] = meaning
    responses = {str(status): _answer(answer) for status, answer in op.answers.items()}
    responses |= {str(status): _error_response(status, codes[status]) for status in sorted(codes)}
    out: dict[str, Any] = {"operationId": op.operation_id, "summary": op.summary, "tags": [op.tag]}
    params = []
    if "{rid}" in path:
        params.append(
            {"name": "rid", "in": "path", "required": True, "schema": {"type": "string", "enum": restaurants}}
        )
    if "{line_id}" in path:
        params.append({"name": "line_id", "in": "path", "required": True, "schema": LINE_ID})
    if "{path}" in path:
        files = sorted(p.relative_to(STATIC_DIR).as_posix() for p in STATIC_DIR.rglob("*") if p.is_file())
        params.append({"name": "path", "in": "path", "required": True, "schema": {"enum": files}})
    if "{name}" in path:
        params.append({"name": "name", "in": "path", "required": True, "schema": {"type": "string"}})
    params += op.parameters
    if params:
        out["parameters"] = params
    if body_schema is not None:
        out["requestBody"] = {"required": op.body != "ToolCall", "content": {JSON: {"schema": body_schema}}}
    out["security"] = {"required": [{SECURITY_SCHEME: []}], "optional": [{SECURITY_SCHEME: []}, {}]}.get(op.token, [])
    out["responses"] = responses
    return out


def _tool_call_schema(arguments: dict[str, Any]) -> dict[str, Any]:
    described = {
        **arguments,
        "description": "the tool's arguments; the JSON text of this object (as Realtime delivers it) is accepted too",
    }
    call_id = {"type": ["string", "null"], "description": "echoed back, for function_call_output"}
    return obj({"arguments": described, "call_id": call_id}, required=[])


def route_operations(routes: Iterable[BaseRoute]) -> list[tuple[str, str]]:
    """``(METHOD, path template)`` of every route the app serves (HEAD, implied by GET, left out)."""
    found = []
    for route in routes:
        if isinstance(route, Route):
            found += [(m, route.path) for m in sorted(route.methods or ()) if m != "HEAD"]
        elif isinstance(route, Mount):
            found.append(("GET", route.path + "/{path}"))
    return found


def build_document(routes: Iterable[BaseRoute], restaurants: list[str], toolbox: Toolbox) -> dict[str, Any]:
    """The OpenAPI 3.1 document for an app serving ``routes``, the menus of ``restaurants`` and ``toolbox``."""
    paths: dict[str, dict[str, Any]] = {}
    for method, path in route_operations(routes):
        op = OPERATIONS.get((method, path))
        if op is None:
            continue
        if op.body != "ToolCall":
            paths.setdefault(path, {})[method.lower()] = _operation(
                op, path, restaurants, ref(op.body) if op.body else None
            )
            continue
        for tool in toolbox.tools.values():  # one path per tool: its arguments are the registered schema
            concrete = path.replace("{name}", tool.name)
            tool_op = replace(TOOL_CALL, operation_id=f"tool_{tool.name}", summary=tool.description)
            paths.setdefault(concrete, {})[method.lower()] = _operation(
                tool_op, concrete, restaurants, _tool_call_schema(tool.parameters)
            )
        generic = _tool_call_schema({"type": "object"})
        paths.setdefault(path, {})[method.lower()] = _operation(op, path, restaurants, generic)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "voicecart",
            "version": VERSION,
            "description": (
                "Stateless carts for voice ordering. Every cart answer carries the whole cart as a signed "
                "token (`cart_token`, and the `Cart-Token` response header); send it back in the "
                "`Cart-Token` request header next turn. Money is in the currency's minor unit."
            ),
        },
        "paths": paths,
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {
                SECURITY_SCHEME: {
                    "type": "apiKey",
                    "in": "header",
                    "name": TOKEN_HEADER,
                    "description": "the cart token from the previous answer (create a cart first)",
                }
            },
        },
    }


def routes(ctx: AppContext) -> list[BaseRoute]:
    """``GET /openapi.json``, built from the serving app's own route table on each request (menus reload)."""

    async def openapi_document(request: Request) -> Response:
        return OrjsonResponse(build_document(request.app.routes, ctx.catalog.restaurant_ids(), ctx.tools))

    return [Route("/openapi.json", openapi_document)]
