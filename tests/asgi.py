"""Call an ASGI app directly: no sockets, no client library, full control over the body stream.

Used where a test (or ``bench/fuzz.py``) needs what an HTTP client won't do: a body in many
chunks without Content-Length, a lying Content-Length, raw header bytes, or 100,000 requests
a minute in one process.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Reply:
    status: int = 0
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    chunks_read: int = 0  # how many body chunks the app pulled before answering


async def call(
    app: Any,
    method: str,
    path: str,
    headers: Sequence[tuple[bytes, bytes]] = (),
    chunks: Sequence[bytes] = (),
) -> Reply:
    """One HTTP request; ``chunks`` are delivered one ``http.request`` message at a time."""
    reply = Reply()
    pending = list(chunks) or [b""]

    async def receive() -> dict[str, Any]:
        if reply.chunks_read < len(pending):
            reply.chunks_read += 1
            more = reply.chunks_read < len(pending)
            return {"type": "http.request", "body": pending[reply.chunks_read - 1], "more_body": more}
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            reply.status = message["status"]
            reply.headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in message["headers"]}
        elif message["type"] == "http.response.body":
            reply.body += message.get("body", b"")

    raw_path, _, query = path.partition("?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": raw_path,
        "raw_path": raw_path.encode("utf-8", "surrogateescape"),
        "query_string": query.encode("utf-8", "surrogateescape"),
        "root_path": "",
        "headers": list(headers),
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 80),
    }
    await app(scope, receive, send)
    return reply
