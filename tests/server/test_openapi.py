"""``GET /openapi.json`` is valid OpenAPI 3.1, describes exactly the routes the app serves, lists each
error code under the status the error tree gives it, and every status it documents for every
operation is reachable — each produced here by a real request whose answer must match the schema
documented for that status. (tests/system/test_schemathesis.py then lets schemathesis loose on it.)"""

from __future__ import annotations

import dataclasses
import json
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from openapi_spec_validator import validate
from starlette.testclient import TestClient

import app.errors as errors
from app.core.menu import parse as menu_module
from app.server.app import create_app
from app.server.http import TOKEN_HEADER
from app.server.openapi import OPERATIONS, error_codes, route_operations
from app.server.openapi_schemas import SCHEMAS
from app.settings import Settings, bundled_menu_dir
from tests.conftest import DEMO, TACO, TESTS, FakeClock
from tests.servers import free_port
from tests.support.realtime import API_KEY, FakeUpstream, upstream_fixture  # noqa: F401 (the fixture)

Doc = dict[str, Any]


@pytest.fixture
def doc(client: TestClient) -> Doc:
    answer = client.get("/openapi.json")
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/json"
    return answer.json()


def test_the_document_is_valid_openapi_3_1(doc: Doc) -> None:
    validate(doc)
    assert doc["openapi"] == "3.1.0"
    assert doc["components"]["securitySchemes"]["CartToken"] == {
        "type": "apiKey",
        "in": "header",
        "name": TOKEN_HEADER,
        "description": doc["components"]["securitySchemes"]["CartToken"]["description"],
    }


def test_it_describes_exactly_the_routes_the_app_serves(client: TestClient, doc: Doc) -> None:
    served = set(route_operations(client.app.routes))
    tools = [spec["name"] for spec in client.get(f"/v1/restaurants/{DEMO}/tools").json()["tools"]]
    expected = served | {("POST", f"/v1/restaurants/{{rid}}/tools/{name}") for name in tools}
    documented = {(method.upper(), path) for path, ops in doc["paths"].items() for method in ops}
    assert documented == expected
    assert set(OPERATIONS) == served  # no entry describes a route that is gone


def test_each_error_code_is_listed_under_the_status_the_error_tree_gives_it(doc: Doc) -> None:
    tree = {code: status for status, codes in error_codes([errors.CartError]).items() for code in codes}
    tree |= {"not_found": 404}  # Starlette's own 404 for a missing static file
    listed: set[str] = set()
    for ops in doc["paths"].values():
        for op in ops.values():
            for status, answer in op["responses"].items():
                schema = answer["content"].get("application/json", {}).get("schema", {})
                codes = schema.get("properties", {}).get("error", {}).get("properties", {}).get("code", {})
                for code in codes.get("enum", []):
                    assert tree[code] == int(status), f"{code} is documented under {status}"
                    assert f"`{code}`" in answer["description"]
                    listed.add(code)
    # the voice-only codes are answered inside a tool's 200 (ok: false), never as an HTTP status;
    # client_disconnected is only counted and logged: nobody is there to read it; request_timeout and
    # request_header_too_large answer slow or oversized requests on any path, before a route reads them
    # (README, Errors; tests/server/test_client_edges.py)
    assert set(tree) - listed == {
        *("not_in_order", "line_ambiguous", "client_disconnected"),
        *("request_timeout", "request_header_too_large"),
    }


def test_the_menu_schema_has_the_loaders_fields() -> None:
    def keys(name: str) -> set[str]:
        return set(SCHEMAS[name]["properties"])

    assert keys("Menu") == menu_module._TOP_KEYS
    assert keys("MenuItem") == menu_module._ITEM_KEYS
    assert keys("MenuGroup") == menu_module._GROUP_KEYS
    assert keys("MenuOption") == menu_module._OPTION_KEYS
    assert keys("MenuVariation") == menu_module._VARIATION_KEYS
    assert keys("MenuTax") == menu_module._TAX_KEYS


@pytest.mark.parametrize("path", [*sorted(bundled_menu_dir().glob("*.json")), *sorted(TESTS.glob("menus/*.json"))])
def test_every_bundled_and_test_menu_matches_the_menu_schema(doc: Doc, path: Path) -> None:
    """``GET …/menu`` answers the file as loaded: each one must fit the documented Menu schema."""
    answer = doc["paths"]["/v1/restaurants/{rid}/menu"]["get"]["responses"]["200"]
    jsonschema.validate(json.loads(path.read_text()), response_schema(doc, answer, "application/json"))


