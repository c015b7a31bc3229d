"""Order-store I/O on its own bounded threads, inside the checkout's whole budget.

Placing an order waits on another system (SQLite's lock, PostgreSQL, the kitchen's webhook). It
runs here — ``CART_ORDER_WORKERS`` threads of its own — never on the pool that serves cart turns and
voice tools, so a hung kitchen cannot make "add a burger" wait (it once took 7.5 s behind 45 hung
checkouts). The limits, all answered with documented JSON well inside the proxy's timeout:

* more than ``4 × workers`` orders waiting or running: ``503 overloaded`` at once, nothing done;
* ``CART_CHECKOUT_TIMEOUT_SECONDS`` passed while the order still waited for a thread: ``503
  overloaded``, this checkout placed nothing (the job is cancelled before it starts). Neither says
  "nothing was ordered": an earlier checkout of the cart that ran out of budget may still place it;
* the budget passed while the store was working on it: the checkout's :class:`~app.orders.port.CommitGate`
  is closed, so the job stores nothing from then on (a database rolls back, the webhook sends no
  further attempt). If no commit had begun: ``502 order_delivery_failed``, this checkout placed
  nothing and never will — so a voice cancel that follows is true. If one had: ``504
  order_outcome_unknown`` — it may be stored; the same checkout retried tells (every store is
  idempotent per cart).

The sinks' own timeouts (SQLite busy timeout, webhook deadline, PostgreSQL retries) are set below
this budget, so normally they answer first, with a definite result.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from app.errors import OrderDeliveryFailed, OrderOutcomeUnknown, Overloaded
from app.orders.port import CommitGate

T = TypeVar("T")
QUEUE_FACTOR = 4  # jobs admitted per worker thread (running + waiting)


class OrderWorkers:
    """``await workers.run(func, *args)``: ``func`` on an order thread, bounded in number and in time."""

    def __init__(self, workers: int, budget_seconds: float) -> None:
        self.workers = workers
        self.budget_seconds = budget_seconds
        self.max_pending = workers * QUEUE_FACTOR
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="voicecart-orders")
        self._lock = threading.Lock()
        self._pending = 0

    @property
    def pending(self) -> int:
        """Jobs admitted and not finished (running or waiting for a thread)."""
        return self._pending

    def _finished(self, _: Future[Any]) -> None:
        with self._lock:
            self._pending -= 1

    async def run(self, func: Callable[..., T], *args: Any, gate: CommitGate | None = None) -> T:
        """Raises ``overloaded`` (nothing done), ``order_delivery_failed`` (the budget ran out before the
        job's store began to commit through ``gate``, which is closed: it never will) or
        ``order_outcome_unknown`` (a commit had begun, or there is no gate)."""
        with self._lock:
            if self._pending >= self.max_pending:
                raise Overloaded(
                    "every order worker is busy (the order store or kitchen is slow); this checkout placed nothing "
                    "(an earlier one of this cart may still be placing it), retry the same checkout with the same "
                    "cart token shortly",
                    retry_after_seconds=2,
                )
            self._pending += 1
        future = self._executor.submit(func, *args)
        future.add_done_callback(self._finished)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), self.budget_seconds)
        except TimeoutError:
            # cancelled (it never left the queue), or its gate closed before any commit began, placed nothing:
            # a job a thread has taken runs on, but stores nothing once its gate is closed
            if future.cancel():
                raise Overloaded(
                    "the order queue did not move in time; this checkout placed nothing (an earlier one of this cart "
                    "may still be placing it), retry the same checkout with the same cart token shortly",
                    retry_after_seconds=2,
                ) from None
            if gate is not None and gate.close():
                raise OrderDeliveryFailed(
                    "the order store did not take the order in time; this checkout placed nothing and will not place "
                    "it later (an earlier one of this cart may still be placing it), retry the same checkout with "
                    "the same cart token shortly"
                ) from None
            raise OrderOutcomeUnknown(
                "the order store did not answer in time, so the order may or may not have been placed; "
                "retry the same checkout with the same cart token: it places the order at most once",
                budget_seconds=self.budget_seconds,
            ) from None

    def close(self) -> None:
        """Stop taking jobs; running ones finish within their sink's own timeouts."""
        self._executor.shutdown(wait=False, cancel_futures=True)
