"""BodyDeadline (app/server/slow_clients.py): a body already there arms no timer; one that has to
wait is read under the deadline, or answered ``request_timeout``; a cancellation from outside still
reaches the waiting ``receive()``."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import pytest

from app.errors import RequestTimeout
from app.server.slow_clients import BodyDeadline

BODY = {"type": "http.request", "body": b"{}", "more_body": False}
SCOPE = {"type": "http", "method": "POST", "path": "/"}


def _read_through(deadline_seconds: float, receive: Any) -> Any:
    """Run an app that reads one message through the middleware; what it read, or what it raised."""
    seen: list[Any] = []

    async def app(scope: Any, receive_in_time: Any, send: Any) -> None:
        try:
            seen.append(await receive_in_time())
        except BaseException as exc:
            seen.append(exc)
            raise

    async def send(message: Any) -> None:
        pass

    async def run() -> None:
        await BodyDeadline(app, deadline_seconds)(SCOPE, receive, send)

    with contextlib.suppress(BaseException):  # what it raised is in ``seen``
        asyncio.run(run())
    return seen[0]


def test_a_body_already_there_is_read_without_a_timer(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_timer(*args: Any) -> Any:
        raise AssertionError("a timer was armed for a body that was already there")

    monkeypatch.setattr(asyncio, "timeout_at", no_timer)

    async def receive() -> Any:
        return BODY

    assert _read_through(5, receive) == BODY


def test_a_body_that_arrives_in_time_after_waiting_is_read() -> None:
    async def receive() -> Any:
        await asyncio.sleep(0.01)
        await asyncio.sleep(0.01)  # two waits: the rest of the receive is driven step by step
        return BODY

    assert _read_through(5, receive) == BODY


def test_a_body_that_never_arrives_is_request_timeout() -> None:
    cleaned = []

    async def receive() -> Any:
        try:
            await asyncio.sleep(60)
        finally:
            cleaned.append(True)  # the cancellation reached the waiting receive
        return BODY

    assert isinstance(_read_through(0.05, receive), RequestTimeout)
    assert cleaned == [True]


def test_an_exception_of_the_waiting_receive_is_its_own() -> None:
    async def receive() -> Any:
        await asyncio.sleep(0.01)
        raise ConnectionResetError("gone")

    assert isinstance(_read_through(5, receive), ConnectionResetError)


def test_a_cancellation_from_outside_is_not_a_timeout() -> None:
    async def receive() -> Any:
        await asyncio.sleep(60)
        return BODY

    async def app(scope: Any, receive_in_time: Any, send: Any) -> None:
        await receive_in_time()

    async def send(message: Any) -> None:
        pass

    async def run() -> None:
        task = asyncio.ensure_future(BodyDeadline(app, 30)(SCOPE, receive, send))
        await asyncio.sleep(0.02)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(run())
