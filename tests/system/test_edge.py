"""Operating at the edge, through the real nginx with the shipped deploy/nginx.conf and real replicas:
the largest token passes both ways, a hung replica costs no turn, a checkout runs on one replica
only and always answers with the app's documented JSON (never nginx's page)."""

from __future__ import annotations

import glob
import os
import random
import re
import signal
import sqlite3
import string
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app.core.token.codec import MAX_TOKEN_CHARS
from app.settings import Settings
from tests.conftest import DEMO, TEST_KEYS
from tests.fleet import NGINX_SITE, Fleet, Nginx, demo_fleet
from tests.order_receiver import OrderReceiver

pytestmark = pytest.mark.slow

BASE = f"/v1/restaurants/{DEMO}"
ORDER = {"customer": {"name": "Ada Lovelace"}, "fulfillment": "pickup"}
SECRET = "s" * 40


def running(fleet: Fleet, nginx: Nginx) -> Iterator[tuple[Fleet, Nginx]]:
    try:
        fleet.start_all()
        nginx.start()
        yield fleet, nginx
    finally:
        nginx.stop()
        fleet.stop_all()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Fleet, Nginx]]:
    fleet, nginx, _ = demo_fleet(tmp_path_factory.mktemp("edge"), TEST_KEYS)
    yield from running(fleet, nginx)


def checkout_requests(fleet: Fleet) -> int:
    """Checkout requests counted by every replica's /metrics (each replica counts its own)."""
    total = 0
    for index in range(len(fleet.ports)):
        text = httpx.get(f"{fleet.url(index)}/metrics").text
        for match in re.finditer(r'voicecart_requests_total\{[^}]*route="[^"]*/cart/checkout"[^}]*\} (\S+)', text):
            total += int(float(match.group(1)))
    return total


def new_cart(client: httpx.Client, url: str) -> str:
    return client.post(f"{url}{BASE}/cart").json()["cart_token"]


def add(client: httpx.Client, url: str, token: str, notes: str) -> httpx.Response:
    return client.post(
        f"{url}{BASE}/cart/items", headers={"Cart-Token": token}, json={"item": "mexican-coke", "notes": notes}
    )


def one_item_cart(client: httpx.Client, url: str) -> str:
    return add(client, url, new_cart(client, url), "").json()["cart_token"]


def checkout_on_one_replica(client: httpx.Client, fleet: Fleet, nginx: Nginx, token: str) -> httpx.Response:
    """Check out through nginx and check that exactly one replica saw the request (no replay)."""
    before = checkout_requests(fleet)
    answer = client.post(f"{nginx.url}{BASE}/cart/checkout", headers={"Cart-Token": token}, json=ORDER)
    assert checkout_requests(fleet) - before == 1, "nginx replayed a checkout on another replica"
    return answer


def maximal_cart(client: httpx.Client, url: str, seed: int = 16) -> str:
    """Fill a cart with incompressible notes until the next line would not fit in a token; the last
    token the app minted is then within a few characters of MAX_TOKEN_CHARS."""
    rng = random.Random(seed)
    token = new_cart(client, url)
    size = 140
    while size:
        notes = "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(size))
        answer = add(client, url, token, notes)
        if answer.status_code == 200:
            token = answer.json()["cart_token"]
        else:
            assert answer.json()["error"]["code"] == "cart_too_large", answer.text
            size //= 2
    return token


# --- the largest token passes the proxy both ways ---------------------------------------------------


def test_the_largest_cart_passes_nginx_both_ways_and_checks_out(cluster: tuple[Fleet, Nginx]) -> None:
    fleet, nginx = cluster
    with httpx.Client(timeout=30) as client:
        token = maximal_cart(client, nginx.url)
        assert MAX_TOKEN_CHARS - 40 < len(token) <= MAX_TOKEN_CHARS
        for _ in range(len(fleet.ports)):  # round robin: every replica reads it and mints its successor
            viewed = client.get(f"{nginx.url}{BASE}/cart", headers={"Cart-Token": token})
            assert viewed.status_code == 200, viewed.text
            assert len(viewed.headers["Cart-Token"]) > MAX_TOKEN_CHARS - 40
        placed = client.post(f"{nginx.url}{BASE}/cart/checkout", headers={"Cart-Token": token}, json=ORDER)
        assert placed.status_code == 201, placed.text
        assert placed.headers["Cart-Token"] == placed.json()["cart_token"]
        again = client.post(f"{nginx.url}{BASE}/cart/checkout", headers={"Cart-Token": token}, json=ORDER)
        assert again.status_code == 200 and again.json()["order"] == placed.json()["order"]


# --- a hung replica -----------------------------------------------------------------------------------


