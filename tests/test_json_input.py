"""Untrusted JSON, through both doors it comes in by: request bodies and tool-argument strings."""

from __future__ import annotations

import json

import pytest
from starlette.testclient import TestClient

from app.errors import InvalidRequest
from app.json_input import MAX_JSON_DEPTH, parse_json
from tests.conftest import DEMO


def nested(levels: int) -> str:
    return "[" * (levels - 1) + "1" + "]" * (levels - 1)


def test_depth_limit_is_exact() -> None:
    assert parse_json(nested(MAX_JSON_DEPTH)) is not None
    with pytest.raises(InvalidRequest, match="nested deeper"):
        parse_json(nested(MAX_JSON_DEPTH + 1))


@pytest.mark.parametrize(
    "text",
    ["[" * 5000 + "]" * 5000, "NaN", '{"a": Infinity}', "1e999", "9" * 5000, '{"\\ud800": 1}', '["\\udfff"]', "{"],
)
def test_hostile_documents_are_invalid_requests(text: str) -> None:
    with pytest.raises(InvalidRequest):
        parse_json(text)


@pytest.mark.parametrize("arguments", ["[" * 5000 + "]" * 5000, '{"items": NaN}', '{"items": [{"item": "\\ud800"}]}'])
def test_tool_argument_strings_get_the_same_rules(client: TestClient, arguments: str) -> None:
    r = client.post(f"/v1/restaurants/{DEMO}/tools/add_to_order", json={"arguments": arguments})
    assert r.status_code == 400
    assert r.json()["error"]["code"] == "invalid_request"


def test_valid_argument_string_still_works(client: TestClient) -> None:
    arguments = json.dumps({"items": [{"item": "mexican coke", "quantity": 2}]})
    r = client.post(f"/v1/restaurants/{DEMO}/tools/add_to_order", json={"arguments": arguments})
    assert r.status_code == 200 and r.json()["ok"] is True


@pytest.mark.parametrize(("text", "value"), [("2.0", 2), ("2e0", 2), ("-0.0", 0), ("593.00", 593), ("2.5", 2.5)])
def test_a_number_without_a_fraction_is_an_integer(text: str, value: float) -> None:
    parsed = parse_json(text)
    assert parsed == value and type(parsed) is type(value)


def test_whole_numbers_written_with_a_fraction_are_accepted_where_the_contract_says_integer(client: TestClient) -> None:
    """Found by schemathesis: JSON Schema (so /openapi.json) counts 2.0 as an integer; the API said 400/422."""
    cart = f"/v1/restaurants/{DEMO}/cart"
    token = client.post(cart).headers["Cart-Token"]
    added = client.post(
        f"{cart}/items", content=b'{"item": "mexican coke", "quantity": 2.0}', headers={"Cart-Token": token}
    )
    assert added.status_code == 200 and added.json()["cart"]["lines"][0]["quantity"] == 2
    total = added.json()["cart"]["total_cents"]
    body = f'{{"customer": {{"name": "Ada"}}, "fulfillment": "pickup", "expected_total_cents": {total}.0}}'
    placed = client.post(f"{cart}/checkout", content=body.encode(), headers={"Cart-Token": added.headers["Cart-Token"]})
    assert placed.status_code == 201 and placed.json()["order"]["total_cents"] == total
    half = client.post(
        f"{cart}/items", content=b'{"item": "mexican coke", "quantity": 2.5}', headers={"Cart-Token": token}
    )
    assert half.status_code == 422 and half.json()["error"]["code"] == "quantity_invalid"
