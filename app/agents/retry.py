"""When and how long a tool call is tried again: 502/503/504 and dropped connections, bounded.

Tool turns and checkout are idempotent for a given cart token (a turn on the same token gives the
same cart; a checkout names the same order), so a call is re-sent with the SAME token. Waits grow
exponentially with jitter (tenacity) and honour a ``Retry-After`` of at most ``max_wait`` seconds.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import httpx
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception_type, retry_if_result, stop_after_attempt
from tenacity.wait import wait_base, wait_exponential_jitter

RETRY_STATUSES = frozenset({502, 503, 504})


def _should_retry(response: httpx.Response) -> bool:
    return response.status_code in RETRY_STATUSES


def _last_outcome(state: RetryCallState) -> httpx.Response:
    """After the last attempt: its response (a 5xx the caller turns into an error), or its exception raised."""
    assert state.outcome is not None
    response: httpx.Response = state.outcome.result()
    return response


class WaitRetryAfter(wait_base):
    """The server's ``Retry-After`` (whole seconds, capped at ``cap``) when it sent one, else ``fallback``."""

    def __init__(self, fallback: wait_base, cap: float) -> None:
        self.fallback = fallback
        self.cap = cap

    def __call__(self, retry_state: RetryCallState) -> float:
        outcome = retry_state.outcome
        if outcome is not None and not outcome.failed:
            header = outcome.result().headers.get("retry-after", "")
            if header.isdigit():
                return min(float(header), self.cap)
        return self.fallback(retry_state)


@dataclass(frozen=True)
class RetryPolicy:
    """At most ``attempts`` tries in all; waits of ``first_wait`` seconds doubling to ``max_wait`` plus up
    to ``jitter`` seconds at random. ``sleep`` is injectable so tests need not wait."""

    attempts: int = 5
    first_wait: float = 0.25
    max_wait: float = 2.0
    jitter: float = 0.25
    sleep: Callable[[float], Awaitable[None]] = field(default=asyncio.sleep, compare=False)

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError("attempts must be at least 1")
        if min(self.first_wait, self.max_wait, self.jitter) < 0:
            raise ValueError("waits must not be negative")

    def retrying(self) -> AsyncRetrying:
        """A fresh tenacity controller: ``await policy.retrying()(send)`` → the last ``httpx.Response``.

        Raises the last ``httpx.TransportError`` when no attempt got an answer.
        """
        backoff = wait_exponential_jitter(multiplier=self.first_wait, max=self.max_wait, jitter=self.jitter)
        return AsyncRetrying(
            stop=stop_after_attempt(self.attempts),
            wait=WaitRetryAfter(backoff, self.max_wait),
            retry=retry_if_exception_type(httpx.TransportError) | retry_if_result(_should_retry),
            retry_error_callback=_last_outcome,
            sleep=self.sleep,
        )