def test_restaurants_and_tools_are_the_ones_served(doc: Doc, client: TestClient) -> None:
    (rid,) = [p for p in doc["paths"]["/v1/restaurants/{rid}/menu"]["get"]["parameters"] if p["name"] == "rid"]
    assert sorted(rid["schema"]["enum"]) == sorted([DEMO, TACO])
    tool = doc["paths"]["/v1/restaurants/{rid}/tools/add_to_order"]["post"]
    arguments = tool["requestBody"]["content"]["application/json"]["schema"]["properties"]["arguments"]
    (spec,) = [t for t in client.get(f"/v1/restaurants/{DEMO}/tools").json()["tools"] if t["name"] == "add_to_order"]
    assert {k: v for k, v in arguments.items() if k != "description"} == {
        k: v for k, v in spec["parameters"].items() if k != "description"
    }


# --- every documented status, reached --------------------------------------------------------------

CART = f"/v1/restaurants/{DEMO}/cart"
ORIGIN = "http://testserver"  # the TestClient's own origin, so the realtime session's origin check passes
BODY: dict[str, Any] = {
    "add_item": {"item": "mexican coke"},
    "update_item": {"quantity": 2},
    "checkout": {"customer": {"name": "Ada"}, "fulfillment": "pickup"},
    "create_realtime_session": {"restaurant_id": DEMO},
}


@dataclasses.dataclass
class Probe:
    """One request: which app, path parameters, token and body; ``setup`` runs on the app first."""

    app: str = "plain"  # plain | own_store | voice | voice_refused | webhook_down
    rid: str = DEMO
    line_id: str = "1"
    name: str = "get_current_order"
    file: str = "cart-client.js"
    # lines | none | garbage | twice | other_restaurant | checked_out | ordered | ordered, store unreadable | empty
    token: str = "lines"
    body: Any = "default"
    raw: bytes | None = None
    setup: Callable[[TestClient], None] | None = None
    query: str = ""
    origin: str | None = ORIGIN  # what a browser sends; only the realtime session looks at it
    encoding: str | None = None  # a Content-Encoding header


def _fresh(client: TestClient) -> None:
    """An app of its own with an orders file of its own: the one an earlier probe damaged is removed."""
    path = client.app.state.ctx.settings.orders_db_path
    for damaged in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        damaged.unlink(missing_ok=True)


def probe_for(op_id: str, status: int, tool: bool) -> Probe:
    """How to make ``op_id`` answer ``status`` (a missing rule fails the test that uses it)."""
    generic = {
        400: Probe(body=[] if not tool else {"arguments": 5}, token="twice"),  # a bad body, or two tokens
        401: Probe(token="garbage" if tool else "none"),
        403: Probe(token="other_restaurant"),
        404: Probe(rid="nowhere"),
        413: Probe(raw=b'{"item": "' + b"x" * 17_000 + b'"}'),
        415: Probe(encoding="gzip"),
        503: Probe(token="none", setup=at_the_concurrency_limit),  # refused before any token is read
    }
    specific: dict[tuple[str, int], Probe] = {
        ("create_cart", 201): Probe(token="none"),
        ("checkout", 201): Probe(),
        ("checkout", 200): Probe(token="ordered"),
        ("checkout", 409): Probe(body={**BODY["checkout"], "expected_total_cents": 1}),
        ("checkout", 422): Probe(token="empty"),
        ("checkout", 502): Probe(app="webhook_down"),
        ("checkout", 504): Probe(app="webhook_silent"),
        ("add_item", 409): Probe(token="checked_out"),
        ("add_item", 422): Probe(body={"item": "zzzz qqqq"}),
        ("update_item", 404): Probe(line_id="99"),
        ("update_item", 409): Probe(token="checked_out"),
        ("update_item", 422): Probe(body={"quantity": 100}),
        ("remove_item", 404): Probe(line_id="99"),
        ("remove_item", 409): Probe(token="checked_out"),
        ("clear_cart", 409): Probe(token="checked_out"),
        ("get_cart", 409): Probe(token="ordered"),  # an older token of an ordered cart names the order
        # the same, while the store can't be read: "cleared" could be false (a set-up: an app of its own)
        ("clear_cart", 504): Probe(app="own_store", token="ordered, store unreadable", setup=_fresh),
        # its one line removed (or set to 0) empties it: the same
        # (an app and a store file of its own each: the one before damaged it)
        ("remove_item", 504): Probe(app="own_store", token="ordered, store unreadable", setup=_fresh),
        ("update_item", 504): Probe(
            app="own_store", token="ordered, store unreadable", body={"quantity": 0}, setup=_fresh
        ),
        ("call_tool", 404): Probe(name="no_such_tool"),
        ("list_tools", 400): Probe(query="?strict=yes"),
        ("static_file", 404): Probe(file="no-such-file.js"),
        ("create_realtime_session", 200): Probe(app="voice"),
        ("create_realtime_session", 400): Probe(app="voice", body={"restaurant_id": 5}),
        ("create_realtime_session", 404): Probe(app="voice", body={"restaurant_id": "nowhere"}),
        ("create_realtime_session", 413): Probe(app="voice", raw=b'{"restaurant_id": "' + b"x" * 17_000 + b'"}'),
        ("create_realtime_session", 403): Probe(app="voice", origin=None),
        ("create_realtime_session", 429): Probe(app="voice", setup=use_up_sessions),
        ("create_realtime_session", 502): Probe(app="voice_refused"),
        ("create_realtime_session", 503): Probe(),  # realtime_unavailable (overloaded shares the status)
        ("readyz", 503): Probe(setup=lambda c: c.app.state.ctx.catalog.menus.clear()),
    }
    if (op_id, status) in specific:
        return specific[(op_id, status)]
    if 200 <= status < 300:
        return Probe()
    return generic[status]


