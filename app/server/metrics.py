"""Prometheus metrics and the access log, from one ASGI middleware.

Each app gets its own :class:`CollectorRegistry` (never the global default), so tests can build
many apps side by side. With ``serve --workers N`` each worker keeps its own counters and
``/metrics`` answers for the worker that served the scrape; behind a load balancer run one
worker per replica (deploy/README.md) and scrape each replica.

Route labels are path templates (``/v1/restaurants/{rid}/cart``), never raw paths, so the label
set stays bounded whatever clients send.
"""

from __future__ import annotations

import bisect
import itertools
import logging
import time
from collections.abc import Callable, Iterator
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, generate_latest
from prometheus_client.core import CounterMetricFamily, HistogramMetricFamily, Metric
from prometheus_client.samples import Sample
from prometheus_client.utils import floatToGoString
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.errors import CartError, TokenError
from app.logs import token_hash
from app.server.http import TOKEN_HEADER as CART_TOKEN_HEADER
from app.server.http import cart_error_response
from app.server.overload import EXEMPT_PATHS, InFlight, refusal
from app.server.slow_clients import guarded_receive

log = logging.getLogger("voicecart.access")

TOKEN_HEADER = CART_TOKEN_HEADER.lower().encode()
TURN_ROUTE_PREFIXES = ("/v1/restaurants/{rid}/cart", "/v1/restaurants/{rid}/tools/")  # cart turns, voice tools
TOKEN_SIZE_BUCKETS = (64, 96, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048, 3072, 4096)
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
LATENCY_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)

_go_float: Callable[[float], str] = floatToGoString  # untyped upstream: how Prometheus writes a bucket bound


class RequestStats:
    """Per-request figures kept as plain numbers, turned into metric families only when scraped.

    A request adds to a dict entry and two bucket lists (a ``bisect`` each); the cumulative
    buckets, label sets and ``_created`` samples are worked out per scrape, not per request.
    Updated from the event loop's thread only (the ASGI middleware), so no lock is needed.
    Exposes ``voicecart_requests_total``, ``voicecart_turn_seconds`` and ``voicecart_token_bytes``
    exactly as the prometheus-client ``Counter``/``Histogram`` families they replace did.
    """

    def __init__(self) -> None:
        self.requests: dict[tuple[str, str, int], list[float]] = {}  # labels → [count, created]
        self.turns: dict[str, list[float]] = {}  # "METHOD route" → bucket counts…, +Inf, sum, created
        self.token_bytes = [0.0] * (len(TOKEN_SIZE_BUCKETS) + 2) + [time.time()]

    def request_entry(self, method: str, route: str, status: int) -> list[float]:
        """The ``[count, created]`` entry of these labels (made, at count 0, on first use)."""
        key = (method, route, status)
        entry = self.requests.get(key)
        if entry is None:
            entry = self.requests[key] = [0, time.time()]
        return entry

    def turn_entry(self, route: str) -> list[float]:
        """The latency buckets of ``route`` ("METHOD route"; made, empty, on first use)."""
        entry = self.turns.get(route)
        if entry is None:
            entry = self.turns[route] = [0.0] * (len(LATENCY_BUCKETS) + 2) + [time.time()]
        return entry

    def token(self, size: int) -> None:
        entry = self.token_bytes
        entry[bisect.bisect_left(TOKEN_SIZE_BUCKETS, size)] += 1
        entry[-2] += size

    def collect(self) -> Iterator[Metric]:
        requests = CounterMetricFamily(
            "voicecart_requests", "HTTP requests by route template and status", labels=["method", "route", "status"]
        )
        for (method, route, status), (count, created) in list(self.requests.items()):
            requests.add_metric([method, route, str(status)], count, created=created)
        yield requests
        yield _histogram(
            "voicecart_token_bytes", "size of minted cart tokens", TOKEN_SIZE_BUCKETS, {"": self.token_bytes}
        )
        yield _histogram("voicecart_turn_seconds", "cart turn latency in this process", LATENCY_BUCKETS, self.turns)


def add_seconds(entry: list[float], seconds: float) -> None:
    """One observation in latency buckets (:meth:`RequestStats.turn_entry`)."""
    entry[bisect.bisect_left(LATENCY_BUCKETS, seconds)] += 1
    entry[-2] += seconds


# what one request adds to (:meth:`ObserveMiddleware._recorder`): its request count entry and its
# latency buckets (None: not a timed route)
Recorder = tuple[list[float], list[float] | None]


