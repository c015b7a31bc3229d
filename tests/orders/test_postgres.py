"""The PostgreSQL order store against a real PostgreSQL on loopback: one order per cart by the
database's UNIQUE(cart_id), exactly as SQLite; a database that goes away is a clear error (never
a lost or doubled order) and the store recovers by itself when it is back."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import psycopg
import pytest

from app.core.menu import Menu
from app.errors import CartAlreadyOrdered, OrderDeliveryFailed
from app.orders.order import Order, build_order
from app.orders.postgres import PostgresSink
from tests.conftest import T0
from tests.orders.test_orders import ADA, burger_cart
from tests.postgres_server import PostgresServer

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
    assert info.value.details == {"order_id": order.order_id, "cart_revision": order.cart_revision}
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
            assert store.lookup(order.cart_id, order.cart_revision) is None  # a lookup degrades, never raises
        finally:
            postgres.start()
        placed = store.place(order)
        assert placed.created
        assert store.recent() == [placed.order]
    finally:
        store.close()