def at_the_concurrency_limit(client: TestClient) -> None:
    """As if the replica were serving ``CART_MAX_CONCURRENCY`` requests already."""
    client.app.state.in_flight.count = client.app.state.in_flight.limit


def use_up_sessions(client: TestClient) -> None:
    for _ in range(Settings().realtime_sessions_per_minute):
        minted = client.post("/v1/realtime/session", json=BODY["create_realtime_session"], headers={"Origin": ORIGIN})
        assert minted.status_code == 200, minted.text


def token_of(client: TestClient, kind: str) -> str | None:
    if kind == "none":
        return None
    if kind == "garbage":
        return "AAAA.BBBB"
    if kind == "twice":  # two Cart-Token values, folded into one header as a proxy does
        return "AAAA.BBBB, CCCC.DDDD"
    rid = TACO if kind == "other_restaurant" else DEMO
    token = client.post(f"/v1/restaurants/{rid}/cart").headers[TOKEN_HEADER]
    if kind in ("lines", "checked_out", "ordered", "ordered, store unreadable"):
        token = client.post(f"{CART}/items", json={"item": "mexican coke"}, headers={TOKEN_HEADER: token}).headers[
            TOKEN_HEADER
        ]
    if kind == "checked_out":
        token = checkout(client, token)
    if kind.startswith("ordered"):  # ordered already, by a first call; this is the token that call was sent
        checkout(client, token)
    if kind == "ordered, store unreadable":  # the orders file damaged: every lookup fails
        client.app.state.ctx.settings.orders_db_path.write_bytes(b"this is not a database " * 200)
    return token


def checkout(client: TestClient, token: str | None) -> str:
    placed = client.post(f"{CART}/checkout", json=BODY["checkout"], headers={TOKEN_HEADER: token or ""})
    assert placed.status_code == 201, placed.text
    return placed.headers[TOKEN_HEADER]


def operations(doc: Doc) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            yield path, method, op["operationId"], op


def response_schema(doc: Doc, answer: dict[str, Any], media_type: str) -> dict[str, Any]:
    return {**answer["content"][media_type]["schema"], "components": doc["components"]}


