"""Prometheus metrics and the access log, from one ASGI middleware.

Each app gets its own :class:`CollectorRegistry` (never the global default), so tests can build
many apps side by side. With ``serve --workers N`` each worker keeps its own counters and
``/metrics`` answers for the worker that served the scrape; behind a load balancer run one
worker per replica (deploy/README.md) and scrape each replica.

Route labels are path templates (``/v1/restaurants/{rid}/cart``), never raw paths, so the label
set stays bounded whatever clients send.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.errors import CartError, TokenError
from app.logs import token_hash
from app.server.http import TOKEN_HEADER as CART_TOKEN_HEADER

log = logging.getLogger("voicecart.access")

TOKEN_HEADER = CART_TOKEN_HEADER.lower().encode()
TURN_ROUTE_PREFIXES = ("/v1/restaurants/{rid}/cart", "/v1/restaurants/{rid}/tools/")  # cart turns, voice tools
TOKEN_SIZE_BUCKETS = (64, 96, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048, 3072, 4096)
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
LATENCY_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)


class Metrics:
    """The metric families of one app."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.requests = Counter(
            "voicecart_requests",
            "HTTP requests by route template and status",
            ["method", "route", "status"],
            registry=r,
        )
        self.token_failures = Counter(
            "voicecart_token_verify_failures", "cart tokens refused, by reason", ["reason"], registry=r
        )
        self.token_bytes = Histogram(
            "voicecart_token_bytes", "size of minted cart tokens", buckets=TOKEN_SIZE_BUCKETS, registry=r
        )
        self.turn_seconds = Histogram(
            "voicecart_turn_seconds",
            "cart turn latency in this process",
            ["route"],
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.menu_reloads = Counter("voicecart_menu_reloads", "menu reload attempts by result", ["result"], registry=r)
        self.menus_loaded = Gauge("voicecart_menus_loaded", "restaurants whose menu is being served", registry=r)
        self.clock_offset = Gauge(
            "voicecart_clock_offset_seconds",
            "peers' clocks minus this replica's, measured from their tokens (0 while they agree)",
            registry=r,
        )
        self.clock_ok = Gauge("voicecart_clock_ok", "1 while this replica's clock agrees with its peers'", registry=r)

    def render(self) -> Response:
        return Response(generate_latest(self.registry), media_type=CONTENT_TYPE_LATEST)


def method_label(scope: Scope) -> str:
    """Any token is a valid HTTP method: label only the ones we serve, so clients can't grow the set."""
    method = scope["method"]
    return method if method in KNOWN_METHODS else "OTHER"


def route_label(scope: Scope) -> str:
    route = scope.get("route")
    return getattr(route, "path", None) or "unmatched"


class ObserveMiddleware:
    """Counts every request, times cart turns, sizes minted tokens and writes one access-log line.

    The error handler in :mod:`app.server.http` leaves the :class:`CartError` it mapped in
    ``request.state.cart_error``; that is how verify failures get their reason.
    """

    def __init__(self, app: ASGIApp, metrics: Metrics, instance: str) -> None:
        self.app = app
        self.metrics = metrics
        self.instance = instance.encode()
        # labelled children by (method, route, status): labels() costs a lock and a lookup per call;
        # all three come from bounded sets, so this stays small
        self._children: dict[tuple[str, str, int], tuple[Any, Any]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        seen: dict[str, Any] = {"status": 500, "token": None}

        async def observe(message: Message) -> None:
            if message["type"] == "http.response.start":
                seen["status"] = message["status"]
                for name, value in message.get("headers", ()):
                    if name.lower() == TOKEN_HEADER:
                        seen["token"] = value.decode("latin-1")
                message = {**message, "headers": [*message.get("headers", ()), (b"voicecart-instance", self.instance)]}
            await send(message)

        try:
            await self.app(scope, receive, observe)
        finally:
            self._record(scope, seen["status"], seen["token"], time.perf_counter() - started)

    def _labelled(self, method: str, route: str, status: int) -> tuple[Any, Any]:
        """The request counter and (for cart turns) the latency histogram for these labels."""
        key = (method, route, status)
        children = self._children.get(key)
        if children is None:
            m = self.metrics
            turn_seconds = m.turn_seconds.labels(f"{method} {route}") if route.startswith(TURN_ROUTE_PREFIXES) else None
            children = self._children[key] = (m.requests.labels(method, route, str(status)), turn_seconds)
        return children

    def _record(self, scope: Scope, status: int, token: str | None, seconds: float) -> None:
        m, route, method = self.metrics, route_label(scope), method_label(scope)
        requests, turn_seconds = self._labelled(method, route, status)
        requests.inc()
        if turn_seconds is not None:
            turn_seconds.observe(seconds)
        error = scope.get("state", {}).get("cart_error")
        if isinstance(error, TokenError):
            m.token_failures.labels(error.reason).inc()
        if token:
            m.token_bytes.observe(len(token))
        # refusals and failures at INFO; successful turns at DEBUG (CART_LOG_LEVEL=DEBUG logs every
        # request): a JSON line per turn costs more CPU than the turn, and metrics count them anyway
        level = logging.INFO if status >= 400 else logging.DEBUG
        if not log.isEnabledFor(level):
            return
        fields: dict[str, Any] = {"method": method, "route": route, "status": status, "ms": round(seconds * 1000, 2)}
        if token:
            fields["token"] = token_hash(token)
        if isinstance(error, CartError):
            fields["error"] = error.code
        if isinstance(error, TokenError):
            fields["reason"] = error.reason  # why the token was refused: signature, expired, unknown_key, future…
        log.log(level, "%s %s %s", method, route, status, extra=fields)
