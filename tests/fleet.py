"""A fleet of real ``voicecart serve`` replicas behind a real nginx, for tests and bench/soak.py.

nginx runs with the shipped ``deploy/nginx.conf`` (only the upstream ``server`` lines and the
``listen`` port are rewritten), so the tests prove the config operators copy.
"""

from __future__ import annotations

import contextlib
import os
import random
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Mapping
from pathlib import Path

import pytest

from tests.conftest import DEMO_MENU_FILE
from tests.servers import ServerProcess, free_port, stop_group

REPO = Path(__file__).resolve().parent.parent
NGINX_SITE = REPO / "deploy" / "nginx.conf"


def require_binary(name: str) -> str:
    """The binary's path; skip if it is absent locally, fail if it is absent in CI."""
    path = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/local/sbin:/sbin")
    if path is None:
        message = f"{name} is not installed (apt-get install {name})"
        if os.environ.get("CI"):
            pytest.fail(f"{message}; CI must have it")
        pytest.skip(message)
    return path


def restartable_port() -> int:
    """A free loopback port OUTSIDE the kernel's ephemeral range.

    A replica's port must still be free when the replica is restarted. Ports from ``free_port()``
    come from the ephemeral range, so while a replica is down an outgoing connection (nginx to
    another replica, a test client) can be given the same port and the restart fails to bind.
    """
    low = 32768
    with contextlib.suppress(OSError, ValueError):
        low = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    rng = random.Random()
    for _ in range(200):
        port = rng.randint(max(1024, low - 12000), low - 1)
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    return free_port()


def wait_for_port(port: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listening on 127.0.0.1:{port}")


def render_site(upstream_ports: list[int], listen_port: int) -> str:
    """deploy/nginx.conf with our replicas in the upstream and a loopback listen port."""
    site = NGINX_SITE.read_text()
    options = re.search(r"server 127\.0\.0\.1:\d+( [^;]*)?;", site)
    assert options, "deploy/nginx.conf lost its upstream server lines"
    extra = options.group(1) or ""
    servers = "".join(f"    server 127.0.0.1:{p}{extra};\n" for p in upstream_ports)
    site = re.sub(r"(    server 127\.0\.0\.1:\d+[^;]*;\n)+", lambda _: servers, site, count=1)
    site, listens = re.subn(r"listen \d+;", f"listen 127.0.0.1:{listen_port};", site)
    assert listens == 1, "deploy/nginx.conf must have exactly one `listen <port>;`"
    return site


class Nginx:
    """A real nginx master in the foreground, configured in ``directory``."""

    def __init__(self, directory: Path, upstream_ports: list[int], port: int | None = None) -> None:
        self.binary = require_binary("nginx")
        self.directory = directory
        self.port = port or free_port()
        directory.mkdir(parents=True, exist_ok=True)
        temp = "\n".join(
            f"    {kind}_temp_path {directory / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        user = "user root;\n" if os.geteuid() == 0 else ""
        self.conf = directory / "nginx.conf"
        self.conf.write_text(
            f"{user}worker_processes 1;\nworker_rlimit_nofile 8192;\nerror_log {directory / 'error.log'} warn;\n"
            f"events {{ worker_connections 4096; }}\n"
            f"http {{\n    access_log off;\n{temp}\n{render_site(upstream_ports, self.port)}\n}}\n"
        )
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Nginx:
        check = subprocess.run(
            [self.binary, "-t", "-p", str(self.directory), "-e", "stderr", "-c", str(self.conf)],
            capture_output=True,
            text=True,
        )
        assert check.returncode == 0, f"nginx -t failed:\n{check.stderr}"
        self.proc = subprocess.Popen(
            [
                self.binary,
                *("-p", str(self.directory), "-e", "stderr", "-c", str(self.conf)),
                *("-g", f"daemon off; pid {self.directory / 'nginx.pid'};"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=open(self.directory / "stderr.log", "ab"),  # noqa: SIM115
            start_new_session=True,
        )
        wait_for_port(self.port)
        return self

    def stop(self) -> None:
        stop_group(self.proc)


class Fleet:
    """``size`` replicas with one shared environment (key ring, menu dir) on fixed loopback ports."""

    def __init__(self, size: int, env: Mapping[str, str], log_dir: Path) -> None:
        self.env = dict(env)
        self.log_dir = log_dir
        log_dir.mkdir(parents=True, exist_ok=True)
        self.ports = [restartable_port() for _ in range(size)]
        self.replicas: list[ServerProcess | None] = [None] * size

    def start(self, index: int, **env: str) -> ServerProcess:
        """(Re)start replica ``index`` on its port, with ``env`` overriding the fleet environment."""
        server = ServerProcess({**self.env, **env}, port=self.ports[index], log_path=self.log_dir / f"r{index}.log")
        self.replicas[index] = server.start()
        return server

    def start_all(self) -> Fleet:
        for index in range(len(self.ports)):
            self.start(index)
        return self

    def kill(self, index: int) -> None:
        server = self.replicas[index]
        if server:
            server.kill()

    def restart(self, index: int, **env: str) -> ServerProcess:
        """SIGKILL (no graceful shutdown) and start again: the harshest deploy."""
        self.kill(index)
        return self.start(index, **env)

    def set_env(self, **env: str) -> None:
        """Change the environment future (re)starts get, e.g. a new CART_KEYS."""
        self.env.update(env)

    def url(self, index: int) -> str:
        return f"http://127.0.0.1:{self.ports[index]}"

    def stop_all(self) -> None:
        for server in self.replicas:
            if server:
                server.stop()


def demo_fleet(root: Path, keys: str, size: int = 3, **env: str) -> tuple[Fleet, Nginx, Path]:
    """``size`` replicas (not started) on a writable copy of the demo menu, polled every second,
    and an nginx in front of them; returns the fleet, nginx and the menu directory."""
    menus = root / "menus"
    menus.mkdir(parents=True)
    shutil.copy(DEMO_MENU_FILE, menus)
    base = {
        "CART_KEYS": keys,
        "CART_MENU_DIR": str(menus),
        "CART_MENU_RELOAD_SECONDS": "1",
        "CART_DATA_DIR": str(root / "data"),
    }
    fleet = Fleet(size, {**base, **env}, root / "logs")
    return fleet, Nginx(root / "nginx", fleet.ports), menus
