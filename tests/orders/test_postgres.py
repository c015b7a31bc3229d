"""The PostgreSQL order store against a real PostgreSQL on loopback: one order per cart by the
database's UNIQUE(cart_id), exactly as SQLite; a database that goes away is a clear error (never
a lost or doubled order) and the store recovers by itself when it is back."""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import TypeVar

import psycopg
import pytest
from starlette.testclient import TestClient

from app.core.menu import Menu
from app.errors import CartAlreadyOrdered, CartCancelled, OrderDeliveryFailed, OrderOutcomeUnknown
from app.orders.order import Order, build_order
from app.orders.port import CommitGate
from app.orders.postgres import PostgresSink
from app.server.app import create_app
from app.settings import Settings
from tests.conftest import T0, FakeClock
from tests.postgres_server import PostgresServer
from tests.support.checkout import BURGERS, FRIES, checkout
from tests.support.doors import DOORS, refusal_code, said_cancelled
from tests.support.http import BASE, added, new_cart, send
from tests.support.orders import ADA, burger_cart
from tests.support.tools import ok_call

T = TypeVar("T")

pytestmark = pytest.mark.slow  # starts a real PostgreSQL

_databases = itertools.count()


def fresh_database(server: PostgresServer) -> str:
    """A new empty database on ``server``; its URL."""
    name = f"orders_{next(_databases)}"
    with psycopg.connect(server.url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")  # type: ignore[arg-type]  # our own counter
    return server.url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture
def database(postgres: PostgresServer) -> str:
    return fresh_database(postgres)


@pytest.fixture
def sink(database: str) -> Iterator[PostgresSink]:
    store = PostgresSink(database, deadline_seconds=3)
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def order(demo_menu: Menu) -> Order:
    return build_order(burger_cart(demo_menu), demo_menu, ADA, T0)[0]


def test_the_table_is_created_on_first_start(database: str, sink: PostgresSink) -> None:
    sink.start()
    with psycopg.connect(database) as conn:
        columns = conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'voicecart_orders'"
        ).fetchall()
        unique = conn.execute(
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'voicecart_orders'::regclass"
        ).fetchall()
    assert {"order_id", "cart_id", "cart_revision", "body"} <= {c[0] for c in columns}
    assert ("UNIQUE (cart_id)",) in unique


def test_places_once_and_returns_the_stored_order(sink: PostgresSink, order: Order) -> None:
    first = sink.place(order)
    assert first.created and first.order == order.to_dict()
    again = sink.place(replace(order, placed_at=T0 + 90))  # a retry built later: the same order
    assert not again.created and again.order == first.order
    assert sink.lookup(order.cart_id, order.cart_revision) == first.order
    assert sink.recent() == [first.order]
    assert sink.get(order.order_id) == first.order
    assert sink.get("ord_missing") is None


def test_another_revision_of_an_ordered_cart_is_refused(sink: PostgresSink, order: Order) -> None:
    sink.place(order)
    later = replace(order, cart_revision=order.cart_revision + 1)
    with pytest.raises(CartAlreadyOrdered) as info:
        sink.place(later)
    details = info.value.details
    assert (details["order_id"], details["cart_revision"]) == (order.order_id, order.cart_revision)
    assert [line["item_id"] for line in details["ordered_lines"]] == ["classic-burger", "fries"]  # what was ordered
    with pytest.raises(CartAlreadyOrdered):
        sink.lookup(order.cart_id, later.cart_revision)


def test_concurrent_placements_of_one_cart_make_one_order(sink: PostgresSink, order: Order) -> None:
    with ThreadPoolExecutor(8) as pool:
        placements = list(pool.map(lambda n: sink.place(replace(order, placed_at=T0 + n)), range(16)))
    assert sum(p.created for p in placements) == 1
    assert len({p.order["placed_at"] for p in placements}) == 1  # everyone got the stored order
    assert len(sink.recent(100)) == 1


