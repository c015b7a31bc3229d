"""app.agents.client against a real voicecart on loopback, and its retries against scripted answers."""

from __future__ import annotations

import asyncio
import json
import re
import threading
from typing import Any

import httpx
import pytest

from app.agents.client import CartClient, CartSession, ToolEndpoint
from app.agents.errors import (
    CartTokenRefused,
    RestaurantNotFound,
    ToolNotFound,
    VoicecartRefused,
    VoicecartUnreachable,
)
from app.agents.retry import RetryPolicy
from tests.agents import conversation
from tests.agents.conftest import restart
from tests.servers import ServerProcess, free_port

DEMO = "demo-burger"


class Sleeps:
    """An injected sleep that records the waits and does not wait."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def test_a_conversation_survives_a_server_restart(voicecart: ServerProcess) -> None:
    async def main() -> None:
        async with CartClient(voicecart.url, DEMO) as client:
            specs = await client.tools()
            assert [s.name for s in specs][:3] == ["find_menu_items", "get_item_details", "add_to_order"]

            async def call(name: str, arguments: dict[str, Any]) -> str:
                return (await client.call(name, arguments)).output

            await conversation.run(call, lambda: restart(voicecart), "client")
            assert client.token is not None

    asyncio.run(main())


def test_a_call_made_while_the_server_is_down_lands_once_it_is_back(voicecart: ServerProcess) -> None:
    """A dropped connection is retried with the same token: the call rides over a kill and restart."""

    async def main() -> None:
        policy = RetryPolicy(attempts=30, first_wait=0.1, max_wait=0.5)
        async with CartClient(voicecart.url, DEMO, retry=policy) as client:
            await client.call("add_to_order", {"items": [{"item": "fries", "modifiers": ["large"]}]})
            voicecart.kill()
            restarter = threading.Timer(0.5, voicecart.start)
            restarter.start()
            try:
                answer = await client.call("add_to_order", {"items": [{"item": "cookie"}]})
            finally:
                restarter.join()
            assert answer.ok
            assert [line["item_id"] for line in answer.cart["lines"]] == ["fries", "cookie"]

    asyncio.run(main())


def test_two_calls_at_once_in_one_conversation_both_land(voicecart: ServerProcess) -> None:
    async def main() -> None:
        async with CartClient(voicecart.url, DEMO) as client:
            await asyncio.gather(
                *(client.call("add_to_order", {"items": [{"item": item}]}) for item in ("cookie", "water", "cola"))
            )
            order = await client.call_json("get_current_order")
            assert len(order["cart"]["lines"]) == 3

    asyncio.run(main())


def scripted(answers: list[httpx.Response], seen: list[httpx.Request]) -> httpx.AsyncClient:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return answers.pop(0)

    return httpx.AsyncClient(transport=httpx.MockTransport(handler))


OK_BODY = {"ok": True, "output": '{"ok": true}', "cart": {"lines": []}, "cart_token": "NEW", "call_id": None}


def test_503_502_504_are_retried_with_the_same_token_and_retry_after_is_honoured() -> None:
    seen: list[httpx.Request] = []
    answers = [
        httpx.Response(503, headers={"Retry-After": "1"}, json={"error": {"code": "overloaded", "message": "busy"}}),
        httpx.Response(502, text="<html>bad gateway</html>"),
        httpx.Response(504, json={"error": {"code": "order_outcome_unknown", "message": "maybe"}}),
        httpx.Response(200, json=OK_BODY),
    ]
    sleeps = Sleeps()
    session = CartSession(cart_token="OLD")

    async def main() -> None:
        http = scripted(answers, seen)
        endpoint = ToolEndpoint("http://voicecart.test", DEMO, http=http, retry=RetryPolicy(sleep=sleeps))
        answer = await endpoint.call(session, "confirm_order", {"action": "checkout"}, call_id="c1")
        assert answer.ok
        await http.aclose()

    asyncio.run(main())
    assert [r.headers["Cart-Token"] for r in seen] == ["OLD"] * 4
    assert [json.loads(r.content) for r in seen] == [{"arguments": {"action": "checkout"}, "call_id": "c1"}] * 4
    assert sleeps.waits[0] == 1.0  # the server's Retry-After
    assert len(sleeps.waits) == 3
    assert session.cart_token == "NEW"


def test_attempts_are_bounded_and_the_last_error_is_clear() -> None:
    seen: list[httpx.Request] = []
    busy = {"error": {"code": "overloaded", "message": "every order worker is busy"}}
    answers = [httpx.Response(503, json=busy) for _ in range(3)]
    session = CartSession(cart_token="OLD")

    async def main() -> None:
        policy = RetryPolicy(attempts=3, sleep=Sleeps())
        async with ToolEndpoint("http://voicecart.test", DEMO, http=scripted(answers, seen), retry=policy) as endpoint:
            expected = "503 overloaded: every order worker is busy (after 3 attempts)"
            with pytest.raises(VoicecartRefused, match=re.escape(expected)):
                await endpoint.call(session, "get_current_order")

    asyncio.run(main())
    assert len(seen) == 3
    assert session.cart_token == "OLD"  # kept: the same cart continues on the next call


def test_a_4xx_is_not_retried() -> None:
    seen: list[httpx.Request] = []
    answers = [httpx.Response(400, json={"error": {"code": "invalid_request", "message": "arguments must be..."}})]

    async def main() -> None:
        async with ToolEndpoint("http://voicecart.test", DEMO, http=scripted(answers, seen)) as endpoint:
            with pytest.raises(VoicecartRefused, match="400 invalid_request"):
                await endpoint.call(CartSession(), "add_to_order", "[1]")

    asyncio.run(main())
    assert len(seen) == 1


def test_an_unreachable_url_is_named_after_bounded_attempts() -> None:
    url = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    sleeps = Sleeps()

    async def main() -> None:
        async with CartClient(url, DEMO, retry=RetryPolicy(attempts=3, sleep=sleeps)) as client:
            expected = f"cannot reach voicecart at {url} after 3 attempt(s): Connect"
            with pytest.raises(VoicecartUnreachable, match=re.escape(expected)):
                await client.tools()

    asyncio.run(main())
    assert len(sleeps.waits) == 2


def test_a_url_that_is_not_http_is_refused_at_once() -> None:
    for url in ("127.0.0.1:8000", "ftp://example.org", "http://"):
        with pytest.raises(ValueError, match="must be http:// or https:// with a host"):
            CartClient(url, DEMO)


def test_unknown_restaurant_unknown_tool_and_a_refused_token(voicecart: ServerProcess) -> None:
    async def main() -> None:
        async with CartClient(voicecart.url, "no-such-place") as client:
            with pytest.raises(RestaurantNotFound, match="has no restaurant 'no-such-place'"):
                await client.tools()
            with pytest.raises(RestaurantNotFound):
                await client.call("get_current_order")
        async with CartClient(voicecart.url, DEMO, token="not-a-token") as client:
            with pytest.raises(ToolNotFound, match="no tool 'launch_rocket'; it has add_to_order, clear_order"):
                await client.call("launch_rocket")
            with pytest.raises(CartTokenRefused, match="token_invalid") as refused:
                await client.call("get_current_order")
            assert refused.value.code == "token_invalid"
            assert client.token is None
            with pytest.raises(CartTokenRefused, match="token_missing"):  # no cart yet: nothing to read
                await client.call("get_current_order")
            answer = await client.call("add_to_order", {"items": [{"item": "cookie"}]})  # a new cart
            assert answer.ok and [line["item_id"] for line in answer.cart["lines"]] == ["cookie"]
            assert client.token

    asyncio.run(main())


def test_the_session_repr_never_shows_the_token() -> None:
    assert "SECRET" not in repr(CartSession(cart_token="SECRET"))


def test_an_order_outcome_answered_as_a_tool_answer_is_handed_to_the_model_not_retried() -> None:
    """A voice checkout the order workers could not finish is ``ok: false`` (200) with what to say: the client
    hands it to the model once, keeps the token it carries, and leaves the retry to the model's next call."""
    seen: list[httpx.Request] = []
    output = json.dumps({"ok": False, "error": "order_outcome_unknown", "message": "call confirm_order again"})
    answers = [httpx.Response(200, json={**OK_BODY, "ok": False, "output": output})]
    session = CartSession(cart_token="OLD")

    async def main() -> None:
        endpoint = ToolEndpoint("http://voicecart.test", DEMO, http=scripted(answers, seen), retry=RetryPolicy())
        answer = await endpoint.call(session, "confirm_order", {"action": "checkout"})
        assert answer.ok is False and json.loads(answer.output)["error"] == "order_outcome_unknown"

    asyncio.run(main())
    assert len(seen) == 1 and session.cart_token == "NEW"
