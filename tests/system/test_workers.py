"""``voicecart serve --workers N``: uvicorn worker processes share one port, any worker serves
any turn, a killed worker is replaced, and SIGHUP to the supervisor brings every worker onto the
new menu."""

from __future__ import annotations

import json
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import DEMO, TEST_KEYS
from tests.servers import ServerProcess
from tests.voice_session import Session

pytestmark = pytest.mark.slow


@pytest.fixture
def server(tmp_path: Path, menu_dir: Path) -> Iterator[ServerProcess]:
    env = {
        "CART_KEYS": TEST_KEYS,
        "CART_MENU_DIR": str(menu_dir),
        "CART_DATA_DIR": str(tmp_path / "data"),
        "CART_MENU_RELOAD_SECONDS": "0",
    }
    with ServerProcess(env, args=("--workers", "2"), log_path=tmp_path / "serve.log") as server:
        yield server


def workers_seen(url: str, want: int = 2, attempts: int = 300) -> set[str]:
    """Instances answering fresh connections (the kernel spreads accepts over the workers)."""
    seen: set[str] = set()
    for _ in range(attempts):
        try:
            answer = httpx.get(f"{url}/healthz", headers={"Connection": "close"})
        except httpx.TransportError:  # a worker being replaced
            time.sleep(0.05)
            continue
        assert answer.status_code == 200, answer.text
        seen.add(answer.headers["voicecart-instance"])
        if len(seen) >= want:
            break
    return seen


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_two_workers_serve_one_session(server: ServerProcess) -> None:
    instances = workers_seen(server.url)
    assert len(instances) == 2
    pids = {int(i.rpartition(":")[2]) for i in instances}
    assert server.proc is not None and server.proc.pid not in pids  # workers, not the supervisor

    with httpx.Client(timeout=10, headers={"Connection": "close"}) as client:
        session = Session(client, server.url, seed=3)
        session.start()
        for _ in range(200):  # until the session has crossed between the workers a few times
            session.step()
            if len(set(session.served_by)) == 2 and len(session.served_by) >= 30:
                break
        assert len(set(session.served_by)) == 2
        assert session.lost() == 0


def test_a_killed_worker_is_replaced_and_carts_continue(server: ServerProcess) -> None:
    with httpx.Client(timeout=10, headers={"Connection": "close"}) as client:
        session = Session(client, server.url, seed=4)
        session.start()
        for _ in range(6):
            session.step()
        victim = int(session.served_by[-1].rpartition(":")[2])
        os.kill(victim, signal.SIGKILL)
        for _ in range(10):
            session.step()
        deadline = time.monotonic() + 20
        while len(workers_seen(server.url, attempts=50)) < 2:
            assert time.monotonic() < deadline, "uvicorn did not replace the killed worker"
        assert all(not i.endswith(f":{victim}") for i in workers_seen(server.url))
        assert session.lost() == 0


def test_sighup_to_the_supervisor_reloads_every_worker(server: ServerProcess, menu_dir: Path) -> None:
    path = menu_dir / "demo-burger.json"
    menu = json.loads(path.read_text())
    next(i for i in menu["items"] if i["id"] == "cookie")["price_cents"] = 229
    path.write_text(json.dumps(menu))
    old_workers = workers_seen(server.url)

    assert server.proc is not None
    os.kill(server.proc.pid, signal.SIGHUP)
    deadline = time.monotonic() + 30
    while any(alive(int(w.rpartition(":")[2])) for w in old_workers):  # uvicorn retires each once its successor is up
        assert time.monotonic() < deadline, "workers were not restarted on SIGHUP"
        time.sleep(0.1)
    assert len(workers_seen(server.url)) == 2
    for _ in range(10):
        served = httpx.get(f"{server.url}/v1/restaurants/{DEMO}/menu", headers={"Connection": "close"}).json()
        assert next(i for i in served["items"] if i["id"] == "cookie")["price_cents"] == 229
