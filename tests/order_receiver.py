"""A real kitchen webhook receiver on loopback, implementing the contract in :mod:`app.orders.webhook`.

It verifies ``Voicecart-Signature``, keeps the first order per ``Idempotency-Key``, answers a repeat
with ``Idempotent-Replayed: true`` and the order it kept, and a different ``cart_revision`` with 409.
``fail_first`` makes the first N attempts answer ``fail_status``; ``slow_first`` makes them hang for
``slow_seconds`` first (a timeout for the sender). ``kept_form`` is what the kitchen sends back of the
order it kept (its own form of it); ``refuse_repeats``, a status, answers a key it knows with that
4xx. ``answer_after_storing`` stores the order (or finds it stored) and only then waits that long
before answering (the kitchen has it, the sender times out: an unknown outcome). ``hold``, an Event,
makes every attempt wait until it is set (a hung kitchen); ``waiting`` counts those held. It counts
every attempt and every stored order.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class OrderReceiver:
    def __init__(
        self,
        secret: str,
        *,
        fail_first: int = 0,
        fail_status: int = 503,
        slow_first: int = 0,
        slow_seconds: float = 1.0,
        answer_after_storing: float = 0.0,
        hold: threading.Event | None = None,
        send_kept: bool = True,
        kept_form: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
        refuse_repeats: int = 0,
    ) -> None:
        self.secret = secret.encode()
        self.fail_first = fail_first
        self.fail_status = fail_status
        self.slow_first = slow_first
        self.slow_seconds = slow_seconds
        self.answer_after_storing = answer_after_storing
        self.hold = hold
        self.send_kept = send_kept  # a repeat is answered with the order kept (the contract), or without
        self.refuse_repeats = refuse_repeats  # a status answering a key it knows (a receiver refusing repeats)
        self.kept_form = kept_form  # how the kitchen sends back what it kept (default: the order as received)
        self.waiting = 0
        self.attempts = 0
        self.orders: dict[str, dict[str, Any]] = {}
        self.bad_signatures = 0
        self.headers: list[dict[str, str]] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/orders"

    def __enter__(self) -> OrderReceiver:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _answer(self, headers: dict[str, str], body: bytes) -> tuple[int, dict[str, str], dict[str, Any]]:
        with self._lock:
            self.attempts += 1
            attempt = self.attempts
            self.headers.append(headers)
        if self.hold is not None:
            with self._lock:
                self.waiting += 1
            self.hold.wait()
            with self._lock:
                self.waiting -= 1
        if attempt <= self.slow_first:
            time.sleep(self.slow_seconds)
            return 503, {}, {"error": "slow"}
        if attempt <= self.fail_first:
            return self.fail_status, {}, {"error": "kitchen is busy"}
        expected = "sha256=" + hmac.new(self.secret, body, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, headers.get("voicecart-signature", "")):
            with self._lock:
                self.bad_signatures += 1
            return 401, {}, {"error": "bad signature"}
        order = json.loads(body)
        key = headers.get("idempotency-key", "")
        with self._lock:
            stored = self.orders.get(key)
            if stored is None:
                self.orders[key] = order
        if stored is not None and self.refuse_repeats:
            return self.refuse_repeats, {}, {"error": "duplicate Idempotency-Key"}
        time.sleep(self.answer_after_storing)  # stored (now or before); the answer is late
        if stored is None:
            return 201, {}, {"ok": True}
        kept = stored if self.kept_form is None else self.kept_form(stored)
        if stored["cart_revision"] != order["cart_revision"]:
            return 409, {}, {"order_id": key, "order": kept} if self.send_kept else {"order_id": key}
        return 200, {"Idempotent-Replayed": "true"}, {"order": kept} if self.send_kept else {"ok": True}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                headers = {k.lower(): v for k, v in self.headers.items()}
                status, extra, answer = receiver._answer(headers, body)
                data = json.dumps(answer).encode()
                try:
                    self.send_response(status)
                    for name, value in {**extra, "Content-Type": "application/json"}.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the sender gave up (timeout)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler
