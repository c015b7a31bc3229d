"""Calling the voice tools over HTTP in-process: ``POST …/tools/{name}`` with the cart token."""

from __future__ import annotations

import json
from typing import Any

from starlette.testclient import TestClient

from tests.conftest import DEMO

TOOLS = f"/v1/restaurants/{DEMO}/tools"


def call(client: TestClient, name: str, arguments: Any = None, token: str | None = None, **body: Any) -> Any:
    """The tool call's HTTP answer, whatever it is (``body``: more fields beside ``arguments``)."""
    headers = {"Cart-Token": token} if token else {}
    payload = {"arguments": {} if arguments is None else arguments, **body}
    return client.post(f"{TOOLS}/{name}", json=payload, headers=headers)


def ok_call(client: TestClient, name: str, arguments: Any = None, token: str | None = None) -> dict[str, Any]:
    """A call answered 200: its body, with the tool's output parsed as ``out``."""
    response = call(client, name, arguments, token)
    assert response.status_code == 200, response.text
    body = response.json()
    body["out"] = json.loads(body["output"])
    return body


def add(client: TestClient, *items: dict[str, Any], token: str | None = None) -> dict[str, Any]:
    """``add_to_order`` with ``items``."""
    return ok_call(client, "add_to_order", {"items": list(items)}, token)


def names(body: dict[str, Any]) -> list[tuple[str, int]]:
    """``(name, quantity)`` of every line of the answer's cart."""
    return [(line["name"], line["quantity"]) for line in body["cart"]["lines"]]
