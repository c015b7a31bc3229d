"""Orders in PostgreSQL: the shared store for replicas on several machines (``CART_ORDERS_URL``).

``CART_ORDERS_URL=postgresql://user:pass@host:port/db`` selects it. It keeps the promise of every
order sink (:class:`app.orders.port.OrderSink`): **one order per cart**, decided by the database's
``UNIQUE(cart_id)`` exactly as in SQLite. The table is created on first use (``CREATE TABLE IF NOT
EXISTS``, safe when several replicas start at once).

Connections come from a psycopg_pool pool, each checked before use (a database restart leaves
dead connections behind). Works behind PgBouncer in session and transaction pooling: no startup
``options`` (PgBouncer refuses them), the statement timeout set per transaction (``SET LOCAL``),
and no server-side prepared statements (``prepare_threshold=None``: in transaction pooling the next
transaction may run on another server connection). Why a connection was refused (a wrong password,
an unsupported startup parameter, too many clients) is logged in one line with the failure.

Placing an order is ``INSERT … ON CONFLICT DO NOTHING`` followed, on a
conflict, by reading the stored order: running it twice has the effect of running it once, so a
failed attempt is retried (tenacity: exponential backoff with jitter) until ``deadline_seconds``.
When the retries run out:

* the statement never reached the database (no connection could be had, on any attempt):
  ``order_delivery_failed`` (502), nothing was ordered;
* a statement was sent and the connection broke before the answer — on any attempt, even when the
  later ones found no connection: ``order_outcome_unknown`` (504), the order may be stored; retrying
  the same checkout tells (200 with the order) or places it (201).
"""

from __future__ import annotations

import json
import logging
import threading
from typing import Any

import psycopg
from psycopg_pool import ConnectionPool, PoolTimeout
from tenacity import Retrying, retry_if_exception_type, stop_after_delay, wait_exponential_jitter

from app.errors import OrderDeliveryFailed, OrderOutcomeUnknown
from app.logs import one_line
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

SCHEMA = """
CREATE TABLE IF NOT EXISTS voicecart_orders (
    seq           BIGINT GENERATED ALWAYS AS IDENTITY,
    order_id      TEXT PRIMARY KEY,
    cart_id       TEXT NOT NULL UNIQUE,
    restaurant_id TEXT NOT NULL,
    cart_revision INTEGER NOT NULL,
    placed_at     BIGINT NOT NULL,
    total_cents   BIGINT NOT NULL,
    body          TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS voicecart_orders_by_time ON voicecart_orders (placed_at);
CREATE TABLE IF NOT EXISTS voicecart_cancellations (
    cart_id      TEXT PRIMARY KEY,
    revision     INTEGER NOT NULL,
    cancelled_at BIGINT NOT NULL
);
"""
_ORDER_OF_CART = "SELECT order_id, cart_revision, body FROM voicecart_orders WHERE cart_id = %s"
_INSERT = (
    f"INSERT INTO voicecart_orders ({ORDER_COLUMNS})"
    " VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING RETURNING order_id"
)
# a cart with no order, cancelled up to this revision or a later one: its placement is refused
_CANCELLED = (
    "SELECT revision FROM voicecart_cancellations WHERE cart_id = %s AND revision >= %s"
    " AND NOT EXISTS (SELECT 1 FROM voicecart_orders WHERE cart_id = %s)"
)
_CANCEL = (
    "INSERT INTO voicecart_cancellations (cart_id, revision, cancelled_at) VALUES (%s, %s, %s)"
    " ON CONFLICT (cart_id) DO UPDATE SET revision = GREATEST(voicecart_cancellations.revision, EXCLUDED.revision),"
    " cancelled_at = EXCLUDED.cancelled_at"
)
# A placement and a cancel of one cart each take this transaction-scoped lock on the cart first, so they run one
# after the other: under READ COMMITTED, each checking the other's table and then writing its own would let both
# succeed. Two-key form: (this constant, hashtext(cart_id)) never meets the schema lock's one-key space.
_CART_LOCK = "SELECT pg_advisory_xact_lock(%s, hashtext(%s))"
_CART_LOCK_CLASS = 0x76636172  # "vcar"
# serialises concurrent CREATE TABLE IF NOT EXISTS from replicas starting together (it can race in PostgreSQL)
_SCHEMA_LOCK_KEY = 0x766F6963  # "voic"


class _NotSent(Exception):
    """No connection could be had: the attempt never reached the database."""


