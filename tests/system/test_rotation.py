"""Rolling key rotation, the documented three steps (deploy/README.md), walked by a real fleet
behind nginx with sessions in flight: no cart is ever rejected.

1. add the new key, verify-only, everywhere:   CART_KEYS=old,new
2. make it the signing key, everywhere:        CART_KEYS=new,old
3. after the TTL, drop the old key:            CART_KEYS=new
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from app.core.cart import new_cart
from app.core.token.codec import CartCodec, TokenPolicy, read_header
from app.core.token.keys import KeyRing, kid_tag
from app.errors import TokenExpired, TokenInvalid
from tests.conftest import DEMO, T0
from tests.fleet import demo_fleet
from tests.voice_session import Session

OLD = "old:" + "o" * 43
NEW = "new:" + "n" * 43
STEPS = (f"{OLD},{NEW}", f"{NEW},{OLD}", NEW)


def codec(spec: str) -> CartCodec:
    return CartCodec(KeyRing.parse(spec), TokenPolicy(ttl_seconds=1800))


def token_from(spec: str, now: int = T0) -> str:
    return codec(spec).encode(new_cart(b"12345678", DEMO, now), now)


def test_each_step_accepts_every_token_the_fleet_can_hold() -> None:
    # while a fleet is between steps, replicas run neighbouring rings; each must read the other's tokens
    rings = [OLD, *STEPS]
    for before, after in itertools.pairwise(rings):
        for signer, reader in ((before, after), (after, before)):
            codec(reader).decode(token_from(signer), DEMO, T0)


def test_skipping_step_one_would_strand_carts() -> None:
    # the negative control: a replica that signs with a key its neighbours do not have yet
    with pytest.raises(TokenInvalid) as refused:
        codec(OLD).decode(token_from(f"{NEW},{OLD}"), DEMO, T0)
    assert refused.value.reason == "unknown_key"


def test_after_the_ttl_a_token_signed_by_the_old_key_is_expired_anyway() -> None:
    # why step 3 waits one TTL after step 2 finished: any idle old-key token has expired by then
    idle = token_from(STEPS[0])
    with pytest.raises(TokenExpired):
        codec(STEPS[1]).decode(idle, DEMO, T0 + 1801)
    with pytest.raises(TokenInvalid):
        codec(STEPS[2]).decode(idle, DEMO, T0 + 10)  # dropping it early would strand this cart


def test_keys_list_shows_each_steps_roles_without_secrets() -> None:
    listed = []
    for spec in STEPS:
        run = subprocess.run(
            [sys.executable, "-m", "app", "keys", "list"],
            env={**os.environ, "CART_KEYS": spec},
            capture_output=True,
            text=True,
            check=True,
        )
        assert "o" * 43 not in run.stdout and "n" * 43 not in run.stdout
        listed.append([(line.split("\t")[0], line.split("\t")[2]) for line in run.stdout.splitlines()])
    assert listed == [
        [("old", "signs+verifies"), ("new", "verifies")],
        [("new", "signs+verifies"), ("old", "verifies")],
        [("new", "signs+verifies")],
    ]


class Traffic:
    """Sessions taking turns through the balancer in background threads until stopped."""

    def __init__(self, url: str, count: int) -> None:
        self.stop = threading.Event()
        self.errors: list[BaseException] = []
        self.sessions = [Session(httpx.Client(timeout=10), url, seed=n) for n in range(count)]
        self.threads = [threading.Thread(target=self.run, args=(s,)) for s in self.sessions]

    def run(self, session: Session) -> None:
        try:
            session.start()
            while not self.stop.is_set():
                session.step()
        except BaseException as exc:  # surfaced by the test
            self.errors.append(exc)

    def turns(self) -> int:
        return sum(len(s.served_by) for s in self.sessions)

    def wait_turns(self, more: int) -> None:
        target = self.turns() + more
        while self.turns() < target and not self.errors:
            self.stop.wait(0.05)

    def __enter__(self) -> Traffic:
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(30)

    def close(self) -> None:
        for session in self.sessions:
            session.client.close()


@pytest.mark.slow
def test_a_fleet_rotates_its_key_with_sessions_in_flight(tmp_path: Path) -> None:
    fleet, nginx, _ = demo_fleet(tmp_path, OLD)
    traffic = Traffic(nginx.url, 6)
    try:
        fleet.start_all()
        nginx.start()
        with traffic:
            traffic.wait_turns(30)
            for spec in STEPS:
                fleet.set_env(CART_KEYS=spec)
                for index in range(3):  # one replica at a time: mixed rings while traffic flows
                    fleet.restart(index)
                    traffic.wait_turns(10)
                if spec == STEPS[1]:
                    # safe to drop `old` only when no live token needs it (in production: wait one TTL)
                    deadline = time.monotonic() + 30
                    while not all(read_header(s.token).kid_tag == kid_tag("new") for s in traffic.sessions):
                        assert traffic.errors == [] and time.monotonic() < deadline, (
                            "sessions still hold old-key tokens"
                        )
                        traffic.wait_turns(6)
            traffic.wait_turns(30)
        assert traffic.errors == []
        for session in traffic.sessions:
            assert session.lost() == 0
        shown = subprocess.run(
            [sys.executable, "-m", "app", "keys", "show", traffic.sessions[0].token],
            env={**os.environ, "CART_KEYS": NEW},
            capture_output=True,
            text=True,
            check=True,
        )
        assert json.loads(shown.stdout)["kid"] == "new"
    finally:
        traffic.close()
        nginx.stop()
        fleet.stop_all()
