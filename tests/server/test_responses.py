"""OrjsonResponse: the same bytes as Starlette's JSONResponse, and the same fallback behaviour."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.responses import JSONResponse

from app.server.http import TOKEN_HEADER, CartResponse
from app.server.responses import OrjsonResponse

CART_LIKE = {
    "cart": {"id": "00ff", "lines": [{"name": "Café crème", "notes": "no 🧅", "modifiers": []}], "total_cents": 1299},
    "checked_out": False,
    "line_id": None,
}


@pytest.mark.parametrize("content", [CART_LIKE, {"error": {"code": "x", "message": "ü"}}, [], {}])
def test_same_bytes_as_starlette(content: Any) -> None:
    assert OrjsonResponse(content).body == JSONResponse(content).body


@pytest.mark.parametrize("content", [{"quantity": 10**30}, {"n": 2**64}, {1: "non-string key"}])
def test_what_orjson_refuses_is_written_by_the_standard_library(content: Any) -> None:
    assert OrjsonResponse(content).body == JSONResponse(content).body


def test_a_lone_surrogate_fails_the_same_way_as_before() -> None:
    with pytest.raises(UnicodeEncodeError):
        JSONResponse({"notes": "\ud800"})
    with pytest.raises(UnicodeEncodeError):
        OrjsonResponse({"notes": "\ud800"})


@pytest.mark.parametrize("status", [200, 201, 204, 409])
def test_a_cart_response_has_the_head_of_a_json_response_with_the_token_header(status: int) -> None:
    token = "AbC-_9.xyz"
    made = CartResponse(CART_LIKE, token, status)
    plain = OrjsonResponse(CART_LIKE, status_code=status, headers={TOKEN_HEADER: token})
    assert (made.status_code, made.raw_headers, made.body, made.background) == (
        plain.status_code,
        plain.raw_headers,
        plain.body,
        plain.background,
    )
