"""Run the app under uvicorn with exactly the given settings (``voicecart serve``).

One process: uvicorn calls ``create_app(settings)``. Several (``--workers N``): uvicorn's workers
are fresh processes that import the app by name and read their settings from the environment, so
the calling process replaces itself (``os.execve``) with the uvicorn supervisor
(:mod:`app.server.__main__`), whose environment is built from the settings for it alone: the
caller's ``os.environ`` is never written, and a flag reaches every worker as its ``CART_*`` variable.
"""

from __future__ import annotations

import functools
import os
import sys
from typing import Any

import uvicorn

from app.logs import log_config
from app.server.app import create_app
from app.settings import Settings

APP_FACTORY = "app.server.app:create_app"  # what each of uvicorn's worker processes imports


def _uvicorn_options(settings: Settings, host: str, port: int) -> dict[str, Any]:
    return {
        "host": host,
        "port": port,
        "log_level": settings.log_level.lower(),
        "log_config": log_config(settings.log_level),  # JSON lines; our middleware writes the access log
        "access_log": False,
        "factory": True,
        # bounded request heads (size, count, time): no proxy may be in front (app/server/protocol.py)
        "http": "app.server.protocol:GuardedHttpToolsProtocol",
        "server_header": False,  # no "server: uvicorn" on every answer
    }


def serve(settings: Settings, host: str, port: int, workers: int = 1) -> None:
    """Serve until stopped; with ``workers`` > 1 this process becomes the supervisor (never returns)."""
    if workers == 1:
        uvicorn.run(functools.partial(create_app, settings), **_uvicorn_options(settings, host, port))
        return
    sys.stdout.flush()
    sys.stderr.flush()
    argv = [sys.executable, "-m", "app.server", host, str(port), str(workers)]
    os.execve(sys.executable, argv, {**os.environ, **settings.to_env()})


def supervise(host: str, port: int, workers: int) -> None:
    """uvicorn's supervisor of ``workers`` processes, each building the app from this environment."""
    settings = Settings.from_env()
    uvicorn.run(APP_FACTORY, workers=workers, **_uvicorn_options(settings, host, port))
