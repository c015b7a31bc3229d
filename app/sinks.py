"""Where orders go. One sink per process, chosen by configuration (:func:`from_settings`).

Both sinks keep the promise of checkout: **one order per cart**. The order id is derived from the
cart id (:func:`app.orders.order_id_for`), so a retry names the same order, and the sink refuses
to hold two:

* :class:`SqliteSink` (default): a SQLite file in WAL mode, ``UNIQUE(cart_id)`` enforced by the
  database, so replicas on one machine (or processes sharing the file) agree. A second placement
  of the same cart returns the stored order; one at another cart revision is ``cart_already_ordered``.
* :class:`WebhookSink`: POSTs the order JSON to ``CART_ORDER_WEBHOOK_URL`` with
  ``Idempotency-Key: <order id>`` and ``Voicecart-Signature: sha256=<hex HMAC-SHA256 of the raw
  body, keyed with CART_ORDER_WEBHOOK_SECRET>``. Retries 5xx, 408, 425, 429, timeouts and
  connection errors with exponential backoff and jitter, all within a deadline; any other 4xx is
  final. The receiver's contract: keep the first order per Idempotency-Key; answer a repeat with
  2xx and ``Idempotent-Replayed: true``; answer 409 if the key is known with another
  ``cart_revision``. Several replicas can share one receiver.

A sink that cannot take the order raises ``order_delivery_failed`` (502): nothing was placed, the
caller's cart token is still valid and retrying is safe.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import random
import sqlite3
import threading
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import httpx

from app.errors import CartAlreadyOrdered, OrderDeliveryFailed
from app.orders import Order
from app.settings import Settings

log = logging.getLogger("voicecart.orders")

SIGNATURE_HEADER = "Voicecart-Signature"
REPLAYED_HEADER = "Idempotent-Replayed"
RETRY_STATUSES = frozenset({408, 425, 429})


@dataclass(frozen=True)
class Placement:
    order: dict[str, Any]  # the order of record (the stored one on a repeat)
    created: bool  # False: this cart had already been ordered at this revision


class OrderSink(Protocol):
    def place(self, order: Order) -> Placement:
        """Take ``order`` unless its cart was ordered already (then: that order, or 409)."""
        ...

    def lookup(self, cart_id: str, revision: int) -> dict[str, Any] | None:
        """The order already placed for this cart revision, if the sink can tell (else None).

        Lets a retry get its order back even when the menu, the hours or the stock changed since.
        Raises ``cart_already_ordered`` for another revision.
        """
        ...


def order_json(order: Order) -> bytes:
    """The exact bytes delivered (and signed): compact JSON, UTF-8."""
    return json.dumps(order.to_dict(), separators=(",", ":"), ensure_ascii=False).encode()


def sign(secret: str, body: bytes) -> str:
    """The ``Voicecart-Signature`` value a receiver recomputes to verify a delivery."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _already_ordered(order_id: str, revision: int) -> CartAlreadyOrdered:
    return CartAlreadyOrdered(
        "this cart was already ordered before these changes; start a new cart to order again",
        order_id=order_id,
        cart_revision=revision,
    )


def _same_revision(row: tuple[str, int, str], revision: int) -> dict[str, Any]:
    """The stored order ``(order_id, cart_revision, body)`` if it is this revision's, else 409."""
    if row[1] != revision:
        raise _already_ordered(row[0], row[1])
    return json.loads(row[2])


# --- SQLite -----------------------------------------------------------------------------------------

_SCHEMA = """
CREATE TABLE IF NOT EXISTS orders (
    order_id      TEXT PRIMARY KEY,
    cart_id       TEXT NOT NULL UNIQUE,
    restaurant_id TEXT NOT NULL,
    cart_revision INTEGER NOT NULL,
    placed_at     INTEGER NOT NULL,
    total_cents   INTEGER NOT NULL,
    body          TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS orders_by_time ON orders (placed_at);
"""


