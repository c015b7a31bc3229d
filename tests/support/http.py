"""Driving the cart API in-process (Starlette's ``TestClient``): requests with the token, a cart with
items in it, and the shape every refused turn has."""

from __future__ import annotations

from typing import Any

from httpx import Response
from starlette.testclient import TestClient

from tests.conftest import DEMO

BASE = f"/v1/restaurants/{DEMO}"


def send(client: TestClient, method: str, path: str, token: str | None = None, **kwargs: Any) -> Response:
    """One request, with ``token`` in the ``Cart-Token`` header (None: no header)."""
    headers = {"Cart-Token": token} if token else {}
    return client.request(method, path, headers=headers, **kwargs)


def add(
    client: TestClient, token: str, body: dict[str, Any] | None = None, *, base: str = BASE, **fields: Any
) -> Response:
    """``POST {base}/cart/items`` with ``body`` (or the ``fields`` as the body): the answer, whatever it is."""
    return send(client, "POST", f"{base}/cart/items", token, json=body if body is not None else fields)


def added(client: TestClient, token: str, body: dict[str, Any], *, base: str = BASE) -> str:
    """``body`` added (it must be accepted): the next token."""
    response = add(client, token, body, base=base)
    assert response.status_code == 200, response.text
    return str(response.json()["cart_token"])


def new_cart(client: TestClient, *adds: dict[str, Any], base: str = BASE) -> str:
    """A new cart's token, with each of ``adds`` (AddItem bodies) added in turn."""
    response = send(client, "POST", f"{base}/cart")
    assert response.status_code == 201, response.text
    token = str(response.json()["cart_token"])
    for body in adds:
        token = added(client, token, body, base=base)
    return token


def refused(response: Response, status: int, code: str) -> dict[str, Any]:
    """The error of a refused call: ``status`` and ``code`` as expected, and no new token minted."""
    assert (response.status_code, response.json()["error"]["code"]) == (status, code), response.text
    assert "cart-token" not in response.headers
    error: dict[str, Any] = response.json()["error"]
    return error
