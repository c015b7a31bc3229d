"""A request body must arrive within ``CART_REQUEST_TIMEOUT_SECONDS`` (10) of the request's start.

Without a proxy in front, 300 connections each trickling a body held 300 requests "in flight" and
the replica answered 503 to everyone else for 70 s. Now a body that is not complete in time is
``408 request_timeout`` (JSON, ``Connection: close``), and waiting for a body never counts against
``CART_MAX_CONCURRENCY`` (:func:`app.server.overload.guarded_receive`). A cart body is at most
16 KiB: a real client sends it in milliseconds. The request head is bounded by the HTTP protocol
(:mod:`app.server.protocol`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Generator
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.errors import RequestTimeout


class ReceiveRest:
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
    """ASGI middleware: ``receive()`` of a request body raises ``request_timeout`` past the deadline.

    A ``receive()`` whose message is already there (a small body arrives with its head) completes
    without waiting, so it arms no timer; only one that has to wait does, under the deadline."""

    def __init__(self, app: ASGIApp, seconds: float) -> None:
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        deadline = asyncio.get_running_loop().time() + self.seconds
        seconds = self.seconds

        async def receive_in_time() -> Message:
            steps = receive().__await__()
            try:
                pending = steps.send(None)
            except StopIteration as done:  # there already: nothing to wait for
                return done.value  # type: ignore[no-any-return]
            return await rest_in_time(steps, pending, deadline, seconds)

        await self.app(scope, receive_in_time, send)


async def rest_in_time(
    steps: Generator[Any, None, Message], pending: object, deadline: float, seconds: float
) -> Message:
    """The rest of a ``receive()`` stepped once that had to wait, under ``deadline`` (the loop's
    clock): past it, ``request_timeout``. Shared with :func:`app.server.overload.guarded_receive`,
    which applies the same deadline in its own layer (one middleware fewer per request)."""
    try:
        async with asyncio.timeout_at(deadline):  # cheaper than wait_for: no task per receive
            return await ReceiveRest(steps, pending)
    except TimeoutError:
        raise RequestTimeout(f"the request body did not arrive within {seconds:g} s", timeout_seconds=seconds) from None
