"""Structured JSON logs never contain a whole cart token."""

from __future__ import annotations

import io
import json
import logging
import sys
from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from app.logs import JsonFormatter, redact, token_hash
from tests.conftest import DEMO, FakeClock


@pytest.fixture
def log_lines() -> Iterator[io.StringIO]:
    """Everything the ``voicecart`` loggers write, through the production formatter."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("voicecart")
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    yield stream
    logger.removeHandler(handler)
    logger.setLevel(old_level)


def test_access_log_is_json_and_carries_only_a_token_hash(client: TestClient, log_lines: io.StringIO) -> None:
    cart = f"/v1/restaurants/{DEMO}/cart"
    token = client.post(cart).headers["Cart-Token"]
    client.post(f"{cart}/items", json={"item": "fries", "modifiers": ["large"]}, headers={"Cart-Token": token})
    client.get(cart, headers={"Cart-Token": token[:-3] + "AAA"})

    entries = [json.loads(line) for line in log_lines.getvalue().splitlines()]
    access = [e for e in entries if e["logger"] == "voicecart.access"]
    assert [(e["method"], e["status"]) for e in access] == [("POST", 201), ("POST", 200), ("GET", 401)]
    assert access[0]["token"] == token_hash(token)
    assert access[2]["error"] == "token_invalid"
    assert all(e["route"].startswith("/v1/restaurants/{rid}/cart") for e in access)
    assert token not in log_lines.getvalue()


def test_at_info_only_refusals_are_logged(client: TestClient, log_lines: io.StringIO) -> None:
    logging.getLogger("voicecart").setLevel(logging.INFO)
    cart = f"/v1/restaurants/{DEMO}/cart"
    token = client.post(cart).headers["Cart-Token"]
    client.get(cart, headers={"Cart-Token": token})
    client.get(cart, headers={"Cart-Token": token[:-3] + "AAA"})
    access = [json.loads(line) for line in log_lines.getvalue().splitlines()]
    assert [(e["status"], e["error"]) for e in access if e["logger"] == "voicecart.access"] == [(401, "token_invalid")]


def test_the_access_log_says_why_a_token_was_refused(
    client: TestClient, clock: FakeClock, log_lines: io.StringIO
) -> None:
    cart = f"/v1/restaurants/{DEMO}/cart"
    token = client.post(cart).headers["Cart-Token"]
    client.get(cart, headers={"Cart-Token": token[:-3] + "AAA"})  # forged
    client.get(cart)  # none sent
    clock.advance(1801)
    client.get(cart, headers={"Cart-Token": token})  # expired
    refused = [json.loads(line) for line in log_lines.getvalue().splitlines()]
    refused = [e for e in refused if e["logger"] == "voicecart.access" and e["status"] == 401]
    assert [(e["error"], e["reason"]) for e in refused] == [
        ("token_invalid", "signature"),
        ("token_missing", "missing"),
        ("token_expired", "expired"),
    ]


def test_a_token_anywhere_in_a_record_is_replaced_by_its_hash(client: TestClient) -> None:
    token = client.post(f"/v1/restaurants/{DEMO}/cart").headers["Cart-Token"]
    logger = logging.getLogger("voicecart.test")
    record = logger.makeRecord(
        "voicecart.test", logging.ERROR, __file__, 1, "bad token %s", (token,), None, extra={"header": [token]}
    )
    try:
        raise ValueError(f"cannot use {token}")
    except ValueError:
        record.exc_info = sys.exc_info()
    line = JsonFormatter().format(record)
    entry = json.loads(line)
    assert token not in line
    assert entry["msg"] == f"bad token {token_hash(token)}"
    assert entry["header"] == [token_hash(token)]
    assert token_hash(token) in entry["exc"]


def test_redact_leaves_ordinary_text_alone() -> None:
    text = "GET /v1/restaurants/demo-burger/cart 200 in 1.5 ms; fingerprint 6a87499e"
    assert redact(text) == text
