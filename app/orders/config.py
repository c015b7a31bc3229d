"""The configured order sink: the webhook if ``CART_ORDER_WEBHOOK_URL`` is set, else the SQLite file."""

from __future__ import annotations

import httpx

from app.errors import ConfigError
from app.orders.port import OrderSink
from app.orders.sqlite import SqliteSink
from app.orders.webhook import MIN_SECRET_CHARS, WebhookSink
from app.settings import Settings


def sink_from_settings(settings: Settings) -> OrderSink:
    """The webhook if ``CART_ORDER_WEBHOOK_URL`` is set, else the SQLite file."""
    url = settings.order_webhook_url
    if not url:
        return SqliteSink(settings.orders_db_path)
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
