"""POST /v1/realtime/session against a local fake of the Realtime API (never the real internet)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.testclient import TestClient

from app.server.app import create_app
from app.settings import Settings
from app.voice.tools import tool_specs
from tests.conftest import DEMO, TACO, FakeClock
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


@pytest.fixture(scope="module")
def upstream() -> Iterator[FakeUpstream]:
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


@pytest.fixture
def voice(settings: Settings, upstream: FakeUpstream, clock: FakeClock) -> Iterator[TestClient]:
    upstream.mode, upstream.seen[:] = "ok", []
    configured = replace(settings, openai_api_key=API_KEY, openai_base_url=upstream.url)
    with TestClient(create_app(configured, clock=clock)) as test_client:
        yield test_client


def mint(client: TestClient, restaurant_id: Any = DEMO) -> Any:
    return client.post("/v1/realtime/session", json={"restaurant_id": restaurant_id})


def test_without_a_key_voice_is_unavailable(client: TestClient) -> None:
    response = mint(client)
    assert response.status_code == 503 and response.json()["error"]["code"] == "realtime_unavailable"


def test_mints_a_client_secret_whose_session_carries_our_tools(voice: TestClient, upstream: FakeUpstream) -> None:
    response = mint(voice)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["client_secret"] == {"value": "ek_fake_secret", "expires_at": 1_900_000_000}
    assert body["calls_url"] == f"{upstream.url}/v1/realtime/calls"
    assert response.headers["cache-control"] == "no-store"
    assert API_KEY not in response.text
    [seen] = upstream.seen
    assert seen["authorization"] == f"Bearer {API_KEY}"
    session = seen["body"]["session"]
    assert session["type"] == "realtime" and session["model"] == body["model"]
    assert session["tools"] == tool_specs()
    assert "Voicecart Burger Bar" in session["instructions"]


def test_session_instructions_follow_the_restaurant(voice: TestClient, upstream: FakeUpstream) -> None:
    assert mint(voice, TACO).status_code == 200
    assert "Casa Verde Taqueria" in upstream.seen[-1]["body"]["session"]["instructions"]


@pytest.mark.parametrize("mode", ["refuse", "garbage"])
def test_upstream_refusal_or_nonsense_is_a_clean_502(voice: TestClient, upstream: FakeUpstream, mode: str) -> None:
    upstream.mode = mode
    response = mint(voice)
    assert response.status_code == 502 and response.json()["error"]["code"] == "upstream_error"
    assert API_KEY not in response.text and "Incorrect API key" not in response.text


def test_unreachable_upstream_is_a_clean_502(settings: Settings, clock: FakeClock) -> None:
    closed = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    app = create_app(replace(settings, openai_api_key=API_KEY, openai_base_url=closed), clock=clock)
    with TestClient(app) as test_client:
        response = mint(test_client)
    assert response.status_code == 502 and response.json()["error"]["code"] == "upstream_error"


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"restaurant_id": "nowhere"}, 404, "restaurant_not_found"),
        ({}, 400, "invalid_request"),
        ({"restaurant_id": 7}, 400, "invalid_request"),
        ({"restaurant_id": DEMO, "api_key": "x"}, 400, "invalid_request"),
    ],
)
def test_bad_session_requests(voice: TestClient, upstream: FakeUpstream, body: Any, status: int, code: str) -> None:
    response = voice.post("/v1/realtime/session", json=body)
    assert response.status_code == status and response.json()["error"]["code"] == code
    assert upstream.seen == []


def test_settings_read_the_key_without_showing_it() -> None:
    settings = Settings.from_env({"OPENAI_API_KEY": API_KEY, "CART_OPENAI_BASE_URL": "http://127.0.0.1:9/"})
    assert settings.openai_api_key == API_KEY and settings.openai_base_url == "http://127.0.0.1:9"
    assert API_KEY not in repr(settings)
    assert Settings.from_env({}).openai_base_url == "https://api.openai.com"


def test_demo_page_and_client_module_are_served(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and 'src="/static/demo.js"' in page.text
    module = client.get("/static/cart-client.js")
    assert module.status_code == 200 and "export class CartClient" in module.text
    assert "javascript" in module.headers["content-type"]
    assert client.get("/static/demo-script.json").json()["restaurant_id"] == DEMO
