"""Operating a replica: ``/healthz``, ``/readyz`` and ``/metrics``.

Answers to operators (``CART_OPERATOR_NETWORKS``, :mod:`app.server.operators`) also carry
``Voicecart-Instance: host:pid`` (:class:`app.server.metrics.ObserveMiddleware`), so an operator (or
a test) can see which replica served a turn behind the load balancer; ``/readyz`` shows them its
details (key ids and fingerprints, menu digests, the clock), everyone else only ``{"status"}``.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route
from starlette.types import Scope

from app.core.cart import new_cart
from app.core.token.keys import fingerprint
from app.errors import TokenError
from app.runtime.context import AppContext
from app.runtime.menu_reload import MenuReloader, menu_version
from app.server.metrics import Metrics
from app.server.responses import OrjsonResponse


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


def instance_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def routes(
    ctx: AppContext, metrics: Metrics, reloader: MenuReloader, is_operator: Callable[[Scope], bool]
) -> list[BaseRoute]:
    """``/healthz`` (liveness), ``/readyz`` (readiness) and ``/metrics`` (Prometheus)."""

    async def healthz(request: Request) -> Response:
        return OrjsonResponse({"status": "ok"})

    async def readyz(request: Request) -> Response:
        """200 when menus are loaded, the key ring signs and verifies, and this replica's clock agrees
        with its peers' (``clock``: status, offset_seconds, peer_samples); 503 otherwise.

        A failed menu reload does not make a replica unready (it keeps serving the last good menus)
        but shows up under ``menu_reload`` so the operator sees the bad edit.
        """
        menus = {rid: menu_version(m) for rid, m in ctx.catalog.menus.items()}
        keys = keys_status(ctx)
        clock = ctx.clock_watch.report if ctx.clock_watch is not None else None
        ready = bool(menus) and keys["ok"] and (clock is None or clock.ok)
        status = 200 if ready else 503
        if not is_operator(request.scope):  # the public edge: whether, never what (keys, digests)
            return OrjsonResponse({"status": "ready" if ready else "not_ready"}, status_code=status)
        body = {
            "status": "ready" if ready else "not_ready",
            "menus": menus,
            "menu_reload": reloader.status.to_dict(),
            "keys": keys,
            **({} if clock is None else {"clock": {**clock.to_dict(), "message": clock.describe()}}),
        }
        return OrjsonResponse(body, status_code=status)

    async def metrics_endpoint(request: Request) -> Response:
        return metrics.render()

    return [Route("/healthz", healthz), Route("/readyz", readyz), Route("/metrics", metrics_endpoint)]
