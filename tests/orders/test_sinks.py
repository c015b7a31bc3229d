"""Order sinks: SQLite (uniqueness by the database, WAL) and the webhook against a real receiver."""

from __future__ import annotations

import contextlib
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg_pool import PoolTimeout

from app.core.menu import Menu
from app.errors import CartAlreadyOrdered, ConfigError, OrderDeliveryFailed, OrderOutcomeUnknown
from app.orders.config import sink_from_settings as from_settings
from app.orders.order import Order, build_order
from app.orders.port import CommitGate, order_json
from app.orders.postgres import PostgresSink
from app.orders.sqlite import SqliteSink
from app.orders.webhook import WebhookSink, sign
from app.settings import Settings
from tests.conftest import T0
from tests.order_receiver import OrderReceiver
from tests.servers import free_port
from tests.support.orders import ADA, burger_cart

SECRET = "w" * 40


@pytest.fixture
def order(demo_menu: Menu) -> Order:
    return build_order(burger_cart(demo_menu), demo_menu, ADA, T0)[0]


def other_revision(order: Order) -> Order:
    return replace(order, cart_revision=order.cart_revision + 1, subtotal_cents=order.subtotal_cents + 100)


# --- SQLite -------------------------------------------------------------------------------------------


def test_sqlite_places_once_and_returns_the_stored_order(tmp_path: Path, order: Order) -> None:
    sink = SqliteSink(tmp_path / "nested" / "orders.sqlite3")
    first = sink.place(order)
    assert first.created and first.order == order.to_dict()
    # a retry built later (another placed_at) is the same order: the stored one comes back
    again = sink.place(replace(order, placed_at=T0 + 90))
    assert not again.created
    assert again.order == first.order
    assert sink.recent() == [first.order]
    assert sink.get(order.order_id) == first.order
    assert sink.get("ord_missing") is None


def test_sqlite_refuses_another_revision_with_the_existing_order_id(tmp_path: Path, order: Order) -> None:
    sink = SqliteSink(tmp_path / "orders.sqlite3")
    sink.place(order)
    with pytest.raises(CartAlreadyOrdered) as info:
        sink.place(other_revision(order))
    assert (info.value.status, info.value.code) == (409, "cart_already_ordered")
    assert info.value.details["order_id"] == order.order_id
    assert info.value.details["cart_revision"] == order.cart_revision
    assert len(sink.recent()) == 1


def test_sqlite_uniqueness_is_the_databases_and_wal_is_on(tmp_path: Path, order: Order) -> None:
    path = tmp_path / "orders.sqlite3"
    SqliteSink(path).place(order)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        with pytest.raises(sqlite3.IntegrityError):
            db.execute(
                "INSERT INTO orders (order_id, cart_id, restaurant_id, cart_revision, placed_at, total_cents, body)"
                " VALUES ('ord_other', ?, 'x', 0, 0, 0, '{}')",
                (order.cart_id,),
            )


def test_sqlite_concurrent_placements_make_one_order(tmp_path: Path, order: Order) -> None:
    path = tmp_path / "orders.sqlite3"
    sinks = [SqliteSink(path) for _ in range(4)]  # like four processes: separate connections
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda i: sinks[i % 4].place(replace(order, placed_at=T0 + i)), range(16)))
    assert sum(r.created for r in results) == 1
    assert len({r.order["placed_at"] for r in results}) == 1
    assert len(SqliteSink(path).recent(limit=100)) == 1


def test_sqlite_recent_filters_and_orders_newest_first(tmp_path: Path, order: Order) -> None:
    sink = SqliteSink(tmp_path / "orders.sqlite3")
    older = replace(order, order_id="ord_a", cart_id="aa" * 8, placed_at=T0 - 60)
    other = replace(order, order_id="ord_b", cart_id="bb" * 8, restaurant_id="elsewhere")
    for o in (older, order, other):
        sink.place(o)
    assert [o["order_id"] for o in sink.recent()] == ["ord_b", order.order_id, "ord_a"]
    assert [o["order_id"] for o in sink.recent(restaurant_id="elsewhere")] == ["ord_b"]
    assert len(sink.recent(limit=2)) == 2


