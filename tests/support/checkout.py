"""Checking out over HTTP in-process: the demo order, two lines to order and the webhook secret."""

from __future__ import annotations

from typing import Any

from httpx import Response
from starlette.testclient import TestClient

from tests.support.http import BASE, send

CHECKOUT = f"{BASE}/cart/checkout"
ORDER = {"customer": {"name": "Ada Lovelace", "phone": "+1 555 010 0199"}, "fulfillment": "pickup"}
SECRET = "k" * 40  # the kitchen webhook's signing secret
BURGERS = {"item": "classic-burger", "quantity": 2, "modifiers": ["medium", "bacon"]}
FRIES = {"item": "fries", "modifiers": ["large"]}


def checkout(client: TestClient, token: str | None, body: Any = ORDER) -> Response:
    """``POST …/cart/checkout`` with ``token`` and ``body`` (default: :data:`ORDER`)."""
    return send(client, "POST", CHECKOUT, token, json=body)