# placing and looking up ask the same question
_ORDER_OF_CART = "SELECT order_id, cart_revision, body FROM orders WHERE cart_id = ?"


class SqliteSink:
    """Orders in one SQLite file; the database's UNIQUE constraints decide, across processes."""

    def __init__(self, path: Path, busy_timeout_seconds: float = 10.0) -> None:
        self.path = path
        self.busy_timeout = busy_timeout_seconds
        self._ready = False
        self._lock = threading.Lock()

    def _connect(self) -> sqlite3.Connection:
        # one short-lived connection per call: safe from any thread, and cheap next to an order
        return sqlite3.connect(self.path, timeout=self.busy_timeout, isolation_level=None)

    def _ensure_schema(self) -> None:
        with self._lock:
            if self._ready:
                return
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with closing(self._connect()) as db:
                db.execute("PRAGMA journal_mode=WAL")
                db.executescript(_SCHEMA)
            self._ready = True

    def place(self, order: Order) -> Placement:
        try:
            self._ensure_schema()
            with closing(self._connect()) as db:
                inserted = db.execute(
                    "INSERT INTO orders (order_id, cart_id, restaurant_id, cart_revision, placed_at, total_cents, body)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    (
                        order.order_id,
                        order.cart_id,
                        order.restaurant_id,
                        order.cart_revision,
                        order.placed_at,
                        order.total_cents,
                        order_json(order).decode(),
                    ),
                ).rowcount
                row = None
                if not inserted:
                    row = db.execute(_ORDER_OF_CART, (order.cart_id,)).fetchone()
        except (sqlite3.Error, OSError) as exc:
            log.error("order %s: SQLite store failed: %s", order.order_id, exc)
            message = "the order could not be stored; your cart is unchanged, please try again"
            raise OrderDeliveryFailed(message) from None
        if inserted:
            log.info("order %s placed (cart %s rev %d)", order.order_id, order.cart_id, order.cart_revision)
            return Placement(order.to_dict(), True)
        if row is None or row[0] != order.order_id:
            raise RuntimeError(f"orders table is inconsistent for cart {order.cart_id}")
        return Placement(_same_revision(row, order.cart_revision), False)

    def lookup(self, cart_id: str, revision: int) -> dict[str, Any] | None:
        if not self.path.is_file():
            return None
        try:
            with closing(self._connect()) as db:
                row = db.execute(_ORDER_OF_CART, (cart_id,)).fetchone()
        except sqlite3.Error as exc:
            log.warning("order lookup for cart %s failed (%s); validating as a new order", cart_id, exc)
            return None
        return None if row is None else _same_revision(row, revision)

    # --- reading (CLI) ---

    def get(self, order_id: str) -> dict[str, Any] | None:
        with closing(self._connect_existing()) as db:
            row = db.execute("SELECT body FROM orders WHERE order_id = ?", (order_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def recent(self, limit: int = 20, restaurant_id: str | None = None) -> list[dict[str, Any]]:
        """Newest first."""
        query = "SELECT body FROM orders"
        params: tuple[Any, ...] = ()
        if restaurant_id:
            query, params = query + " WHERE restaurant_id = ?", (restaurant_id,)
        with closing(self._connect_existing()) as db:
            rows = db.execute(query + " ORDER BY placed_at DESC, rowid DESC LIMIT ?", (*params, limit)).fetchall()
        return [json.loads(r[0]) for r in rows]

    def _connect_existing(self) -> sqlite3.Connection:
        if not self.path.is_file():
            raise FileNotFoundError(f"no orders database at {self.path}")
        return self._connect()


# --- webhook ----------------------------------------------------------------------------------------


class WebhookSink:
    """Deliver each order by a signed, idempotent POST, retrying within ``deadline_seconds``."""

    def __init__(
        self,
        url: str,
        secret: str,
        deadline_seconds: float = 10.0,
        *,
        attempt_timeout_seconds: float = 3.0,
        base_delay_seconds: float = 0.2,
        max_delay_seconds: float = 2.0,
        max_attempts: int = 8,
        sleep: Callable[[float], None] = time.sleep,
        monotonic: Callable[[], float] = time.monotonic,
        rand: Callable[[], float] = random.random,
    ) -> None:
        self.url = url
        self._secret = secret
        self.deadline_seconds = deadline_seconds
        self.attempt_timeout = attempt_timeout_seconds
        self.base_delay = base_delay_seconds
        self.max_delay = max_delay_seconds
        self.max_attempts = max_attempts
        self._sleep, self._monotonic, self._rand = sleep, monotonic, rand
        self._client: httpx.Client | None = None
        self._lock = threading.Lock()

    def client(self) -> httpx.Client:
        """One pooled client per sink (keep-alive; it can be shared between threads), made on first use."""
        with self._lock:
            if self._client is None:
                self._client = httpx.Client(follow_redirects=False)
            return self._client

    def lookup(self, cart_id: str, revision: int) -> dict[str, Any] | None:
        return None  # the receiver keeps the orders; a repeat is recognised there (Idempotency-Key)

    def backoff(self, attempt: int) -> float:
        """Exponential with "equal jitter": half the step fixed, half random (no thundering herd)."""
        step = min(self.max_delay, self.base_delay * 2 ** (attempt - 1))
        return step / 2 + self._rand() * step / 2

    def place(self, order: Order) -> Placement:
        body = order_json(order)
        headers = {
            "Content-Type": "application/json",
            "Idempotency-Key": order.order_id,
            SIGNATURE_HEADER: sign(self._secret, body),
            "User-Agent": "voicecart",
        }
        client = self.client()  # before the clock starts: the first one loads the TLS trust store
        deadline = self._monotonic() + self.deadline_seconds
        attempt, last = 0, "no attempt"
        while attempt < self.max_attempts:
            remaining = deadline - self._monotonic()
            if remaining <= 0:
                break
            attempt += 1
            try:
                response = client.post(
                    self.url, content=body, headers=headers, timeout=min(self.attempt_timeout, remaining)
                )
            except httpx.TimeoutException:
                last = "timeout"
            except httpx.TransportError as exc:
                last = f"connection error ({type(exc).__name__})"
            else:
                status = response.status_code
                if 200 <= status < 300:
                    replayed = response.headers.get(REPLAYED_HEADER, "").lower() == "true"
                    log.info("order %s delivered (attempt %d, replayed=%s)", order.order_id, attempt, replayed)
                    return Placement(order.to_dict(), not replayed)
                if status == 409:
                    raise _already_ordered(order.order_id, order.cart_revision)
                last = f"HTTP {status}"
                if status < 500 and status not in RETRY_STATUSES:
                    break  # the receiver refuses this order; repeating it will not help
            log.warning("order %s: delivery attempt %d failed: %s", order.order_id, attempt, last)
            delay = self.backoff(attempt)
            if self._monotonic() + delay >= deadline:
                break
            self._sleep(delay)
        log.error("order %s: delivery failed after %d attempt(s): %s", order.order_id, attempt, last)
        raise OrderDeliveryFailed(
            "the order could not be delivered to the kitchen; nothing was ordered and your cart is unchanged, "
            "please try again",
            attempts=attempt,
            last_error=last,
        )


# --- configuration ------------------------------------------------------------------------------------


def from_settings(settings: Settings) -> OrderSink:
    """The webhook if ``CART_ORDER_WEBHOOK_URL`` is set, else the SQLite file (:class:`Settings` checked both)."""
    if not settings.order_webhook_url:
        return SqliteSink(settings.orders_db_path)
    url, secret = settings.order_webhook_url, settings.order_webhook_secret
    return WebhookSink(url, secret, settings.order_webhook_deadline_seconds)
