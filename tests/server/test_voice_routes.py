"""The voice routes over HTTP: what ``POST …/tools/{name}`` answers when the order workers answer first."""

from __future__ import annotations

import json
from typing import Any

import pytest
from starlette.testclient import TestClient

from app.errors import CartError, OrderDeliveryFailed, OrderOutcomeUnknown, Overloaded
from tests.conftest import DEMO
from tests.support.checkout import checkout
from tests.support.tools import add, call, ok_call

# what the order workers raise themselves (app/server/order_workers.py), and what each must let a voice model say
REFUSALS = [
    (Overloaded("every order worker is busy; this checkout placed nothing", retry_after_seconds=2), "placed nothing"),
    (
        OrderDeliveryFailed("the order store did not take the order in time; this checkout placed nothing"),
        "placed nothing",
    ),
    (OrderOutcomeUnknown("the order store did not answer in time", budget_seconds=15), "may or may not"),
]


def _refusing(exc: CartError) -> Any:
    async def run(*args: Any, **kwargs: Any) -> Any:
        raise exc

    return run


@pytest.mark.parametrize(("exc", "says"), REFUSALS, ids=[type(e).__name__ for e, _ in REFUSALS])
def test_a_voice_checkout_the_order_workers_answered_is_an_ok_false_tool_answer(
    client: TestClient, exc: CartError, says: str
) -> None:
    """The order workers' own answers (queue full 503, budget spent 502/504) reached the voice model as a bare
    HTTP error, not the ``ok: false`` answer with what to tell the customer every other order outcome is."""
    token = add(client, {"item": "cookie"})["cart_token"]
    total = ok_call(client, "confirm_order", {"action": "review"}, token)["out"]["total_cents"]
    workers = client.app.state.order_workers  # type: ignore[attr-defined]
    workers.run = _refusing(exc)
    arguments = {"action": "checkout", "customer_name": "Ada", "total_cents": total}
    answer = call(client, "confirm_order", arguments, token)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    out = json.loads(body["output"])
    assert (body["ok"], out["ok"], out["error"]) == (False, False, exc.code)
    message = out["message"]
    assert "confirm_order" in message and "again" in message  # the same checkout, retried
    assert says in message and "cancelled" not in message.replace("was cancelled", "")
    assert body["cart"]["checked_out"] is False and body["cart"]["item_count"] == 1  # the cart as it was
    assert answer.headers["Cart-Token"] == body["cart_token"]
    del workers.run  # the real workers again: the same checkout on this answer's token places the order
    placed = ok_call(client, "confirm_order", arguments, body["cart_token"])
    assert placed["ok"] is True and placed["out"]["created"] is True
    assert checkout(client, token).status_code == 200  # one order, as HTTP sees it


def test_http_checkout_keeps_the_order_workers_statuses(client: TestClient) -> None:
    token = add(client, {"item": "cookie"})["cart_token"]
    workers = client.app.state.order_workers  # type: ignore[attr-defined]
    for exc, _ in REFUSALS:
        workers.run = _refusing(exc)
        answer = checkout(client, token)
        assert (answer.status_code, answer.json()["error"]["code"]) == (exc.status, exc.code)


def test_a_voice_checkout_refused_by_the_workers_without_a_token_is_still_token_missing(client: TestClient) -> None:
    workers = client.app.state.order_workers  # type: ignore[attr-defined]
    workers.run = _refusing(REFUSALS[0][0])
    answer = call(client, "confirm_order", {"action": "checkout", "customer_name": "Ada", "total_cents": 1})
    assert (answer.status_code, answer.json()["error"]["code"]) == (401, "token_missing")


def test_the_openapi_entry_for_call_tool_says_order_outcomes_are_tool_answers(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    answer = doc["components"]["schemas"]["ToolCallAnswer"]["properties"]["ok"]["description"]
    for code in ("order_outcome_unknown", "order_delivery_failed", "overloaded"):
        assert code in answer
    for path in ("/v1/restaurants/{rid}/tools/{name}", "/v1/restaurants/{rid}/tools/confirm_order"):
        responses = doc["paths"][path]["post"]["responses"]
        assert "502" not in responses and "504" not in responses
        assert "HTTP checkout's order workers" in responses["503"]["description"]  # never a voice checkout
    assert DEMO in doc["paths"]["/v1/restaurants/{rid}/cart"]["get"]["parameters"][0]["schema"]["enum"]
