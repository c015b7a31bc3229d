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


def test_clocks_further_apart_than_the_allowed_skew_are_refused(settings: Settings) -> None:
    true_time = FakeClock(T0)
    allowed = settings.clock_skew_seconds
    ahead = TestClient(create_app(settings, clock=lambda: true_time() + allowed + 1))
    behind = TestClient(create_app(settings, clock=true_time))
    with ahead, behind:
        token = ahead.post(CART).headers["Cart-Token"]
        refused = behind.get(CART, headers={"Cart-Token": token})
        assert refused.status_code == 401
        assert "clock" in refused.json()["error"]["message"]
