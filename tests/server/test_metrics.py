"""/metrics: requests by route and status, verify failures by reason, token sizes, turn latency;
/readyz: menus loaded and keys valid; every response names the instance that served it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from prometheus_client.parser import text_string_to_metric_families
from starlette.testclient import TestClient

from app.server.app import create_app
from app.settings import Settings
from tests.conftest import DEMO, FakeClock

CART = f"/v1/restaurants/{DEMO}/cart"
CART_ROUTE = "/v1/restaurants/{rid}/cart"


def samples(client: TestClient) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(response.text)
        for s in family.samples
    }


def value(client: TestClient, name: str, **labels: str) -> float:
    return samples(client).get((name, tuple(sorted(labels.items()))), 0.0)


def test_requests_are_counted_by_route_template_and_status(client: TestClient) -> None:
    token = client.post(CART).headers["Cart-Token"]
    client.post(f"{CART}/items", json={"item": "mexican-coke"}, headers={"Cart-Token": token})
    client.post(f"{CART}/items", json={"item": "no such thing"}, headers={"Cart-Token": token})
    client.get("/v1/restaurants/nowhere/cart", headers={"Cart-Token": token})
    client.get("/no/such/path")

    assert value(client, "voicecart_requests_total", method="POST", route=CART_ROUTE, status="201") == 1
    assert value(client, "voicecart_requests_total", method="POST", route=f"{CART_ROUTE}/items", status="200") == 1
    assert value(client, "voicecart_requests_total", method="POST", route=f"{CART_ROUTE}/items", status="422") == 1
    assert value(client, "voicecart_requests_total", method="GET", route=CART_ROUTE, status="404") == 1
    # raw paths never become labels: an unknown path is "unmatched"
    assert value(client, "voicecart_requests_total", method="GET", route="unmatched", status="404") == 1
    assert not any("nowhere" in dict(labels).get("route", "") for _, labels in samples(client))


def test_token_failures_are_counted_by_reason(client: TestClient, clock: FakeClock) -> None:
    token = client.post(CART).headers["Cart-Token"]
    body, _, mac = token.rpartition(".")
    forged = f"{body}.{'A' * len(mac)}"
    client.get(CART)  # missing
    client.get(CART, headers={"Cart-Token": forged})  # signature
    client.get(CART, headers={"Cart-Token": "garbage!.AAAA"})  # not base64url
    clock.advance(1801)
    client.get(CART, headers={"Cart-Token": token})  # expired

    for reason in ("missing", "signature", "encoding", "expired"):
        assert value(client, "voicecart_token_verify_failures_total", reason=reason) == 1, reason


def test_token_size_and_turn_latency_are_observed(client: TestClient) -> None:
    token = client.post(CART).headers["Cart-Token"]
    for item, modifiers in (("fries", ["large"]), ("soda", ["small", "cola"]), ("cookie", [])):
        body = {"item": item, "modifiers": modifiers}
        answer = client.post(f"{CART}/items", json=body, headers={"Cart-Token": token})
        token = answer.headers["Cart-Token"]

    assert value(client, "voicecart_token_bytes_count") == 4
    assert value(client, "voicecart_token_bytes_sum") > len(token)  # four tokens, the last one the largest
    assert value(client, "voicecart_turn_seconds_count", route=f"POST {CART_ROUTE}/items") == 3
    assert value(client, "voicecart_turn_seconds_count", route=f"POST {CART_ROUTE}") == 1
    # voice tool calls are turns too
    client.post(f"/v1/restaurants/{DEMO}/tools/add_to_order", json={"arguments": {"items": [{"item": "cookie"}]}})
    tools_route = "POST /v1/restaurants/{rid}/tools/{name}"
    assert value(client, "voicecart_turn_seconds_count", route=tools_route) == 1
    # /metrics and /readyz are not turns
    client.get("/readyz")
    assert not any(
        name == "voicecart_turn_seconds_count" and "readyz" in dict(labels).get("route", "")
        for name, labels in samples(client)
    )


def test_each_app_has_its_own_registry(settings: Settings, clock: FakeClock) -> None:
    with TestClient(create_app(settings, clock=clock)) as one, TestClient(create_app(settings, clock=clock)) as two:
        one.post(CART)
        one.post(CART)
        two.post(CART)
        assert value(one, "voicecart_requests_total", method="POST", route=CART_ROUTE, status="201") == 2
        assert value(two, "voicecart_requests_total", method="POST", route=CART_ROUTE, status="201") == 1


def test_responses_name_the_instance(client: TestClient) -> None:
    instance = client.get("/healthz").headers["voicecart-instance"]
    host, _, pid = instance.rpartition(":")
    assert host and pid.isdigit()


def test_readyz_reports_menus_and_keys(client: TestClient) -> None:
    answer = client.get("/readyz")
    assert answer.status_code == 200
    body = answer.json()
    assert body["status"] == "ready"
    assert set(body["menus"]) == {DEMO, "9b2f1c3e-4d5a-4e6b-8c7d-0e1f2a3b4c5d"}
    assert body["keys"]["ok"] is True
    assert body["keys"]["signing"] == "test1"
    assert [k["kid"] for k in body["keys"]["verify"]] == ["test1", "test0"]
    assert "secret" not in answer.text and "t" * 40 not in answer.text
    assert body["menu_reload"] == {"ok": True, "reloads": 0, "last_error": None}
    assert value(client, "voicecart_menus_loaded") == 2


@pytest.fixture
def no_menus_client(settings: Settings, clock: FakeClock) -> Iterator[TestClient]:
    app = create_app(settings, clock=clock)
    app.state.ctx.catalog.menus = {}
    with TestClient(app) as test_client:
        yield test_client


def test_readyz_is_503_without_menus(no_menus_client: TestClient) -> None:
    answer = no_menus_client.get("/readyz")
    assert answer.status_code == 503
    assert answer.json()["status"] == "not_ready"
