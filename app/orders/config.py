"""The configured order sink: PostgreSQL if ``CART_ORDERS_URL`` is set, the webhook if
``CART_ORDER_WEBHOOK_URL`` is, else the SQLite file.

Every store's own limits sit inside the checkout budget (``CART_CHECKOUT_TIMEOUT_SECONDS``, enforced
by :mod:`app.server.order_workers`): SQLite's busy timeout and PostgreSQL's retries get
:func:`store_budget`, the webhook its deadline (which settings keep below the budget). So a slow
store normally answers definitely (502 ``order_delivery_failed``) before the budget turns the
answer into ``order_outcome_unknown``.
"""

from __future__ import annotations

import httpx

from app.errors import ConfigError
from app.orders.port import OrderSink
from app.orders.sqlite import SqliteSink
from app.orders.webhook import MIN_SECRET_CHARS, WebhookSink
from app.settings import Settings

POSTGRES_SCHEMES = ("postgresql", "postgres")


def store_budget(settings: Settings) -> float:
    """Seconds a database store may spend on one order: two thirds of the checkout budget."""
    return settings.checkout_timeout_seconds * 2 / 3


def sink_from_settings(settings: Settings) -> OrderSink:
    """PostgreSQL if ``CART_ORDERS_URL`` is set, the webhook if ``CART_ORDER_WEBHOOK_URL`` is, else SQLite."""
    if settings.orders_url:
        if settings.order_webhook_url:
            raise ConfigError("set CART_ORDERS_URL or CART_ORDER_WEBHOOK_URL, not both: orders go to one place")
        if settings.orders_url.partition("://")[0] not in POSTGRES_SCHEMES:
            raise ConfigError("CART_ORDERS_URL must be a postgresql://user:password@host:port/database URL")
        from app.orders.postgres import PostgresSink  # psycopg is loaded only when PostgreSQL is configured

        return PostgresSink(
            settings.orders_url, deadline_seconds=store_budget(settings), pool_size=settings.order_workers
        )
    url = settings.order_webhook_url
    if not url:
        return SqliteSink(settings.orders_db_path, busy_timeout_seconds=store_budget(settings))
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL:
        parsed = None
    if parsed is None or parsed.scheme not in ("http", "https") or not parsed.host:
        raise ConfigError("CART_ORDER_WEBHOOK_URL must be an http:// or https:// URL")
    if len(settings.order_webhook_secret) < MIN_SECRET_CHARS:
        raise ConfigError(
            f"CART_ORDER_WEBHOOK_URL needs CART_ORDER_WEBHOOK_SECRET of {MIN_SECRET_CHARS}+ characters "
            "(the receiver verifies Voicecart-Signature with it)"
        )
    return WebhookSink(url, settings.order_webhook_secret, settings.order_webhook_deadline_seconds)
