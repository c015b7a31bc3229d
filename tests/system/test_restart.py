"""SIGKILL replicas in the middle of sessions (one, then all at once); restarted replicas
continue every cart exactly, because the cart lives in the token the client holds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import TEST_KEYS
from tests.fleet import Fleet
from tests.voice_session import Session

pytestmark = pytest.mark.slow


@pytest.fixture
def fleet(tmp_path: Path, menu_dir: Path) -> Iterator[Fleet]:
    env = {"CART_KEYS": TEST_KEYS, "CART_MENU_DIR": str(menu_dir), "CART_DATA_DIR": str(tmp_path / "data")}
    fleet = Fleet(2, env, tmp_path / "logs").start_all()
    yield fleet
    fleet.stop_all()


def test_a_killed_replicas_sessions_continue_elsewhere_and_after_restart(fleet: Fleet) -> None:
    with httpx.Client(timeout=10) as client:
        session = Session(client, fleet.url(0), seed=1)
        session.start()
        for _ in range(8):
            session.step()
        cart_before = session.cart()

        fleet.kill(0)
        with pytest.raises(httpx.TransportError):
            client.get(f"{fleet.url(0)}/healthz")
        elsewhere = session.cart(fleet.url(1))
        assert (elsewhere["lines"], elsewhere["total_cents"]) == (cart_before["lines"], cart_before["total_cents"])
        for _ in range(4):
            session.step(fleet.url(1))

        fleet.start(0)
        for _ in range(4):
            session.step(fleet.url(0))
        assert session.lost(fleet.url(0)) == 0
        assert session.lost(fleet.url(1)) == 0


def test_killing_every_replica_at_once_loses_no_cart(fleet: Fleet) -> None:
    with httpx.Client(timeout=10) as client:
        sessions = [Session(client, fleet.url(n % 2), seed=n) for n in range(6)]
        for session in sessions:
            session.start()
            for _ in range(6):
                session.step()
        carts = [session.cart() for session in sessions]

        for index in range(2):
            fleet.kill(index)
        for index in range(2):
            fleet.start(index)

        for session, before in zip(sessions, carts, strict=True):
            after = session.cart()
            assert after["lines"] == before["lines"]
            assert after["total_cents"] == before["total_cents"]
            for _ in range(3):
                session.step()
            assert session.lost() == 0
