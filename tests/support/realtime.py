"""A local fake of the OpenAI Realtime API (``POST /v1/realtime/client_secrets``) for the voice-session
tests: never the real internet. Import the ``upstream`` fixture where it is used."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from tests.servers import free_port

API_KEY = "sk-test-" + "k" * 32


@dataclass
class FakeUpstream:
    """Answers POST /v1/realtime/client_secrets like the Realtime API; records what it was sent."""

    url: str = ""
    mode: str = "ok"  # ok | refuse | garbage
    seen: list[dict[str, Any]] = field(default_factory=list)

    async def client_secrets(self, request: Request) -> Response:
        self.seen.append({"authorization": request.headers.get("authorization"), "body": await request.json()})
        if self.mode == "refuse":
            return JSONResponse({"error": {"message": "Incorrect API key provided"}}, status_code=401)
        if self.mode == "garbage":
            return PlainTextResponse("<html>gateway</html>")
        body = self.seen[-1]["body"]
        return JSONResponse({"value": "ek_fake_secret", "expires_at": 1_900_000_000, "session": body["session"]})


@pytest.fixture(scope="module", name="upstream")
def upstream_fixture() -> Iterator[FakeUpstream]:
    """The fake, serving on loopback for the module's tests (import this; use it as ``upstream``)."""
    fake = FakeUpstream()
    app = Starlette(routes=[Route("/v1/realtime/client_secrets", fake.client_secrets, methods=["POST"])])
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started, "fake upstream did not start"
    fake.url = f"http://127.0.0.1:{port}"
    yield fake
    server.should_exit = True
    thread.join(10)