def test_recent_filters_by_restaurant_newest_first(sink: PostgresSink, order: Order) -> None:
    older = replace(order, order_id="ord_a", cart_id="aa" * 8, placed_at=T0 - 60)
    other = replace(order, order_id="ord_b", cart_id="bb" * 8, restaurant_id="elsewhere")
    for placed in (older, order, other):
        sink.place(placed)
    assert [o["order_id"] for o in sink.recent(restaurant_id=order.restaurant_id)] == [order.order_id, "ord_a"]
    assert len(sink.recent(limit=2)) == 2


def test_a_database_down_is_a_clear_error_then_the_store_recovers(postgres: PostgresServer, order: Order) -> None:
    store = PostgresSink(fresh_database(postgres), deadline_seconds=1.5)
    try:
        store.start()
        postgres.stop()
        try:
            with pytest.raises(OrderDeliveryFailed) as info:
                store.place(order)  # no connection can be had: definitely nothing stored
            assert "nothing was ordered" in info.value.message
            with pytest.raises(OrderOutcomeUnknown):  # a lookup that fails is "can't check", never "no order"
                store.lookup(order.cart_id, order.cart_revision)
        finally:
            postgres.start()
        placed = store.place(order)
        assert placed.created
        assert store.recent() == [placed.order]
    finally:
        store.close()


def test_an_ordered_cart_retried_while_the_database_is_down_is_unknown_not_nothing_ordered(
    postgres: PostgresServer, order: Order, demo_menu: Menu
) -> None:
    """Issue #24: PostgreSQL down, a retried checkout of a cart that IS ordered answered 502 "nothing
    was ordered" (and with a moved price "Nothing was ordered: the total is now …")."""
    from app.orders.order import CheckoutRequest
    from app.orders.service import submit

    store = PostgresSink(fresh_database(postgres), deadline_seconds=1.5)
    try:
        state = burger_cart(demo_menu)
        submit(state, ADA, demo_menu, store, T0)
        postgres.stop()
        try:
            for request in (ADA, CheckoutRequest(ADA.customer, "pickup", expected_total_cents=1)):
                with pytest.raises(OrderOutcomeUnknown) as info:
                    submit(state, request, demo_menu, store, T0)
                assert info.value.details["reason"] == "lookup_failed"
        finally:
            postgres.start()
        again = _once_reachable(lambda: submit(state, ADA, demo_menu, store, T0))
        assert again.created is False and again.order["order_id"] == order.order_id
    finally:
        store.close()


def test_an_insert_waiting_when_its_checkout_was_answered_is_rolled_back(database: str, order: Order) -> None:
    """The INSERT waited on a lock while the checkout budget ran out and the customer was answered; when
    the lock went, the order was committed after the answer. A closed gate rolls the transaction back."""
    store = PostgresSink(database, deadline_seconds=30)
    try:
        store.start()
        gate = CommitGate()
        with psycopg.connect(database) as holder, ThreadPoolExecutor(1) as pool:
            holder.execute("LOCK TABLE voicecart_orders IN SHARE MODE")  # INSERTs wait; SELECTs do not
            placing = pool.submit(store.place, order, gate)
            deadline = time.monotonic() + 30
            waiting = "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT%'"
            with psycopg.connect(database, autocommit=True) as watcher:
                while watcher.execute(waiting).fetchone() != (1,):  # type: ignore[arg-type]
                    assert time.monotonic() < deadline, "the INSERT never waited"
                    time.sleep(0.02)
            assert gate.close()  # answered before any commit began
            holder.commit()  # the lock goes
            with pytest.raises(OrderDeliveryFailed):
                placing.result(timeout=30)
        assert store.lookup(order.cart_id, order.cart_revision) is None
    finally:
        store.close()


