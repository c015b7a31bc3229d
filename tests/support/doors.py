"""The doors that cancel or empty a cart — voice ``confirm_order`` cancel, ``clear_order``, HTTP ``DELETE …/cart``,
and removing a one-line cart's line (line 1) by voice or HTTP — called in-process, and how to read what each
answered."""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx
from starlette.testclient import TestClient

from tests.support.http import BASE, send
from tests.support.tools import call

Door = Callable[[TestClient, str], httpx.Response]

DOORS: dict[str, Door] = {
    "voice cancel": lambda client, token: call(client, "confirm_order", {"action": "cancel"}, token),
    "clear_order": lambda client, token: call(client, "clear_order", {}, token),
    "DELETE /cart": lambda client, token: send(client, "DELETE", f"{BASE}/cart", token),
    "remove_from_order": lambda client, token: call(client, "remove_from_order", {"line_id": 1}, token),
    "update_order_item 0": lambda client, token: call(
        client, "update_order_item", {"line_id": 1, "quantity": 0}, token
    ),
    "DELETE /cart/items/1": lambda client, token: send(client, "DELETE", f"{BASE}/cart/items/1", token),
    "PATCH quantity 0": lambda client, token: send(
        client, "PATCH", f"{BASE}/cart/items/1", token, json={"quantity": 0}
    ),
}


def said_cancelled(answer: httpx.Response) -> bool:
    """The door told the customer the cart was cancelled or cleared (a 200 HTTP cart, an ``ok`` tool answer)."""
    if answer.status_code != 200:
        return False
    body = answer.json()
    return bool(body["ok"]) if "output" in body else True


def refusal_code(answer: httpx.Response) -> str:
    """What a door (or a checkout) that did not go through answered: the HTTP error's code, or the tool's ``error``."""
    body = answer.json()
    return str(json.loads(body["output"])["error"] if "output" in body else body["error"]["code"])
