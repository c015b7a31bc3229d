"""The tool contract as models really call it (issue #13): both published schema forms, and calls
generated from them.

* ``GET …/tools?strict=true``: OpenAI's strict form (every property required, optional ones
  nullable, ``additionalProperties: false`` at every level, ``"strict": true``).
* Property tests over every tool and both forms (``hypothesis-jsonschema``): no call the schema
  allows is refused as ``invalid_request``; ``2.0`` does exactly what ``2`` does; a strict call
  with nulls does exactly what the same call without those fields does.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema
from starlette.testclient import TestClient

from app.core.menu import load_menu
from app.core.token.codec import CartCodec, TokenPolicy
from app.core.token.keys import KeyRing
from app.core.turn import TurnInputs
from app.errors import OrderDeliveryFailed
from app.orders.order import Order
from app.orders.port import CommitGate, OrderSink, Placement
from app.voice.toolkit import Toolbox, ToolOutcome, strict_schema, tool
from app.voice.tools import TOOLS
from tests.conftest import DEMO, DEMO_MENU_FILE, T0, TEST_KEYS

TOOLS_URL = f"/v1/restaurants/{DEMO}/tools"
MENU = load_menu(DEMO_MENU_FILE)
CODEC = CartCodec(KeyRing.parse(TEST_KEYS), TokenPolicy())
INPUTS = TurnInputs(MENU, CODEC, T0)
NAMES = list(TOOLS.tools)


def run(name: str, arguments: Any, token: str | None, sink: OrderSink | None = None) -> ToolOutcome:
    return TOOLS.run(name, arguments, token, INPUTS, new_cart_id=b"c" * 8, order_sink=sink)


def cart_token() -> str:
    """A cart with three lines (ids 1-3), so generated line ids sometimes name a real line."""
    items = [
        {"item": "french fries", "modifiers": ["large"]},
        {"item": "mexican coke", "quantity": 2},
        {"item": "cookie", "notes": "warm"},
    ]
    outcome = run("add_to_order", {"items": items}, None)
    assert outcome.ok, outcome.output
    return outcome.result.token


TOKEN = cart_token()


def call_tool(client: TestClient, name: str, arguments: Any, token: str | None = None) -> dict[str, Any]:
    headers = {"Cart-Token": token} if token else {}
    response = client.post(f"{TOOLS_URL}/{name}", json={"arguments": arguments}, headers=headers)
    assert response.status_code == 200, response.text
    return {**response.json(), "out": json.loads(response.json()["output"])}


def objects(schema: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every object schema inside ``schema``, itself included."""
    if "properties" in schema:
        yield schema
        for sub in schema["properties"].values():
            yield from objects(sub)
    if "items" in schema:
        yield from objects(schema["items"])


# --- the strict form ------------------------------------------------------------------------------------------


def test_strict_tools_are_every_tool_in_openais_strict_form(client: TestClient) -> None:
    normal = {s["name"]: s for s in client.get(TOOLS_URL).json()["tools"]}
    strict = {s["name"]: s for s in client.get(TOOLS_URL, params={"strict": "true"}).json()["tools"]}
    assert list(strict) == list(normal) == NAMES
    for name, spec in strict.items():
        assert spec["strict"] is True and "strict" not in normal[name]
        assert spec["description"] == normal[name]["description"]
        jsonschema.Draft202012Validator.check_schema(spec["parameters"])
        for obj in objects(spec["parameters"]):
            assert obj["additionalProperties"] is False
            assert obj["required"] == list(obj["properties"])
        for before, after in zip(objects(normal[name]["parameters"]), objects(spec["parameters"]), strict=True):
            for prop, sub in after["properties"].items():
                optional = prop not in before["required"]
                kinds = sub["type"] if isinstance(sub["type"], list) else [sub["type"]]
                assert ("null" in kinds) == optional, (name, prop)
                if "enum" in sub:
                    assert (None in sub["enum"]) == optional


def test_the_openai_sdk_finds_the_strict_form_already_strict() -> None:
    """The openai SDK's own strictifier (what it and the Agents SDKs apply to a strict function tool's
    schema) changes nothing in ours; applied to the normal form it makes ``line_id`` a required,
    non-null integer: the model would have to invent a line id (issue #13)."""
    from openai.lib._pydantic import _ensure_strict_json_schema  # the SDK's one implementation of it

    for found in TOOLS.tools.values():
        published = found.spec(strict=True)["parameters"]
        mine = json.loads(json.dumps(published))
        assert _ensure_strict_json_schema(mine, path=(), root=mine) == published, found.name
    normal = json.loads(json.dumps(TOOLS.get("remove_from_order").parameters))
    forced = _ensure_strict_json_schema(normal, path=(), root=normal)
    assert "line_id" in forced["required"] and forced["properties"]["line_id"]["type"] == "integer"