@pytest.fixture
def apps(
    settings: Settings,
    clock: FakeClock,
    upstream: FakeUpstream,
) -> Iterator[Callable[..., TestClient]]:
    silent = socket.create_server(("127.0.0.1", 0))  # the kernel accepts connections; nobody answers
    variants = {
        "plain": settings,
        "own_store": dataclasses.replace(settings, orders_db=settings.data_dir / "own-orders.sqlite3"),  # to damage
        "voice": dataclasses.replace(settings, openai_api_key=API_KEY, openai_base_url=upstream.url),
        "voice_refused": dataclasses.replace(settings, openai_api_key=API_KEY, openai_base_url=upstream.url),
        "webhook_down": dataclasses.replace(
            settings,
            order_webhook_url=f"http://127.0.0.1:{free_port()}/orders",  # nothing listens there
            order_webhook_secret="w" * 40,
            order_webhook_deadline_seconds=1,
        ),
        "webhook_silent": dataclasses.replace(  # takes the order's connection, never answers: outcome unknown
            settings,
            order_webhook_url=f"http://127.0.0.1:{silent.getsockname()[1]}/orders",
            order_webhook_secret="w" * 40,
            order_webhook_deadline_seconds=1,
        ),
    }
    made: dict[str, TestClient] = {}
    fresh: list[TestClient] = []

    def get(name: str, new: bool = False) -> TestClient:
        """The app for ``name``; ``new``: one of its own (a probe that changes the app's state)."""
        upstream.mode = "refuse" if name == "voice_refused" else "ok"
        if new or name not in made:
            client = TestClient(create_app(variants[name], clock=clock)).__enter__()
            fresh.append(client)
            if not new:
                made[name] = client
        return fresh[-1] if new else made[name]

    yield get
    for client in fresh:
        client.__exit__(None, None, None)
    silent.close()


def test_every_documented_status_is_reached_with_its_documented_body(doc: Doc, apps: Callable[..., Any]) -> None:
    reached = []
    for path, method, op_id, op in operations(doc):
        tool = "/tools/" in path and method == "post"
        for status_text, answer in op["responses"].items():
            status = int(status_text)
            probe = probe_for(op_id if not tool or op_id == "call_tool" else "tool", status, tool)
            client = apps(probe.app, probe.setup is not None)  # a set-up changes the app: one of its own
            if probe.setup:
                probe.setup(client)
            url = (
                path.replace("{rid}", probe.rid)
                .replace("{line_id}", probe.line_id)
                .replace("{name}", probe.name)
                .replace("{path}", probe.file)
            ) + probe.query
            token = token_of(client, probe.token) if op.get("security") else None
            headers = {TOKEN_HEADER: token} if token else {}
            if probe.origin:
                headers["Origin"] = probe.origin
            if probe.encoding:
                headers["Content-Encoding"] = probe.encoding
            body = BODY.get(op_id, {"arguments": {}} if tool else None) if probe.body == "default" else probe.body
            content = probe.raw if probe.raw is not None or body is None else json.dumps(body).encode()
            if content is not None:
                headers["Content-Type"] = "application/json"
            got = client.request(method.upper(), url, content=content, headers=headers)
            where = f"{method.upper()} {path} -> {status} ({probe})"
            assert got.status_code == status, f"{where}: got {got.status_code} {got.text[:300]}"
            media_type = next(iter(answer["content"]))
            if media_type == "application/json":
                jsonschema.validate(got.json(), response_schema(doc, answer, media_type))
            if "headers" in answer:
                assert got.headers[TOKEN_HEADER] == got.json()["cart_token"], where
            reached.append((method, path, status))
    assert len(reached) == sum(len(op["responses"]) for *_, op in operations(doc))


def test_a_closed_restaurants_cart_matches_the_cart_schema(doc: Doc, settings: Settings) -> None:
    """Every turn while closed carries a ``restaurant_closed`` warning: the schema must describe it too.

    (schemathesis met it only when CI ran outside the demo café's Sydney hours.)
    """
    menus = settings.menu_dir
    (menus / "demo-cafe.json").write_text((bundled_menu_dir() / "demo-cafe.json").read_text())
    midnight_in_sydney = 1_800_000_000 - 1_800_000_000 % 86400 + 14 * 3600  # 14:00 UTC = 00:00/01:00 Sydney
    with TestClient(create_app(settings, clock=FakeClock(midnight_in_sydney))) as closed:
        answer = closed.post("/v1/restaurants/demo-cafe/cart")
    assert answer.status_code == 201
    assert [w["code"] for w in answer.json()["cart"]["warnings"]] == ["restaurant_closed"]
    cart_schema = {"$ref": "#/components/schemas/Cart", "components": doc["components"]}
    jsonschema.validate(answer.json()["cart"], cart_schema)
