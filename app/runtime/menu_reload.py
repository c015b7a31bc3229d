"""Menu hot reload: poll the menu directory and reload on SIGHUP, without a restart.

A reload builds a complete new catalog from every file first and swaps it in with one
assignment, so a request sees either the old menus or the new ones, never a mix. A bad edit
(invalid JSON, a failed validation, a file half-written) is logged with the file and field,
counted, shown on ``/readyz``, and the last good menus keep serving; the next change retries.
Every replica polls its own directory, so a fleet converges within one poll interval of the file
landing (or at once on ``kill -HUP``).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import signal
import weakref
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.core.menu import Menu, MenuCatalog
from app.errors import ConfigError

log = logging.getLogger("voicecart.menus")

Snapshot = tuple[tuple[str, bytes], ...]


def snapshot(directory: Path) -> Snapshot:
    """Names and content digests of the menu files: any edit, addition or removal changes it.

    Content, not mtime: two saves within one timestamp tick must not be missed. Menus are small
    (capped at 2 MB each), so hashing them every poll costs next to nothing.

    A name that is listed but cannot be read (a dangling symlink while the kubelet swaps a
    ConfigMap volume's ``..data``, a file removed between listing and reading) is kept with an
    empty digest: the catalog load sees that name too, so the poll after it settles must differ.
    """
    entries = []
    for path in sorted(directory.glob("*.json")):
        try:
            digest = hashlib.blake2b(path.read_bytes(), digest_size=16).digest()
        except OSError:
            digest = b""
        entries.append((path.name, digest))
    return tuple(entries)


_VERSIONS: weakref.WeakKeyDictionary[Menu, str] = weakref.WeakKeyDictionary()


def menu_version(menu: Menu) -> str:
    """A short digest of a menu's content, so replicas can be compared on ``/readyz``.

    Computed once per loaded menu (menus are immutable and identity-hashed), not per probe.
    """
    version = _VERSIONS.get(menu)
    if version is None:
        canonical = json.dumps(menu.raw, sort_keys=True, separators=(",", ":")).encode()
        version = _VERSIONS[menu] = hashlib.sha256(canonical).hexdigest()[:12]
    return version


@dataclass
class ReloadStatus:
    reloads: int = 0
    last_error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.last_error is None, "reloads": self.reloads, "last_error": self.last_error}


class MenuReloader:
    """Keeps ``catalog`` in step with ``directory``."""

    def __init__(
        self,
        catalog: MenuCatalog,
        directory: Path,
        interval: float,
        on_result: Callable[[str], None] = lambda result: None,
        seen: Snapshot | None = None,
    ) -> None:
        self.catalog = catalog
        self.directory = directory
        self.interval = interval
        self.on_result = on_result
        self.status = ReloadStatus()
        self._seen = snapshot(directory) if seen is None else seen  # what the catalog was loaded from
        self._hup = asyncio.Event()

    def check(self, force: bool = False) -> bool:
        """Reload if the files changed (or ``force``); True if new menus are now served."""
        current = snapshot(self.directory)
        if current == self._seen and not force:
            return False
        self._seen = current
        return self.reload()

    def reload(self) -> bool:
        try:
            fresh = MenuCatalog.from_dir(self.directory)
        except ConfigError as exc:
            self.status.last_error = str(exc)
            log.error("menu reload failed; still serving the previous menus: %s", exc, extra={"menu_error": str(exc)})
            self.on_result("error")
            return False
        self.catalog.menus = fresh.menus
        self.status.reloads += 1
        self.status.last_error = None
        versions = {rid: menu_version(m) for rid, m in fresh.menus.items()}
        log.info("menus reloaded: %s", versions, extra={"menus": versions})
        self.on_result("ok")
        return True

    def request_reload(self) -> None:
        """What SIGHUP does: reload at once, even if no file looks changed."""
        self._hup.set()

    async def run(self) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._hup.wait(), self.interval if self.interval > 0 else None)
            forced = self._hup.is_set()
            self._hup.clear()
            await asyncio.to_thread(self.check, forced)

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        """Poll and listen for SIGHUP while the app serves (SIGHUP only in a main-thread loop)."""
        loop = asyncio.get_running_loop()
        self._hup = asyncio.Event()
        hup = False
        with contextlib.suppress(ValueError, RuntimeError, NotImplementedError, AttributeError):
            loop.add_signal_handler(signal.SIGHUP, self.request_reload)
            hup = True
        task = asyncio.create_task(self.run())
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
            if hup:
                loop.remove_signal_handler(signal.SIGHUP)
