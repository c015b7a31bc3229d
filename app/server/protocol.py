"""The HTTP/1.1 protocol ``voicecart serve`` runs: uvicorn's httptools protocol with the limits a
proxy would otherwise give (the Kubernetes manifests and ``docker run -p`` put none in front).

* the request line and headers together at most :data:`MAX_HEAD_BYTES`, at most :data:`MAX_HEADERS`
  header fields: beyond either, ``431 request_header_too_large`` and the connection closed (16 MB of
  headers, or 10,000 of them, were accepted; 16 unfinished ones took a replica past its memory limit);
* a request head that has not arrived ``CART_REQUEST_TIMEOUT_SECONDS`` (10) after its first byte (or
  after the connection opened): ``408 request_timeout`` and the connection closed.

A body that arrives too slowly is the app's to refuse (:mod:`app.server.slow_clients`): the route
that reads it answers ``408 request_timeout`` as JSON, counted in the metrics like any answer.
Select it with ``uvicorn --http app.server.protocol:GuardedHttpToolsProtocol`` (``voicecart serve``
does).
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging

import httptools
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from app.settings import Settings

log = logging.getLogger("voicecart.http")

MAX_HEAD_BYTES = 32 * 1024  # request line + headers; a 4,096-character Cart-Token fits eight times over
MAX_HEADERS = 100


@functools.cache
def head_timeout_seconds() -> float:
    """``CART_REQUEST_TIMEOUT_SECONDS``, read once per process (serve checked it before starting)."""
    return float(Settings.from_env().request_timeout_seconds)


def refusal(status: int, reason: str, code: str, message: str, **details: object) -> bytes:
    """A complete HTTP/1.1 answer with the usual JSON error body (its ``details`` beside the code and
    message, as every error answer has them), closing the connection."""
    error = {"code": code, "message": message, **details}
    body = json.dumps({"error": error}, separators=(",", ":")).encode()
    head = (
        f"HTTP/1.1 {status} {reason}\r\ncontent-type: application/json\r\n"
        f"content-length: {len(body)}\r\nconnection: close\r\n\r\n"
    )
    return head.encode("latin-1") + body


TOO_LARGE = refusal(
    431,
    "Request Header Fields Too Large",
    "request_header_too_large",
    f"request headers are limited to {MAX_HEAD_BYTES} bytes and {MAX_HEADERS} fields",
)


@functools.cache
def too_slow() -> bytes:
    return refusal(
        408,
        "Request Timeout",
        "request_timeout",
        f"the request headers did not arrive within {head_timeout_seconds():g} s",
        timeout_seconds=head_timeout_seconds(),  # as the body's 408 says it (the README's error table)
    )


class _HeadRefused(Exception):
    """Raised from a parser callback: the head is too large or has too many fields."""


class GuardedHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, with the head of each request bounded in size, count and time."""

    _head_bytes = 0  # bytes received while reading a head (a coarse bound before parsing)
    _head_size = 0  # bytes of URL and header fields parsed in this head
    _reading_head = True
    _head_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._start_head()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_head_timer()
        super().connection_lost(exc)

    def _start_head(self) -> None:
        self._reading_head, self._head_bytes = True, 0
        self._stop_head_timer()
        self._head_timer = self.loop.call_later(
            head_timeout_seconds(), self._refuse, too_slow(), "request head too slow"
        )

    def _stop_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _refuse(self, answer: bytes, why: str) -> None:
        self._stop_head_timer()
        if self.transport.is_closing():
            return
        log.info("refused a request from %s: %s", self.client[0] if self.client else "?", why)
        self.transport.write(answer)
        self.transport.close()

    def data_received(self, data: bytes) -> None:
        if self._reading_head:
            self._head_bytes += len(data)
            if self._head_bytes > MAX_HEAD_BYTES + 64 * 1024:  # head + a body in the same segments: clearly too much
                self._refuse(TOO_LARGE, "request head too large")
                return
        self._unset_keepalive_if_required()
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserCallbackError as exc:
            if isinstance(exc.__context__, _HeadRefused):
                self._refuse(TOO_LARGE, "request head too large or too many header fields")
                return
            raise  # a bug of ours in a callback: uvicorn's own handling below never hides it
        except httptools.HttpParserError:
            self.logger.warning("Invalid HTTP request received.")
            self.send_400_response("Invalid HTTP request received.")
        except httptools.HttpParserUpgrade:
            if self._should_upgrade():
                self.handle_websocket_upgrade()
            else:
                self._unsupported_upgrade_warning()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        if not self._reading_head:  # the next request on a kept-alive connection
            self._start_head()
        self._head_size = 0

    def on_url(self, url: bytes) -> None:
        self._count(len(url))
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._count(len(name) + len(value) + 4)
        if len(self.headers) >= MAX_HEADERS:
            raise _HeadRefused
        super().on_header(name, value)

    def _count(self, size: int) -> None:
        self._head_size += size
        if self._head_size > MAX_HEAD_BYTES:
            raise _HeadRefused

    def on_headers_complete(self) -> None:
        self._reading_head = False
        self._stop_head_timer()
        super().on_headers_complete()
