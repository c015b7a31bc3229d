"""A request body must arrive within ``CART_REQUEST_TIMEOUT_SECONDS`` (10) of the request's start.

Without a proxy in front, 300 connections each trickling a body held 300 requests "in flight" and
the replica answered 503 to everyone else for 70 s. Now a body that is not complete in time is
``408 request_timeout`` (JSON, ``Connection: close``), and waiting for a body never counts against
``CART_MAX_CONCURRENCY`` (:func:`guarded_receive`). A cart body is at most
16 KiB: a real client sends it in milliseconds. The request head is bounded by the HTTP protocol
(:mod:`app.server.protocol`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Generator
from typing import TYPE_CHECKING, Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.errors import RequestTimeout

if TYPE_CHECKING:
    from app.server.overload import InFlight


class _ReceiveRest:
    """Awaiting it finishes a ``receive()`` that was stepped once and had to wait for ``pending``:
    what ``await`` does from the start (the task is handed each future it waits on; a cancellation,
    such as the deadline's, is thrown into it), minus the first step, already taken."""

    def __init__(self, steps: Generator[Any, None, Message], pending: object) -> None:
        self.steps, self.pending = steps, pending

    def __await__(self) -> Generator[Any, None, Message]:
        steps, pending = self.steps, self.pending
        while True:
            try:
                yield pending
            except BaseException as exc:  # every exception (a cancellation too) belongs to the receive
                try:
                    pending = steps.throw(exc)
                except StopIteration as done:
                    return done.value  # type: ignore[no-any-return]
            else:
                try:
                    pending = steps.send(None)
                except StopIteration as done:
                    return done.value  # type: ignore[no-any-return]


class BodyDeadline:
    """ASGI middleware: ``receive()`` of a request body raises ``request_timeout`` past the deadline
    (:func:`guarded_receive`, uncounted). The shipped app applies the same deadline inside
    :class:`app.server.metrics.ObserveMiddleware`'s one layer."""

    def __init__(self, app: ASGIApp, seconds: float) -> None:
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self.app(scope, guarded_receive(receive, None, self.seconds), send)


async def _rest_in_time(
    steps: Generator[Any, None, Message], pending: object, deadline: float, seconds: float
) -> Message:
    """The rest of a ``receive()`` stepped once that had to wait, under ``deadline`` (the loop's
    clock): past it, ``request_timeout``."""
    try:
        async with asyncio.timeout_at(deadline):  # cheaper than wait_for: no task per receive
            return await _ReceiveRest(steps, pending)
    except TimeoutError:
        raise RequestTimeout(f"the request body did not arrive within {seconds:g} s", timeout_seconds=seconds) from None


def guarded_receive(receive: Receive, counted: InFlight | None, seconds: float | None) -> Receive:
    """``receive`` for a request counted in ``counted`` (None: not counted) whose body must arrive
    within ``seconds`` of now (None: no deadline): waiting for a client's body is not counted in
    flight, and past the deadline it is ``request_timeout``. Both wrap ``receive`` and both are on
    every request, so one wrapper does the two (the backpressure layer of
    :class:`app.server.metrics.ObserveMiddleware`, and :class:`BodyDeadline`)."""
    deadline = asyncio.get_running_loop().time() + seconds if seconds is not None else 0.0

    async def receive_guarded() -> Message:
        # a message already there (a small body arrives with its head) is taken at once: no timer
        # and, since nothing else runs meanwhile, no change to the count
        steps = receive().__await__()
        try:
            pending = steps.send(None)
        except StopIteration as done:
            return done.value  # type: ignore[no-any-return]
        # waiting for a client's body costs this replica nothing: slow senders must not fill the limit
        if counted is not None:
            counted.count -= 1
        try:
            if seconds is None:
                return await _ReceiveRest(steps, pending)
            return await _rest_in_time(steps, pending, deadline, seconds)
        finally:
            if counted is not None:
                counted.count += 1

    return receive_guarded
