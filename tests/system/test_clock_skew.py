"""Replicas whose clocks differ by a few seconds accept each other's fresh tokens, and expiry is
exact to within that skew (the bound documented in deploy/README.md, "Clocks")."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack

import pytest
from starlette.testclient import TestClient

from app.server.app import create_app
from app.settings import Settings
from tests.conftest import DEMO, T0, FakeClock

CART = f"/v1/restaurants/{DEMO}/cart"
TTL = 1800
SKEW = 5


@pytest.fixture
def replicas(settings: Settings) -> Iterator[tuple[TestClient, TestClient, FakeClock]]:
    """``fast`` runs SKEW seconds ahead of ``slow``; both follow one true clock."""
    true_time = FakeClock(T0)
    with ExitStack() as stack:
        fast = stack.enter_context(TestClient(create_app(settings, clock=lambda: true_time() + SKEW)))
        slow = stack.enter_context(TestClient(create_app(settings, clock=true_time)))
        yield fast, slow, true_time


def test_a_slow_replica_accepts_a_fast_replicas_fresh_token(replicas: tuple[TestClient, TestClient, FakeClock]) -> None:
    fast, slow, _ = replicas
    token = fast.post(CART).headers["Cart-Token"]
    answer = slow.post(f"{CART}/items", json={"item": "mexican-coke"}, headers={"Cart-Token": token})
    assert answer.status_code == 200, answer.text
    back = fast.get(CART, headers={"Cart-Token": answer.headers["Cart-Token"]})
    assert back.status_code == 200


def test_expiry_is_exact_to_within_the_skew(replicas: tuple[TestClient, TestClient, FakeClock]) -> None:
    fast, slow, true_time = replicas
    token = fast.post(CART).headers["Cart-Token"]  # last activity: true T0, stamped T0 + SKEW

    true_time.advance(TTL + SKEW)  # the slow replica reads the stamp with its own clock
    assert slow.get(CART, headers={"Cart-Token": token}).status_code == 200
    true_time.advance(1)
    late = slow.get(CART, headers={"Cart-Token": token})
    assert late.status_code == 401
    assert late.json()["error"]["code"] == "token_expired"
    # so the cart lived TTL + SKEW true seconds: late by at most the skew
    assert fast.get(CART, headers={"Cart-Token": token}).json()["error"]["code"] == "token_expired"


def test_a_fast_replica_expires_a_slow_replicas_token_early_by_the_skew(
    replicas: tuple[TestClient, TestClient, FakeClock],
) -> None:
    fast, slow, true_time = replicas
    token = slow.post(CART).headers["Cart-Token"]
    true_time.advance(TTL - SKEW)
    assert fast.get(CART, headers={"Cart-Token": token}).status_code == 200
    true_time.advance(1)
    assert fast.get(CART, headers={"Cart-Token": token}).json()["error"]["code"] == "token_expired"
    assert slow.get(CART, headers={"Cart-Token": token}).status_code == 200  # early by exactly SKEW


def test_a_token_from_beyond_the_allowed_skew_is_retryable_and_stays_valid(settings: Settings) -> None:
    true_time = FakeClock(T0)
    allowed = settings.clock_skew_seconds
    ahead = TestClient(create_app(settings, clock=lambda: true_time() + allowed + 1))
    behind = TestClient(create_app(settings, clock=true_time))
    with ahead, behind:
        token = ahead.post(CART).headers["Cart-Token"]
        answer = behind.get(CART, headers={"Cart-Token": token})
        assert answer.status_code == 503  # not 401: the token is authentic, a clock is wrong
        assert answer.json()["error"]["code"] == "clock_skew"
        assert "clock" in answer.json()["error"]["message"]
        assert answer.headers["Retry-After"] == "1"
        assert ahead.get(CART, headers={"Cart-Token": token}).status_code == 200  # the cart is intact


def test_a_replica_behind_its_peers_measures_it_reports_itself_and_keeps_every_cart(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    true_time = FakeClock(T0)
    peer = TestClient(
        create_app(settings, clock=lambda: true_time() + 300), client=("127.0.0.1", 50000)
    )  # the fleet's time
    late = TestClient(create_app(settings, clock=true_time), client=("127.0.0.1", 50000))  # 5 minutes behind
    with peer, late:
        assert late.get("/readyz").json()["clock"]["status"] == "ok"
        tokens = [peer.post(CART).headers["Cart-Token"] for _ in range(8)]
        answers = [late.get(CART, headers={"Cart-Token": token}) for token in tokens]
        codes = [a.status_code for a in answers]
        # the first two could be a fluke (retryable 503, token intact); then it knows its own offset
        assert codes[:2] == [503, 503] and codes[2:] == [200] * 6
        ready = late.get("/readyz")
        assert ready.status_code == 503
        clock = ready.json()["clock"]
        assert clock["status"] == "behind" and 295 <= clock["offset_seconds"] <= 300
        assert "behind" in clock["message"]
        metrics = late.get("/metrics").text
        assert "voicecart_clock_ok 0.0" in metrics
        assert any(line.startswith("voicecart_clock_offset_seconds 30") for line in metrics.splitlines())
        loud = [r for r in caplog.records if r.name == "voicecart.clock" and r.levelname == "ERROR"]
        assert len(loud) == 1 and "behind" in loud[0].getMessage()
        # the peer itself minted all of these: nothing to measure there
        assert peer.get("/readyz").json()["clock"] == {
            "status": "ok",
            "offset_seconds": 0,
            "peer_samples": 0,
            "message": "this replica's clock agrees with its peers'",
        }
