"""The configured order sink: the webhook if ``CART_ORDER_WEBHOOK_URL`` is set, else the SQLite file."""

from __future__ import annotations

from app.orders.port import OrderSink
from app.orders.sqlite import SqliteSink
from app.orders.webhook import WebhookSink
from app.settings import Settings


def sink_from_settings(settings: Settings) -> OrderSink:
    """The webhook if ``CART_ORDER_WEBHOOK_URL`` is set, else the SQLite file (:class:`Settings` checked both)."""
    if not settings.order_webhook_url:
        return SqliteSink(settings.orders_db_path)
    url, secret = settings.order_webhook_url, settings.order_webhook_secret
    return WebhookSink(url, secret, settings.order_webhook_deadline_seconds)