def test_remove_from_order_in_strict_form_needs_neither_a_line_id_nor_an_item_invented() -> None:
    spec = next(t.spec(strict=True) for t in TOOLS.tools.values() if t.name == "remove_from_order")
    assert spec["parameters"]["properties"]["line_id"]["type"] == ["integer", "null"]
    assert spec["parameters"]["properties"]["item"]["type"] == ["string", "null"]
    assert strict_schema(strict_schema(spec["parameters"])) == spec["parameters"]  # idempotent


def test_a_tool_declared_with_a_nullable_type_is_checked_not_a_type_error() -> None:
    """Issue #13: a list-valued ``type`` used to raise TypeError in the argument check."""

    @tool(
        "count_to",
        "Counts to n; a test tool with a nullable integer argument and words enough.",
        {
            "n": {"type": ["integer", "null"], "minimum": 1},
        },
    )
    def count_to(state: Any, args: dict[str, Any], ctx: Any) -> tuple[Any, dict[str, Any]]:
        return state, {"message": f"n is {args.get('n')!r}"}

    box = Toolbox([count_to])
    said = [box.run("count_to", {"n": n}, None, INPUTS, new_cart_id=b"n" * 8) for n in (3, 3.0, None)]
    assert [(o.ok, o.output["message"]) for o in said] == [(True, "n is 3"), (True, "n is 3"), (True, "n is None")]
    refused = box.run("count_to", {"n": "3"}, None, INPUTS, new_cart_id=b"n" * 8)
    assert (refused.ok, refused.output["error"]) == (False, "invalid_request") and "n must be" in refused.output[
        "message"
    ]


def test_strict_query_must_be_true_or_false(client: TestClient) -> None:
    assert client.get(TOOLS_URL, params={"strict": "false"}).json() == client.get(TOOLS_URL).json()
    response = client.get(TOOLS_URL, params={"strict": "yes"})
    assert (response.status_code, response.json()["error"]["code"]) == (400, "invalid_request")


# --- null for absent -----------------------------------------------------------------------------------------


def test_remove_with_a_null_line_id_uses_the_item(client: TestClient) -> None:
    """Issue #13: strict callers send every field; null means "not given", never "line 0"."""
    body = call_tool(client, "remove_from_order", {"line_id": None, "item": "fries", "quantity": None}, TOKEN)
    assert body["ok"] is True, body["out"]
    assert [line["name"] for line in body["cart"]["lines"]] == ["Mexican Coke", "Chocolate Chip Cookie"]


def test_remove_with_a_line_id_and_a_name_that_disagree_asks(client: TestClient) -> None:
    body = call_tool(client, "remove_from_order", {"line_id": 2, "item": "fries", "quantity": None}, TOKEN)
    assert (body["ok"], body["out"]["error"]) == (False, "line_ambiguous")
    assert {c["line_id"] for c in body["out"]["lines"]} == {1, 2} and len(body["cart"]["lines"]) == 3
    agree = call_tool(client, "remove_from_order", {"line_id": 1, "item": "fries", "quantity": None}, TOKEN)
    assert agree["ok"] is True and [line["line_id"] for line in agree["cart"]["lines"]] == [2, 3]


def test_remove_with_neither_is_field_required(client: TestClient) -> None:
    body = call_tool(client, "remove_from_order", {"line_id": None, "item": None, "quantity": 1}, TOKEN)
    assert (body["ok"], body["out"]["error"]) == (False, "field_required") and len(body["cart"]["lines"]) == 3


@pytest.mark.parametrize(
    "nothing", [{"line_id": 1, "quantity": None, "modifiers": None, "notes": None}, {"line_id": 1}]
)
def test_update_that_changes_nothing_is_refused_like_http_patch(client: TestClient, nothing: dict[str, Any]) -> None:
    """Issue #13: it used to answer "Done" and bump the revision."""
    body = call_tool(client, "update_order_item", nothing, TOKEN)
    patch = client.patch(
        f"/v1/restaurants/{DEMO}/cart/items/1",
        headers={"Cart-Token": TOKEN},
        json={k: v for k, v in nothing.items() if k != "line_id"},
    )
    assert (body["ok"], body["out"]["error"]) == (False, patch.json()["error"]["code"]) == (False, "field_required")
    assert body["out"]["message"] == patch.json()["error"]["message"]
    assert body["cart"]["revision"] == INPUTS.load(TOKEN).revision  # not bumped: nothing happened


