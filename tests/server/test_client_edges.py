"""Issue #24: what real clients send — a duplicated Cart-Token, a body that never finishes, a
compressed body — and what the process writes: every log line JSON."""

from __future__ import annotations

import asyncio
import gzip
import io
import json
import logging
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from app.logs import JsonFormatter
from tests.conftest import DEMO, TEST_KEYS
from tests.servers import free_port

CART = f"/v1/restaurants/{DEMO}/cart"


def test_two_cart_token_headers_are_refused_never_one_picked(client: TestClient) -> None:
    stale = client.post(CART).json()["cart_token"]
    fresh = client.post(f"{CART}/items", json={"item": "cookie"}, headers={"Cart-Token": stale}).json()["cart_token"]
    for headers in (
        [("Cart-Token", stale), ("Cart-Token", fresh)],  # a proxy or client that duplicated the header
        [("Cart-Token", f"{stale}, {fresh}")],  # the same, folded into one by a proxy
    ):
        for method, path, body in (
            ("GET", CART, None),
            ("POST", f"{CART}/items", {"item": "fries"}),
            ("POST", f"/v1/restaurants/{DEMO}/tools/clear_order", {"arguments": {}}),
        ):
            response = client.request(method, path, headers=headers, json=body)
            assert response.status_code == 400, response.text  # was: the first (stale) one won, an item dropped
            error = response.json()["error"]
            assert error["code"] == "token_ambiguous" and error["count"] == 2 and "exactly one" in error["message"]
            assert "Cart-Token" not in response.headers


def test_a_compressed_body_is_415_naming_the_encoding(client: TestClient) -> None:
    token = client.post(CART).json()["cart_token"]
    body = gzip.compress(json.dumps({"item": "cookie"}).encode())
    for encoding in ("gzip", "br", "deflate"):
        headers = {"Cart-Token": token, "Content-Encoding": encoding, "Content-Type": "application/json"}
        response = client.post(f"{CART}/items", content=body, headers=headers)
        assert response.status_code == 415, response.text  # was 400 with a UTF-8 decoding message
        error = response.json()["error"]
        assert error["code"] == "content_encoding_unsupported" and error["encoding"] == encoding
        assert encoding in error["message"]


def test_a_client_gone_mid_body_is_counted_apart_without_a_traceback(client: TestClient) -> None:
    app = client.app
    sent: list[dict[str, Any]] = []
    messages = [{"type": "http.request", "body": b'{"item": "coo', "more_body": True}, {"type": "http.disconnect"}]

    async def receive() -> dict[str, Any]:
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": f"{CART}/items",
        "raw_path": f"{CART}/items".encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"content-type", b"application/json"), (b"content-length", b"200")],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
    }
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("voicecart")
    logger.addHandler(handler)
    old_level = logger.level
    logger.setLevel(logging.INFO)
    try:
        asyncio.run(app(scope, receive, send))  # type: ignore[arg-type]
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
    assert sent[0]["status"] == 499  # was 500 and an ERROR with a traceback: a false alert
    entries = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert [e for e in entries if e["level"] == "error"] == [] and not any("exc" in e for e in entries)
    assert any(e.get("error") == "client_disconnected" and e.get("status") == 499 for e in entries)
    metrics = client.get("/metrics").text
    assert 'route="/v1/restaurants/{rid}/cart/items",status="499"' in metrics
    assert 'status="500"' not in metrics


@pytest.mark.slow  # a real server process, ~5 s
def test_every_line_the_server_writes_is_json(tmp_path: Path) -> None:
    """A PostgreSQL order store that is down: psycopg_pool's own warnings were plain text."""
    port, dead = free_port(), free_port()
    env = {
        **os.environ,
        "CART_KEYS": TEST_KEYS,
        "CART_DATA_DIR": str(tmp_path),
        "CART_ORDERS_URL": f"postgresql://nobody@127.0.0.1:{dead}/orders",
        "CART_CHECKOUT_TIMEOUT_SECONDS": "3",
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "app", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        time.sleep(4)  # start-up tries the store for two thirds of the budget, the pool keeps retrying
    finally:
        proc.terminate()
        output, _ = proc.communicate(timeout=20)
    lines = output.decode().splitlines()
    assert lines, "the server wrote nothing"
    entries = [json.loads(line) for line in lines]  # a plain-text line fails here
    loggers = {e["logger"] for e in entries}
    assert "psycopg.pool" in loggers and "voicecart.serve" in loggers, loggers


def test_the_demo_page_and_static_files_send_the_page_headers(client: TestClient) -> None:
    for path in ("/", "/static/demo.js", "/static/demo.css"):
        headers = client.get(path).headers
        policy = headers["content-security-policy"]
        assert "frame-ancestors 'none'" in policy and "connect-src 'self' https://api.openai.com" in policy
        assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "no-referrer" and "microphone=(self)" in headers["permissions-policy"]


def test_readiness_details_and_the_instance_are_for_operators_only(settings: Any, clock: Any) -> None:
    from app.server.app import create_app

    app = create_app(settings, clock=clock)
    with TestClient(app, client=("203.0.113.9", 40000)) as public, TestClient(app, client=("::1", 40000)) as local:
        seen = public.get("/readyz")
        assert seen.json() == {"status": "ready"} and "voicecart-instance" not in seen.headers
        assert "keys" in local.get("/readyz").json() and "voicecart-instance" in local.get("/healthz").headers
