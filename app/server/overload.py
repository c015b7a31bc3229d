"""Backpressure: at most ``CART_MAX_CONCURRENCY`` requests in flight per process.

Beyond the limit a request is answered at once with ``503 {"error": {"code": "overloaded", …}}`` and
``Retry-After: 1`` instead of queueing behind the others (2,000 connections to one replica used to
mean a 10 s p99 and no signal at all). nginx replays a refused cart turn on another replica
(``proxy_next_upstream http_503``); nothing was done, so any client may retry too.

``/healthz``, ``/readyz`` and ``/metrics`` are never refused: an overloaded replica must still be
observable. ``voicecart serve --limit-concurrency N`` sets the same limit; 0 turns it off.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from app.errors import Overloaded
from app.server.responses import OrjsonResponse

EXEMPT_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})
RETRY_AFTER_SECONDS = 1


def overloaded_response(exc: Overloaded) -> OrjsonResponse:
    """The one rendering of ``overloaded``: the error JSON plus ``Retry-After``."""
    headers = {"Retry-After": str(exc.retry_after)}
    return OrjsonResponse({"error": exc.to_dict()}, status_code=exc.status, headers=headers)


class ConcurrencyLimit:
    """ASGI middleware counting HTTP requests in flight (the event loop is one thread: a plain int)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit
        self.in_flight = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.limit <= 0 or scope["path"] in EXEMPT_PATHS:
            await self.app(scope, receive, send)
            return
        if self.in_flight >= self.limit:
            exc = Overloaded(
                f"this replica is serving its limit of {self.limit} requests; nothing was done, retry shortly",
                RETRY_AFTER_SECONDS,
            )
            scope.setdefault("state", {})["cart_error"] = exc  # the access log and metrics name the code
            await overloaded_response(exc)(scope, receive, send)
            return
        self.in_flight += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.in_flight -= 1
