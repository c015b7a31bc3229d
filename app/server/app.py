"""The ASGI app, declared once: every route, the middleware and the lifespan in one place.

``uvicorn app.server.app:create_app --factory`` (what ``voicecart serve`` runs). Settings become
live objects in :func:`app.runtime.context.build_context`; this module only wires them to HTTP.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware

from app.runtime.context import AppContext, Clock, build_context
from app.runtime.menu_reload import MenuReloader
from app.server import cart_routes, openapi, ops_routes, order_routes, voice_routes
from app.server.http import EXCEPTION_HANDLERS, TOKEN_HEADER
from app.server.metrics import Metrics, ObserveMiddleware
from app.server.operators import operator_check
from app.server.order_workers import OrderWorkers
from app.server.overload import InFlight, measure_lag
from app.settings import Settings

log = logging.getLogger("voicecart.http")


def create_app(settings: Settings | None = None, *, clock: Clock = time.time) -> Starlette:
    """Build the ASGI app. Config errors raise :class:`~app.errors.ConfigError` before serving."""
    settings = settings or Settings.from_env()
    ctx = build_context(settings, clock)
    return assemble(ctx)


def assemble(ctx: AppContext) -> Starlette:
    """The app for an already built context (tests and benches build their own)."""
    metrics = Metrics()
    metrics.menus_loaded.set_function(lambda: len(ctx.catalog.menus))
    watch = ctx.clock_watch
    if watch is not None:
        metrics.clock_offset.set_function(lambda: watch.report.offset_seconds)
        metrics.clock_ok.set_function(lambda: int(watch.report.ok))
    # order-store I/O on threads of its own, inside the checkout budget (never the turns' pool)
    order_workers = OrderWorkers(ctx.settings.order_workers, ctx.settings.checkout_timeout_seconds)
    sink = ctx.order_sink
    in_flight = InFlight(ctx.settings.max_concurrency)
    is_operator = operator_check(ctx.settings.operator_networks)
    reloader = MenuReloader(
        ctx.catalog,
        ctx.settings.menu_dir,
        ctx.settings.menu_reload_seconds,
        on_result=lambda result: metrics.menu_reloads.labels(result).inc(),
        seen=ctx.menu_files,
    )

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await order_workers.run(sink.start)  # PostgreSQL: create the table now (a database down is retried later)
        lag = asyncio.create_task(measure_lag(in_flight)) if in_flight.limit else None
        try:
            async with reloader.running():  # menu hot reload: polling and SIGHUP
                yield
        finally:
            if lag is not None:
                lag.cancel()
            order_workers.close()
            sink.close()

    # the outermost middleware first: every response is observed, CORS answers included; backpressure
    # is inside the observation (refusals are counted and logged), in the same layer, and so is the
    # deadline of a body trickled in on purpose (408, app.server.slow_clients), never a held slot
    middleware = [
        Middleware(
            ObserveMiddleware,
            metrics=metrics,
            instance=ops_routes.instance_id(),
            is_operator=is_operator,
            in_flight=in_flight,
            body_seconds=ctx.settings.request_timeout_seconds,
        ),
    ]
    if ctx.settings.cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(ctx.settings.cors_origins),
                allow_methods=["GET", "POST", "PATCH", "DELETE"],
                allow_headers=[TOKEN_HEADER, "Content-Type"],
                expose_headers=[TOKEN_HEADER],
            )
        )
    app = Starlette(
        routes=[
            *cart_routes.routes(ctx),
            *order_routes.routes(ctx, order_workers),
            *voice_routes.routes(ctx, order_workers),
            *ops_routes.routes(ctx, metrics, reloader, is_operator),
            *openapi.routes(ctx),  # describes every route above, from this table
        ],
        middleware=middleware,
        exception_handlers=EXCEPTION_HANDLERS,
        lifespan=lifespan,
    )
    # an API does not answer "/cart/items/" with a 307 to an http:// URL (wrong behind a TLS proxy, and a
    # client would replay its POST there): a path that is not a route is a JSON 404
    app.router.redirect_slashes = False
    # for tests, benches and operators' debugging only: the handlers use what they were bound to
    app.state.ctx, app.state.metrics, app.state.reloader = ctx, metrics, reloader
    app.state.order_workers, app.state.in_flight = order_workers, in_flight
    log.info("serving %d restaurant(s); keys: %s", len(ctx.catalog.menus), ctx.keys.describe())
    return app
