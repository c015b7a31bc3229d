"""Untrusted JSON, through both doors it comes in by: request bodies and tool-argument strings."""

from __future__ import annotations

import json

import jsonschema
import pytest
from starlette.testclient import TestClient

from app.errors import FieldInvalid, InvalidRequest
from app.json_input import MAX_JSON_DEPTH, as_integer, conform, invisible_character, parse_json, visible_text
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


@pytest.mark.parametrize(
    "text",
    [
        '{"quantity": 1, "quantity": 50}',
        '{"items": [{"item": "cookie", "item": "brownie"}]}',
        '{"a": {"b": 1, "b": 1}}',
    ],
)
def test_a_key_sent_twice_is_refused_naming_it(text: str) -> None:
    """Python's json keeps the last of two equal keys, other parsers (a proxy, a validator) the first:
    ``{"quantity": 1, "quantity": 50}`` put 50 in the cart without a word."""
    with pytest.raises(InvalidRequest, match="sent twice"):
        parse_json(text)


def test_a_key_sent_twice_is_refused_at_every_door(client: TestClient) -> None:
    base = f"/v1/restaurants/{DEMO}"
    token = client.post(f"{base}/cart").json()["cart_token"]
    bodies = [
        ("/cart/items", '{"item": "cookie", "quantity": 1, "quantity": 50}'),
        ("/cart/checkout", '{"customer": {"name": "Ada"}, "fulfillment": "pickup", "fulfillment": "curbside"}'),
        ("/tools/confirm_order", '{"arguments": {"action": "review"}, "arguments": {"action": "cancel"}}'),
        (
            "/tools/add_to_order",
            json.dumps({"arguments": '{"items": [{"item": "cookie", "quantity": 1, "quantity": 50}]}'}),
        ),
    ]
    for path, body in bodies:
        r = client.post(base + path, content=body, headers={"Cart-Token": token, "Content-Type": "application/json"})
        assert r.status_code == 400 and r.json()["error"]["code"] == "invalid_request", (path, r.text)
        assert "sent twice" in r.json()["error"]["message"]
    assert client.get(f"{base}/cart", headers={"Cart-Token": token}).json()["cart"]["lines"] == []


@pytest.mark.parametrize("arguments", ["[" * 5000 + "]" * 5000, '{"items": NaN}', '{"items": [{"item": "\\ud800"}]}'])
def test_tool_argument_strings_get_the_same_rules(client: TestClient, arguments: str) -> None:
    r = client.post(f"/v1/restaurants/{DEMO}/tools/add_to_order", json={"arguments": arguments})
    assert r.status_code == 400
    assert r.json()["error"]["code"] == "invalid_request"


def test_valid_argument_string_still_works(client: TestClient) -> None:
    arguments = json.dumps({"items": [{"item": "mexican coke", "quantity": 2}]})
    r = client.post(f"/v1/restaurants/{DEMO}/tools/add_to_order", json={"arguments": arguments})
    assert r.status_code == 200 and r.json()["ok"] is True


@pytest.mark.parametrize(("value", "whole"), [(2, 2), (2.0, 2), (-0.0, 0), (1e3, 1000), (0, 0)])
def test_json_schema_integers_are_whole_numbers(value: object, whole: int) -> None:
    assert as_integer(value) == whole and type(as_integer(value)) is int


@pytest.mark.parametrize("value", [2.5, True, False, "2", None, [2], float("nan")])
def test_other_values_are_not_integers(value: object) -> None:
    assert as_integer(value) is None


def test_the_integer_rule_agrees_with_json_schema() -> None:
    """as_integer and the published schemas' validator (jsonschema, draft 2020-12) say the same."""
    validator = jsonschema.Draft202012Validator({"type": "integer"})
    for value in (2, 2.0, -0.0, 2.5, True, "2", None, 1e3):
        assert validator.is_valid(value) == (as_integer(value) is not None), value


@pytest.mark.parametrize("text", ["بی‌پیاز لطفا", "👩🏽‍💻", "❤️‍🔥", "क्‍ष", "plain"])
def test_visible_text_keeps_joiners_in_real_writing(text: str) -> None:
    assert invisible_character(text) is None and visible_text(f"  {text} ", "notes") == text


@pytest.mark.parametrize("text", ["a\u200bb", "\u202eab", "\ufeffab", "a\u200c", "\u200da", "a\u200c b", "a\u2028b"])
def test_visible_text_refuses_invisibles_as_field_invalid(text: str) -> None:
    with pytest.raises(FieldInvalid) as info:
        visible_text(text, "notes")
    assert info.value.code == "field_invalid" and info.value.details == {"field": "notes"}


ENTRY = {
    "type": "object",
    "properties": {
        "item": {"type": "string"},
        "quantity": {"type": ["integer", "null"]},
        "size": {"type": "string", "enum": ["small", "large"]},
    },
    "required": ["item"],
    "additionalProperties": False,
}
ARGS = {"type": "object", "properties": {"items": {"type": "array", "items": ENTRY}}, "required": ["items"]}


def test_conform_normalises_integers_and_drops_nulls_all_the_way_down() -> None:
    args = {"items": [{"item": "cookie", "quantity": 2.0, "size": None}, {"item": "fries", "quantity": None}]}
    assert conform(args, ARGS) == {"items": [{"item": "cookie", "quantity": 2}, {"item": "fries"}]}
    assert type(conform(args, ARGS)["items"][0]["quantity"]) is int


@pytest.mark.parametrize(
    ("args", "where"),
    [
        ({"items": [{"item": "cookie", "quantity": 2.5}]}, "items[0].quantity"),
        ({"items": [{"item": "cookie", "quantity": True}]}, "items[0].quantity"),
        ({"items": [{"item": "cookie", "quantity": "2"}]}, "items[0].quantity"),
        ({"items": [{"item": "cookie", "size": "medium"}]}, "items[0].size"),
        ({"items": [{"item": None}]}, "items[0]"),  # required and null: missing
        ({"items": [{"item": "cookie", "colour": None}]}, "items[0]"),  # unknown even when null
        ({"items": None}, ""),
        ({"items": "cookie"}, "items"),
        ([], ""),
    ],
)
def test_conform_refuses_what_the_schema_refuses(args: object, where: str) -> None:
    with pytest.raises(InvalidRequest) as info:
        conform(args, ARGS)
    assert info.value.code == "invalid_request" and where in info.value.message
    assert jsonschema.Draft202012Validator(ARGS).is_valid(args) is False
