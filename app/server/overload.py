"""Backpressure: at most ``CART_MAX_CONCURRENCY`` requests in flight per process.

Beyond the limit a request is answered at once with ``503 {"error": {"code": "overloaded", …}}`` and
``Retry-After: 1`` instead of queueing behind the others (2,000 connections to one replica used to
mean a 10 s p99 and no signal at all). nginx replays a refused cart turn on another replica
(``proxy_next_upstream http_503``); nothing was done, so any client may retry too.

``/healthz``, ``/readyz`` and ``/metrics`` are never refused: an overloaded replica must still be
observable. ``voicecart serve --limit-concurrency N`` sets the same limit; 0 turns it off.
"""

from __future__ import annotations

from dataclasses import dataclass

from starlette.types import ASGIApp, Receive, Scope, Send

from app.errors import Overloaded
from app.server.http import cart_error_response

EXEMPT_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})
RETRY_AFTER_SECONDS = 1


@dataclass
class InFlight:
    """Requests being served by this process, and how many it takes at once (0: no limit)."""

    limit: int
    count: int = 0

    @property
    def full(self) -> bool:
        return 0 < self.limit <= self.count


class ConcurrencyLimit:
    """ASGI middleware counting HTTP requests in flight (the event loop is one thread: a plain int)."""

    def __init__(self, app: ASGIApp, in_flight: InFlight) -> None:
        self.app = app
        self.in_flight = in_flight

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        load = self.in_flight
        if scope["type"] != "http" or not load.limit or scope["path"] in EXEMPT_PATHS:
            await self.app(scope, receive, send)
            return
        if load.full:
            exc = Overloaded(
                f"this replica is serving its limit of {load.limit} requests; nothing was done, retry shortly",
                RETRY_AFTER_SECONDS,
            )
            scope.setdefault("state", {})["cart_error"] = exc  # the access log and metrics name the code
            await cart_error_response(exc)(scope, receive, send)
            return
        load.count += 1
        try:
            await self.app(scope, receive, send)
        finally:
            load.count -= 1
