"""Order-store I/O runs on its own bounded threads, inside the checkout budget."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from app.errors import OrderOutcomeUnknown, Overloaded
from app.orders.sqlite import SqliteSink
from app.server.app import create_app
from app.server.order_workers import QUEUE_FACTOR, OrderWorkers
from app.settings import Settings
from tests.conftest import TEST_KEYS
from tests.server.test_truthful_orders import output, tool
from tests.support.checkout import BURGERS, FRIES, checkout
from tests.support.http import new_cart


def test_a_job_runs_on_an_order_thread_and_returns_its_result() -> None:
    workers = OrderWorkers(2, budget_seconds=5)
    name = asyncio.run(workers.run(lambda: threading.current_thread().name))
    assert name.startswith("voicecart-orders")
    assert workers.pending == 0


def test_the_budget_spent_inside_the_store_is_an_unknown_outcome_and_spent_waiting_is_overloaded() -> None:
    release = threading.Event()
    workers = OrderWorkers(1, budget_seconds=0.3)

    async def scenario() -> list[BaseException]:
        hung = asyncio.ensure_future(workers.run(release.wait, 30))  # takes the only thread
        await asyncio.sleep(0.05)
        queued = asyncio.ensure_future(workers.run(lambda: "never"))
        results = await asyncio.gather(hung, queued, return_exceptions=True)
        return list(results)

    try:
        hung, queued = asyncio.run(scenario())
    finally:
        release.set()
    assert isinstance(hung, OrderOutcomeUnknown) and hung.code == "order_outcome_unknown"
    assert isinstance(queued, Overloaded) and "this checkout placed nothing" in queued.message


class _TakenLate:
    """An executor whose thread takes a job at once (from then on it cannot be cancelled: it will run)
    but only starts it after ``delay``: a busy machine descheduling the thread at that moment."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.threads: list[threading.Thread] = []

    def submit(self, fn: Callable[..., object], *args: object) -> Future[object]:
        future: Future[object] = Future()
        future.set_running_or_notify_cancel()

        def late() -> None:
            time.sleep(self.delay)
            future.set_result(fn(*args))

        self.threads.append(threading.Thread(target=late))
        self.threads[-1].start()
        return future


def test_a_job_already_taken_by_a_thread_is_never_called_nothing_ordered() -> None:
    """The budget ran out after a thread had taken the job but before the job began: "nothing was
    ordered" (503 overloaded) was answered, then the job ran and placed the order."""
    workers = OrderWorkers(1, budget_seconds=0.1)
    workers._executor = _TakenLate(0.3)  # type: ignore[assignment]
    placed = threading.Event()
    with pytest.raises((Overloaded, OrderOutcomeUnknown)) as info:
        asyncio.run(workers.run(placed.set))
    for thread in workers._executor.threads:  # type: ignore[attr-defined]
        thread.join()
    assert placed.is_set()  # the order was placed after all
    assert isinstance(info.value, OrderOutcomeUnknown), info.value.message


def test_a_retry_refused_while_the_first_attempt_still_runs_never_says_nothing_was_ordered() -> None:
    """The first checkout ran out of budget inside the store (504: may or may not be placed) and is still
    running; its retry, refused for a full queue or a queue that did not move, answered "nothing was
    ordered" — while the first attempt could still place the order."""
    release = threading.Event()
    workers = OrderWorkers(1, budget_seconds=0.2)

    async def scenario() -> list[BaseException]:
        first = asyncio.ensure_future(workers.run(release.wait, 30))  # the store hangs on the first attempt
        await asyncio.sleep(0.05)
        retries = [asyncio.ensure_future(workers.run(lambda: None)) for _ in range(QUEUE_FACTOR)]
        return list(await asyncio.gather(first, *retries, return_exceptions=True))

    try:
        first, *retries = asyncio.run(scenario())
    finally:
        release.set()
    assert isinstance(first, OrderOutcomeUnknown)
    refused = [r for r in retries if isinstance(r, Overloaded)]
    assert {r.message for r in refused} and len(refused) == QUEUE_FACTOR  # queue full, and queue too slow
    for retry in refused:
        assert "nothing was ordered" not in retry.message and "placed nothing" in retry.message


