"""The configured order sink: PostgreSQL if ``CART_ORDERS_URL`` is set, the webhook if
``CART_ORDER_WEBHOOK_URL`` is, else the SQLite file (:class:`Settings` checked them all).

Every store's own limits sit inside the checkout budget (``CART_CHECKOUT_TIMEOUT_SECONDS``, enforced
by :mod:`app.server.order_workers`): SQLite's busy timeout and PostgreSQL's retries get
:func:`store_budget`, the webhook its deadline (which settings keep below the budget). So a slow
store normally answers definitely (502 ``order_delivery_failed``) before the budget turns the
answer into ``order_outcome_unknown``.
"""

from __future__ import annotations

from app.orders.port import OrderSink
from app.orders.sqlite import SqliteSink
from app.orders.webhook import WebhookSink
from app.settings import Settings


def store_budget(settings: Settings) -> float:
    """Seconds a database store may spend on one order: two thirds of the checkout budget."""
    return settings.checkout_timeout_seconds * 2 / 3


def sink_from_settings(settings: Settings) -> OrderSink:
    """PostgreSQL if ``CART_ORDERS_URL`` is set, the webhook if ``CART_ORDER_WEBHOOK_URL`` is, else SQLite."""
    if settings.orders_url:
        from app.orders.postgres import PostgresSink  # psycopg is loaded only when PostgreSQL is configured

        return PostgresSink(
            settings.orders_url, deadline_seconds=store_budget(settings), pool_size=settings.order_workers
        )
    if not settings.order_webhook_url:
        return SqliteSink(settings.orders_db_path, busy_timeout_seconds=store_budget(settings))
    url, secret = settings.order_webhook_url, settings.order_webhook_secret
    return WebhookSink(url, secret, settings.order_webhook_deadline_seconds)
