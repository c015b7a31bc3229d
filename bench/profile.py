"""Profile the hot path with pyinstrument; writes ``bench/results/profile.txt``.

Two call trees, time per frame:

1. many add-item turns (:func:`app.core.turn.run_turn`) on the 5-line UUID-menu cart — the codec,
   apply and reprice;
2. the same add-item as an HTTP request through the app ``voicecart serve`` runs
   (:func:`app.server.app.create_app`, every middleware), called in-process as ASGI, so the tree
   shows what the web layer adds without any socket or load generator in the picture.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app.core import turn
from app.settings import Settings
from bench import Config
from bench.corpus import BENCH_KEYS, MENU_FILES, T0, CorpusCart, bench_codec, make_cart


def _profiler() -> Any:
    from pyinstrument import Profiler

    return Profiler(interval=0.0001, async_mode="disabled")


def _text(profiler: Any) -> str:
    return profiler.output_text(unicode=False, color=False, show_all=False, short_mode=False)


def profile_turns(turns: int, lines: int = 5) -> str:
    codec = bench_codec()
    cart = make_cart("uuid", lines, codec)
    op = cart.add_again()
    profiler = _profiler()
    with profiler:
        for _ in range(turns):
            turn.run_turn(cart.token, op, cart.menu, codec, T0 + 5)
    return f"== {turns} add-item turns on the {lines}-line UUID-menu cart (run_turn) ==\n" + _text(profiler)


Headers = Sequence[tuple[bytes, bytes]]


def asgi_request(path: str, body: bytes, token: str, extra_headers: Headers = ()) -> dict[str, Any]:
    """One add-item POST as an ASGI scope plus its body."""
    headers = [
        (b"host", b"bench"),
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"cart-token", token.encode()),
        *extra_headers,
    ]
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": headers,
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80),
    }
    return {"scope": scope, "body": body}


def add_item_request(
    cart: CorpusCart, extra_headers: Headers = (), add: tuple[str, int, Sequence[str]] | None = None
) -> dict[str, Any]:
    """The corpus cart's add-again turn as an ASGI add-item request; with ``add`` (item id, quantity,
    modifier ids) that add instead."""
    op = cart.add_again()
    item, quantity, modifiers = add or (op.item, op.quantity, op.modifiers)
    body = json.dumps({"item": item, "quantity": quantity, "modifiers": list(modifiers)}).encode()
    return asgi_request(f"/v1/restaurants/{cart.menu.restaurant_id}/cart/items", body, cart.token, extra_headers)


async def call_asgi(app: Any, request: dict[str, Any]) -> tuple[int, bytes]:
    """Send ``request`` through ``app``; its status and body."""
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": request["body"], "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app(dict(request["scope"]), receive, send)
    return sent[0]["status"], b"".join(m.get("body", b"") for m in sent[1:])


def shipped_app(work: Path, menu_key: str = "uuid") -> Any:
    """:func:`app.server.app.create_app` as ``voicecart serve`` builds it, on the UUID menu (or
    ``menu_key``'s; copied under ``work``, with the bench keys)."""
    from app.server.app import create_app

    menus = work / "menus"
    menus.mkdir()
    shutil.copy(MENU_FILES[menu_key], menus)
    return create_app(Settings(keys_spec=BENCH_KEYS, menu_dir=menus, data_dir=work / "data"))


def profile_http(requests: int) -> str:
    with tempfile.TemporaryDirectory(prefix="voicecart-profile-") as tmp:
        app = shipped_app(Path(tmp))
        request = add_item_request(make_cart("uuid", 5, bench_codec(), now=int(time.time())))

        async def run() -> Any:
            status, _ = await call_asgi(app, request)
            if status != 200:
                raise RuntimeError(f"add-item answered {status}")
            profiler = _profiler()
            profiler.start()
            for _ in range(requests):
                await call_asgi(app, request)
            profiler.stop()
            return profiler

        profiler = asyncio.run(run())
    title = f"== {requests} add-item requests through create_app() as ASGI, in-process (5-line UUID cart) =="
    return title + "\n" + _text(profiler)


def run(config: Config) -> str:
    turns, requests = (300, 100) if config.quick else (10_000, 2_000)
    text = "python -m bench profile\n\n" + profile_turns(turns) + "\n" + profile_http(requests)
    config.path("profile.txt").write_text(text)
    print(text)
    return text