def _recording_connection(sink: PostgresSink) -> type[psycopg.Connection[Any]]:
    """The pool's connection class, noting on ``sink`` why a connection attempt failed (the pool
    itself only times out): logged with the failure, so a refusal says its cause."""

    class RecordingConnection(psycopg.Connection[Any]):
        @classmethod
        def connect(cls, *args: Any, **kwargs: Any) -> Any:
            try:
                conn = super().connect(*args, **kwargs)
            except psycopg.Error as exc:
                sink.refused = one_line(str(exc))
                raise
            sink.refused = None
            return conn

    return RecordingConnection


class PostgresSink:
    """Orders in one PostgreSQL table, shared by every replica; retried within ``deadline_seconds``."""

    keeps_orders = True
    quick_lookup = False  # a round trip to the server

    def __init__(
        self,
        url: str,
        *,
        deadline_seconds: float = 10.0,
        pool_size: int = 8,
        connect_timeout_seconds: int = 2,
        statement_timeout_seconds: float = 5.0,
    ) -> None:
        self.deadline_seconds = deadline_seconds
        self._pool = ConnectionPool(
            url,
            min_size=1,
            max_size=pool_size,
            open=False,
            timeout=min(2.0, deadline_seconds),  # waiting for a connection, per attempt
            check=ConnectionPool.check_connection,  # a restarted database leaves dead connections behind
            reconnect_timeout=24 * 3600,  # keep trying to refill in the background; never give up on the database
            kwargs={
                "autocommit": True,  # transactions are explicit (each unit of work is one; durable when it returns)
                "connect_timeout": connect_timeout_seconds,
                "prepare_threshold": None,  # never prepare: PgBouncer's transaction pooling shares server connections
            },
            connection_class=_recording_connection(self),
            name="voicecart-orders",
        )
        self._statement_timeout_ms = str(int(statement_timeout_seconds * 1000))
        self.refused: str | None = None  # why the last connection attempt failed, one line (None: it worked)
        self._lock = threading.Lock()
        self._opened = False
        self._schema_ready = False

    # --- plumbing ---

    def _open(self) -> None:
        with self._lock:
            if not self._opened:
                self._pool.open(wait=False)  # connects in the background; a down database is not a start-up error
                self._opened = True

    def _ensure_schema(self, conn: psycopg.Connection[Any]) -> None:
        if self._schema_ready:
            return
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK_KEY,))
            for statement in filter(str.strip, SCHEMA.split(";")):
                conn.execute(statement)  # our own constant DDL
        self._schema_ready = True

    def _transaction(self, conn: psycopg.Connection[Any], work: Any) -> Any:
        """``work(conn)`` in one transaction with this store's statement timeout (``SET LOCAL``: it
        holds on whichever server connection PgBouncer gives the transaction, and ends with it)."""
        with conn.transaction():
            conn.execute("SELECT set_config('statement_timeout', %s, true)", (self._statement_timeout_ms,))
            return work(conn)

    def _why(self, exc: BaseException) -> str:
        """A pool timeout says only that no connection came; add why the last attempt was refused."""
        refused = self.refused
        return one_line(str(exc)) + (f"; last connection attempt: {refused}" if refused else "")

    def _run(self, what: str, work: Any) -> Any:
        """``work(conn)`` with a checked connection, retried until the deadline. Raises the last error;
        :class:`_NotSent` when no connection could be had."""
        self._open()
        retrying = Retrying(
            retry=retry_if_exception_type((psycopg.OperationalError, _NotSent)),
            stop=stop_after_delay(self.deadline_seconds),
            wait=wait_exponential_jitter(multiplier=0.1, max=1.0, jitter=0.2),
            reraise=True,
            before_sleep=lambda state: log.warning(
                "%s: PostgreSQL attempt %d failed: %s",
                what,
                state.attempt_number,
                one_line(str(state.outcome.exception())) if state.outcome else "",
            ),
        )
        for attempt in retrying:
            with attempt:
                try:
                    conn = self._pool.getconn()
                except PoolTimeout as exc:
                    raise _NotSent(self._why(exc)) from None
                try:
                    self._ensure_schema(conn)
                    return self._transaction(conn, work)
                finally:
                    self._pool.putconn(conn)  # the pool discards a broken connection
        raise AssertionError("unreachable: tenacity reraises")

    # --- OrderSink ---

    def start(self) -> None:
        """Connect and create the table now (called at start-up); a database that is down is retried later."""
        try:
            self._run("schema", lambda conn: None)
        except (psycopg.Error, _NotSent) as exc:
            log.error("PostgreSQL order store not reachable yet (%s); orders will retry it", one_line(str(exc)))

    def place(self, order: Order, gate: CommitGate | None = None) -> Placement:
        values = order_row(order)
        sent = False  # an attempt sent the INSERT: from then on, a failure may follow a stored order
        gate = gate or CommitGate()

        def insert(conn: psycopg.Connection[Any]) -> tuple[bool, tuple[str, int, str] | None]:
            nonlocal sent
            sent = True
            conn.execute(_CART_LOCK, (_CART_LOCK_CLASS, order.cart_id))  # a cancel of this cart: before or after
            cancelled = conn.execute(_CANCELLED, (order.cart_id, order.cart_revision, order.cart_id)).fetchone()
            if cancelled is not None:
                raise cancelled_before(order, cancelled[0])  # rolls the transaction back
            if conn.execute(_INSERT, values).fetchone() is not None:
                found = True, None
            else:
                found = False, conn.execute(_ORDER_OF_CART, (order.cart_id,)).fetchone()
            gate.enter()  # the transaction commits as this returns; a closed gate rolls it back
            return found

        try:
            inserted, row = self._run(f"order {order.order_id}", insert)
        except _NotSent as exc:
            if sent:  # the last attempt got no connection, but an earlier one may have stored the order
                log.error("order %s: PostgreSQL unreachable after sending: %s", order.order_id, one_line(str(exc)))
                raise self._unknown() from None
            log.error("order %s: PostgreSQL unreachable: %s", order.order_id, one_line(str(exc)))
            raise OrderDeliveryFailed(
                "the order could not be stored; nothing was ordered and your cart is unchanged, please try again"
            ) from None
        except psycopg.Error as exc:
            log.error("order %s: PostgreSQL failed after sending: %s", order.order_id, one_line(str(exc)))
            raise self._unknown() from None
        return placement_of(order, inserted, row)

    @staticmethod
    def _unknown() -> OrderOutcomeUnknown:
        return OrderOutcomeUnknown(
            "the order store stopped answering while taking the order, so it may or may not have been "
            "placed; retry the same checkout with the same cart token: it places the order at most once"
        )

    def cancel(self, cart_id: str, revision: int, now: int) -> bool:
        def record(conn: psycopg.Connection[Any]) -> tuple[str, int, str] | None:
            conn.execute(_CART_LOCK, (_CART_LOCK_CLASS, cart_id))  # after or before any placement of this cart
            row: tuple[str, int, str] | None = conn.execute(_ORDER_OF_CART, (cart_id,)).fetchone()
            if row is None:
                conn.execute(_CANCEL, (cart_id, revision, now))
            return row

        try:  # retried within the deadline: recording the same cancel twice is recording it once
            row = self._run(f"cancel {cart_id}", record)
        except (psycopg.Error, _NotSent) as exc:
            log.error("cancel of cart %s failed: %s", cart_id, self._why(exc))
            raise cannot_check(cart_id) from None
        if row is not None:
            raise other_content(json.loads(row[2]), "this cart was already ordered")
        log.info("cart %s cancelled up to rev %d", cart_id, revision)
        return True

    def lookup(self, cart_id: str, revision: int) -> dict[str, Any] | None:
        self._open()
        try:
            with self._pool.connection(timeout=1.0) as conn:
                self._ensure_schema(conn)
                row = self._transaction(conn, lambda c: c.execute(_ORDER_OF_CART, (cart_id,)).fetchone())
        except (psycopg.Error, PoolTimeout) as exc:
            log.error("order lookup for cart %s failed: %s", cart_id, self._why(exc))
            raise cannot_check(cart_id) from None
        return None if row is None else same_revision(row, revision)

    # --- reading (CLI) ---

    def _read(self, what: str, work: Any) -> Any:
        try:
            return self._run(what, work)
        except (psycopg.Error, _NotSent) as exc:
            raise ConnectionError(f"PostgreSQL order store unreachable: {exc}") from None

    def get(self, order_id: str) -> dict[str, Any] | None:
        """The order, or None. Raises ConnectionError when the database cannot be reached."""
        query = "SELECT body FROM voicecart_orders WHERE order_id = %s"
        row = self._read("get", lambda c: c.execute(query, (order_id,)).fetchone())
        return json.loads(row[0]) if row else None

    def recent(self, limit: int = 20, restaurant_id: str | None = None) -> list[dict[str, Any]]:
        """Newest first. Raises ConnectionError when the database cannot be reached."""
        where, params = ("WHERE restaurant_id = %s", (restaurant_id,)) if restaurant_id else ("", ())
        query = f"SELECT body FROM voicecart_orders {where} ORDER BY placed_at DESC, seq DESC LIMIT %s"
        rows = self._read("recent", lambda c: c.execute(query, (*params, limit)).fetchall())
        return [json.loads(r[0]) for r in rows]

    def close(self) -> None:
        self._pool.close()
