"""Backpressure: at most ``CART_MAX_CONCURRENCY`` requests in flight per process.

Requests in flight are counted by the middleware; but cart turns run on the event loop without
waiting, so under a flood most requests queue *before* the app sees them (in the socket and the
loop's ready queue). So the replica is also full while its event loop runs late: a task sleeping
50 ms (:func:`measure_lag`) that wakes more than :data:`MAX_LOOP_LAG_SECONDS` late three times in a
row (one scheduler hiccup is not overload) means every request waits that long before its turn.
Beyond either bound a request is answered at once with ``503 {"error": {"code": "overloaded", …}}`` and
``Retry-After: 1`` instead of queueing behind the others (2,000 connections to one replica used to
mean a 10 s p99 and no signal at all). nginx replays a refused cart turn on another replica
(``proxy_next_upstream http_503``); nothing was done, so any client may retry too.

``/healthz``, ``/readyz`` and ``/metrics`` are never refused: an overloaded replica must still be
observable. ``voicecart serve --limit-concurrency N`` sets the same limit; 0 turns it off. Time spent
waiting for a client's request body is not counted (a slow sender holds no slot; its body has a
deadline of its own, :mod:`app.server.slow_clients`).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from app.errors import Overloaded

EXEMPT_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})
RETRY_AFTER_SECONDS = 1
MAX_LOOP_LAG_SECONDS = 0.25  # a turn takes about a millisecond; a loop this late is queueing, not working
LAG_PROBE_SECONDS = 0.05


@dataclass
class InFlight:
    """Requests being served by this process, and how many it takes at once (0: no limit)."""

    limit: int
    count: int = 0
    lag_seconds: float = 0.0  # how late the event loop ran at the last probe

    @property
    def full(self) -> bool:
        return self.limit > 0 and (self.count >= self.limit or self.lag_seconds > MAX_LOOP_LAG_SECONDS)


async def measure_lag(load: InFlight) -> None:
    """Forever: how late a short sleep wakes up is how long a request now waits for the loop; the
    smallest of the last three, so only a loop that stays late counts."""
    loop = asyncio.get_running_loop()
    recent = [0.0, 0.0, 0.0]
    while True:
        started = loop.time()
        await asyncio.sleep(LAG_PROBE_SECONDS)
        recent = [*recent[1:], max(0.0, loop.time() - started - LAG_PROBE_SECONDS)]
        load.lag_seconds = min(recent)


def refusal(load: InFlight) -> Overloaded:
    """The ``overloaded`` error of a request refused because ``load`` is :attr:`InFlight.full`."""
    return Overloaded(
        f"this replica is at its limit ({load.limit} requests in flight, or requests queueing "
        f"{MAX_LOOP_LAG_SECONDS} s); nothing was done, retry shortly",
        RETRY_AFTER_SECONDS,
    )
