"""Faults at the edge, measured through the shipped nginx (issue #16's figures, before → after).

    python -m bench.edge [--out bench/results/edge.md]

Each case starts real replicas (``voicecart serve``) behind nginx with ``deploy/nginx.conf`` and the
default settings, injects one fault, and records what the client got, how long it took and how
often the order store was tried:

* a kitchen webhook answering 500 to everything (3 replicas);
* the shared SQLite order file locked for 35 s (3 replicas);
* one of 3 replicas frozen (SIGSTOP) during 12 cart turns;
* 45 checkouts hung on a kitchen that never answers, and one ``add_to_order`` meanwhile (in process).

The tests assert the behaviour (``tests/system/test_edge.py``, ``tests/server/test_backpressure.py``);
this only records the times.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sqlite3
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from bench import RESULTS, machine_line, table
from tests.conftest import DEMO, TEST_KEYS
from tests.fleet import demo_fleet
from tests.order_receiver import OrderReceiver

BASE = f"/v1/restaurants/{DEMO}"
ORDER = {"customer": {"name": "Ada"}, "fulfillment": "pickup"}
SECRET = "b" * 40


def one_item_cart(client: httpx.Client, url: str) -> str:
    token = client.post(f"{url}{BASE}/cart").json()["cart_token"]
    return client.post(f"{url}{BASE}/cart/items", headers={"Cart-Token": token}, json={"item": "cookie"}).json()[
        "cart_token"
    ]


def timed_checkout(client: httpx.Client, url: str, token: str) -> tuple[httpx.Response, float]:
    started = time.perf_counter()
    answer = client.post(f"{url}{BASE}/cart/checkout", headers={"Cart-Token": token}, json=ORDER)
    return answer, time.perf_counter() - started


def answer_text(answer: httpx.Response) -> str:
    kind = answer.headers.get("content-type", "")
    code = answer.json()["error"]["code"] if "json" in kind and answer.status_code >= 400 else kind.split(";")[0]
    return f"{answer.status_code} {code}"


def behind_nginx(
    root: Path, fault: Callable[[Any, Any, httpx.Client], dict[str, object]], **env: str
) -> dict[str, object]:
    fleet, nginx, _ = demo_fleet(root, TEST_KEYS, **env)
    try:
        fleet.start_all()
        nginx.start()
        with httpx.Client(timeout=120) as client:
            return fault(fleet, nginx, client)
    finally:
        nginx.stop()
        fleet.stop_all()


def webhook_500(root: Path) -> dict[str, object]:
    with OrderReceiver(SECRET, fail_first=10**6, fail_status=500) as receiver:

        def fault(fleet: Any, nginx: Any, client: httpx.Client) -> dict[str, object]:
            answer, seconds = timed_checkout(client, nginx.url, one_item_cart(client, nginx.url))
            return {"answer": answer_text(answer), "seconds": seconds, "store attempts": receiver.attempts}

        return behind_nginx(root, fault, CART_ORDER_WEBHOOK_URL=receiver.url, CART_ORDER_WEBHOOK_SECRET=SECRET)


def sqlite_locked(root: Path) -> dict[str, object]:
    db = root / "orders.sqlite3"

    def fault(fleet: Any, nginx: Any, client: httpx.Client) -> dict[str, object]:
        timed_checkout(client, nginx.url, one_item_cart(client, nginx.url))  # creates the file
        token = one_item_cart(client, nginx.url)
        lock = sqlite3.connect(db, isolation_level=None, check_same_thread=False)  # released by the timer
        lock.execute("BEGIN EXCLUSIVE")
        threading.Timer(35, lambda: lock.execute("ROLLBACK")).start()
        answer, seconds = timed_checkout(client, nginx.url, token)
        return {"answer": answer_text(answer), "seconds": seconds, "store attempts": "1 replica"}

    return behind_nginx(root, fault, CART_ORDERS_DB=str(db))


def frozen_replica(root: Path) -> dict[str, object]:
    def fault(fleet: Any, nginx: Any, client: httpx.Client) -> dict[str, object]:
        token = one_item_cart(client, nginx.url)
        os.kill(fleet.replicas[1].proc.pid, signal.SIGSTOP)
        times, statuses = [], set()
        try:
            for n in range(12):
                started = time.perf_counter()
                answer = client.post(
                    f"{nginx.url}{BASE}/cart/items",
                    headers={"Cart-Token": token},
                    json={"item": "cookie", "notes": str(n)},
                )
                times.append(time.perf_counter() - started)
                statuses.add(answer.status_code)
                token = answer.json()["cart_token"]
        finally:
            os.kill(fleet.replicas[1].proc.pid, signal.SIGCONT)
        return {"answer": "/".join(map(str, sorted(statuses))), "seconds": max(times), "store attempts": "-"}

    return behind_nginx(root, fault)


def hung_kitchen(root: Path) -> dict[str, object]:
    from app.orders.webhook import WebhookSink
    from app.runtime.context import build_context
    from app.server.app import assemble
    from app.settings import Settings

    release = threading.Event()
    with OrderReceiver(SECRET, hold=release) as receiver:
        settings = Settings(keys_spec=TEST_KEYS, data_dir=root / "data")
        ctx = build_context(settings)
        ctx.order_sink = WebhookSink(receiver.url, SECRET, 10)
        app = assemble(ctx)

        async def scenario() -> float:
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://edge", timeout=60) as client:
                tokens = []
                for _ in range(45):
                    token = (await client.post(f"{BASE}/cart")).json()["cart_token"]
                    added = await client.post(
                        f"{BASE}/cart/items", headers={"Cart-Token": token}, json={"item": "cookie"}
                    )
                    tokens.append(added.json()["cart_token"])
                hung = [
                    asyncio.ensure_future(client.post(f"{BASE}/cart/checkout", headers={"Cart-Token": t}, json=ORDER))
                    for t in tokens
                ]
                while receiver.waiting < settings.order_workers:
                    await asyncio.sleep(0.01)
                started = time.perf_counter()
                await client.post(f"{BASE}/tools/add_to_order", json={"arguments": {"items": [{"item": "cookie"}]}})
                seconds = time.perf_counter() - started
                release.set()
                await asyncio.gather(*hung)
                return seconds

        seconds = asyncio.run(scenario())
    return {"answer": "200 ok", "seconds": seconds, "store attempts": "-"}


CASES: dict[str, tuple[str, Callable[[Path], dict[str, object]]]] = {
    "kitchen webhook answers 500": ("nginx 502 after 23 s, 24 deliveries (3 replicas)", webhook_500),
    "SQLite locked 35 s": ("nginx HTML 504 after 30 s, checkout ran on 3 replicas", sqlite_locked),
    "1 of 3 replicas frozen, 12 turns (slowest)": ("+10 s per turn sent to it", frozen_replica),
    "add_to_order while 45 checkouts hang": ("7.5 s (normally 0.04 s)", hung_kitchen),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=RESULTS / "edge.md")
    args = parser.parse_args()
    rows = []
    for name, (before, case) in CASES.items():
        with tempfile.TemporaryDirectory() as tmp:
            result = case(Path(tmp))
        rows.append([name, before, result["answer"], round(float(result["seconds"]), 2), result["store attempts"]])
        print(rows[-1], flush=True)
    text = "\n".join(
        [
            "# Faults at the edge, through nginx (deploy/nginx.conf, default settings)",
            "",
            machine_line(),
            "",
            table(["fault", "before (issue #16)", "client got", "seconds", "order store tried"], rows),
            "",
        ]
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
