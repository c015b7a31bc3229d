"""Issue #24: a replica with no proxy in front (Kubernetes, ``docker run -p``) bounds what a client
may send, and the shipped nginx keeps operator details off the public edge and answers JSON when it
answers a checkout itself. Real ``voicecart serve`` processes and a real nginx on loopback."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import yaml

from tests.conftest import DEMO, TEST_KEYS
from tests.fleet import Fleet, Nginx, demo_fleet
from tests.servers import ServerProcess

pytestmark = pytest.mark.slow  # real processes

REPO = Path(__file__).parents[2]
TIMEOUT = 2  # CART_REQUEST_TIMEOUT_SECONDS for these replicas


def raw_exchange(port: int, data: bytes, wait: float = 5.0) -> bytes:
    """Send ``data`` and read until the server closes (or ``wait`` passes)."""
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as conn:
        conn.sendall(data)
        answer = b""
        try:
            while chunk := conn.recv(65536):
                answer += chunk
        except (TimeoutError, ConnectionResetError):
            pass
    return answer


def error_of(answer: bytes) -> tuple[int, str]:
    head, _, body = answer.partition(b"\r\n\r\n")
    return int(head.split()[1]), json.loads(body)["error"]["code"]


@pytest.fixture(scope="module")
def replica(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    root = tmp_path_factory.mktemp("bare")
    env = {
        "CART_KEYS": TEST_KEYS,
        "CART_DATA_DIR": str(root / "data"),
        "CART_REQUEST_TIMEOUT_SECONDS": str(TIMEOUT),
    }
    with ServerProcess(env, args=("--limit-concurrency", "8"), log_path=root / "serve.log") as server:
        yield server


def test_headers_are_bounded_in_size_and_count(replica: ServerProcess) -> None:
    huge = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * (64 * 1024) + b"\r\n\r\n"
    assert error_of(raw_exchange(replica.port, huge)) == (431, "request_header_too_large")  # 16 MB were accepted
    many = b"GET /healthz HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-%d: 1\r\n" % n for n in range(150)) + b"\r\n"
    assert error_of(raw_exchange(replica.port, many)) == (431, "request_header_too_large")  # 10,000 were
    assert httpx.get(f"{replica.url}/healthz").status_code == 200


def test_a_slow_head_is_timed_out(replica: ServerProcess) -> None:
    started = time.monotonic()
    answer = raw_exchange(replica.port, b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ", wait=TIMEOUT + 5)
    assert error_of(answer) == (408, "request_timeout")
    assert json.loads(answer.partition(b"\r\n\r\n")[2])["error"]["timeout_seconds"] == TIMEOUT  # as a body's 408
    assert time.monotonic() - started < TIMEOUT + 3


def test_slow_bodies_hold_no_slot_and_are_timed_out(replica: ServerProcess) -> None:
    """300 slow-body connections made a replica answer 503 to everyone for 70 s."""
    cart = httpx.post(f"{replica.url}/v1/restaurants/{DEMO}/cart").json()["cart_token"]
    head = (
        f"POST /v1/restaurants/{DEMO}/cart/items HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        f"Cart-Token: {cart}\r\nContent-Length: 100\r\n\r\n"
    ).encode()
    slow = []
    for _ in range(30):  # far more than --limit-concurrency 8
        conn = socket.create_connection(("127.0.0.1", replica.port), timeout=TIMEOUT + 5)
        conn.sendall(head + b'{"item"')
        slow.append(conn)
    try:
        time.sleep(0.5)
        served = httpx.post(f"{replica.url}/v1/restaurants/{DEMO}/cart")
        assert served.status_code == 201, served.text  # was 503 overloaded
        answers = []
        for conn in slow:
            data = b""
            while chunk := conn.recv(65536):
                data += chunk
            answers.append(error_of(data))
    finally:
        for conn in slow:
            conn.close()
    assert set(answers) == {(408, "request_timeout")}


def test_the_kubernetes_manifest_trusts_forwarded_headers_only_from_the_ingress() -> None:
    """FORWARDED_ALLOW_IPS="*" let any client set X-Forwarded-For: the per-client session limit never applied."""
    deployment = yaml.safe_load((REPO / "deploy" / "kubernetes" / "deployment.yaml").read_text())
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    env = {e["name"]: e.get("value") for e in container["env"]}
    trusted = env["FORWARDED_ALLOW_IPS"]
    assert trusted and "*" not in trusted
    import ipaddress

    assert all(ipaddress.ip_network(part.strip()) for part in trusted.split(","))


# --- behind the shipped nginx ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def edge(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Fleet, Nginx]]:
    fleet, nginx, _ = demo_fleet(tmp_path_factory.mktemp("edge"), TEST_KEYS, size=2)
    fleet.start_all()
    nginx.start()
    try:
        yield fleet, nginx
    finally:
        nginx.stop()
        fleet.stop_all()


PUBLIC = {"X-Forwarded-For": "203.0.113.9"}  # a customer's address, as a proxy chain in front would say


def test_operator_details_stay_off_the_public_edge(edge: tuple[Fleet, Nginx]) -> None:
    _, nginx = edge
    public = httpx.get(f"{nginx.url}/readyz", headers=PUBLIC)
    assert public.status_code == 200 and public.json() == {"status": "ready"}  # no key ids, fingerprints, digests
    assert "voicecart-instance" not in public.headers
    assert public.headers["server"] == "nginx"  # no version
    operator = httpx.get(f"{nginx.url}/readyz")  # from the box itself: loopback is an operator
    assert "keys" in operator.json() and "voicecart-instance" in operator.headers


def test_the_demo_page_and_its_files_cannot_be_framed(edge: tuple[Fleet, Nginx]) -> None:
    _, nginx = edge
    for path in ("/", "/static/demo.js", "/static/cart-client.js"):
        headers = httpx.get(f"{nginx.url}{path}", headers=PUBLIC).headers
        policy = headers["content-security-policy"]
        assert "frame-ancestors 'none'" in policy and "script-src 'self'" in policy
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
        assert "microphone=(self)" in headers["permissions-policy"]


def test_the_pages_own_origin_on_a_non_default_port_may_start_voice(edge: tuple[Fleet, Nginx]) -> None:
    _, nginx = edge
    origin = f"http://127.0.0.1:{nginx.port}"
    answer = httpx.post(f"{nginx.url}/v1/realtime/session", json={"restaurant_id": DEMO}, headers={"Origin": origin})
    # past the origin check (was 403 origin_not_allowed: the proxy passed Host without the port);
    # this fleet has no OPENAI_API_KEY, so the answer is that voice is off
    assert answer.json()["error"]["code"] == "realtime_unavailable", answer.text


def test_nginxs_own_502_on_a_checkout_is_json_outcome_unknown(edge: tuple[Fleet, Nginx]) -> None:
    fleet, nginx = edge
    token = httpx.post(f"{nginx.url}/v1/restaurants/{DEMO}/cart").json()["cart_token"]
    for index in range(len(fleet.ports)):
        fleet.kill(index)  # every replica gone: nginx answers the checkout itself
    try:
        answer = httpx.post(
            f"{nginx.url}/v1/restaurants/{DEMO}/cart/checkout",
            json={"customer": {"name": "Ada"}, "fulfillment": "pickup"},
            headers={"Cart-Token": token},
        )
        assert answer.headers["content-type"].startswith("application/json"), answer.text  # was nginx's HTML 502
        assert answer.status_code == 504 and answer.json()["error"]["code"] == "order_outcome_unknown"
    finally:
        fleet.start_all()
