"""HTTP adapter for the voice tools, the realtime session and the demo page.

``GET  /v1/restaurants/{rid}/tools``         → ``{"tools": [Realtime function specs]}``
``POST /v1/restaurants/{rid}/tools/{name}``  ``{"arguments": object | JSON string, "call_id"?}``
with an optional ``Cart-Token`` (none: a new cart) → 200 ``{"ok", "output", "call_id", "cart",
"cart_token"}``; ``output`` is the JSON string for ``function_call_output.output``.
``POST /v1/realtime/session`` (see :mod:`app.realtime`), ``/static/*`` and the demo page at ``/``.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import TYPE_CHECKING

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from app import http_api, realtime
from app.responses import OrjsonResponse
from app.tools import run_tool, tool_specs

if TYPE_CHECKING:
    from starlette.applications import Starlette

    from app.http_api import AppContext

STATIC_DIR = Path(__file__).parent / "static"


async def list_tools(request: Request) -> Response:
    http_api.context(request).menu(request)  # 404 for an unknown restaurant
    return OrjsonResponse({"tools": tool_specs()})


async def call_tool(request: Request) -> Response:
    ctx = http_api.context(request)
    body = http_api.object_fields(await http_api.read_json(request, required=False), {"arguments", "call_id"})
    call_id = http_api.optional_str(body.get("call_id"), "call_id")
    outcome = await run_in_threadpool(  # a tool may do blocking work (checkout hands orders to a sink)
        run_tool,
        request.path_params["name"],
        body.get("arguments", {}),
        request.headers.get(http_api.TOKEN_HEADER),
        ctx.menu(request),
        ctx.codec,
        ctx.now(),
        new_cart_id=secrets.token_bytes(8),
        other_restaurants=ctx.catalog.restaurant_ids(),
        services={"order_sink": request.app.state.order_sink},
    )
    return http_api.cart_response(outcome.result, ok=outcome.ok, output=outcome.output_json(), call_id=call_id)


async def demo_page(request: Request) -> Response:
    return FileResponse(STATIC_DIR / "index.html", headers={"Cache-Control": "no-cache"})


def install(app: Starlette, ctx: AppContext) -> None:
    """Add the tool routes, the realtime session, the static files and the demo page to ``app``."""
    base = "/v1/restaurants/{rid}/tools"
    app.router.routes += [
        Route(base, list_tools, methods=["GET"]),
        Route(base + "/{name}", call_tool, methods=["POST"]),
        Route("/v1/realtime/session", realtime.create_session, methods=["POST"]),
        Route("/", demo_page, methods=["GET"]),
        Mount("/static", StaticFiles(directory=STATIC_DIR), name="static"),
    ]