@pytest.mark.parametrize(
    ("name", "arguments"),
    [
        ("find_menu_items", {"max_price_cents": 300.0}),
        ("update_order_item", {"line_id": 2.0, "quantity": 3.0}),
        ("remove_from_order", {"line_id": 2.0, "quantity": 1.0}),
        ("add_to_order", {"items": [{"item": "cookie", "quantity": 2.0}]}),
    ],
)
def test_every_integer_argument_takes_an_integral_float(client: TestClient, name: str, arguments: dict) -> None:
    as_float = call_tool(client, name, arguments, TOKEN)
    as_int = call_tool(client, name, json.loads(json.dumps(arguments).replace(".0", "")), TOKEN)
    assert as_float["ok"] is True, as_float["out"]
    assert as_float["out"] == as_int["out"] and as_float["cart"] == as_int["cart"]


@pytest.mark.parametrize("notes", ["بی‌پیاز لطفا", "👩🏽‍💻"])
def test_voice_notes_take_joiners_in_real_writing(client: TestClient, notes: str) -> None:
    body = call_tool(client, "add_to_order", {"items": [{"item": "fries", "modifiers": ["small"], "notes": notes}]})
    assert body["ok"] is True and body["cart"]["lines"][0]["notes"] == notes


@pytest.mark.parametrize("notes", ["\u202eevil", "zero\u200bwidth", "\ufeffbom"])
def test_voice_notes_refuse_invisibles_like_http(client: TestClient, notes: str) -> None:
    body = call_tool(client, "add_to_order", {"items": [{"item": "fries", "modifiers": ["small"], "notes": notes}]})
    assert body["ok"] is False and body["out"]["not_added"][0]["error"] == "field_invalid"


@pytest.mark.parametrize("said", [":", "?!", "…"])
def test_an_item_of_only_punctuation_is_not_found_not_a_500(client: TestClient, said: str) -> None:
    """Found by the generated calls below: ":" used to raise IndexError in the phrase reader."""
    details = call_tool(client, "get_item_details", {"item": said})
    assert (details["ok"], details["out"]["error"]) == (False, "item_not_found")
    added = call_tool(client, "add_to_order", {"items": [{"item": said}]})
    assert added["out"]["not_added"][0]["error"] == "item_not_found"


# --- generated calls -----------------------------------------------------------------------------------------


def floats_for_ints(value: Any) -> Any:
    """The same JSON with every integer written as a float (2 → 2.0): equal by JSON Schema (beyond 2**53 a
    float is another number, so those stay as they are)."""
    if type(value) is int and float(value) == value:
        return float(value)
    if isinstance(value, dict):
        return {k: floats_for_ints(v) for k, v in value.items()}
    if isinstance(value, list):
        return [floats_for_ints(v) for v in value]
    return value


def without_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_nulls(v) for v in value]
    return value


def refusals(outcome: ToolOutcome) -> list[str]:
    """Every error code in the answer: the call's own and each add_to_order entry's."""
    return [outcome.output.get("error", "")] + [n["error"] for n in outcome.output.get("not_added", [])]


def same(a: ToolOutcome, b: ToolOutcome) -> bool:
    return a.ok == b.ok and a.output == b.output and a.result.state == b.result.state


class ClosedKitchen:
    """An order sink that takes nothing (``order_delivery_failed``), so a generated checkout runs every
    check there is and still answers the same each time (a real sink would answer "already placed")."""

    keeps_orders = True
    quick_lookup = True

    def place(self, order: Order, gate: CommitGate | None = None) -> Placement:
        raise OrderDeliveryFailed("the kitchen takes no orders in this test")

    def lookup(self, cart_id: str, revision: int) -> None:
        return None

    def cancel(self, cart_id: str, revision: int, now: int) -> bool:
        return True  # recorded: nothing to refuse, the same answer each time


@pytest.mark.parametrize("strict", [False, True], ids=["normal", "strict"])
@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_no_call_the_schema_allows_is_refused_as_invalid_request(name: str, strict: bool, data: st.DataObject) -> None:
    sink = ClosedKitchen()
    schema = TOOLS.get(name).spec(strict)["parameters"]
    arguments = data.draw(from_schema(schema), label="arguments")
    outcome = run(name, arguments, TOKEN, sink)
    assert "invalid_request" not in refusals(outcome), outcome.output
    # 2.0 is 2, and a null is an absent field: the same answer, the same cart
    assert same(run(name, floats_for_ints(arguments), TOKEN, sink), outcome)
    if strict:
        assert same(run(name, without_nulls(arguments), TOKEN, sink), outcome)
