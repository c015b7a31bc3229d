"""Real ``voicecart serve`` processes on loopback, for tests that kill, restart and scale."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop_group(proc: subprocess.Popen[bytes] | None, timeout: float = 10) -> None:
    """SIGTERM ``proc``'s process group, SIGKILL it if it has not exited within ``timeout``."""
    if proc and proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout)


class ServerProcess:
    """``python -m app serve`` in its own process group; ``kill()`` is a real SIGKILL."""

    def __init__(
        self,
        env: Mapping[str, str],
        port: int | None = None,
        args: tuple[str, ...] = (),
        log_path: Path | None = None,
        command: tuple[str, ...] = (sys.executable, "-m", "app"),
    ) -> None:
        self.port = port or free_port()
        self.command = command  # what runs ``serve``: this checkout by default, or an installed ``voicecart``
        self.env = {**os.environ, **env}
        self.args = args
        self.log_path = log_path
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 20.0) -> ServerProcess:
        out = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL  # noqa: SIM115
        self.proc = subprocess.Popen(
            [*self.command, "serve", "--port", str(self.port), *self.args],
            env=self.env,
            stdout=out,
            stderr=subprocess.STDOUT if self.log_path else subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"voicecart serve exited with {self.proc.returncode}")
            try:
                if httpx.get(f"{self.url}/healthz", timeout=0.5).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"voicecart serve did not become healthy on port {self.port}")

    def kill(self) -> None:
        """SIGKILL the whole process group (uvicorn workers too): no shutdown hooks run."""
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        stop_group(self.proc)

    def __enter__(self) -> ServerProcess:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


@contextlib.contextmanager
def server_pair(env: Mapping[str, str], logs: Path) -> Iterator[tuple[ServerProcess, ServerProcess]]:
    """Two replicas of ``voicecart serve`` with the same environment, stopped afterwards (logs in ``logs``)."""
    a = ServerProcess(env, log_path=logs / "a.log").start()
    try:
        b = ServerProcess(env, log_path=logs / "b.log").start()
    except Exception:
        a.stop()
        raise
    try:
        yield a, b
    finally:
        a.stop()
        b.stop()
