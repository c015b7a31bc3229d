"""A hung kitchen and too many requests: cart turns and voice tools keep answering, checkouts beyond
what the order workers hold are refused at once (503 overloaded, Retry-After), and a replica at its
concurrency limit says so instead of queueing. In process, against a real webhook receiver that
holds every delivery until the test lets it go."""

from __future__ import annotations

import asyncio
import dataclasses
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from app.orders.webhook import WebhookSink
from app.runtime.context import build_context
from app.server.app import assemble
from app.server.order_workers import QUEUE_FACTOR
from app.server.overload import MAX_LOOP_LAG_SECONDS, InFlight, measure_lag
from app.settings import Settings
from tests.conftest import DEMO
from tests.order_receiver import OrderReceiver

SECRET = "k" * 40
BASE = f"/v1/restaurants/{DEMO}"
ORDER = {"customer": {"name": "Ada"}, "fulfillment": "pickup"}
WORKERS = 4


@pytest.fixture
def hung_kitchen() -> Iterator[tuple[OrderReceiver, threading.Event]]:
    release = threading.Event()
    with OrderReceiver(SECRET, hold=release) as receiver:
        try:
            yield receiver, release
        finally:
            release.set()


def app_for(settings: Settings, receiver: OrderReceiver, **overrides: Any) -> Any:
    """The shipped app, its orders going to ``receiver`` with time enough to hang until released."""
    settings = dataclasses.replace(settings, order_workers=WORKERS, checkout_timeout_seconds=120, **overrides)
    ctx = build_context(settings)
    ctx.order_sink = WebhookSink(receiver.url, SECRET, 100, attempt_timeout_seconds=100)
    return assemble(ctx)


async def until(condition: Any) -> None:
    while not condition():
        await asyncio.sleep(0.01)


async def cart(client: httpx.AsyncClient) -> str:
    token = (await client.post(f"{BASE}/cart")).json()["cart_token"]
    added = await client.post(f"{BASE}/cart/items", headers={"Cart-Token": token}, json={"item": "cookie"})
    return added.json()["cart_token"]


def test_checkouts_hung_on_the_kitchen_never_hold_up_a_voice_turn(
    settings: Settings, hung_kitchen: tuple[OrderReceiver, threading.Event]
) -> None:
    receiver, release = hung_kitchen
    app = app_for(settings, receiver)
    checkouts = 45  # the figure: more than the order workers admit, and than Starlette's 40 threads

    async def scenario() -> tuple[bool, list[httpx.Response], httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://edge", timeout=60) as client:
            tokens = [await cart(client) for _ in range(checkouts)]
            pending = [
                asyncio.ensure_future(client.post(f"{BASE}/cart/checkout", headers={"Cart-Token": t}, json=ORDER))
                for t in tokens
            ]
            await until(lambda: receiver.waiting >= WORKERS)  # every order worker hangs on the kitchen
            voice = asyncio.ensure_future(
                client.post(f"{BASE}/tools/add_to_order", json={"arguments": {"items": [{"item": "cookie"}]}})
            )
            # the safety bound only ends a failing run; the assertion is the order of events
            await asyncio.wait([voice], timeout=30)
            answered_while_hung = voice.done() and not release.is_set() and receiver.waiting >= WORKERS
            release.set()
            return answered_while_hung, list(await asyncio.gather(*pending)), await voice

    answered_while_hung, results, voice = asyncio.run(scenario())
    assert answered_while_hung, "add_to_order waited for the hung kitchen"
    assert voice.status_code == 200 and voice.json()["ok"] is True
    refused = [r for r in results if r.status_code == 503]
    assert len(refused) == checkouts - WORKERS * QUEUE_FACTOR
    assert {r.json()["error"]["code"] for r in refused} == {"overloaded"}
    assert {r.headers["Retry-After"] for r in refused} == {"2"}
    placed = [r for r in results if r.status_code == 201]
    assert len(placed) == WORKERS * QUEUE_FACTOR == len(receiver.orders)  # the admitted ones all went through


def test_a_replica_at_its_concurrency_limit_answers_overloaded_and_stays_observable(
    settings: Settings, hung_kitchen: tuple[OrderReceiver, threading.Event]
) -> None:
    receiver, release = hung_kitchen
    app = app_for(settings, receiver, max_concurrency=2)

    async def scenario() -> dict[str, Any]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://edge", timeout=60) as client:
            tokens = [await cart(client), await cart(client)]
            hung = [
                asyncio.ensure_future(client.post(f"{BASE}/cart/checkout", headers={"Cart-Token": t}, json=ORDER))
                for t in tokens
            ]
            await until(lambda: receiver.waiting == 2)  # two requests in flight: the limit
            seen = {
                "turn": await client.get(f"{BASE}/cart", headers={"Cart-Token": tokens[0]}),
                "healthz": await client.get("/healthz"),
                "readyz": await client.get("/readyz"),
                "metrics": await client.get("/metrics"),
            }
            release.set()
            seen["checkouts"] = await asyncio.gather(*hung)
            seen["after"] = await client.get(f"{BASE}/cart", headers={"Cart-Token": tokens[0]})
            return seen

    seen = asyncio.run(scenario())
    turn = seen["turn"]
    assert turn.status_code == 503 and turn.headers["Retry-After"] == "1"
    assert turn.json()["error"]["code"] == "overloaded" and "nothing was done" in turn.json()["error"]["message"]
    assert seen["healthz"].status_code == 200 and seen["readyz"].status_code == 200
    assert seen["metrics"].status_code == 200
    assert [c.status_code for c in seen["checkouts"]] == [201, 201]
    assert seen["after"].status_code == 200  # the token refused while overloaded was never spent


def test_serve_limit_concurrency_sets_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    from app.cli.main import build_parser

    args = build_parser().parse_args(["serve", "--limit-concurrency", "64"])
    assert args.limit_concurrency == 64
    assert Settings.from_env({"CART_MAX_CONCURRENCY": "64"}).max_concurrency == 64
    assert Settings.from_env({}).max_concurrency == 256


def test_a_replica_whose_event_loop_stays_late_is_full_and_recovers() -> None:
    async def scenario() -> tuple[bool, bool, bool]:
        load = InFlight(limit=256)
        probe = asyncio.ensure_future(measure_lag(load))
        await asyncio.sleep(0.2)
        idle = load.full
        for _ in range(12):  # requests hogging the loop: every probe wakes late
            time.sleep(MAX_LOOP_LAG_SECONDS + 0.05)
            await asyncio.sleep(0)
            if load.full:
                break
        flooded = load.full
        await asyncio.sleep(0.3)  # three punctual probes
        recovered = not load.full
        probe.cancel()
        return idle, flooded, recovered

    idle, flooded, recovered = asyncio.run(scenario())
    assert (idle, flooded, recovered) == (False, True, True)