def test_beyond_the_queue_bound_a_checkout_is_refused_at_once() -> None:
    release = threading.Event()
    workers = OrderWorkers(1, budget_seconds=30)

    async def scenario() -> BaseException | None:
        jobs = [asyncio.ensure_future(workers.run(release.wait, 30)) for _ in range(QUEUE_FACTOR)]
        await asyncio.sleep(0.05)
        try:
            await workers.run(lambda: None)
        except Overloaded as exc:
            refused: BaseException | None = exc
        else:
            refused = None
        release.set()
        await asyncio.gather(*jobs)
        return refused

    refused = asyncio.run(scenario())
    assert isinstance(refused, Overloaded) and refused.retry_after == 2
    assert workers.pending == 0


@pytest.mark.parametrize("budget", [0.2])
def test_a_finished_job_frees_its_place(budget: float) -> None:
    workers = OrderWorkers(1, budget_seconds=budget)
    for _ in range(QUEUE_FACTOR * 2):
        assert asyncio.run(workers.run(lambda: 7)) == 7
    assert workers.pending == 0


# --- a checkout answered while the store still works on it (a real app, a real SQLite) ----------------------


def _until(done: Callable[[], bool], seconds: float = 30.0) -> None:
    """Poll ``done`` until it holds (the machine may be loaded: a deadline, never a fixed sleep)."""
    deadline = time.monotonic() + seconds
    while not done():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.02)


@pytest.mark.parametrize("door", ["http", "voice"])
def test_a_checkout_answered_before_the_store_took_it_is_never_placed_after_a_cancel(
    tmp_path: Path, menu_dir: Path, door: str
) -> None:
    """The store was busy (another writer held SQLite), so one checkout waited for the only order thread
    and then for the store; its budget ran out (504: may or may not be placed), the customer cancelled by
    voice ("OK, I've cancelled the order; the cart is empty"), the store freed up — and the abandoned job
    placed the order: the kitchen got an order the customer was told was cancelled. A checkout's job now
    never commits after its answer was given; one that had not begun to commit is answered definitely."""
    settings = Settings(
        keys_spec=TEST_KEYS, menu_dir=menu_dir, data_dir=tmp_path / "data", checkout_timeout_seconds=2, order_workers=1
    )
    with TestClient(create_app(settings)) as client:
        assert checkout(client, new_cart(client, BURGERS)).status_code == 201  # the orders file exists
        first, second = new_cart(client, BURGERS), new_cart(client, BURGERS, FRIES)
        total = output(tool(client, "confirm_order", second, action="review"))["total_cents"]
        workers = client.app.state.order_workers  # type: ignore[attr-defined]
        writer = sqlite3.connect(settings.orders_db_path, isolation_level=None)
        writer.execute("BEGIN IMMEDIATE")  # another writer holds the store
        try:
            with ThreadPoolExecutor(1) as pool:
                busy = pool.submit(checkout, client, first)  # takes the only order thread, waits on the store
                _until(lambda: workers.pending == 1)
                if door == "http":
                    answer = checkout(client, second)
                    status, error = answer.status_code, answer.json()["error"]
                else:  # the tool's answer (ok: false), with the status HTTP checkout would have given
                    answer = tool(
                        client, "confirm_order", second, action="checkout", customer_name="Ada", total_cents=total
                    )
                    assert answer.status_code == 200 and answer.json()["ok"] is False, answer.text
                    error = output(answer)
                    error["code"] = error["error"]
                    status = {"order_outcome_unknown": 504, "order_delivery_failed": 502}[error["code"]]
                assert busy.result().status_code == 502
            cancel = output(tool(client, "confirm_order", second, action="cancel"))
        finally:
            writer.execute("COMMIT")  # the store frees up
            writer.close()
        _until(lambda: workers.pending == 0)  # every job has ended
        ordered = SqliteSink(settings.orders_db_path).recent(10)
    said_cancelled = "cancelled" in cancel["message"]
    second_ordered = any(len(order["lines"]) == 2 for order in ordered)
    assert not (said_cancelled and second_ordered), f"told {cancel['message']!r}, and the kitchen has the order"
    if status == 504:  # only while its commit had begun; else the answer is definite
        assert error["code"] == "order_outcome_unknown" and second_ordered
    else:
        assert "placed nothing" in error["message"] and not second_ordered
