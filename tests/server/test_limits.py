"""Every request limit answers a documented code (never a 500, never a silent truncation),
and after every refusal the caller's previous token still works (docs/security.md, "Limits")."""

from __future__ import annotations

import asyncio
import json
import random
import unicodedata
from collections.abc import Iterator
from typing import Any

import pytest
from httpx import Response
from starlette.testclient import TestClient

from app.core.cart import MAX_LINES, MAX_MODIFIERS_PER_LINE, MAX_NOTES_CHARS, MAX_QUANTITY
from app.core.token.codec import MAX_TOKEN_CHARS
from app.json_input import MAX_JSON_DEPTH
from app.server.app import create_app
from app.server.http import MAX_BODY_BYTES
from app.settings import Settings
from tests.asgi import call
from tests.conftest import DEMO, FakeClock
from tests.support.http import add, refused

CART = f"/v1/restaurants/{DEMO}/cart"
ITEMS = f"{CART}/items"
JSON = {"content-type": "application/json"}


@pytest.fixture
def token(client: TestClient) -> str:
    """A cart with one line, so 'still valid' means 'still holds what it held'."""
    created = client.post(CART)
    added = client.post(ITEMS, json={"item": "bottled-water"}, headers={"Cart-Token": created.headers["Cart-Token"]})
    assert added.status_code == 200
    return added.headers["Cart-Token"]


def refused_and_kept(client: TestClient, token: str, response: Response, status: int, code: str) -> dict[str, Any]:
    """The refusal has the documented code, mints nothing, and the old token still works."""
    error = refused(response, status, code)
    still = client.get(CART, headers={"Cart-Token": token})
    assert still.status_code == 200
    assert [line["item_id"] for line in still.json()["cart"]["lines"]] == ["bottled-water"]
    return error


def raw_add(client: TestClient, token: str, content: bytes):  # type: ignore[no-untyped-def]
    return client.post(ITEMS, content=content, headers={"Cart-Token": token, **JSON})


# --- body size ----------------------------------------------------------------------------------------


def test_declared_oversize_body_is_413(client: TestClient, token: str) -> None:
    big = json.dumps({"item": "bottled-water", "notes": "x" * MAX_BODY_BYTES}).encode()
    error = refused_and_kept(client, token, raw_add(client, token, big), 413, "request_too_large")
    assert error["limit"] == MAX_BODY_BYTES


def test_streamed_oversize_body_without_length_is_413(client: TestClient, token: str) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"item": "bottled-water", "notes": "'
        for _ in range(64):
            yield b"x" * 1024
        yield b'"}'

    response = client.post(ITEMS, content=chunks(), headers={"Cart-Token": token, **JSON})
    refused_and_kept(client, token, response, 413, "request_too_large")


def test_body_cap_stops_reading_while_streaming(settings: Settings, clock: FakeClock, client: TestClient) -> None:
    """1 MiB offered in 1 KiB chunks with no Content-Length: the app stops after ~16 of them."""
    token = client.post(CART).headers["Cart-Token"]
    app = create_app(settings, clock=clock)
    headers = [(b"cart-token", token.encode()), (b"content-type", b"application/json")]
    reply = asyncio.run(call(app, "POST", ITEMS, headers, [b"x" * 1024] * 1024))
    assert reply.status == 413
    assert json.loads(reply.body)["error"]["code"] == "request_too_large"
    assert reply.chunks_read <= MAX_BODY_BYTES // 1024 + 1


def test_body_at_the_cap_is_read(client: TestClient, token: str) -> None:
    body = json.dumps({"item": "bottled-water", "notes": "ok"}).encode()
    padded = body[:-1] + b" " * (MAX_BODY_BYTES - len(body)) + b"}"
    assert len(padded) == MAX_BODY_BYTES
    assert raw_add(client, token, padded).status_code == 200


# --- token header ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("extra", [1, 10_000])
def test_token_header_length_cap(client: TestClient, token: str, extra: int) -> None:
    long_token = token + "A" * (MAX_TOKEN_CHARS - len(token) + extra)
    response = client.get(CART, headers={"Cart-Token": long_token})
    error = refused_and_kept(client, token, response, 401, "token_invalid")
    assert str(MAX_TOKEN_CHARS) in error["message"]
    assert long_token[:40] not in response.text


# --- JSON shape ------------------------------------------------------------------------------------------


def nested(depth: int) -> bytes:
    inner = '"x"'
    for _ in range(depth - 2):
        inner = f"[{inner}]"
    return f'{{"item": "bottled-water", "modifiers": {inner}}}'.encode()


