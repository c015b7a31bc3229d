"""The default order sink: one SQLite file in WAL mode, ``UNIQUE(cart_id)`` enforced by the database.

Replicas on one machine (or processes sharing the file) agree on one order per cart; see
:mod:`app.orders.port` for the contract.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from contextlib import closing
from pathlib import Path
from typing import Any

import tenacity

from app.errors import OrderDeliveryFailed
from app.orders.order import Order, other_content
from app.orders.port import (
    ORDER_COLUMNS,
    CommitGate,
    Placement,
    cancelled_before,
    cannot_check,
    order_row,
    placement_of,
    same_revision,
)

log = logging.getLogger("voicecart.orders")

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
CREATE TABLE IF NOT EXISTS cancellations (
    cart_id      TEXT PRIMARY KEY,
    revision     INTEGER NOT NULL,
    cancelled_at INTEGER NOT NULL
);
"""


# placing and looking up ask the same question
_ORDER_OF_CART = "SELECT order_id, cart_revision, body FROM orders WHERE cart_id = ?"
_INSERT = f"INSERT INTO orders ({ORDER_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"
# a cart with no order, cancelled up to this revision or a later one: its placement is refused (a cart that has an
# order answers as before: the stored order, or cart_already_ordered)
_CANCELLED = (
    "SELECT revision FROM cancellations WHERE cart_id = ? AND revision >= ?"
    " AND NOT EXISTS (SELECT 1 FROM orders WHERE cart_id = ?)"
)
_CANCEL = (
    "INSERT INTO cancellations (cart_id, revision, cancelled_at) VALUES (?, ?, ?)"
    " ON CONFLICT (cart_id) DO UPDATE SET revision = max(revision, excluded.revision),"
    " cancelled_at = excluded.cancelled_at"
)


def _locked(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc)


class SqliteSink:
    """Orders in one SQLite file; the database's UNIQUE constraints decide, across processes."""

    keeps_orders = True
    quick_lookup = True  # a local file; WAL readers never wait on the writer

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
            # Several processes creating the file at once: switching to WAL and the lock upgrade of
            # CREATE ... IF NOT EXISTS can answer "database is locked" at once, without waiting for the
            # busy timeout (SQLite's deadlock avoidance). Try again within the same budget.
            for attempt in self._while_locked():
                with attempt, closing(self._connect()) as db:
                    db.execute("PRAGMA journal_mode=WAL")
                    db.executescript(_SCHEMA)
            self._ready = True

    def _while_locked(self) -> tenacity.Retrying:
        """Attempts until the busy timeout, for a "locked" that SQLite answers without waiting."""
        return tenacity.Retrying(
            retry=tenacity.retry_if_exception(_locked),
            stop=tenacity.stop_after_delay(self.busy_timeout),
            wait=tenacity.wait_random(0.005, 0.05),
            reraise=True,
        )

    def start(self) -> None:
        """Nothing to do: the file and its table are made by the first order."""

    def close(self) -> None:
        """Nothing to release: each call opens and closes its own connection."""

    def place(self, order: Order, gate: CommitGate | None = None) -> Placement:
        try:
            self._ensure_schema()
            for attempt in self._while_locked():  # the insert is idempotent (ON CONFLICT DO NOTHING)
                with attempt:
                    inserted, row = self._insert(order, gate or CommitGate())
        except (sqlite3.Error, OSError) as exc:
            log.error("order %s: SQLite store failed: %s", order.order_id, exc)
            message = "the order could not be stored; your cart is unchanged, please try again"
            raise OrderDeliveryFailed(message) from None
        return placement_of(order, inserted, row)

    def _insert(self, order: Order, gate: CommitGate) -> tuple[bool, tuple[str, int, str] | None]:
        """Insert unless the cart has an order: (inserted, the stored row when it had one); ``cart_cancelled``
        when the cart, unordered, was cancelled up to this revision. The wait for the write lock comes first
        (BEGIN IMMEDIATE: a cancel of the same cart is decided before or after this, never between); it
        commits only through ``gate``."""
        with closing(self._connect()) as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                cancelled = db.execute(_CANCELLED, (order.cart_id, order.cart_revision, order.cart_id)).fetchone()
                if cancelled is not None:
                    raise cancelled_before(order, cancelled[0])
                inserted = db.execute(_INSERT, order_row(order)).rowcount
                row = None
                if not inserted:
                    row = db.execute(_ORDER_OF_CART, (order.cart_id,)).fetchone()
                gate.enter()
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
        return bool(inserted), row

    def cancel(self, cart_id: str, revision: int, now: int) -> bool:
        try:
            self._ensure_schema()
            for attempt in self._while_locked():  # recording the same cancel twice is recording it once
                with attempt:
                    row = self._cancel(cart_id, revision, now)
        except (sqlite3.Error, OSError) as exc:
            log.error("cancel of cart %s failed: %s", cart_id, exc)
            raise cannot_check(cart_id) from None
        if row is not None:
            raise other_content(json.loads(row[2]), "this cart was already ordered")
        log.info("cart %s cancelled up to rev %d", cart_id, revision)
        return True

    def _cancel(self, cart_id: str, revision: int, now: int) -> tuple[str, int, str] | None:
        """Record the cancel unless the cart has an order: None, or that order's row. Under the write lock
        (BEGIN IMMEDIATE), as a placement is: the two are decided one after the other."""
        with closing(self._connect()) as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                row: tuple[str, int, str] | None = db.execute(_ORDER_OF_CART, (cart_id,)).fetchone()
                if row is None:
                    db.execute(_CANCEL, (cart_id, revision, now))
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
        return row

    def lookup(self, cart_id: str, revision: int) -> dict[str, Any] | None:
        if not self.path.is_file():
            return None
        try:
            # a "locked" answered at once (another process switching the new file to WAL) is tried again
            for attempt in self._while_locked():
                with attempt, closing(self._connect()) as db:
                    row = db.execute(_ORDER_OF_CART, (cart_id,)).fetchone()
        except sqlite3.OperationalError as exc:
            if "no such table" in str(exc):  # the file exists, its first order is being created: none yet
                return None
            log.error("order lookup for cart %s failed: %s", cart_id, exc)
            raise cannot_check(cart_id) from None
        except sqlite3.Error as exc:
            log.error("order lookup for cart %s failed: %s", cart_id, exc)
            raise cannot_check(cart_id) from None
        return None if row is None else same_revision(row, revision)

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
