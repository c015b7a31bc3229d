"""Operating a replica: ``/metrics``, ``/readyz``, the access log and menu hot reload.

:func:`install` adds all of it to an app built by :func:`app.http_api.create_app`. Every response
carries ``Voicecart-Instance: host:pid``, so an operator (or a test) can see which replica
served a turn behind the load balancer.
"""

from __future__ import annotations

import contextlib
import os
import socket
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from app.cart import new_cart
from app.errors import TokenError
from app.keys import fingerprint
from app.metrics import Metrics, ObserveMiddleware, metrics_endpoint
from app.reload import MenuReloader, menu_version
from app.responses import OrjsonResponse

if TYPE_CHECKING:
    from app.http_api import AppContext


def keys_status(ctx: AppContext) -> dict[str, Any]:
    """Sign and verify a throwaway cart with the live codec: proves the ring works, not just parses."""
    status: dict[str, Any] = {
        "signing": ctx.keys.signing.kid,
        "verify": [{"kid": k.kid, "fingerprint": fingerprint(k.secret)} for k in ctx.keys.keys],
    }
    now = ctx.now()
    probe = new_cart(b"\0" * 8, "readyz", now)
    try:
        ctx.codec.decode(ctx.codec.encode(probe, now), "readyz", now)
    except TokenError as exc:
        status["ok"], status["error"] = False, exc.code
    else:
        status["ok"] = True
    return status


async def readyz(request: Request) -> Response:
    """200 when menus are loaded and the key ring signs and verifies; 503 otherwise.

    A failed menu reload does not make a replica unready (it keeps serving the last good menus)
    but shows up under ``menu_reload`` so the operator sees the bad edit.
    """
    ctx: AppContext = request.app.state.ctx
    reloader: MenuReloader = request.app.state.reloader
    menus = {rid: menu_version(m) for rid, m in ctx.catalog.menus.items()}
    keys = keys_status(ctx)
    ready = bool(menus) and keys["ok"]
    body = {
        "status": "ready" if ready else "not_ready",
        "menus": menus,
        "menu_reload": reloader.status.to_dict(),
        "keys": keys,
    }
    return OrjsonResponse(body, status_code=200 if ready else 503)


def instance_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def install(app: Starlette, ctx: AppContext) -> None:
    """Add metrics, the access log, ``/readyz`` and menu reload to ``app`` (before it starts)."""
    metrics = Metrics()
    metrics.menus_loaded.set_function(lambda: len(ctx.catalog.menus))
    reloader = MenuReloader(
        ctx.catalog,
        ctx.settings.menu_dir,
        ctx.settings.menu_reload_seconds,
        on_result=lambda result: metrics.menu_reloads.labels(result).inc(),
        seen=ctx.menu_files,
    )
    app.state.metrics = metrics
    app.state.reloader = reloader
    app.router.routes += [Route("/metrics", metrics_endpoint), Route("/readyz", readyz)]
    app.add_middleware(ObserveMiddleware, metrics=metrics, instance=instance_id())
    inner = app.router.lifespan_context

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[Any]:
        async with inner(app) as state, reloader.running():
            yield state

    app.router.lifespan_context = lifespan
