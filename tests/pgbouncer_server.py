"""A real PgBouncer (Debian's ``pgbouncer`` package) on loopback in front of a :class:`PostgresServer`.

PgBouncer refuses to run as root, so as root it runs as the ``postgres`` user (like the cluster).
Skips with a clear reason when the binary is absent outside CI; in CI (``CI`` set) that is a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from tests.fleet import require_binary
from tests.postgres_server import PostgresServer
from tests.servers import free_port


class PgBouncer:
    """``pool_mode`` session or transaction; ``default_pool_size`` server connections per database."""

    def __init__(self, postgres: PostgresServer, pool_mode: str, default_pool_size: int = 2) -> None:
        self.binary = require_binary("pgbouncer")
        self.postgres = postgres
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="voicecart-pgbouncer-"))
        (self.root / "userlist.txt").write_text('"voicecart" ""\n')
        self.config = self.root / "pgbouncer.ini"
        self.config.write_text(
            "[databases]\n"
            f"* = host=127.0.0.1 port={postgres.port}\n"
            "[pgbouncer]\n"
            f"listen_addr = 127.0.0.1\nlisten_port = {self.port}\nunix_socket_dir =\n"
            f"auth_type = trust\nauth_file = {self.root / 'userlist.txt'}\n"
            f"pool_mode = {pool_mode}\ndefault_pool_size = {default_pool_size}\n"
            f"logfile = {self.root / 'pgbouncer.log'}\npidfile = {self.root / 'pgbouncer.pid'}\n"
        )  # everything else is PgBouncer's default (ignore_startup_parameters empty: "options" refused)
        if os.geteuid() == 0:
            for path in (self.root, *self.root.iterdir()):
                shutil.chown(path, "postgres", "postgres")
        self.proc: subprocess.Popen[bytes] | None = None

    def url(self, database: str) -> str:
        return f"postgresql://voicecart@127.0.0.1:{self.port}/{database}"

    def __enter__(self) -> PgBouncer:
        argv = [self.binary, str(self.config)]
        if os.geteuid() == 0:
            argv = ["runuser", "-u", "postgres", "--", *argv]
        self.proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"pgbouncer exited:\n{(self.root / 'pgbouncer.log').read_text()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("pgbouncer did not start listening")

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(10)
        shutil.rmtree(self.root, ignore_errors=True)