def test_a_frozen_replica_costs_no_turn(cluster: tuple[Fleet, Nginx]) -> None:
    fleet, nginx = cluster
    frozen = fleet.replicas[1]
    assert frozen is not None and frozen.proc is not None
    frozen_instance = httpx.get(f"{fleet.url(1)}/healthz").headers["voicecart-instance"]
    # a voice client's deadline for one turn; behind the old 10 s proxy_read_timeout these timed out
    with httpx.Client(timeout=8) as client:
        token = new_cart(client, nginx.url)
        os.kill(frozen.proc.pid, signal.SIGSTOP)
        try:
            served = []
            for n in range(6):  # round robin sends some of these to the frozen one first
                answer = add(client, nginx.url, token, f"turn {n}")
                assert answer.status_code == 200, answer.text
                token = answer.json()["cart_token"]
                served.append(answer.headers["voicecart-instance"])
        finally:
            os.kill(frozen.proc.pid, signal.SIGCONT)
        assert frozen_instance not in served
        assert len(client.get(f"{nginx.url}{BASE}/cart", headers={"Cart-Token": token}).json()["cart"]["lines"]) == 6


# --- the shipped timeouts nest --------------------------------------------------------------------------


def nginx_seconds(location: str, directive: str) -> int:
    """A ``<directive> <N>s;`` inside the location block whose header contains ``location``."""
    text = NGINX_SITE.read_text()
    start = text.index(location)
    block = text[start : text.index("\n    }", start)]
    return int(re.search(rf"{directive} (\d+)s;", block).group(1))  # type: ignore[union-attr]


def test_checkouts_whole_budget_sits_inside_the_proxys_timeout() -> None:
    defaults = Settings()
    checkout_read = nginx_seconds("cart/checkout|tools/confirm_order", "proxy_read_timeout")
    turn_read = nginx_seconds("location / {", "proxy_read_timeout")
    assert defaults.order_webhook_deadline_seconds < defaults.checkout_timeout_seconds < checkout_read
    assert turn_read < defaults.checkout_timeout_seconds  # a hung replica is skipped quickly for turns
    site = NGINX_SITE.read_text()
    checkout_block = site[site.index("cart/checkout|tools/confirm_order") :]
    checkout_block = checkout_block[: checkout_block.index("\n    }")]
    assert "non_idempotent" not in checkout_block and "http_50" not in checkout_block  # never replayed once sent


# --- a checkout runs on one replica and answers with the app's JSON ---------------------------------


def webhook_fleet_for(receiver: OrderReceiver, root: Path) -> Iterator[tuple[Fleet, Nginx, OrderReceiver]]:
    fleet, nginx, _ = demo_fleet(
        root,
        TEST_KEYS,
        CART_ORDER_WEBHOOK_URL=receiver.url,
        CART_ORDER_WEBHOOK_SECRET=SECRET,
        CART_ORDER_WEBHOOK_DEADLINE_SECONDS="2",
        CART_CHECKOUT_TIMEOUT_SECONDS="4",
    )
    for pair in running(fleet, nginx):
        yield (*pair, receiver)


@pytest.fixture
def webhook_fleet(tmp_path: Path) -> Iterator[tuple[Fleet, Nginx, OrderReceiver]]:
    with OrderReceiver(SECRET, fail_first=10**6, fail_status=500) as receiver:
        yield from webhook_fleet_for(receiver, tmp_path)


@pytest.fixture
def late_kitchen_fleet(tmp_path: Path) -> Iterator[tuple[Fleet, Nginx, OrderReceiver]]:
    """The kitchen stores each order, then answers after the sender's 2 s deadline."""
    with OrderReceiver(SECRET, answer_after_storing=4.0) as receiver:
        yield from webhook_fleet_for(receiver, tmp_path)


def test_a_failing_kitchen_is_one_replicas_json_error(webhook_fleet: tuple[Fleet, Nginx, OrderReceiver]) -> None:
    fleet, nginx, receiver = webhook_fleet
    with httpx.Client(timeout=60) as client:
        failed = checkout_on_one_replica(client, fleet, nginx, one_item_cart(client, nginx.url))
    assert failed.status_code == 502
    assert failed.json()["error"]["code"] == "order_delivery_failed"  # the app's JSON, not nginx's page
    assert 1 <= receiver.attempts <= 8  # one replica's retries (the sink's max_attempts), not three replicas'


def test_a_kitchen_that_may_have_the_order_is_never_reported_as_nothing_ordered(
    late_kitchen_fleet: tuple[Fleet, Nginx, OrderReceiver],
) -> None:
    fleet, nginx, receiver = late_kitchen_fleet
    with httpx.Client(timeout=60) as client:
        token = one_item_cart(client, nginx.url)
        unsure = checkout_on_one_replica(client, fleet, nginx, token)
        assert unsure.status_code == 504, unsure.text
        error = unsure.json()["error"]
        assert error["code"] == "order_outcome_unknown" and "nothing was ordered" not in error["message"]
        assert len(receiver.orders) == 1  # the kitchen has it
        receiver.answer_after_storing = 0
        retried = client.post(f"{nginx.url}{BASE}/cart/checkout", headers={"Cart-Token": token}, json=ORDER)
    assert retried.status_code == 200, retried.text  # the same checkout: already placed, the same order
    assert retried.json()["order"]["order_id"] in receiver.orders
    assert len(receiver.orders) == 1


