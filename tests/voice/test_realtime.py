"""POST /v1/realtime/session against a local fake of the Realtime API (never the real internet)."""

from __future__ import annotations

import inspect
import re
import typing
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import openai.types.realtime as realtime_types
import pytest
from starlette.testclient import TestClient

from app.errors import TooManySessions
from app.server.app import create_app
from app.settings import Settings
from app.voice.realtime import MAX_TRACKED_CLIENTS, SessionLimiter
from app.voice.tools import tool_specs
from tests.conftest import DEMO, TACO, FakeClock
from tests.servers import free_port
from tests.support.realtime import API_KEY, FakeUpstream, upstream_fixture  # noqa: F401 (the fixture)


@pytest.fixture
def voice(settings: Settings, upstream: FakeUpstream, clock: FakeClock) -> Iterator[TestClient]:
    upstream.mode, upstream.seen[:] = "ok", []
    configured = replace(settings, openai_api_key=API_KEY, openai_base_url=upstream.url)
    with TestClient(create_app(configured, clock=clock)) as test_client:
        yield test_client


SERVED = "http://testserver"  # the origin TestClient's requests come from (Host: testserver)


def mint(client: TestClient, restaurant_id: Any = DEMO, origin: str | None = SERVED) -> Any:
    headers = {"Origin": origin} if origin else {}
    return client.post("/v1/realtime/session", json={"restaurant_id": restaurant_id}, headers=headers)


def test_without_a_key_voice_is_unavailable(client: TestClient) -> None:
    response = mint(client)
    assert response.status_code == 503 and response.json()["error"]["code"] == "realtime_unavailable"


def test_mints_a_client_secret_whose_session_carries_our_tools(voice: TestClient, upstream: FakeUpstream) -> None:
    response = mint(voice)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["client_secret"] == {"value": "ek_fake_secret", "expires_at": 1_900_000_000}
    assert body["restaurant_id"] == DEMO  # the session is bound to the restaurant that asked
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
    answer = mint(voice, TACO)
    assert answer.status_code == 200 and answer.json()["restaurant_id"] == TACO
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
    response = voice.post("/v1/realtime/session", json=body, headers={"Origin": SERVED})
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
    assert client.get("/static/realtime-events.json").json()["restaurant_id"] == DEMO


# --- who may mint a session billed to the operator's key ------------------------------------------


@pytest.mark.parametrize("origin", [None, "null", "https://evil.example", "http://testserver.evil.example"])
def test_a_page_of_another_origin_mints_nothing(voice: TestClient, upstream: FakeUpstream, origin: str | None) -> None:
    response = mint(voice, origin=origin)
    assert response.status_code == 403 and response.json()["error"]["code"] == "origin_not_allowed"
    assert upstream.seen == []


def test_the_allow_list_replaces_the_served_origin(
    settings: Settings, upstream: FakeUpstream, clock: FakeClock
) -> None:
    upstream.seen[:] = []
    allowed = ("https://order.example.com", "https://kiosk.example.com/")
    configured = replace(
        settings, openai_api_key=API_KEY, openai_base_url=upstream.url, realtime_allowed_origins=allowed
    )
    with TestClient(create_app(configured, clock=clock)) as client:
        assert mint(client, origin="https://kiosk.example.com").status_code == 200
        assert mint(client, origin="https://order.example.com").status_code == 200
        assert mint(client, origin=SERVED).status_code == 403  # listed origins only, once there is a list
    assert len(upstream.seen) == 2


def test_sessions_per_client_are_rate_limited_on_the_injected_clock(
    settings: Settings, upstream: FakeUpstream, clock: FakeClock
) -> None:
    upstream.seen[:] = []
    configured = replace(settings, openai_api_key=API_KEY, openai_base_url=upstream.url, realtime_sessions_per_minute=2)
    with TestClient(create_app(configured, clock=clock)) as client:
        assert [mint(client).status_code for _ in range(2)] == [200, 200]
        clock.advance(20)
        refused = mint(client)
        assert refused.status_code == 429
        error = refused.json()["error"]
        assert error["code"] == "too_many_sessions" and error["retry_after_seconds"] == 40
        assert mint(client, "nowhere").status_code == 404  # an unknown restaurant is refused before counting
        clock.advance(40)  # the first two leave the one-minute window
        assert mint(client).status_code == 200
    assert len(upstream.seen) == 3