def test_a_refused_connection_logs_its_cause_in_one_line(
    postgres: PostgresServer, order: Order, caplog: pytest.LogCaptureFixture
) -> None:
    """The log said only "couldn't get a connection after 2.00 sec"; now why the database refused."""
    store = PostgresSink(postgres.url.rsplit("/", 1)[0] + "/no_such_database", deadline_seconds=1.0)
    try:
        with caplog.at_level("ERROR", logger="voicecart.orders"), pytest.raises(OrderDeliveryFailed):
            store.place(order)
    finally:
        store.close()
    (line,) = [r.getMessage() for r in caplog.records if "unreachable" in r.getMessage()]
    assert 'database "no_such_database" does not exist' in line and "\n" not in line


def _once_reachable(call: Callable[[], T], seconds: float = 15.0) -> T:
    """``call`` retried as the error tells a client to ("retry the same request shortly") while the pool
    reconnects to a restarted server in the background: under load the first try can still find no
    connection (a fresh-check run did)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            return call()
        except OrderOutcomeUnknown:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_the_http_cart_api_names_the_order_on_an_older_token_with_the_postgresql_store(
    database: str, settings: Settings, clock: FakeClock
) -> None:
    """The PostgreSQL store is looked up on a thread (a round trip), SQLite's on the event loop: both answer an
    older token of an ordered cart ``cart_already_ordered`` (tests/server/test_truthful_orders.py: SQLite)."""
    with TestClient(create_app(replace(settings, orders_url=database), clock=clock)) as client:
        older = new_cart(client, BURGERS)
        order = checkout(client, older).json()["order"]
        for method, body in (("GET", None), ("POST", {"item": "cookie"})):
            path = f"{BASE}/cart" + ("/items" if body else "")
            response = send(client, method, path, older, **({"json": body} if body else {}))
            assert response.status_code == 409, response.text
            assert response.json()["error"]["order_id"] == order["order_id"]


def test_an_older_copy_and_a_removed_menu_with_the_postgresql_store(
    database: str, settings: Settings, clock: FakeClock
) -> None:
    """Break16o §5 and §7 with PostgreSQL (SQLite's: tests/voice/test_ordered_forks.py, tests/server/
    test_menu_gone.py): a voice tool on an older copy shows the stored order as its cart; after the menu was
    removed a retried checkout answers the stored order, the older copy ``cart_already_ordered``."""
    with TestClient(create_app(replace(settings, orders_url=database), clock=clock)) as client:
        older = new_cart(client, BURGERS)
        later = added(client, older, FRIES)
        placed = checkout(client, later)
        order = placed.json()["order"]
        read = ok_call(client, "get_current_order", token=older)
        assert read["out"]["error"] == "cart_already_ordered" and read["cart"]["checked_out"] is True
        assert read["cart"]["lines"] == placed.json()["cart"]["lines"]
        (settings.menu_dir / "demo-burger.json").unlink()
        assert client.app.state.reloader.check() is True
        again = checkout(client, later)
        assert (again.status_code, again.json()["order"]) == (200, order)
        refused = checkout(client, older)
        assert (refused.status_code, refused.json()["error"]["code"]) == (409, "cart_already_ordered")


# --- a cancel and a placement of one cart (break16o §1; SQLite's: tests/orders/test_cancellations.py) ---------


def waits_on(database: str, statement: str, count: int = 1) -> None:
    """Until ``count`` sessions wait on a lock in a statement starting with ``statement`` (polled: the
    server's own view of who waits, as the gate test above reads it)."""
    deadline = time.monotonic() + 30
    query = "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE %s"
    with psycopg.connect(database, autocommit=True) as watcher:
        while watcher.execute(query, (statement + "%",)).fetchone() != (count,):
            assert time.monotonic() < deadline, f"nothing waited in {statement}"
            time.sleep(0.02)


def test_a_cancelled_cart_is_not_ordered_and_its_later_revision_is(sink: PostgresSink, demo_menu: Menu) -> None:
    state = burger_cart(demo_menu)
    assert sink.cancel(state.cart_id_hex, state.revision, T0) is True
    with pytest.raises(CartCancelled) as refused:
        sink.place(build_order(state, demo_menu, ADA, T0)[0])
    assert refused.value.details["cancelled_revision"] == state.revision
    assert sink.lookup(state.cart_id_hex, state.revision) is None
    later = burger_cart(demo_menu, quantity=3)._replace(revision=state.revision + 2)  # cleared, added again
    placed = sink.place(build_order(later, demo_menu, ADA, T0)[0])
    assert placed.created and placed.order["cart_revision"] == later.revision


def test_an_ordered_cart_is_not_cancelled(sink: PostgresSink, order: Order) -> None:
    sink.place(order)
    with pytest.raises(CartAlreadyOrdered) as refused:
        sink.cancel(order.cart_id, order.cart_revision, T0)
    assert refused.value.details["order_id"] == order.order_id
    assert sink.place(order).created is False  # no cancellation was recorded: a retry gets the order back


def test_a_cancel_while_the_placement_waits_on_the_table_waits_for_it_and_names_the_order(
    database: str, order: Order
) -> None:
    """The breaker's run: ``LOCK TABLE … SHARE ROW EXCLUSIVE`` held, a placement waiting on it, then the cancel.
    Under READ COMMITTED a cancel that only looked for the order saw none and said "cancelled"; now it
    waits on the cart's lock behind the placement and finds the order it committed."""
    store = PostgresSink(database, deadline_seconds=30)
    try:
        store.start()
        with psycopg.connect(database) as holder, ThreadPoolExecutor(2) as pool:
            holder.execute("LOCK TABLE voicecart_orders IN SHARE ROW EXCLUSIVE MODE")
            placing = pool.submit(store.place, order)
            waits_on(database, "INSERT")
            cancelling = pool.submit(store.cancel, order.cart_id, order.cart_revision, T0)
            waits_on(database, "SELECT pg_advisory_xact_lock")
            holder.commit()
            assert placing.result(timeout=30).created
            with pytest.raises(CartAlreadyOrdered):
                cancelling.result(timeout=30)
        assert store.lookup(order.cart_id, order.cart_revision) == order.to_dict()
    finally:
        store.close()


@pytest.mark.parametrize("door", list(DOORS))
def test_every_door_against_a_checkout_in_flight_with_the_postgresql_store(
    database: str, settings: Settings, clock: FakeClock, door: str
) -> None:
    """Voice cancel, ``clear_order`` and ``DELETE …/cart`` while the checkout waits on the table: the cancel
    waits for it and names the order (never "cancelled", then the order stored); a cancel before a checkout
    of the same token makes it ``cart_cancelled``, nothing ordered."""
    with TestClient(create_app(replace(settings, orders_url=database), clock=clock)) as client:
        cancelled_first = new_cart(client, BURGERS)
        assert said_cancelled(DOORS[door](client, cancelled_first))
        assert refusal_code(checkout(client, cancelled_first)) == "cart_cancelled"
        token = new_cart(client, BURGERS)
        with psycopg.connect(database) as holder, ThreadPoolExecutor(2) as pool:
            holder.execute("LOCK TABLE voicecart_orders IN SHARE ROW EXCLUSIVE MODE")
            placing = pool.submit(checkout, client, token)
            waits_on(database, "INSERT")
            cancelling = pool.submit(DOORS[door], client, token)
            waits_on(database, "SELECT pg_advisory_xact_lock")
            holder.commit()
            placed, cancelled = placing.result(timeout=30), cancelling.result(timeout=30)
        assert placed.status_code == 201, placed.text
        assert not said_cancelled(cancelled) and refusal_code(cancelled) == "cart_already_ordered"
    with psycopg.connect(database) as conn:
        assert conn.execute("SELECT count(*) FROM voicecart_orders").fetchone() == (1,)