@pytest.mark.parametrize(
    "content",
    [
        nested(MAX_JSON_DEPTH + 1),
        b"[" * 5000 + b"]" * 5000,  # would exhaust the parser's recursion
        b'{"item": "bottled-water"',  # truncated
        b'{"item": "bottled-water", "quantity": NaN}',
        b'{"item": "bottled-water", "quantity": Infinity}',
        b'{"item": "bottled-water", "quantity": -1e999}',  # overflows to -inf
        b'{"item": "bottled-water", "quantity": ' + b"9" * 5000 + b"}",  # > 4300 digits
        b'{"item": "\\ud800"}',  # lone surrogate escape
        b'{"\\udfff": 1}',
        b'{"item": "water\xed\xa0\x80"}',  # raw surrogate bytes
        b'{"item": "\xff"}',  # not UTF-8
        b"[]",
        b'"bottled-water"',
        b'{"item": "bottled-water", "price_cents": 1}',  # unknown field: prices are never input
        b'{"item": 5}',
        b'{"item": "bottled-water", "modifiers": "cold"}',
        b'{"item": "bottled-water", "notes": 5}',
        b"",
    ],
    ids=[
        "depth",
        "deep",
        "truncated",
        "nan",
        "infinity",
        "overflow",
        "huge_int",
        "surrogate",
        "surrogate_key",
        "surrogate_bytes",
        "not_utf8",
        "array",
        "string",
        "unknown_field",
        "item_type",
        "modifiers_type",
        "notes_type",
        "empty",
    ],
)
def test_malformed_json_is_400(client: TestClient, token: str, content: bytes) -> None:
    refused_and_kept(client, token, raw_add(client, token, content), 400, "invalid_request")


def test_json_at_the_depth_cap_is_parsed(client: TestClient, token: str) -> None:
    response = raw_add(client, token, nested(MAX_JSON_DEPTH))
    assert response.status_code == 400  # parsed; then refused for its shape, not its depth
    assert "nested" not in response.json()["error"]["message"]


# --- notes ------------------------------------------------------------------------------------------------


INVISIBLE_NOTES = [
    "no\x00nions",
    "line\nbreak",
    "tab\there",
    "\u202eevil",  # bidi override
    "\u2066isolated\u2069",  # bidi isolate
    "zero\u200bwidth",  # zero-width space
    "\ufeffbom",
    "word\u2060joiner",
    "soft\u00adhyphen",
    "para\u2028graph",
    "tag\U000e0041smuggled",  # Unicode tag characters hide ASCII from readers
    "\x7f",
    "no\u200c onion",  # a joiner must sit between two letters/emoji, not before a space
    "no\u200c\u200conion",
    "\u200dno onion",
]
VISIBLE_NOTES = [
    "بی‌پیاز لطفا",  # Persian "no onion please": U+200C inside the word
    "👩🏽‍💻 birthday",  # emoji ZWJ sequence with a skin tone
    "❤️‍🔥 extra hot",  # U+FE0F then U+200D
    "👨‍👩‍👧 family pack",
    "क्‍ष spicy",  # Devanagari: ZWJ after a virama
]


@pytest.mark.parametrize("notes", INVISIBLE_NOTES)
def test_invisible_characters_in_notes_are_refused(client: TestClient, token: str, notes: str) -> None:
    refused_and_kept(
        client, token, add(client, token, item="fries", modifiers=["small"], notes=notes), 400, "field_invalid"
    )


@pytest.mark.parametrize("notes", VISIBLE_NOTES)
def test_zero_width_joiners_in_real_writing_are_accepted(client: TestClient, token: str, notes: str) -> None:
    response = add(client, token, item="fries", modifiers=["small"], notes=notes)
    assert response.status_code == 200, response.text
    body = response.json()
    assert [line["notes"] for line in body["cart"]["lines"] if line["line_id"] == body["line_id"]] == [notes]


def test_notes_are_nfc_normalised_and_trimmed(client: TestClient, token: str) -> None:
    decomposed = "  cafe\u0301 au lait  "
    response = add(client, token, item="fries", modifiers=["small"], notes=decomposed)
    assert response.status_code == 200
    notes = {line["notes"] for line in response.json()["cart"]["lines"]}
    assert unicodedata.normalize("NFC", "café au lait") in notes


@pytest.mark.parametrize("extra", [1, 500])
def test_notes_over_the_cap_are_refused_not_truncated(client: TestClient, token: str, extra: int) -> None:
    response = add(client, token, item="fries", modifiers=["small"], notes="é" * (MAX_NOTES_CHARS + extra))
    assert refused_and_kept(client, token, response, 422, "cart_too_large")["limit"] == MAX_NOTES_CHARS


def test_notes_at_the_cap_are_kept_whole(client: TestClient, token: str) -> None:
    notes = "é" * MAX_NOTES_CHARS
    response = add(client, token, item="fries", modifiers=["small"], notes=notes)
    assert response.status_code == 200
    assert notes in {line["notes"] for line in response.json()["cart"]["lines"]}


# --- quantities, lines, modifiers -----------------------------------------------------------------------------