def test_the_limiter_counts_each_address_apart_and_forgets_quiet_ones() -> None:
    limiter = SessionLimiter(per_minute=1)
    limiter.take("10.0.0.1", 0.0)
    limiter.take("10.0.0.2", 0.0)  # another customer is not held up by the first
    with pytest.raises(TooManySessions):
        limiter.take("10.0.0.1", 59.0)
    limiter.take("10.0.0.1", 60.0)
    for n in range(MAX_TRACKED_CLIENTS + 5):
        limiter.take(f"addr-{n}", 61.0)
    assert len(limiter._seen) == MAX_TRACKED_CLIENTS


# --- models and base URL --------------------------------------------------------------------------


def sdk_model_names(model: type[Any], field_name: str) -> tuple[set[str], set[str]]:
    """(listed, deprecated) model names of an openai SDK model field: its Literal and its doc's deprecations."""
    annotation = model.model_fields[field_name].annotation
    listed = {a for arg in typing.get_args(annotation) for a in typing.get_args(arg) if isinstance(a, str)}
    source = inspect.getsource(model)
    doc = source[source.index(f"    {field_name}: ") :]
    deprecated_text = doc[doc.index("Deprecated values:") : doc.index('"""', doc.index("Deprecated values:"))]
    return listed, set(re.findall(r'"([^"]+)"', deprecated_text))


def test_default_models_are_current_in_the_openai_sdk() -> None:
    session, transcription = realtime_types.RealtimeSessionCreateRequest, realtime_types.AudioTranscription
    listed, deprecated = sdk_model_names(session, "model")
    assert "gpt-realtime" in deprecated  # the check reads the SDK's list for real
    assert Settings().realtime_model in listed - deprecated
    listed, deprecated = sdk_model_names(transcription, "model")
    assert "gpt-4o-mini-transcribe" in deprecated
    assert Settings().transcription_model in listed - deprecated


def test_models_are_configurable_and_sent_upstream(
    settings: Settings, upstream: FakeUpstream, clock: FakeClock
) -> None:
    upstream.seen[:] = []
    env = {"CART_REALTIME_MODEL": "gpt-realtime-2.1-mini", "CART_TRANSCRIPTION_MODEL": "gpt-transcribe"}
    read = Settings.from_env(env)
    configured = replace(
        settings,
        openai_api_key=API_KEY,
        openai_base_url=upstream.url,
        realtime_model=read.realtime_model,
        transcription_model=read.transcription_model,
    )
    with TestClient(create_app(configured, clock=clock)) as client:
        assert mint(client).json()["model"] == "gpt-realtime-2.1-mini"
    session = upstream.seen[-1]["body"]["session"]
    assert session["model"] == "gpt-realtime-2.1-mini"
    assert session["audio"]["input"]["transcription"]["model"] == "gpt-transcribe"


@pytest.mark.parametrize("suffix", ["", "/", "/v1", "/v1/"])
def test_a_base_url_with_or_without_v1_reaches_the_same_path(
    settings: Settings, upstream: FakeUpstream, clock: FakeClock, suffix: str
) -> None:
    base = Settings.from_env({"CART_OPENAI_BASE_URL": upstream.url + suffix}).openai_base_url
    assert base == upstream.url
    configured = replace(settings, openai_api_key=API_KEY, openai_base_url=base)
    with TestClient(create_app(configured, clock=clock)) as client:
        answer = mint(client)  # the fake serves only /v1/realtime/client_secrets: /v1/v1/... would be a 502
    assert answer.status_code == 200 and answer.json()["calls_url"] == f"{upstream.url}/v1/realtime/calls"


def test_a_base_url_given_directly_is_normalised_too() -> None:
    assert Settings(openai_base_url="https://api.openai.com/v1/").openai_base_url == "https://api.openai.com"