@pytest.fixture
def sqlite_fleet(tmp_path: Path) -> Iterator[tuple[Fleet, Nginx, Path]]:
    db = tmp_path / "shared" / "orders.sqlite3"
    fleet, nginx, _ = demo_fleet(tmp_path, TEST_KEYS, CART_ORDERS_DB=str(db), CART_CHECKOUT_TIMEOUT_SECONDS="3")
    for pair in running(fleet, nginx):
        yield (*pair, db)


def test_a_locked_order_store_is_one_replicas_json_error_then_the_retry_places_it(
    sqlite_fleet: tuple[Fleet, Nginx, Path],
) -> None:
    fleet, nginx, db = sqlite_fleet
    with httpx.Client(timeout=60) as client:
        first = checkout_on_one_replica(client, fleet, nginx, one_item_cart(client, nginx.url))
        assert first.status_code == 201  # the store exists now
        token = one_item_cart(client, nginx.url)
        lock = sqlite3.connect(db, isolation_level=None)
        lock.execute("BEGIN EXCLUSIVE")
        try:
            locked = checkout_on_one_replica(client, fleet, nginx, token)
        finally:
            lock.execute("ROLLBACK")
            lock.close()
        assert locked.status_code == 502, locked.text
        assert locked.json()["error"]["code"] == "order_delivery_failed"
        retried = client.post(f"{nginx.url}{BASE}/cart/checkout", headers={"Cart-Token": token}, json=ORDER)
        assert retried.status_code == 201, retried.text


# --- a replica with a bad clock ------------------------------------------------------------------------


def libfaketime() -> str:
    """libfaketime (Debian's ``faketime``): shifts one process's wall clock, nothing else."""
    found = sorted(glob.glob("/usr/lib/*/faketime/libfaketime.so.1"))
    if not found:
        if os.environ.get("CI"):
            pytest.fail("libfaketime is not installed (apt-get install faketime); CI must have it")
        pytest.skip("libfaketime is not installed (apt-get install faketime)")
    return found[-1]


@pytest.fixture
def skewed_fleet(tmp_path: Path) -> Iterator[tuple[Fleet, Nginx]]:
    """Two replicas; the second one's clock is 5 minutes behind (its wall clock only)."""
    fleet, nginx, _ = demo_fleet(tmp_path, TEST_KEYS, size=2)
    try:
        fleet.start(0)
        fleet.start(1, LD_PRELOAD=libfaketime(), FAKETIME="-300", DONT_FAKE_MONOTONIC="1")
        nginx.start()
        yield fleet, nginx
    finally:
        nginx.stop()
        fleet.stop_all()


def test_a_replica_five_minutes_behind_costs_no_cart_and_reports_itself(skewed_fleet: tuple[Fleet, Nginx]) -> None:
    fleet, nginx = skewed_fleet
    with httpx.Client(timeout=30) as client:
        tokens = [new_cart(client, nginx.url) for _ in range(3)]  # odd: round robin alternates each cart's replica
        for turn in range(8):
            for n, token in enumerate(tokens):
                answer = add(client, nginx.url, token, f"turn {turn}")
                assert answer.status_code == 200, answer.text  # nginx replays a clock_skew 503 elsewhere
                tokens[n] = answer.json()["cart_token"]
        for token in tokens:
            assert (
                len(client.get(f"{nginx.url}{BASE}/cart", headers={"Cart-Token": token}).json()["cart"]["lines"]) == 8
            )
    late = httpx.get(f"{fleet.url(1)}/readyz")
    assert late.status_code == 503
    assert late.json()["clock"]["status"] == "behind" and 290 <= late.json()["clock"]["offset_seconds"] <= 300
    metrics = httpx.get(f"{fleet.url(1)}/metrics").text
    assert "voicecart_clock_ok 0.0" in metrics
    retried = re.findall(r'voicecart_requests_total\{[^}]*status="503"[^}]*\} (\S+)', metrics)
    assert 1 <= sum(float(v) for v in retried) <= 2  # clock_skew until measured (nginx replayed them), then none
    log = (fleet.log_dir / "r1.log").read_text()
    assert "clock skew: this replica's clock is about" in log and "behind" in log
    # with two replicas the other cannot tell whose clock is wrong either: it reports the mirror image
    assert httpx.get(f"{fleet.url(0)}/readyz").json()["clock"]["status"] == "ahead"