def _histogram(name: str, documentation: str, bounds: tuple[float, ...], series: dict[str, list[float]]) -> Metric:
    """A histogram family from per-bucket counts (``[*counts, +Inf count, sum, created]`` per label)."""
    family = HistogramMetricFamily(name, documentation, labels=["route"] if "" not in series else None)
    edges = [_go_float(b) for b in bounds] + ["+Inf"]
    for label, entry in list(series.items()):
        buckets = list(zip(edges, itertools.accumulate(entry[:-2]), strict=True))
        family.add_metric([label] if label else [], buckets, entry[-2], timestamp=None)
        family.samples.append(Sample(f"{name}_created", {"route": label} if label else {}, entry[-1]))
    return family


class Metrics:
    """The metric families of one app."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.stats = RequestStats()  # requests, turn latency, token sizes: plain numbers per request
        r.register(self.stats)
        self.token_failures = Counter(
            "voicecart_token_verify_failures", "cart tokens refused, by reason", ["reason"], registry=r
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
    """Counts every request, times cart turns, sizes minted tokens and writes one access-log line;
    with ``in_flight``, also the backpressure of :mod:`app.server.overload` (and with
    ``body_seconds`` the body deadline of :mod:`app.server.slow_clients`) inside the observation, so
    refusals are counted and logged. One layer for all of it: a middleware layer costs a coroutine
    and a call per request, and a ``send`` wrapper a call per message.

    The error handler in :mod:`app.server.http` leaves the :class:`CartError` it mapped in
    ``request.state.cart_error``; that is how verify failures get their reason.
    """

    def __init__(
        self,
        app: ASGIApp,
        metrics: Metrics,
        instance: str,
        is_operator: Callable[[Scope], bool] = lambda s: True,
        in_flight: InFlight | None = None,
        body_seconds: float | None = None,
    ) -> None:
        self.app = app
        self.metrics = metrics
        self.instance_header = (b"voicecart-instance", instance.encode())
        self.is_operator = is_operator  # only operators see which replica answered (app/server/operators.py)
        self.in_flight = in_flight
        self.body_seconds = body_seconds
        # per (method, route, status) labels, bounded like the labels: what a request adds to
        self._recorders: dict[tuple[str, str, int], Recorder] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status, token = 500, None  # what the answer's head said: its status and the minted token
        operator = self.is_operator(scope)

        async def observe(message: Message) -> None:
            nonlocal status, token
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = message.get("headers", ())
                for name, value in headers:
                    if name.lower() == TOKEN_HEADER:
                        token = value
                if operator:
                    message["headers"] = [*headers, self.instance_header]
            await send(message)

        load = self.in_flight
        counted = load if load is not None and load.limit and scope["path"] not in EXEMPT_PATHS else None  # 0: no limit
        try:
            if counted is not None and counted.full:
                exc = refusal(counted)
                scope.setdefault("state", {})["cart_error"] = exc  # the access log and metrics name the code
                await cart_error_response(exc)(scope, receive, observe)
                return
            seconds = self.body_seconds
            guarded = receive if seconds is None and counted is None else guarded_receive(receive, counted, seconds)
            if counted is None:
                await self.app(scope, guarded, observe)
                return
            counted.count += 1
            try:
                await self.app(scope, guarded, observe)
            finally:
                counted.count -= 1
        finally:
            self._record(scope, status, token, time.perf_counter() - started)

    def _recorder(self, key: tuple[str, str, int]) -> Recorder:
        """What a request of ``key`` (method and route labels, status) adds to, made on its first request."""
        method, route, status = key
        stats = self.metrics.stats
        turn = stats.turn_entry(f"{method} {route}") if route.startswith(TURN_ROUTE_PREFIXES) else None
        recorder = self._recorders[key] = (stats.request_entry(method, route, status), turn)
        return recorder

    def _record(self, scope: Scope, status: int, token: bytes | None, seconds: float) -> None:
        key = (method_label(scope), route_label(scope), status)
        count, turn = self._recorders.get(key) or self._recorder(key)
        count[0] += 1
        if turn is not None:
            add_seconds(turn, seconds)
        m = self.metrics
        if token:
            m.stats.token(len(token))
        state = scope.get("state")
        error = state.get("cart_error") if state else None
        if isinstance(error, TokenError):
            m.token_failures.labels(error.reason).inc()
        # refusals and failures at INFO; successful turns at DEBUG (CART_LOG_LEVEL=DEBUG logs every
        # request): a JSON line per turn costs more CPU than the turn, and metrics count them anyway
        level = logging.INFO if status >= 400 else logging.DEBUG
        if not log.isEnabledFor(level):
            return
        method, route = key[0], key[1]
        fields: dict[str, Any] = {"method": method, "route": route, "status": status, "ms": round(seconds * 1000, 2)}
        if token:
            fields["token"] = token_hash(token.decode("latin-1"))
        if isinstance(error, CartError):
            fields["error"] = error.code
        if isinstance(error, TokenError):
            fields["reason"] = error.reason  # why the token was refused: signature, expired, unknown_key, future…
        log.log(level, "%s %s %s", method, route, status, extra=fields)
