"""Order-store I/O runs on its own bounded threads, inside the checkout budget."""

from __future__ import annotations

import asyncio
import threading

import pytest

from app.errors import OrderOutcomeUnknown, Overloaded
from app.server.order_workers import QUEUE_FACTOR, OrderWorkers


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
    assert isinstance(queued, Overloaded) and "nothing was ordered" in queued.message


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