@pytest.mark.parametrize("quantity", [0, -1, MAX_QUANTITY + 1, 10**30])
def test_counts_out_of_range_are_refused(client: TestClient, token: str, quantity: object) -> None:
    refused_and_kept(
        client, token, add(client, token, item="bottled-water", quantity=quantity), 422, "quantity_invalid"
    )


@pytest.mark.parametrize("quantity", [1.5, "2", True, None, [1], {"n": 1}])
def test_quantities_that_are_no_integer_are_malformed_requests(
    client: TestClient, token: str, quantity: object
) -> None:
    refused_and_kept(client, token, add(client, token, item="bottled-water", quantity=quantity), 400, "invalid_request")


def test_merging_past_the_quantity_cap_is_refused(client: TestClient, token: str) -> None:
    refused_and_kept(
        client, token, add(client, token, item="bottled-water", quantity=MAX_QUANTITY), 422, "quantity_invalid"
    )
    assert add(client, token, item="bottled-water", quantity=MAX_QUANTITY - 1).status_code == 200


def test_lines_per_cart_cap(client: TestClient, token: str) -> None:
    current = token
    for n in range(2, MAX_LINES + 1):  # the fixture's line is line 1
        response = add(client, current, item="bottled-water", notes=f"bottle {n}")
        assert response.status_code == 200, response.text
        current = response.headers["Cart-Token"]
    assert len(client.get(CART, headers={"Cart-Token": current}).json()["cart"]["lines"]) == MAX_LINES
    over = add(client, current, item="bottled-water", notes="one too many")
    assert over.status_code == 422 and over.json()["error"]["code"] == "cart_too_large"
    assert over.json()["error"]["limit"] == MAX_LINES
    assert client.get(CART, headers={"Cart-Token": current}).status_code == 200


@pytest.mark.parametrize("count", [MAX_MODIFIERS_PER_LINE + 1, 2000])
def test_modifiers_per_line_cap(client: TestClient, token: str, count: int) -> None:
    """Counted before any name is resolved: 2,000 names cost one comparison, not 2,000 lookups."""
    response = add(client, token, item="cheeseburger", modifiers=["m"] * count)
    assert refused_and_kept(client, token, response, 422, "cart_too_large")["limit"] == MAX_MODIFIERS_PER_LINE


def test_modifier_cap_also_applies_to_updates(client: TestClient, token: str) -> None:
    response = client.patch(f"{ITEMS}/1", json={"modifiers": ["x"] * 13}, headers={"Cart-Token": token})
    refused_and_kept(client, token, response, 422, "cart_too_large")


def test_final_token_cap_is_cart_too_large(client: TestClient, token: str) -> None:
    """Lines of incompressible 140-character notes outgrow a 4096-character token first."""
    rng = random.Random(6)
    current = token
    for _ in range(MAX_LINES):
        notes = "".join(chr(rng.randrange(0x4E00, 0x9FA0)) for _ in range(MAX_NOTES_CHARS))
        response = add(client, current, item="bottled-water", notes=notes)
        if response.status_code != 200:
            break
        assert len(response.headers["Cart-Token"]) <= MAX_TOKEN_CHARS
        current = response.headers["Cart-Token"]
    assert response.status_code == 422
    assert response.json()["error"] == {
        "code": "cart_too_large",
        "message": response.json()["error"]["message"],
        "limit": MAX_TOKEN_CHARS,
    }
    assert client.get(CART, headers={"Cart-Token": current}).status_code == 200


# --- paths and names -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("line_id", ["9" * 5000, "9" * 30, "0x1", "٣", "-1"])
def test_odd_line_ids_are_404(client: TestClient, token: str, line_id: str) -> None:
    response = client.delete(f"{ITEMS}/{line_id}", headers={"Cart-Token": token})
    assert refused_and_kept(client, token, response, 404, "line_not_found")["line_id"] != "9" * 5000


def test_huge_item_name_is_an_ordinary_miss(client: TestClient, token: str) -> None:
    response = add(client, token, item="burger " * 2000)
    assert response.status_code in (400, 422)
    refused_and_kept(client, token, response, response.status_code, response.json()["error"]["code"])


def test_invented_http_methods_do_not_grow_the_metrics(settings: Settings, clock: FakeClock) -> None:
    """Any token is a valid method on the wire; 300 invented ones must not mint 300 label sets."""
    app = create_app(settings, clock=clock)

    def series() -> int:
        return sum(len(family.samples) for family in app.state.metrics.registry.collect())

    async def send(methods: list[str]) -> None:
        for method in methods:
            reply = await call(app, method, CART)
            assert reply.status == 405

    asyncio.run(send(["BREW", "PROPFIND"]))
    baseline = series()
    asyncio.run(send([f"X{i:04d}" for i in range(300)]))
    assert series() == baseline