def test_sqlite_failure_is_order_delivery_failed(tmp_path: Path, order: Order) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("")
    with pytest.raises(OrderDeliveryFailed) as info:
        SqliteSink(blocker / "orders.sqlite3").place(order)
    assert (info.value.status, info.value.code) == (502, "order_delivery_failed")


def test_reading_a_missing_database_says_so(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        SqliteSink(tmp_path / "none.sqlite3").recent()


def test_a_closed_gate_stores_nothing(tmp_path: Path, order: Order) -> None:
    """A checkout whose caller was answered (the budget ran out) closes its gate: the store rolls back
    rather than commit an order the customer may since have been told is cancelled."""
    sink = SqliteSink(tmp_path / "orders.sqlite3")
    gate = CommitGate()
    assert gate.close()  # no commit had begun
    with pytest.raises(OrderDeliveryFailed) as info:
        sink.place(order, gate)
    assert "placed nothing" in info.value.message
    assert sink.lookup(order.cart_id, order.cart_revision) is None
    entered = CommitGate()
    assert sink.place(order, entered).created
    assert not entered.close()  # a commit had begun: the outcome is not "nothing"


def test_a_closed_gate_starts_no_delivery(order: Order) -> None:
    with OrderReceiver(SECRET) as receiver:
        gate = CommitGate()
        gate.close()
        with pytest.raises(OrderDeliveryFailed):
            webhook(receiver.url).place(order, gate)
    assert receiver.attempts == 0


# --- webhook, against a real local receiver -------------------------------------------------------------


class FakeTime:
    """Monotonic time that only sleeps move, so the deadline is reached without waiting."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    def monotonic(self) -> float:
        return self.now


def webhook(url: str, clock: FakeTime | None = None, **options: float) -> WebhookSink:
    clock = clock or FakeTime()
    return WebhookSink(
        url, SECRET, options.pop("deadline", 5.0), sleep=clock.sleep, monotonic=clock.monotonic, **options
    )


def test_webhook_retries_5xx_then_delivers_once(order: Order) -> None:
    with OrderReceiver(SECRET, fail_first=2) as receiver:
        clock = FakeTime()
        placed = webhook(receiver.url, clock).place(order)
    assert placed.created and placed.order == order.to_dict()
    assert receiver.attempts == 3 and len(clock.sleeps) == 2
    assert receiver.orders == {order.order_id: order.to_dict()}
    assert receiver.bad_signatures == 0
    assert {h["idempotency-key"] for h in receiver.headers} == {order.order_id}
    assert {h["voicecart-signature"] for h in receiver.headers} == {sign(SECRET, order_json(order))}


def test_webhook_retry_of_a_delivered_order_is_not_a_second_order(order: Order) -> None:
    with OrderReceiver(SECRET) as receiver:
        sink = webhook(receiver.url)
        assert sink.place(order).created
        again = sink.place(replace(order, placed_at=T0 + 30))
        assert not again.created
        with pytest.raises(CartAlreadyOrdered) as info:
            sink.place(other_revision(order))
    assert info.value.details["order_id"] == order.order_id
    assert len(receiver.orders) == 1 and receiver.attempts == 3


def kitchens_own_form(kept: dict[str, Any]) -> dict[str, Any]:
    """What a kitchen may send back of an order it kept: its own fields, no totals, no customer."""
    lines = [{"name": line["name"], "qty": line["quantity"]} for line in kept["lines"]]
    return {"order_id": kept["order_id"], "lines": lines, "status": "accepted"}


def test_webhook_a_kept_order_in_the_kitchens_own_form_is_not_taken_as_the_order(order: Order) -> None:
    """A repeat answered with the kitchen's own form of the order (no totals, no customer, other line
    fields) was taken as the order of record: the caller got an "order" without a total, and the voice
    read-back of it failed after the order was placed. Only an order in voicecart's own shape is the
    kitchen's copy; anything else is a repeat whose details are unconfirmed (this attempt's order)."""
    with OrderReceiver(SECRET, kept_form=kitchens_own_form) as receiver:
        sink = webhook(receiver.url)
        assert sink.place(order).created
        again = sink.place(order)
    assert not again.created and not again.stored_copy
    assert again.order == order.to_dict()


@pytest.mark.parametrize("send_kept", [False, True], ids=["no order", "its own form"])
def test_webhook_a_conflict_without_the_kept_order_names_no_revision_it_does_not_know(
    order: Order, send_kept: bool
) -> None:
    """The receiver answered 409 (the key is known with another cart_revision) without the order it kept:
    ``cart_already_ordered`` said ``cart_revision`` was this attempt's revision, the one the kitchen does
    NOT hold. What was ordered is said only when known."""
    with OrderReceiver(SECRET, send_kept=send_kept, kept_form=kitchens_own_form) as receiver:
        sink = webhook(receiver.url)
        assert sink.place(order).created
        with pytest.raises(CartAlreadyOrdered) as info:
            sink.place(other_revision(order))
    assert info.value.details["order_id"] == order.order_id
    assert info.value.details.get("cart_revision") != order.cart_revision + 1
    assert "cart_revision" not in info.value.details and "ordered_lines" not in info.value.details


def test_webhook_retries_timeouts(order: Order) -> None:
    with OrderReceiver(SECRET, slow_first=1, slow_seconds=4.0) as receiver:
        placed = webhook(receiver.url, attempt_timeout_seconds=1.5).place(order)
    assert placed.created
    assert receiver.attempts == 2 and len(receiver.orders) == 1


def test_webhook_gives_up_at_the_deadline_with_growing_jittered_backoff(order: Order) -> None:
    clock = FakeTime()
    with OrderReceiver(SECRET, fail_first=1000, fail_status=500) as receiver:
        sink = webhook(receiver.url, clock, deadline=3.0, base_delay_seconds=0.1, max_delay_seconds=1.0)
        with pytest.raises(OrderDeliveryFailed) as info:
            sink.place(order)
    assert (info.value.status, info.value.code) == (502, "order_delivery_failed")
    assert info.value.details == {"attempts": receiver.attempts, "last_error": "HTTP 500"}
    assert receiver.attempts == len(clock.sleeps) + 1 > 2
    assert sum(clock.sleeps) <= 3.0  # bounded: never slept past the deadline
    for n, slept in enumerate(clock.sleeps, start=1):
        step = min(1.0, 0.1 * 2 ** (n - 1))
        assert step / 2 <= slept <= step
    assert receiver.orders == {}


def test_webhook_gives_up_after_max_attempts(order: Order) -> None:
    with OrderReceiver(SECRET, fail_first=1000, fail_status=429) as receiver, pytest.raises(OrderDeliveryFailed):
        webhook(receiver.url, deadline=60.0, max_attempts=3).place(order)
    assert receiver.attempts == 3


@pytest.mark.parametrize("status", [400, 401, 404, 422])
def test_webhook_client_errors_are_final(order: Order, status: int) -> None:
    receiver = OrderReceiver(SECRET, fail_first=1000, fail_status=status)
    with receiver, pytest.raises(OrderDeliveryFailed) as info:
        webhook(receiver.url).place(order)
    assert receiver.attempts == 1
    assert info.value.details["last_error"] == f"HTTP {status}"


def test_webhook_with_the_wrong_secret_is_refused_by_the_receiver(order: Order) -> None:
    with OrderReceiver("r" * 40) as receiver, pytest.raises(OrderDeliveryFailed):
        webhook(receiver.url).place(order)
    assert receiver.bad_signatures == 1 and receiver.orders == {}


def test_webhook_connection_refused_is_retried_then_fails(order: Order) -> None:
    clock = FakeTime()
    with pytest.raises(OrderDeliveryFailed) as info:
        webhook(f"http://127.0.0.1:{free_port()}/orders", clock, deadline=2.0).place(order)
    assert info.value.details["attempts"] == len(clock.sleeps) + 1 > 1
    assert info.value.details["last_error"].startswith("connection error")


def test_a_kitchen_that_stores_but_answers_too_late_is_an_unknown_outcome_never_nothing_ordered(order: Order) -> None:
    with OrderReceiver(SECRET, answer_after_storing=2.0) as receiver:
        sink = WebhookSink(receiver.url, SECRET, 1.5, attempt_timeout_seconds=0.5)  # real time
        with pytest.raises(OrderOutcomeUnknown) as info:
            sink.place(order)
        assert (info.value.status, info.value.code) == (504, "order_outcome_unknown")
        assert "nothing was ordered" not in info.value.message and "retry the same checkout" in info.value.message
        assert receiver.orders == {order.order_id: order.to_dict()}  # the kitchen has it
        receiver.answer_after_storing = 0
        retried = webhook(receiver.url).place(order)  # the same checkout again: the receiver recognises it
    assert not retried.created and retried.order == order.to_dict()
    assert len(receiver.orders) == 1


@pytest.mark.parametrize("status", [400, 422])
def test_a_kitchen_that_stored_the_order_then_refuses_the_retry_is_an_unknown_outcome(
    order: Order, status: int
) -> None:
    """The first attempt reached the kitchen, which stored it and answered too late; the retry was refused
    with a 4xx (a receiver refusing a key it knows). That final refusal made the whole checkout 502
    "could not be delivered … your cart is unchanged" while the kitchen held the order from attempt one."""
    with OrderReceiver(SECRET, answer_after_storing=2.0, refuse_repeats=status) as receiver:
        sink = WebhookSink(receiver.url, SECRET, 3.0, attempt_timeout_seconds=0.5)  # real time
        with pytest.raises(OrderOutcomeUnknown) as info:
            sink.place(order)
        assert receiver.orders == {order.order_id: order.to_dict()}  # the kitchen has it
    assert receiver.attempts == 2 and info.value.details["last_error"] == f"HTTP {status}"
    assert "could not be delivered" not in info.value.message and "may or may not" in info.value.message


def test_a_kitchen_that_never_got_the_order_is_a_definite_failure(order: Order) -> None:
    with pytest.raises(OrderDeliveryFailed) as info:  # connection refused: nothing was sent by this call
        webhook(f"http://127.0.0.1:{free_port()}/orders", deadline=1.0).place(order)
    # definite for this attempt; whether an earlier checkout reached the kitchen, the webhook cannot know
    # (the checkout service adds may_be_ordered), so it never says "nothing was ordered"
    assert "could not be delivered" in info.value.message and "nothing was ordered" not in info.value.message


# --- PostgreSQL (the real database: tests/orders/test_postgres.py) ----------------------------------------------


class _NoRows:
    def fetchone(self) -> None:
        return None


class _BrokenAfterSending:
    """A connection that sends the INSERT and loses the answer (the server went away mid-commit); the
    statements before it (the cart's lock, its cancellation) find nothing."""

    def transaction(self) -> contextlib.AbstractContextManager[None]:
        return contextlib.nullcontext()

    def execute(self, query: str, params: object = None) -> object:
        if query.startswith("INSERT"):
            raise psycopg.OperationalError("server closed the connection unexpectedly")
        return _NoRows()


class _GoneAfterOneConnection:
    """A pool that hands out one connection, then none: the database stays down."""

    def __init__(self) -> None:
        self.given = 0

    def getconn(self) -> _BrokenAfterSending:
        self.given += 1
        if self.given > 1:
            raise PoolTimeout("couldn't get a connection after 0.1 sec")
        return _BrokenAfterSending()

    def putconn(self, conn: object) -> None:
        pass


def test_postgres_an_insert_sent_then_a_database_gone_is_unknown_never_nothing_ordered(order: Order) -> None:
    """The first attempt's INSERT reached the database and the connection broke before the answer (it
    may be committed); every retry found no connection. The last error alone said "nothing was
    ordered" (502) about an order that may be stored."""
    sink = PostgresSink("postgresql://nobody@127.0.0.1:1/none", deadline_seconds=0.5)
    sink._pool = _GoneAfterOneConnection()  # type: ignore[assignment]
    sink._opened = sink._schema_ready = True
    with pytest.raises(OrderOutcomeUnknown) as info:
        sink.place(order)
    assert "nothing was ordered" not in info.value.message and "retry the same checkout" in info.value.message
    assert sink._pool.given > 1  # type: ignore[attr-defined]  # it did retry


# --- configuration ------------------------------------------------------------------------------------------


def test_from_settings_picks_the_sink(tmp_path: Path) -> None:
    default = from_settings(Settings(data_dir=tmp_path))
    assert isinstance(default, SqliteSink) and default.path == tmp_path / "orders.sqlite3"
    chosen = from_settings(Settings(data_dir=tmp_path, orders_db=tmp_path / "x.db"))
    assert isinstance(chosen, SqliteSink) and chosen.path == tmp_path / "x.db"
    hook = from_settings(Settings(order_webhook_url="https://kitchen.example/orders", order_webhook_secret=SECRET))
    assert isinstance(hook, WebhookSink) and hook.url == "https://kitchen.example/orders"
    shared = from_settings(Settings(orders_url="postgresql://u:p@127.0.0.1:1/orders", checkout_timeout_seconds=6))
    assert isinstance(shared, PostgresSink) and shared.deadline_seconds == 4  # inside the checkout budget
    assert default.busy_timeout == Settings().checkout_timeout_seconds * 2 / 3


@pytest.mark.parametrize(
    "env",
    [
        {"CART_ORDERS_URL": "mysql://u@h/db"},
        {"CART_ORDERS_URL": "postgresql://u@h/db", "CART_ORDER_WEBHOOK_URL": "https://k/o"},
    ],
)
def test_from_settings_refuses_a_bad_orders_url(env: dict[str, str]) -> None:
    with pytest.raises(ConfigError):
        from_settings(Settings.from_env({**env, "CART_ORDER_WEBHOOK_SECRET": SECRET}))


def test_the_webhook_deadline_must_sit_inside_the_checkout_budget() -> None:
    hook = {"CART_ORDER_WEBHOOK_URL": "https://k.example/o", "CART_ORDER_WEBHOOK_SECRET": SECRET}
    with pytest.raises(ConfigError, match="CART_CHECKOUT_TIMEOUT_SECONDS"):
        Settings.from_env({**hook, "CART_CHECKOUT_TIMEOUT_SECONDS": "10", "CART_ORDER_WEBHOOK_DEADLINE_SECONDS": "10"})
    assert Settings.from_env({"CART_CHECKOUT_TIMEOUT_SECONDS": "4"}).order_webhook_deadline_seconds == 3


@pytest.mark.parametrize(
    ("url", "secret"),
    [
        ("https://kitchen.example/orders", ""),
        ("https://kitchen.example/o", "short"),
        ("ftp://k/o", SECRET),
        ("k", SECRET),
    ],
)
def test_from_settings_refuses_a_bad_webhook_config(url: str, secret: str) -> None:
    with pytest.raises(ConfigError):
        from_settings(Settings(order_webhook_url=url, order_webhook_secret=secret))


def test_settings_read_the_order_variables(tmp_path: Path) -> None:
    env = {
        "CART_ORDERS_DB": str(tmp_path / "o.db"),
        "CART_ORDER_WEBHOOK_URL": " http://127.0.0.1:9/orders ",
        "CART_ORDER_WEBHOOK_SECRET": SECRET,
        "CART_ORDER_WEBHOOK_DEADLINE_SECONDS": "4",
    }
    settings = Settings.from_env(env)
    assert settings.orders_db_path == tmp_path / "o.db"
    assert settings.order_webhook_url == "http://127.0.0.1:9/orders"
    assert settings.order_webhook_deadline_seconds == 4
    assert SECRET not in repr(settings)
    with pytest.raises(ConfigError):
        Settings.from_env({"CART_ORDER_WEBHOOK_DEADLINE_SECONDS": "0"})


def test_sqlite_lookup_finds_the_order_of_this_revision(tmp_path: Path, order: Order) -> None:
    sink = SqliteSink(tmp_path / "orders.sqlite3")
    assert sink.lookup(order.cart_id, order.cart_revision) is None  # no file yet: nothing ordered
    sink.place(order)
    assert sink.lookup(order.cart_id, order.cart_revision) == order.to_dict()
    assert sink.lookup("00" * 8, 0) is None
    with pytest.raises(CartAlreadyOrdered) as info:
        sink.lookup(order.cart_id, order.cart_revision + 1)
    assert info.value.details["order_id"] == order.order_id


def test_webhook_lookup_leaves_repeats_to_the_receiver(order: Order) -> None:
    assert webhook("http://127.0.0.1:9/orders").lookup(order.cart_id, order.cart_revision) is None
